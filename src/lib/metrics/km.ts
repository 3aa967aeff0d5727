/**
 * The Kaplan-Meier estimate of time to close (resolution times): the median over the cohort of cases
 * opened in the period, overall and per case type, and the product-limit tables behind it.
 */
import { headlineEntry } from './headline/entry';
import { KM_EPSILON } from './headline/stats';
import { caseDrillSql, plainRows } from './read';
import {
	asOfMoment,
	caseMoments,
	censoredDays,
	cmp,
	daysBetween,
	groupIs,
	inPeriod,
	scopedCte
} from './sql';
import { CASE_TYPE, CLOSED, OPENED } from './types';
import type { ColumnDoc, DrillSelection, MetricContext, MetricEntry } from './types';

const SOURCE_KM =
	'Kaplan and Meier (1958), product-limit estimator of time to closing with open cases censored';

/**
 * The Kaplan-Meier cohort: cases opened in the period (and by the as-of moment), with their time
 * `t` in days to closing (event) or to the as-of moment (censored: still open, or closed after it).
 */
function kmCohort(ctx: MetricContext): string {
	const { scope, dataset } = ctx;
	const m = caseMoments(dataset);
	const asOf = asOfMoment(scope);
	const event = `(closed_at IS NOT NULL AND ${cmp(m.closed, '<=', asOf)})`;
	return `WITH ${scopedCte(ctx)},
cohort AS (
	SELECT case_type, ${event} AS ev, CASE WHEN ${event} THEN ${daysBetween(m.opened, m.closed)}
		ELSE ${censoredDays(m.opened, m.closed, scope)} END AS t
	FROM scoped WHERE ${inPeriod('opened_at', scope)} AND ${cmp(m.opened, '<=', asOf)})`;
}

/**
 * The product-limit table, of all cases or per case type (the overall median is the headline
 * measure's, headline/measures.ts).
 */
function kmTable(ctx: MetricContext, groups: 'overall' | 'types'): string {
	const caseType = groups === 'overall' ? 'NULL::VARCHAR' : 'case_type';
	return `${kmCohort(ctx)},
g AS (SELECT ${caseType} AS case_type, t, ev FROM cohort),
times AS (SELECT case_type, t, count(*) FILTER (WHERE ev) AS events, count(*) FILTER (WHERE NOT ev) AS censored
	FROM g GROUP BY case_type, t),
risk AS (SELECT *,
	sum(events + censored) OVER (PARTITION BY case_type ORDER BY t DESC ROWS UNBOUNDED PRECEDING)::BIGINT AS at_risk
	FROM times),
km AS (SELECT *, product(1 - events / at_risk) OVER (PARTITION BY case_type ORDER BY t ROWS UNBOUNDED PRECEDING) AS
	survival FROM risk)`;
}

/** Per case type: the Kaplan-Meier median (smallest t with S(t) <= 0.5, null if never), cohort size and events. */
export function kmMedianByTypeSql(ctx: MetricContext): string {
	return `${kmTable(ctx, 'types')}
SELECT case_type, min(t) FILTER (WHERE survival <= 0.5 + ${KM_EPSILON}) AS median, sum(events +
	censored)::BIGINT AS n, sum(events)::BIGINT AS events
FROM km GROUP BY case_type ORDER BY case_type NULLS LAST`;
}

/** The product-limit table: one row per distinct time (event or censoring). */
export function kmCurveSql(ctx: MetricContext, groups: 'overall' | 'types'): string {
	return `${kmTable(ctx, groups)}
SELECT case_type, t, at_risk, events, censored, survival FROM km ORDER BY case_type NULLS LAST, t`;
}

function kmDrill(ctx: MetricContext, sel?: DrillSelection): string {
	const m = caseMoments(ctx.dataset);
	const asOf = asOfMoment(ctx.scope);
	let where = `${inPeriod('opened_at', ctx.scope)} AND ${cmp(m.opened, '<=', asOf)}`;
	where += ` AND ${groupIs('case_type', sel?.group)}`;
	const event = `(closed_at IS NOT NULL AND ${cmp(m.closed, '<=', asOf)})`;
	if (sel?.part === 'censored') where += ` AND NOT ${event}`;
	else if (sel?.part === 'closed') where += ` AND ${event}`;
	return caseDrillSql(ctx, where, [`${event} AS closed_by_as_of`], 'days_open DESC, case_id');
}

