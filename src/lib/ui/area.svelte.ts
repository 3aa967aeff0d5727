/** The data of one dashboard area page: its figures for the current scope, recomputed as that changes. */
import type { Engine } from '$lib/engine/types';
import { metricEntry, OVERVIEW_IDS } from '$lib/metrics/catalogue';
import { computeOverview } from '$lib/metrics/overview';
import { comparisons, monthlyScopes, type Comparison } from '$lib/metrics/periods';
import { computeEntries, computeForScopes, unavailableReason } from '$lib/metrics/run';
import { changeTestOf, type LogRank, type RankSums } from '$lib/metrics/significance';
import { rankStatistics } from '$lib/metrics/significance-sql';
import type { MonthFigure } from '$lib/metrics/trends';
import type { Area, MetricContext, MetricResult } from '$lib/metrics/types';
import { dashboard, resource, type Resource } from '$lib/state/dashboard.svelte';
import { filters } from '$lib/state/filters.svelte';

export type ScopedValue<T> = T & { scope: string };

/**
 * `work` computes the page's figures; `enabled` (read synchronously, so a change re-runs it) says
 * whether the loaded data can answer them at all. Each answer carries the scope it was computed for,
 * so that `AreaPanel` shows only answers for the scope now chosen. Call during component initialisation.
 */
export function areaResource<T extends object>(
	key: string,
	work: (engine: Engine, ctx: MetricContext) => Promise<T>,
	enabled: () => boolean = () => true
): Resource<ScopedValue<T>> {
	return resource(key, () => {
		const ctx = dashboard.context;
		if (!ctx || !enabled()) return null;
		return async (engine) => ({ ...(await work(engine, ctx)), scope: JSON.stringify(ctx.scope) });
	});
}

/** An area's headline figures for each of the 12 months up to the as-of date (metrics/periods.ts). */
export interface AreaTrend {
	ids: string[];
	months: string[];
	series: Record<string, MonthFigure[]>;
	/** Why a figure has no trend ("not available: needs ..."), by id. */
	unavailable: Record<string, string>;
}

const KM_ID = 'km_median_days';

/**
 * The monthly trend of every headline figure of `area`, from the overview's facts and cube when they
 * are built (the same figures the overview's sparklines show), else from the catalogue's queries.
 */
export function trendResource(area: Area): Resource<ScopedValue<AreaTrend>> {
	const ids: string[] = OVERVIEW_IDS.filter((id) => metricEntry(id).area === area);
	return areaResource(`trend-${area}`, async (engine, ctx) => {
		const scopes = monthlyScopes(ctx.scope);
		const facts = await dashboard.facts();
		const results = facts
			? await computeOverview(engine, ctx, scopes, dashboard.cube)
			: await computeForScopes(engine, ctx, scopes, ids);
		// A month's Kaplan-Meier cohort (the cases opened in it) followed up to the as-of date, not only
		// to the month's end, when few of its cases can have closed yet.
		const followed = ids.includes(KM_ID)
			? await computeForScopes(
					engine,
					ctx,
					scopes.map((s) => ({ ...s, asOf: ctx.scope.asOf })),
					[KM_ID]
				)
			: [];
		const series: Record<string, MonthFigure[]> = {};
		const unavailable: Record<string, string> = {};
		for (const id of ids) {
			const source = id === KM_ID ? followed : results;
			const figures = source.map((r) => (r as Record<string, MetricResult>)[id]);
			const reason = figures.find((f) => f?.unavailable)?.unavailable;
			if (reason) unavailable[id] = reason;
			series[id] = figures.map((f, i) => ({
				month: scopes[i].from,
				value: f?.kind === 'scalar' ? f.value : null,
				n: f?.kind === 'scalar' ? (f.n ?? null) : null
			}));
		}
		return { ids, months: scopes.map((s) => s.from), series, unavailable };
	});
}

/** The figures of tiles for each comparison shown (the previous period, a year earlier), by its key. */
export interface Compared {
	against: Comparison[];
	results: Record<string, Record<string, MetricResult>>;
}

/** The comparisons of the current scope (one when the previous period is the same as a year earlier). */
const shownComparisons = (ctx: MetricContext) => comparisons(ctx.scope, filters.state.preset);

/** The figures `ids` for each comparison of the current scope, for the tiles' changes. */
export function comparedResource(ids: readonly string[]): Resource<ScopedValue<Compared>> {
	return resource(`compared-${ids.join(',')}`, () => {
		const ctx = dashboard.context;
		if (!ctx) return null;
		const against = shownComparisons(ctx);
		const entries = ids.map((id) => metricEntry(id));
		return async (engine) => {
			const results: Compared['results'] = {};
			for (const c of against)
				results[c.key] = await computeEntries(engine, { ...ctx, scope: c.scope }, entries);
			return { against, results, scope: JSON.stringify(ctx.scope) };
		};
	});
}

/** Rank statistics of a median's change, by metric id and comparison key. */
export type RankStats = Record<string, Record<string, { ranks?: RankSums; logRank?: LogRank }>>;

/** The figures among `ids` whose changes are tested on ranks over their cases (the medians). */
export const rankedIds = (ids: readonly string[]) =>
	ids.filter((id) => ['rank', 'logrank'].includes(changeTestOf(metricEntry(id))));

/**
 * The rank statistics of the medians among `ids` against each comparison, computed in the background
 * once `ready` (the figures themselves first). Until then their changes read "testing for chance…".
 */
export function ranksResource(
	ids: readonly string[],
	ready: () => boolean
): Resource<ScopedValue<{ stats: RankStats }>> {
	const ranked = rankedIds(ids);
	return resource(
		`ranks-${ids.join(',')}`,
		() => {
			const ctx = dashboard.context;
			if (!ctx || ranked.length === 0 || !ready()) return null;
			const against = shownComparisons(ctx);
			return async (engine) => {
				const stats: RankStats = {};
				for (const id of ranked) {
					const entry = metricEntry(id);
					if (unavailableReason(entry, ctx) !== null) continue;
					stats[id] = {};
					for (const c of against)
						stats[id][c.key] = await rankStatistics(engine, entry, ctx, { ...ctx, scope: c.scope });
				}
				return { stats, scope: JSON.stringify(ctx.scope) };
			};
		},
		'background'
	);
}
