/**
 * Compliance gaps and outcomes, using only what was known at the as-of moment:
 * - first contact within the SLA (days from intake, or opening, to the first contact);
 * - deadlines met (CourTools-style on-time rate): deadline and hearing events, and cases' due dates,
 *   due in the period and by the as-of date; done by the due date = met; done later = late; not done
 *   by the as-of date = not done;
 * - reviews overdue; stale open cases (no activity for staleDays); documentation completeness;
 * - outcome mix (close reasons), mean satisfaction and the Net Promoter Score (Reichheld 2003:
 *   share scoring 9-10 minus share scoring 0-6, on a 0-10 scale only).
 */
import { moment, monthOf, type Moment } from './dates';
import {
	byText,
	groupBy,
	mean,
	mom,
	num,
	txt,
	type Ctx,
	type RefCell,
	type RefResult
} from './common';

/** The reference's own names of the case columns a settings list may require. */
const COLUMN_LABELS: Record<string, string> = {
	case_type: 'Case type',
	worker: 'Worker or team',
	office: 'Office',
	priority: 'Priority',
	status: 'Status',
	close_reason: 'Close reason',
	intake_at: 'Intake',
	first_contact_at: 'First contact',
	due_at: 'Due',
	last_activity_at: 'Last activity',
	satisfaction: 'Satisfaction',
	closed_at: 'Closed'
};

function firstContact(x: Ctx, out: Record<string, RefResult>): void {
	const events = x.data.events;
	const eventsDone = Boolean(events?.columns.includes('done_at'));
	const hasIntake = x.has('cases', 'intake_at');
	// the intake's precision: both intake and opening timed (a blank intake falls back to the opening)
	const intakeTimed = hasIntake
		? x.timed('cases', 'intake_at') && x.timed('cases', 'opened_at')
		: x.timed('cases', 'opened_at');
	const sources: boolean[] = [];
	if (x.has('cases', 'first_contact_at')) sources.push(x.timed('cases', 'first_contact_at'));
	if (eventsDone) sources.push(x.timed('events', 'done_at'));
	const firstTimed = sources.every(Boolean);
	const contacts = new Map<string, number>();
	if (eventsDone)
		for (const e of events?.rows ?? []) {
			const done = mom(e.done_at);
			if (e.kind !== 'contact' || !done || x.cmp(done, x.asOf) > 0) continue;
			const id = String(e.case_id);
			contacts.set(id, Math.min(contacts.get(id) ?? Infinity, done.ms));
		}
	const sla = x.settings.firstContactSlaDays;
	const list = x.cases.flatMap((c) => {
		const source = (hasIntake ? mom(c.raw.intake_at) : null) ?? c.opened;
		const intake = moment(source.ms, intakeTimed);
		if (!x.inPeriod(intake)) return [];
		const candidates: number[] = [];
		const recorded = mom(c.raw.first_contact_at);
		if (recorded && x.cmp(recorded, x.asOf) <= 0) candidates.push(recorded.ms);
		if (contacts.has(c.id)) candidates.push(contacts.get(c.id) as number);
		let outcome: string;
		if (candidates.length) {
			const first = moment(Math.min(...candidates), firstTimed);
			outcome = x.days(intake, first) <= sla ? 'on_time' : 'late';
		} else outcome = x.days(intake, x.asOf) > sla ? 'no_contact' : 'waiting';
		return [{ month: monthOf(intake.ms), outcome }];
	});
	const counts = (l: { outcome: string }[]) => {
		const k = (o: string) => l.filter((v) => v.outcome === o).length;
		const [on, late, none] = [k('on_time'), k('late'), k('no_contact')];
		return {
			on_time: on,
			late,
			no_contact: none,
			waiting: k('waiting'),
			rate: on + late + none ? on / (on + late + none) : null
		};
	};
	const all = counts(list);
	out.first_contact_on_time = {
		value: all.rate,
		n: all.on_time + all.late + all.no_contact,
		detail: {
			on_time: all.on_time,
			late: all.late,
			no_contact: all.no_contact,
			waiting: all.waiting
		}
	};
	const byMonth = groupBy(list, (v) => v.month);
	out.first_contact_monthly = {
		rows: x.months.map((m) => {
			const r = counts(byMonth.get(m) ?? []);
			return { month: m, on_time: r.on_time, late: r.late, no_contact: r.no_contact, rate: r.rate };
		})
	};
}

