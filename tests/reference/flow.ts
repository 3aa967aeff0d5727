/**
 * Case flow, from the CourTools measures (National Center for State Courts):
 * - Measure 2, clearance rate: outgoing cases / incoming cases in the period.
 * - Measure 3, time to disposition: days from opening to closing of the cases closed in the period,
 *   and the share closed within each time standard (Model Time Standards for State Trial Courts).
 * - Measure 4, age of active pending caseload: days from opening to the as-of date of the cases open
 *   then; backlog: the share of those older than the last time standard.
 * And time to close estimated over the cases opened in the period with the Kaplan-Meier product-limit
 * estimator (Kaplan and Meier 1958): a case still open is censored at the end of observation.
 */
import { DAY_MS, moment, monthOf, type Moment } from './dates';
import { byText, groupBy, mean, quantile, type Case, type Ctx, type RefResult } from './common';

export function throughput(x: Ctx, out: Record<string, RefResult>): void {
	const fromMs = Date.parse(x.scope.from + 'T00:00:00Z');
	const endMs = Date.parse(x.scope.to + 'T00:00:00Z') + DAY_MS;
	let opened = 0;
	let closed = 0;
	let start = 0;
	let end = 0;
	for (const c of x.cases) {
		if (x.inPeriod(c.opened)) opened++;
		if (x.inPeriod(c.closed)) closed++;
		if (c.opened.ms < fromMs && (c.closed === null || c.closed.ms >= fromMs)) start++;
		if (c.opened.ms < endMs && (c.closed === null || c.closed.ms >= endMs)) end++;
	}
	out.opened = { value: opened };
	out.closed = { value: closed };
	out.clearance_rate = {
		value: opened === 0 ? null : closed / opened,
		n: opened,
		detail: { opened, closed }
	};
	out.pending_start = { value: start };
	out.pending_end = { value: end };
	out.throughput_monthly = {
		rows: x.months.map((m) => {
			let o = 0;
			let cl = 0;
			let p = 0;
			for (const c of x.cases) {
				if (x.inPeriod(c.opened) && monthOf(c.opened.ms) === m) o++;
				if (c.closed && x.inPeriod(c.closed) && monthOf(c.closed.ms) === m) cl++;
				if (x.pendingAtMonthEnd(c, m)) p++;
			}
			return { month: m, opened: o, closed: cl, pending: p };
		})
	};
}

export interface KmRow {
	t: number;
	at_risk: number;
	events: number;
	censored: number;
	survival: number;
}

/**
 * The product-limit estimate: S(t) = product over closing times u <= t of (1 - d(u) / n(u)), with
 * n(u) the cases whose time is u or later (a case censored at u is still at risk at u). The median
 * is the smallest t with S(t) <= 0.5; none when S never gets there.
 */
export function kaplanMeier(items: { closed: boolean; t: number }[], tolerance: number) {
	const sorted = [...items].sort((a, b) => a.t - b.t);
	let s = 1;
	let median: number | null = null;
	const rows: KmRow[] = [];
	for (let i = 0; i < sorted.length;) {
		const t = sorted[i].t;
		const atRisk = sorted.length - i;
		let d = 0;
		let c = 0;
		for (; i < sorted.length && sorted[i].t === t; i++) {
			if (sorted[i].closed) d++;
			else c++;
		}
		s *= 1 - d / atRisk;
		if (median === null && s <= 0.5 + tolerance) median = t;
		rows.push({ t, at_risk: atRisk, events: d, censored: c, survival: s });
	}
	return { rows, median, n: items.length, events: items.filter((x) => x.closed).length };
}

/** The end of observation: the as-of instant, or for a date-only as-of (by the choice) its day's end. */
export function observationEnd(x: Ctx): Moment {
	if (x.asOf.timed || x.choices.censorAt === 'start-of-as-of-day') return x.asOf;
	return moment(x.asOf.ms + DAY_MS, true);
}

