/**
 * Expected overview figures computed without the app: the raw export files are parsed by the
 * reference (tests/reference: papaparse through a written-down column mapping, plain TypeScript
 * loops from the field's definitions, nothing from src), over scopes worked out here from their
 * definitions; what the page shows is compared with these as text formatted here. Nothing of the
 * app's import, metric, scope or format code is used.
 */
import {
	BALTIMORE_COLUMNS,
	readExport,
	refSettings,
	referenceMetrics,
	SAMPLE_COLUMNS,
	type RefData,
	type RefScope,
	type RefSettings
} from '../reference/reference';

export type { RefData, RefScope };

/** The sample's four files (sample-data/*.csv) as the reference reads them. */
export function readSample(dir: string): RefData {
	const files = ['cases', 'goals', 'events', 'staff'].map((t) => [t, `${dir}/${t}.csv`]);
	return readExport(Object.fromEntries(files), SAMPLE_COLUMNS);
}

/** Baltimore's 311 export (the agency stands as the worker), as the reference reads it. */
export function readBaltimore(file: string): RefData {
	return readExport({ cases: file }, BALTIMORE_COLUMNS);
}

// ---------------------------------------------------------------- scopes, from their definitions

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const ms = (date: string) => Date.parse(`${date}T00:00:00Z`);
/** The same day `n` months on, clamped to the month's last day (31 March less one month: 28/29 February). */
function monthsOn(date: string, n: number): string {
	const [y, m, d] = date.split('-').map(Number);
	const last = new Date(Date.UTC(y, m - 1 + n + 1, 0)).getUTCDate();
	return iso(Date.UTC(y, m - 1 + n, Math.min(d, last)));
}

/**
 * The default view: as of the latest opened or closed moment of the data (with its time of day when
 * that column has one), over the 12 months ending that day.
 */
export function defaultView(data: RefData, filters: Partial<RefScope['filters']> = {}): RefScope {
	let latest = { ms: -Infinity, timed: false };
	for (const c of data.cases.rows)
		for (const col of ['opened_at', 'closed_at']) {
			const m = c[col];
			if (m && typeof m === 'object' && m.ms > latest.ms) latest = m;
		}
	const text = new Date(latest.ms).toISOString().replace('T', ' ').slice(0, 19);
	return viewEnding(latest.timed ? text : text.slice(0, 10), filters);
}

/** The 12 months ending on the as-of day, as of `asOf`. */
export function viewEnding(asOf: string, filters: Partial<RefScope['filters']> = {}): RefScope {
	const to = asOf.slice(0, 10);
	return {
		asOf,
		from: iso(ms(monthsOn(to, -12)) + DAY),
		to,
		filters: { office: [], case_type: [], worker: [], priority: [], status: [], ...filters }
	};
}

/** The period of the same number of days just before, as of its last day. */
export function previousPeriod(s: RefScope): RefScope {
	const days = (ms(s.to) - ms(s.from)) / DAY + 1;
	const to = iso(ms(s.from) - DAY);
	return { ...s, from: iso(ms(to) - (days - 1) * DAY), to, asOf: to };
}

/** The same dates a year earlier (the as-of keeps its time of day). */
export function yearEarlier(s: RefScope): RefScope {
	return {
		...s,
		from: monthsOn(s.from, -12),
		to: monthsOn(s.to, -12),
		asOf: monthsOn(s.asOf.slice(0, 10), -12) + s.asOf.slice(10)
	};
}

/** The 12 calendar months up to the as-of day, each on its own (the last one ends at the as-of). */
export function lastTwelveMonths(s: RefScope): RefScope[] {
	const end = s.asOf.slice(0, 10);
	return Array.from({ length: 12 }, (_, k) => {
		const from = monthsOn(`${end.slice(0, 7)}-01`, k - 11);
		const lastDay = iso(ms(monthsOn(from, 1)) - DAY);
		return k === 11 ? { ...s, from, to: end } : { ...s, from, to: lastDay, asOf: lastDay };
	});
}

