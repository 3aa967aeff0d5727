/**
 * "Report on this view": a dashboard view (its filters, period and as-of date) as the report's
 * scope. The period becomes the view's own dates, so the report covers exactly what was on screen;
 * the workers or office chosen become the report's scope, and every other filter is kept and stated
 * on the scope line.
 */
import { resolveScope, type FilterState } from '../metrics/scope-rules';
import type { ReportTemplate } from './template';

/** `template` with the scope, period and as-of date of a dashboard view; everything else kept. */
export function templateForView(
	template: ReportTemplate,
	view: FilterState,
	latest: string | null
): ReportTemplate {
	const scope = resolveScope(view, latest);
	const workers = view.filters.worker.filter((w): w is string => w !== null);
	const offices = view.filters.office.filter((o): o is string => o !== null);
	const kind =
		workers.length === 1
			? 'worker'
			: workers.length > 1
				? 'team'
				: offices.length === 1
					? 'office'
					: 'organisation';
	const extra: ReportTemplate['filters'] = {
		case_type: [...view.filters.case_type],
		priority: [...view.filters.priority],
		status: [...view.filters.status]
	};
	if (kind !== 'office') extra.office = [...view.filters.office];
	return {
		...template,
		scope: {
			kind,
			values: kind === 'office' ? offices : kind === 'organisation' ? [] : workers,
			teamName: template.scope.teamName
		},
		period: { preset: 'custom', from: scope.from, to: scope.to },
		asOf: view.asOf,
		filters: Object.fromEntries(Object.entries(extra).filter(([, v]) => v.length > 0))
	};
}

/** True when the report was opened from a dashboard page's "Report on this view". */
export function isView(query: string): boolean {
	return /(^|&)view=1(&|$)/.test(query);
}
