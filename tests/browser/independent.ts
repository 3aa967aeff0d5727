/**
 * Expected overview figures computed without the app: the raw export files are parsed here with
 * papaparse, their columns named by hand (as the import's mapping screen shows them), and the figures
 * computed by the reference implementation (tests/reference: plain TypeScript loops, no SQL), over
 * scopes worked out here from the definitions. What the page shows is then compared with these, as
 * text formatted here: nothing of the app's import, metric, scope or format code is used.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { defaultSettings, type Settings } from '../../src/lib/metrics/settings';
import { referenceMetrics, type RefData, type RefRow } from '../reference/reference';

/** A column of the export: its header, and how to read a cell. */
interface Column {
	header: string;
	kind?: 'date' | 'number' | 'event kind';
}
type TableSpec = Record<string, Column>;

/** The sample's columns (sample-data/README.md), canonical name → export header. */
export const SAMPLE_COLUMNS: Record<'cases' | 'goals' | 'events' | 'staff', TableSpec> = {
	cases: {
		case_id: { header: 'Matter Number' },
		opened_at: { header: 'Date Opened', kind: 'date' },
		closed_at: { header: 'Date Closed', kind: 'date' },
		case_type: { header: 'Case Type' },
		worker: { header: 'Primary Advocate' },
		office: { header: 'Office' },
		priority: { header: 'Priority' },
		status: { header: 'Status' },
		close_reason: { header: 'Closing Code' },
		intake_at: { header: 'Intake Date', kind: 'date' },
		first_contact_at: { header: 'First Contact', kind: 'date' },
		due_at: { header: 'Next Review Due', kind: 'date' },
		last_activity_at: { header: 'Last Activity', kind: 'date' },
		satisfaction: { header: 'Satisfaction (0-10)', kind: 'number' }
	},
	goals: {
		case_id: { header: 'Matter Number' },
		goal_id: { header: 'Goal ID' },
		set_at: { header: 'Goal Set', kind: 'date' },
		target_at: { header: 'Target Date', kind: 'date' },
		achieved_at: { header: 'Achieved Date', kind: 'date' },
		status: { header: 'Goal Status' },
		gas_score: { header: 'GAS Score', kind: 'number' },
		weight: { header: 'Weight', kind: 'number' }
	},
	events: {
		case_id: { header: 'Matter Number' },
		kind: { header: 'Event Type', kind: 'event kind' },
		due_at: { header: 'Due Date', kind: 'date' },
		done_at: { header: 'Completed Date', kind: 'date' }
	},
	staff: {
		worker: { header: 'Advocate' },
		office: { header: 'Office' },
		fte: { header: 'FTE', kind: 'number' },
		capacity: { header: 'Capacity', kind: 'number' }
	}
};

/** Baltimore's 311 export: the columns the mapping screen offers for it (the agency stands as the worker). */
export const BALTIMORE_COLUMNS: TableSpec = {
	case_id: { header: 'ServiceRequestNum' },
	opened_at: { header: 'CreatedDate', kind: 'date' },
	closed_at: { header: 'CloseDate', kind: 'date' },
	case_type: { header: 'SRType' },
	worker: { header: 'Agency' },
	status: { header: 'SRStatus' },
	close_reason: { header: 'Outcome' },
	due_at: { header: 'DueDate', kind: 'date' },
	last_activity_at: { header: 'LastActivityDate', kind: 'date' }
};

/** The sample's event types, as their words say. */
const EVENT_KINDS: Record<string, string> = {
	'Client contact': 'contact',
	'Case review': 'review',
	'Court hearing': 'hearing',
	'Filing deadline': 'deadline',
	Other: 'other'
};

