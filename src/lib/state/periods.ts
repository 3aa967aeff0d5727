/** Scopes derived from the dashboard's scope: for comparisons and sparklines. */
import { addDays, addMonths, asOfDate, previousPeriod, yearEarlier, type Scope } from '../metrics/scope';

export { previousPeriod, yearEarlier };

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
