/**
 * How the report writes numbers, dates and the running head. The tests format the engine's values
 * with these same functions before looking for them in the printed PDF.
 */
import { formatDate, formatValue, isShownZero, oneDecimal } from '../charts/format';
import type { Unit } from '../metrics/types';

export { formatValue };

/** A headline figure as the report prints it: the dashboard's format ("1.7 hours", "12.5 days", "84.6%"). */
export function figureText(value: number | null | undefined, unit: Unit | string): string {
	return formatValue(value, unit);
}

/**
 * The change from `before` to `now`: percentage points for shares, otherwise the difference in the
 * unit with the relative change in brackets ("−4.1 (−9%)"). '–' when either is missing.
 */
export function changeText(now: number | null, before: number | null, unit: Unit | string): string {
	if (now === null || before === null || !Number.isFinite(now) || !Number.isFinite(before))
		return '–';
	const delta = now - before;
	const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
	if (unit === 'share') {
		const points = oneDecimal(Math.abs(delta) * 100);
		return `${isShownZero(points) ? '±' : sign}${points} pp`;
	}
	const size = formatValue(Math.abs(delta), unit);
	const abs = isShownZero(size) ? `±${size}` : `${sign}${size}`;
	if (before === 0) return abs;
	const rel = (delta / Math.abs(before)) * 100;
	const pct = Math.round(Math.abs(rel));
	return `${abs} (${pct === 0 ? '±' : rel > 0 ? '+' : '−'}${pct}%)`;
}

/** A date or timestamp cell ('YYYY-MM-DD', or 'YYYY-MM-DD hh:mm' when it has a time other than midnight). */
export function dateText(value: unknown): string {
	if (value === null || value === undefined || value === '') return '–';
	if (typeof value === 'number') return new Date(value).toISOString().slice(0, 10);
	const s = String(value);
	const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})/.exec(s);
	if (m) return m[2] === '00:00' ? m[1] : `${m[1]} ${m[2]}`;
	return s.slice(0, 10);
}

/** A date or timestamp's day as ISO text ('YYYY-MM-DD'), or null when it is not one. */
export function isoDay(value: unknown): string | null {
	const text = dateText(value);
	return /^\d{4}-\d{2}-\d{2}/.test(text) ? text.slice(0, 10) : null;
}

/** A date or timestamp as its date only, as the settings write dates: what tables print. */
export function dayText(value: unknown): string {
	const day = isoDay(value);
	return day === null ? dateText(value) : formatDate(day);
}

/** An ISO instant (import time) as the settings write dates, in UTC: '12/07/2026 03:46 UTC'. */
export function instantText(iso: string | null | undefined): string {
	if (!iso) return '–';
	const d = new Date(iso);
	if (Number.isNaN(d.getTime())) return iso;
	return `${formatDate(d.toISOString().slice(0, 10))} ${d.toISOString().slice(11, 16)} UTC`;
}

/**
 * Text as a CSS string literal for `content:` in the page's margin boxes. Every character other
 * than letters, digits and spaces is written as a CSS escape, so no data can close the string or
 * the rule.
 */
export function cssString(text: string): string {
	let out = '"';
	for (const ch of text) {
		if (/^[A-Za-z0-9 ]$/.test(ch)) out += ch;
		else out += `\\${ch.codePointAt(0)!.toString(16)} `;
	}
	return out + '"';
}
