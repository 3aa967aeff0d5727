/** The data of one dashboard area page: its figures for the current scope, recomputed as that changes. */
import type { Engine } from '$lib/engine/types';
import type { MetricContext } from '$lib/metrics/types';
import { dashboard, resource, type Resource } from '$lib/state/dashboard.svelte';

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
