/**
 * Compliance gaps: first contact within the SLA, deadlines met, overdue reviews, stale cases and
 * documentation completeness. The two rates come with their monthly series from the same query.
 */
import { columnLabel, hasColumn } from '../model/dataset';
import { caseDrillSql, count, missingMessage, numOrNull, plainRows } from './read';
import type { RequiredField } from './settings';
import {
	activeInScope,
	asOfMoment,
	caseMoments,
	cmp,
	columnMoment,
	daysBetween,
	inPeriod,
	monthsSql,
	num,
	openAtAsOf,
	scopedCte,
	type Moment
} from './sql';
import { ident, literal } from '../engine/sql';
import type { DrillSelection, MetricContext, MetricEntry, Need } from './types';

const OPENED: Need = { table: 'cases', column: 'opened_at' };
const CLOSED: Need = { table: 'cases', column: 'closed_at' };
const FIRST_CONTACT: Need = { table: 'cases', column: 'first_contact_at' };
const EVENT_DONE: Need = { table: 'events', column: 'done_at' };
const EVENT_DUE: Need = { table: 'events', column: 'due_at' };
const CASE_DUE: Need = { table: 'cases', column: 'due_at' };

const SOURCE_SLA =
	'Service-level agreement on first client contact (legal-aid and social-service intake standards)';
const SOURCE_DEADLINE = 'Deadline and hearing compliance (court and agency due-date monitoring)';

/** Wraps per-row flags into overall (`total` = 1) and per-month rows, every month of the period present. */
function withMonths(
	ctx: MetricContext,
	body: string,
	monthExpr: string,
	aggs: string,
	rate: string
): string {
	return `${body},
agg AS (SELECT GROUPING(month) AS total, month, ${aggs} FROM (SELECT *, ${monthExpr} AS month FROM x) GROUP BY GROUPING SETS ((), (month))),
spine AS (SELECT 1 AS total, NULL::DATE AS month UNION ALL SELECT 0, month FROM (${monthsSql(ctx.scope)}))
SELECT spine.total, spine.month, agg.* EXCLUDE (total, month), ${rate} AS rate
FROM spine LEFT JOIN agg ON agg.total = spine.total AND agg.month IS NOT DISTINCT FROM spine.month
ORDER BY spine.total DESC, spine.month`;
}

// ---------------------------------------------------------------- first contact

/** The `x` relation: cases with intake in the period and their first-contact status. */
function firstContactX(ctx: MetricContext): string {
	const { scope, dataset, settings } = ctx;
	const c = caseMoments(dataset, 's');
	const asOf = asOfMoment(scope);
	const hasIntake = hasColumn(dataset, 'cases', 'intake_at');
	const intake: Moment = hasIntake
		? { sql: 'coalesce(s.intake_at, s.opened_at)', hasTime: c.intake.hasTime && c.opened.hasTime }
		: c.opened;
	const sources: Moment[] = [];
	const parts: string[] = [];
	if (hasColumn(dataset, 'cases', 'first_contact_at')) {
		sources.push(c.firstContact);
		parts.push(`CASE WHEN ${cmp(c.firstContact, '<=', asOf)} THEN s.first_contact_at END`);
	}
	let evCte = '';
	if (hasColumn(ctx.dataset, 'events', 'done_at')) {
		const done = columnMoment(dataset, 'events', 'done_at');
		sources.push(done);
		// Only the period's intake cohort needs a first contact: filtering the events to it before
		// grouping avoids grouping every contact event of every case.
		evCte = `ev AS (SELECT case_id, min(done_at) AS t FROM events WHERE kind = 'contact' AND done_at IS NOT NULL AND ${cmp(done, '<=', asOf)}
		AND case_id IN (SELECT s.case_id FROM scoped s WHERE ${inPeriod(intake.sql, scope)}) GROUP BY case_id),`;
		parts.push('ev.t');
	}
	const first: Moment = { sql: 'first_contact', hasTime: sources.every((m) => m.hasTime) };
	const firstSql =
		parts.length === 0
			? 'NULL::TIMESTAMP'
			: parts.length === 1
				? parts[0]
				: `least(${parts.join(', ')})`;
	const intakeCol: Moment = { sql: 'intake', hasTime: intake.hasTime };
	const sla = num(settings.firstContactSlaDays);
	const body = `WITH ${scopedCte(ctx)},
${evCte}
fc AS (
	SELECT s.case_id, ${intake.sql} AS intake, ${firstSql} AS first_contact
	FROM scoped s${evCte ? ' LEFT JOIN ev ON ev.case_id = s.case_id' : ''}
	WHERE ${inPeriod(intake.sql, scope)}),
x AS (
	SELECT *, CASE
		WHEN first_contact IS NOT NULL THEN CASE WHEN ${daysBetween(intakeCol, first)} <= ${sla} THEN 'on_time' ELSE 'late' END
		WHEN ${daysBetween(intakeCol, asOf)} > ${sla} THEN 'no_contact'
		ELSE 'waiting' END AS outcome,
		CASE WHEN first_contact IS NOT NULL THEN ${daysBetween(intakeCol, first)} END AS days_to_contact
	FROM fc)`;
	return body;
}

