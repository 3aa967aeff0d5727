/**
 * The report model: everything the printed report shows, assembled from the metric engine's
 * results (`ReportData`) and the template, with disclosure control applied. Pure: the page renders
 * it, the tests check it. Every number is a metric result formatted with `format.ts`.
 */
import {
	ageBuckets,
	caseloadByWorker,
	closeByType,
	complianceMonthly,
	goalsByWorker,
	kmCurves,
	outcomeMix,
	throughputMonthly,
	type ChartSpec
} from '../charts/options';
import { monthLabel } from '../charts/format';
import { CATALOGUE, OVERVIEW_IDS, areaEntries, metricEntry } from '../metrics/catalogue';
import { asOfDate, type Scope } from '../metrics/scope';
import type { Settings } from '../metrics/settings';
import {
	AREAS,
	type Area,
	type Cell,
	type ColumnDoc,
	type MetricResult,
	type ResultRow,
	type ScalarResult
} from '../metrics/types';
import type { DatasetInfo } from '../model/dataset';
import { TARGETS, targetMissed } from '../metrics/targets';
import { Disclosure, TABLE_RULES, discloseRows, isCountUnit, isDerivedUnit } from './disclosure';
import { changeText, dateText, figureText, formatValue, instantText } from './format';
import type { ExceptionData, ExceptionId, ReportData } from './gather';
import { WORKER_COMPARE_IDS } from './gather';
import { narrative, type NarrativeFigure } from './narrative';
import { COMPARISONS, type ReportTemplate } from './template';

export interface ReportCell {
	text: string;
	numeric: boolean;
	/** A count (cases, goals …): what disclosure control suppresses when small. */
	count: boolean;
	suppressed: boolean;
}

export interface ReportColumn {
	key: string;
	label: string;
	numeric: boolean;
}

export interface ReportTable {
	id: string;
	title: string;
	columns: ReportColumn[];
	rows: ReportCell[][];
	/** Shown under the table (e.g. "first 50 of 212"). */
	note: string | null;
	/** Shown instead of an empty table. */
	empty: string | null;
}

export interface FigureRow {
	id: string;
	title: string;
	unit: string;
	/** The engine's value (null when undefined, unavailable or suppressed). */
	value: number | null;
	text: string;
	before: number | null;
	beforeText: string;
	change: string;
	target: string | null;
	missed: boolean;
	suppressed: boolean;
	/** Why there is no value ("not available: …"), if there is none. */
	note: string | null;
}

export interface ChartBlock {
	spec: ChartSpec;
	caption: string;
}

/** A chart, or a table (with its heading unless it is the table of the chart just before it). */
export type AreaBlock =
	{ kind: 'chart'; chart: ChartBlock } | { kind: 'table'; table: ReportTable; heading: boolean };

export interface AreaSection {
	id: Area;
	title: string;
	figures: FigureRow[];
	/** Charts, each followed by the table of the figures behind it, in reading order. */
	blocks: AreaBlock[];
}

export interface ExceptionSection {
	id: ExceptionId;
	title: string;
	description: string;
	total: number;
	totalText: string;
	table: ReportTable;
}

export interface AppendixEntry {
	id: string;
	title: string;
	definition: string;
	formula: string;
	source: string;
}

export interface ReportModel {
	title: string;
	scopeLabel: string;
	/** Members of a team, when they may be named. */
	teamMembers: string[] | null;
	periodLabel: string;
	compareLabel: string;
	asOf: string;
	generated: string;
	/** The running head: the first part goes top left, the second top right, on every page. */
	head: [string, string];
	sources: { table: string; fileName: string; rows: string; importedAt: string }[];
	disclosure: string | null;
	paper: ReportTemplate['output']['paper'];
	orientation: ReportTemplate['output']['orientation'];
	cover: boolean;
	summary: { figures: FigureRow[]; narrative: string[] } | null;
	areas: AreaSection[];
	exceptions: ExceptionSection[] | null;
	workerComparison: { workerLabel: string; teamLabel: string; table: ReportTable } | null;
	appendix: { area: string; entries: AppendixEntry[] }[] | null;
	signoff: { preparedBy: string; reviewedBy: string } | null;
}

const scalarOf = (r: MetricResult | undefined): ScalarResult | null =>
	r && r.kind === 'scalar' ? r : null;
const rowsOf = (r: MetricResult | undefined): ResultRow[] =>
	r && r.kind === 'table' ? r.rows : [];
