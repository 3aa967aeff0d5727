/**
 * Throughput (NCSC CourTools Measure 2, clearance rates): how many cases came in, how many went out,
 * and how many were pending at the start and end of the period. One pass over the scoped cases
 * computes every scalar; a second query gives the monthly series.
 */
import { headlineEntry } from './headline/entry';
import type { Row } from '../engine/types';
import { monthStart } from './monthly';
import { caseDrillSql, count, plainRows } from './read';
import { dateLit, inPeriod, monthsSql, periodEnd, periodStart, scopedCte } from './sql';
import { addDays } from './scope';
import { CLOSED, OPENED } from './types';
import type { ColumnDoc, DrillSelection, MetricContext, MetricEntry } from './types';

const SOURCE = 'NCSC CourTools Measure 2 (Clearance Rates)';

/** One row: opened, closed, pending_start, pending_end. */
export function throughputSql(ctx: MetricContext): string {
	const { scope } = ctx;
	const from = periodStart(scope);
	const end = periodEnd(scope);
	return `WITH ${scopedCte(ctx)},
t AS (
	SELECT
		count(*) FILTER (WHERE ${inPeriod('opened_at', scope)}) AS opened,
		count(*) FILTER (WHERE ${inPeriod('closed_at', scope)}) AS closed,
		count(*) FILTER (WHERE opened_at < ${from} AND (closed_at IS NULL OR closed_at >= ${from})) AS pending_start,
		count(*) FILTER (WHERE opened_at < ${end} AND (closed_at IS NULL OR closed_at >= ${end})) AS pending_end
	FROM scoped)
SELECT opened, closed, pending_start, pending_end FROM t`;
}

/**
 * Per month of the period: opened and closed in the month (within the period), and pending at the
 * month's end (or the period's end for its last month), as pending_start plus the running sum of
 * opened minus closed.
 */
export function throughputMonthlySql(ctx: MetricContext): string {
	const { scope } = ctx;
	const from = periodStart(scope);
	return `WITH ${scopedCte(ctx)},
months AS (${monthsSql(scope)}),
moves AS (
	SELECT date_trunc('month', opened_at)::DATE AS month, 1 AS o, 0 AS c FROM scoped WHERE
		${inPeriod('opened_at', scope)}
	UNION ALL
	SELECT date_trunc('month', closed_at)::DATE AS month, 0 AS o, 1 AS c FROM scoped WHERE
		${inPeriod('closed_at', scope)}),
agg AS (SELECT month, sum(o)::BIGINT AS opened, sum(c)::BIGINT AS closed FROM moves GROUP BY month),
start AS (SELECT count(*) AS pending_start FROM scoped WHERE opened_at < ${from} AND (closed_at IS NULL OR closed_at
	>= ${from}))
SELECT months.month, coalesce(agg.opened, 0) AS opened, coalesce(agg.closed, 0) AS closed,
	(start.pending_start + sum(coalesce(agg.opened, 0) - coalesce(agg.closed, 0)) OVER (ORDER BY months.month ROWS
		UNBOUNDED PRECEDING))::BIGINT AS pending
FROM months LEFT JOIN agg USING (month) CROSS JOIN start ORDER BY months.month`;
}

/** The first instant after a month of the period (its last day, or the period's last day, at midnight after). */
function monthCut(ctx: MetricContext, month: string): string {
	const [y, m] = month.split('-').map(Number);
	const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
	return dateLit(addDays(last < ctx.scope.to ? last : ctx.scope.to, 1));
}

function throughputDrill(ctx: MetricContext, part: string, month?: string): string {
	const { scope } = ctx;
	const from = periodStart(scope);
	const end = month ? monthCut(ctx, month) : periodEnd(scope);
	const inMonth = (col: string) =>
		month ? ` AND date_trunc('month', ${col})::DATE = DATE '${monthStart(month)}'` : '';
	switch (part) {
		case 'opened':
			return caseDrillSql(ctx, `${inPeriod('opened_at', scope)}${inMonth('opened_at')}`);
		case 'closed':
			return caseDrillSql(
				ctx,
				`${inPeriod('closed_at', scope)}${inMonth('closed_at')}`,
				[],
				'closed_at, case_id'
			);
		case 'pending_start':
			return caseDrillSql(
				ctx,
				`opened_at < ${from} AND (closed_at IS NULL OR closed_at >= ${from})`
			);
		case 'pending':
		case 'pending_end':
			return caseDrillSql(ctx, `opened_at < ${end} AND (closed_at IS NULL OR closed_at >= ${end})`);
		default:
			throw new Error(`unknown drill part "${part}" (opened, closed, pending_start, pending_end)`);
	}
}

