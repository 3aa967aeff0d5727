/** What a KPI tile shows of one metric's result: shared by the area pages' tiles and the overview. */
import { changeText } from '$lib/charts/change';
import { metricEntry } from '$lib/metrics/catalogue';
import { periodName, type Comparison } from '$lib/metrics/periods';
import { changeOf, changeTestOf, type LogRank, type RankSums } from '$lib/metrics/significance';
import { TARGETS, targetMissed } from '$lib/metrics/targets';
import type { MetricResult } from '$lib/metrics/types';
import { drillHref } from '$lib/state/actions';
import { filters } from '$lib/state/filters.svelte';
import { settings } from '$lib/state/settings.svelte';

/** The result if it is a single figure, else null. */
const scalarResult = (r: MetricResult | undefined) => (r && r.kind === 'scalar' ? r : null);

/** The value of a single-figure result, null for any other (or none). */
export const scalarValue = (r: MetricResult | undefined) => scalarResult(r)?.value ?? null;

const errorOf = (r: unknown) =>
	(r as { error?: string } | null)?.error
		? `could not be computed: ${(r as { error: string }).error}`
		: null;

/** One line under a figure that is easy to misread, where it appears. */
export const TILE_NOTES: Record<string, string> = {
	days_to_close_median: 'Closed cases only; the Kaplan-Meier median includes open cases.',
	km_median_days: 'Kaplan-Meier median includes open cases.',
	caseload_cv: '0 means every worker has the same caseload; higher is more uneven.',
	caseload_gini: '0 means every worker has the same caseload; 1 means one worker has them all.',
	caseload_max_median_ratio: '1 means the largest caseload is no bigger than the typical one.'
};

/** Figures of the spread across workers: with one worker there is no spread to measure. */
const SPREAD_IDS = new Set(['caseload_cv', 'caseload_gini', 'caseload_max_median_ratio']);

/** The tile's props for metric `id` from its result: figure, why it is missing, links and target. */
export function tileFigures(id: string, result: MetricResult | undefined) {
	const entry = metricEntry(id);
	const r = scalarResult(result);
	const oneWorker = SPREAD_IDS.has(id) && r?.n === 1 && !r.unavailable;
	return {
		id,
		title: entry.title,
		unit: entry.unit,
		value: r?.value ?? null,
		n: r?.n ?? null,
		unavailable: oneWorker ? 'not meaningful for one worker' : (r?.unavailable ?? errorOf(r)),
		note: TILE_NOTES[id] ?? null,
		href: filters.href(`/${entry.area}`),
		drillHref: entry.drill ? drillHref(id) : null,
		missed: targetMissed(id, r?.value ?? null, settings.current),
		target: TARGETS[id]?.text(settings.current) ?? null
	};
}

/** One comparison of a tile: what it is against, and that period's result. */
export interface ComparedResult {
	comparison: Comparison;
	result: MetricResult | undefined;
	/**
	 * For medians: the rank statistics of the change (metrics/significance-sql.ts), once computed;
	 * until then (undefined) the change reads "testing for chance…".
	 */
	stats?: { ranks?: RankSums; logRank?: LogRank };
}

/** What a median's change says while its rank test is still being computed. */
export const TESTING = 'testing for chance…';

/** A tile's changes: each comparison's verdict (metrics/significance.ts) in words (charts/change.ts). */
export function tileChanges(
	id: string,
	result: MetricResult | undefined,
	compared: ComparedResult[]
) {
	const entry = metricEntry(id);
	const now = scalarResult(result);
	const ranked = ['rank', 'logrank'].includes(changeTestOf(entry));
	return compared.map(({ comparison, result: earlier, stats }) => {
		const then = scalarResult(earlier);
		const figure = (r: typeof now) => ({ value: r?.value ?? null, n: r?.n ?? null });
		const verdict = changeOf(entry, figure(now), figure(then), {
			minN: settings.current.minCompareN,
			...stats
		});
		const name = periodName(comparison.scope.from, comparison.scope.to);
		const text = changeText(verdict, entry.polarity, entry.unit, name);
		const pending = verdict.status === 'untested' && stats === undefined && ranked;
		return {
			key: comparison.key,
			label: comparison.label,
			...text,
			chance: pending ? TESTING : text.chance
		};
	});
}
