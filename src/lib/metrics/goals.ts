/**
 * Goal attainment: goals met by their target date, Goal Attainment Scaling (Kiresuk and Sherman,
 * 1968) T-scores, and overdue goals. One query returns the overall figures and the same per worker.
 */
import { headlineEntry } from './headline/entry';
import { count, plainRows } from './read';
import {
	activeInScope,
	asOfMoment,
	cmp,
	columnMoment,
	groupIs,
	inPeriod,
	openAtAsOf,
	scopedCte
} from './sql';
import { CLOSED, GOAL_ACHIEVED, GOAL_TARGET, WORKER } from './types';
import type { ColumnDoc, DrillSelection, MetricContext, MetricEntry } from './types';

const GAS = { table: 'goals', column: 'gas_score' } as const;
const SOURCE_GAS = 'Kiresuk and Sherman (1968), Goal Attainment Scaling; T-score with rho = 0.3';
const SOURCE_MET = 'Service-plan goal attainment as used in case-management monitoring';

/** The correlation between goal scales assumed by the GAS T-score formula. */
export { GAS_RHO } from './gas';
import { GAS_RHO } from './gas';

/** The goals of scoped cases with their met / due / overdue flags (the `pg` relation). */
function goalsCte(ctx: MetricContext): string {
	const { scope, dataset } = ctx;
	const target = columnMoment(dataset, 'goals', 'target_at', 'g');
	const achieved = columnMoment(dataset, 'goals', 'achieved_at', 'g');
	const asOf = asOfMoment(scope);
	return `WITH ${scopedCte(ctx)},
pg AS (
	SELECT g.case_id, g.goal_id, g.target_at, g.achieved_at, g.gas_score, coalesce(g.weight, 1) AS w, s.worker,
		${inPeriod('g.target_at', scope)} AS due,
		CASE WHEN g.achieved_at IS NOT NULL THEN ${cmp(achieved, '<=', target)} AND ${cmp(achieved, '<=', asOf)}
			WHEN g.gas_score IS NOT NULL THEN g.gas_score >= 0 ELSE FALSE END AS met,
		(${openAtAsOf(dataset, scope, 's')} AND g.target_at IS NOT NULL AND ${cmp(target, '<', asOf)} AND
			(g.achieved_at IS NULL OR ${cmp(achieved, '>', asOf)})) AS overdue,
		${activeInScope(dataset, scope, 's')} AS in_scope
	FROM goals g JOIN scoped s ON g.case_id = s.case_id)`;
}

/** Overall (`total` = 1) and per-worker rows: due, met, overdue, gas_t_mean, gas_n. */
export function goalsSql(ctx: MetricContext): string {
	return `${goalsCte(ctx)},
met AS (
	SELECT GROUPING(worker) AS total, worker, count(*) FILTER (WHERE due) AS due, count(*) FILTER (WHERE due AND
		met) AS met, count(*) FILTER (WHERE overdue) AS overdue
	FROM pg GROUP BY GROUPING SETS ((), (worker))),
per_case AS (
	SELECT case_id, worker, 50 + 10 * sum(w * gas_score) / NULLIF(sqrt((1 - ${GAS_RHO}) * sum(w * w) + ${GAS_RHO} *
		pow(sum(w), 2)), 0) AS t
	FROM pg WHERE gas_score IS NOT NULL AND in_scope GROUP BY case_id, worker),
gas AS (SELECT GROUPING(worker) AS total, worker, avg(t) AS gas_t_mean, count(t) AS gas_n FROM
	per_case GROUP BY
	GROUPING SETS ((), (worker)))
SELECT coalesce(met.total, gas.total) AS total, coalesce(met.worker, gas.worker) AS worker,
	coalesce(met.due, 0) AS due, coalesce(met.met, 0) AS met, coalesce(met.overdue, 0) AS overdue,
	CASE WHEN coalesce(met.due, 0) = 0 THEN NULL ELSE met.met / met.due END AS met_rate,
	gas.gas_t_mean, coalesce(gas.gas_n, 0) AS gas_n
FROM met FULL JOIN gas ON met.total = gas.total AND met.worker IS NOT DISTINCT FROM gas.worker
ORDER BY total DESC, worker NULLS LAST`;
}

function goalDrill(ctx: MetricContext, where: string, sel?: DrillSelection): string {
	return `${goalsCte(ctx)}
SELECT case_id, goal_id, worker, target_at, achieved_at, gas_score, w AS weight, met, overdue FROM pg WHERE ${where}
	AND ${groupIs('worker', sel?.group)} ORDER BY target_at, case_id, goal_id`;
}

function gasDrill(ctx: MetricContext, sel?: DrillSelection): string {
	return `${goalsCte(ctx)}
SELECT case_id, worker, count(*) AS goals, sum(w * gas_score) AS weighted_sum,
	50 + 10 * sum(w * gas_score) / NULLIF(sqrt((1 - ${GAS_RHO}) * sum(w * w) + ${GAS_RHO} * pow(sum(w), 2)), 0) AS t
FROM pg WHERE gas_score IS NOT NULL AND in_scope AND ${groupIs('worker', sel?.group)} GROUP BY case_id, worker ORDER
	BY t, case_id`;
}

