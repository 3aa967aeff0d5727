/** Expected figures for the dashboard's browser tests: the metric engine in Node on the same sample files. */
import path from 'node:path';
import { createNodeEngine } from '../../src/lib/engine/node';
import type { Engine } from '../../src/lib/engine/types';
import { importPaths } from '../../src/lib/import/node';
import { OVERVIEW_IDS } from '../../src/lib/metrics/catalogue';
import { computeMetrics, drill, metricContext } from '../../src/lib/metrics/run';
import { defaultScope, emptyFilters, type Filters, type Scope } from '../../src/lib/metrics/scope';
import { defaultSettings } from '../../src/lib/metrics/settings';
import type { DatasetInfo } from '../../src/lib/model/dataset';

export const SAMPLE = path.resolve(import.meta.dirname, '../../sample-data');

/**
 * A figure to 12 significant digits. The page computes the overview with its facts inlined until
 * they are built, and from the built facts after; tests/unit/metrics/overview.test.ts holds both to
 * the catalogue's queries to 1e-9 (a mean may differ in its last bits, as the sum runs in another order).
 */
export function figure(value: number | null): number | null {
	return value === null ? null : Number(value.toPrecision(12));
}

export interface Expectations {
	engine: Engine;
	dataset: DatasetInfo;
	scope: Scope;
	/**
	 * Overview values (null when not a number, see `figure`) for the default scope with `filters`, and
	 * another start date if given.
	 */
	overview(filters?: Partial<Filters>, from?: string): Promise<Record<string, number | null>>;
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
	const scope = await defaultScope(engine, dataset);
	const ctx = (filters: Partial<Filters> = {}, from = scope.from) =>
		metricContext(
			{ ...scope, from, filters: { ...emptyFilters(), ...filters } },
			defaultSettings(),
			dataset
		);
	return {
		engine,
		dataset,
		scope,
		async overview(filters, from) {
			const results = await computeMetrics(engine, ctx(filters, from), OVERVIEW_IDS);
			return Object.fromEntries(
				OVERVIEW_IDS.map((id) => [
					id,
					results[id].kind === 'scalar' ? figure(results[id].value) : null
				])
			);
		},
		drillRows: (id, filters) => drill(engine, ctx(filters), id)
	};
}