export function firstContactSql(ctx: MetricContext): string {
	const body = firstContactX(ctx);
	return withMonths(
		ctx,
		body,
		`date_trunc('month', intake)::DATE`,
		`count(*) FILTER (WHERE outcome = 'on_time') AS on_time, count(*) FILTER (WHERE outcome = 'late') AS late,
		count(*) FILTER (WHERE outcome = 'no_contact') AS no_contact, count(*) FILTER (WHERE outcome = 'waiting') AS waiting`,
		`CASE WHEN coalesce(agg.on_time + agg.late + agg.no_contact, 0) = 0 THEN NULL ELSE agg.on_time / (agg.on_time + agg.late + agg.no_contact) END`
	);
}

function firstContactDrill(ctx: MetricContext, sel?: DrillSelection): string {
	const body = firstContactX(ctx);
	const parts: Record<string, string> = {
		breach: "outcome IN ('late', 'no_contact')",
		on_time: "outcome = 'on_time'",
		late: "outcome = 'late'",
		no_contact: "outcome = 'no_contact'",
		waiting: "outcome = 'waiting'",
		all: 'TRUE'
	};
	const part = sel?.part ?? 'breach';
	if (!(part in parts))
		throw new Error(`unknown drill part "${part}" (${Object.keys(parts).join(', ')})`);
	const month = sel?.month
		? ` AND date_trunc('month', intake)::DATE = DATE '${monthStart(sel.month)}'`
		: '';
	return `${body}
SELECT x.case_id, s.worker, s.case_type, s.office, x.intake, x.first_contact, x.days_to_contact, x.outcome
FROM x JOIN scoped s ON s.case_id = x.case_id WHERE ${parts[part]}${month} ORDER BY x.intake, x.case_id`;
}

function monthStart(month: string): string {
	const m = /^(\d{4})-(\d{2})/.exec(month);
	if (!m || +m[2] < 1 || +m[2] > 12) throw new Error(`not a month: ${month}`);
	return `${m[1]}-${m[2]}-01`;
}

// ---------------------------------------------------------------- deadlines

