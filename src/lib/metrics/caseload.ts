/**
 * Caseload balance: active cases per worker at the as-of date (weighted by case type), against
 * capacity, and how evenly they are spread. One query returns the per-worker rows with the summary
 * figures; the monthly series per worker is a second one.
 */
import { headlineEntry } from './headline/entry';
import { caseWeights, staffWorkers } from './headline/stats';
import { caseDrillSql, count, numOrNull, plainRows } from './read';
import {
	activeInScope,
	dateLit,
	groupIs,
	monthsSql,
	num,
	openAtAsOf,
	periodEnd,
	periodStart,
	scopedCte
} from './sql';
import { CLOSED, OPENED, WORKER } from './types';
import type { Cell, ColumnDoc, DrillSelection, MetricContext, MetricEntry } from './types';

const SOURCE =
	'Caseload standards practice (weighted caseload against capacity); dispersion: coefficient of variation and Gini ' +
	'coefficient';

/**
 * `scoped`, `sc` (scoped cases with their weight `wt`) and `workers` (worker, capacity): the
 * overview's facts weigh cases and pick staff with the same two helpers.
 */
function baseCtes(ctx: MetricContext): string {
	const { scope, dataset, settings } = ctx;
	const weights = caseWeights(settings);
	const workers =
		staffWorkers(ctx, scope.filters) ??
		`SELECT DISTINCT worker, ${num(settings.defaultCapacity)} AS capacity FROM sc
			WHERE worker IS NOT NULL AND ${activeInScope(dataset, scope)}`;
	return `WITH ${scopedCte(ctx)},
${weights ? `${weights.cte},` : ''}
sc AS (SELECT s.*, ${weights ? weights.weight : '1.0::DOUBLE'} AS wt
	FROM scoped s${weights ? ' LEFT JOIN wts ON lower(s.case_type) = wts.type_key' : ''}),
workers AS (${workers})`;
}

/**
 * Per worker: cases (open at the as-of date), active (weighted), capacity, utilisation; every row
 * also carries the summary over the workers (n_workers, over, cv, gini, max_median_ratio ...). With
 * no workers, one row of summary with a NULL worker.
 */
export function caseloadSql(ctx: MetricContext): string {
	return `${baseCtes(ctx)},
act AS (SELECT worker, count(*) AS cases, sum(wt) AS active FROM sc WHERE worker IS NOT NULL AND
	${openAtAsOf(ctx.dataset, ctx.scope)} GROUP BY worker),
per AS (
	SELECT w.worker, coalesce(a.cases, 0) AS cases, coalesce(a.active, 0)::DOUBLE AS active, w.capacity::DOUBLE AS
		capacity,
		CASE WHEN w.capacity > 0 THEN coalesce(a.active, 0) / w.capacity END AS utilisation
	FROM workers w LEFT JOIN act a ON a.worker = w.worker),
ranked AS (SELECT active, row_number() OVER (ORDER BY active) AS i FROM per),
stats AS (
	SELECT count(*) AS n_workers, sum(active) AS total_active, avg(active) AS mean_active, stddev_pop(active) AS
		sd_active,
		quantile_cont(active, 0.5) AS median_active, max(active) AS max_active, count(*) FILTER (WHERE utilisation >
			1) AS over
	FROM per),
gini AS (SELECT CASE WHEN sum(active) > 0 THEN 2 * sum(i * active) / (count(*) * sum(active)) - (count(*) + 1) /
	count(*) END AS gini FROM ranked)
SELECT per.worker, per.cases, per.active, per.capacity, per.utilisation, per.utilisation > 1 AS over_capacity,
	stats.*, CASE WHEN stats.mean_active > 0 THEN stats.sd_active / stats.mean_active END AS cv, gini.gini,
	CASE WHEN stats.median_active > 0 THEN stats.max_active / stats.median_active END AS max_median_ratio
FROM stats CROSS JOIN gini LEFT JOIN per ON TRUE
ORDER BY per.worker`;
}

/**
 * Per worker and month of the period: cases open at the month's end (the period's end for its last
 * month), as a running sum of +1 in the month a case opens (the first month if before the period)
 * and -1 in the month it closes; `active` is the same weighted.
 */
