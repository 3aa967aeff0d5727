/**
 * Prepares the bundled sample in Node, as the browser would import it: its default overview
 * (src/lib/state/sample-overview.ts), by the same catalogue queries the browser runs, and its
 * tables as Arrow streams with its import report (src/lib/import/prepared.ts). vite.config.ts
 * serves them to the app as `virtual:sample-overview` and `virtual:sample-prepared`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createNodeEngine } from '../src/lib/engine/node';
import { importBundled, planBundled } from '../src/lib/import/bundled';
import { ensureModel, type ImportReport } from '../src/lib/import/import';
import { readInputFile } from '../src/lib/import/node';
import type { TableName } from '../src/lib/model/tables';
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

export interface SampleBuild {
	overview: SampleOverview;
	report: ImportReport;
	/** Each table's rows as an Arrow IPC stream. */
	streams: Partial<Record<TableName, Uint8Array>>;
}

export async function sampleBuild(): Promise<SampleBuild> {
	const engine = await createNodeEngine();
	try {
		await ensureModel(engine);
		const files = await Promise.all(
			['cases.csv', 'goals.csv', 'events.csv', 'staff.csv'].map((file) =>
				readInputFile(path.join(SAMPLE, file))
			)
		);
		// The browser's own way with the sample (tests/unit/import/bundled.test.ts: the same as the generic import).
		const plan = await planBundled(files);
		const report = plan && (await importBundled(engine, plan));
		if (!report)
			throw new Error(
				'sample-data/ needs the generic import: the bundled sample cannot be prepared'
			);
		const { dataset } = report;
		const streams = Object.fromEntries(
			report.tables.map(({ mapping }) => [
				mapping.table,
				engine.arrowStream(`SELECT * FROM "${mapping.table}"`)
			])
		);
		const scope = resolveScope(defaultFilterState(), await latestMoment(engine, dataset));
		const settings = defaultSettings();
		const ctx = metricContext(scope, settings, dataset);
		type Figures = Record<OverviewId, MetricResult>;
		const [now, prev, year] = (await computeForScopes(
			engine,
			ctx,
			comparedScopes(scope),
			OVERVIEW_IDS
		)) as Figures[];
		const months = (await computeForScopes(
			engine,
			ctx,
			monthlyScopes(scope),
			OVERVIEW_IDS
		)) as Figures[];
		const value = (r: MetricResult) => (r.kind === 'scalar' ? r.value : null);
		const series = Object.fromEntries(
			OVERVIEW_IDS.map((id) => [id, months.map((m) => value(m[id]))])
		) as SampleOverview['series'];
		const overview = {
			scope: JSON.stringify(scope),
			settings: JSON.stringify(settings),
			now,
			prev,
			year,
			series
		};
		return { overview, report, streams };
	} finally {
		await engine.close();
	}
}