/** The `x` relation: deadlines (deadline and hearing events, cases' due dates) due in the period and by the as-of date. */
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
		WHERE e.kind IN ('deadline', 'hearing') AND e.due_at IS NOT NULL AND ${inPeriod('e.due_at', scope)} AND ${cmp(due, '<=', asOf)}`);
	}
	if (hasColumn(dataset, 'cases', 'due_at')) {
		const c = caseMoments(dataset, 's');
		// scoped's closed_at is NULL for a case closed after the as-of moment: not done at it.
		branches.push(`SELECT s.case_id, 'case' AS source, s.due_at AS due, s.closed_at AS done,
			CASE WHEN s.closed_at IS NULL THEN 'not_done' WHEN ${cmp(c.closed, '<=', c.due)} THEN 'met' ELSE 'late' END AS outcome
		FROM scoped s WHERE s.due_at IS NOT NULL AND ${inPeriod('s.due_at', scope)} AND ${cmp(c.due, '<=', asOf)}`);
	}
	if (!branches.length)
		branches.push(
			`SELECT NULL::VARCHAR AS case_id, NULL::VARCHAR AS source, NULL::TIMESTAMP AS due, NULL::TIMESTAMP AS done, NULL::VARCHAR AS outcome WHERE FALSE`
		);
	return `WITH ${scopedCte(ctx)},
x AS (${branches.join('\n\tUNION ALL\n\t')})`;
}

export function deadlinesSql(ctx: MetricContext): string {
	return withMonths(
		ctx,
		deadlinesX(ctx),
		`date_trunc('month', due)::DATE`,
		`count(*) AS n, count(*) FILTER (WHERE outcome = 'met') AS met, count(*) FILTER (WHERE outcome = 'late') AS late, count(*) FILTER (WHERE outcome = 'not_done') AS not_done`,
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
	const part = sel?.part ?? 'missed';
	if (!(part in parts))
		throw new Error(`unknown drill part "${part}" (${Object.keys(parts).join(', ')})`);
	const month = sel?.month
		? ` AND date_trunc('month', x.due)::DATE = DATE '${monthStart(sel.month)}'`
		: '';
	return `${deadlinesX(ctx)}
SELECT x.case_id, x.source, x.due, x.done, x.outcome, s.worker, s.case_type, s.office
FROM x JOIN scoped s ON s.case_id = x.case_id WHERE ${parts[part]}${month} ORDER BY x.due, x.case_id`;
}

// ---------------------------------------------------------------- reviews

function reviewsX(ctx: MetricContext): string {
	const { scope, dataset } = ctx;
	const asOf = asOfMoment(scope);
	const due = columnMoment(dataset, 'events', 'due_at', 'e');
	const done = columnMoment(dataset, 'events', 'done_at', 'e');
	return `WITH ${scopedCte(ctx)},
x AS (
	SELECT e.case_id, e.due_at AS due, e.done_at AS done,
		CASE WHEN e.done_at IS NULL OR ${cmp(done, '>', asOf)} THEN 'not_done' WHEN ${cmp(done, '>', due)} THEN 'done_late' ELSE 'on_time' END AS outcome
	FROM events e JOIN scoped s ON s.case_id = e.case_id
	WHERE e.kind = 'review' AND e.due_at IS NOT NULL AND ${cmp(due, '<=', asOf)})`;
}

export function reviewsSql(ctx: MetricContext): string {
	if (!ctx.dataset.tables.events)
		return 'SELECT 0 AS n, 0 AS overdue, 0 AS not_done, 0 AS done_late';
	return `${reviewsX(ctx)}
