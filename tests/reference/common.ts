/**
 * What every area of the reference shares: its own scope, settings and choices shapes, the cases
 * in scope, and small statistics (quantiles by linear interpolation, the mean, grouping).
 */
import {
	DAY_MS,
	compare,
	daysBetween,
	lastDayOfMonth,
	moment,
	monthOf,
	monthsBetween,
	scopeMoment,
	type Moment
} from './dates';
import type { RefData, RefRow } from './parse';

export type RefCell = string | number | boolean | null;
export interface RefResult {
	value?: number | null;
	n?: number;
	detail?: Record<string, RefCell>;
	rows?: Record<string, RefCell>[];
}

export type FilterColumn = 'office' | 'case_type' | 'worker' | 'priority' | 'status';
export interface RefScope {
	/** 'YYYY-MM-DD' (the whole day) or 'YYYY-MM-DD hh:mm:ss' (an instant). */
	asOf: string;
	/** The period's first and last day, inclusive. */
	from: string;
	to: string;
	/** Empty list: everything; null in a list: the blank value. */
	filters: Record<FilterColumn, (string | null)[]>;
}

export interface RefTier {
	days: number;
	target: number;
}
export interface RefSettings {
	timeStandards: { default: RefTier[]; byType: Record<string, RefTier[]> };
	firstContactSlaDays: number;
	staleDays: number;
	/** Needs attention: days after the as-of day within which an item is due soon. */
	attentionHorizonDays: number;
	defaultCapacity: number;
	caseWeights: Record<string, number>;
	requiredFields: { column: string; closedOnly?: boolean }[];
	satisfactionScale: 'auto' | '1-5' | '1-10' | '0-10';
}

/**
 * Choices where a definition leaves room, each named. The defaults are the rules this project
 * documents; flipping one shows what depends on it.
 */
export interface RefChoices {
	/**
	 * Where a case still open is censored in Kaplan-Meier: at the end of observation (default), which
	 * for a date-only as-of is the end of that day (00:00 the next day), since everything dated that
	 * day has happened; or (the old rule) at its start. With whole-day durations (opened or closed
	 * without a time of day) both give the whole days from the opening date to the as-of date: a case
	 * open at the end of day A is known to take more than A - D days, so it is censored at A - D and
	 * stays at risk there (a censoring tied with closings counts as at risk).
	 */
	censorAt: 'end-of-as-of-day' | 'start-of-as-of-day';
	/**
	 * A figure uses only what was known at the as-of moment (default true): a case opened after it is
	 * left out, a closing after it had not happened (the case is open), a goal achieved after it was
	 * not met, an event done after it was not done. False: the data as recorded later.
	 */
	onlyKnownAtAsOf: boolean;
	/** A closing dated before the opening: moved to the opening (default) or the case left out. */
	closedBeforeOpened: 'move-to-opened' | 'leave-out';
	/** Two dates of different precision: compared at the coarser (whole days, default) or exactly. */
	precision: 'coarser' | 'exact';
	/** Kaplan-Meier: S(t) within this of 0.5 counts as reaching the median (float sums). */
	survivalTolerance: number;
	/** A time-standard share within this of its target meets it. */
	targetTolerance: number;
}

export const DEFAULT_CHOICES: RefChoices = {
	censorAt: 'end-of-as-of-day',
	onlyKnownAtAsOf: true,
	closedBeforeOpened: 'move-to-opened',
	precision: 'coarser',
	survivalTolerance: 1e-10,
	targetTolerance: 1e-9
};

export interface Case {
	id: string;
	opened: Moment;
	closed: Moment | null;
	type: string | null;
	worker: string | null;
	raw: RefRow;
}

export const txt = (v: unknown): string | null =>
	v === null || v === undefined ? null : String(v);
export const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
export const mom = (v: unknown): Moment | null =>
	v !== null && typeof v === 'object' ? (v as Moment) : null;

export function quantile(values: number[], q: number): number | null {
	if (values.length === 0) return null;
	const s = [...values].sort((x, y) => x - y);
	const pos = (s.length - 1) * q;
	const lo = Math.floor(pos);
	const hi = Math.ceil(pos);
	return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}
export function mean(values: number[]): number | null {
	if (values.length === 0) return null;
	let s = 0;
	for (const v of values) s += v;
	return s / values.length;
}
/** Ascending text order with blanks last. */
export function byText(a: string | null, b: string | null): number {
	if (a === b) return 0;
	if (a === null) return 1;
	if (b === null) return -1;
	return a < b ? -1 : 1;
}
export function groupBy<T, K>(list: T[], key: (x: T) => K): Map<K, T[]> {
	const out = new Map<K, T[]>();
	for (const x of list) {
		const k = key(x);
		const bucket = out.get(k);
		if (bucket) bucket.push(x);
		else out.set(k, [x]);
	}
	return out;
}
/** A settings entry keyed by case type, matched ignoring letter case and outer spaces. */
export function byType<T>(map: Record<string, T>, type: string | null): T | undefined {
	if (type === null) return undefined;
	for (const [k, v] of Object.entries(map))
		if (k.trim().toLowerCase() === type.toLowerCase()) return v;
	return undefined;
}

