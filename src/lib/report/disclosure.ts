/**
 * Disclosure control for reports that leave the team: small counts suppressed, worker names and
 * client identifiers replaced by stable pseudonyms. Off by default; the cover states it when on.
 *
 * - A count (cases, goals, deadlines, reviews, workers) from 1 to threshold - 1 is shown as
 *   "<threshold" and left out of charts. Zero is shown: it describes no one.
 * - A rate, average, duration or score computed over fewer than `threshold` cases is not shown.
 * - Pseudonyms are stable: a worker's letter depends only on the names of all workers in the loaded
 *   data (ordered by a hash of the name, not alphabetically), so the same data gives the same
 *   "Worker C" in every report, whatever its scope. Case identifiers become "Case 001", "Case 002" …
 *   in the same hash order over the cases the report lists.
 *
 * Secondary (complementary) suppression is not attempted: a suppressed count may still be
 * derivable from a total and the other counts of the same row.
 */
import type { Cell, ResultRow, Unit } from '../metrics/types';

export interface DisclosureOptions {
	enabled: boolean;
	threshold: number;
	pseudonymise: boolean;
}

export const COUNT_UNITS: readonly string[] = ['cases', 'goals', 'deadlines', 'reviews', 'workers'];
/** Units of figures derived from counts (suppressed when computed over too few). */
export const DERIVED_UNITS: readonly string[] = ['share', 'ratio', 'days', 'T score', 'score'];

export const isCountUnit = (unit: string | undefined): boolean =>
	unit !== undefined && COUNT_UNITS.includes(unit);
export const isDerivedUnit = (unit: string | undefined): boolean =>
	unit !== undefined && DERIVED_UNITS.includes(unit);

/** 32-bit FNV-1a of a string's UTF-16 code units: a fixed, platform-independent order. */
export function fnv1a(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h >>> 0;
}

/** 0 → A, 25 → Z, 26 → AA, 27 → AB … */
export function letters(index: number): string {
	let n = index;
	let out = '';
	do {
		out = String.fromCharCode(65 + (n % 26)) + out;
		n = Math.floor(n / 26) - 1;
	} while (n >= 0);
	return out;
}

