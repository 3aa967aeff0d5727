/**
 * The app's own pipeline on an engine: import the four files (src/lib/import, the same SQL as the
 * browser), then the overview's metrics (src/lib/metrics OVERVIEW_IDS) for the default scope, and
 * again with one filter (an office), as a filter change would.
 */
import { importPaths } from '../../src/lib/import/node';
import { OVERVIEW_IDS } from '../../src/lib/metrics/catalogue';
import {
	computeMeasures,
	computeOverview,
	prepareCube,
	prepareOverview,
	type OverviewCube
} from '../../src/lib/metrics/overview';
import { HEADLINE_MEASURES } from '../../src/lib/metrics/headline/measures';
import { metricContext } from '../../src/lib/metrics/run';
import { defaultScope, type Scope } from '../../src/lib/metrics/scope';
import { comparedScopes, cubeSteps, monthlyScopes } from '../../src/lib/metrics/periods';
import { defaultSettings } from '../../src/lib/metrics/settings';
import type { DatasetInfo } from '../../src/lib/model/dataset';
import type { Engine } from '../../src/lib/engine/types';
import type { Dataset } from './data';

/** Today for the import's "date in the future" check: the day after the generated data ends. */
export const TODAY = '2026-10-01';

export type Figures = Record<string, number | null>;

export interface PipelineRun {
	/** The import alone (files to canonical tables). */
	importMs: number;
	/** Import, default scope and the overview's figures: what "file selected to overview shown" costs. */
	importOverviewMs: number;
	overviewMs: number;
	filteredMs: number;
	figures: Figures;
	filteredFigures: Figures;
	filterOffice: string;
	/** Building the overview's facts (metrics/overview.ts), which the page does once after its first figures. */
	factsMs: number;
	/**
	 * The overview page's whole refresh as src/routes/+page.svelte runs it once its facts are built:
	 * the eleven figures for the scope, the previous period and a year earlier, and for each of the
	 * 12 months (sparklines), with the office filter.
	 */
	pageRefreshMs: number;
	pageRefreshQueries: number;
	/** Of the refresh, the time DuckDB spends parsing, binding and planning its queries (PREPARE of each, summed). */
	pageRefreshPlanMs: number;
	/** Building the overview's cube of the scope's dates (its four steps), which the page does after the sparklines. */
	cubeMs: number;
	/**
	 * The same refresh answered from the cube, as every later filter change is: figures, then
	 * sparklines (2 statements).
	 */
	cubeRefreshMs: number;
	/** With `profile`: the refresh's time per query (metrics sharing SQL share a query), slowest first. */
	pageRefreshByQuery?: { ids: string[]; ms: number }[];
}

/** The overview page's refresh as src/routes/+page.svelte runs it: figures with their comparisons, then sparklines. */
async function pageRefresh(
	engine: Engine,
	dataset: DatasetInfo,
	scope: Scope,
	cube: OverviewCube | null = null
): Promise<void> {
	const ctx = metricContext(scope, defaultSettings(), dataset);
	await computeOverview(engine, ctx, comparedScopes(scope), cube);
	await computeOverview(engine, ctx, monthlyScopes(scope), cube);
}

/** The cube the page builds after the sparklines, in its steps: the figures' dates, then the months four at a time. */
async function buildCube(
	engine: Engine,
	dataset: DatasetInfo,
	scope: Scope
): Promise<OverviewCube> {
	const ctx = metricContext(scope, defaultSettings(), dataset);
	let cube: OverviewCube | null = null;
	for (const step of cubeSteps(scope)) cube = await prepareCube(engine, ctx, step, cube);
	return cube as OverviewCube;
}

/**
 * The page refresh's 15 scopes one headline measure at a time (three scopes per statement, as the
 * page runs them): where the time goes.
 */
async function refreshByQuery(
	engine: Engine,
	dataset: DatasetInfo,
	scope: Scope
): Promise<{ ids: string[]; ms: number }[]> {
	const ctx = metricContext(scope, defaultSettings(), dataset);
	const scopes = [...comparedScopes(scope), ...monthlyScopes(scope)];
	const out: { ids: string[]; ms: number }[] = [];
	for (const measure of HEADLINE_MEASURES) {
		const t = performance.now();
		for (let from = 0; from < scopes.length; from += 3)
			await computeMeasures(engine, ctx, scopes.slice(from, from + 3), [measure]);
		out.push({ ids: [measure.id], ms: performance.now() - t });
	}
	return out.sort((a, b) => b.ms - a.ms);
}

/**
 * The overview's figures for one scope, as the page first computes them after an import: one
 * statement with the facts inlined (a failure that the catalogue's queries covered is an error here).
 */
export async function overview(
	engine: Engine,
	dataset: DatasetInfo,
	scope: Scope
): Promise<Figures> {
	const ctx = metricContext(scope, defaultSettings(), dataset);
	const [results] = await computeOverview(engine, ctx, [scope], null, 'inline');
	const out: Figures = {};
	for (const id of OVERVIEW_IDS) {
		const r = results[id];
		if (r.kind !== 'scalar') throw new Error(`${id} is not a scalar`);
		const failed = r.error ?? r.detail?.fallback;
		if (failed) throw new Error(`${id}: ${String(failed)}`);
		out[id] = r.value;
	}
	return out;
}

export async function runPipeline(
	engine: Engine,
	data: Dataset,
	office: string,
	profile = false
): Promise<PipelineRun> {
	let t = performance.now();
	const result = await importPaths(engine, data.paths, { today: TODAY });
	const importMs = performance.now() - t;
	const scope = await defaultScope(engine, result.dataset);
	const figures = await overview(engine, result.dataset, scope);
	const importOverviewMs = performance.now() - t;
	// The overview alone, on the loaded tables (a second run: caches warm, as on a refresh).
	t = performance.now();
	await overview(engine, result.dataset, scope);
	const overviewMs = performance.now() - t;
	t = performance.now();
	const filteredFigures = await overview(engine, result.dataset, {
		...scope,
		filters: { ...scope.filters, office: [office] }
	});
	const filteredMs = performance.now() - t;
	const filtered = { ...scope, filters: { ...scope.filters, office: [office] } };
	// The page builds the overview's facts after its first figures; every refresh after that uses them.
	t = performance.now();
	await prepareOverview(engine, result.dataset);
	const factsMs = performance.now() - t;
	const texts: string[] = [];
	const recording: Engine = {
		...engine,
		runtime: engine.runtime,
		query: (sql) => (texts.push(sql), engine.query(sql))
	};
	t = performance.now();
	await pageRefresh(recording, result.dataset, filtered);
	const pageRefreshMs = performance.now() - t;
	t = performance.now();
	for (const sql of texts) await engine.exec(`PREPARE _cm_plan AS ${sql}; DEALLOCATE _cm_plan`);
	const pageRefreshPlanMs = performance.now() - t;
	const pageRefreshByQuery = profile
		? await refreshByQuery(engine, result.dataset, filtered)
		: undefined;
	t = performance.now();
	const cube = await buildCube(engine, result.dataset, scope);
	const cubeMs = performance.now() - t;
	t = performance.now();
	await pageRefresh(engine, result.dataset, filtered, cube);
	const cubeRefreshMs = performance.now() - t;
	return {
		importMs,
		importOverviewMs,
		overviewMs,
		filteredMs,
		figures,
		filteredFigures,
		filterOffice: office,
		factsMs,
		pageRefreshMs,
		pageRefreshQueries: texts.length,
		pageRefreshPlanMs,
		pageRefreshByQuery,
		cubeMs,
		cubeRefreshMs
	};
}
