/**
 * Needs attention: the open cases that need action, one row per case and reason (the reason's most
 * urgent item), dated by calendar day. A row is overdue when its date is before the as-of date, and
 * due soon when it falls on the as-of date or within the horizon after it.
 */
import { literal } from '../engine/sql';
import { hasColumn } from '../model/dataset';
import { asOfMoment, caseMoments, cmp, columnMoment, num, openAtAsOf, scopedCte } from './sql';
import { standards } from './standards';
import type { MetricContext } from './types';

/** The reasons, in the order the page lists them when equally urgent. */
export const ATTENTION_REASONS = [
	{ reason: 'deadline', id: 'attention_deadline_due', label: 'Deadline due' },
	{ reason: 'standard', id: 'attention_standard_breach', label: 'Time standard' },
	{ reason: 'review', id: 'attention_review_due', label: 'Review due' },
	{ reason: 'first_contact', id: 'attention_first_contact_due', label: 'First contact due' },
	{ reason: 'stale', id: 'attention_stale', label: 'No recent activity' },
	{ reason: 'goal', id: 'attention_goal_overdue', label: 'Goal past its target date' }
] as const;
export type AttentionReason = (typeof ATTENTION_REASONS)[number]['reason'];

/** The as-of date as a DATE literal (the day the days left count from). */
function asOfDay(ctx: MetricContext): string {
	return `DATE '${asOfMoment(ctx.scope).day}'`;
}

/** `date + days` as a DATE, whole days (a fractional setting is cut to the day it falls in). */
function plusDays(date: string, days: string): string {
	return `(${date} + CAST(floor(${days}) AS INTEGER))`;
}

/** A condition: the event (alias e) was not done by the as-of moment. */
function notDoneEvent(ctx: MetricContext): string {
	const done = columnMoment(ctx.dataset, 'events', 'done_at', 'e');
	return `(e.done_at IS NULL OR ${cmp(done, '>', asOfMoment(ctx.scope))})`;
}

/** Deadline and hearing events not done, and the cases' own due dates (an open case is not done). */
function deadlineItems(ctx: MetricContext): string[] {
	const out: string[] = [];
	if (hasColumn(ctx.dataset, 'events', 'due_at'))
		out.push(`SELECT e.case_id, 'deadline' AS reason, e.kind AS item, e.due_at::DATE AS due
	FROM events e JOIN op ON op.case_id = e.case_id
	WHERE e.kind IN ('deadline', 'hearing') AND e.due_at IS NOT NULL AND ${notDoneEvent(ctx)}`);
	if (hasColumn(ctx.dataset, 'cases', 'due_at'))
		out.push(`SELECT case_id, 'deadline' AS reason, 'case due date' AS item, due_at::DATE AS due FROM op
	WHERE due_at IS NOT NULL`);
	return out;
}

/**
 * Review events not done, and the cases' next-review dates: as for the reviews metric, one review per
 * case, not done, unless a review event of the case is due the same day (that event then decides).
 */
function reviewItems(ctx: MetricContext): string[] {
	const events = hasColumn(ctx.dataset, 'events', 'due_at');
	const out: string[] = [];
	if (events)
		out.push(`SELECT e.case_id, 'review' AS reason, 'review' AS item, e.due_at::DATE AS due
	FROM events e JOIN op ON op.case_id = e.case_id WHERE e.kind = 'review' AND e.due_at IS NOT NULL
		AND ${notDoneEvent(ctx)}`);
	if (hasColumn(ctx.dataset, 'cases', 'review_at')) {
		const same = events
			? ` AND NOT EXISTS (SELECT 1 FROM events e WHERE e.case_id = op.case_id AND e.kind = 'review'
		AND e.due_at::DATE = op.review_at::DATE)`
			: '';
		out.push(`SELECT case_id, 'review' AS reason, 'review date' AS item, review_at::DATE AS due FROM op
	WHERE review_at IS NOT NULL${same}`);
	}
	return out;
}

/**
 * The time standard: the first tier a case reaches within the horizon (the day it reaches the tier's
 * days open is the last day it can close within it), else the last tier once it is past it.
 */
