/**
 * The metric scope of a report template: the same `Scope` the dashboard and the metric engine use,
 * so that a report's figures are the engine's figures for that scope.
 */
import {
	addDays,
	addMonths,
	asOfDate,
	emptyFilters,
	previousPeriod,
	type Filters,
	yearEarlier,
	type Scope
} from '../metrics/scope';
import type { ReportTemplate } from './template';

/** The last day of the month of `date`. */
function monthEnd(date: string): string {
	return addDays(addMonths(`${date.slice(0, 7)}-01`, 1), -1);
}

/**
 * The period of a preset for an as-of date. Full months and quarters are the last ones complete on
 * the as-of date (a month ending on the as-of date counts as complete).
 */
export function reportPeriod(template: ReportTemplate, asOf: string): { from: string; to: string } {
	const end = asOfDate(asOf);
	const p = template.period;
	switch (p.preset) {
		case 'custom':
			if (p.from && p.to) return { from: p.from, to: p.to };
			return { from: addDays(addMonths(end, -12), 1), to: end };
		case 'full-month': {
			const to = monthEnd(end) === end ? end : addDays(`${end.slice(0, 7)}-01`, -1);
			return { from: `${to.slice(0, 7)}-01`, to };
		}
		case 'full-quarter': {
			const [y, m] = end.split('-').map(Number);
			const qStart = `${y}-${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
			const qEnd = addDays(addMonths(qStart, 3), -1);
			const to = qEnd === end ? end : addDays(qStart, -1);
			return { from: addMonths(`${to.slice(0, 7)}-01`, -2), to };
		}
		case 'ytd':
			return { from: `${end.slice(0, 4)}-01-01`, to: end };
		case '12m':
		default:
			return { from: addDays(addMonths(end, -12), 1), to: end };
	}
}

/**
 * The scope of a template. `latest` is the data's latest opened or closed moment (the default
 * as-of). A period that ends before the as-of date (a full month, a custom period) is described as
 * of its last day, so that caseloads and backlogs are those at the end of the period.
 */
export function reportScope(
	template: ReportTemplate,
	latest: string | null,
	today: string = new Date().toISOString().slice(0, 10)
): Scope {
	const asOfChosen = template.asOf ?? latest ?? today;
	const { from, to } = reportPeriod(template, asOfChosen);
	const asOf = to < asOfDate(asOfChosen) ? to : asOfChosen;
	const filters = emptyFilters();
	const values = template.scope.values;
	if (template.scope.kind === 'office') filters.office = values.slice(0, 1);
	if (template.scope.kind === 'team') filters.worker = [...values];
	if (template.scope.kind === 'worker') filters.worker = values.slice(0, 1);
	for (const [column, list] of Object.entries(template.filters) as [
		keyof Filters,
		(string | null)[]
	][])
		filters[column] = [...list];
	return { asOf, from, to, filters };
}

/** The comparison scope: the previous period of the same length, or the same period a year earlier. */
export function comparisonScope(scope: Scope, comparison: ReportTemplate['comparison']): Scope {
	return comparison === 'year' ? yearEarlier(scope) : previousPeriod(scope);
}

/** True when the template's scope is complete (an office, team or worker has been chosen). */
export function scopeChosen(template: ReportTemplate): boolean {
	return template.scope.kind === 'organisation' || template.scope.values.length > 0;
}
