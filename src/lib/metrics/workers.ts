/**
 * Worker scorecards: each worker's figures beside their team's (office's) median and quartiles. A
 * figure is no definition of its own: it aggregates, per worker, the rows of the catalogue entry it
 * names (its drill-down, the cases behind the entry's number; the caseload entry's per-worker rows),
 * so a worker's figure is the catalogue's figure computed over that worker's cases, at the same
 * as-of date. One query returns every worker with every figure and the team statistics.
 */
import { literal } from '../engine/sql';
import { hasColumn } from '../model/dataset';
import { ATTENTION_REASONS } from './attention';
import { attentionX } from './attention-sql';
import { metricEntry } from './catalogue';
import type { Polarity } from './polarity';
import { unavailableReason } from './run';
import { inList, scopedCte } from './sql';
import type { DrillSelection, MetricContext, Unit } from './types';
import type { TargetKey } from './workers-targets';

export type FigureKey =
	| 'utilisation'
	| 'opened'
	| 'closed'
	| 'days_to_close'
	| 'first_contact'
	| 'deadlines_met'
	| 'goals_met'
	| 'stale'
	| 'attention';

/** How one figure is computed from a catalogue entry's rows (`d`) grouped by worker. */
interface FigureSource {
	/**
	 * The catalogue entries whose rows the figure aggregates: all must be available, or with `anyOf`
	 * those available (the figure is unavailable only when none is).
	 */
	entries: { id: string; selection?: DrillSelection }[];
	anyOf?: boolean;
	/** The rows of the available entries in one relation, where the entries' module offers it. */
	rows?: (ctx: MetricContext, available: string[]) => string;
	/** Aggregates over the rows, by worker: `value` and `n`, what it counts over (cases, deadlines, goals). */
	aggregate: string;
	/** Whether the rows are the entry's per-worker table (`sql`) rather than its drill-down. */
	table?: boolean;
	/** A worker without rows has this value (0 for counts; null for medians and rates). */
	none: 0 | null;
}

export interface WorkerFigure {
	key: FigureKey;
	title: string;
	unit: Unit;
	/** The catalogue entry the figure is (computed per worker), for its definition and drill-down. */
	metric: string;
	target?: TargetKey;
	source: FigureSource;
}

const rate = (hit: string, all: string) =>
	`CASE WHEN count(*) FILTER (WHERE ${all}) > 0 THEN count(*) FILTER (WHERE ${hit}) / count(*) FILTER (WHERE
		${all}) END AS value, count(*) FILTER (WHERE ${all}) AS n`;

/**
 * The cases of the needs-attention list of the available attention entries' reasons, with their
 * worker: the list's relation (`att`, as the list page's), without its labels and order.
 */
function attentionRows(ctx: MetricContext, available: string[]): string {
	const reasons = ATTENTION_REASONS.filter((r) => available.includes(r.id)).map((r) => r.reason);
	const which = reasons.length ? reasons.map((r) => literal(r)).join(', ') : 'NULL';
	return `${attentionX(ctx)}
SELECT DISTINCT att.case_id, op.worker FROM att JOIN op ON op.case_id = att.case_id WHERE att.reason IN (${which})`;
}

