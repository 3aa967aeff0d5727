/**
 * Needs attention: one catalogue entry per reason an open case needs action now. All six read the
 * same query (attention-sql.ts); each drill-down lists its rows, most urgent first.
 */
import { count } from './read';
import {
	attentionListSql,
	attentionSql,
	ATTENTION_REASONS,
	type AttentionReason
} from './attention-sql';
import {
	CASE_DUE,
	CLOSED,
	EVENT_DONE,
	EVENT_DUE,
	FIRST_CONTACT,
	GOAL_ACHIEVED,
	GOAL_TARGET,
	OPENED,
	REVIEW_AT
} from './types';
import type { MetricEntry, Need } from './types';

export { ATTENTION_REASONS, attentionListSql, type AttentionReason } from './attention-sql';

const SOURCE = 'Case-management supervision practice: work queues of items due or overdue';
const SPLIT =
	'Counted once per case, by its most urgent item. A case is overdue when that date is before the ' +
	'as-of date, due soon when it falls on the as-of date or within the horizon after it (by default 7 ' +
	'days; Settings). Dates and days left are whole calendar days.';
const FORMULA_SPLIT =
	'overdue: date < as-of date; due soon: as-of date <= date <= as-of date + horizon';

interface Spec {
	reason: AttentionReason;
	title: string;
	definition: string;
	formula: string;
	needs: Need[];
	needsOneOf?: Need[][];
	/** Where the rule comes from, besides the supervision practice of working a queue of due items. */
	source?: string;
}

const SPECS: Spec[] = [
	{
		reason: 'deadline',
		title: 'Deadlines due or overdue',
		definition:
			'Cases open at the as-of date with a deadline not yet met: a deadline or hearing event not done by the ' +
			"as-of date, or the case's own due date (an open case has not met it), falling on or before the end " +
			'of the horizon.',
		formula:
			'open cases with min(due date of events not done, case due date) <= as-of date + horizon',
		needs: [OPENED, CLOSED],
		needsOneOf: [[EVENT_DUE, CASE_DUE]]
	},
	{
		reason: 'standard',
		title: 'Time standard about to pass or passed',
		definition:
			'Cases open at the as-of date that reach one of the time-standard tiers for their case type within the ' +
			'horizon (the day a case has been open for the tier’s days is the last day it can close within it), ' +
			'or that are already past the last tier.',
		source: 'Model Time Standards for State Trial Courts (the tiers of the settings)',
		formula:
			'date = opened date + tier days, for the first tier with as-of date <= date <= as-of date + horizon; ' +
			'else the last tier when opened date + its days < as-of date',
		needs: [OPENED, CLOSED]
	},
	{
		reason: 'review',
		title: 'Reviews due or overdue',
		definition:
			'Cases open at the as-of date with a review event not done by the as-of date and due on or before ' +
			'the end of the horizon, or a next-review date on the cases file on or before it (one review per ' +
			'case, not done, unless a review event of the case is due the same day: that event then decides).',
		formula:
			'open cases with a review event, done blank or after as-of, due <= as-of date + horizon; or with ' +
			'review_at <= as-of date + horizon and no review event due that day',
		needs: [OPENED, CLOSED],
		needsOneOf: [[EVENT_DUE, REVIEW_AT]]
	},
	{
		reason: 'first_contact',
		title: 'First contact due or missed',
		definition:
			'Cases open at the as-of date with no first contact by then (no first-contact date and no contact ' +
			'event done by the as-of date) whose first-contact SLA (by default 3 days from intake, else ' +
			'opening) runs out within the horizon or has run out.',
		formula:
			'date = intake (else opened) date + SLA days; no contact by as-of; date <= as-of date + horizon',
		source:
			'Service-level agreement on first client contact (legal-aid and social-service intake standards)',
		needs: [OPENED, CLOSED],
		needsOneOf: [[FIRST_CONTACT, EVENT_DONE]]
	},
	{
		reason: 'stale',
		title: 'No activity for the stale threshold',
		definition:
			'Cases open at the as-of date whose last activity (the latest of the last-activity date and events ' +
			'done, both by the as-of date, and the opening) is the stale threshold (by default 60 days) or more ' +
			'before the end of the horizon: overdue ones are the stale cases, due soon ones go stale within ' +
			'the horizon without new activity.',
		formula: 'date = last activity date + stale days; date <= as-of date + horizon',
		needs: [OPENED, CLOSED]
	},
	{
		reason: 'goal',
		title: 'Goals past their target date',
		definition:
			'Cases open at the as-of date with a goal not achieved by the as-of date whose target date falls on ' +
			'or before the end of the horizon: overdue ones are past their target date.',
		formula:
			'open cases with a goal, achieved blank or after as-of, target date <= as-of date + horizon',
		needs: [CLOSED, GOAL_TARGET, GOAL_ACHIEVED]
	}
];

function entry(spec: Spec): MetricEntry {
	const id = ATTENTION_REASONS.find((r) => r.reason === spec.reason)!.id;
	return {
		id,
		area: 'attention',
		title: spec.title,
		// Fewer cases needing action is better.
		polarity: 'lower',
		definition: `${spec.definition} ${SPLIT}`,
		formula: `count of cases; ${spec.formula}; ${FORMULA_SPLIT}`,
		source: spec.source ? `${SOURCE}; ${spec.source}` : SOURCE,
		needs: spec.needs,
		needsOneOf: spec.needsOneOf,
		unit: 'cases',
		kind: 'scalar',
		sql: attentionSql,
		read: (rows) => {
			const r = rows.find((row) => row.reason === spec.reason) ?? {};
			const open = rows.find((row) => row.reason === null) ?? {};
			return {
				value: count(r.n),
				n: count(open.open),
				detail: { overdue: count(r.overdue), due_soon: count(r.due_soon) }
			};
		},
		drill: (ctx, sel) => attentionListSql(ctx, [spec.reason], sel?.part),
		drillParts: ['part = "overdue", "due_soon" or "all" (default)']
	};
}

export const ATTENTION: MetricEntry[] = SPECS.map(entry);
