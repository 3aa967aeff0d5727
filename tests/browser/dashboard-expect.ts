/**
 * Expected figures for the dashboard's browser tests: the metric engine in Node on the same sample
 * files. The overview's tiles are computed as the page computes them (metrics/overview.ts, which
 * tests/unit/metrics/overview.test.ts holds to the catalogue), so that they match to the last bit.
 */
import path from 'node:path';
import { createNodeEngine } from '../../src/lib/engine/node';
import type { Engine } from '../../src/lib/engine/types';
import { importPaths } from '../../src/lib/import/node';
import { OVERVIEW_IDS } from '../../src/lib/metrics/catalogue';
import { computeOverview, prepareOverview } from '../../src/lib/metrics/overview';
import { drill, metricContext } from '../../src/lib/metrics/run';
import { defaultScope, emptyFilters, previousPeriod, yearEarlier, type Filters, type Scope } from '../../src/lib/metrics/scope';
import { defaultSettings } from '../../src/lib/metrics/settings';
import type { DatasetInfo } from '../../src/lib/model/dataset';

export const SAMPLE = path.resolve(import.meta.dirname, '../../sample-data');

export interface Expectations {
	engine: Engine;
	dataset: DatasetInfo;
	scope: Scope;
	/** Overview values (null when not a number) for the default scope with `filters`. */
	overview(filters?: Partial<Filters>): Promise<Record<string, number | null>>;
	drillRows(id: string, filters?: Partial<Filters>): Promise<Record<string, unknown>[]>;
}

export async function expectations(): Promise<Expectations> {
	const engine = await createNodeEngine();
	const { dataset } = await importPaths(engine, {
		cases: `${SAMPLE}/cases.csv`,
		goals: `${SAMPLE}/goals.csv`,
		events: `${SAMPLE}/events.csv`,
		staff: `${SAMPLE}/staff.csv`
	});
	await prepareOverview(engine, dataset);
	const scope = await defaultScope(engine, dataset);
	const ctx = (filters: Partial<Filters> = {}) => metricContext({ ...scope, filters: { ...emptyFilters(), ...filters } }, defaultSettings(), dataset);
	return {
		engine,
		dataset,
		scope,
		async overview(filters) {
			// The page's statement exactly: the scope with its two comparisons (float sums follow the statement).
			const c = ctx(filters);
			const [results] = await computeOverview(engine, c, [c.scope, previousPeriod(c.scope), yearEarlier(c.scope)]);
			return Object.fromEntries(OVERVIEW_IDS.map((id) => [id, results[id].kind === 'scalar' ? results[id].value : null]));
		},
		drillRows: (id, filters) => drill(engine, ctx(filters), id)
	};
}
