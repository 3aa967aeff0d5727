/**
 * Compliance gaps: first contact within the SLA, deadlines met, overdue reviews, stale cases and
 * documentation completeness. First contact and deadlines have their own files.
 */
import { headlineEntry } from './headline/entry';
import { columnLabel, hasColumn, isLoaded } from '../model/dataset';
import { DEADLINE_ENTRIES } from './deadlines';
import { FIRST_CONTACT_ENTRIES } from './first-contact';
import { count, missingMessage } from './read';
import type { RequiredField } from './settings';
import {
	activeInScope,
	asOfMoment,
	caseMoments,
	cmp,
	columnMoment,
	daysBetween,
	num,
	openAtAsOf,
	scopedCte
} from './sql';
import { ident, literal } from '../engine/sql';
import { CLOSED, EVENT_DUE, OPENED, REVIEW_AT } from './types';
import type { MetricContext, MetricEntry } from './types';

// ---------------------------------------------------------------- reviews

function reviewsX(ctx: MetricContext): string {
	const { scope, dataset } = ctx;
	const asOf = asOfMoment(scope);
	const branches: string[] = [];
	if (hasColumn(dataset, 'events', 'due_at')) {
		const due = columnMoment(dataset, 'events', 'due_at', 'e');
		const done = columnMoment(dataset, 'events', 'done_at', 'e');
		branches.push(`SELECT e.case_id, e.due_at AS due, e.done_at AS done,
		CASE WHEN e.done_at IS NULL OR ${cmp(done, '>', asOf)} THEN 'not_done' WHEN ${cmp(done, '>', due)} THEN
			'done_late' ELSE 'on_time' END AS outcome
	FROM events e JOIN scoped s ON s.case_id = e.case_id
	WHERE e.kind = 'review' AND e.due_at IS NOT NULL AND ${cmp(due, '<=', asOf)}`);
	}
	// A review date on the cases file is one review per case, not done (unless a review event is the same review).
	if (hasColumn(dataset, 'cases', 'review_at')) {
		const review = columnMoment(dataset, 'cases', 'review_at', 's');
		const same = hasColumn(dataset, 'events', 'due_at')
			? ` AND NOT EXISTS (SELECT 1 FROM events e WHERE e.case_id = s.case_id AND e.kind = 'review'
		AND e.due_at::DATE = s.review_at::DATE)`
			: '';
		branches.push(`SELECT s.case_id, s.review_at AS due, NULL::TIMESTAMP AS done, 'not_done' AS outcome
	FROM scoped s WHERE s.review_at IS NOT NULL AND ${cmp(review, '<=', asOf)}${same}`);
	}
	return `WITH ${scopedCte(ctx)},
x AS (${branches.join('\n\tUNION ALL\n\t')})`;
}

export function reviewsSql(ctx: MetricContext): string {
	return `${reviewsX(ctx)}
SELECT count(*) AS n, count(*) FILTER (WHERE outcome <> 'on_time') AS overdue, count(*) FILTER (WHERE outcome =
	'not_done') AS not_done,
	count(*) FILTER (WHERE outcome = 'done_late') AS done_late FROM x`;
}

// ---------------------------------------------------------------- stale cases

/** The `x` relation: cases open at the as-of date with their days since the last activity (`idle`). */
function staleX(ctx: MetricContext): string {
	const { scope, dataset } = ctx;
	const asOf = asOfMoment(scope);
	const c = caseMoments(dataset, 's');
	const ages = [daysBetween(c.opened, asOf)];
	if (hasColumn(dataset, 'cases', 'last_activity_at')) {
		ages.push(
			`CASE WHEN s.last_activity_at IS NOT NULL AND ${cmp(c.lastActivity, '<=', asOf)} THEN
				${daysBetween(c.lastActivity, asOf)} END`
		);
	}
	let la = '';
	if (hasColumn(ctx.dataset, 'events', 'done_at')) {
		const done = columnMoment(dataset, 'events', 'done_at');
		// Only cases open at the as-of moment count: their events alone are grouped.
		la = `la AS (SELECT case_id, max(done_at) AS t FROM events WHERE done_at IS NOT NULL AND
			${cmp(done, '<=', asOf)}
		AND case_id IN (SELECT s.case_id FROM scoped s WHERE ${openAtAsOf(dataset, scope, 's')}) GROUP BY case_id),`;
		ages.push(
			`CASE WHEN la.t IS NOT NULL THEN ${daysBetween({ sql: 'la.t', hasTime: done.hasTime }, asOf)} END`
		);
	}
	return `WITH ${scopedCte(ctx)},
${la}
x AS (
	SELECT s.case_id, ${ages.length === 1 ? ages[0] : `least(${ages.join(', ')})`} AS idle
	FROM scoped s${la ? ' LEFT JOIN la ON la.case_id = s.case_id' : ''}
	WHERE ${openAtAsOf(dataset, scope, 's')})`;
}

