/**
 * Resolution times (NCSC CourTools Measures 3 and 4, and the Model Time Standards), the Kaplan-Meier
 * estimate of time to close, and the age of the pending caseload. One pass over the scoped cases
 * computes every scalar; the per-type distribution and the Kaplan-Meier tables are their own queries.
 */
import { headlineEntry } from './headline/entry';
import type { Row } from '../engine/types';
import { KM_ENTRIES } from './km';
import { standards } from './standards';
import { caseDrillSql, count, numOrNull, plainRows } from './read';
import {
	asOfMoment,
	caseMoments,
	daysBetween,
	groupIs,
	inPeriod,
	num,
	openAtAsOf,
	scopedCte
} from './sql';
import { CASE_TYPE, CLOSED, OPENED } from './types';
import type { ColumnDoc, DrillSelection, MetricContext, MetricEntry, ResultRow } from './types';

const SOURCE_3 = 'NCSC CourTools Measure 3 (Time to Disposition)';
const SOURCE_4 = 'NCSC CourTools Measure 4 (Age of Active Pending Caseload)';
const SOURCE_MTS =
	'Model Time Standards for State Trial Courts (NCSC, 2011), general civil tiers by default';

/** The age buckets of the pending caseload: label and inclusive upper bound in days (null: no bound). */
export const AGE_BUCKETS: { label: string; max: number | null }[] = [
	{ label: '0-30', max: 30 },
	{ label: '31-90', max: 90 },
	{ label: '91-180', max: 180 },
	{ label: '181-365', max: 365 },
	{ label: 'over 365', max: null }
];

/** The `c` relation: scoped cases with closed-in-period, open-at-as-of, duration, age, and their type's tiers. */
function casesWithTimes(ctx: MetricContext): string {
	const { scope, dataset, settings } = ctx;
	const m = caseMoments(dataset, 's');
	const asOf = asOfMoment(scope);
	const std = standards(settings);
	const tierCols = Array.from(
		{ length: std.tiers },
		(_, i) => `${std.days(i)} AS d${i}, ${std.target(i)} AS t${i}`
	).join(',\n\t\t');
	return `WITH ${scopedCte(ctx)},
${std.cte ? std.cte + ',' : ''}
c AS (
	SELECT s.case_id, s.case_type,
		${inPeriod('s.closed_at', scope)} AS closed_in,
		${openAtAsOf(dataset, scope, 's')} AS is_open,
		${daysBetween(m.opened, m.closed)} AS dur,
		${daysBetween(m.opened, asOf)} AS age,
		${tierCols}
	FROM scoped s${std.cte ? ' LEFT JOIN std ON lower(s.case_type) = std.type_key' : ''})`;
}

/** One row with every resolution scalar, the tier counts and the age buckets. */
export function resolutionSql(ctx: MetricContext): string {
	const tiers = ctx.settings.timeStandards.default.length;
	// Without per-type standards the target is the default's exactly (an average of equal doubles may not be).
	const uniform = Object.keys(ctx.settings.timeStandards.byType).length === 0;
	const tierAggs = Array.from(
		{ length: tiers },
		(_, i) =>
			`count(*) FILTER (WHERE closed_in AND dur <= d${i}) AS within_${i},
				${
					uniform
						? `${num(ctx.settings.timeStandards.default[i].target)}`
						: `avg(t${i}) FILTER (WHERE
					closed_in)`
				} AS target_${i}`
	).join(',\n\t');
	let lower = -Infinity;
	const buckets = AGE_BUCKETS.map((b, i) => {
		const cond = [
			lower === -Infinity ? null : `age > ${lower}`,
			b.max === null ? null : `age <= ${b.max}`
		]
			.filter(Boolean)
			.join(' AND ');
		lower = b.max ?? lower;
		return `count(*) FILTER (WHERE is_open${cond ? ' AND ' + cond : ''}) AS bucket_${i}`;
	}).join(',\n\t');
	return `${casesWithTimes(ctx)}
SELECT
	count(*) FILTER (WHERE closed_in) AS n_closed,
	avg(dur) FILTER (WHERE closed_in) AS dur_mean,
	quantile_cont(dur, 0.9) FILTER (WHERE closed_in) AS dur_p90,
	${tierAggs},
	count(*) FILTER (WHERE is_open) AS n_open,
	quantile_cont(age, 0.5) FILTER (WHERE is_open) AS age_median,
	${buckets}
FROM c`;
}

