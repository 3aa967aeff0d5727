/**
 * The statistics the rank tests of metrics/significance.ts need, computed by the database over the
 * cases behind a median in two periods: the same cases its drill-down lists (`days_open`, and for the
 * Kaplan-Meier median whether the case had closed by the as-of moment). Only sums come back, so a
 * test over a million cases moves four numbers, not a million.
 */
import type { Engine } from '../engine/types';
import { numOrNull } from './read';
import type { LogRank, RankSums } from './significance';
import { changeTestOf } from './significance';
import type { MetricContext, MetricEntry } from './types';

/** The two samples of days, the later period's as g = 1. */
function samples(entry: MetricEntry, now: MetricContext, then: MetricContext, extra = ''): string {
	if (!entry.drill) throw new Error(`metric ${entry.id} lists no cases to test a change on`);
	const one = (g: number, ctx: MetricContext) =>
		`SELECT ${g} AS g, days_open::DOUBLE AS v${extra} FROM (${entry.drill!(ctx)}) WHERE days_open IS NOT NULL`;
	return `pooled AS (${one(1, now)}\nUNION ALL\n${one(2, then)})`;
}

/** n1, n2, the first sample's rank sum (ties at their mean rank) and Σ(t^3 - t) over tied groups. */
export function rankSumsSql(entry: MetricEntry, now: MetricContext, then: MetricContext): string {
	return `WITH ${samples(entry, now, then)},
ties AS (SELECT v, count(*)::DOUBLE AS t, count(*) FILTER (WHERE g = 1)::DOUBLE AS t1 FROM pooled GROUP BY v),
ranked AS (SELECT t, t1, sum(t) OVER (ORDER BY v ROWS UNBOUNDED PRECEDING) - t AS below FROM ties)
SELECT (SELECT count(*) FROM pooled WHERE g = 1) AS n1, (SELECT count(*) FROM pooled WHERE g = 2) AS n2,
	sum(t1 * (below + (t + 1) / 2)) AS rank_sum_1, sum(t * t * t - t) AS tie_term
FROM ranked`;
}

/**
 * The log-rank statistics: at each time with closings, d closings among n at risk (n1 of the first
 * sample), O1 - E1 = Σ (d1 - d n1 / n) and V = Σ d (n1 / n)(1 - n1 / n)(n - d) / (n - 1).
 */
export function logRankSql(entry: MetricEntry, now: MetricContext, then: MetricContext): string {
	return `WITH ${samples(entry, now, then, ', closed_by_as_of AS ev')},
times AS (SELECT v, count(*)::DOUBLE AS m, count(*) FILTER (WHERE g = 1)::DOUBLE AS m1,
	count(*) FILTER (WHERE ev)::DOUBLE AS d, count(*) FILTER (WHERE ev AND g = 1)::DOUBLE AS d1
	FROM pooled GROUP BY v),
risk AS (SELECT *, sum(m) OVER (ORDER BY v DESC ROWS UNBOUNDED PRECEDING) AS n,
	sum(m1) OVER (ORDER BY v DESC ROWS UNBOUNDED PRECEDING) AS n1 FROM times)
SELECT (SELECT count(*) FROM pooled WHERE g = 1) AS n1, (SELECT count(*) FROM pooled WHERE g = 2) AS n2,
	coalesce(sum(d1 - d * n1 / n), 0) AS o_minus_e,
	coalesce(sum(CASE WHEN n > 1 THEN d * (n1 / n) * (1 - n1 / n) * (n - d) / (n - 1) ELSE 0 END), 0) AS variance
FROM risk WHERE d > 0`;
}

/** The rank statistics of the change of a median metric from `then` to `now`; {} for other metrics. */
export async function rankStatistics(
	engine: Engine,
	entry: MetricEntry,
	now: MetricContext,
	then: MetricContext
): Promise<{ ranks?: RankSums; logRank?: LogRank }> {
	const test = changeTestOf(entry);
	const num = (v: unknown) => numOrNull(v) ?? 0;
	if (test === 'rank') {
		const [r] = await engine.query(rankSumsSql(entry, now, then));
		return {
			ranks: {
				n1: num(r?.n1),
				n2: num(r?.n2),
				rankSum1: num(r?.rank_sum_1),
				tieTerm: num(r?.tie_term)
			}
		};
	}
	if (test === 'logrank') {
		const [r] = await engine.query(logRankSql(entry, now, then));
		return {
			logRank: {
				n1: num(r?.n1),
				n2: num(r?.n2),
				observedMinusExpected: num(r?.o_minus_e),
				variance: num(r?.variance)
			}
		};
	}
	return {};
}