const num = (v: Cell | undefined): number | null =>
	typeof v === 'number' && Number.isFinite(v) ? v : null;

export function periodText(scope: Scope): string {
	return `${scope.from} to ${scope.to}`;
}

export function asOfText(scope: Scope): string {
	return dateText(scope.asOf) === '–' ? asOfDate(scope.asOf) : dateText(scope.asOf);
}

/** The scope in words, with the worker's pseudonym when names are hidden. */
export function scopeLabel(template: ReportTemplate, d: Disclosure): string {
	const v = template.scope.values;
	switch (template.scope.kind) {
		case 'office':
			return `Office: ${v[0] ?? '(none chosen)'}`;
		case 'team':
			return template.scope.teamName.trim()
				? `Team: ${template.scope.teamName.trim()}`
				: `Team of ${v.length} ${v.length === 1 ? 'worker' : 'workers'}`;
		case 'worker':
			return `Worker: ${v[0] === undefined ? '(none chosen)' : d.worker(v[0])}`;
		default:
			return 'Whole organisation';
	}
}

function headerLabel(c: { label: string; unit?: string }): string {
	if (c.label.includes('(')) return c.label;
	if (c.unit === 'share') return `${c.label} (%)`;
	if (c.unit === 'days') return `${c.label} (days)`;
	return c.label;
}

function cellFor(
	value: Cell | undefined,
	column: { name: string; unit?: string },
	suppressed: boolean,
	d: Disclosure
): ReportCell {
	const count = isCountUnit(column.unit);
	const numeric = Boolean(column.unit) || typeof value === 'number';
	if (suppressed)
		return { text: count ? d.marker : `n<${d.threshold}`, numeric: true, count, suppressed: true };
	let text: string;
	if (value === null || value === undefined) text = '–';
	else if (typeof value === 'boolean') text = value ? 'yes' : 'no';
	else if (typeof value === 'number') text = formatValue(value, column.unit);
	else if (column.name === 'month') text = monthLabel(value);
	else text = String(value);
	return { text, numeric, count, suppressed: false };
}

/** A table result of the catalogue as a report table, with its catalogue columns and disclosure applied. */
export function resultTable(
	id: string,
	result: MetricResult | undefined,
	d: Disclosure,
	options: { title?: string; limit?: number } = {}
): ReportTable {
	const entry = metricEntry(id);
	const hide = d.enabled ? (TABLE_RULES[id]?.hide ?? []) : [];
	const columns: ColumnDoc[] = (entry.columns ?? []).filter((c) => !hide.includes(c.name));
	const { rows, suppressed } = discloseRows(rowsOf(result), columns, d, TABLE_RULES[id]);
	const limit = options.limit ?? rows.length;
	return {
		id,
		title: options.title ?? entry.title,
		columns: columns.map((c) => ({ key: c.name, label: headerLabel(c), numeric: Boolean(c.unit) })),
		rows: rows
			.slice(0, limit)
			.map((r, i) => columns.map((c) => cellFor(r[c.name], c, suppressed[i].has(c.name), d))),
		note: rows.length > limit ? `First ${limit} of ${rows.length} rows.` : null,
		empty:
			result?.unavailable ??
			(result?.error
				? `could not be computed: ${result.error}`
				: rows.length === 0
					? 'Nothing to list for this scope.'
					: null)
	};
}

/** One figure of the summary or an area: value, comparison, change, target. */
export function figureRow(
	id: string,
	data: Pick<ReportData, 'now' | 'compare'>,
	d: Disclosure,
	settings: Settings
): FigureRow {
	const entry = metricEntry(id);
	const r = scalarOf(data.now[id]);
	const b = scalarOf(data.compare[id]);
	const now = d.figure(r?.value ?? null, entry.unit, r?.n);
	const before = d.figure(b?.value ?? null, entry.unit, b?.n);
	const note = r?.unavailable ?? (r?.error ? `could not be computed: ${r.error}` : null);
	const suppressed = now.suppressed || before.suppressed;
	return {
		id,
		title: entry.title,
		unit: entry.unit,
		value: now.value,
		text: note ? 'not available' : (now.text ?? figureText(now.value, entry.unit)),
		before: before.value,
		beforeText: b?.unavailable
			? 'not available'
			: (before.text ?? figureText(before.value, entry.unit)),
		change: suppressed ? '–' : changeText(now.value, before.value, entry.unit),
		target: TARGETS[id]?.text(settings) ?? null,
		missed: !now.suppressed && targetMissed(id, now.value, settings),
		suppressed,
		note
	};
}

