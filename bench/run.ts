/**
 * npm run bench [-- options]
 *
 * One run on one machine: generates (or reuses) 100k- and 1M-case exports, measures the built app
 * in headless Chromium (import, filter recompute, cold start, memory, JavaScript before first
 * paint), runs the baselines on the same files (native DuckDB with the app's own import and metric
 * SQL, papaparse + loops, Arquero), prints a table, writes bench/results.json, the tables into
 * bench/README.md and a five-line summary into the README's Benchmark section. See bench/README.md.
 *
 * Options:
 *   --sizes 100000,1000000   case counts
 *   --runs 3                 runs per measurement (median); a group stops early after its budget
 *   --budget 300             seconds per measurement group and size before it stops adding runs
 *                            (at least one run)
 *   --recomputes 4           filter changes timed after each browser import (at most one per office:
 *                            a repeat is a cache hit)
 *   --cold 5                 cold starts
 *   --only browser|node|baseline  one half only; `baseline`: the plain-read rows alone (DuckDB's own
 *                            read_csv of the files, duckdb-wasm in Chromium and native), no app run
 *   --cold-only              the browser's cold starts only (no imports, no baselines): a quick start-up check
 *   --mapping-only           the browser imports stop at the mapping screen (file selection → mapping
 *                            screen only; no plain reads, no baselines)
 *   --no-profile             skip the wasm-in-Node import profile (100k, per statement vs native)
 *   --no-readme              leave bench/README.md and README.md alone
 *   --xlsx                   only an .xlsx of the first size through the app (bench/xlsx.ts)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
	chromiumVersion,
	entryScripts,
	gzippedSize,
	measureColdStart,
	measureImport,
	startServer,
	type ColdRun,
	type ImportRun
} from './lib/browser';
import { ensureDataset, formatDocs, ROOT, type Dataset } from './lib/data';
import { checkFigures, type Figures } from './lib/figures';
import { plainReadBrowser, plainReadNative, type PlainRead } from './lib/plain-read';

const { values: opts } = parseArgs({
	options: {
		sizes: { type: 'string', default: '100000,1000000' },
		runs: { type: 'string', default: '3' },
		budget: { type: 'string', default: '300' },
		recomputes: { type: 'string', default: '4' },
		cold: { type: 'string', default: '5' },
		only: { type: 'string' },
		'cold-only': { type: 'boolean', default: false },
		'mapping-only': { type: 'boolean', default: false },
		'no-profile': { type: 'boolean', default: false },
		'no-readme': { type: 'boolean', default: false },
		cli: { type: 'boolean', default: false },
		xlsx: { type: 'boolean', default: false },
		'cli-sizes': { type: 'string', default: '1000000' }
	}
});
const COLD_ONLY = opts['cold-only'];
const MAPPING_ONLY = opts['mapping-only'];
const SIZES = COLD_ONLY ? [] : opts.sizes.split(',').map(Number);
const RUNS = Number(opts.runs);
const BUDGET_MS = Number(opts.budget) * 1000;
const OFFICES = ['Downtown', 'Eastgate', 'Riverside', 'Northside'];

const median = (xs: number[]): number | null => {
	const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
	if (!v.length) return null;
	const m = Math.floor(v.length / 2);
	return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};
const log = (...a: unknown[]) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...a);

function machine() {
	const cpus = os.cpus();
	return {
		cpu: cpus[0]?.model ?? 'unknown',
		cores: cpus.length,
		memoryGB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
		os: `${os.type()} ${os.release()}`,
		node: process.version,
		chromium: chromiumVersion()
	};
}

const loadavg = () => os.loadavg().map((x) => Math.round(x * 100) / 100);

/** Runs `fn` up to RUNS times, stopping once the group has used its budget (always once). */
async function repeat<T>(label: string, fn: (i: number) => Promise<T>): Promise<T[]> {
	const out: T[] = [];
	const start = performance.now();
	for (let i = 0; i < RUNS; i++) {
		if (i > 0 && performance.now() - start > BUDGET_MS) {
			log(`${label}: budget used after ${i} run(s), stopping`);
			break;
		}
		out.push(await fn(i));
	}
	return out;
}

interface ChildResult {
	loadMs: number;
	overviewMs: number;
	totalMs: number;
	filteredMs: number;
	warmOverviewMs?: number;
	figures: Figures;
	filteredFigures: Figures;
	peakRss: number;
	statements?: { i: number; ms: number; sql: string }[];
	pageRefreshByQuery?: { ids: string[]; ms: number }[];
	[k: string]: unknown;
}