/** Per case type: the distribution of days to close of the cases closed in the period. */
export function closeByTypeSql(ctx: MetricContext): string {
	return `${casesWithTimes(ctx)}
SELECT case_type, count(*) AS n, min(dur) AS min, quantile_cont(dur, 0.25) AS q1, quantile_cont(dur, 0.5) AS median,
	quantile_cont(dur, 0.75) AS q3, quantile_cont(dur, 0.9) AS p90, max(dur) AS max, avg(dur) AS mean
FROM c WHERE closed_in GROUP BY case_type ORDER BY case_type NULLS LAST`;
}

function closedDrill(ctx: MetricContext, sel?: DrillSelection): string {
	let where = inPeriod('closed_at', ctx.scope);
	where += ` AND ${groupIs('case_type', sel?.group)}`;
	return caseDrillSql(ctx, where, [], 'days_open DESC, case_id');
}

function openDrill(ctx: MetricContext, extraWhere = 'TRUE'): string {
	return caseDrillSql(
		ctx,
		`${openAtAsOf(ctx.dataset, ctx.scope)} AND ${extraWhere}`,
		[],
		'days_open DESC, case_id'
	);
}

/** Drill for tiers, buckets and backlog: the `c` relation joined back to the cases. */
function timesDrill(ctx: MetricContext, where: string): string {
	const inner = `${casesWithTimes(ctx)} SELECT case_id FROM c WHERE ${where}`;
	return caseDrillSql(ctx, `case_id IN (${inner})`, [], 'days_open DESC, case_id');
}

function ageCondition(label: string): string {
	let lower: number | null = null;
	for (const b of AGE_BUCKETS) {
		if (b.label === label)
			return (
				[lower === null ? null : `age > ${lower}`, b.max === null ? null : `age <= ${b.max}`]
					.filter(Boolean)
					.join(' AND ') || 'TRUE'
			);
		lower = b.max;
	}
	throw new Error(`unknown age bucket "${label}" (${AGE_BUCKETS.map((b) => b.label).join(', ')})`);
}

function resolutionScalar(
	id: string,
	change: Pick<MetricEntry, 'polarity' | 'changeTest'>,
	title: string,
	source: string,
	definition: string,
	formula: string,
	needs: MetricEntry['needs'],
	unit: MetricEntry['unit'],
	read: (row: Row) => {
		value: number | null;
		n?: number;
		detail?: Record<string, number | string | null>;
	},
	drill: MetricEntry['drill']
): MetricEntry {
	return {
		id,
		...change,
		area: 'resolution',
		title,
		definition,
		formula,
		source,
		needs,
		unit,
		kind: 'scalar',
		sql: resolutionSql,
		read: (rows) => read(rows[0] ?? {}),
		drill
	};
}

/** The columns of days_to_close_by_type (the chart's table shows them too). */
export const CLOSE_BY_TYPE_COLUMNS: ColumnDoc[] = [
	{ name: 'case_type', label: 'Case type' },
	{ name: 'n', label: 'Closed', unit: 'cases' },
	{ name: 'min', label: 'Minimum', unit: 'days' },
	{ name: 'q1', label: 'First quartile', unit: 'days' },
	{ name: 'median', label: 'Median', unit: 'days' },
	{ name: 'q3', label: 'Third quartile', unit: 'days' },
	{ name: 'p90', label: '90th percentile', unit: 'days' },
	{ name: 'max', label: 'Maximum', unit: 'days' },
	{ name: 'mean', label: 'Mean', unit: 'days' }
];