// ---------------------------------------------------------------- what a tile should show

export const OVERVIEW_UNITS = {
	clearance_rate: 'ratio',
	days_to_close_median: 'days',
	km_median_days: 'days',
	backlog_share: 'share',
	goals_met_rate: 'share',
	gas_t_mean: 'T score',
	caseload_cv: 'ratio',
	over_capacity_workers: 'workers',
	first_contact_on_time: 'share',
	deadlines_met_rate: 'share',
	stale_cases: 'cases'
} as const;
export type TileId = keyof typeof OVERVIEW_UNITS;
export const TILE_IDS = Object.keys(OVERVIEW_UNITS) as TileId[];

const upTo1 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const exactly1 = new Intl.NumberFormat('en-US', {
	minimumFractionDigits: 1,
	maximumFractionDigits: 1
});
const exactly2 = new Intl.NumberFormat('en-US', {
	minimumFractionDigits: 2,
	maximumFractionDigits: 2
});

/**
 * A duration as the app words it: one decimal and its word, in hours when it shows as less than
 * 24.0 hours ("2.4 hours", "1.0 day", "42.0 days"); the word is singular only for a shown 1.0.
 */
function duration(days: number): string {
	const hours = Math.round(days * 24 * 10) / 10;
	if (Math.abs(hours) < 24)
		return `${exactly1.format(hours)} ${Math.abs(hours) === 1 ? 'hour' : 'hours'}`;
	const d = Math.round(days * 10) / 10;
	return `${exactly1.format(d)} ${Math.abs(d) === 1 ? 'day' : 'days'}`;
}

/** A value as a tile shows it: shares in percent with one decimal, ratios with two, durations worded. */
export function shown(value: number | null, unit: string): string {
	if (value === null || !Number.isFinite(value)) return '–';
	if (unit === 'share') return `${exactly1.format(value * 100)}%`;
	if (unit === 'ratio') return exactly2.format(value);
	if (unit === 'days') return duration(value);
	// Scores always show their decimal; counts are whole, and one that is not (an average) shows one.
	if (unit === 'score' || unit === 'T score' || !Number.isInteger(value))
		return exactly1.format(value);
	return upTo1.format(value);
}

/** A change as a tile shows it: its sign ('+', '−', or '±' when it shows as zero), shares in points. */
export function shownChange(now: number | null, before: number | null, unit: string): string {
	if (now === null || before === null) return '–';
	const delta = now - before;
	const text =
		unit === 'share'
			? `${exactly1.format(Math.abs(delta) * 100)} pp`
			: shown(Math.abs(delta), unit);
	const zero = Number(text.replace(/[^0-9.]/g, '')) === 0;
	return `${zero ? '±' : delta > 0 ? '+' : '−'}${text}`;
}

export interface ExpectedTile {
	value: string;
	previous: string;
	yearAgo: string;
	spark: string[];
	raw: number | null;
}

/** Every overview tile as it should read for `scope`, from the reference over `data`. */
export function expectedTiles(
	data: RefData,
	scope: RefScope,
	settings: RefSettings = refSettings()
): Record<TileId, ExpectedTile> {
	const at = (s: RefScope) => {
		const r = referenceMetrics(data, s, settings);
		return (id: TileId) => {
			const v = r[id]?.value;
			return v === undefined ? null : v;
		};
	};
	const now = at(scope);
	const prev = at(previousPeriod(scope));
	const year = at(yearEarlier(scope));
	const months = lastTwelveMonths(scope).map(at);
	return Object.fromEntries(
		TILE_IDS.map((id) => {
			const unit = OVERVIEW_UNITS[id];
			return [
				id,
				{
					value: shown(now(id), unit),
					previous: shownChange(now(id), prev(id), unit),
					yearAgo: shownChange(now(id), year(id), unit),
					spark: months.map((m) => shown(m(id), unit)),
					raw: now(id)
				}
			];
		})
	) as Record<TileId, ExpectedTile>;
}