/** The Kaplan-Meier curve's columns; the per-type curve adds the case type in front. */
const CURVE_COLUMNS: ColumnDoc[] = [
	{ name: 't', label: 'Days', unit: 'days' },
	{ name: 'at_risk', label: 'At risk', unit: 'cases' },
	{ name: 'events', label: 'Closed at t', unit: 'cases' },
	{ name: 'censored', label: 'Censored at t', unit: 'cases' },
	{ name: 'survival', label: 'Still open (estimate)', unit: 'share' }
];
const CURVE_KEYS = CURVE_COLUMNS.map((c) => c.name);
/** The columns of km_curve_by_type (the chart's table shows them too). */
export const KM_CURVE_BY_TYPE_COLUMNS: ColumnDoc[] = [
	{ name: 'case_type', label: 'Case type' },
	...CURVE_COLUMNS
];

export const KM_ENTRIES: MetricEntry[] = [
	headlineEntry('km_median_days', {
		area: 'resolution',
		title: 'Kaplan-Meier median days to close',
		definition:
			'The median time to close of the cases opened during the period, estimated with the Kaplan-Meier ' +
			'product-limit method so that cases still open at the as-of date count as "at least this old" ' +
			'(censored) instead of being left out. A date-only as-of date means the end of that day: a case ' +
			'still open then is observed until midnight after it. This is the number that does not hide ' +
			'long-running open cases, which the median of closed cases does. Null when fewer than ' +
			'half are estimated to close within the observed time.',
		formula:
			'cohort: cases opened in the period by the as-of moment; t = days from opened_at to closed_at when ' +
			'closed by ' +
			'the as-of moment, else (censored) to the end of observation: with times of day on opened_at and ' +
			'closed_at, fractional days to the as-of instant, or to midnight after a date-only as-of day; else whole ' +
			'days from the opening date to the as-of date. S(t) = product over event times u <= t of ' +
			'(1 - d(u) / n(u)), d = closings at u, n = cases with t >= u (a case censored at u is at risk at u); ' +
			'median = smallest t with S(t) <= 0.5',
		source: SOURCE_KM,
		needs: [OPENED, CLOSED],
		polarity: 'lower',
		changeTest: 'logrank',
		unit: 'days',
		drill: kmDrill,
		drillParts: ['part = "closed" or "censored" (default: the whole cohort)']
	}),
	{
		id: 'km_median_by_type',
		area: 'resolution',
		title: 'Kaplan-Meier median days to close by case type',
		definition:
			'The Kaplan-Meier median time to close (as above) of the cases opened during the period, for each case ' +
			'type separately.',
		formula: 'as km_median_days, within each case type',
		source: SOURCE_KM,
		needs: [OPENED, CLOSED, CASE_TYPE],
		polarity: 'lower',
		unit: 'table',
		kind: 'table',
		columns: [
			{ name: 'case_type', label: 'Case type' },
			{ name: 'n', label: 'Cohort', unit: 'cases' },
			{ name: 'events', label: 'Closed', unit: 'cases' },
			{ name: 'median', label: 'Kaplan-Meier median', unit: 'days' }
		],
		sql: kmMedianByTypeSql,
		read: (rows) => ({ rows: plainRows(rows, ['case_type', 'n', 'events', 'median']) }),
		drill: kmDrill,
		drillParts: ['group = case type; part = "closed" or "censored"']
	},
	{
		id: 'km_curve',
		area: 'resolution',
		title: 'Kaplan-Meier curve',
		definition:
			'The share of the cases opened during the period estimated to be still open after t days, for every time ' +
			't at which a case closed or was censored (still open at the as-of date). The curve starts at 1 at t ' +
			'= 0 and steps down at each closing; censoring times are the rows with censored > 0.',
		formula:
			'one row per distinct t: at_risk n(t), events d(t), censored c(t), survival S(t) = product over u <= t ' +
			'of (1 - d(u) / n(u))',
		source: SOURCE_KM,
		needs: [OPENED, CLOSED],
		polarity: 'neutral',
		unit: 'table',
		kind: 'table',
		columns: CURVE_COLUMNS,
		sql: (ctx) => kmCurveSql(ctx, 'overall'),
		read: (rows) => ({ rows: plainRows(rows, CURVE_KEYS) }),
		drill: kmDrill,
		drillParts: ['part = "closed" or "censored"']
	},
	{
		id: 'km_curve_by_type',
		area: 'resolution',
		title: 'Kaplan-Meier curves by case type',
		definition:
			'The Kaplan-Meier curve (as above) for each case type separately, with its censoring times.',
		formula: 'as km_curve, within each case type',
		source: SOURCE_KM,
		needs: [OPENED, CLOSED, CASE_TYPE],
		polarity: 'neutral',
		unit: 'table',
		kind: 'table',
		columns: KM_CURVE_BY_TYPE_COLUMNS,
		sql: (ctx) => kmCurveSql(ctx, 'types'),
		read: (rows) => ({
			rows: plainRows(
				rows,
				KM_CURVE_BY_TYPE_COLUMNS.map((c) => c.name)
			)
		}),
		drill: kmDrill,
		drillParts: ['group = case type; part = "closed" or "censored"']
	}
];
