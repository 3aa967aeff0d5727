/**
 * An independent reference implementation of the metric catalogue: plain TypeScript loops over the
 * rows of the canonical tables, no SQL. It shares nothing with src/lib/metrics but the definitions
 * (written again here from docs/metrics.md) and the types of scope, settings and dataset.
 *
 * Rows come in as the engine returns them: timestamps as 'YYYY-MM-DD hh:mm:ss' text, numbers as numbers.
 */
import { columnLabel, type DatasetInfo } from '../../src/lib/model/dataset';
import type { Scope } from '../../src/lib/metrics/scope';
import type { Settings, TimeStandardTier } from '../../src/lib/metrics/settings';

export type RefRow = Record<string, unknown>;
export interface RefData {
	cases: RefRow[];
	goals: RefRow[];
	events: RefRow[];
	staff: RefRow[];
	dataset: DatasetInfo;
}
export type RefCell = string | number | boolean | null;
export interface RefResult {
	value?: number | null;
	n?: number;
	detail?: Record<string, RefCell>;
	rows?: Record<string, RefCell>[];
}

const DAY_MS = 86_400_000;

/** A point in time with its precision. */
interface M {
	ms: number;
	day: number;
	t: boolean;
}

function parseMs(text: string): number {
	const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2}))?/.exec(text);
	if (!m) throw new Error(`reference: cannot read date ${text}`);
	return Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
}

function mk(value: unknown, hasTime: boolean): M | null {
	if (value === null || value === undefined) return null;
	const ms = parseMs(String(value));
	return { ms, day: Math.floor(ms / DAY_MS), t: hasTime };
}

/** Compares at the coarser precision: negative, zero or positive. */
function cmp(a: M, b: M): number {
	return a.t && b.t ? a.ms - b.ms : a.day - b.day;
}
/** Days from a to b: fractional when both have times of day, else whole calendar days. */
function days(a: M, b: M): number {
	return a.t && b.t ? (b.ms - a.ms) / DAY_MS : b.day - a.day;
}

function quantile(values: number[], q: number): number | null {
	if (values.length === 0) return null;
	const s = [...values].sort((x, y) => x - y);
	const pos = (s.length - 1) * q;
	const lo = Math.floor(pos);
	const hi = Math.ceil(pos);
	return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}
