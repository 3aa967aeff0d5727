/**
 * One baseline run in a fresh process (clean heap, cold caches, its own peak RSS):
 *   npx tsx bench/lib/child.ts <native|wasm|papaparse|arquero> <cases> <office> [--profile]
 * Prints one JSON line: the run's figures and timings, peak RSS, and with --profile the
 * slowest statements.
 */
import { runArquero, runPapaparse } from './baselines';
import { ensureDataset } from './data';
import { createNativeEngine, createWasmEngine, timed } from './engines';
import type { Engine } from '../../src/lib/engine/types';
import { runPipeline } from './pipeline';

async function main() {
	const [kind, casesText, office] = process.argv.slice(2);
	const profile = process.argv.includes('--profile');
	const data = ensureDataset(Number(casesText));
	let out: Record<string, unknown>;
	if (kind === 'papaparse') out = { ...runPapaparse(data, office) };
	else if (kind === 'arquero') out = { ...runArquero(data, office) };
	else if (kind === 'native' || kind === 'wasm') {
		const t = performance.now();
		const inner: Engine & { registerMs?: number } =
			kind === 'native' ? await createNativeEngine() : await createWasmEngine();
		const engine = timed(inner);
		const startMs = performance.now() - t;
		const run = await runPipeline(engine, data, office, profile);
		const statements = profile
			? [...engine.log]
					.map((s, i) => ({
						i,
						ms: Math.round(s.ms),
						sql: s.sql.replace(/\s+/g, ' ').trim().slice(0, 160)
					}))
					.sort((a, b) => b.ms - a.ms)
					.slice(0, 25)
			: undefined;
		const importStatements = engine.log.length;
		out = {
			engineStartMs: startMs,
			loadMs: run.importMs,
			overviewMs: run.importOverviewMs - run.importMs,
			totalMs: run.importOverviewMs,
			warmOverviewMs: run.overviewMs,
			filteredMs: run.filteredMs,
			factsMs: run.factsMs,
			pageRefreshMs: run.pageRefreshMs,
			pageRefreshQueries: run.pageRefreshQueries,
			pageRefreshPlanMs: run.pageRefreshPlanMs,
			pageRefreshByQuery: run.pageRefreshByQuery,
			cubeMs: run.cubeMs,
			cubeRefreshMs: run.cubeRefreshMs,
			figures: run.figures,
			filteredFigures: run.filteredFigures,
			statementCount: importStatements,
			statements,
			registerMs: inner.registerMs
		};
		await engine.close();
	} else throw new Error(`unknown baseline ${kind}`);
	out.peakRss = process.resourceUsage().maxRSS * 1024;
	process.stdout.write(`\n@@RESULT ${JSON.stringify(out)}\n`);
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
