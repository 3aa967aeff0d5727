/**
 * Computes the bundled sample's default overview (src/lib/state/sample-overview.ts) in Node: the
 * same import of the same files and the same catalogue queries the browser runs on a first visit.
 * vite.config.ts serves it to the app as `virtual:sample-overview`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createNodeEngine } from '../src/lib/engine/node';
import { importPaths } from '../src/lib/import/node';
import { OVERVIEW_IDS } from '../src/lib/metrics/catalogue';
import { computeForScopes, metricContext } from '../src/lib/metrics/run';
import { latestMoment } from '../src/lib/metrics/scope';
import { defaultSettings } from '../src/lib/metrics/settings';
import type { MetricResult } from '../src/lib/metrics/types';
import type { OverviewId } from '../src/lib/metrics/overview';
import { defaultFilterState, resolveScope } from '../src/lib/state/filters';
import { comparedScopes, monthlyScopes } from '../src/lib/state/periods';
import type { SampleOverview } from '../src/lib/state/sample-overview';

const SAMPLE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'sample-data');

export async function sampleOverview(): Promise<SampleOverview> {
	const engine = await createNodeEngine();
	try {
		const files = { cases: 'cases.csv', goals: 'goals.csv', events: 'events.csv', staff: 'staff.csv' };
		const { dataset } = await importPaths(engine, Object.fromEntries(Object.entries(files).map(([table, file]) => [table, path.join(SAMPLE, file)])));
		const scope = resolveScope(defaultFilterState(), await latestMoment(engine, dataset));
		const settings = defaultSettings();
		const ctx = metricContext(scope, settings, dataset);
		type Figures = Record<OverviewId, MetricResult>;
		const [now, prev, year] = (await computeForScopes(engine, ctx, comparedScopes(scope), OVERVIEW_IDS)) as Figures[];
		const months = (await computeForScopes(engine, ctx, monthlyScopes(scope), OVERVIEW_IDS)) as Figures[];
		const value = (r: MetricResult) => (r.kind === 'scalar' ? r.value : null);
		const series = Object.fromEntries(OVERVIEW_IDS.map((id) => [id, months.map((m) => value(m[id]))])) as SampleOverview['series'];
		return { scope: JSON.stringify(scope), settings: JSON.stringify(settings), now, prev, year, series };
	} finally {
		await engine.close();
	}
}