function mean(values: number[]): number | null {
	if (values.length === 0) return null;
	let s = 0;
	for (const v of values) s += v;
	return s / values.length;
}
/** Ascending text order with blanks last. */
function byText(a: string | null, b: string | null): number {
	if (a === b) return 0;
	if (a === null) return 1;
	if (b === null) return -1;
	return a < b ? -1 : 1;
}
function addDaysIso(date: string, n: number): string {
	return new Date(parseMs(date) + n * DAY_MS).toISOString().slice(0, 10);
}
function monthKey(ms: number): string {
	return new Date(ms).toISOString().slice(0, 7) + '-01';
}
function lastDayOfMonth(month: string): string {
	const [y, m] = month.split('-').map(Number);
	return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

interface Case {
	id: string;
	opened: M;
	closed: M | null;
	type: string | null;
	worker: string | null;
	/** 'YYYY-MM-01' of the opening and of the (adjusted) closing. */
	openedMonth: string;
	closedMonth: string | null;
	raw: RefRow;
}

function groupBy<T, K>(list: T[], key: (x: T) => K): Map<K, T[]> {
	const out = new Map<K, T[]>();
	for (const x of list) {
		const k = key(x);
		const bucket = out.get(k);
		if (bucket) bucket.push(x);
		else out.set(k, [x]);
	}
	return out;
}

const txt = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const numv = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Computes every metric of the catalogue over the data for the scope. */
export function referenceMetrics(
	data: RefData,
	scope: Scope,
	settings: Settings
): Record<string, RefResult> {
	const ds = data.dataset;
	const has = (table: 'cases' | 'goals' | 'events' | 'staff', column: string) =>
		Boolean(ds.tables[table]?.columns[column]);
	const timed = (table: 'cases' | 'goals' | 'events' | 'staff', column: string) =>
		Boolean(ds.tables[table]?.columns[column]?.hasTime);
	const asOf = mk(scope.asOf, scope.asOf.length > 10) as M;
	const fromMs = parseMs(scope.from);
	const endMs = parseMs(scope.to) + DAY_MS;
	const inPeriod = (m: M | null) => m !== null && m.ms >= fromMs && m.ms < endMs;

	// ---- scope: filters, and closings before openings moved to the opening
	const passes = (row: RefRow) =>
		(['office', 'case_type', 'worker', 'priority', 'status'] as const).every((col) => {
			const list = scope.filters[col];
			return list.length === 0 || list.includes(txt(row[col]));
		});
	const cases: Case[] = [];
	for (const row of data.cases) {
		if (row.opened_at === null || row.opened_at === undefined || !passes(row)) continue;
		const opened = mk(row.opened_at, timed('cases', 'opened_at')) as M;
		let closed = mk(row.closed_at, timed('cases', 'closed_at'));
		if (closed && closed.ms < opened.ms) closed = { ms: opened.ms, day: opened.day, t: closed.t };
		// Known at the as-of moment: a case opened after it is left out, a closing after it not yet happened.
		if (cmp(opened, asOf) > 0) continue;
		else if (closed && cmp(closed, asOf) > 0) closed = null;
		cases.push({
			id: String(row.case_id),
			opened,
			closed,
			type: txt(row.case_type),
			worker: txt(row.worker),
			openedMonth: monthKey(opened.ms),
			closedMonth: closed && monthKey(closed.ms),
			raw: row
		});
	}
	const byId = new Map(cases.map((c) => [c.id, c]));
	const openAt = (c: Case) =>
		cmp(c.opened, asOf) <= 0 && (c.closed === null || cmp(c.closed, asOf) > 0);
	const activeInScope = (c: Case) =>
		(c.opened.ms < endMs && (c.closed === null || c.closed.ms >= fromMs)) || openAt(c);
	const months: string[] = [];
	for (
		let m = scope.from.slice(0, 7) + '-01';
		m <= scope.to.slice(0, 7) + '-01';
		m = monthKey(parseMs(lastDayOfMonth(m)) + DAY_MS)
	)
		months.push(m);
	const monthCut = (m: string) => {
		const last = lastDayOfMonth(m);
		return parseMs(addDaysIso(last < scope.to ? last : scope.to, 1));
	};
	const tierList = (type: string | null): TimeStandardTier[] => {
		if (type !== null)
			for (const [k, v] of Object.entries(settings.timeStandards.byType))
				if (k.trim().toLowerCase() === type.toLowerCase()) return v;
		return settings.timeStandards.default;
	};
	const weight = (type: string | null): number => {
		if (type !== null)
			for (const [k, v] of Object.entries(settings.caseWeights))
				if (k.trim().toLowerCase() === type.toLowerCase()) return v;
		return 1;
	};

	const out: Record<string, RefResult> = {};

	// ---------------------------------------------------------------- throughput
	{
		let opened = 0,
			closed = 0,
			start = 0,
			end = 0;
		for (const c of cases) {
			if (inPeriod(c.opened)) opened++;
			if (inPeriod(c.closed)) closed++;
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
			rows: months.map((m) => {
				const cut = monthCut(m);
				let o = 0,
					cl = 0,
					p = 0;
				for (const c of cases) {
					if (c.openedMonth === m && inPeriod(c.opened)) o++;
					if (c.closedMonth === m && inPeriod(c.closed)) cl++;
					if (c.opened.ms < cut && (c.closed === null || c.closed.ms >= cut)) p++;
				}
				return { month: m, opened: o, closed: cl, pending: p };
			})
		};
	}

	// ---------------------------------------------------------------- resolution
	{
		const closedIn = cases.filter((c) => inPeriod(c.closed));
		const dur = (c: Case) => days(c.opened, c.closed as M);
		const durs = closedIn.map(dur);
		out.days_to_close_median = { value: quantile(durs, 0.5), n: durs.length };
		out.days_to_close_mean = { value: mean(durs), n: durs.length };
		out.days_to_close_p90 = { value: quantile(durs, 0.9), n: durs.length };
		out.time_standard_compliance = {
			rows: settings.timeStandards.default.map((tier, i) => {
				let within = 0;
				const targets: number[] = [];
				for (const c of closedIn) {
					const t = tierList(c.type)[i];
					if (dur(c) <= t.days) within++;
					targets.push(t.target);
				}
				const n = closedIn.length;
				const share = n === 0 ? null : within / n;
				const target = mean(targets) ?? tier.target;
				return {
					tier: i + 1,
					days: tier.days,
					within,
					n,
					share,
					target,
					met: share === null ? null : share >= target - 1e-9
				};
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

		// Kaplan-Meier
		const cohort = cases
			.filter((c) => inPeriod(c.opened) && cmp(c.opened, asOf) <= 0)
			.map((c) => {
				const ev = c.closed !== null && cmp(c.closed, asOf) <= 0;
				// Censored at the end of observation: the as-of instant, or the end of a date-only as-of day.
				const fractional = c.opened.t && timed('cases', 'closed_at');
				const endMs = asOf.t ? asOf.ms : (asOf.day + 1) * DAY_MS;
				const censored = fractional ? (endMs - c.opened.ms) / DAY_MS : asOf.day - c.opened.day;
				return { type: c.type, ev, t: ev ? days(c.opened, c.closed as M) : censored };
			});
		const km = (items: { ev: boolean; t: number }[]) => {
			const sorted = [...items].sort((a, b) => a.t - b.t);
			let s = 1;
			let median: number | null = null;
			const rows: {
				t: number;
				at_risk: number;
				events: number;
				censored: number;
				survival: number;
			}[] = [];
			for (let i = 0; i < sorted.length;) {
				const t = sorted[i].t;
				const atRisk = sorted.length - i; // every case whose time is t or later
				let d = 0,
					c = 0;
				for (; i < sorted.length && sorted[i].t === t; i++) sorted[i].ev ? d++ : c++;
				s = s * (1 - d / atRisk);
				if (median === null && s <= 0.5 + 1e-10) median = t;
				rows.push({ t, at_risk: atRisk, events: d, censored: c, survival: s });
			}
			return { rows, median, n: items.length, events: items.filter((x) => x.ev).length };
		};
		const all = km(cohort);
		out.km_median_days = {
			value: all.median,
			n: all.n,
			detail: { closed: all.events, censored: all.n - all.events }
		};
		out.km_curve = { rows: all.rows };
		const kmTypes = [...new Set(cohort.map((x) => x.type))].sort(byText);
		const cohortByType = groupBy(cohort, (x) => x.type);
		const perType = kmTypes.map((type) => ({ type, ...km(cohortByType.get(type) ?? []) }));
		out.km_median_by_type = {
			rows: perType.map((p) => ({ case_type: p.type, n: p.n, events: p.events, median: p.median }))
		};
		out.km_curve_by_type = {
			rows: perType.flatMap((p) => p.rows.map((r) => ({ case_type: p.type, ...r })))
		};

		// pending caseload
		const open = cases.filter(openAt);
		const ages = open.map((c) => days(c.opened, asOf));
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
			const list = tierList(c.type);
			if (days(c.opened, asOf) > list[list.length - 1].days) backlog++;
		}
		out.backlog_share = {
			value: open.length === 0 ? null : backlog / open.length,
			n: open.length,
			detail: { backlog }
		};
	}

	// ---------------------------------------------------------------- goals
	{
		const tTarget = timed('goals', 'target_at');
		const tAchieved = timed('goals', 'achieved_at');
		interface G {
			c: Case;
			target: M | null;
			achieved: M | null;
			x: number | null;
			w: number;
		}
		const goals: G[] = [];
		for (const g of data.goals) {
			const c = byId.get(String(g.case_id));
			if (!c) continue;
			goals.push({
				c,
				target: mk(g.target_at, tTarget),
				achieved: mk(g.achieved_at, tAchieved),
				x: numv(g.gas_score),
				w: numv(g.weight) ?? 1
			});
		}
		const isDue = (g: G) => inPeriod(g.target);
		const isMet = (g: G) =>
			g.achieved !== null
				? g.target !== null && cmp(g.achieved, g.target) <= 0 && cmp(g.achieved, asOf) <= 0
				: g.x !== null
					? g.x >= 0
					: false;
		const isOverdue = (g: G) =>
			openAt(g.c) &&
			g.target !== null &&
			cmp(g.target, asOf) < 0 &&
			(g.achieved === null || cmp(g.achieved, asOf) > 0);
		const tScores = (list: G[]) => {
			const perCase = new Map<Case, G[]>();
			for (const g of list)
				if (g.x !== null && activeInScope(g.c)) perCase.set(g.c, [...(perCase.get(g.c) ?? []), g]);
			const ts: number[] = [];
			for (const gs of perCase.values()) {
				let swx = 0,
					sw2 = 0,
					sw = 0;
				for (const g of gs) {
					swx += g.w * (g.x as number);
					sw2 += g.w * g.w;
					sw += g.w;
				}
				const den = Math.sqrt(0.7 * sw2 + 0.3 * sw * sw);
				if (den !== 0) ts.push(50 + (10 * swx) / den);
			}
			return ts;
		};
		const due = goals.filter(isDue);
		const met = due.filter(isMet).length;
		out.goals_met_rate = {
			value: due.length === 0 ? null : met / due.length,
			n: due.length,
			detail: { met }
		};
		const ts = tScores(goals);
		out.gas_t_mean = { value: mean(ts), n: ts.length };
		out.goals_overdue = { value: goals.filter(isOverdue).length };
		const workers = [...new Set(goals.map((g) => g.c.worker))].sort(byText);
		out.goal_attainment_by_worker = {
			rows: workers.map((w) => {
				const mine = goals.filter((g) => g.c.worker === w);
				const d = mine.filter(isDue);
				const m = d.filter(isMet).length;
				const t = tScores(mine);
				return {
					worker: w,
					due: d.length,
					met: m,
					met_rate: d.length === 0 ? null : m / d.length,
					gas_n: t.length,
					gas_t_mean: mean(t)
				};
			})
		};
	}

	// ---------------------------------------------------------------- caseload
	{
		const workers = new Map<string, number>();
		if (ds.tables.staff) {
			for (const s of data.staff) {
				const w = txt(s.worker);
				if (w === null) continue;
				if (scope.filters.worker.length && !scope.filters.worker.includes(w)) continue;
				if (
					scope.filters.office.length &&
					has('staff', 'office') &&
					!scope.filters.office.includes(txt(s.office))
				)
					continue;
				const cap = numv(s.capacity) ?? settings.defaultCapacity * (numv(s.fte) ?? 1);
				workers.set(w, Math.max(workers.get(w) ?? -Infinity, cap));
			}
		} else {
			for (const c of cases)
				if (c.worker !== null && activeInScope(c)) workers.set(c.worker, settings.defaultCapacity);
		}
		const names = [...workers.keys()].sort(byText);
		const openByWorker = groupBy(cases.filter(openAt), (c) => c.worker);
		const per = names.map((w) => {
			let n = 0,
				a = 0;
			for (const c of openByWorker.get(w) ?? []) {
				n++;
				a += weight(c.type);
			}
			const capacity = workers.get(w) as number;
			const utilisation = capacity > 0 ? a / capacity : null;
			return {
				worker: w,
				cases: n,
				active: a,
				capacity,
				utilisation,
				over_capacity: utilisation === null ? null : utilisation > 1
			};
		});
		const loads = per.map((p) => p.active);
		const k = loads.length;
		const total = loads.reduce((s, x) => s + x, 0);
		const avg = k ? total / k : null;
		const sd = avg === null ? null : Math.sqrt(loads.reduce((s, x) => s + (x - avg) ** 2, 0) / k);
		let pairs = 0;
		for (const a of loads) for (const b of loads) pairs += Math.abs(a - b);
		const median = quantile(loads, 0.5);
		const n = k;
		out.active_by_worker = {
			rows: per.map((p) => ({ worker: p.worker, cases: p.cases, active: p.active })),
			detail: { workers: k, total_active: k ? total : null }
		};
		out.utilisation_by_worker = {
			rows: per.map((p) => ({
				worker: p.worker,
				active: p.active,
				capacity: p.capacity,
				utilisation: p.utilisation,
				over_capacity: p.over_capacity
			}))
		};
		out.over_capacity_workers = { value: per.filter((p) => p.over_capacity === true).length, n };
		out.caseload_cv = { value: avg !== null && avg > 0 ? (sd as number) / avg : null, n };
		out.caseload_gini = { value: total > 0 ? pairs / (2 * k * k * (total / k)) : null, n };
		out.caseload_max_median_ratio = {
			value: median !== null && median > 0 ? Math.max(...loads) / median : null,
			n
		};
		const byWorker = groupBy(cases, (c) => c.worker);
		out.active_monthly_by_worker = {
			rows: months.flatMap((m) => {
				const cut = monthCut(m);
				return names.map((w) => {
					let n = 0,
						a = 0;
					for (const c of byWorker.get(w) ?? [])
						if (c.opened.ms < cut && (c.closed === null || c.closed.ms >= cut)) {
							n++;
							a += weight(c.type);
						}
					return { month: m, worker: w, cases: n, active: a };
				});
			})
		};
	}

	// ---------------------------------------------------------------- compliance
	{
		const eventsHave = (col: string) => Boolean(ds.tables.events) && has('events', col);
		const tDone = timed('events', 'done_at');
		const tDue = timed('events', 'due_at');

		// first contact
		const hasIntake = has('cases', 'intake_at');
		const intakeTimed = hasIntake
			? timed('cases', 'intake_at') && timed('cases', 'opened_at')
			: timed('cases', 'opened_at');
		const sources: boolean[] = [];
		if (has('cases', 'first_contact_at')) sources.push(timed('cases', 'first_contact_at'));
		if (eventsHave('done_at')) sources.push(tDone);
		const firstTimed = sources.every(Boolean);
		const contacts = new Map<string, number>();
		if (eventsHave('done_at')) {
			for (const e of data.events) {
				if (e.kind !== 'contact') continue;
				const done = mk(e.done_at, tDone);
				if (!done || cmp(done, asOf) > 0) continue;
				const id = String(e.case_id);
				contacts.set(id, Math.min(contacts.get(id) ?? Infinity, done.ms));
			}
		}
		const sla = settings.firstContactSlaDays;
		const fc = cases.flatMap((c) => {
			const intakeRaw = hasIntake && c.raw.intake_at != null ? c.raw.intake_at : c.raw.opened_at;
			const intake = mk(intakeRaw, intakeTimed) as M;
			if (!inPeriod(intake)) return [];
			const candidates: number[] = [];
			if (has('cases', 'first_contact_at')) {
				const f = mk(c.raw.first_contact_at, timed('cases', 'first_contact_at'));
				if (f && cmp(f, asOf) <= 0) candidates.push(f.ms);
			}
			if (contacts.has(c.id)) candidates.push(contacts.get(c.id) as number);
			let outcome: string;
			if (candidates.length) {
				const firstMs = Math.min(...candidates);
				const first: M = { ms: firstMs, day: Math.floor(firstMs / DAY_MS), t: firstTimed };
				outcome = days(intake, first) <= sla ? 'on_time' : 'late';
			} else outcome = days(intake, asOf) > sla ? 'no_contact' : 'waiting';
			return [{ month: monthKey(intake.ms), outcome }];
		});
		const fcCounts = (list: { outcome: string }[]) => {
			const k = (o: string) => list.filter((x) => x.outcome === o).length;
			const on = k('on_time'),
				late = k('late'),
				none = k('no_contact');
			return {
				on_time: on,
				late,
				no_contact: none,
				waiting: k('waiting'),
				rate: on + late + none === 0 ? null : on / (on + late + none)
			};
		};
		const fcAll = fcCounts(fc);
		out.first_contact_on_time = {
			value: fcAll.rate,
			n: fcAll.on_time + fcAll.late + fcAll.no_contact,
			detail: {
				on_time: fcAll.on_time,
				late: fcAll.late,
				no_contact: fcAll.no_contact,
				waiting: fcAll.waiting
			}
		};
		const fcByMonth = groupBy(fc, (x) => x.month);
		out.first_contact_monthly = {
			rows: months.map((m) => {
				const r = fcCounts(fcByMonth.get(m) ?? []);
				return {
					month: m,
					on_time: r.on_time,
					late: r.late,
					no_contact: r.no_contact,
					rate: r.rate
				};
			})
		};

		// deadlines
		const dl: { month: string; outcome: string }[] = [];
		if (eventsHave('due_at')) {
			for (const e of data.events) {
				if (e.kind !== 'deadline' && e.kind !== 'hearing') continue;
				if (!byId.has(String(e.case_id))) continue;
				const due = mk(e.due_at, tDue);
				if (!due || !inPeriod(due) || cmp(due, asOf) > 0) continue;
				const done = mk(e.done_at, tDone);
				dl.push({
					month: monthKey(due.ms),
					outcome:
						done === null || cmp(done, asOf) > 0 ? 'not_done' : cmp(done, due) <= 0 ? 'met' : 'late'
				});
			}
		}
		if (has('cases', 'due_at')) {
			for (const c of cases) {
				const due = mk(c.raw.due_at, timed('cases', 'due_at'));
				if (!due || !inPeriod(due) || cmp(due, asOf) > 0) continue;
				dl.push({
					month: monthKey(due.ms),
					outcome: c.closed === null ? 'not_done' : cmp(c.closed, due) <= 0 ? 'met' : 'late'
				});
			}
		}
		const dlCounts = (list: { outcome: string }[]) => {
			const k = (o: string) => list.filter((x) => x.outcome === o).length;
			return {
				n: list.length,
				met: k('met'),
				late: k('late'),
				not_done: k('not_done'),
				rate: list.length === 0 ? null : k('met') / list.length
			};
		};
		const dlAll = dlCounts(dl);
		out.deadlines_met_rate = {
			value: dlAll.rate,
			n: dlAll.n,
			detail: { met: dlAll.met, late: dlAll.late, not_done: dlAll.not_done }
		};
		const dlByMonth = groupBy(dl, (x) => x.month);
		out.deadlines_monthly = {
			rows: months.map((m) => ({ month: m, ...dlCounts(dlByMonth.get(m) ?? []) }))
		};

		// reviews
		let reviews = 0,
			notDone = 0,
			doneLate = 0;
		for (const e of data.events) {
			if (e.kind !== 'review' || !byId.has(String(e.case_id))) continue;
			const due = mk(e.due_at, tDue);
			if (!due || cmp(due, asOf) > 0) continue;
			reviews++;
			const done = mk(e.done_at, tDone);
			if (done === null || cmp(done, asOf) > 0) notDone++;
			else if (cmp(done, due) > 0) doneLate++;
		}
		out.reviews_overdue = {
			value: notDone + doneLate,
			n: reviews,
			detail: { not_done: notDone, done_late: doneLate }
		};

		// stale cases
		const lastDone = new Map<string, number>();
		if (eventsHave('done_at')) {
			for (const e of data.events) {
				const done = mk(e.done_at, tDone);
				if (!done || cmp(done, asOf) > 0) continue;
				const id = String(e.case_id);
				lastDone.set(id, Math.max(lastDone.get(id) ?? -Infinity, done.ms));
			}
		}
		const open = cases.filter(openAt);
		let stale = 0;
		for (const c of open) {
			const idle = [days(c.opened, asOf)];
			if (has('cases', 'last_activity_at')) {
				const la = mk(c.raw.last_activity_at, timed('cases', 'last_activity_at'));
				if (la && cmp(la, asOf) <= 0) idle.push(days(la, asOf));
			}
			if (lastDone.has(c.id)) {
				const ms = lastDone.get(c.id) as number;
				idle.push(days({ ms, day: Math.floor(ms / DAY_MS), t: tDone }, asOf));
			}
			if (Math.min(...idle) > settings.staleDays) stale++;
		}
		out.stale_cases = {
			value: stale,
			n: open.length,
			detail: { share: open.length === 0 ? null : stale / open.length }
		};

		// documentation
		const fields = settings.requiredFields.filter((f) => has('cases', f.column));
		const inScope = cases.filter(activeInScope);
		const detail: Record<string, RefCell> = { cases: inScope.length, with_gaps: 0 };
		let req = 0,
			ok = 0,
			gaps = 0;
		const counts = fields.map(() => ({ req: 0, ok: 0 }));
		for (const c of inScope) {
			let gap = false;
			fields.forEach((f, i) => {
				const required = f.closedOnly ? c.closed !== null && cmp(c.closed, asOf) <= 0 : true;
				if (!required) return;
				const v = c.raw[f.column];
				const filled = v !== null && v !== undefined && String(v).trim() !== '';
				counts[i].req++;
				if (filled) counts[i].ok++;
				else gap = true;
			});
			if (gap) gaps++;
		}
		fields.forEach((f, i) => {
			req += counts[i].req;
			ok += counts[i].ok;
			detail[`required_${f.column}`] = counts[i].req;
			detail[`filled_${f.column}`] = counts[i].ok;
		});
		detail.with_gaps = gaps;
		const absent = settings.requiredFields.filter((f) => !has('cases', f.column));
		if (absent.length)
			detail.not_in_export = absent.map((f) => columnLabel('cases', f.column)).join(', ');
		out.documentation_completeness = {
			value: req === 0 ? null : ok / req,
			n: inScope.length,
			detail
		};
	}

	// ---------------------------------------------------------------- outcomes
	{
		const closedIn = cases.filter((c) => inPeriod(c.closed));
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

		const all = data.cases.map((r) => numv(r.satisfaction)).filter((x): x is number => x !== null);
		const lo = all.length ? Math.min(...all) : null;
		const hi = all.length ? Math.max(...all) : null;
		let scale: string | null =
			settings.satisfactionScale === 'auto' ? null : settings.satisfactionScale;
		if (settings.satisfactionScale === 'auto' && lo !== null && hi !== null) {
			if (lo >= 0 && lo < 1 && hi <= 10) scale = '0-10';
			else if (lo >= 1 && hi <= 5) scale = '1-5';
			else if (lo >= 1 && hi <= 10) scale = '1-10';
		}
		const scores = closedIn
			.map((c) => numv(c.raw.satisfaction))
			.filter((x): x is number => x !== null);
		const promoters = scores.filter((s) => s >= 9).length;
		const detractors = scores.filter((s) => s <= 6).length;
		out.satisfaction_mean = { value: mean(scores), n: scores.length, detail: { scale } };
		out.net_promoter_score = {
			value: scale === '0-10' && scores.length ? (promoters - detractors) / scores.length : null,
			n: scores.length,
			detail: { promoters, detractors, scale }
		};
	}
	return out;
}

/** Reads the four canonical tables as plain rows (the only SQL the reference uses: SELECT *). */
export async function readTables(
	engine: { query(sql: string): Promise<RefRow[]> },
	dataset: DatasetInfo
): Promise<RefData> {
	const read = async (t: string) =>
		dataset.tables[t as 'cases'] ? engine.query(`SELECT * FROM ${t}`) : [];
	return {
		cases: await read('cases'),
		goals: await read('goals'),
		events: await read('events'),
		staff: await read('staff'),
		dataset
	};
}