function areaFigures(area: Area, data: ReportData, d: Disclosure, settings: Settings): FigureRow[] {
	return areaEntries(area)
		.filter((e) => e.kind === 'scalar')
		.map((e) => figureRow(e.id, data, d, settings));
}

/** A dashboard chart for paper: a scrolling legend shows every entry (paper cannot scroll). */
export function forPrint(spec: ChartSpec): ChartSpec {
	const legend = spec.option.legend as Record<string, unknown> | undefined;
	if (!legend || legend.type !== 'scroll') return spec;
	return { ...spec, option: { ...spec.option, legend: { ...legend, type: 'plain' } } };
}

function areaSection(area: Area, data: ReportData, d: Disclosure, settings: Settings): AreaSection {
	const title = AREAS.find((a) => a.id === area)?.title ?? area;
	const now = data.now;
	const disclosed = (id: string) =>
		discloseRows(rowsOf(now[id]), metricEntry(id).columns ?? [], d, TABLE_RULES[id]).rows;
	const small = d.enabled ? ` Values below ${d.threshold} are not drawn.` : '';
	const blocks: AreaBlock[] = [];
	const chart = (spec: ChartSpec, caption: string) =>
		blocks.push({ kind: 'chart', chart: { spec: forPrint(spec), caption } });
	const table = (t: ReportTable, heading = true) =>
		blocks.push({ kind: 'table', table: t, heading });
	switch (area) {
		case 'throughput':
			chart(
				throughputMonthly(disclosed('throughput_monthly')),
				`Cases opened and closed in each month of the period (bars) and pending at each month’s end (line).${small}`
			);
			table(resultTable('throughput_monthly', now.throughput_monthly, d), false);
			break;
		case 'resolution': {
			const byType = disclosed('days_to_close_by_type')
				.filter((r) => !d.enabled || num(r.median) !== null)
				.map((r) => (d.enabled ? { ...r, min: r.q1, max: r.p90 } : r));
			chart(
				closeByType(byType),
				d.enabled
					? `Days to close by case type, cases closed in the period: box from the first to the third quartile, line at the median, whiskers to the 90th percentile (minima and maxima are single cases and are not shown under disclosure control); case types with fewer than ${d.threshold} closed cases are left out.`
					: 'Days to close by case type, cases closed in the period: box from the first to the third quartile, line at the median, whiskers to the minimum and maximum.'
			);
			table(resultTable('days_to_close_by_type', now.days_to_close_by_type, d), false);
			table(resultTable('time_standard_compliance', now.time_standard_compliance, d));
			if (!d.enabled) {
				chart(
					kmCurves(rowsOf(now.km_curve_by_type)),
					'Kaplan-Meier estimate of the share of cases still open by days since opening, for the largest case types; ticks mark cases still open at the as-of date.'
				);
			}
			table(resultTable('km_median_by_type', now.km_median_by_type, d));
			const tiers = settings.timeStandards.default;
			const backlog = scalarOf(now.backlog_share);
			const backlogCount = d.count(num(backlog?.detail?.backlog)).value;
			chart(
				ageBuckets(disclosed('pending_age_buckets'), tiers[0]?.days ?? 180, {
					days: tiers[tiers.length - 1]?.days ?? 540,
					count: backlogCount
				}),
				`Cases pending at the as-of date by age; buckets older than the first time standard (${tiers[0]?.days ?? 180} days) are marked.${small}`
			);
			table(resultTable('pending_age_buckets', now.pending_age_buckets, d), false);
			break;
		}
		case 'goals':
			chart(
				goalsByWorker(disclosed('goal_attainment_by_worker')),
				`Share of the goals due in the period that were met, by worker.${d.enabled ? ` Workers with fewer than ${d.threshold} goals due are not drawn.` : ''}`
			);
			table(resultTable('goal_attainment_by_worker', now.goal_attainment_by_worker, d), false);
			break;
		case 'caseload':
			chart(
				caseloadByWorker(disclosed('utilisation_by_worker')),
				`Weighted active caseload per worker at the as-of date (bars; over capacity marked) against the worker’s capacity (black mark).${small}`
			);
			table(resultTable('utilisation_by_worker', now.utilisation_by_worker, d), false);
			break;
		case 'compliance':
			chart(
				complianceMonthly(disclosed('first_contact_monthly'), disclosed('deadlines_monthly')),
				`Share of first contacts within ${settings.firstContactSlaDays} days of intake and of deadlines met, by month.${d.enabled ? ` Months with fewer than ${d.threshold} cases are not drawn.` : ''}`
			);
			table(resultTable('first_contact_monthly', now.first_contact_monthly, d));
			table(resultTable('deadlines_monthly', now.deadlines_monthly, d));
			break;
		case 'outcomes':
			chart(
				outcomeMix(disclosed('outcome_mix')),
				`Cases closed in the period by close reason.${small}`
			);
			table(resultTable('outcome_mix', now.outcome_mix, d), false);
			break;
	}
	return { id: area, title, figures: areaFigures(area, data, d, settings), blocks };
}