/** The scope resolved against the data: everything an area needs. */
export interface Ctx {
	data: RefData;
	scope: RefScope;
	settings: RefSettings;
	choices: RefChoices;
	cases: Case[];
	byId: Map<string, Case>;
	asOf: Moment;
	months: string[];
	cmp: (a: Moment, b: Moment) => number;
	days: (a: Moment, b: Moment) => number;
	has: (table: 'cases' | 'goals' | 'events' | 'staff', column: string) => boolean;
	timed: (table: 'cases' | 'goals' | 'events' | 'staff', column: string) => boolean;
	inPeriod: (m: Moment | null) => boolean;
	/** Opened by the as-of moment and not closed by it. */
	openAt: (c: Case) => boolean;
	/** Open at some time in the period, or at the as-of moment. */
	activeInScope: (c: Case) => boolean;
	/** Open at the end of month m's last day within the period (00:00 the day after). */
	pendingAtMonthEnd: (c: Case, month: string) => boolean;
	tiers: (type: string | null) => RefTier[];
	weight: (type: string | null) => number;
}

export function context(
	data: RefData,
	scope: RefScope,
	settings: RefSettings,
	choices: RefChoices
): Ctx {
	const exact = choices.precision === 'exact';
	const cmp = exact ? (a: Moment, b: Moment) => a.ms - b.ms : compare;
	const days = exact ? (a: Moment, b: Moment) => (b.ms - a.ms) / DAY_MS : daysBetween;
	const tables = data as unknown as Record<string, RefData['cases'] | undefined>;
	const has = (t: string, c: string) => Boolean(tables[t]?.columns.includes(c));
	const timed = (t: string, c: string) => Boolean(tables[t]?.timed.has(c));
	const asOf = scopeMoment(scope.asOf);
	const fromMs = scopeMoment(scope.from).ms;
	const endMs = scopeMoment(scope.to).ms + DAY_MS;
	const inPeriod = (m: Moment | null) => m !== null && m.ms >= fromMs && m.ms < endMs;
	const filters = Object.entries(scope.filters) as [FilterColumn, (string | null)[]][];
	const cases: Case[] = [];
	for (const row of data.cases.rows) {
		if (!filters.every(([col, list]) => list.length === 0 || list.includes(txt(row[col]))))
			continue;
		const opened = mom(row.opened_at) as Moment;
		let closed = mom(row.closed_at);
		if (closed && closed.ms < opened.ms) {
			if (choices.closedBeforeOpened === 'leave-out') continue;
			closed = moment(opened.ms, closed.timed);
		}
		if (choices.onlyKnownAtAsOf) {
			if (cmp(opened, asOf) > 0) continue;
			if (closed && cmp(closed, asOf) > 0) closed = null;
		}
		const c = {
			id: String(row.case_id),
			opened,
			closed,
			type: txt(row.case_type),
			worker: txt(row.worker)
		};
		cases.push({ ...c, raw: row });
	}
	const openAt = (c: Case) =>
		cmp(c.opened, asOf) <= 0 && (c.closed === null || cmp(c.closed, asOf) > 0);
	const cutOf = new Map<string, number>();
	for (const m of monthsBetween(scope.from, scope.to)) {
		const last = lastDayOfMonth(m);
		cutOf.set(m, scopeMoment(last < scope.to ? last : scope.to).ms + DAY_MS);
	}
	const openBefore = (c: Case, cut: number) =>
		c.opened.ms < cut && (c.closed === null || c.closed.ms >= cut);
	return {
		data,
		scope,
		settings,
		choices,
		cases,
		byId: new Map(cases.map((c) => [c.id, c])),
		asOf,
		months: [...cutOf.keys()],
		cmp,
		days,
		has,
		timed,
		inPeriod,
		openAt,
		activeInScope: (c) =>
			(c.opened.ms < endMs && (c.closed === null || c.closed.ms >= fromMs)) || openAt(c),
		pendingAtMonthEnd: (c, m) => openBefore(c, cutOf.get(m) as number),
		tiers: (type) => byType(settings.timeStandards.byType, type) ?? settings.timeStandards.default,
		weight: (type) => byType(settings.caseWeights, type) ?? 1
	};
}

export { monthOf };