export function caseloadMonthlySql(ctx: MetricContext): string {
	const { scope } = ctx;
	const first = `DATE '${scope.from.slice(0, 7)}-01'`;
	const F = periodStart(scope);
	const T1 = periodEnd(scope);
	const month = (col: string) =>
		`CASE WHEN ${col} < ${F} THEN ${first} ELSE date_trunc('month', ${col})::DATE END`;
	return `${baseCtes(ctx)},
months AS (${monthsSql(scope)}),
moves AS (
	SELECT worker, ${month('opened_at')} AS month, 1 AS dc, wt AS da FROM sc WHERE opened_at < ${T1}
	UNION ALL
	SELECT worker, ${month('closed_at')} AS month, -1 AS dc, -wt AS da FROM sc WHERE opened_at < ${T1} AND closed_at
		< ${T1}),
agg AS (SELECT worker, month, sum(dc) AS dc, sum(da) AS da FROM moves WHERE worker IN (SELECT worker FROM workers)
	GROUP BY worker, month)
SELECT m.month, w.worker,
	sum(coalesce(agg.dc, 0)) OVER (PARTITION BY w.worker ORDER BY m.month ROWS UNBOUNDED PRECEDING)::BIGINT AS cases,
	sum(coalesce(agg.da, 0)) OVER (PARTITION BY w.worker ORDER BY m.month ROWS UNBOUNDED PRECEDING)::DOUBLE AS active
FROM months m CROSS JOIN workers w LEFT JOIN agg ON agg.worker = w.worker AND agg.month = m.month
ORDER BY m.month, w.worker`;
}

function activeDrill(ctx: MetricContext, group?: string | null): string {
	const worker = group === undefined ? 'worker IS NOT NULL' : groupIs('worker', group);
	return caseDrillSql(
		ctx,
		`${openAtAsOf(ctx.dataset, ctx.scope)} AND ${worker}`,
		[],
		'worker, days_open DESC, case_id'
	);
}

const summary = (rows: Record<string, unknown>[]) => rows[0] ?? {};
const workerRows = (rows: Record<string, unknown>[]) =>
	rows.filter((r) => r.worker !== null && r.worker !== undefined);

type Text = Pick<
	MetricEntry,
	'id' | 'title' | 'definition' | 'formula' | 'polarity' | 'changeTest'
>;

/** What every caseload entry shares besides its SQL: its needs, a drill to a worker's open cases. */
const CASELOAD_DOC = {
	area: 'caseload',
	source: SOURCE,
	needs: [OPENED, CLOSED, WORKER],
	drill: (ctx: MetricContext, sel?: DrillSelection) => activeDrill(ctx, sel?.group),
	drillParts: ['group = worker']
} satisfies Partial<MetricEntry>;

/** A caseload entry read from the one caseload query. */
function caseloadEntry(
	text: Text,
	shape: Pick<MetricEntry, 'unit' | 'kind' | 'columns'>,
	read: MetricEntry['read']
): MetricEntry {
	return { ...text, ...CASELOAD_DOC, ...shape, sql: caseloadSql, read };
}

/** A scalar of the caseload query's summary (`column`, over n_workers). */
function statEntry(text: Text, column: string, unit: MetricEntry['unit']): MetricEntry {
	return caseloadEntry(text, { unit, kind: 'scalar' }, (rows) => {
		const r = summary(rows);
		return { value: numOrNull(r[column]), n: count(r.n_workers) };
	});
}

/** A headline caseload figure (headline/measures.ts declares its SQL and reading). */
function headline(text: Text, unit: MetricEntry['unit']): MetricEntry {
	const { id, ...doc } = text;
	return headlineEntry(id, { ...doc, ...CASELOAD_DOC, unit });
}

/**
 * A per-worker table of the caseload query (one row per worker, its columns in `columns`), with
 * the summary figures `detail` picks; a row drills to the worker's open cases.
 */
function workerTableEntry(
	id: string,
	change: Pick<MetricEntry, 'polarity' | 'changeTest'>,
	title: string,
	definition: string,
	formula: string,
	columns: ColumnDoc[],
	detail?: (rows: Record<string, unknown>[]) => Record<string, Cell>
): MetricEntry {
	const keys = columns.map((c) => c.name);
	return caseloadEntry(
		{ id, title, definition, formula, ...change },
		{ unit: 'table', kind: 'table', columns },
		(rows) => {
			const table = { rows: plainRows(workerRows(rows), keys) };
			return detail ? { ...table, detail: detail(rows) } : table;
		}
	);
}

/** The columns of active_monthly_by_worker (the chart's table shows them too, its months as labels). */
export const CASELOAD_MONTHLY_COLUMNS: ColumnDoc[] = [
	{ name: 'month', label: 'Month (first day)' },
	{ name: 'worker', label: 'Worker' },
	{ name: 'cases', label: 'Open cases at month end', unit: 'cases' },
	{ name: 'active', label: 'Weighted', unit: 'cases' }
];

const WORKERS_ARE =
	'The workers are those of the staff file when one is loaded (filtered by worker, and by office where the staff ' +
	'file has offices), otherwise every worker on a case open at some time in the period or at the as-of date, ' +
	'so that workers with no open case count at zero.';

