/**
 * How numbers read everywhere (tiles, tables, chart labels, the report and the command line): the
 * one place that decides decimals, the unit word after a duration and the plural of a word after a
 * number. Plain text; callers escape for HTML.
 */
import type { DateStyle } from '../metrics/settings';
import type { Unit } from '../metrics/types';

/**
 * How numbers and dates are written: 'locale' (the default) in the browser's locale (or `locale`
 * when given), 'iso' as YYYY-MM-DD and plain numbers (no grouping, a point for decimals). The app
 * sets it from the settings; the report, the dashboard and the command line all write through it.
 */
export interface FormatStyle {
	dateStyle: DateStyle;
	/** A BCP 47 locale ('de-DE'); undefined: the runtime's (the browser's) own. */
	locale?: string;
}

function numberFormats({ dateStyle, locale }: FormatStyle) {
	const at = dateStyle === 'iso' ? 'en-US' : locale;
	const grouping = dateStyle !== 'iso';
	const make = (min: number, max: number) =>
		new Intl.NumberFormat(at, {
			minimumFractionDigits: min,
			maximumFractionDigits: max,
			useGrouping: grouping
		});
	const dates = (options: Intl.DateTimeFormatOptions) =>
		dateStyle === 'iso' ? null : new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
	const date = dates({ year: 'numeric', month: '2-digit', day: '2-digit' });
	const month = dates({ year: 'numeric', month: 'short' });
	return {
		int: make(0, 0),
		oneFixed: make(1, 1),
		upToTwo: make(0, 2),
		two: make(2, 2),
		date,
		month
	};
}

let style: FormatStyle = { dateStyle: 'locale' };
let formats = numberFormats(style);

/** Sets how numbers and dates are written from now on (the settings' `dateStyle`). */
export function setFormatStyle(next: FormatStyle): void {
	if (next.dateStyle === style.dateStyle && next.locale === style.locale) return;
	style = { ...next };
	formats = numberFormats(style);
}

export function formatStyle(): Readonly<FormatStyle> {
	return style;
}

/**
 * A date ('YYYY-MM-DD', or a timestamp's day) as the style writes it: "2026-12-07" (ISO),
 * "07.12.2026" (de-DE), "12/07/2026" (en-US). Text that is not an ISO date is returned as it is.
 */
export function formatDate(iso: string): string {
	const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
	if (!m) return iso;
	if (!formats.date) return m[0];
	const ms = Date.UTC(+m[1], +m[2] - 1, +m[3]);
	return Number.isNaN(ms) ? m[0] : formats.date.format(ms);
}

/**
 * A date with its time of day when that is not midnight ('YYYY-MM-DD hh:mm…'): the as-of moment.
 * "09/30/2026 10:00" (en-US), "30.09.2026" (de-DE, midnight), "2026-09-30 10:00" (ISO).
 */
export function formatMoment(text: string): string {
	const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}))?/.exec(text);
	if (!m) return text;
	const day = formatDate(m[1]);
	return m[2] && m[2] !== '00:00' ? `${day} ${m[2]}` : day;
}

/** A period from one ISO date to another: "10/01/2025 to 09/30/2026", "2025-10-01 to 2026-09-30". */
export function formatPeriod(from: string, to: string): string {
	return `${formatDate(from)} to ${formatDate(to)}`;
}

/**
 * A month ('YYYY-MM' or 'YYYY-MM-01') as the style writes it, for axes, tooltips and chart
 * descriptions: "Dec 2026" (en-US), "Dez. 2026" (de-DE), "2026-12" (ISO). The charts keep
 * `monthLabel`'s ISO text as their data; only what is shown goes through here.
 */
export function formatMonth(month: unknown): string {
	const iso = monthLabel(month);
	const m = /^(\d{4})-(\d{2})$/.exec(iso);
	if (!m || !formats.month) return iso;
	return formats.month.format(Date.UTC(+m[1], +m[2] - 1, 1));
}

const HOURS_PER_DAY = 24;

/**
 * The word for `count` of something: `one` when the count reads as 1 ("1 case", "1.0 day"), else
 * `many` (by default `one` + "s": "0 cases", "2 cases", "1.5 days").
 */
export function plural(count: number, one: string, many = `${one}s`): string {
	return Math.abs(count) === 1 ? one : many;
}

/** A whole count with its word: "1 case", "1,234 cases". */
export function countText(count: number, one: string, many?: string): string {
	return `${formats.int.format(count)} ${plural(count, one, many)}`;
}