const EXCEPTIONS: Record<
	ExceptionId,
	{
		title: string;
		description: (s: Settings) => string;
		columns: { name: string; label: string; unit?: string; kind?: 'date' | 'case' | 'outcome' }[];
	}
> = {
	deadlines: {
		title: 'Overdue deadlines',
		description: () =>
			'Deadlines (deadline and hearing events, and cases’ due dates) due in the period and not done by the as-of date, oldest first.',
		columns: [
			{ name: 'case_id', label: 'Case', kind: 'case' },
			{ name: 'due', label: 'Due', kind: 'date' },
			{ name: 'source', label: 'Kind' },
			{ name: 'worker', label: 'Worker' },
			{ name: 'case_type', label: 'Case type' },
			{ name: 'office', label: 'Office' }
		]
	},
	reviews: {
		title: 'Overdue reviews',
		description: () =>
			'Reviews due by the as-of date that were not done by their due date (still not done, or done late), oldest first.',
		columns: [
			{ name: 'case_id', label: 'Case', kind: 'case' },
			{ name: 'due', label: 'Due', kind: 'date' },
			{ name: 'done', label: 'Done', kind: 'date' },
			{ name: 'outcome', label: 'Status', kind: 'outcome' },
			{ name: 'worker', label: 'Worker' },
			{ name: 'case_type', label: 'Case type' },
			{ name: 'office', label: 'Office' }
		]
	},
	stale: {
		title: 'Stale cases',
		description: (s) =>
			`Cases open at the as-of date with no activity for more than ${s.staleDays} days, longest idle first.`,
		columns: [
			{ name: 'case_id', label: 'Case', kind: 'case' },
			{ name: 'opened_at', label: 'Opened', kind: 'date' },
			{ name: 'last_activity_at', label: 'Last activity', kind: 'date' },
			{ name: 'days_idle', label: 'Days idle', unit: 'days' },
			{ name: 'worker', label: 'Worker' },
			{ name: 'case_type', label: 'Case type' },
			{ name: 'office', label: 'Office' }
		]
	},
	over_capacity: {
		title: 'Workers over capacity',
		description: () =>
			'Workers whose weighted active caseload at the as-of date exceeds their capacity, highest utilisation first.',
		columns: [
			{ name: 'worker', label: 'Worker' },
			{ name: 'active', label: 'Active (weighted)', unit: 'cases' },
			{ name: 'capacity', label: 'Capacity', unit: 'capacity' },
			{ name: 'utilisation', label: 'Utilisation', unit: 'ratio' }
		]
	}
};

const OUTCOME_WORDS: Record<string, string> = {
	not_done: 'not done',
	done_late: 'done late',
	late: 'done late',
	met: 'met'
};

function exceptionSection(e: ExceptionData, d: Disclosure, settings: Settings): ExceptionSection {
	const def = EXCEPTIONS[e.id];
	const hideAll = d.isSmall(e.total);
	const disclosed =
		e.id === 'over_capacity'
			? discloseRows(e.rows as ResultRow[], def.columns, d, TABLE_RULES.utilisation_by_worker)
			: discloseRows(e.rows as ResultRow[], [], d);
	const rows = hideAll ? [] : disclosed.rows;
	const cells = rows.map((r, i) =>
		def.columns.map((c): ReportCell => {
			const v = r[c.name];
			if (disclosed.suppressed[i]?.has(c.name)) return cellFor(v, c, true, d);
			if (c.kind === 'date')
				return { text: dateText(v), numeric: false, count: false, suppressed: false };
			if (c.kind === 'case')
				return {
					text: String(d.caseId(v === null || v === undefined ? null : String(v)) ?? '–'),
					numeric: false,
					count: false,
					suppressed: false
				};
			if (c.kind === 'outcome')
				return {
					text: OUTCOME_WORDS[String(v)] ?? String(v ?? '–'),
					numeric: false,
					count: false,
					suppressed: false
				};
			if (c.unit === 'capacity')
				return {
					text: formatValue(num(v), 'cases'),
					numeric: true,
					count: false,
					suppressed: false
				};
			return cellFor(v, c, false, d);
		})
	);
	const totalText = d.count(e.total).text ?? formatValue(e.total, 'cases');
	let note: string | null = null;
	if (hideAll) note = null;
	else if (e.total > rows.length)
		note = `The first ${formatValue(rows.length, 'cases')} of ${totalText} are listed.`;
	return {
		id: e.id,
		title: def.title,
		description: def.description(settings),
		total: e.total,
		totalText,
		table: {
			id: `exceptions-${e.id}`,
			title: def.title,
			columns: def.columns.map((c) => ({
				key: c.name,
				label: headerLabel(c),
				numeric: Boolean(c.unit)
			})),
			rows: cells,
			note,
			empty: e.unavailable
				? e.unavailable
				: hideAll
					? `Fewer than ${d.threshold}: not listed under disclosure control.`
					: e.total === 0
						? 'None.'
						: null
		}
	};
}