function child(kind: string, data: Dataset, office: string, profile = false): ChildResult {
	const args = [
		'tsx',
		'bench/lib/child.ts',
		kind,
		String(data.cases),
		office,
		...(profile ? ['--profile'] : [])
	];
	const run = spawnSync('npx', args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	const line = run.stdout.split('\n').find((l) => l.startsWith('@@RESULT '));
	if (run.status !== 0 || !line)
		throw new Error(`${kind} ${data.cases} failed:\n${run.stderr.slice(-3000)}`);
	return JSON.parse(line.slice('@@RESULT '.length));
}

function summarise(runs: ChildResult[]) {
	return {
		runs: runs.length,
		loadMs: median(runs.map((r) => r.loadMs)),
		overviewMs: median(runs.map((r) => r.overviewMs)),
		totalMs: median(runs.map((r) => r.totalMs)),
		filteredMs: median(runs.map((r) => r.filteredMs)),
		factsMs: median(runs.map((r) => (r.factsMs as number | undefined) ?? NaN)),
		pageRefreshMs: median(runs.map((r) => (r.pageRefreshMs as number | undefined) ?? NaN)),
		pageRefreshQueries: (runs[0].pageRefreshQueries as number | undefined) ?? null,
		pageRefreshPlanMs: median(runs.map((r) => (r.pageRefreshPlanMs as number | undefined) ?? NaN)),
		cubeMs: median(runs.map((r) => (r.cubeMs as number | undefined) ?? NaN)),
		cubeRefreshMs: median(runs.map((r) => (r.cubeRefreshMs as number | undefined) ?? NaN)),
		peakRss: Math.max(...runs.map((r) => r.peakRss)),
		all: runs.map((r) => ({
			loadMs: r.loadMs,
			overviewMs: r.overviewMs,
			totalMs: r.totalMs,
			filteredMs: r.filteredMs
		}))
	};
}

async function nodeHalf(data: Dataset) {
	const office = OFFICES[0];
	const out: Record<string, unknown> = {};
	let reference: { figures: Figures; filteredFigures: Figures } | null = null;
	for (const kind of ['native', 'papaparse', 'arquero'] as const) {
		log(`${kind} on ${data.cases.toLocaleString('en-US')} cases …`);
		const attempts = await repeat(`${kind} ${data.cases}`, async () => {
			try {
				return child(kind, data, office);
			} catch (e) {
				log(`${kind} failed: ${String(e).slice(0, 500)}`);
				return null;
			}
		});
		const runs = attempts.filter((r): r is ChildResult => r !== null);
		if (!runs.length) {
			out[kind] = null;
			continue;
		}
		const s = summarise(runs);
		if (kind === 'native')
			reference = { figures: runs[0].figures, filteredFigures: runs[0].filteredFigures };
		const mismatches = reference
			? [
					...checkFigures(runs[0].figures, reference.figures),
					...checkFigures(runs[0].filteredFigures, reference.filteredFigures).map(
						(m) => `filtered ${m}`
					)
				]
			: [];
		out[kind] = {
			...s,
			figures: runs[0].figures,
			figuresMatchNative: mismatches.length === 0,
			mismatches
		};
		log(
			`${kind}: total ${fmtMs(s.totalMs)} (load ${fmtMs(s.loadMs)}, overview ${fmtMs(s.overviewMs)}), ` +
				`filtered ${fmtMs(s.filteredMs)}, peak RSS ${fmtBytes(s.peakRss)}` +
				(mismatches.length ? `, MISMATCH ${mismatches.join('; ')}` : '')
		);
	}
	return out;
}

/** The import's statements timed in Node: duckdb-wasm (the browser's engine) against native, one run each. */
function profileImport(data: Dataset) {
	try {
		return profileImportOnce(data);
	} catch (e) {
		log(`profile failed: ${String(e).slice(0, 500)}`);
		return null;
	}
}

function profileImportOnce(data: Dataset) {
	log(
		`profiling the import statement by statement (wasm vs native) on ${data.cases.toLocaleString('en-US')} cases …`
	);
	const wasm = child('wasm', data, OFFICES[0], true);
	const native = child('native', data, OFFICES[0], true);
	const nativeByIndex = new Map((native.statements ?? []).map((s) => [s.i, s.ms]));
	return {
		cases: data.cases,
		wasm: {
			loadMs: wasm.loadMs,
			overviewMs: wasm.overviewMs,
			warmOverviewMs: wasm.warmOverviewMs,
			filteredMs: wasm.filteredMs,
			factsMs: wasm.factsMs,
			pageRefreshMs: wasm.pageRefreshMs,
			pageRefreshQueries: wasm.pageRefreshQueries,
			pageRefreshPlanMs: wasm.pageRefreshPlanMs,
			cubeMs: wasm.cubeMs,
			cubeRefreshMs: wasm.cubeRefreshMs,
			peakRss: wasm.peakRss,
			engineStartMs: wasm.engineStartMs
		},
		native: {
			loadMs: native.loadMs,
			overviewMs: native.overviewMs,
			warmOverviewMs: native.warmOverviewMs,
			filteredMs: native.filteredMs,
			factsMs: native.factsMs,
			pageRefreshMs: native.pageRefreshMs,
			pageRefreshPlanMs: native.pageRefreshPlanMs,
			cubeMs: native.cubeMs,
			cubeRefreshMs: native.cubeRefreshMs,
			peakRss: native.peakRss
		},
		figuresMatch: checkFigures(wasm.figures, native.figures).length === 0,
		refreshByQuery: (wasm.pageRefreshByQuery ?? []).map((q) => ({
			...q,
			nativeMs: native.pageRefreshByQuery?.find((n) => n.ids[0] === q.ids[0])?.ms ?? null
		})),
		slowestWasmStatements: (wasm.statements ?? [])
			.slice(0, 15)
			.map((s) => ({ ...s, nativeMs: nativeByIndex.get(s.i) ?? null }))
	};
}

/** The plain-read baselines of one size: duckdb-wasm in Chromium and native DuckDB, RUNS each (median). */
async function plainReads(data: Dataset) {
	const out: Record<'wasm' | 'native', ReturnType<typeof summarisePlain> | null> = {
		wasm: null,
		native: null
	};
	for (const [kind, read] of [
		['wasm', plainReadBrowser],
		['native', plainReadNative]
	] as const) {
		log(`plain read_csv (${kind}) of ${data.cases.toLocaleString('en-US')} cases …`);
		const attempts = await repeat(`plain read ${kind} ${data.cases}`, async () => {
			try {
				return await read(data);
			} catch (e) {
				log(`plain read ${kind} failed: ${String(e).slice(0, 500)}`);
				return null;
			}
		});
		const runs = attempts.filter((r): r is PlainRead => r !== null);
		if (!runs.length) continue;
		out[kind] = summarisePlain(runs);
		log(
			`plain read ${kind}: ${fmtMs(out[kind].totalMs)} (files into memory ${fmtMs(out[kind].readMs)}, ` +
				`read_csv ${fmtMs(out[kind].parseMs)}); rows ${runs[0].rows.join(', ')}`
		);
	}
	return out;
}

function summarisePlain(runs: PlainRead[]) {
	return {
		runs: runs.length,
		totalMs: median(runs.map((r) => r.totalMs)),
		readMs: median(runs.map((r) => r.readMs)),
		parseMs: median(runs.map((r) => r.parseMs)),
		rows: runs[0].rows,
		all: runs.map(({ rows: _, ...r }) => r)
	};
}

async function browserHalf(datasets: Dataset[]) {
	const app = await startServer();
	try {
		const jsEntry = gzippedSize(entryScripts());
		log(`cold starts (sample data, empty profile) …`);
		const cold: ColdRun[] = [];
		const errors: string[] = [];
		for (let i = 0; i < Number(opts.cold); i++) {
			try {
				const run = await measureColdStart(app);
				cold.push(run);
				const marks = Object.entries(run.appMarks).map(([k, v]) => `${k} ${Math.round(v)}`);
				log(
					`  cold ${i + 1}: ready ${fmtMs(run.readyMs)} (engine ${fmtMs(run.engineReadyMs)}, ` +
						`sample ${fmtMs(run.sampleLoadedMs)}, warm ${fmtMs(run.warmReadyMs)}); ` +
						`app marks ${marks.join(', ')}`
				);
			} catch (e) {
				errors.push(`cold start ${i + 1}: ${String(e).split('\n')[0]}`);
				log(errors.at(-1));
			}
		}
		if (!cold.length) throw new Error(`every cold start failed: ${errors.join('; ')}`);
		const jsBeforePaint = gzippedSize(cold[0].jsBeforePaint);
		const coldOut = {
			runs: cold.length,
			readyMs: median(cold.map((c) => c.readyMs)),
			sparksMs: median(cold.map((c) => c.sparksMs ?? NaN)),
			warmReadyMs: median(cold.map((c) => c.warmReadyMs)),
			engineReadyMs: median(cold.map((c) => c.engineReadyMs ?? NaN)),
			sampleLoadedMs: median(cold.map((c) => c.sampleLoadedMs ?? NaN)),
			firstContentfulPaintMs: median(cold.map((c) => c.firstContentfulPaintMs ?? NaN)),
			// The sample's figures computed at build time, shown until the engine's arrive
			// (src/lib/state/startup.ts, builtOverview).
			earlyMs: median(cold.map((c) => c.appMarks['overview:early'] ?? NaN)),
			marker: cold[0].marker,
			all: cold.map(({ jsBeforePaint: _, ...c }) => c)
		};
		log(
			`cold start: overview ready ${fmtMs(coldOut.readyMs)} after navigation ` +
				`(FCP ${fmtMs(coldOut.firstContentfulPaintMs)}, build-time figures ${fmtMs(coldOut.earlyMs)}, ` +
				`warm reload ${fmtMs(coldOut.warmReadyMs)})`
		);
		const imports: Record<string, unknown> = {};
		for (const data of datasets) {
			// A repeated filter is answered from the app's result cache: at most one change per office.
			const recomputes = Math.min(Number(opts.recomputes), OFFICES.length);
			const attempts = await repeat(`browser import ${data.cases}`, async (i) => {
				log(`browser import of ${data.cases.toLocaleString('en-US')} cases, run ${i + 1} …`);
				let r: ImportRun;
				try {
					r = await measureImport(app, data, OFFICES, recomputes, undefined, MAPPING_ONLY);
				} catch (e) {
					errors.push(`import ${data.cases} run ${i + 1}: ${String(e).split('\n')[0]}`);
					log(errors.at(-1));
					return null;
				}
				const recompute = r.recompute.map(
					(x) => `${fmtMs(x.ms)}${x.source ? ` (${x.source}, app ${fmtMs(x.appMs ?? NaN)})` : ''}`
				);
				log(
					`  ${fmtMs(r.totalMs)} (to mapping ${fmtMs(r.toMappingMs)}, ` +
						`after confirm ${fmtMs(r.afterConfirmMs)}, ` +
						`overview ${fmtMs(r.overviewMs)}); recompute ${recompute.join(', ')}; ` +
						`heap peak ${fmtBytes(r.pageHeapPeak)}, renderer RSS peak ${fmtBytes(r.rendererRssPeak)}`
				);
				return r;
			});
			const runs = attempts.filter((r): r is ImportRun => r !== null);
			if (!runs.length) {
				imports[data.cases] = null;
				continue;
			}
			// Timed changes: offices added to an unfiltered overview (the clears between are kept in `all`).
			const recompute = runs.flatMap((r) => r.recompute.filter((x) => x.change !== 'clear'));
			imports[data.cases] = {
				runs: runs.length,
				totalMs: median(runs.map((r) => r.totalMs)),
				toMappingMs: median(runs.map((r) => r.toMappingMs)),
				afterConfirmMs: median(runs.map((r) => r.afterConfirmMs)),
				overviewMs: median(runs.map((r) => r.overviewMs)),
				sparksMs: median(runs.map((r) => r.sparksMs ?? NaN)),
				marker: runs[0].marker,
				pageHeapPeak: Math.max(...runs.map((r) => r.pageHeapPeak)),
				rendererRssPeak: Math.max(...runs.map((r) => r.rendererRssPeak)),
				recompute: {
					changes: recompute.length,
					ms: median(recompute.map((r) => r.ms)),
					sparksMs: median(recompute.map((r) => r.sparksMs ?? NaN)),
					appMs: median(recompute.map((r) => r.appMs ?? NaN)),
					marker: recompute[0]?.marker ?? null,
					all: runs.flatMap((r) => r.recompute)
				},
				all: runs.map(({ recompute: _, ...r }) => r)
			};
		}
		return {
			jsEntry,
			jsBeforePaint,
			jsBeforePaintFiles: cold[0].jsBeforePaint,
			cold: coldOut,
			imports,
			errors
		};
	} finally {
		await app.close();
	}
}

function fmtMs(ms: number | null | undefined): string {
	if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
	return ms >= 10_000
		? `${(ms / 1000).toFixed(1)} s`
		: ms >= 1000
			? `${(ms / 1000).toFixed(2)} s`
			: `${Math.round(ms)} ms`;
}
function fmtBytes(b: number | null | undefined): string {
	if (!b) return '–';
	return b >= 1024 ** 3
		? `${(b / 1024 ** 3).toFixed(2)} GB`
		: b >= 1024 ** 2
			? `${Math.round(b / 1024 ** 2)} MB`
			: `${Math.round(b / 1024)} KB`;
}
const ratio = (a: number | null | undefined, b: number | null | undefined) =>
	a && b ? Math.round((a / b) * 100) / 100 : null;
const fmtRatio = (r: number | null) => (r === null ? '–' : `${r.toFixed(2)}×`);

type Results = ReturnType<typeof assemble> & Record<string, unknown>;

function assemble(
	meta: Record<string, unknown>,
	node: Record<number, Record<string, ReturnType<typeof summarise> & Record<string, unknown>>>,
	browser: Awaited<ReturnType<typeof browserHalf>> | null,
	profile: unknown,
	plain: Record<number, Awaited<ReturnType<typeof plainReads>>>
) {
	const sizes: Record<string, unknown> = {};
	for (const n of SIZES) {
		const b = (browser?.imports[n] ?? null) as
			(Record<string, number | null> & { recompute: Record<string, number | null> }) | null;
		const native = node[n]?.native;
		const papa = node[n]?.papaparse;
		const arq = node[n]?.arquero;
		const read = plain[n] ?? { wasm: null, native: null };
		sizes[n] = {
			ours: b,
			native: native ?? null,
			papaparse: papa ?? null,
			arquero: arq ?? null,
			plainRead: read,
			ratios: {
				oursOverPlainReadWasm: ratio(b?.totalMs, read.wasm?.totalMs),
				oursOverPlainReadNative: ratio(b?.totalMs, read.native?.totalMs),
				oursOverNative: ratio(b?.totalMs, native?.totalMs),
				papaparseOverOurs: ratio(papa?.totalMs, b?.totalMs),
				arqueroOverOurs: ratio(arq?.totalMs, b?.totalMs),
				recomputeOursOverNative: ratio(b?.recompute.ms, native?.filteredMs),
				recomputePapaparseOverOurs: ratio(papa?.filteredMs, b?.recompute.ms),
				recomputeArqueroOverOurs: ratio(arq?.filteredMs, b?.recompute.ms)
			}
		};
	}
	return {
		...meta,
		sizes,
		browser: browser
			? {
					jsEntry: browser.jsEntry,
					jsBeforePaint: browser.jsBeforePaint,
					jsBeforePaintFiles: browser.jsBeforePaintFiles,
					cold: browser.cold,
					errors: browser.errors
				}
			: null,
		importProfile: profile
	};
}

function table(r: Results): string {
	const lines: string[] = [];
	const m = r.machine as ReturnType<typeof machine>;
	lines.push(
		`Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, ${m.os}; Node ${m.node}; ${m.chromium}.`
	);
	lines.push('');
	lines.push(
		`Load average (1/5/15 min) at start ${(r.loadStart as number[]).join(' / ')}, ` +
			`at end ${(r.loadEnd as number[]).join(' / ')}. ` +
			`Run ${r.startedAt} (${Math.round((r.durationS as number) / 60)} min). Commit ${r.commit}.`
	);
	lines.push('');
	// One column per size measured, labelled by its size (a run of 1M alone is not "100k").
	const label = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n));
	lines.push(`| figure | ${SIZES.map((n) => `${label(n)} cases`).join(' | ')} | target |`);
	lines.push(`|---|${SIZES.map(() => '---|').join('')}---|`);
	// The results as read back from JSON: loose records, each figure checked where it is printed.
	type Figures = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
	const S = r.sizes as Record<
		string,
		{
			ours: Figures | null;
			native: Figures | null;
			papaparse: Figures | null;
			arquero: Figures | null;
			plainRead?: { wasm: Figures | null; native: Figures | null };
			ratios: Record<string, number | null>;
		}
	>;
	const row = (name: string, f: (s: (typeof S)[string]) => string, target = '') =>
		lines.push(`| ${name} | ${SIZES.map((n) => (S[n] ? f(S[n]) : '–')).join(' | ')} | ${target} |`);
	const runs = (x: { runs?: number } | null) => (x?.runs ? ` (n=${x.runs})` : '');
	row(
		'**ours: import → overview** (browser, median)',
		(s) => fmtMs(s.ours?.totalMs) + runs(s.ours)
	);
	row('&nbsp;&nbsp;selection → mapping screen', (s) => fmtMs(s.ours?.toMappingMs), '1M: ≤ 1 s');
	row('&nbsp;&nbsp;confirm → import report', (s) => fmtMs(s.ours?.afterConfirmMs));
	row('&nbsp;&nbsp;`#/` → overview figures ready', (s) => fmtMs(s.ours?.overviewMs));
	row('&nbsp;&nbsp;`#/` → sparklines drawn', (s) => fmtMs(s.ours?.sparksMs));
	row(
		'native DuckDB (Node): same import SQL + overview queries',
		(s) => fmtMs(s.native?.totalMs) + runs(s.native)
	);
	row(
		'papaparse + JS loops: parse + same figures',
		(s) =>
			fmtMs(s.papaparse?.totalMs) +
			runs(s.papaparse) +
			(s.papaparse && !s.papaparse.figuresMatchNative ? ' ⚠ figures differ' : '')
	);
	row(
		'Arquero 8: parse + same figures',
		(s) =>
			fmtMs(s.arquero?.totalMs) +
			runs(s.arquero) +
			(s.arquero && !s.arquero.figuresMatchNative ? ' ⚠ figures differ' : '')
	);
	const plainRow = (x: Figures | null | undefined, inMemory: boolean) =>
		fmtMs(x?.totalMs) +
		runs(x ?? null) +
		(x && inMemory ? ` (files into memory ${fmtMs(x.readMs)}, read_csv ${fmtMs(x.parseMs)})` : '');
	row("plain read: DuckDB's own `read_csv` of the files, duckdb-wasm in Chromium", (s) =>
		plainRow(s.plainRead?.wasm, true)
	);
	row("plain read: DuckDB's own `read_csv` of the files, native DuckDB (every core)", (s) =>
		plainRow(s.plainRead?.native, false)
	);
	row(
		'ratio ours (import → overview) / plain read in Chromium',
		(s) => fmtRatio(s.ratios.oursOverPlainReadWasm ?? null),
		'100k: ≤ 3×, 1M: ≤ 2×'
	);
	row('ratio ours / plain read in native DuckDB', (s) =>
		fmtRatio(s.ratios.oursOverPlainReadNative ?? null)
	);
	row('ratio ours / native DuckDB', (s) => fmtRatio(s.ratios.oursOverNative));
	row('ratio papaparse / ours', (s) => fmtRatio(s.ratios.papaparseOverOurs), '> 1× (beat it)');
	row('ratio Arquero / ours', (s) => fmtRatio(s.ratios.arqueroOverOurs), '> 1× (beat it)');
	row(
		'**ours: recompute after a filter change** (figures ready, median)',
		(s) => fmtMs(s.ours?.recompute?.ms) + (s.ours ? ` (n=${s.ours.recompute.changes})` : ''),
		'1M < 150 ms'
	);
	row('&nbsp;&nbsp;until sparklines redrawn', (s) => fmtMs(s.ours?.recompute?.sparksMs));
	row('native DuckDB: the 11 figures with the filter (1 statement)', (s) =>
		fmtMs(s.native?.filteredMs)
	);
	row(
		"native DuckDB: the page's whole refresh (15 scopes: now, previous, year ago, 12 months)",
		(s) =>
			fmtMs(s.native?.pageRefreshMs) +
			(s.native?.pageRefreshQueries
				? `, ${s.native.pageRefreshQueries} queries, planning ${fmtMs(s.native.pageRefreshPlanMs)}`
				: '')
	);
	row('papaparse + JS: figures with the filter', (s) => fmtMs(s.papaparse?.filteredMs));
	row('Arquero: figures with the filter', (s) => fmtMs(s.arquero?.filteredMs));
	row('ours: page JS heap peak (import + overview)', (s) => fmtBytes(s.ours?.pageHeapPeak));
	row(
		'ours: renderer process RSS peak (page + DuckDB worker + wasm)',
		(s) => fmtBytes(s.ours?.rendererRssPeak),
		'1M: < 1.5 GB'
	);
	row(
		'peak RSS native / papaparse / Arquero (Node)',
		(s) =>
			`${fmtBytes(s.native?.peakRss)} / ${fmtBytes(s.papaparse?.peakRss)} / ${fmtBytes(s.arquero?.peakRss)}`
	);
	const b = r.browser as {
		jsEntry: { gzip: number; files: number };
		jsBeforePaint: { gzip: number; files: number };
		cold: Record<string, number | null> & { runs: number };
	} | null;
	if (b) {
		lines.push('');
		lines.push('| app-wide figure | value | target |');
		lines.push('|---|---|---|');
		lines.push(
			'| cold start to interactive: the sample in the database, its overview ready ' +
				`(empty profile, median n=${b.cold.runs}) | ${fmtMs(b.cold.readyMs)} ` +
				`(first contentful paint ${fmtMs(b.cold.firstContentfulPaintMs)}; ` +
				`sparklines ${fmtMs(b.cold.sparksMs)}) | < 2 s |`
		);
		lines.push(
			"| &nbsp;&nbsp;the sample's figures computed at build time on screen, before that | " +
				`${fmtMs(b.cold.earlyMs)} | |`
		);
		lines.push(
			'| &nbsp;&nbsp;of which: database started / sample imported (from navigation) | ' +
				`${fmtMs(b.cold.engineReadyMs)} / ${fmtMs(b.cold.sampleLoadedMs)} | |`
		);
		lines.push(
			`| reload (HTTP cache warm) to the overview figures | ${fmtMs(b.cold.warmReadyMs)} | |`
		);
		lines.push(
			'| JavaScript before first paint, gzip -9, wasm excluded | ' +
				`${fmtBytes(b.jsBeforePaint.gzip)} in ${b.jsBeforePaint.files} files ` +
				`(index.html's own preloads and imports: ${fmtBytes(b.jsEntry.gzip)} in ${b.jsEntry.files}) ` +
				'| < 400 KB |'
		);
	}
	const p = r.importProfile as {
		cases: number;
		wasm: { loadMs: number };
		native: { loadMs: number };
		slowestWasmStatements: { ms: number; nativeMs: number | null; sql: string }[];
		refreshByQuery?: { ids: string[]; ms: number; nativeMs: number | null }[];
	} | null;
	if (p) {
		lines.push('');
		const pw = p.wasm as unknown as Record<string, number>;
		const pn = p.native as unknown as Record<string, number>;
		lines.push(
			`Profile in Node, ${p.cases.toLocaleString('en-US')} cases, ` +
				"duckdb-wasm (the browser's engine) vs native: " +
				`import ${fmtMs(pw.loadMs)} vs ${fmtMs(pn.loadMs)}; ` +
				`the 11 figures ${fmtMs(pw.warmOverviewMs)} vs ${fmtMs(pn.warmOverviewMs)}; ` +
				`building the overview's facts ${fmtMs(pw.factsMs)} vs ${fmtMs(pn.factsMs)}; ` +
				`the overview page's whole refresh with them (${pw.pageRefreshQueries} statements) ` +
				`${fmtMs(pw.pageRefreshMs)} vs ${fmtMs(pn.pageRefreshMs)}, of which parsing and planning the queries ` +
				`${fmtMs(pw.pageRefreshPlanMs)} vs ${fmtMs(pn.pageRefreshPlanMs)}; ` +
				`building the cube of the scope's dates ${fmtMs(pw.cubeMs)} vs ${fmtMs(pn.cubeMs)}, ` +
				'and the same refresh from it (2 statements, as every later filter change) ' +
				`${fmtMs(pw.cubeRefreshMs)} vs ${fmtMs(pn.cubeRefreshMs)}. Slowest import statements (wasm / native):`
		);
		lines.push('');
		for (const s of p.slowestWasmStatements.slice(0, 6))
			lines.push(
				`- ${fmtMs(s.ms)} / ${fmtMs(s.nativeMs)}: \`${s.sql.slice(0, 110).replace(/`/g, "'")}…\``
			);
		if (p.refreshByQuery?.length) {
			lines.push('');
			lines.push(
				"The page's refresh (one office, 15 scopes) by part of the overview's statement, " +
					'each part alone for the 15 scopes (wasm / native): ' +
					p.refreshByQuery
						.map((q) => `${q.ids.join(' + ')} ${fmtMs(q.ms)} / ${fmtMs(q.nativeMs)}`)
						.join('; ') +
					'.'
			);
		}
	}
	return lines.join('\n');
}

