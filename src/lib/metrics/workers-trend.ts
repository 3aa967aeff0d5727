/**
 * A worker's monthly trend: each scorecard figure for each of the 12 calendar months up to the end
 * of the period, every month computed as the scorecard itself is, with the month as the period and
 * its last day (the as-of moment for the current month) as the as-of date: what was known then.
 *
 * Most figures are computed for all months in one statement: the scorecard's own SQL for one month
 * (`perWorkerSql`, from the figures' catalogue entries), its dates turned into the columns of a row
 * of months joined LATERALly, so that each month keeps exactly the one-month query's meaning.
 */
import { literal } from '../engine/sql';
import type { Engine, Row } from '../engine/types';
import { addDays, addMonths, asOfDate, isIsoDate, type Scope } from './scope';
import { dateLit } from './sql';
import type { MetricContext } from './types';
import {
	WORKER_FIGURES,
	figureUnavailable,
	perWorkerSql,
	type FigureKey,
	type WorkerFigure
} from './workers';

export const TREND_MONTHS = 12;

/**
 * The figures computed month by month, one statement per month: DuckDB (1.4, in duckdb-wasm 1.32)
 * fails to join their SQL LATERALly ("Invalid Error: vector"). First contact and stale cases group
 * the events of the cases `IN` a subquery of `scoped` (without that pre-filter they join, but group
 * every event each month); needs attention fails through its events' done dates (without them it
 * joins, and at 100k cases is no faster than month by month).
 */
export const PER_MONTH_FIGURES: FigureKey[] = ['first_contact', 'stale', 'attention'];

/** The month scopes of the trend, oldest first: from the first of each month to its end or the period's. */
export function trendScopes(scope: Scope, worker: string): Scope[] {
	const asOf = asOfDate(scope.asOf);
	const end = scope.to < asOf ? scope.to : asOf;
	const lastMonth = `${end.slice(0, 7)}-01`;
	const out: Scope[] = [];
	for (let i = TREND_MONTHS - 1; i >= 0; i--) {
		const from = addMonths(lastMonth, -i);
		const monthEnd = addDays(addMonths(from, 1), -1);
		const to = monthEnd < end ? monthEnd : end;
		out.push({
			from,
			to,
			asOf: to === asOf ? scope.asOf : to,
			filters: { ...scope.filters, worker: [worker] }
		});
	}
	return out;
}

/** The month's figures of the worker (`perWorkerSql`'s columns), in a statement of its own. */
export function workerMonthSql(
	ctx: MetricContext,
	scope: Scope,
	worker: string,
	figures = WORKER_FIGURES
): string {
	return `SELECT * FROM (${perWorkerSql({ ...ctx, scope }, figures)}) WHERE worker = ${literal(worker)}`;
}

/**
 * A month scope's dates as SQL reaches them (sql.ts's `dateLit`, and `DATE` literals), each with the
 * column of the months relation that stands for it. A month's as-of date is its last day.
 */
function monthDates(scope: Scope): { column: string; sql: string }[] {
	const next = addDays(scope.to, 1);
	return [
		{ column: 'from_ts', sql: dateLit(scope.from) },
		{ column: 'from_day', sql: `DATE '${scope.from}'` },
		{ column: 'end_ts', sql: dateLit(next) },
		{ column: 'end_day', sql: `DATE '${next}'` },
		{ column: 'to_ts', sql: dateLit(scope.to) },
		{ column: 'to_day', sql: `DATE '${scope.to}'` }
	];
}

const DATE_LITERAL = /\b(?:DATE|TIMESTAMP) '\d{4}-\d{2}-\d{2}[^']*'/;

/**
 * The month-grouped statement: `month` and the figures' columns for each month scope (all with a
 * date as-of on their last day), or null when the template month's SQL holds a date that is not
 * one of its scope's (a figure deriving a date of its own could not be grouped safely).
 */
export function monthGroupedSql(
	ctx: MetricContext,
	scopes: Scope[],
	worker: string,
	figures: WorkerFigure[]
): string | null {
	// The template: a full month (its first day is not its last), so each date names one column.
	const template = scopes[0];
	let sql = workerMonthSql(ctx, template, worker, figures);
	const dates = monthDates(template);
	for (const { column, sql: lit } of dates) sql = sql.replaceAll(lit, `trend_month.${column}`);
	if (DATE_LITERAL.test(sql)) return null;
	const values = scopes.map(
		(s) =>
			`(DATE '${s.from}', ${monthDates(s)
				.map((d) => d.sql)
				.join(', ')})`
	);
	return `SELECT trend_month.month, w.*
FROM (VALUES ${values.join(',\n\t')}) trend_month(month, ${dates.map((d) => d.column).join(', ')}),
LATERAL (${sql}) w`;
}

/**
 * One row per month (`month`: its first day, 'YYYY-MM-01') with the worker's figures as `perWorkerSql`
 * names them; in a month in which the worker had nothing, the counts are 0 and the rest null.
 */
export async function workerTrend(
	engine: Engine,
	ctx: MetricContext,
	worker: string
): Promise<Row[]> {
	const scopes = trendScopes(ctx.scope, worker);
	const out: Row[] = scopes.map((s) => ({ month: s.from }));
	const merge = (i: number, row: Row | undefined) => Object.assign(out[i], row ?? {});
	const grouped = WORKER_FIGURES.filter((f) => !PER_MONTH_FIGURES.includes(f.key));
	const perMonth = WORKER_FIGURES.filter((f) => PER_MONTH_FIGURES.includes(f.key));
	// A month whose as-of has a time of day (the current one) has SQL of another shape: on its own.
	const dated = scopes.filter((s) => isIsoDate(s.asOf));
	const sql = dated.length > 1 ? monthGroupedSql(ctx, dated, worker, grouped) : null;
	if (sql) {
		const rows = await engine.query(sql);
		for (const row of rows)
			merge(
				scopes.findIndex((s) => s.from === row.month),
				row
			);
	}
	for (const [i, scope] of scopes.entries()) {
		const figures = sql && dated.includes(scope) ? perMonth : WORKER_FIGURES;
		const [row] = await engine.query(workerMonthSql(ctx, scope, worker, figures));
		merge(i, row);
	}
	const counts = WORKER_FIGURES.filter((f) => f.source.none === 0 && !figureUnavailable(ctx, f));
	for (const month of out) for (const f of counts) month[f.key] ??= 0;
	return out;
}