function deadlines(x: Ctx, out: Record<string, RefResult>): void {
	const list: { month: string; outcome: string }[] = [];
	const judge = (due: Moment, done: Moment | null) => {
		const known = done !== null && (!x.choices.onlyKnownAtAsOf || x.cmp(done, x.asOf) <= 0);
		const outcome = !known ? 'not_done' : x.cmp(done as Moment, due) <= 0 ? 'met' : 'late';
		list.push({ month: monthOf(due.ms), outcome });
	};
	const dueNow = (due: Moment | null): due is Moment =>
		due !== null && x.inPeriod(due) && x.cmp(due, x.asOf) <= 0;
	if (x.data.events?.columns.includes('due_at'))
		for (const e of x.data.events.rows) {
			if (e.kind !== 'deadline' && e.kind !== 'hearing') continue;
			const due = mom(e.due_at);
			if (x.byId.has(String(e.case_id)) && dueNow(due)) judge(due, mom(e.done_at));
		}
	if (x.has('cases', 'due_at'))
		for (const c of x.cases) {
			const due = mom(c.raw.due_at);
			if (dueNow(due)) judge(due, c.closed);
		}
	const counts = (l: { outcome: string }[]) => {
		const k = (o: string) => l.filter((v) => v.outcome === o).length;
		return {
			n: l.length,
			met: k('met'),
			late: k('late'),
			not_done: k('not_done'),
			rate: l.length ? k('met') / l.length : null
		};
	};
	const all = counts(list);
	out.deadlines_met_rate = {
		value: all.rate,
		n: all.n,
		detail: { met: all.met, late: all.late, not_done: all.not_done }
	};
	const byMonth = groupBy(list, (v) => v.month);
	out.deadlines_monthly = {
		rows: x.months.map((m) => ({ month: m, ...counts(byMonth.get(m) ?? []) }))
	};
}

function reviewsAndStale(x: Ctx, out: Record<string, RefResult>): void {
	let reviews = 0;
	let notDone = 0;
	let doneLate = 0;
	for (const e of x.data.events?.rows ?? []) {
		if (e.kind !== 'review' || !x.byId.has(String(e.case_id))) continue;
		const due = mom(e.due_at);
		if (!due || x.cmp(due, x.asOf) > 0) continue;
		reviews++;
		const done = mom(e.done_at);
		if (done === null || x.cmp(done, x.asOf) > 0) notDone++;
		else if (x.cmp(done, due) > 0) doneLate++;
	}
	// A next-review date on a case is one more review, never done, unless a review event of that case is due
	// the same calendar day (the same review, recorded twice).
	const reviewDays = new Set<string>();
	for (const e of x.data.events?.rows ?? []) {
		const due = mom(e.due_at);
		if (e.kind === 'review' && due) reviewDays.add(`${e.case_id}|${due.day}`);
	}
	for (const c of x.cases) {
		const review = mom(c.raw.review_at);
		if (!review || x.cmp(review, x.asOf) > 0 || reviewDays.has(`${c.id}|${review.day}`)) continue;
		reviews++;
		notDone++;
	}
	out.reviews_overdue = {
		value: notDone + doneLate,
		n: reviews,
		detail: { not_done: notDone, done_late: doneLate }
	};

	const lastDone = new Map<string, number>();
	for (const e of x.data.events?.rows ?? []) {
		const done = mom(e.done_at);
		if (!done || x.cmp(done, x.asOf) > 0) continue;
		const id = String(e.case_id);
		lastDone.set(id, Math.max(lastDone.get(id) ?? -Infinity, done.ms));
	}
	const open = x.cases.filter(x.openAt);
	let stale = 0;
	for (const c of open) {
		const idle = [x.days(c.opened, x.asOf)];
		const activity = mom(c.raw.last_activity_at);
		if (activity && x.cmp(activity, x.asOf) <= 0) idle.push(x.days(activity, x.asOf));
		const last = lastDone.get(c.id);
		if (last !== undefined) idle.push(x.days(moment(last, x.timed('events', 'done_at')), x.asOf));
		if (Math.min(...idle) > x.settings.staleDays) stale++;
	}
	out.stale_cases = {
		value: stale,
		n: open.length,
		detail: { share: open.length ? stale / open.length : null }
	};
}