function hashOrder(values: Iterable<string>): string[] {
	return [...new Set(values)].sort((a, b) => fnv1a(a) - fnv1a(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** Worker name → "Worker A" …, over every worker name of the loaded data. */
export function workerPseudonyms(allWorkers: Iterable<string>): Map<string, string> {
	return new Map(hashOrder(allWorkers).map((w, i) => [w, `Worker ${letters(i)}`]));
}

/** Case identifier → "Case 001" …, over the identifiers a report lists. */
export function casePseudonyms(ids: Iterable<string>): Map<string, string> {
	const order = hashOrder(ids);
	const width = Math.max(3, String(order.length).length);
	return new Map(order.map((id, i) => [id, `Case ${String(i + 1).padStart(width, '0')}`]));
}

export interface Disclosed {
	value: number | null;
	text: string | null;
	suppressed: boolean;
}

export class Disclosure {
	readonly enabled: boolean;
	readonly threshold: number;
	readonly pseudonymise: boolean;
	private workers: Map<string, string>;
	private cases: Map<string, string>;

	constructor(
		options: DisclosureOptions,
		allWorkers: Iterable<string> = [],
		caseIds: Iterable<string> = []
	) {
		this.enabled = options.enabled;
		this.threshold = Math.max(1, Math.floor(options.threshold));
		this.pseudonymise = options.enabled && options.pseudonymise;
		this.workers = workerPseudonyms(allWorkers);
		this.cases = casePseudonyms(caseIds);
	}

	/** What a suppressed count is shown as. */
	get marker(): string {
		return `<${this.threshold}`;
	}

	/** A count too small to show (1 … threshold - 1) while disclosure control is on. */
	isSmall(count: number | null | undefined): boolean {
		return (
			this.enabled &&
			typeof count === 'number' &&
			Number.isFinite(count) &&
			count > 0 &&
			count < this.threshold
		);
	}

	/** A figure computed over `n` cases that must not be shown. */
	tooFew(n: number | null | undefined): boolean {
		return this.enabled && typeof n === 'number' && Number.isFinite(n) && n < this.threshold;
	}

	/** A count: suppressed when small. */
	count(value: number | null): Disclosed {
		return this.isSmall(value)
			? { value: null, text: this.marker, suppressed: true }
			: { value, text: null, suppressed: false };
	}

	/**
	 * A figure in `unit` over `n` cases: counts are suppressed when small, derived figures when `n`
	 * is below the threshold.
	 */
	figure(value: number | null, unit: Unit | string, n?: number | null): Disclosed {
		if (isCountUnit(unit)) return this.count(value);
		if (isDerivedUnit(unit) && value !== null && this.tooFew(n ?? null))
			return { value: null, text: `n<${this.threshold}`, suppressed: true };
		return { value, text: null, suppressed: false };
	}

	worker(name: string | null): string | null {
		if (name === null || !this.pseudonymise) return name;
		let p = this.workers.get(name);
		if (!p) {
			// A name the data did not list up front: give it the next free letter.
			p = `Worker ${letters(this.workers.size)}`;
			this.workers.set(name, p);
		}
		return p;
	}

	caseId(id: string | null): string | null {
		if (id === null || !this.pseudonymise) return id;
		let p = this.cases.get(id);
		if (!p) {
			p = `Case ${String(this.cases.size + 1).padStart(3, '0')}`;
			this.cases.set(id, p);
		}
		return p;
	}
}

/** How the derived columns of a table result depend on its counts: the number of cases each is computed over. */
export interface TableRule {
	/** Derived column → the row's count it is computed over. */
	over?: Record<string, (row: ResultRow) => number | null>;
	/** Count-unit columns that are not counts of records (e.g. a capacity setting). */
	exempt?: string[];
	/** Columns never shown under disclosure control (e.g. minima and maxima: single cases' values). */
	hide?: string[];
}

const n = (v: Cell | undefined): number | null =>
	typeof v === 'number' && Number.isFinite(v) ? v : null;
const sum = (...vs: (Cell | undefined)[]): number =>
	vs.reduce<number>((a, v) => a + (n(v) ?? 0), 0);

export const TABLE_RULES: Record<string, TableRule> = {
	time_standard_compliance: { over: { share: (r) => n(r.n) }, exempt: ['days'] },
	days_to_close_by_type: {
		over: Object.fromEntries(
			['min', 'q1', 'median', 'q3', 'p90', 'max', 'mean'].map((k) => [k, (r: ResultRow) => n(r.n)])
		),
		hide: ['min', 'max']
	},
	km_median_by_type: { over: { median: (r) => n(r.n) } },
	pending_age_buckets: { over: { share: (r) => n(r.n) } },
	outcome_mix: { over: { share: (r) => n(r.n) } },
	goal_attainment_by_worker: { over: { met_rate: (r) => n(r.due), gas_t_mean: (r) => n(r.gas_n) } },
	utilisation_by_worker: { over: { utilisation: (r) => n(r.active) }, exempt: ['capacity'] },
	first_contact_monthly: { over: { rate: (r) => sum(r.on_time, r.late, r.no_contact) } },
	deadlines_monthly: { over: { rate: (r) => n(r.n) } }
};

export interface TableColumnInfo {
	name: string;
	unit?: string;
}

/**
 * A table result's rows with disclosure applied: small counts and figures over too few cases set
 * to null and listed in `suppressed` (row index → column names), worker names pseudonymised.
 */
export function discloseRows(
	rows: readonly ResultRow[],
	columns: readonly TableColumnInfo[],
	d: Disclosure,
	rule: TableRule = {}
): { rows: ResultRow[]; suppressed: Set<string>[] } {
	const out: ResultRow[] = [];
	const suppressed: Set<string>[] = [];
	for (const row of rows) {
		const r: ResultRow = { ...row };
		const s = new Set<string>();
		if (d.enabled) {
			for (const c of columns) {
				if (rule.hide?.includes(c.name)) {
					r[c.name] = null;
					s.add(c.name);
				} else if (
					isCountUnit(c.unit) &&
					!rule.exempt?.includes(c.name) &&
					d.isSmall(n(row[c.name]))
				) {
					r[c.name] = null;
					s.add(c.name);
				} else if (
					rule.over?.[c.name] &&
					row[c.name] !== null &&
					d.tooFew(rule.over[c.name](row))
				) {
					r[c.name] = null;
					s.add(c.name);
				}
			}
		}
		if ('worker' in r) r.worker = d.worker(typeof r.worker === 'string' ? r.worker : null);
		out.push(r);
		suppressed.push(s);
	}
	return { rows: out, suppressed };
}