// ---------------------------------------------------------------- documentation

/** The required fields whose columns the data has, and those it lacks. */
export function requiredFieldsPresent(ctx: MetricContext): {
	present: RequiredField[];
	absent: RequiredField[];
} {
	const present: RequiredField[] = [];
	const absent: RequiredField[] = [];
	for (const f of ctx.settings.requiredFields)
		// A loaded column that is mostly empty is exactly what this metric measures: it counts as present.
		(isLoaded(ctx.dataset, 'cases', f.column) ? present : absent).push(f);
	return { present, absent };
}

function docX(ctx: MetricContext): { body: string; fields: RequiredField[] } {
	const { scope, dataset } = ctx;
	const asOf = asOfMoment(scope);
	const c = caseMoments(dataset);
	const closedAtAsOf = `(closed_at IS NOT NULL AND ${cmp(c.closed, '<=', asOf)})`;
	const { present } = requiredFieldsPresent(ctx);
	const cols = present.map((f, i) => {
		const col = ident(f.column);
		return (
			`${f.closedOnly ? closedAtAsOf : 'TRUE'} AS req_${i}, (${col} IS NOT NULL AND trim(CAST(${col} AS ` +
			`VARCHAR)) <> '') AS ok_${i}`
		);
	});
	const body = `WITH ${scopedCte(ctx)},
x AS (SELECT case_id${cols.length ? ', ' + cols.join(', ') : ''} FROM scoped WHERE ${activeInScope(dataset, scope)})`;
	return { body, fields: present };
}

export function documentationSql(ctx: MetricContext): string {
	const { body, fields } = docX(ctx);
	const aggs = fields.map(
		(_, i) =>
			`count(*) FILTER (WHERE req_${i}) AS req_${i}, count(*) FILTER (WHERE req_${i} AND ok_${i}) AS ok_${i}`
	);
	const gap = fields.length
		? fields.map((_, i) => `(req_${i} AND NOT ok_${i})`).join(' OR ')
		: 'FALSE';
	return `${body}
SELECT count(*) AS n_cases, count(*) FILTER (WHERE ${gap}) AS with_gaps${aggs.length ? ', ' + aggs.join(', ') : ''}
	FROM x`;
}

function documentationDrill(ctx: MetricContext): string {
	const { body, fields } = docX(ctx);
	const missing = fields.map(
		(f, i) =>
			`CASE WHEN req_${i} AND NOT ok_${i} THEN ${literal(columnLabel('cases', f.column))} END`
	);
	const gap = fields.length
		? fields.map((_, i) => `(req_${i} AND NOT ok_${i})`).join(' OR ')
		: 'FALSE';
	return `${body}
SELECT s.case_id, s.opened_at, s.closed_at, s.case_type, s.worker, s.office, s.status,
	${missing.length ? `concat_ws(', ', ${missing.join(', ')})` : "''"} AS missing
FROM x JOIN scoped s ON s.case_id = x.case_id WHERE ${gap} ORDER BY s.opened_at, s.case_id`;
}

