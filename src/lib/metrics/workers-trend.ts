/**
 * A worker's monthly trend: each scorecard figure for each of the 12 calendar months up to the end
 * of the period, every month computed as the scorecard itself is, with the month as the period and
 * its last day (the as-of moment for the current month) as the as-of date: what was known then.
 */
import { literal } from '../engine/sql';
import type { Engine, Row } from '../engine/types';
import { addDays, addMonths, asOfDate, type Scope } from './scope';
import type { MetricContext } from './types';
import { WORKER_FIGURES, figureUnavailable, perWorkerSql } from './workers';

export const TREND_MONTHS = 12;

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

/** The month's figures of the worker (`perWorkerSql`'s columns), one query per month: one union plans slowly. */
export function workerMonthSql(ctx: MetricContext, scope: Scope, worker: string): string {
	return `SELECT * FROM (${perWorkerSql({ ...ctx, scope })}) WHERE worker = ${literal(worker)}`;
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
	const counts = WORKER_FIGURES.filter((f) => f.source.none === 0 && !figureUnavailable(ctx, f));
	const out: Row[] = [];
	for (const scope of trendScopes(ctx.scope, worker)) {
		const [row] = await engine.query(workerMonthSql(ctx, scope, worker));
		const month: Row = { month: scope.from, ...row };
		for (const f of counts) month[f.key] ??= 0;
		out.push(month);
	}
	return out;
}