function standardItems(ctx: MetricContext): { cte: string | null; items: string[] } {
	const std = standards(ctx.settings);
	const day = asOfDay(ctx);
	const horizon = plusDays(day, num(ctx.settings.attentionHorizonDays));
	const tierDue = (i: number) => plusDays('op.opened_at::DATE', std.days(i));
	const last = std.tiers - 1;
	const soon = Array.from(
		{ length: std.tiers },
		(_, i) => `WHEN ${tierDue(i)} BETWEEN ${day} AND ${horizon} THEN ${std.days(i)}`
	);
	const tierDays = `CASE ${soon.join('\n\t\t\t')}
			WHEN ${tierDue(last)} < ${day} THEN ${std.days(last)} END`;
	const join = std.cte ? ' LEFT JOIN std ON std.type_key = lower(trim(op.case_type))' : '';
	return {
		cte: std.cte,
		items: [
			`SELECT case_id, 'standard' AS reason, CAST(floor(tier_days) AS BIGINT)::VARCHAR || '-day standard' AS item,
		${plusDays('opened_at::DATE', 'tier_days')} AS due
	FROM (SELECT op.case_id, op.opened_at, ${tierDays} AS tier_days FROM op${join}) WHERE tier_days IS NOT NULL`
		]
	};
}

/** First contact not made by the as-of moment: due the SLA's days after intake (else opening). */
function firstContactItems(ctx: MetricContext): { cte: string | null; items: string[] } {
	const { dataset, settings } = ctx;
	const asOf = asOfMoment(ctx.scope);
	const c = caseMoments(dataset, 'op');
	const hasFirst = hasColumn(dataset, 'cases', 'first_contact_at');
	const hasEvents = hasColumn(dataset, 'events', 'done_at');
	if (!hasFirst && !hasEvents) return { cte: null, items: [] };
	const conditions: string[] = [];
	if (hasFirst)
		conditions.push(`(op.first_contact_at IS NULL OR ${cmp(c.firstContact, '>', asOf)})`);
	let cte: string | null = null;
	if (hasEvents) {
		const done = columnMoment(dataset, 'events', 'done_at');
		cte = `contacted AS (SELECT DISTINCT case_id FROM events WHERE kind = 'contact' AND done_at IS NOT NULL
		AND ${cmp(done, '<=', asOf)})`;
		conditions.push('NOT EXISTS (SELECT 1 FROM contacted k WHERE k.case_id = op.case_id)');
	}
	const intake = hasColumn(dataset, 'cases', 'intake_at')
		? 'coalesce(op.intake_at, op.opened_at)'
		: 'op.opened_at';
	return {
		cte,
		items: [
			`SELECT op.case_id, 'first_contact' AS reason, 'first contact' AS item,
		${plusDays(`${intake}::DATE`, num(settings.firstContactSlaDays))} AS due
	FROM op WHERE ${conditions.join(' AND ')}`
		]
	};
}

/**
 * No activity: the last activity is the latest of the case's last-activity date and its events done
 * (both by the as-of moment) and its opening; the case goes stale after the threshold's days.
 */
function staleItems(ctx: MetricContext): { cte: string | null; items: string[] } {
	const { dataset, settings } = ctx;
	const asOf = asOfMoment(ctx.scope);
	const c = caseMoments(dataset, 'op');
	const lasts = ['op.opened_at::DATE'];
	if (hasColumn(dataset, 'cases', 'last_activity_at'))
		lasts.push(`CASE WHEN ${cmp(c.lastActivity, '<=', asOf)} THEN op.last_activity_at::DATE END`);
	let cte: string | null = null;
	if (hasColumn(dataset, 'events', 'done_at')) {
		const done = columnMoment(dataset, 'events', 'done_at');
		cte = `acted AS (SELECT case_id, max(done_at)::DATE AS t FROM events WHERE done_at IS NOT NULL AND
		${cmp(done, '<=', asOf)} AND case_id IN (SELECT case_id FROM op) GROUP BY case_id)`;
		lasts.push('acted.t');
	}
	const last = lasts.length === 1 ? lasts[0] : `greatest(${lasts.join(', ')})`;
	return {
		cte,
		items: [
			`SELECT op.case_id, 'stale' AS reason, 'last activity ' || strftime(${last}, '%Y-%m-%d') AS item,
		${plusDays(last, num(settings.staleDays))} AS due
	FROM op${cte ? ' LEFT JOIN acted ON acted.case_id = op.case_id' : ''}`
		]
	};
}