function documentation(x: Ctx, out: Record<string, RefResult>): void {
	const fields = x.settings.requiredFields.filter((f) => x.has('cases', f.column));
	const inScope = x.cases.filter(x.activeInScope);
	const counts = fields.map(() => ({ required: 0, filled: 0 }));
	let gaps = 0;
	for (const c of inScope) {
		let gap = false;
		fields.forEach((f, i) => {
			if (f.closedOnly && !(c.closed !== null && x.cmp(c.closed, x.asOf) <= 0)) return;
			const v = c.raw[f.column];
			counts[i].required++;
			if (v !== null && v !== undefined && String(v).trim() !== '') counts[i].filled++;
			else gap = true;
		});
		if (gap) gaps++;
	}
	const detail: Record<string, RefCell> = { cases: inScope.length, with_gaps: gaps };
	let required = 0;
	let filled = 0;
	fields.forEach((f, i) => {
		required += counts[i].required;
		filled += counts[i].filled;
		detail[`required_${f.column}`] = counts[i].required;
		detail[`filled_${f.column}`] = counts[i].filled;
	});
	const absent = x.settings.requiredFields.filter((f) => !x.has('cases', f.column));
	if (absent.length)
		detail.not_in_export = absent.map((f) => COLUMN_LABELS[f.column] ?? f.column).join(', ');
	out.documentation_completeness = {
		value: required ? filled / required : null,
		n: inScope.length,
		detail
	};
}

function outcomes(x: Ctx, out: Record<string, RefResult>): void {
	const closedIn = x.cases.filter((c) => x.inPeriod(c.closed));
	const reasons = new Map<string | null, number>();
	for (const c of closedIn) {
		const r = txt(c.raw.close_reason);
		reasons.set(r, (reasons.get(r) ?? 0) + 1);
	}
	const mix = [...reasons.entries()].sort((a, b) => b[1] - a[1] || byText(a[0], b[0]));
	out.outcome_mix = {
		rows: mix.map(([r, n]) => ({ close_reason: r, n, share: n / closedIn.length })),
		detail: { closed: closedIn.length }
	};
	// the scale, when 'auto', from every score in the data (not only the scope's)
	const all = x.data.cases.rows
		.map((r) => num(r.satisfaction))
		.filter((v): v is number => v !== null);
	const setting = x.settings.satisfactionScale;
	let scale: string | null = setting === 'auto' ? null : setting;
	if (setting === 'auto' && all.length) {
		const [lo, hi] = [Math.min(...all), Math.max(...all)];
		if (lo >= 0 && lo < 1 && hi <= 10) scale = '0-10';
		else if (lo >= 1 && hi <= 5) scale = '1-5';
		else if (lo >= 1 && hi <= 10) scale = '1-10';
	}
	const scores = closedIn
		.map((c) => num(c.raw.satisfaction))
		.filter((v): v is number => v !== null);
	const promoters = scores.filter((s) => s >= 9).length;
	const detractors = scores.filter((s) => s <= 6).length;
	out.satisfaction_mean = { value: mean(scores), n: scores.length, detail: { scale } };
	out.net_promoter_score = {
		value: scale === '0-10' && scores.length ? (promoters - detractors) / scores.length : null,
		n: scores.length,
		detail: { promoters, detractors, scale }
	};
}

export function compliance(x: Ctx, out: Record<string, RefResult>): void {
	firstContact(x, out);
	deadlines(x, out);
	reviewsAndStale(x, out);
	documentation(x, out);
	outcomes(x, out);
}