export const WORKER_FIGURES: WorkerFigure[] = [
	{
		key: 'utilisation',
		title: 'Caseload against capacity',
		unit: 'share',
		metric: 'utilisation_by_worker',
		target: 'utilisation',
		source: {
			entries: [{ id: 'utilisation_by_worker' }],
			table: true,
			aggregate:
				'any_value(utilisation) AS value, any_value(active) AS n, any_value(capacity) AS capacity',
			none: null
		}
	},
	{
		key: 'opened',
		title: 'Opened',
		unit: 'cases',
		metric: 'opened',
		source: { entries: [{ id: 'opened' }], aggregate: 'count(*) AS value, count(*) AS n', none: 0 }
	},
	{
		key: 'closed',
		title: 'Closed',
		unit: 'cases',
		metric: 'closed',
		source: { entries: [{ id: 'closed' }], aggregate: 'count(*) AS value, count(*) AS n', none: 0 }
	},
	{
		key: 'days_to_close',
		title: 'Median days to close',
		unit: 'days',
		metric: 'days_to_close_median',
		target: 'days_to_close',
		source: {
			entries: [{ id: 'days_to_close_median' }],
			aggregate: 'quantile_cont(days_open, 0.5) AS value, count(*) AS n',
			none: null
		}
	},
	{
		key: 'first_contact',
		title: 'First contact on time',
		unit: 'share',
		metric: 'first_contact_on_time',
		target: 'first_contact',
		source: {
			entries: [{ id: 'first_contact_on_time', selection: { part: 'all' } }],
			aggregate: rate(`outcome = 'on_time'`, `outcome IN ('on_time', 'late', 'no_contact')`),
			none: null
		}
	},
	{
		key: 'deadlines_met',
		title: 'Deadlines met',
		unit: 'share',
		metric: 'deadlines_met_rate',
		target: 'deadlines_met',
		source: {
			entries: [{ id: 'deadlines_met_rate', selection: { part: 'all' } }],
			aggregate: rate(`outcome = 'met'`, 'TRUE'),
			none: null
		}
	},
	{
		key: 'goals_met',
		title: 'Goals met',
		unit: 'share',
		metric: 'goals_met_rate',
		target: 'goals_met',
		source: {
			entries: [{ id: 'goals_met_rate', selection: { part: 'all' } }],
			aggregate: rate('met', 'TRUE'),
			none: null
		}
	},
	{
		key: 'stale',
		title: 'Stale cases',
		unit: 'cases',
		metric: 'stale_cases',
		target: 'stale',
		source: {
			entries: [{ id: 'stale_cases' }],
			aggregate: 'count(*) AS value, count(*) AS n',
			none: 0
		}
	},
	{
		key: 'attention',
		title: 'Needs attention',
		unit: 'cases',
		metric: 'attention_deadline_due',
		target: 'attention',
		source: {
			entries: ATTENTION_REASONS.map((r) => ({ id: r.id })),
			anyOf: true,
			rows: attentionRows,
			aggregate: 'count(DISTINCT case_id) AS value, count(DISTINCT case_id) AS n',
			none: 0
		}
	}
];

export function workerFigure(key: FigureKey): WorkerFigure {
	const f = WORKER_FIGURES.find((x) => x.key === key);
	if (!f) throw new Error(`no worker figure "${key}"`);
	return f;
}

/** Which way the figure is better: its catalogue entry's polarity. */
export function figurePolarity(figure: WorkerFigure): Polarity {
	return metricEntry(figure.metric).polarity;
}

/** The figure's entries that these data can compute. */
function availableEntries(ctx: MetricContext, figure: WorkerFigure): string[] {
	return figure.source.entries
		.map((e) => e.id)
		.filter((id) => unavailableReason(metricEntry(id), ctx) === null);
}

/** Why a figure cannot be computed for these data ("not available: ..."), or null. */
export function figureUnavailable(ctx: MetricContext, figure: WorkerFigure): string | null {
	const reasons = figure.source.entries.map(({ id }) => unavailableReason(metricEntry(id), ctx));
	const missing = reasons.filter((r): r is string => r !== null);
	if (figure.source.anyOf) return missing.length === reasons.length ? missing[0] : null;
	return missing[0] ?? null;
}

/**
 * A statement without its final top-level ORDER BY: a drill-down sorts its rows for the page, which
 * the figure's aggregate does not need (DuckDB sorts a subquery all the same). Unchanged when a
 * LIMIT or OFFSET follows the ORDER BY, or when there is none.
 */
export function unordered(sql: string): string {
	let depth = 0;
	let quote: string | null = null;
	let cut = -1;
	for (let i = 0; i < sql.length; i++) {
		const ch = sql[i];
		if (quote) {
			if (ch === quote) quote = null;
		} else if (ch === "'" || ch === '"') quote = ch;
		else if (ch === '(') depth++;
		else if (ch === ')') depth--;
		else if (depth === 0 && /\s/.test(sql[i - 1] ?? '') && sql.startsWith('ORDER BY', i)) cut = i;
	}
	if (cut < 0 || /\b(LIMIT|OFFSET)\b/.test(sql.slice(cut))) return sql;
	return sql.slice(0, cut);
}

/** The rows a figure aggregates: its entries' drill-downs (or per-worker table), one relation. */
function figureRows(ctx: MetricContext, figure: WorkerFigure): string {
	const available = availableEntries(ctx, figure);
	if (figure.source.rows) return figure.source.rows(ctx, available);
	const parts = figure.source.entries
		.filter(({ id }) => available.includes(id))
		.map(({ id, selection }) => {
			const entry = metricEntry(id);
			if (figure.source.table) return entry.sql(ctx);
			if (!entry.drill) throw new Error(`${id} has no drill-down`);
			return unordered(entry.drill(ctx, selection));
		});
	return parts.map((p) => `SELECT * FROM (${p})`).join('\nUNION ALL BY NAME\n');
}

