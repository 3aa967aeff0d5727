/**
 * The overview's eleven figures (src/lib/metrics, OVERVIEW_IDS, default settings) computed without
 * SQL, over plain columns: the reference for the papaparse + JavaScript baseline. Definitions follow
 * the metric SQL line by line (see the comments); dates are whole days since 1970-01-01 (UTC), date
 * times days with a fraction, `null` where blank. `checkFigures` compares with the SQL results.
 */

export type Figures = Record<string, number | null>;

/** The bench's scope: whole days, as-of a day, optional office filter. */
export interface DayScope {
	from: number;
	/** Last day of the period, inclusive. */
	to: number;
	asOf: number;
	offices: string[] | null;
}

export interface CaseCols {
	n: number;
	id: string[];
	opened: Float64Array; // NaN = blank
	closed: Float64Array;
	caseType: (string | null)[];
	worker: (string | null)[];
	office: (string | null)[];
	intake: Float64Array;
	firstContact: Float64Array;
	lastActivity: Float64Array;
}
export interface GoalCols {
	n: number;
	caseId: string[];
	target: Float64Array;
	achieved: Float64Array;
	gas: Float64Array; // NaN = blank or invalid
	weight: Float64Array; // NaN = blank
}
export interface EventCols {
	n: number;
	caseId: string[];
	kind: (string | null)[];
	due: Float64Array;
	done: Float64Array;
}
export interface StaffCols {
	n: number;
	worker: (string | null)[];
	office: (string | null)[];
	fte: Float64Array;
	capacity: Float64Array;
}

const DAY_MS = 86_400_000;
const dayCache = new Map<string, number>();

/** 'MM/DD/YYYY' or 'MM/DD/YYYY HH:MM' (as the exports write them) to days; NaN when blank or invalid. */
export function parseUsDate(text: string | undefined | null): number {
	if (!text) return NaN;
	const t = text.trim();
	if (t.length < 10) return NaN;
	const key = t.slice(0, 10);
	let day = dayCache.get(key);
	if (day === undefined) {
		const m = Number(key.slice(0, 2));
		const d = Number(key.slice(3, 5));
		const y = Number(key.slice(6, 10));
		day = m >= 1 && m <= 12 && d >= 1 && d <= 31 ? Date.UTC(y, m - 1, d) / DAY_MS : NaN;
		dayCache.set(key, day);
	}
	if (t.length >= 16) day += (Number(t.slice(11, 13)) * 60 + Number(t.slice(14, 16))) / 1440;
	return day;
}

export function isoDay(iso: string): number {
	return Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS;
}

/** The canonical event kind of an export's event type (src/lib/import/build.ts EVENT_KIND_SQL). */
export function eventKind(label: string | null): string | null {
	if (label === null) return null;
	const v = label.toLowerCase();
	if (/review|supervision|case conference/.test(v)) return 'review';
	if (/hearing|court|trial|tribunal/.test(v)) return 'hearing';
	if (/deadline|filing|due|limitation/.test(v)) return 'deadline';
	if (/contact|call|meeting|visit|interview|email|letter/.test(v)) return 'contact';
	return 'other';
}

function quantileCont(values: number[], q: number): number | null {
	if (values.length === 0) return null;
	values.sort((a, b) => a - b);
	const pos = (values.length - 1) * q;
	const lo = Math.floor(pos);
	const hi = Math.ceil(pos);
	return values[lo] + (values[hi] - values[lo]) * (pos - lo);
}

const floor = Math.floor;

/**
 * The eleven figures for one scope. Tiers and SLAs are the default settings' (540 days backlog,
 * 3 days first contact, 60 days stale).
 */
