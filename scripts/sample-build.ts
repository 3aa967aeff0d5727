/**
 * Prepares the bundled sample in Node, as the browser would import it (src/lib/import/prepared.ts):
 * its tables as Arrow streams with the report of the generic import of sample-data/, and its
 * default overview, by the same catalogue queries the browser runs. vite.config.ts serves them to
 * the app as `virtual:sample-prepared` and `virtual:sample-overview` (src/lib/state/startup.ts).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createNodeEngine } from '../src/lib/engine/node';
import { ensureModel, importAll, type ImportReport } from '../src/lib/import/import';
import { readInputFile } from '../src/lib/import/node';
import type { PreparedOverview } from '../src/lib/import/prepared';
import { EMPTY_DATASET } from '../src/lib/model/dataset';
import type { TableName } from '../src/lib/model/tables';
import { OVERVIEW_IDS } from '../src/lib/metrics/catalogue';
import type { OverviewId } from '../src/lib/metrics/overview';
import { comparedScopes, monthlyScopes } from '../src/lib/metrics/periods';
import { computeForScopes, metricContext } from '../src/lib/metrics/run';
import { latestMoment } from '../src/lib/metrics/scope';
import { defaultFilterState, resolveScope } from '../src/lib/metrics/scope-rules';
import { defaultSettings } from '../src/lib/metrics/settings';
import type { MetricResult } from '../src/lib/metrics/types';

const SAMPLE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'sample-data');

export interface SampleBuild {
	overview: PreparedOverview;
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
		// The generic import, as the browser's fallback runs it: files in, mappings proposed, no issues.
		const result = await importAll(engine, files, EMPTY_DATASET);
		if (result.issueTotal > 0)
			throw new Error(`sample-data/ has ${result.issueTotal} import problems: regenerate it`);
		const { dataset } = result;
		// What the import screen shows of it (JSON: the app embeds it).
		const report: ImportReport = {
			...result,
			tables: result.tables.map(({ mapping, info, dates }) => ({ mapping, info, dates }))
		};
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
		) as PreparedOverview['series'];
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