SELECT count(*) AS n, count(*) FILTER (WHERE outcome <> 'on_time') AS overdue, count(*) FILTER (WHERE outcome = 'not_done') AS not_done,
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
			`CASE WHEN s.last_activity_at IS NOT NULL AND ${cmp(c.lastActivity, '<=', asOf)} THEN ${daysBetween(c.lastActivity, asOf)} END`
		);
	}
	let la = '';
	if (hasColumn(ctx.dataset, 'events', 'done_at')) {
		const done = columnMoment(dataset, 'events', 'done_at');
		// Only cases open at the as-of moment count: their events alone are grouped.
		la = `la AS (SELECT case_id, max(done_at) AS t FROM events WHERE done_at IS NOT NULL AND ${cmp(done, '<=', asOf)}
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

export function staleSql(ctx: MetricContext): string {
	return `${staleX(ctx)}
SELECT count(*) AS n_open, count(*) FILTER (WHERE idle > ${num(ctx.settings.staleDays)}) AS stale FROM x`;
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
		(hasColumn(ctx.dataset, 'cases', f.column) ? present : absent).push(f);
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
		return `${f.closedOnly ? closedAtAsOf : 'TRUE'} AS req_${i}, (${col} IS NOT NULL AND trim(CAST(${col} AS VARCHAR)) <> '') AS ok_${i}`;
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
SELECT count(*) AS n_cases, count(*) FILTER (WHERE ${gap}) AS with_gaps${aggs.length ? ', ' + aggs.join(', ') : ''} FROM x`;
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
SELECT s.case_id, s.opened_at, s.closed_at, s.case_type, s.worker, s.office, s.status, ${missing.length ? `concat_ws(', ', ${missing.join(', ')})` : "''"} AS missing
FROM x JOIN scoped s ON s.case_id = x.case_id WHERE ${gap} ORDER BY s.opened_at, s.case_id`;
}

// ---------------------------------------------------------------- entries

const overall = (rows: Record<string, unknown>[]) => rows.find((r) => Number(r.total) === 1) ?? {};
const monthly = (rows: Record<string, unknown>[]) => rows.filter((r) => Number(r.total) === 0);

export const COMPLIANCE: MetricEntry[] = [
	{
		id: 'first_contact_on_time',
		area: 'compliance',
		title: 'First contact on time',
		definition:
			"Of the cases whose intake (the intake date, else the opening date) falls in the period, the share whose first contact with the client came within the first-contact SLA (by default 3 days). The first contact is the earliest of the case's first-contact date and its contact events up to the as-of date. A case with no contact whose SLA had already run out at the as-of date counts as a breach; one with no contact and the SLA still running is left out.",
		formula:
			'on_time / (on_time + late + no_contact); on_time: days(intake, first contact) <= SLA; late: > SLA; no_contact: no contact and days(intake, as-of) > SLA',
		source: SOURCE_SLA,
		needs: [OPENED],
		needsOneOf: [[FIRST_CONTACT, EVENT_DONE]],
		unit: 'share',
		kind: 'scalar',
		sql: firstContactSql,
		read: (rows) => {
			const r = overall(rows);
			const n = count(r.on_time) + count(r.late) + count(r.no_contact);
			return {
				value: numOrNull(r.rate),
				n,
				detail: {
					on_time: count(r.on_time),
					late: count(r.late),
					no_contact: count(r.no_contact),
					waiting: count(r.waiting)
				}
			};
		},
		drill: firstContactDrill,
		drillParts: [
			'part = "breach" (default), "on_time", "late", "no_contact", "waiting" or "all"; month'
		]
	},
	{
		id: 'first_contact_monthly',
		area: 'compliance',
		title: 'First contact on time by month',
		definition:
			'The first-contact rate (as above) for the cases whose intake falls in each month of the period.',
		formula: 'first_contact_on_time within each month of intake',
		source: SOURCE_SLA,
		needs: [OPENED],
		needsOneOf: [[FIRST_CONTACT, EVENT_DONE]],
		unit: 'table',
		kind: 'table',
		columns: [
			{ name: 'month', label: 'Month of intake (first day)' },
			{ name: 'on_time', label: 'On time', unit: 'cases' },
			{ name: 'late', label: 'Late', unit: 'cases' },
			{ name: 'no_contact', label: 'No contact, SLA passed', unit: 'cases' },
			{ name: 'rate', label: 'Share on time', unit: 'share' }
		],
		sql: firstContactSql,
		read: (rows) => ({
			rows: monthly(rows).map((r) => ({
				month: r.month as string,
				on_time: count(r.on_time),
				late: count(r.late),
				no_contact: count(r.no_contact),
				rate: numOrNull(r.rate)
			}))
		}),
		drill: firstContactDrill,
		drillParts: ['month; part as first_contact_on_time']
	},
	{
		id: 'deadlines_met_rate',
		area: 'compliance',
		title: 'Deadlines met',
		definition:
			"Of the deadlines due in the period and on or before the as-of date (events of kind deadline or hearing, done when the event was done; and cases' due dates, done when the case closed), the share done on or before the due date. A deadline is missed when it was done after its due date (late) or not done by the as-of date (not done: done after the as-of date counts as not done, since that was not known then). Dates are compared at the coarser precision of the two columns, so a case closed at 15:00 on a date-only due date is on time.",
		formula:
			'met / n; n = deadlines with due in the period and due <= as-of; not done = done blank or done > as-of; ' +
			'met = done <= due (coarser precision); late = done > due; missed = late + not done',
		source: SOURCE_DEADLINE,
		needs: [],
		needsOneOf: [[EVENT_DUE, CASE_DUE]],
		unit: 'share',
		kind: 'scalar',
		sql: deadlinesSql,
		read: (rows) => {
			const r = overall(rows);
			return {
				value: numOrNull(r.rate),
				n: count(r.n),
				detail: { met: count(r.met), late: count(r.late), not_done: count(r.not_done) }
			};
		},
		drill: deadlinesDrill,
		drillParts: ['part = "missed" (default), "met", "late", "not_done" or "all"; month']
	},
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
	},
	{
		id: 'reviews_overdue',
		area: 'compliance',
		title: 'Overdue reviews',
		definition:
			'Review events due on or before the as-of date that were not done by their due date: still not done at the as-of date, or done late.',
		formula:
			'count of review events with due_at <= as-of and (done_at blank, or done_at > as-of, or done_at > due_at)',
		source: 'Periodic case review requirements (case-management supervision standards)',
		needs: [
			{ table: 'events', column: 'kind' },
			{ table: 'events', column: 'due_at' }
		],
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
SELECT x.case_id, x.due, x.done, x.outcome, s.worker, s.case_type, s.office FROM x JOIN scoped s ON s.case_id = x.case_id WHERE ${part} ORDER BY x.due, x.case_id`;
		},
		drillParts: ['part = "not_done" or "done_late" (default both)']
	},
	{
		id: 'stale_cases',
		area: 'compliance',
		title: 'Stale cases',
		definition:
			"Cases open at the as-of date whose last activity is more than the stale threshold (by default 60 days) before the as-of date. The last activity is the latest of the case's last-activity date, its events done by the as-of date, and its opening.",
		formula:
			'count of open cases with days(latest of last_activity_at, events done_at, opened_at; those <= as-of) to as-of > threshold',
		source: 'Inactive-case monitoring (case-management supervision practice)',
		needs: [OPENED, CLOSED],
		unit: 'cases',
		kind: 'scalar',
		sql: staleSql,
		read: (rows) => {
			const r = rows[0] ?? {};
			const open = count(r.n_open);
			return {
				value: count(r.stale),
				n: open,
				detail: { share: open === 0 ? null : count(r.stale) / open }
			};
		},
		drill: (ctx) =>
			`${staleX(ctx)}
SELECT x.case_id, s.opened_at, s.last_activity_at, x.idle AS days_idle, s.worker, s.case_type, s.office
FROM x JOIN scoped s ON s.case_id = x.case_id WHERE x.idle > ${num(ctx.settings.staleDays)} ORDER BY x.idle DESC, x.case_id`
	},
	{
		id: 'documentation_completeness',
		area: 'compliance',
		title: 'Documentation completeness',
		definition:
			'Of the required fields of the cases in scope (open at some time in the period or at the as-of date), the share filled in. By default every case needs a case type and a worker, and every case closed by the as-of date a close reason; the settings change the list. Required fields the export does not have at all are left out and listed. The drill-down lists the cases with gaps.',
		formula:
			'sum over required fields f of count(cases requiring f with f filled) / sum over f of count(cases requiring f)',
		source: 'Case-file documentation audits (legal-aid and social-service quality standards)',
		needs: [OPENED],
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
