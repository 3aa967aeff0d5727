/** What a KPI tile shows of one metric's result: shared by the area pages' tiles and the overview. */
import { metricEntry } from '$lib/metrics/catalogue';
import { TARGETS, targetMissed } from '$lib/metrics/targets';
import type { MetricResult } from '$lib/metrics/types';
import { drillHref } from '$lib/state/actions';
import { filters } from '$lib/state/filters.svelte';
import { settings } from '$lib/state/settings.svelte';

/** The result if it is a single figure, else null. */
export const scalarResult = (r: MetricResult | undefined) => (r && r.kind === 'scalar' ? r : null);

/** The value of a single-figure result, null for any other (or none). */
export const scalarValue = (r: MetricResult | undefined) => scalarResult(r)?.value ?? null;

const errorOf = (r: unknown) =>
	(r as { error?: string } | null)?.error
		? `could not be computed: ${(r as { error: string }).error}`
		: null;

/** The tile's props for metric `id` from its result: figure, why it is missing, links and target. */
export function tileFigures(id: string, result: MetricResult | undefined) {
	const entry = metricEntry(id);
	const r = scalarResult(result);
	return {
		id,
		title: entry.title,
		unit: entry.unit,
		value: r?.value ?? null,
		n: r?.n ?? null,
		unavailable: r?.unavailable ?? errorOf(r),
		href: filters.href(`/${entry.area}`),
		drillHref: entry.drill ? drillHref(id) : null,
		missed: targetMissed(id, r?.value ?? null, settings.current),
		target: TARGETS[id]?.text(settings.current) ?? null
	};
}
