/**
 * The reference's own reading of the date formats the test exports use, and its time arithmetic.
 * Every moment is kept as milliseconds since 1970 in "wall time" (the time as written, read as UTC),
 * with the precision of its column: a column whose values carry a time of day is "timed".
 */

export const DAY_MS = 86_400_000;

/** A point in time with its column's precision. */
export interface Moment {
	ms: number;
	/** Whole days since 1970-01-01 (the calendar day of `ms`). */
	day: number;
	/** The column carries a time of day. */
	timed: boolean;
}

/** How the numeric dates of an export order day and month. */
export type DateOrder = 'month-first' | 'day-first';

/** What to do with a UTC offset written after an ISO time ("+00:00"). */
export type OffsetRule = 'wall-time' | 'convert-to-utc';

export interface ParsedDate {
	ms: number;
	hasTime: boolean;
}

const ISO_RE =
	/^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const NUMERIC_RE =
	/^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp][Mm]))?)?$/;

function utc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, frac = 0): number | null {
	const ms = Date.UTC(y, mo - 1, d, h, mi, s) + frac;
	const check = new Date(ms - frac);
	if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d)
		return null;
	if (h > 23 || mi > 59 || s > 59) return null;
	return ms;
}

/**
 * Reads 'YYYY-MM-DD', 'YYYY-MM-DD hh:mm[:ss[.fff]]' (or with 'T'), with an optional 'Z' or '+hh:mm',
 * and 'MM/DD/YYYY' (or 'DD/MM/YYYY' by `order`) with an optional 'hh:mm[:ss]' and AM/PM.
 * Returns null for text that is none of these.
 */
export function parseDate(
	text: string,
	order: DateOrder = 'month-first',
	offsets: OffsetRule = 'wall-time'
): ParsedDate | null {
	const v = text.trim();
	let m = ISO_RE.exec(v);
	if (m) {
		const hasTime = m[4] !== undefined;
		const frac = m[7] ? Math.round(Number(m[7]) * 1000) : 0;
		let ms = utc(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), frac);
		if (ms === null) return null;
		if (m[8] && offsets === 'convert-to-utc' && m[8].toUpperCase() !== 'Z') {
			const sign = m[8][0] === '-' ? -1 : 1;
			const digits = m[8].slice(1).replace(':', '');
			ms -= sign * (+digits.slice(0, 2) * 60 + +(digits.slice(2) || 0)) * 60_000;
		}
		return { ms, hasTime };
	}
	m = NUMERIC_RE.exec(v);
	if (m) {
		const [month, day] = order === 'month-first' ? [+m[1], +m[2]] : [+m[2], +m[1]];
		const hasTime = m[4] !== undefined;
		let hour = +(m[4] ?? 0);
		if (m[7]) {
			if (hour < 1 || hour > 12) return null;
			const pm = m[7].toLowerCase() === 'pm';
			hour = (hour % 12) + (pm ? 12 : 0);
		}
		const ms = utc(+m[3], month, day, hour, +(m[5] ?? 0), +(m[6] ?? 0));
		return ms === null ? null : { ms, hasTime };
	}
	return null;
}

export function moment(ms: number, timed: boolean): Moment {
	return { ms, day: Math.floor(ms / DAY_MS), timed };
}

/** 'YYYY-MM-DD' or 'YYYY-MM-DD hh:mm:ss' (a scope's dates) as a moment; timed when a time is given. */
export function scopeMoment(text: string): Moment {
	const p = parseDate(text);
	if (!p) throw new Error(`reference: cannot read the scope date ${text}`);
	return moment(p.ms, p.hasTime);
}

/**
 * Compares two moments at the coarser precision of the two (whole days unless both are timed):
 * negative, zero or positive. A date says on which day something happened, not when in the day.
 */
export function compare(a: Moment, b: Moment): number {
	return a.timed && b.timed ? a.ms - b.ms : a.day - b.day;
}

/** Days from a to b: fractional when both carry a time of day, else whole calendar days. */
export function daysBetween(a: Moment, b: Moment): number {
	return a.timed && b.timed ? (b.ms - a.ms) / DAY_MS : b.day - a.day;
}

/** 'YYYY-MM-DD' of a moment. */
export function isoDay(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

/** 'YYYY-MM-01' of the month a moment falls in. */
export function monthOf(ms: number): string {
	return isoDay(ms).slice(0, 7) + '-01';
}

/** The calendar months from the month of `from` to the month of `to` ('YYYY-MM-01' each). */
export function monthsBetween(from: string, to: string): string[] {
	const out: string[] = [];
	let [y, m] = from.split('-').map(Number);
	const last = to.slice(0, 7);
	for (;;) {
		const key = `${y}-${String(m).padStart(2, '0')}`;
		if (key > last) return out;
		out.push(key + '-01');
		m++;
		if (m === 13) {
			m = 1;
			y++;
		}
	}
}

/** The last day of the month 'YYYY-MM-01'. */
export function lastDayOfMonth(month: string): string {
	const [y, m] = month.split('-').map(Number);
	return isoDay(Date.UTC(y, m, 0));
}