export const COMPLIANCE: MetricEntry[] = [
	...FIRST_CONTACT_ENTRIES,
	...DEADLINE_ENTRIES,
	{
		id: 'reviews_overdue',
		area: 'compliance',
		title: 'Overdue reviews',
		definition:
			'Review events due on or before the as-of date that were not done by their due date: still not done at ' +
			'the as-of date, or done late. A next-review date on the cases file counts as one review per case, not ' +
			'done, unless a review event of the case is due the same day.',
		formula:
			'count of review events with due_at <= as-of and (done_at blank, or done_at > as-of, or done_at > due_at)',
		source: 'Periodic case review requirements (case-management supervision standards)',
		needs: [],
		needsOneOf: [[EVENT_DUE, REVIEW_AT]],
		polarity: 'lower',
		unit: 'reviews',
		kind: 'scalar',
		sql: reviewsSql,
		read: (rows) => {
			const r = rows[0] ?? {};
			return {
				value: count(r.overdue),
				n: count(r.n),
				detail: { not_done: count(r.not_done), done_late: count(r.done_late) }
			};
		},
		drill: (ctx, sel) => {
			const part =
				sel?.part === 'not_done'
					? "outcome = 'not_done'"
					: sel?.part === 'done_late'
						? "outcome = 'done_late'"
						: "outcome <> 'on_time'";
			return `${reviewsX(ctx)}
SELECT x.case_id, x.due, x.done, x.outcome, s.worker, s.case_type, s.office FROM x JOIN scoped s ON s.case_id =
	x.case_id WHERE ${part} ORDER BY x.due, x.case_id`;
		},
		drillParts: ['part = "not_done" or "done_late" (default both)']
	},
	headlineEntry('stale_cases', {
		area: 'compliance',
		title: 'Stale cases',
		definition:
			'Cases open at the as-of date whose last activity is more than the stale threshold (by default 60 days) ' +
			"before the as-of date. The last activity is the latest of the case's last-activity date, its events " +
			'done by the as-of date, and its opening.',
		formula:
			'count of open cases with days(latest of last_activity_at, events done_at, opened_at; those <= as-of) to ' +
			'as-of > threshold',
		source: 'Inactive-case monitoring (case-management supervision practice)',
		needs: [OPENED, CLOSED],
		polarity: 'lower',
		unit: 'cases',
		drill: (ctx) =>
			`${staleX(ctx)}
SELECT x.case_id, s.opened_at, s.last_activity_at, x.idle AS days_idle, s.worker, s.case_type, s.office
FROM x JOIN scoped s ON s.case_id = x.case_id WHERE x.idle > ${num(ctx.settings.staleDays)} ORDER BY x.idle DESC,
	x.case_id`
	}),
	{
		id: 'documentation_completeness',
		area: 'compliance',
		title: 'Documentation completeness',
		definition:
			'Of the required fields of the cases in scope (open at some time in the period or at the as-of date), ' +
			'the share filled in. By default every case needs a case type and a worker, and every case closed by ' +
			'the as-of date a close reason; the settings change the list. Required fields the export does ' +
			'not have at all are left out and listed. The drill-down lists the cases with gaps.',
		formula:
			'sum over required fields f of count(cases requiring f with f filled) / sum over f of count(cases ' +
			'requiring f)',
		source: 'Case-file documentation audits (legal-aid and social-service quality standards)',
		needs: [OPENED],
		polarity: 'higher',
		unit: 'share',
		kind: 'scalar',
		unavailable: (ctx) => {
			const { present, absent } = requiredFieldsPresent(ctx);
			if (present.length > 0) return null;
			if (absent.length === 0) return 'not available: no required fields are set';
			return missingMessage(ctx, [], [absent.map((f) => ({ table: 'cases', column: f.column }))]);
		},
		sql: documentationSql,
		read: (rows, ctx) => {
			const r = rows[0] ?? {};
			const { present, absent } = requiredFieldsPresent(ctx);
			let req = 0;
			let ok = 0;
			const detail: Record<string, number | string | null> = {
				cases: count(r.n_cases),
				with_gaps: count(r.with_gaps)
			};
			present.forEach((f, i) => {
				req += count(r[`req_${i}`]);
				ok += count(r[`ok_${i}`]);
				detail[`required_${f.column}`] = count(r[`req_${i}`]);
				detail[`filled_${f.column}`] = count(r[`ok_${i}`]);
			});
			if (absent.length)
				detail.not_in_export = absent.map((f) => columnLabel('cases', f.column)).join(', ');
			return { value: req === 0 ? null : ok / req, n: count(r.n_cases), detail };
		},
		drill: documentationDrill
	}
];
