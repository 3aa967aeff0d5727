/**
 * Goals and caseloads.
 * - Goal Attainment Scaling (Kiresuk and Sherman 1968): a case's goals scored x_i in -2..+2 with
 *   weights w_i give T = 50 + 10 * sum(w_i x_i) / sqrt((1 - rho) * sum(w_i^2) + rho * (sum w_i)^2),
 *   with the customary inter-goal correlation rho = 0.3. 50 is "as expected".
 * - Goals met: of the goals whose target date falls in the period, those achieved by the target
 *   and by the as-of date (or, without an achieved date, scored at or above the expected level, 0).
 * - Caseload: active (weighted) cases per worker at the as-of moment against capacity; spread as
 *   the coefficient of variation (population standard deviation / mean), the Gini coefficient
 *   (sum over all pairs |a - b| / (2 k^2 mean)) and the largest load over the median.
 */
import type { Moment } from './dates';
import {
	byText,
	groupBy,
	mean,
	mom,
	num,
	quantile,
	txt,
	type Case,
	type Ctx,
	type RefResult
} from './common';

const RHO = 0.3;

interface Goal {
	c: Case;
	target: Moment | null;
	achieved: Moment | null;
	score: number | null;
	weight: number;
}

/** The GAS T-score of each case (with a score and active in scope) among the goals given. */
function tScores(x: Ctx, goals: Goal[]): number[] {
	const perCase = new Map<Case, Goal[]>();
	for (const g of goals)
		if (g.score !== null && x.activeInScope(g.c))
			perCase.set(g.c, [...(perCase.get(g.c) ?? []), g]);
	const out: number[] = [];
	for (const list of perCase.values()) {
		let wx = 0;
		let w2 = 0;
		let w = 0;
		for (const g of list) {
			wx += g.weight * (g.score as number);
			w2 += g.weight * g.weight;
			w += g.weight;
		}
		const denominator = Math.sqrt((1 - RHO) * w2 + RHO * w * w);
		if (denominator !== 0) out.push(50 + (10 * wx) / denominator);
	}
	return out;
}

export function goals(x: Ctx, out: Record<string, RefResult>): void {
	const list: Goal[] = [];
	for (const row of x.data.goals?.rows ?? []) {
		const c = x.byId.get(String(row.case_id));
		if (!c) continue;
		list.push({
			c,
			target: mom(row.target_at),
			achieved: mom(row.achieved_at),
			score: num(row.gas_score),
			weight: num(row.weight) ?? 1
		});
	}
	const isDue = (g: Goal) => x.inPeriod(g.target);
	const known = (m: Moment) => !x.choices.onlyKnownAtAsOf || x.cmp(m, x.asOf) <= 0;
	const isMet = (g: Goal) =>
		g.achieved !== null
			? g.target !== null && x.cmp(g.achieved, g.target) <= 0 && known(g.achieved)
			: g.score !== null && g.score >= 0;
	const isOverdue = (g: Goal) =>
		x.openAt(g.c) &&
		g.target !== null &&
		x.cmp(g.target, x.asOf) < 0 &&
		(g.achieved === null || x.cmp(g.achieved, x.asOf) > 0);
	const due = list.filter(isDue);
	const met = due.filter(isMet).length;
	out.goals_met_rate = {
		value: due.length === 0 ? null : met / due.length,
		n: due.length,
		detail: { met }
	};
	const ts = tScores(x, list);
	out.gas_t_mean = { value: mean(ts), n: ts.length };
	out.goals_overdue = { value: list.filter(isOverdue).length };
	const workers = [...new Set(list.map((g) => g.c.worker))].sort(byText);
	out.goal_attainment_by_worker = {
		rows: workers.map((w) => {
			const mine = list.filter((g) => g.c.worker === w);
			const d = mine.filter(isDue);
			const m = d.filter(isMet).length;
			const t = tScores(x, mine);
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

export function caseload(x: Ctx, out: Record<string, RefResult>): void {
	const { filters } = x.scope;
	// capacity by worker: the staff file's, else default capacity x FTE; without a staff file every
	// worker with a case active in scope at the default capacity
	const capacity = new Map<string, number>();
	if (x.data.staff) {
		for (const s of x.data.staff.rows) {
			const w = txt(s.worker);
			if (w === null) continue;
			if (filters.worker.length && !filters.worker.includes(w)) continue;
			if (
				filters.office.length &&
				x.has('staff', 'office') &&
				!filters.office.includes(txt(s.office))
			)
				continue;
			const cap = num(s.capacity) ?? x.settings.defaultCapacity * (num(s.fte) ?? 1);
			capacity.set(w, Math.max(capacity.get(w) ?? -Infinity, cap));
		}
	} else {
		for (const c of x.cases)
			if (c.worker !== null && x.activeInScope(c))
				capacity.set(c.worker, x.settings.defaultCapacity);
	}
	const names = [...capacity.keys()].sort(byText);
	const openByWorker = groupBy(x.cases.filter(x.openAt), (c) => c.worker);
	const per = names.map((w) => {
		let n = 0;
		let a = 0;
		for (const c of openByWorker.get(w) ?? []) {
			n++;
			a += x.weight(c.type);
		}
		const cap = capacity.get(w) as number;
		const utilisation = cap > 0 ? a / cap : null;
		return {
			worker: w,
			cases: n,
			active: a,
			capacity: cap,
			utilisation,
			over_capacity: utilisation === null ? null : utilisation > 1
		};
	});
	const loads = per.map((p) => p.active);
	const k = loads.length;
	const total = loads.reduce((s, v) => s + v, 0);
	const avg = k ? total / k : null;
	const sd = avg === null ? null : Math.sqrt(loads.reduce((s, v) => s + (v - avg) ** 2, 0) / k);
	let pairs = 0;
	for (const a of loads) for (const b of loads) pairs += Math.abs(a - b);
	const median = quantile(loads, 0.5);
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
	out.over_capacity_workers = { value: per.filter((p) => p.over_capacity === true).length, n: k };
	out.caseload_cv = { value: avg !== null && avg > 0 ? (sd as number) / avg : null, n: k };
	out.caseload_gini = { value: total > 0 ? pairs / (2 * k * k * (total / k)) : null, n: k };
	out.caseload_max_median_ratio = {
		value: median !== null && median > 0 ? Math.max(...loads) / median : null,
		n: k
	};
	const byWorker = groupBy(x.cases, (c) => c.worker);
	out.active_monthly_by_worker = {
		rows: x.months.flatMap((m) =>
			names.map((w) => {
				let n = 0;
				let a = 0;
				for (const c of byWorker.get(w) ?? [])
					if (x.pendingAtMonthEnd(c, m)) {
						n++;
						a += x.weight(c.type);
					}
				return { month: m, worker: w, cases: n, active: a };
			})
		)
	};
}
