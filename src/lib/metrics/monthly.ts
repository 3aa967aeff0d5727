/**
 * The monthly compliance rates' shared shape: overall and per-month rows from one query, and a
 * drill-down's month.
 */
import { monthsSql } from './sql';
import type { DrillSelection, MetricContext } from './types';

/** Wraps per-row flags into overall (`total` = 1) and per-month rows, every month of the period present. */
export function withMonths(
	ctx: MetricContext,
	body: string,
	monthExpr: string,
	aggs: string,
	rate: string
): string {
	return `${body},
agg AS (SELECT GROUPING(month) AS total, month, ${aggs} FROM (SELECT *, ${monthExpr} AS month FROM x) GROUP BY
	GROUPING SETS ((), (month))),
spine AS (SELECT 1 AS total, NULL::DATE AS month UNION ALL SELECT 0, month FROM (${monthsSql(ctx.scope)}))
SELECT spine.total, spine.month, agg.* EXCLUDE (total, month), ${rate} AS rate
FROM spine LEFT JOIN agg ON agg.total = spine.total AND agg.month IS NOT DISTINCT FROM spine.month
ORDER BY spine.total DESC, spine.month`;
}

/** 'YYYY-MM-01' of a month given as 'YYYY-MM' or a date in it, validated. */
export function monthStart(month: string): string {
	const m = /^(\d{4})-(\d{2})/.exec(month);
	if (!m || +m[2] < 1 || +m[2] > 12) throw new Error(`not a month: ${month}`);
	return `${m[1]}-${m[2]}-01`;
}

/**
 * A monthly rate's drill-down condition on `x`: the outcomes the selection's part names (`fallback`
 * when it names none; an unknown part throws), and with a month, that month of `dateColumn`.
 */
export function drillWhere(
	parts: Record<string, string>,
	fallback: string,
	dateColumn: string,
	sel?: DrillSelection
): string {
	const part = sel?.part ?? fallback;
	if (!(part in parts))
		throw new Error(`unknown drill part "${part}" (${Object.keys(parts).join(', ')})`);
	const month = sel?.month
		? ` AND date_trunc('month', ${dateColumn})::DATE = DATE '${monthStart(sel.month)}'`
		: '';
	return `${parts[part]}${month}`;
}

export const overall = (rows: Record<string, unknown>[]) =>
	rows.find((r) => Number(r.total) === 1) ?? {};
export const monthly = (rows: Record<string, unknown>[]) =>
	rows.filter((r) => Number(r.total) === 0);