/** 'MM/DD/YYYY', 'MM/DD/YYYY HH:MM' or 'MM/DD/YYYY hh:mm:ss AM' → 'YYYY-MM-DD[ hh:mm:ss]'. */
export function usDate(text: string): { value: string; timed: boolean } {
	const m = /^(\d{2})\/(\d{2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?(?: ([AP]M))?)?$/.exec(
		text
	);
	if (!m) throw new Error(`independent: not a US date: ${text}`);
	const day = `${m[3]}-${m[1]}-${m[2]}`;
	if (m[4] === undefined) return { value: day, timed: false };
	let hour = Number(m[4]);
	if (m[7] === 'PM' && hour < 12) hour += 12;
	if (m[7] === 'AM' && hour === 12) hour = 0;
	return {
		value: `${day} ${String(hour).padStart(2, '0')}:${m[5]}:${m[6] ?? '00'}`,
		timed: true
	};
}

/** Reads one export into canonical rows; `timed` lists the date columns that carry a time of day. */
function readTable(file: string, spec: TableSpec): { rows: RefRow[]; timed: Set<string> } {
	const parsed = Papa.parse<Record<string, string>>(readFileSync(file, 'utf8'), {
		header: true,
		skipEmptyLines: true
	});
	if (parsed.errors.length) throw new Error(`independent: ${file}: ${parsed.errors[0].message}`);
	const timed = new Set<string>();
	const rows = parsed.data.map((raw) => {
		const row: RefRow = {};
		for (const [name, col] of Object.entries(spec)) {
			const cell = (raw[col.header] ?? '').trim();
			if (cell === '') row[name] = null;
			else if (col.kind === 'number') row[name] = Number(cell);
			else if (col.kind === 'event kind') row[name] = EVENT_KINDS[cell] ?? 'other';
			else if (col.kind === 'date') {
				const d = usDate(cell);
				if (d.timed) timed.add(name);
				row[name] = d.value;
			} else row[name] = cell;
		}
		return row;
	});
	return { rows, timed };
}

function tableInfo(file: string, spec: TableSpec, rows: number, timed: Set<string>) {
	const columns = Object.fromEntries(
		Object.entries(spec).map(([name, col]) => [
			name,
			{ source: col.header, ...(col.kind === 'date' ? { hasTime: timed.has(name) } : {}) }
		])
	);
	return { fileName: file, importedAt: '', rows, columns };
}

/** The sample's four files (or a folder with files of the same shape) as the reference's input. */
export function readSample(dir: string): RefData {
	const data: RefData = { cases: [], goals: [], events: [], staff: [], dataset: { tables: {} } };
	for (const table of ['cases', 'goals', 'events', 'staff'] as const) {
		const file = `${dir}/${table}.csv`;
		const { rows, timed } = readTable(file, SAMPLE_COLUMNS[table]);
		data[table] = rows;
		data.dataset.tables[table] = tableInfo(file, SAMPLE_COLUMNS[table], rows.length, timed);
	}
	return data;
}

/** One cases export with the given columns. */
export function readCases(file: string, spec: TableSpec): RefData {
	const { rows, timed } = readTable(file, spec);
	return {
		cases: rows,
		goals: [],
		events: [],
		staff: [],
		dataset: { tables: { cases: tableInfo(file, spec, rows.length, timed) } }
	};
}

// ---------------------------------------------------------------- scopes, from their definitions

export interface RefScope {
	asOf: string;
	from: string;
	to: string;
	filters: Record<'office' | 'case_type' | 'worker' | 'priority' | 'status', (string | null)[]>;
}

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
	let latest = '';
	let column = '';
	for (const c of data.cases)
		for (const col of ['opened_at', 'closed_at'])
			if (c[col] && String(c[col]) > latest) [latest, column] = [String(c[col]), col];
	const timed = data.dataset.tables.cases?.columns[column]?.hasTime;
	return viewEnding(timed ? latest : latest.slice(0, 10), filters);
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
const exactly2 = new Intl.NumberFormat('en-US', {
	minimumFractionDigits: 2,
	maximumFractionDigits: 2
});

/** A value as a tile shows it: shares as percent with one decimal, ratios with two, others with one. */
export function shown(value: number | null, unit: string): string {
	if (value === null || !Number.isFinite(value)) return '–';
	if (unit === 'share') return `${upTo1.format(value * 100)}%`;
	if (unit === 'ratio') return exactly2.format(value);
	return upTo1.format(value);
}

/** A change as a tile shows it: its sign ('+', '−', or '±' when it shows as zero), shares in points. */
export function shownChange(now: number | null, before: number | null, unit: string): string {
	if (now === null || before === null) return '–';
	const delta = now - before;
	const text =
		unit === 'share' ? `${upTo1.format(Math.abs(delta) * 100)} pp` : shown(Math.abs(delta), unit);
	const zero = /^[0.,]+( pp)?$/.test(text.replace('%', ''));
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
	settings: Settings = defaultSettings()
): Record<TileId, ExpectedTile> {
	const at = (s: RefScope) => {
		const r = referenceMetrics(data, s as never, settings);
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
