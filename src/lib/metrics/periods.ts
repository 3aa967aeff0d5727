/**
 * Scopes derived from the dashboard's scope: for comparisons and sparklines (metrics/scope.ts has
 * previousPeriod and yearEarlier themselves).
 */
import { addDays, addMonths, asOfDate, previousPeriod, yearEarlier, type Scope } from './scope';

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

/** The overview's figures: the scope, the previous period of the same length, the same period a year earlier. */
export function comparedScopes(scope: Scope): Scope[] {
	return [scope, previousPeriod(scope), yearEarlier(scope)];
}

/**
 * The steps the overview's cube is built in (metrics/overview.ts): the figures' dates first, then
 * the 12 months four at a time (about 1 s a step at 1,000,000 cases), so a filter change made
 * meanwhile never waits long.
 */
export function cubeSteps(scope: Scope): Scope[][] {
	const months = monthlyScopes(scope);
	return [comparedScopes(scope), months.slice(0, 4), months.slice(4, 8), months.slice(8)];
}