function workerComparison(
	template: ReportTemplate,
	data: ReportData,
	d: Disclosure
): ReportModel['workerComparison'] {
	if (!data.team || template.scope.kind !== 'worker') return null;
	const worker = template.scope.values[0] ?? null;
	const workerLabel = d.worker(worker) ?? 'Worker';
	const teamLabel =
		data.team.office === null ? 'Whole organisation' : `Team (${data.team.office} office)`;
	const teamN = scalarOf(data.team.results.over_capacity_workers)?.n ?? null;
	const columns: ReportColumn[] = [
		{ key: 'figure', label: 'Figure', numeric: false },
		{ key: 'worker', label: workerLabel, numeric: true },
		{ key: 'team', label: teamLabel, numeric: true },
		{ key: 'per', label: `${teamLabel}, per worker`, numeric: true }
	];
	const rows: ReportCell[][] = [];
	const cell = (text: string, extra: Partial<ReportCell> = {}): ReportCell => ({
		text,
		numeric: true,
		count: false,
		suppressed: false,
		...extra
	});
	for (const id of WORKER_COMPARE_IDS) {
		const entry = metricEntry(id);
		const w = scalarOf(data.now[id]);
		const t = scalarOf(data.team.results[id]);
		const dw = d.figure(w?.value ?? null, entry.unit, w?.n);
		const dt = d.figure(t?.value ?? null, entry.unit, t?.n);
		const count = isCountUnit(entry.unit);
		const per =
			count && !dt.suppressed && dt.value !== null && teamN
				? formatValue(dt.value / teamN, 'days')
				: '';
		rows.push([
			{ text: entry.title, numeric: false, count: false, suppressed: false },
			cell(w?.unavailable ? 'not available' : (dw.text ?? figureText(dw.value, entry.unit)), {
				count,
				suppressed: dw.suppressed
			}),
			cell(t?.unavailable ? 'not available' : (dt.text ?? figureText(dt.value, entry.unit)), {
				count,
				suppressed: dt.suppressed
			}),
			cell(per)
		]);
	}
	// Utilisation: the worker's, and the team's total active caseload over its total capacity.
	const wRow = rowsOf(data.now.utilisation_by_worker).find((r) => r.worker === worker);
	const tRows = rowsOf(data.team.results.utilisation_by_worker);
	const tActive = tRows.reduce((a, r) => a + (num(r.active) ?? 0), 0);
	const tCap = tRows.reduce((a, r) => a + (num(r.capacity) ?? 0), 0);
	const wUtil = d.tooFew(num(wRow?.active)) ? null : num(wRow?.utilisation);
	rows.push([
		{
			text: 'Utilisation (active caseload / capacity)',
			numeric: false,
			count: false,
			suppressed: false
		},
		cell(d.tooFew(num(wRow?.active)) ? `n<${d.threshold}` : formatValue(wUtil, 'share'), {
			suppressed: d.tooFew(num(wRow?.active))
		}),
		cell(tCap > 0 ? formatValue(tActive / tCap, 'share') : '–'),
		cell('')
	]);
	return {
		workerLabel,
		teamLabel,
		table: {
			id: 'worker-vs-team',
			title: `${workerLabel} beside ${teamLabel.toLowerCase().startsWith('team') ? 'the team' : 'the organisation'}`,
			columns,
			rows,
			note: teamN ? `The team has ${formatValue(teamN, 'workers')} workers.` : null,
			empty: null
		}
	};
}