// ---------------------------------------------------------------- large files, streamed

export interface StreamedFigures {
	/** The latest opened or closed date in the file. */
	latest: string;
	/** Per scope: cases opened and closed in it, and the days to close of those closed in it. */
	scopes: { opened: number; closed: number; medianDays: number | null }[];
}

/**
 * Clearance and median days to close of a large sample-shaped cases file (date-only `MM/DD/YYYY`
 * columns, no quoted fields), read line by line, for scopes given as functions of the latest date.
 * Definitions: clearance = closed in the period / opened in the period; days to close = closing day
 * minus opening day over the cases closed in the period (a closing before the opening counts as the
 * opening day); the median of an even count is the mean of the two middle values.
 */
export async function streamedFigures(
	file: string,
	scopes: (latest: string) => RefScope[]
): Promise<StreamedFigures> {
	const { createReadStream } = await import('node:fs');
	const { createInterface } = await import('node:readline');
	const lines = () => createInterface({ input: createReadStream(file), crlfDelay: Infinity });
	const day = (us: string) =>
		us === '' ? '' : `${us.slice(6, 10)}-${us.slice(0, 2)}-${us.slice(3, 5)}`;
	let header: string[] | null = null;
	let latest = '';
	for await (const line of lines()) {
		if (!header) {
			header = line.split(',');
			continue;
		}
		const cells = line.split(',');
		const opened = day(cells[header.indexOf('Date Opened')]);
		const closed = day(cells[header.indexOf('Date Closed')]);
		if (opened > latest) latest = opened;
		if (closed > latest) latest = closed;
	}
	const wanted = scopes(latest);
	const counts = wanted.map(() => ({ opened: 0, closed: 0, days: [] as number[] }));
	header = null;
	let at: Record<string, number> = {};
	for await (const line of lines()) {
		if (!header) {
			header = line.split(',');
			at = Object.fromEntries(header.map((h, i) => [h, i]));
			continue;
		}
		if (line.includes('"')) throw new Error(`streamedFigures: a quoted field: ${line}`);
		const cells = line.split(',');
		const opened = day(cells[at['Date Opened']]);
		let closed = day(cells[at['Date Closed']]);
		if (closed !== '' && closed < opened) closed = opened;
		wanted.forEach((s, k) => {
			if (s.filters.office.length && !s.filters.office.includes(cells[at.Office])) return;
			if (opened >= s.from && opened <= s.to) counts[k].opened++;
			if (closed !== '' && closed >= s.from && closed <= s.to) {
				counts[k].closed++;
				counts[k].days.push((ms(closed) - ms(opened)) / DAY);
			}
		});
	}
	return {
		latest,
		scopes: counts.map(({ opened, closed, days }) => {
			const d = Float64Array.from(days).sort();
			const mid = d.length / 2;
			const medianDays =
				d.length === 0 ? null : d.length % 2 ? d[Math.floor(mid)] : (d[mid - 1] + d[mid]) / 2;
			return { opened, closed, medianDays };
		})
	};
}

/** Months as en-US (the test browser's locale) abbreviates them, written here, not by the app: "Oct 2025". */
const US_MONTHS = [
	'Jan',
	'Feb',
	'Mar',
	'Apr',
	'May',
	'Jun',
	'Jul',
	'Aug',
	'Sep',
	'Oct',
	'Nov',
	'Dec'
];

/** 'YYYY-MM' (or a longer ISO date) as en-US labels the month: "2025-10" → "Oct 2025". */
export function usMonth(iso: string): string {
	return `${US_MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
}

/** An en-US month label back as 'YYYY-MM': "Oct 2025" → "2025-10". */
export function isoOfUsMonth(label: string): string {
	return `${label.slice(4)}-${String(US_MONTHS.indexOf(label.slice(0, 3)) + 1).padStart(2, '0')}`;
}