export function computeFigures(
	c: CaseCols,
	g: GoalCols,
	e: EventCols,
	s: StaffCols,
	scope: DayScope
): Figures {
	const F = scope.from;
	const E = scope.to + 1;
	const A = scope.asOf;
	const officeSet = scope.offices ? new Set(scope.offices) : null;

	// scoped: opened present, closed before opened moved to opened, filters applied.
	const inScope = new Uint8Array(c.n);
	const closedFixed = new Float64Array(c.n);
	const byId = new Map<string, number>();
	for (let i = 0; i < c.n; i++) {
		const o = c.opened[i];
		if (Number.isNaN(o)) continue;
		if (officeSet && !officeSet.has(c.office[i] as string)) continue;
		inScope[i] = 1;
		const cl = c.closed[i];
		closedFixed[i] = !Number.isNaN(cl) && cl < o ? o : cl;
		byId.set(c.id[i], i);
	}
	const isOpen = (i: number) =>
		floor(c.opened[i]) <= A && (Number.isNaN(closedFixed[i]) || floor(closedFixed[i]) > A);

	// clearance_rate; days_to_close_median and backlog_share; km_median_days.
	let opened = 0;
	let closed = 0;
	let nOpen = 0;
	let backlog = 0;
	const durations: number[] = [];
	const kmTimes = new Map<number, [number, number]>(); // t -> [events, censored]
	let kmN = 0;
	let stale = 0;
	let staleOpen = 0;

	// Per-case lookups from events: first contact (contact events done by as-of), last activity.
	const firstContactEv = new Map<string, number>();
	const lastDone = new Map<string, number>();
	for (let k = 0; k < e.n; k++) {
		const done = e.done[k];
		if (Number.isNaN(done) || floor(done) > A) continue;
		const id = e.caseId[k];
		const prev = lastDone.get(id);
		if (prev === undefined || done > prev) lastDone.set(id, done);
		if (e.kind[k] === 'contact') {
			const p = firstContactEv.get(id);
			if (p === undefined || done < p) firstContactEv.set(id, done);
		}
	}

	let onTime = 0;
	let late = 0;
	let noContact = 0;
	let dlN = 0;
	let dlMet = 0;
	const activeByWorker = new Map<string, number>();

	for (let i = 0; i < c.n; i++) {
		if (!inScope[i]) continue;
		const o = c.opened[i];
		const cl = closedFixed[i];
		if (o >= F && o < E) opened++;
		const closedIn = cl >= F && cl < E;
		if (closedIn) {
			closed++;
			durations.push(floor(cl) - floor(o));
		}
		const open = isOpen(i);
		if (open) {
			nOpen++;
			if (A - floor(o) > 540) backlog++;
			const w = c.worker[i];
			if (w !== null) activeByWorker.set(w, (activeByWorker.get(w) ?? 0) + 1);
			// stale_cases: idle = least(days open, days since last activity, days since last event done).
			staleOpen++;
			let idle = A - floor(o);
			const la = c.lastActivity[i];
			if (!Number.isNaN(la) && floor(la) <= A) idle = Math.min(idle, A - floor(la));
			const ld = lastDone.get(c.id[i]);
			if (ld !== undefined) idle = Math.min(idle, A - floor(ld));
			if (idle > 60) stale++;
		}
		if (o >= F && o < E && floor(o) <= A) {
			const ev = !Number.isNaN(cl) && floor(cl) <= A;
			const t = ev ? floor(cl) - floor(o) : A - floor(o);
			const cell = kmTimes.get(t) ?? [0, 0];
			cell[ev ? 0 : 1]++;
			kmTimes.set(t, cell);
			kmN++;
		}
		// first_contact_on_time
		const intake = Number.isNaN(c.intake[i]) ? o : c.intake[i];
		if (intake >= F && intake < E) {
			const fcCase =
				!Number.isNaN(c.firstContact[i]) && floor(c.firstContact[i]) <= A ? c.firstContact[i] : NaN;
			const fcEv = firstContactEv.get(c.id[i]);
			const fc = Number.isNaN(fcCase)
				? (fcEv ?? NaN)
				: fcEv === undefined
					? fcCase
					: Math.min(fcCase, fcEv);
			if (!Number.isNaN(fc)) {
				if (floor(fc) - floor(intake) <= 3) onTime++;
				else late++;
			} else if (A - floor(intake) > 3) noContact++;
		}
	}
	// deadlines_met_rate: the deadline and hearing events of scoped cases. The bench's cases carry no
	// due date of their own: "Next Review Due" is a review date (the app maps it to review_at).
	for (let k = 0; k < e.n; k++) {
		const kind = e.kind[k];
		if (kind !== 'deadline' && kind !== 'hearing') continue;
		const due = e.due[k];
		if (Number.isNaN(due) || !(due >= F && due < E) || floor(due) > A) continue;
		if (!byId.has(e.caseId[k])) continue;
		dlN++;
		const done = e.done[k];
		if (!Number.isNaN(done) && floor(done) <= floor(due)) dlMet++;
	}

	// Kaplan-Meier median: the first time at which survival falls to one half.
	let km: number | null = null;
	{
		const times = [...kmTimes.keys()].sort((a, b) => a - b);
		let atRisk = kmN;
		let survival = 1;
		for (const t of times) {
			const [events, censored] = kmTimes.get(t)!;
			survival *= 1 - events / atRisk;
			if (km === null && survival <= 0.5 + 1e-10) km = t;
			atRisk -= events + censored;
		}
	}

	// goals_met_rate and gas_t_mean.
	let due = 0;
	let met = 0;
	const gasByCase = new Map<string, [number, number, number]>(); // sum w*x, sum w^2, sum w
	for (let k = 0; k < g.n; k++) {
		const i = byId.get(g.caseId[k]);
		if (i === undefined) continue;
		const target = g.target[k];
		if (target >= F && target < E) {
			due++;
			const ach = g.achieved[k];
			const ok = !Number.isNaN(ach)
				? floor(ach) <= floor(target)
				: !Number.isNaN(g.gas[k])
					? g.gas[k] >= 0
					: false;
			if (ok) met++;
		}
		const x = g.gas[k];
		if (Number.isNaN(x)) continue;
		const cl = closedFixed[i];
		const active = (c.opened[i] < E && (Number.isNaN(cl) || cl >= F)) || isOpen(i);
		if (!active) continue;
		const w = Number.isNaN(g.weight[k]) ? 1 : g.weight[k];
		const acc = gasByCase.get(g.caseId[k]) ?? [0, 0, 0];
		acc[0] += w * x;
		acc[1] += w * w;
		acc[2] += w;
		gasByCase.set(g.caseId[k], acc);
	}
	let gasSum = 0;
	let gasN = 0;
	for (const [swx, sww, sw] of gasByCase.values()) {
		const den = Math.sqrt(0.7 * sww + 0.3 * sw * sw);
		if (den === 0) continue;
		gasSum += 50 + (10 * swx) / den;
		gasN++;
	}

	// caseload_cv and over_capacity_workers: every listed worker, open cases per worker.
	const capacity = new Map<string, number>();
	for (let k = 0; k < s.n; k++) {
		const w = s.worker[k];
		// Staff are filtered by office too (caseload.ts: "by office where the staff file has offices").
		if (w === null || (officeSet && !officeSet.has(s.office[k] as string))) continue;
		const cap = !Number.isNaN(s.capacity[k])
			? s.capacity[k]
			: 40 * (Number.isNaN(s.fte[k]) ? 1 : s.fte[k]);
		capacity.set(w, Math.max(capacity.get(w) ?? -Infinity, cap));
	}
	const actives: number[] = [];
	let over = 0;
	for (const [w, cap] of capacity) {
		const a = activeByWorker.get(w) ?? 0;
		actives.push(a);
		if (cap > 0 && a / cap > 1) over++;
	}
	const mean = actives.reduce((x, y) => x + y, 0) / actives.length;
	const sd = Math.sqrt(actives.reduce((x, y) => x + (y - mean) ** 2, 0) / actives.length);

	return {
		clearance_rate: opened === 0 ? null : closed / opened,
		days_to_close_median: quantileCont(durations, 0.5),
		km_median_days: km,
		backlog_share: nOpen === 0 ? null : backlog / nOpen,
		goals_met_rate: due === 0 ? null : met / due,
		gas_t_mean: gasN === 0 ? null : gasSum / gasN,
		caseload_cv: actives.length && mean > 0 ? sd / mean : null,
		over_capacity_workers: over,
		first_contact_on_time:
			onTime + late + noContact === 0 ? null : onTime / (onTime + late + noContact),
		deadlines_met_rate: dlN === 0 ? null : dlMet / dlN,
		stale_cases: stale + 0 * staleOpen
	};
}

/** Names of the figures that differ from `reference` (relative tolerance 1e-9). */
export function checkFigures(got: Figures, reference: Figures): string[] {
	const bad: string[] = [];
	for (const [k, v] of Object.entries(reference)) {
		const x = got[k];
		if (v === null || x === null || x === undefined) {
			if (v !== (x ?? null)) bad.push(`${k}: ${x} vs ${v}`);
		} else if (Math.abs(x - v) > 1e-9 * Math.max(1, Math.abs(v))) bad.push(`${k}: ${x} vs ${v}`);
	}
	return bad;
}