/** Five lines for the top-level README: the figures a reader of the user's manual asks about. */
function summary(r: Record<string, unknown>): string {
	type Ours = { totalMs?: number; rendererRssPeak?: number; recompute?: { ms?: number } };
	const sizes = r.sizes as Record<string, { ours?: Ours | null } | undefined>;
	const browser = r.browser as {
		cold?: { readyMs?: number };
		jsBeforePaint?: { gzip: number };
	} | null;
	const perSize = (value: (ours: Ours) => number | undefined, format: (v?: number) => string) =>
		SIZES.map((n) => {
			const ours = sizes[n]?.ours;
			return `${format(ours ? value(ours) : undefined)} at ${n.toLocaleString('en-US')} cases`;
		}).join(', ');
	return [
		`- Import to overview in the browser: ${perSize((o) => o.totalMs, fmtMs)}.`,
		`- Recompute after a filter change (figures ready): ${perSize((o) => o.recompute?.ms, fmtMs)}.`,
		`- Cold start to the sample's overview: ${fmtMs(browser?.cold?.readyMs)}.`,
		`- Browser memory (renderer RSS peak): ${perSize((o) => o.rendererRssPeak, fmtBytes)}.`,
		`- JavaScript before first paint (gzip): ${fmtBytes(browser?.jsBeforePaint?.gzip)}.`
	].join('\n');
}