/** The columns of pending_age_buckets. */
export const AGE_BUCKET_COLUMNS: ColumnDoc[] = [
	{ name: 'bucket', label: 'Age (days)' },
	{ name: 'n', label: 'Open cases', unit: 'cases' },
	{ name: 'share', label: 'Share', unit: 'share' }
];

const DURATION =
	'days from opened_at to closed_at (fractional where both have a time of day, else whole days)';

export const RESOLUTION: MetricEntry[] = [
	headlineEntry('days_to_close_median', {
		polarity: 'lower',
		changeTest: 'rank',
		area: 'resolution',
		title: 'Median days to close',
		source: SOURCE_3,
		definition:
			'The median number of days from opening to closing of the cases closed during the period. Half of ' +
			'them took longer. It describes closed cases only and so leaves out cases that are still open, ' +
			'however old; compare the Kaplan-Meier median.',
		formula: `continuous median (quantile_cont 0.5) of ${DURATION}, over cases closed in the period`,
		needs: [OPENED, CLOSED],
		unit: 'days',
		drill: closedDrill
	}),
	resolutionScalar(
		'days_to_close_mean',
		{ polarity: 'lower' },
		'Mean days to close',
		SOURCE_3,
		'The average number of days from opening to closing of the cases closed during the period; pulled up by a ' +
			'few very long cases more than the median is.',
		`mean of ${DURATION}, over cases closed in the period`,
		[OPENED, CLOSED],
		'days',
		(r) => ({ value: numOrNull(r.dur_mean), n: count(r.n_closed) }),
		closedDrill
	),
	resolutionScalar(
		'days_to_close_p90',
		{ polarity: 'lower' },
		'90th percentile of days to close',
		SOURCE_3,
		'The number of days within which 90% of the cases closed during the period were closed: the slow tail.',
		`continuous 90th percentile (quantile_cont 0.9, linear interpolation) of ${DURATION}, over cases closed in ` +
			`the period`,
		[OPENED, CLOSED],
		'days',
		(r) => ({ value: numOrNull(r.dur_p90), n: count(r.n_closed) }),
		closedDrill
	),
	{
		id: 'time_standard_compliance',
		area: 'resolution',
		title: 'Time standard compliance',
		definition:
			'For each tier of the time standards (by default 75% of cases within 180 days, 90% within 365, 98% ' +
			'within 540, the Model Time Standards for general civil cases; set per case type in the settings), ' +
			"the share of cases closed during the period that closed within the tier's days for their case " +
			"type, shown against the tier's target share.",
		formula:
			'for tier i: count(closed in period with days to close <= days_i(type)) / count(closed in period); ' +
			'target_i = mean of target_i(type) over those cases; met when share >= target',
		source: SOURCE_MTS,
		needs: [OPENED, CLOSED],
		polarity: 'higher',
		unit: 'table',
		kind: 'table',
		columns: [
			{ name: 'tier', label: 'Tier' },
			{ name: 'days', label: 'Days (default standard)', unit: 'days' },
			{ name: 'within', label: 'Closed within', unit: 'cases' },
			{ name: 'n', label: 'Closed', unit: 'cases' },
			{ name: 'share', label: 'Share within', unit: 'share' },
			{ name: 'target', label: 'Target share', unit: 'share' },
			{ name: 'met', label: 'Target met' }
		],
		sql: resolutionSql,
		read: (rows, ctx) => {
			const r = rows[0] ?? {};
			const n = count(r.n_closed);
			const out: ResultRow[] = ctx.settings.timeStandards.default.map((tier, i) => {
				const within = count(r[`within_${i}`]);
				const share = n === 0 ? null : within / n;
				const target = numOrNull(r[`target_${i}`]) ?? tier.target;
				// A share equal to the target meets it, whatever the last bit of an averaged target.
				return {
					tier: i + 1,
					days: tier.days,
					within,
					n,
					share,
					target,
					met: share === null ? null : share >= target - 1e-9
				};
			});
			return { rows: out };
		},
		drill: (ctx, sel) => {
			const tier = Number(sel?.group ?? ctx.settings.timeStandards.default.length);
			const i = tier - 1;
			if (!Number.isInteger(tier) || i < 0 || i >= ctx.settings.timeStandards.default.length)
				throw new Error(`no tier ${String(sel?.group)}`);
			return timesDrill(ctx, `closed_in AND dur ${sel?.part === 'within' ? '<=' : '>'} d${i}`);
		},
		drillParts: ['group = tier number (1..n); part = "within" or "over" (default over)']
	},
	{
		id: 'days_to_close_by_type',
		area: 'resolution',
		title: 'Days to close by case type',
		definition:
			'For each case type, the distribution of days from opening to closing of the cases closed during the ' +
			"period: count, minimum, quartiles, 90th percentile, maximum and mean (a box plot's figures).",
		formula:
			`per case type, over cases closed in the period: min, quantile_cont 0.25 / 0.5 / 0.75 / 0.9, max, ` +
			`mean of ${DURATION}`,
		source: SOURCE_3,
		needs: [OPENED, CLOSED, CASE_TYPE],
		polarity: 'lower',
		unit: 'table',
		kind: 'table',
		columns: CLOSE_BY_TYPE_COLUMNS,
		sql: closeByTypeSql,
		read: (rows) => ({
			rows: plainRows(
				rows,
				CLOSE_BY_TYPE_COLUMNS.map((c) => c.name)
			)
		}),
		drill: closedDrill,
		drillParts: ['group = case type']
	},
	...KM_ENTRIES,
	resolutionScalar(
		'pending_age_median',
		{ polarity: 'lower', changeTest: 'rank' },
		'Median age of pending cases',
		SOURCE_4,
		'The median number of days since opening of the cases open at the as-of date.',
		'continuous median of days from opened_at to the as-of date, over cases open at the as-of date',
		[OPENED, CLOSED],
		'days',
		(r) => ({ value: numOrNull(r.age_median), n: count(r.n_open) }),
		(ctx) => openDrill(ctx)
	),
	{
		id: 'pending_age_buckets',
		area: 'resolution',
		title: 'Pending cases by age',
		definition:
			'The cases open at the as-of date by days since opening: 0-30, 31-90, 91-180, 181-365 and over 365 days, ' +
			'as counts and shares.',
		formula:
			'age = days from opened_at to the as-of date; buckets by upper bound: <= 30, <= 90, <= 180, <= 365, > ' +
			'365; share = count / open cases',
		source: SOURCE_4,
		needs: [OPENED, CLOSED],
		polarity: 'neutral',
		unit: 'table',
		kind: 'table',
		columns: AGE_BUCKET_COLUMNS,
		sql: resolutionSql,
		read: (rows) => {
			const r = rows[0] ?? {};
			const open = count(r.n_open);
			return {
				rows: AGE_BUCKETS.map((b, i) => ({
					bucket: b.label,
					n: count(r[`bucket_${i}`]),
					share: open === 0 ? null : count(r[`bucket_${i}`]) / open
				}))
			};
		},
		drill: (ctx, sel) =>
			timesDrill(ctx, `is_open AND ${sel?.group == null ? 'TRUE' : ageCondition(sel.group)}`),
		drillParts: ['group = bucket label']
	},
	headlineEntry('backlog_share', {
		polarity: 'lower',
		area: 'resolution',
		title: 'Backlog share',
		source: SOURCE_4,
		definition:
			'The share of the cases open at the as-of date that are older than the last (longest) tier of their ' +
			"case type's time standard, by default 540 days: cases that can no longer meet the standard.",
		formula:
			'count(open at as-of with age > last tier days(type)) / count(open at as-of); null when nothing is open',
		needs: [OPENED, CLOSED],
		unit: 'share',
		drill: (ctx) =>
			timesDrill(ctx, `is_open AND age > d${ctx.settings.timeStandards.default.length - 1}`)
	})
];