/**
 * The team of each worker: the staff file's office where it has one for them, else the office most of
 * their cases in scope have (ties: the first by name).
 */
function teamCte(ctx: MetricContext): string {
	const { dataset } = ctx;
	const sources: string[] = [];
	if (dataset.tables.staff && hasColumn(dataset, 'staff', 'office'))
		sources.push(`SELECT worker, min(office) AS team, 1 AS rank FROM staff WHERE worker IS NOT NULL AND office IS
			NOT NULL GROUP BY worker`);
	if (hasColumn(dataset, 'cases', 'office'))
		sources.push(`SELECT worker, office AS team, 2 AS rank FROM (SELECT worker, office, row_number() OVER
			(PARTITION BY worker ORDER BY count(*) DESC, office) AS r FROM scoped WHERE worker IS NOT NULL AND office IS
			NOT NULL GROUP BY worker, office) WHERE r = 1`);
	if (!sources.length)
		return `team AS (SELECT NULL::VARCHAR AS worker, NULL::VARCHAR AS team WHERE FALSE)`;
	return `team AS (SELECT worker, arg_min(team, rank) AS team FROM (${sources.join(' UNION ALL ')}) GROUP BY
		worker)`;
}

/**
 * One row per worker (and a team): for each figure `{key}` (the value, null when not available) and
 * `{key}_n` (its denominator: cases, deadlines, goals; the weighted caseload for utilisation), and
 * `capacity`; of every figure, or of those given.
 */
export function perWorkerSql(ctx: MetricContext, figures = WORKER_FIGURES): string {
	const ctes: string[] = [scopedCte(ctx), teamCte(ctx)];
	const names: string[] = [];
	const cols: string[] = [];
	for (const f of figures) {
		const alias = `f_${f.key}`;
		if (figureUnavailable(ctx, f)) {
			cols.push(`NULL::DOUBLE AS ${f.key}`, `NULL::DOUBLE AS ${f.key}_n`);
			if (f.key === 'utilisation') cols.push('NULL::DOUBLE AS capacity');
			continue;
		}
		ctes.push(`${alias} AS (SELECT worker, ${f.source.aggregate} FROM (${figureRows(ctx, f)}) d
	WHERE worker IS NOT NULL GROUP BY worker)`);
		names.push(`SELECT worker FROM ${alias}`);
		const none = f.source.none === 0 ? '0' : 'NULL';
		cols.push(`coalesce(${alias}.value, ${none})::DOUBLE AS ${f.key}`);
		cols.push(`${alias}.n::DOUBLE AS ${f.key}_n`);
		if (f.key === 'utilisation') cols.push(`${alias}.capacity::DOUBLE AS capacity`);
	}
	const joins = figures
		.filter((f) => !figureUnavailable(ctx, f))
		.map((f) => `LEFT JOIN f_${f.key} USING (worker)`)
		.join(' ');
	const all = names.length ? names.join(' UNION ') : 'SELECT NULL::VARCHAR AS worker WHERE FALSE';
	return `WITH ${ctes.join(',\n')},
names AS (${all})
SELECT names.worker, team.team, ${cols.join(', ')}
FROM names LEFT JOIN team USING (worker) ${joins}`;
}

/**
 * Every worker's figures with their team's quartiles: `{key}_q1`, `{key}_median`, `{key}_q3` and
 * `{key}_team` (how many of the team have the figure). The team is every worker of the office whom
 * the other filters select: a worker filter picks the rows shown, not the team they are compared with.
 */
export function workersSql(ctx: MetricContext): string {
	const team = { ...ctx, scope: { ...ctx.scope, filters: { ...ctx.scope.filters, worker: [] } } };
	const stats = WORKER_FIGURES.flatMap((f) => [
		`quantile_cont(${f.key}, 0.25) OVER t AS ${f.key}_q1`,
		`quantile_cont(${f.key}, 0.5) OVER t AS ${f.key}_median`,
		`quantile_cont(${f.key}, 0.75) OVER t AS ${f.key}_q3`,
		`count(${f.key}) OVER t AS ${f.key}_team`
	]);
	const shown = ctx.scope.filters.worker.length
		? inList('worker', ctx.scope.filters.worker)
		: 'TRUE';
	return `SELECT * FROM (SELECT p.*, ${stats.join(',\n\t')}
	FROM (${perWorkerSql(team)}) p WINDOW t AS (PARTITION BY team))
WHERE ${shown} ORDER BY worker`;
}

/** A worker's row of `workersSql`, as a condition. */
export function workerIs(worker: string): string {
	return `worker = ${literal(worker)}`;
}
