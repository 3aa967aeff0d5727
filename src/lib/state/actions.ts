/** What a click on a chart mark does: filter the whole dashboard, or open the cases behind the mark. */
import { goto } from '$app/navigation';
import type { ChartAction } from '../charts/options';
import type { DrillSelection } from '../metrics/types';
import { filters } from './filters.svelte';

/** The drill-down page's href for a metric and a part of its figure. */
export function drillHref(metric: string, selection: DrillSelection = {}): string {
	return filters.href('/cases', {
		metric,
		group: selection.group === undefined ? undefined : selection.group,
		month: selection.month,
		part: selection.part
	});
}

export function runAction(action: ChartAction): void {
	if (action.kind === 'filter') {
		// A click on a value already filtered on leaves it (clearing goes through its chip).
		if (!filters.state.filters[action.dim].includes(action.value))
			void filters.toggle(action.dim, action.value);
	} else if (action.kind === 'drill') {
		void goto(drillHref(action.metric, action.selection));
	}
}