export interface BuildOptions {
	template: ReportTemplate;
	data: ReportData;
	dataset: DatasetInfo;
	settings: Settings;
	/** When the report was made (ISO); the cover shows it. */
	generatedAt: string;
}

/** The disclosure control of a report: pseudonyms over every worker of the data and every case the report lists. */
export function reportDisclosure(template: ReportTemplate, data: ReportData): Disclosure {
	const ids = data.exceptions
		.flatMap((e) => e.rows.map((r) => r.case_id))
		.filter((v): v is string => typeof v === 'string');
	return new Disclosure(template.disclosure, data.workers, ids);
}

export function buildReport({
	template,
	data,
	dataset,
	settings,
	generatedAt
}: BuildOptions): ReportModel {
	const d = reportDisclosure(template, data);
	const s = template.sections;
	const scope = scopeLabel(template, d);
	const period = periodText(data.scope);
	const asOf = asOfText(data.scope);
	const compareWords =
		template.comparison === 'year' ? 'the same period a year earlier' : 'the previous period';
	const compareLabel = `${COMPARISONS.find((c) => c.id === template.comparison)?.label ?? ''} (${periodText(data.compareScope)})`;

	let summary: ReportModel['summary'] = null;
	if (s.summary) {
		const figures = OVERVIEW_IDS.map((id) => figureRow(id, data, d, settings));
		const nf: NarrativeFigure[] = figures.map((f) => {
			const r = scalarOf(data.now[f.id]);
			let n = r?.n ?? null;
			if (n !== null && n !== 1 && d.isSmall(n)) n = null;
			return {
				id: f.id,
				title: f.title,
				unit: f.unit,
				value: f.note ? null : f.value,
				before: f.before,
				suppressed: f.suppressed,
				n,
				marker: d.marker
			};
		});
		summary = { figures, narrative: narrative(nf, { settings, compareLabel: compareWords }) };
	}

	const areas = AREAS.filter((a) => s.areas[a.id]).map((a) => areaSection(a.id, data, d, settings));
	const exceptions = s.exceptions
		? data.exceptions.map((e) => exceptionSection(e, d, settings))
		: null;

	let appendix: ReportModel['appendix'] = null;
	if (s.appendix) {
		const wanted = new Set<string>([
			...(s.summary ? OVERVIEW_IDS : []),
			...CATALOGUE.filter((e) => s.areas[e.area]).map((e) => e.id)
		]);
		appendix = AREAS.map((a) => ({
			area: a.title,
			entries: CATALOGUE.filter((e) => e.area === a.id && wanted.has(e.id)).map((e) => ({
				id: e.id,
				title: e.title,
				definition: e.definition,
				formula: e.formula,
				source: e.source
			}))
		})).filter((g) => g.entries.length > 0);
	}

	const disclosure = d.enabled
		? `Disclosure control is on. Counts from 1 to ${d.threshold - 1} are shown as “${d.marker}” and left out of charts; rates, averages and durations computed over fewer than ${d.threshold} cases are not shown (“n<${d.threshold}”)${d.pseudonymise ? '; worker names and client identifiers are replaced by pseudonyms (Worker A, Worker B …; Case 001 …), the same for the same data' : ''}.`
		: null;

	const sources = (
		Object.entries(dataset.tables) as [
			string,
			NonNullable<DatasetInfo['tables'][keyof DatasetInfo['tables']]>
		][]
	).map(([table, info]) => ({
		table,
		fileName: info.fileName,
		rows: formatValue(info.rows, 'cases'),
		importedAt: instantText(info.importedAt)
	}));

	return {
		title: template.title.trim() || 'Case monitoring report',
		scopeLabel: scope,
		teamMembers:
			template.scope.kind === 'team' && !d.pseudonymise ? [...template.scope.values] : null,
		periodLabel: period,
		compareLabel,
		asOf,
		generated: instantText(generatedAt),
		head: [
			`${template.title.trim() || 'Case monitoring report'} · ${scope}`,
			`${period} · as of ${asOf}`
		],
		sources,
		disclosure,
		paper: template.output.paper,
		orientation: template.output.orientation,
		cover: s.cover,
		summary,
		areas,
		exceptions,
		workerComparison: s.workerComparison ? workerComparison(template, data, d) : null,
		appendix,
		signoff: s.signoff ? { ...template.signoff } : null
	};
}

export { isDerivedUnit };