/** Replaces everything from `heading` to the end of `file` (or appends it) with `section`. */
/** Replaces the section under `heading` up to the next `## ` heading; the sections after it stay. */
function replaceSection(file: string, heading: string, section: string) {
	const text = readFileSync(file, 'utf8');
	const at = text.indexOf(`\n${heading}\n`);
	const head = at >= 0 ? text.slice(0, at) : text.replace(/\s*$/, '');
	const next = at >= 0 ? text.indexOf('\n## ', at + heading.length + 1) : -1;
	const tail = next >= 0 ? `\n${text.slice(next).trim()}\n` : '';
	writeFileSync(file, `${head}\n\n${heading}\n\n${section.trim()}\n${tail}`);
}

/** The full tables go to bench/README.md; the top-level README keeps a five-line summary. */
function writeReadmes(text: string, results: Record<string, unknown>) {
	replaceSection(path.join(ROOT, 'bench', 'README.md'), '## Latest run', text);
	replaceSection(
		path.join(ROOT, 'README.md'),
		'## Benchmark',
		'`npm run bench` measures the built app against native DuckDB, papaparse and Arquero on generated ' +
			'exports of 100,000 and 1,000,000 cases. Latest run (medians; the tables, the machine and the method ' +
			`are in [bench/README.md](bench/README.md)):\n\n${summary(results)}`
	);
	formatDocs(path.join(ROOT, 'README.md'), path.join(ROOT, 'bench', 'README.md'));
}

