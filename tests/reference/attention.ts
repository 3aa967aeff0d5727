/**
 * Needs attention, from the definitions: the cases open at the as-of moment with something due by
 * the end of the horizon (as-of day + horizon days), counted once per case and reason at its earliest
 * date, in whole calendar days. Overdue: that day is before the as-of day; due soon: on it or after.
 * - deadline: deadline or hearing events not done by the as-of moment; the case's own due date;
 * - standard: the first time-standard tier whose day (opening day + tier days) falls in the horizon,
 *   else the last tier when its day is before the as-of day;
 * - review: review events not done by the as-of moment;
 * - first_contact: no first contact (recorded or contact event) by the as-of moment; day = intake
 *   (else opening) day + SLA days;
 * - stale: day = the latest of the opening, the last-activity date and events done (by the as-of
 *   moment) + stale days;
 * - goal: goals not achieved by the as-of moment; day = the target day.
 */
import { mom, type Ctx, type RefResult } from './common';

const IDS: Record<string, string> = {
	deadline: 'attention_deadline_due',
	standard: 'attention_standard_breach',
	review: 'attention_review_due',
	first_contact: 'attention_first_contact_due',
	stale: 'attention_stale',
	goal: 'attention_goal_overdue'
};

export function attention(x: Ctx, out: Record<string, RefResult>): void {
	const today = x.asOf.day;
	const end = today + Math.floor(x.settings.attentionHorizonDays);
	const open = x.cases.filter(x.openAt);
	const openIds = new Set(open.map((c) => c.id));
	// reason -> case -> earliest day
	const earliest = new Map<string, Map<string, number>>(
		Object.keys(IDS).map((r) => [r, new Map()])
	);
	const note = (reason: string, id: string, day: number) => {
		const m = earliest.get(reason) as Map<string, number>;
		m.set(id, Math.min(m.get(id) ?? Infinity, day));
	};
	const notDone = (done: unknown) => {
		const d = mom(done);
		return d === null || x.cmp(d, x.asOf) > 0;
	};

	const lastDone = new Map<string, number>();
	const contacted = new Set<string>();
	for (const e of x.data.events?.rows ?? []) {
		const id = String(e.case_id);
		if (!openIds.has(id)) continue;
		const due = mom(e.due_at);
		if (due && notDone(e.done_at)) {
			if (e.kind === 'deadline' || e.kind === 'hearing') note('deadline', id, due.day);
			if (e.kind === 'review') note('review', id, due.day);
		}
		const done = mom(e.done_at);
		if (done && x.cmp(done, x.asOf) <= 0) {
			lastDone.set(id, Math.max(lastDone.get(id) ?? -Infinity, done.day));
			if (e.kind === 'contact') contacted.add(id);
		}
	}
	const contactKnown = x.has('cases', 'first_contact_at') || x.has('events', 'done_at');
	for (const c of open) {
		const due = mom(c.raw.due_at);
		if (due) note('deadline', c.id, due.day);

		const tiers = x.tiers(c.type).map((t) => c.opened.day + Math.floor(t.days));
		const reached = tiers.find((d) => d >= today && d <= end);
		if (reached !== undefined) note('standard', c.id, reached);
		else if (tiers[tiers.length - 1] < today) note('standard', c.id, tiers[tiers.length - 1]);

		const recorded = mom(c.raw.first_contact_at);
		const contactByAsOf = (recorded && x.cmp(recorded, x.asOf) <= 0) || contacted.has(c.id);
		if (contactKnown && !contactByAsOf) {
			const intake = mom(c.raw.intake_at) ?? c.opened;
			note('first_contact', c.id, intake.day + Math.floor(x.settings.firstContactSlaDays));
		}

		let last = c.opened.day;
		const activity = mom(c.raw.last_activity_at);
		if (activity && x.cmp(activity, x.asOf) <= 0) last = Math.max(last, activity.day);
		last = Math.max(last, lastDone.get(c.id) ?? -Infinity);
		note('stale', c.id, last + Math.floor(x.settings.staleDays));
	}
	for (const g of x.data.goals?.rows ?? []) {
		const id = String(g.case_id);
		const target = mom(g.target_at);
		if (openIds.has(id) && target && notDone(g.achieved_at)) note('goal', id, target.day);
	}

	for (const [reason, id] of Object.entries(IDS)) {
		const days = [...(earliest.get(reason) as Map<string, number>).values()].filter(
			(d) => d <= end
		);
		const overdue = days.filter((d) => d < today).length;
		out[id] = {
			value: days.length,
			n: open.length,
			detail: { overdue, due_soon: days.length - overdue }
		};
	}
}