/** A plain number as the style writes it: whole numbers grouped ("1,234"), others to two decimals at most. */
export function formatNumber(value: number): string {
	return (Number.isInteger(value) ? formats.int : formats.upToTwo).format(value);
}

/**
 * A number with exactly one decimal ("4.0", "4.5"): averages of counts, percentage points. Always the
 * decimal, so a whole value never reads "88" beside "87.9".
 */
export function oneDecimal(value: number): string {
	return formats.oneFixed.format(value);
}

/**
 * A duration given in days, as its number and its word, one decimal. Under one day it reads in hours
 * ("1.7 hours" rather than "0.1 days"); the boundary is on what is shown: a value that would show as
 * 24.0 hours reads "1.0 day". The word is singular only when the number shown is 1.0.
 */
export function durationParts(days: number | null | undefined): { number: string; word: string } {
	if (days === null || days === undefined || !Number.isFinite(days))
		return { number: '–', word: '' };
	const hours = Math.round(days * HOURS_PER_DAY * 10) / 10;
	if (Math.abs(hours) < HOURS_PER_DAY)
		return { number: formats.oneFixed.format(hours), word: plural(hours, 'hour') };
	const shownDays = Math.round(days * 10) / 10;
	return { number: formats.oneFixed.format(shownDays), word: plural(shownDays, 'day') };
}

/** A duration given in days as text: "1.7 hours", "1.0 day", "12.5 days"; '–' when missing. */
export function formatDuration(days: number | null | undefined): string {
	const { number, word } = durationParts(days);
	return word ? `${number} ${word}` : number;
}

/**
 * A value in its unit, each unit one way: shares as percentages with one decimal ("88.0%", never
 * "88%"), ratios with two, durations as `formatDuration`, scores with one; counts whole ("1,234"),
 * and a count that is not whole (an average, a weighted caseload) with one decimal ("4.5", "4.0").
 */
export function formatValue(value: number | null | undefined, unit?: Unit | string): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '–';
	const { int, oneFixed, two } = formats;
	switch (unit) {
		case 'share':
			return `${oneFixed.format(value * 100)}%`;
		case 'ratio':
			return two.format(value);
		case 'days':
			return formatDuration(value);
		case 'T score':
		case 'score':
			return oneFixed.format(value);
		default:
			return Number.isInteger(value) ? int.format(value) : oneFixed.format(value);
	}
}

/** The unit as words for axis names and labels. */
export function unitLabel(unit?: Unit | string): string {
	switch (unit) {
		case 'share':
			return '%';
		case 'ratio':
			return 'ratio';
		default:
			return unit ?? '';
	}
}

/** A signed change for "vs previous period": percentage points for shares, else the unit. */
export function formatChange(delta: number | null, unit?: Unit | string): string {
	if (delta === null || !Number.isFinite(delta)) return '–';
	const abs = Math.abs(delta);
	const text = unit === 'share' ? `${oneDecimal(abs * 100)} pp` : formatValue(abs, unit);
	// The sign of what is shown: a change that rounds to zero is "±0", never "−0".
	const shownZero = isShownZero(text);
	const sign = shownZero ? '±' : delta > 0 ? '+' : '−';
	return `${sign}${text}`;
}

/** Whether formatted text shows a zero ("0", "0.0 hours", "0.0 pp"). */
export function isShownZero(text: string): boolean {
	const digits = text.replace(/[^0-9]/g, '');
	return digits !== '' && Number(digits) === 0;
}

/** 'YYYY-MM-01' → 'YYYY-MM'. */
export function monthLabel(month: unknown): string {
	return typeof month === 'string' ? month.slice(0, 7) : String(month ?? '');
}

/** The words for the codes metrics compute (an outcome, a part of a figure): never shown raw. */
const CODE_WORDS: Record<string, string> = {
	not_done: 'not done',
	no_contact: 'no contact made',
	on_time: 'on time',
	late: 'done late',
	met: 'met',
	missed: 'missed (late or not done)',
	over: 'over the standard',
	opened: 'opened',
	closed: 'closed',
	pending_start: 'pending at the start',
	pending_end: 'pending at the end',
	censored: 'still open (censored)'
};

/** A computed code in words ("not_done" → "not done"); an unknown one with its underscores as spaces. */
export function codeText(code: string): string {
	return CODE_WORDS[code] ?? code.replaceAll('_', ' ');
}