export function resolution(x: Ctx, out: Record<string, RefResult>): void {
	const closedIn = x.cases.filter((c) => x.inPeriod(c.closed));
	const dur = (c: Case) => x.days(c.opened, c.closed as Moment);
	const durs = closedIn.map(dur);
	out.days_to_close_median = { value: quantile(durs, 0.5), n: durs.length };
	out.days_to_close_mean = { value: mean(durs), n: durs.length };
	out.days_to_close_p90 = { value: quantile(durs, 0.9), n: durs.length };
	out.time_standard_compliance = {
		rows: x.settings.timeStandards.default.map((tier, i) => {
			let within = 0;
			const targets: number[] = [];
			for (const c of closedIn) {
				const own = x.tiers(c.type)[i];
				if (dur(c) <= own.days) within++;
				targets.push(own.target);
			}
			const n = closedIn.length;
			const share = n === 0 ? null : within / n;
			// the target of a mix of types: the mean of each closed case's own target
			const target = mean(targets) ?? tier.target;
			const met = share === null ? null : share >= target - x.choices.targetTolerance;
			return { tier: i + 1, days: tier.days, within, n, share, target, met };
		})
	};
	const types = [...new Set(closedIn.map((c) => c.type))].sort(byText);
	out.days_to_close_by_type = {
		rows: types.map((type) => {
			const d = closedIn.filter((c) => c.type === type).map(dur);
			return {
				case_type: type,
				n: d.length,
				min: Math.min(...d),
				q1: quantile(d, 0.25),
				median: quantile(d, 0.5),
				q3: quantile(d, 0.75),
				p90: quantile(d, 0.9),
				max: Math.max(...d),
				mean: mean(d)
			};
		})
	};

	// Kaplan-Meier over the cases opened in the period (by the as-of moment)
	const end = observationEnd(x);
	// whole-day durations (a date on either side): open at the end of day A means more than A - D days
	const wholeDays =
		x.choices.precision === 'coarser' &&
		!(x.timed('cases', 'opened_at') && x.timed('cases', 'closed_at'));
	const censored = (opened: Moment) => (wholeDays ? x.asOf.day - opened.day : x.days(opened, end));
	const cohort = x.cases
		.filter((c) => x.inPeriod(c.opened) && x.cmp(c.opened, x.asOf) <= 0)
		.map((c) => {
			const closed = c.closed !== null && x.cmp(c.closed, x.asOf) <= 0;
			return {
				type: c.type,
				closed,
				t: closed ? x.days(c.opened, c.closed as Moment) : censored(c.opened)
			};
		});
	const tol = x.choices.survivalTolerance;
	const all = kaplanMeier(cohort, tol);
	out.km_median_days = {
		value: all.median,
		n: all.n,
		detail: { closed: all.events, censored: all.n - all.events }
	};
	out.km_curve = { rows: all.rows.map((r) => ({ ...r })) };
	const byType = groupBy(cohort, (c) => c.type);
	const perType = [...byType.keys()].sort(byText).map((type) => ({
		type,
		...kaplanMeier(byType.get(type) ?? [], tol)
	}));
	out.km_median_by_type = {
		rows: perType.map((p) => ({ case_type: p.type, n: p.n, events: p.events, median: p.median }))
	};
	out.km_curve_by_type = {
		rows: perType.flatMap((p) => p.rows.map((r) => ({ case_type: p.type, ...r })))
	};

	// age of the pending caseload at the as-of moment
	const open = x.cases.filter(x.openAt);
	const ages = open.map((c) => x.days(c.opened, x.asOf));
	out.pending_age_median = { value: quantile(ages, 0.5), n: open.length };
	const bounds: [string, number, number][] = [
		['0-30', -Infinity, 30],
		['31-90', 30, 90],
		['91-180', 90, 180],
		['181-365', 180, 365],
		['over 365', 365, Infinity]
	];
	out.pending_age_buckets = {
		rows: bounds.map(([bucket, lo, hi]) => {
			const n = ages.filter((a) => a > lo && a <= hi).length;
			return { bucket, n, share: open.length === 0 ? null : n / open.length };
		})
	};
	let backlog = 0;
	for (const c of open) {
		const list = x.tiers(c.type);
		if (x.days(c.opened, x.asOf) > list[list.length - 1].days) backlog++;
	}
	out.backlog_share = {
		value: open.length === 0 ? null : backlog / open.length,
		n: open.length,
		detail: { backlog }
	};
}
