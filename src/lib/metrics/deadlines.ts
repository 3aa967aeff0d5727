/**
 * Deadlines met (compliance gaps): the rate and its monthly series from one query.
 */
import { headlineEntry } from './headline/entry';
import { hasColumn } from '../model/dataset';
import { drillWhere, monthly, withMonths } from './monthly';
import { count, numOrNull } from './read';
import { asOfMoment, caseMoments, cmp, columnMoment, inPeriod, scopedCte } from './sql';
import { CASE_DUE, EVENT_DUE } from './types';
import type { DrillSelection, MetricContext, MetricEntry } from './types';

const SOURCE_DEADLINE = 'Deadline and hearing compliance (court and agency due-date monitoring)';

/**
 * The `x` relation: deadlines (deadline and hearing events, cases' due dates) due in the period and by the
 * as-of date.
 */
function deadlinesX(ctx: MetricContext): string {
	const { scope, dataset } = ctx;
	const asOf = asOfMoment(scope);
	const branches: string[] = [];
	if (hasColumn(ctx.dataset, 'events', 'due_at')) {
		const due = columnMoment(dataset, 'events', 'due_at', 'e');
		const done = columnMoment(dataset, 'events', 'done_at', 'e');
		branches.push(`SELECT e.case_id, e.kind AS source, e.due_at AS due, e.done_at AS done,
			CASE WHEN e.done_at IS NULL OR ${cmp(done, '>', asOf)} THEN 'not_done'
				WHEN ${cmp(done, '<=', due)} THEN 'met' ELSE 'late' END AS outcome
		FROM events e JOIN scoped s ON s.case_id = e.case_id
		WHERE e.kind IN ('deadline', 'hearing') AND e.due_at IS NOT NULL AND ${inPeriod('e.due_at', scope)} AND
			${cmp(due, '<=', asOf)}`);
	}
	if (hasColumn(dataset, 'cases', 'due_at')) {
		const c = caseMoments(dataset, 's');
		// scoped's closed_at is NULL for a case closed after the as-of moment: not done at it.
		branches.push(`SELECT s.case_id, 'case' AS source, s.due_at AS due, s.closed_at AS done,
			CASE WHEN s.closed_at IS NULL THEN 'not_done' WHEN ${cmp(c.closed, '<=', c.due)} THEN 'met' ELSE 'late'
				END AS outcome
		FROM scoped s WHERE s.due_at IS NOT NULL AND ${inPeriod('s.due_at', scope)} AND ${cmp(c.due, '<=', asOf)}`);
	}
	if (!branches.length)
		branches.push(
			`SELECT NULL::VARCHAR AS case_id, NULL::VARCHAR AS source, NULL::TIMESTAMP AS due,
				NULL::TIMESTAMP AS done, NULL::VARCHAR AS outcome WHERE FALSE`
		);
	return `WITH ${scopedCte(ctx)},
x AS (${branches.join('\n\tUNION ALL\n\t')})`;
}

export function deadlinesSql(ctx: MetricContext): string {
	return withMonths(
		ctx,
		deadlinesX(ctx),
		`date_trunc('month', due)::DATE`,
		`count(*) AS n, count(*) FILTER (WHERE outcome = 'met') AS met,
			count(*) FILTER (WHERE outcome = 'late') AS late, count(*) FILTER (WHERE outcome = 'not_done') AS not_done`,
		`CASE WHEN coalesce(agg.n, 0) = 0 THEN NULL ELSE agg.met / agg.n END`
	);
}

function deadlinesDrill(ctx: MetricContext, sel?: DrillSelection): string {
	const parts: Record<string, string> = {
		missed: "outcome IN ('late', 'not_done')",
		met: "outcome = 'met'",
		late: "outcome = 'late'",
		not_done: "outcome = 'not_done'",
		all: 'TRUE'
	};
	return `${deadlinesX(ctx)}
SELECT x.case_id, x.source, x.due, x.done, x.outcome, s.worker, s.case_type, s.office
FROM x JOIN scoped s ON s.case_id = x.case_id WHERE ${drillWhere(parts, 'missed', 'x.due', sel)}
ORDER BY x.due, x.case_id`;
}

export const DEADLINE_ENTRIES: MetricEntry[] = [
	headlineEntry('deadlines_met_rate', {
		area: 'compliance',
		title: 'Deadlines met',
		definition:
			'Of the deadlines due in the period and on or before the as-of date (events of kind deadline or hearing, ' +
			"done when the event was done; and cases' due dates, done when the case closed), the share done on " +
			'or before the due date. A deadline is missed when it was done after its due date (late) or not ' +
			'done by the as-of date (not done: done after the as-of date counts as not done, since that ' +
			'was not known then). Dates are compared at the coarser precision of the two columns, so ' +
			'a case closed at 15:00 on a date-only due date is on time.',
		formula:
			'met / n; n = deadlines with due in the period and due <= as-of; not done = done blank or done > as-of; ' +
			'met = done <= due (coarser precision); late = done > due; missed = late + not done',
		source: SOURCE_DEADLINE,
		needs: [],
		needsOneOf: [[EVENT_DUE, CASE_DUE]],
		polarity: 'higher',
		unit: 'share',
		drill: deadlinesDrill,
		drillParts: ['part = "missed" (default), "met", "late", "not_done" or "all"; month']
	}),
	{
		id: 'deadlines_monthly',
		area: 'compliance',
		title: 'Deadlines met by month',
		definition:
			'The deadlines-met rate (as above) for the deadlines due in each month of the period.',
		formula: 'deadlines_met_rate within each month of the due date',
		source: SOURCE_DEADLINE,
		needs: [],
		needsOneOf: [[EVENT_DUE, CASE_DUE]],
		polarity: 'higher',
		unit: 'table',
		kind: 'table',
		columns: [
			{ name: 'month', label: 'Month due (first day)' },
			{ name: 'n', label: 'Deadlines', unit: 'deadlines' },
			{ name: 'met', label: 'Met', unit: 'deadlines' },
			{ name: 'late', label: 'Done late', unit: 'deadlines' },
			{ name: 'not_done', label: 'Not done', unit: 'deadlines' },
			{ name: 'rate', label: 'Share met', unit: 'share' }
		],
		sql: deadlinesSql,
		read: (rows) => ({
			rows: monthly(rows).map((r) => ({
				month: r.month as string,
				n: count(r.n),
				met: count(r.met),
				late: count(r.late),
				not_done: count(r.not_done),
				rate: numOrNull(r.rate)
			}))
		}),
		drill: deadlinesDrill,
		drillParts: ['month; part as deadlines_met_rate']
	}
];