async function main() {
	const started = new Date();
	const t0 = performance.now();
	const loadStart = loadavg();
	log(`load average ${loadStart.join(' / ')}`);
	const datasets = SIZES.map((n) => ensureDataset(n));
	for (const d of datasets)
		log(
			`${d.cases.toLocaleString('en-US')} cases: ${Object.entries(d.rows)
				.map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`)
				.join(
					', '
				)}; ${fmtBytes(Object.values(d.bytes).reduce((a, b) => a + b, 0))}${d.reused ? ' (reused)' : ''}`
		);

	const node: Record<
		number,
		Record<string, ReturnType<typeof summarise> & Record<string, unknown>>
	> = {};
	let profile: unknown = null;
	let browser: Awaited<ReturnType<typeof browserHalf>> | null = null;
	const plain: Record<number, Awaited<ReturnType<typeof plainReads>>> = {};
	const only = opts.only;
	if (only !== 'node' && only !== 'baseline') browser = await browserHalf(datasets);
	// The plain reads run with the browser half: the same browser, in the same run.
	const appOnly = COLD_ONLY || MAPPING_ONLY;
	if (only !== 'node' && !appOnly) for (const d of datasets) plain[d.cases] = await plainReads(d);
	if (only !== 'browser' && only !== 'baseline' && !appOnly) {
		for (const d of datasets) node[d.cases] = (await nodeHalf(d)) as (typeof node)[number];
		if (!opts['no-profile']) profile = profileImport(datasets[0]);
	}
	const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], {
		cwd: ROOT,
		encoding: 'utf8'
	}).stdout.trim();
	const dirty = spawnSync('git', ['status', '--porcelain', 'src'], {
		cwd: ROOT,
		encoding: 'utf8'
	}).stdout.trim()
		? ' + uncommitted src/ changes'
		: '';
	const results = assemble(
		{
			startedAt: started.toISOString(),
			durationS: Math.round((performance.now() - t0) / 1000),
			commit: commit + dirty,
			machine: machine(),
			loadStart,
			loadEnd: loadavg(),
			options: {
				sizes: SIZES,
				runs: RUNS,
				budgetS: BUDGET_MS / 1000,
				recomputes: Number(opts.recomputes),
				cold: Number(opts.cold)
			},
			data: datasets.map((d) => ({ cases: d.cases, rows: d.rows, bytes: d.bytes }))
		},
		node,
		browser,
		profile,
		plain
	);
	const text = table(results);
	// A quick check (cold starts, or imports up to the mapping screen) leaves the full run's results alone.
	const resultsFile = COLD_ONLY || MAPPING_ONLY ? 'results-cold.json' : 'results.json';
	const resultsPath = path.join(ROOT, 'bench', resultsFile);
	// The command line's and the workbook's rows (`cli`, `xlsx`) come from runs of their own: kept.
	const earlier = existsSync(resultsPath) ? JSON.parse(readFileSync(resultsPath, 'utf8')) : {};
	const kept = { cli: earlier.cli, xlsx: earlier.xlsx };
	writeFileSync(resultsPath, JSON.stringify({ ...kept, ...results, table: text }, null, 2) + '\n');
	console.log(`\n${text}\n`);
	const partial = opts.only !== undefined || COLD_ONLY || MAPPING_ONLY;
	const readmes = !opts['no-readme'] && !partial;
	if (readmes) writeReadmes(text, results);
	log(
		`done in ${Math.round((performance.now() - t0) / 1000)} s; bench/${resultsFile} written` +
			(readmes ? ', bench/README.md and the README summary updated' : '')
	);
}

// --cli measures the command line alone (bench/cli.ts): the browser and baseline rows are left as they are.
(opts.cli
	? import('./cli').then((m) => m.runCliBench(opts['cli-sizes'].split(',').map(Number)))
	: opts.xlsx // --xlsx: an .xlsx of the first size through the app (bench/xlsx.ts)
		? import('./xlsx').then((m) => m.runXlsxBench(SIZES[0]))
		: main()
).catch((e) => {
	console.error(e);
	process.exit(1);
});