function goalItems(ctx: MetricContext): string[] {
	if (!hasColumn(ctx.dataset, 'goals', 'target_at')) return [];
	const achieved = columnMoment(ctx.dataset, 'goals', 'achieved_at', 'g');
	return [
		`SELECT g.case_id, 'goal' AS reason, 'goal ' || coalesce(g.goal_id, '(no id)') AS item, g.target_at::DATE AS due
	FROM goals g JOIN op ON op.case_id = g.case_id
	WHERE g.target_at IS NOT NULL AND (g.achieved_at IS NULL OR ${cmp(achieved, '>', asOfMoment(ctx.scope))})`
	];
}

/**
 * The `att` relation: per open case and reason its most urgent item (`item`, `due`, `days_left`),
 * due on or before the end of the horizon. Branches whose columns the data lacks are left out.
 */
export function attentionX(ctx: MetricContext): string {
	const { dataset, scope } = ctx;
	const parts = [standardItems(ctx), firstContactItems(ctx), staleItems(ctx)];
	const ctes = [
		scopedCte(ctx),
		`op AS (SELECT * FROM scoped s WHERE ${openAtAsOf(dataset, scope, 's')})`
	];
	for (const p of parts) if (p.cte) ctes.push(p.cte);
	const branches = [
		...deadlineItems(ctx),
		...parts[0].items,
		...reviewItems(ctx),
		...parts[1].items,
		...parts[2].items,
		...goalItems(ctx)
	];
	const day = asOfDay(ctx);
	return `WITH ${ctes.join(',\n')},
items AS (${branches.join('\n\tUNION ALL\n\t')}),
att AS (
	SELECT case_id, reason, item, due, date_diff('day', ${day}, due) AS days_left FROM items
	WHERE due <= ${plusDays(day, num(ctx.settings.attentionHorizonDays))}
	QUALIFY row_number() OVER (PARTITION BY case_id, reason ORDER BY due, item) = 1)`;
}

/** Per reason: the cases (`n`), overdue and due soon; and the open cases at the as-of date (`open`). */
export function attentionSql(ctx: MetricContext): string {
	return `${attentionX(ctx)}
SELECT reason, count(*) AS n, count(*) FILTER (WHERE days_left < 0) AS overdue,
	count(*) FILTER (WHERE days_left >= 0) AS due_soon, (SELECT count(*) FROM op) AS open
FROM att GROUP BY reason
UNION ALL SELECT NULL, 0, 0, 0, (SELECT count(*) FROM op)`;
}

const caseOfReason = (value: (r: (typeof ATTENTION_REASONS)[number], i: number) => string) =>
	`CASE att.reason ${ATTENTION_REASONS.map((r, i) => `WHEN ${literal(r.reason)} THEN ${value(r, i)}`).join(' ')} END`;
const LABEL_SQL = caseOfReason((r) => literal(r.label));
const ORDER_SQL = caseOfReason((_, i) => String(i));

/**
 * The rows behind the reasons given, most urgent first (the longest overdue, then the soonest due):
 * case, worker, reason, what is due, its date, days left (negative: days overdue) and the status.
 * `part` 'overdue' or 'due_soon' keeps one side.
 */
export function attentionListSql(
	ctx: MetricContext,
	reasons: readonly AttentionReason[],
	part?: string
): string {
	const parts: Record<string, string> = {
		all: 'TRUE',
		overdue: 'att.days_left < 0',
		due_soon: 'att.days_left >= 0'
	};
	const key = part ?? 'all';
	if (!(key in parts))
		throw new Error(`unknown drill part "${key}" (${Object.keys(parts).join(', ')})`);
	const which = reasons.length ? reasons.map((r) => literal(r)).join(', ') : 'NULL';
	return `${attentionX(ctx)}
SELECT att.case_id, s.worker, ${LABEL_SQL} AS reason, att.item, att.due, att.days_left,
	CASE WHEN att.days_left < 0 THEN 'overdue' ELSE 'due soon' END AS status, s.case_type, s.office
FROM att JOIN scoped s ON s.case_id = att.case_id
WHERE att.reason IN (${which}) AND ${parts[key]}
ORDER BY att.days_left, ${ORDER_SQL}, att.case_id`;
}