const overall = (rows: Record<string, unknown>[]) => rows.find((r) => Number(r.total) === 1) ?? {};

/** The columns of goal_attainment_by_worker (the chart's table shows them too). */
export const GOALS_BY_WORKER_COLUMNS: ColumnDoc[] = [
	{ name: 'worker', label: 'Worker' },
	{ name: 'due', label: 'Goals due', unit: 'goals' },
	{ name: 'met', label: 'Goals met', unit: 'goals' },
	{ name: 'met_rate', label: 'Share met', unit: 'share' },
	{ name: 'gas_n', label: 'Cases with GAS scores', unit: 'cases' },
	{ name: 'gas_t_mean', label: 'Mean T', unit: 'T score' }
];

export const GOALS: MetricEntry[] = [
	headlineEntry('goals_met_rate', {
		area: 'goals',
		title: 'Goals met',
		definition:
			'Of the goals whose target date falls in the period, the share achieved on or before the target date and ' +
			'by the as-of date (an achievement after the as-of date was not known then); where a goal has no ' +
			'achieved date but a Goal Attainment Scaling score, it counts as met when scored 0 (the expected ' +
			'level) or above.',
		formula:
			'count(goals with target in period and (achieved_at <= target_at and achieved_at <= as-of, ' +
			'or achieved_at blank and gas_score >= 0)) / count(goals with target in period); null when none is due',
		source: SOURCE_MET,
		needs: [GOAL_TARGET],
		needsOneOf: [[GOAL_ACHIEVED, GAS]],
		polarity: 'higher',
		unit: 'share',
		drill: (ctx, sel) =>
			goalDrill(
				ctx,
				`due${sel?.part === 'met' ? ' AND met' : sel?.part === 'all' ? '' : ' AND NOT met'}`,
				sel
			),
		drillParts: ['part = "missed" (default), "met" or "all"; group = worker']
	}),
	headlineEntry('gas_t_mean', {
		area: 'goals',
		title: 'Mean GAS T-score',
		definition:
			'Goal Attainment Scaling: each goal is scored from -2 (much less than expected) to +2 (much more), 0 ' +
			"being the expected outcome. Each case's scored goals are combined into a T-score that is 50 when " +
			'every goal reaches exactly the expected level, with a standard deviation of about 10. The ' +
			'figure is the mean T over the cases in scope (open at some time in the period) that have ' +
			'scored goals, with their number.',
		formula:
			'per case: T = 50 + 10 * sum(w * x) / sqrt(0.7 * sum(w^2) + 0.3 * (sum w)^2), x = gas_score, w = weight ' +
			'(1 when blank), over its scored goals (rho = 0.3); value = mean of T over cases',
		source: SOURCE_GAS,
		needs: [GAS],
		polarity: 'higher',
		unit: 'T score',
		drill: gasDrill,
		drillParts: ['group = worker']
	}),
	{
		id: 'goals_overdue',
		area: 'goals',
		title: 'Overdue goals',
		definition:
			'Goals of cases open at the as-of date whose target date is before the as-of date and that were not ' +
			'achieved by then.',
		formula:
			'count of goals of cases open at the as-of date with target_at < as-of and (achieved_at blank or ' +
			'achieved_at > as-of)',
		source: SOURCE_MET,
		needs: [GOAL_TARGET, GOAL_ACHIEVED, CLOSED],
		polarity: 'lower',
		unit: 'goals',
		kind: 'scalar',
		sql: goalsSql,
		read: (rows) => ({ value: count(overall(rows).overdue) }),
		drill: (ctx, sel) => goalDrill(ctx, 'overdue', sel),
		drillParts: ['group = worker']
	},
	{
		id: 'goal_attainment_by_worker',
		area: 'goals',
		title: 'Goal attainment by worker',
		definition:
			"Goals met (as above) and the mean GAS T-score (as above) for each worker's cases; cases without a " +
			'worker form their own row.',
		formula: "per worker: goals_met_rate and gas_t_mean over that worker's cases",
		source: `${SOURCE_MET}; ${SOURCE_GAS}`,
		needs: [WORKER],
		needsOneOf: [[GOAL_TARGET, GAS]],
		polarity: 'higher',
		unit: 'table',
		kind: 'table',
		columns: GOALS_BY_WORKER_COLUMNS,
		sql: goalsSql,
		read: (rows) => ({
			rows: plainRows(
				rows.filter((r) => Number(r.total) === 0),
				GOALS_BY_WORKER_COLUMNS.map((c) => c.name)
			)
		}),
		drill: (ctx, sel) => goalDrill(ctx, 'due', sel),
		drillParts: ['group = worker']
	}
];
