/**
 * Scopes derived from the dashboard's scope: for comparisons and sparklines (metrics/scope.ts has
 * previousPeriod and yearEarlier themselves), and a period's name in words.
 */
import type { Preset } from './scope-rules';
import {
	addDays,
	addMonths,
	asOfDate,
	isIsoTimestamp,
	previousPeriod,
	yearEarlier,
	type Scope
} from './scope';

/**
 * The 12 calendar months up to the as-of date, each as its own scope (the month's days, as of its
 * last day; the last month ends at the as-of date). For sparklines: each point is the metric's value
 * for that month alone.
 */
export function monthlyScopes(scope: Scope, months = 12): Scope[] {
	const end = asOfDate(scope.asOf);
	const firstOfLast = `${end.slice(0, 7)}-01`;
	const out: Scope[] = [];
	for (let i = months - 1; i >= 0; i--) {
		const from = addMonths(firstOfLast, -i);
		const lastDay = addDays(addMonths(from, 1), -1);
		const to = i === 0 ? end : lastDay;
		out.push({ ...scope, from, to, asOf: i === 0 ? scope.asOf : to });
	}
	return out;
}

/** Months a calendar preset's previous period lies back: the previous month, quarter or year. */
const CALENDAR_STEP: Partial<Record<Preset, number>> = {
	// The 12 months before a rolling 12 months are the same period a year earlier.
	'12m': 12,
	'last-month': 1,
	'last-quarter': 3,
	'last-year': 12,
	ytd: 12
};

/** The month or quarter before `scope`'s, its as-of moment `months` back with it (the time of day kept). */
function monthsEarlier(scope: Scope, months: number): Scope {
	const asOf = isIsoTimestamp(scope.asOf)
		? `${addMonths(asOfDate(scope.asOf), -months)}${scope.asOf.slice(10)}`
		: addMonths(scope.asOf, -months);
	// The earlier month or quarter ends the day before this one starts (31 March, not 28).
	return { ...scope, from: addMonths(scope.from, -months), to: addDays(scope.from, -1), asOf };
}

/**
 * The previous period: for a calendar preset the previous calendar period of the same kind (Q2 for
 * Q3; for year to date the same days of the year before; for 12 months the 12 before), else the
 * period of the same length just before.
 */
export function previousScope(scope: Scope, preset?: Preset): Scope {
	const step = preset ? CALENDAR_STEP[preset] : undefined;
	if (step === 12) return yearEarlier(scope);
	return step ? monthsEarlier(scope, step) : previousPeriod(scope);
}

/**
 * The overview's figures: the scope, the previous period (`previousScope`), the same period a year
 * earlier. The last two can be the same dates (12 months, last year, year to date): see `comparisons`.
 */
export function comparedScopes(scope: Scope, preset?: Preset): Scope[] {
	return [scope, previousScope(scope, preset), yearEarlier(scope)];
}

/** What a change is against: its label and period; `index` is the period's place in `comparedScopes`. */
export interface Comparison {
	key: 'previous' | 'year';
	label: string;
	index: 1 | 2;
	scope: Scope;
}

const sameDates = (a: Scope, b: Scope) => a.from === b.from && a.to === b.to && a.asOf === b.asOf;

/** The comparisons to show: one when the previous period is the same as a year earlier, else both. */
export function comparisons(scope: Scope, preset?: Preset): Comparison[] {
	const [, previous, year] = comparedScopes(scope, preset);
	const yearAgo: Comparison = { key: 'year', label: 'vs a year earlier', index: 2, scope: year };
	if (sameDates(previous, year)) return [yearAgo];
	return [{ key: 'previous', label: 'vs previous period', index: 1, scope: previous }, yearAgo];
}

const MONTHS = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December'
];

/** A period in words: "2018", "Q2 2018", "January 2019", else "2018-02-14 to 2019-02-13". */
export function periodName(from: string, to: string): string {
	const [y, m, d] = from.split('-').map(Number);
	if (d === 1 && to === addDays(addMonths(from, 12), -1) && m === 1) return String(y);
	if (d === 1 && (m - 1) % 3 === 0 && to === addDays(addMonths(from, 3), -1))
		return `Q${(m - 1) / 3 + 1} ${y}`;
	if (d === 1 && to === addDays(addMonths(from, 1), -1)) return `${MONTHS[m - 1]} ${y}`;
	return `${from} to ${to}`;
}

/**
 * The steps the overview's cube is built in (metrics/overview.ts): the figures' dates first, then
 * the 12 months four at a time (about 1 s a step at 1,000,000 cases), so a filter change made
 * meanwhile never waits long.
 */
export function cubeSteps(scope: Scope, preset?: Preset): Scope[][] {
	const months = monthlyScopes(scope);
	return [comparedScopes(scope, preset), months.slice(0, 4), months.slice(4, 8), months.slice(8)];
}