export const CASELOAD: MetricEntry[] = [
	workerTableEntry(
		'active_by_worker',
		{ polarity: 'neutral' },
		'Active caseload by worker',
		`The cases open at the as-of date for each worker, also weighted by case type where weights are ` +
			`set (weight 1 otherwise). ${WORKERS_ARE}`,
		'per worker: cases = count(open at as-of); active = sum of weight(case type) over them',
		[
			{ name: 'worker', label: 'Worker' },
			{ name: 'cases', label: 'Open cases', unit: 'cases' },
			{ name: 'active', label: 'Weighted active caseload', unit: 'cases' }
		],
		(rows) => ({
			workers: count(summary(rows).n_workers),
			total_active: numOrNull(summary(rows).total_active)
		})
	),
	workerTableEntry(
		'utilisation_by_worker',
		{ polarity: 'neutral' },
		'Utilisation by worker',
		`Each worker's weighted active caseload at the as-of date as a share of their capacity: the ` +
			`staff file's capacity where given, else the default capacity (40 cases) times the worker's FTE (1 ` +
			`when not given). ${WORKERS_ARE}`,
		'utilisation = active / capacity; capacity = staff capacity, else default capacity x FTE (FTE 1 when ' +
			'blank); null when capacity is 0',
		[
			{ name: 'worker', label: 'Worker' },
			{ name: 'active', label: 'Weighted active caseload', unit: 'cases' },
			{ name: 'capacity', label: 'Capacity', unit: 'cases' },
			{ name: 'utilisation', label: 'Utilisation', unit: 'ratio' },
			{ name: 'over_capacity', label: 'Over capacity' }
		]
	),
	headline(
		{
			id: 'over_capacity_workers',
			polarity: 'lower',
			title: 'Workers over capacity',
			definition:
				`The number of workers whose weighted active caseload at the as-of date exceeds their capacity ` +
				`(utilisation above 1). ${WORKERS_ARE}`,
			formula: 'count of workers with active / capacity > 1'
		},
		'workers'
	),
	headline(
		{
			id: 'caseload_cv',
			polarity: 'lower',
			title: 'Caseload coefficient of variation',
			definition:
				`How unevenly the weighted active caseload is spread across workers: the population standard ` +
				`deviation divided by the mean. 0 means every worker carries the same load. ${WORKERS_ARE}`,
			formula: 'sqrt(mean((a_i - mean a)^2)) / mean a over workers i; null when the mean is 0'
		},
		'ratio'
	),
	statEntry(
		{
			id: 'caseload_gini',
			polarity: 'lower',
			title: 'Caseload Gini coefficient',
			definition:
				`The Gini coefficient of the weighted active caseloads across workers: 0 when all carry the same, ` +
				`approaching 1 when one worker carries everything. ${WORKERS_ARE}`,
			formula:
				'G = sum_i sum_j |a_i - a_j| / (2 n^2 mean a) = 2 sum_i i a_(i) / (n sum a) - (n + 1) / n with a ' +
				'sorted ascending; null when the total is 0'
		},
		'gini',
		'ratio'
	),
	statEntry(
		{
			id: 'caseload_max_median_ratio',
			polarity: 'lower',
			title: 'Largest to median caseload',
			definition:
				`The largest worker's weighted active caseload divided by the median worker's (continuous median). ` +
				`${WORKERS_ARE}`,
			formula: 'max a_i / median a_i; null when the median is 0'
		},
		'max_median_ratio',
		'ratio'
	),
	{
		id: 'active_monthly_by_worker',
		area: 'caseload',
		title: 'Active caseload by worker and month',
		definition:
			`For each month of the period and each worker, the cases open at the end of the month (for the ` +
			`last month, at the end of the period), as a count and weighted by case type. ${WORKERS_ARE}`,
		formula:
			"cases(w, m) = count of w's cases with opened_at < end(m) and (closed_at blank or closed_at >= end(m)), " +
			"end(m) = the day after the month's (or period's) last day; active(w, m) = the same weighted",
		source: SOURCE,
		needs: [OPENED, CLOSED, WORKER],
		polarity: 'neutral',
		unit: 'table',
		kind: 'table',
		columns: CASELOAD_MONTHLY_COLUMNS,
		sql: caseloadMonthlySql,
		read: (rows) => ({
			rows: plainRows(
				rows,
				CASELOAD_MONTHLY_COLUMNS.map((c) => c.name)
			)
		}),
		drill: (ctx, sel) => {
			if (!sel?.month) throw new Error('active_monthly_by_worker drill needs a month');
			const m = /^(\d{4})-(\d{2})/.exec(sel.month);
			if (!m) throw new Error(`not a month: ${sel.month}`);
			const last = new Date(Date.UTC(+m[1], +m[2], 0)).toISOString().slice(0, 10);
			const endDay = last < ctx.scope.to ? last : ctx.scope.to;
			const cut = dateLit(new Date(Date.parse(endDay) + 86_400_000).toISOString().slice(0, 10));
			const worker = groupIs('worker', sel.group);
			return caseDrillSql(
				ctx,
				`opened_at < ${cut} AND (closed_at IS NULL OR closed_at >= ${cut}) AND ${worker}`,
				[],
				'worker, opened_at, case_id'
			);
		},
		drillParts: ['month; group = worker']
	}
];