function scalar(
	id: string,
	change: Pick<MetricEntry, 'polarity' | 'changeTest'>,
	title: string,
	definition: string,
	formula: string,
	needs: MetricEntry['needs'],
	read: (row: Row) => { value: number | null; n?: number; detail?: Record<string, number | null> },
	drill: (ctx: MetricContext, sel?: DrillSelection) => string
): MetricEntry {
	return {
		id,
		...change,
		area: 'throughput',
		title,
		definition,
		formula,
		source: SOURCE,
		needs,
		unit: 'cases',
		kind: 'scalar',
		sql: throughputSql,
		read: (rows) => read(rows[0] ?? {}),
		drill
	};
}

/** The columns of throughput_monthly (the chart's table shows them too, its months as labels). */
export const THROUGHPUT_MONTHLY_COLUMNS: ColumnDoc[] = [
	{ name: 'month', label: 'Month (first day)' },
	{ name: 'opened', label: 'Opened', unit: 'cases' },
	{ name: 'closed', label: 'Closed', unit: 'cases' },
	{ name: 'pending', label: 'Pending at month end', unit: 'cases' }
];

export const THROUGHPUT: MetricEntry[] = [
	scalar(
		'opened',
		{ polarity: 'neutral' },
		'Cases opened',
		'The number of cases opened during the period: the incoming workload.',
		'count of cases with from <= opened_at <= to (whole days)',
		[OPENED],
		(r) => ({ value: count(r.opened) }),
		(ctx) => throughputDrill(ctx, 'opened')
	),
	scalar(
		'closed',
		{ polarity: 'higher' },
		'Cases closed',
		'The number of cases closed during the period: the outgoing workload.',
		'count of cases with from <= closed_at <= to (whole days)',
		[OPENED, CLOSED],
		(r) => ({ value: count(r.closed) }),
		(ctx) => throughputDrill(ctx, 'closed')
	),
	headlineEntry('clearance_rate', {
		polarity: 'higher',
		changeTest: 'ratio',
		area: 'throughput',
		title: 'Clearance rate',
		definition:
			'Cases closed during the period as a share of cases opened during it. At 1 the office keeps up with ' +
			'its incoming work; below 1 the pending caseload grows. Undefined when no case was opened.',
		formula: 'closed / opened; null when opened = 0',
		source: SOURCE,
		needs: [OPENED, CLOSED],
		unit: 'ratio',
		drill: (ctx, sel) => throughputDrill(ctx, sel?.part ?? 'closed'),
		drillParts: ['opened', 'closed']
	}),
	scalar(
		'pending_start',
		{ polarity: 'lower' },
		'Pending at start',
		'Cases opened before the period began and not closed before it began: the caseload carried into the period.',
		'count of cases with opened_at < from and (closed_at is blank or closed_at >= from)',
		[OPENED, CLOSED],
		(r) => ({ value: count(r.pending_start) }),
		(ctx) => throughputDrill(ctx, 'pending_start')
	),
	scalar(
		'pending_end',
		{ polarity: 'lower' },
		'Pending at end',
		'Cases opened on or before the last day of the period and not closed by its end: the caseload carried out of ' +
			'the period. It always equals pending at start plus opened minus closed.',
		'count of cases with opened_at <= to and (closed_at is blank or closed_at > to); = pending_start + opened - ' +
			'closed',
		[OPENED, CLOSED],
		(r) => ({ value: count(r.pending_end) }),
		(ctx) => throughputDrill(ctx, 'pending_end')
	),
	{
		id: 'throughput_monthly',
		area: 'throughput',
		title: 'Opened, closed and pending by month',
		definition:
			'For each month of the period: the cases opened and closed in it, and the cases pending at its end (for ' +
			'the last month, at the end of the period). The first and last months count only the days inside the ' +
			'period.',
		formula:
			'opened(m), closed(m) as above within month m; pending(m) = pending_start + sum over months <= m of ' +
			'(opened - closed)',
		source: SOURCE,
		needs: [OPENED, CLOSED],
		polarity: 'neutral',
		unit: 'table',
		kind: 'table',
		columns: THROUGHPUT_MONTHLY_COLUMNS,
		sql: throughputMonthlySql,
		read: (rows) => ({
			rows: plainRows(
				rows,
				THROUGHPUT_MONTHLY_COLUMNS.map((c) => c.name)
			)
		}),
		drill: (ctx, sel) => {
			if (!sel?.month) throw new Error('throughput_monthly drill needs a month');
			return throughputDrill(ctx, sel.part ?? 'opened', monthStart(sel.month));
		},
		drillParts: ['month + opened', 'month + closed', 'month + pending']
	}
];
