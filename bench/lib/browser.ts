/**
 * The browser half of the benchmark: the built app served from build/ (scripts/serve.mjs) in
 * headless Chromium (playwright-core), timed from inside the page with performance.now() so that
 * Playwright's own round trips do not count.
 *
 * Readiness of the overview (`#/`) is read from the page, in this order of preference:
 *   1. `data-ready` attributes under <main>: ready when every one is "true" or "all" (a marker for "every
 *      tile, sparklines included, has rendered for the current filters", if the page gets one);
 *   2. the overview's `data-testid="overview"` element with `data-state="ready"` (the tiles'
 *      figures for the current scope are in; sparklines are computed after and not covered);
 *   3. KPI tiles (`article[data-testid^="kpi-"]`): ready when each shows a value or "not available";
 *   4. the data summary (`data-testid="data-summary"`): the overview before it had tiles.
 * Sparklines are timed separately: until the first `svg.spark` is drawn (they arrive together, from
 * one query set), and after a filter change until the overview marks them in again (data-ready="all").
 * Every figure records which marker it used.
 */
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { findChromium, QUIET_FLAGS } from '../../scripts/browser-path.mjs';
import { serve } from '../../scripts/serve.mjs';
import { ROOT, type Dataset } from './data';

/** Chromium's quiet flags (shared with the browser tests), plus precise heap figures. */
export const CHROMIUM_ARGS = [...QUIET_FLAGS, '--enable-precise-memory-info'];

const BUILD = path.join(ROOT, 'build');
/** The copy of build/ this run serves and measures (see snapshotBuild). */
let served = BUILD;

function newestMtime(dir: string): number {
	let newest = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, entry.name);
		newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
	}
	return newest;
}

/** Whether another process (another engineer's test run) is building the app right now. */
function otherBuildRunning(): boolean {
	for (const d of readdirSync('/proc')) {
		if (!/^\d+$/.test(d) || Number(d) === process.pid) continue;
		try {
			const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0/g, ' ');
			if (/node\S* \S*vite(\.js)? build/.test(cmd) || /svelte-kit\/output/.test(cmd)) return true;
		} catch {
			// gone
		}
	}
	return false;
}

function buildIsFresh(): boolean {
	let built: number;
	try {
		built = statSync(path.join(BUILD, 'index.html')).mtimeMs;
	} catch {
		return false;
	}
	const sources = Math.max(
		newestMtime(path.join(ROOT, 'src')),
		newestMtime(path.join(ROOT, 'sample-data')),
		...['svelte.config.js', 'vite.config.ts', 'package.json'].map(
			(f) => statSync(path.join(ROOT, f)).mtimeMs
		)
	);
	return built > sources;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Builds the app when build/ is missing or older than src/ (or the configs, or the sample data).
 * Other engineers' test runs build into the same folder: wait for a build under way, and retry
 * once when ours collided with one.
 */
export async function ensureBuild(): Promise<{ rebuilt: boolean; ms: number }> {
	const t = performance.now();
	for (let attempt = 0; ; attempt++) {
		while (otherBuildRunning()) await sleep(2000);
		if (buildIsFresh()) return { rebuilt: attempt > 0, ms: performance.now() - t };
		console.log('building the app (npx vite build) …');
		const run = spawnSync('npx', ['vite', 'build'], { cwd: ROOT, encoding: 'utf8' });
		if (run.status === 0 && buildIsFresh()) return { rebuilt: true, ms: performance.now() - t };
		if (attempt >= 2)
			throw new Error(`vite build failed:\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-2000)}`);
		await sleep(5000);
	}
}

export function chromiumVersion(): string {
	const exe = findChromium();
	if (!exe) return 'none';
	try {
		return execSync(`${exe} --version`, {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore']
		}).trim();
	} catch {
		return exe;
	}
}

/** Installed in every page before its own scripts: marks the moments the benchmark reads. */
function instrument(): void {
	type Bench = {
		marks: Record<string, number>;
		marker: string | null;
		lastMutation: number;
		heapPeak: number;
	};
	const w = window as unknown as { __bench: Bench; __overviewState: () => string | null };
	const bench: Bench = { marks: {}, marker: null, lastMutation: 0, heapPeak: 0 };
	w.__bench = bench;
	const mark = (name: string) => {
		if (!(name in bench.marks)) bench.marks[name] = performance.now();
	};
	const onOverview = () => {
		const h = location.hash;
		return h === '' || h === '#' || h === '#/' || h.startsWith('#/?');
	};
	w.__overviewState = () => {
		if (!onOverview()) return null;
		const main = document.querySelector('main');
		if (!main) return null;
		const flagged = main.querySelectorAll('[data-ready]');
		// The overview sets data-ready="all" once its sparklines are in too.
		if (flagged.length)
			return [...flagged].every((e) => ['true', 'all'].includes(e.getAttribute('data-ready') ?? ''))
				? 'data-ready'
				: null;
		const overview = main.querySelector('[data-testid="overview"][data-state]');
		if (overview)
			return overview.getAttribute('data-state') === 'ready' ? 'overview data-state' : null;
		const tiles = main.querySelectorAll('article[data-testid^="kpi-"]');
		if (tiles.length) {
			const done = [...tiles].every(
				(t) =>
					t.getAttribute('data-value') !== '' || t.querySelector('[data-testid="kpi-unavailable"]')
			);
			return done ? 'kpi-tiles' : null;
		}
		return main.querySelector('[data-testid="data-summary"]') ? 'data-summary' : null;
	};
	document.addEventListener(
		'change',
		(e) => {
			if ((e.target as HTMLElement | null)?.getAttribute?.('data-testid') === 'file-input')
				mark('selected');
		},
		true
	);
	document.addEventListener(
		'click',
		(e) => {
			const b = (e.target as HTMLElement | null)?.closest?.('button');
			if (b && /^Import th(ese \d+ files|is file)/.test(b.textContent?.trim() ?? ''))
				mark('confirmed');
		},
		true
	);
	const check = () => {
		bench.lastMutation = performance.now();
		if (bench.marks.selected !== undefined && document.querySelector('[data-testid="mapping"]'))
			mark('mapping');
		if (
			bench.marks.confirmed !== undefined &&
			document.querySelector('[data-testid="validation-report"]')
		)
			mark('report');
		if (document.querySelector('[data-testid="import-error"]')) mark('error');
		// The cold start's phases, from the header's status line.
		const status = document.querySelector('header .status')?.textContent ?? '';
		if (status.includes('Starting the local database')) mark('engineStarting');
		else if ('engineStarting' in bench.marks && status) mark('engineReady');
		if (status.includes('Sample data')) mark('sampleLoaded');
		const state = w.__overviewState();
		if (state) {
			if (!('overviewReady' in bench.marks)) bench.marker = state;
			mark('overviewReady');
			// The sparklines arrive together (one query set, one update): the first one drawn marks them all.
			if (document.querySelector('main article[data-testid^="kpi-"] svg.spark')) mark('sparks');
		}
		const mem = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
		if (mem) bench.heapPeak = Math.max(bench.heapPeak, mem.usedJSHeapSize);
	};
	new MutationObserver(check).observe(document, {
		subtree: true,
		childList: true,
		attributes: true,
		characterData: true
	});
}

export interface App {
	url: string;
	close(): Promise<void>;
}

/**
 * Copies build/ to a private folder and serves that: other engineers' test runs rebuild build/
 * while the benchmark runs, and a half-written folder must not be measured.
 */
export async function startServer(): Promise<App> {
	for (let attempt = 0; ; attempt++) {
		await ensureBuild();
		const dir = await mkdtemp(path.join(os.tmpdir(), 'casemetrics-bench-build-'));
		await cp(BUILD, dir, { recursive: true });
		served = dir;
		const missing = entryScripts().filter((p) => !existsSync(path.join(dir, p)));
		if (missing.length === 0) break;
		await rm(dir, { recursive: true, force: true });
		if (attempt >= 3) throw new Error(`build/ is incomplete: ${missing.join(', ')}`);
		await sleep(5000);
	}
	const root = served;
	const { server, url } = await serve({ port: 0, root });
	return {
		url,
		close: async () => {
			await new Promise<void>((r) => server.close(() => r()));
			await rm(root, { recursive: true, force: true });
			served = BUILD;
		}
	};
}

export interface Session {
	context: BrowserContext;
	page: Page;
	profile: string;
	messages: string[];
	close(): Promise<void>;
}

export async function openSession(): Promise<Session> {
	const executablePath = findChromium();
	if (!executablePath)
		throw new Error('No Chromium found: install it (apt-get install chromium) or set CHROME_PATH.');
	const profile = await mkdtemp(path.join(os.tmpdir(), 'casemetrics-bench-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath,
		headless: true,
		args: CHROMIUM_ARGS,
		viewport: { width: 1280, height: 900 }
	});
	// tsx (esbuild keepNames) wraps named inner functions in __name(...): give the page one, so
	// this script and the functions passed to page.evaluate run as written.
	await context.addInitScript({
		content: `globalThis.__name = (f) => f;\n(${instrument.toString()})();`
	});
	const page = context.pages()[0] ?? (await context.newPage());
	const messages: string[] = [];
	page.on('console', (m) => messages.push(`${m.type()}: ${m.text()}`));
	page.on('pageerror', (e) => messages.push(`pageerror: ${e.message}`));
	return {
		context,
		page,
		profile,
		messages,
		async close() {
			await context.close();
			await rm(profile, { recursive: true, force: true });
		}
	};
}

/** Chromium's renderer processes of one profile (the page's holds its workers and the wasm memory). */
function rendererPids(profile: string): number[] {
	const procs = new Map<number, { ppid: number; cmd: string }>();
	for (const d of readdirSync('/proc')) {
		if (!/^\d+$/.test(d)) continue;
		try {
			const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0/g, ' ');
			const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			procs.set(Number(d), { ppid, cmd });
		} catch {
			// gone
		}
	}
	const root = [...procs].find(
		([, p]) => p.cmd.includes(`--user-data-dir=${profile}`) && !p.cmd.includes('--type=')
	)?.[0];
	if (root === undefined) return [];
	const descends = (pid: number): boolean => {
		for (let p = pid, hops = 0; hops < 10; hops++) {
			const info = procs.get(p);
			if (!info) return false;
			if (info.ppid === root) return true;
			p = info.ppid;
		}
		return false;
	};
	return [...procs]
		.filter(([pid, p]) => p.cmd.includes('--type=renderer') && descends(pid))
		.map(([pid]) => pid);
}

function rssBytes(pid: number): number {
	try {
		const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return m ? Number(m[1]) * 1024 : 0;
	} catch {
		return 0;
	}
}

/** Samples the page's JS heap (CDP) and the largest renderer's RSS every `everyMs` until stopped. */
async function memorySampler(s: Session, everyMs = 250) {
	const cdp = await s.context.newCDPSession(s.page);
	await cdp.send('Performance.enable');
	let heapPeak = 0;
	let rssPeak = 0;
	let stopped = false;
	const sample = async () => {
		try {
			const { metrics } = await cdp.send('Performance.getMetrics');
			heapPeak = Math.max(heapPeak, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0);
		} catch {
			// page busy or closing
		}
		for (const pid of rendererPids(s.profile)) rssPeak = Math.max(rssPeak, rssBytes(pid));
	};
	const loop = (async () => {
		while (!stopped) {
			await sample();
			await new Promise((r) => setTimeout(r, everyMs));
		}
	})();
	return {
		async stop() {
			stopped = true;
			await loop;
			await sample();
			await cdp.detach().catch(() => {});
			return { pageHeapPeak: heapPeak, rendererRssPeak: rssPeak };
		}
	};
}

async function marks(
	page: Page
): Promise<{ marks: Record<string, number>; marker: string | null; heapPeak: number }> {
	return page.evaluate(() => {
		const b = (
			window as unknown as {
				__bench: { marks: Record<string, number>; marker: string | null; heapPeak: number };
			}
		).__bench;
		return { marks: { ...b.marks }, marker: b.marker, heapPeak: b.heapPeak };
	});
}

/** Waits until the page has marked `name` (or an import error). */
async function waitMark(page: Page, name: string, timeoutMs: number): Promise<void> {
	await page.waitForFunction(
		(n) => {
			const b = (window as unknown as { __bench: { marks: Record<string, number> } }).__bench;
			return n in b.marks || 'error' in b.marks;
		},
		name,
		{ timeout: timeoutMs, polling: 100 }
	);
	const m = await marks(page);
	if ('error' in m.marks && !(name in m.marks)) {
		const text = await page
			.getByTestId('import-error')
			.innerText()
			.catch(() => '');
		throw new Error(`import failed: ${text}`);
	}
}

export interface Recompute {
	/** What changed: `office=<name>` added, or `clear` (all filters removed). */
	change: string;
	/** Until the overview is ready again (see the marker). */
	ms: number;
	marker: string;
	/** Until the new sparklines are in too (null: not within the wait). */
	sparksMs: number | null;
	/** The page's own figure (`data-ms` of the overview: its resource's run time), if it has one. */
	appMs: number | null;
	/** Which path computed the figures (the overview's `data-source`: cube, facts or catalogue). */
	source: string | null;
}

/**
 * Changes the filters through the overview's filter bar (adds an office, or clears all) and
 * measures until the overview is ready again, on the page's clock.
 */
async function timeFilterChange(
	page: Page,
	change: { office: string } | 'clear',
	timeoutMs: number
): Promise<Recompute> {
	if (change !== 'clear') {
		// The office list is filled by its own query: wait for the option.
		await page.waitForFunction(
			(office) =>
				[
					...(document.querySelector<HTMLSelectElement>('[data-testid="filter-office"]')?.options ??
						[])
				].some((o) => o.textContent?.startsWith(`${office} (`)),
			change.office,
			{ timeout: timeoutMs }
		);
	}
	const r = await page.evaluate(
		({ change, timeoutMs }) =>
			new Promise<Omit<Recompute, 'change'>>((resolve, reject) => {
				const w = window as unknown as { __overviewState: () => string | null };
				// The overview marks data-ready="all" once the sparklines of the scope on screen are in too;
				// a filter change takes it away until the new ones are drawn.
				const sparksIn = () =>
					document.querySelector('main [data-testid="overview"]')?.getAttribute('data-ready') ===
					'all';
				let sawSparksBusy = false;
				const start = performance.now();
				let sawBusy = false;
				let readyAt: number | null = null;
				let marker = '';
				let sparksAt: number | null = null;
				let last = start;
				let done = false;
				const obs = new MutationObserver(() => {
					last = performance.now();
					const state = w.__overviewState();
					if (!state) sawBusy = true;
					else if (sawBusy && readyAt === null && state !== 'data-summary') {
						readyAt = last;
						marker = state;
					}
					if (!sparksIn()) sawSparksBusy = true;
					else if (sawSparksBusy && sparksAt === null) sparksAt = last;
				});
				obs.observe(document, {
					subtree: true,
					childList: true,
					attributes: true,
					characterData: true
				});
				const finish = () => {
					done = true;
					obs.disconnect();
					const ms = document
						.querySelector('main [data-testid="overview"]')
						?.getAttribute('data-ms');
					const source =
						document.querySelector('main [data-testid="overview"]')?.getAttribute('data-source') ??
						null;
					if (readyAt === null) {
						// No busy/ready marker: the last change under <main> before a quiet second.
						readyAt = last;
						marker = 'dom-quiet';
					}
					resolve({
						ms: readyAt - start,
						marker,
						sparksMs: sparksAt === null ? null : Math.max(sparksAt, readyAt) - start,
						appMs: ms ? Number(ms) : null,
						source
					});
				};
				const poll = () => {
					if (done) return;
					const now = performance.now();
					const settled = readyAt !== null && sparksAt !== null && now - last > 300;
					const quietWithoutMarker =
						readyAt === null && !sawBusy && now - last > 1000 && now - start > 1000;
					// Sparklines that never went away (a cached scope) are not waited for;
					// new ones for up to 3 minutes.
					const sparksGaveUp =
						readyAt !== null &&
						sparksAt === null &&
						now - readyAt > (sawSparksBusy ? 180_000 : 2000);
					if (settled || quietWithoutMarker || sparksGaveUp) finish();
					else if (now - start > timeoutMs) {
						obs.disconnect();
						reject(new Error('timed out waiting for the overview to update'));
					} else setTimeout(poll, 50);
				};
				setTimeout(poll, 50);
				if (change === 'clear') {
					const button = document.querySelector<HTMLButtonElement>('[data-testid="clear-filters"]');
					if (!button) return reject(new Error('no clear-filters button'));
					button.click();
				} else {
					const select = document.querySelector<HTMLSelectElement>(
						'[data-testid="filter-office"]'
					)!;
					const option = [...select.options].find((o) =>
						o.textContent?.startsWith(`${change.office} (`)
					)!;
					select.value = option.value;
					select.dispatchEvent(new Event('change', { bubbles: true }));
				}
			}),
		{ change, timeoutMs }
	);
	return { ...r, change: change === 'clear' ? 'clear' : `office=${change.office}` };
}

export interface ImportRun {
	/** File selection to overview ready: toMapping + afterConfirm + overview. */
	totalMs: number;
	/** Selection to the mapping screen (reading the files into raw tables). */
	toMappingMs: number;
	/** Confirm click to the import report (building, validating, swapping in). */
	afterConfirmMs: number;
	/** Navigation to `#/` to the overview ready. */
	overviewMs: number;
	/** Navigation to `#/` until every tile with a value has its sparkline. */
	sparksMs: number | null;
	marker: string | null;
	pageHeapPeak: number;
	rendererRssPeak: number;
	/** Filter changes on the loaded data, each to a new office. */
	recompute: Recompute[];
	messages: string[];
}

/** One import of `data` through the import page, then `recomputes` filter changes on the overview. */
export async function measureImport(
	app: App,
	data: Dataset,
	offices: string[],
	recomputes: number,
	timeoutMs = 20 * 60_000,
	/** Stop at the mapping screen: only `toMappingMs` is measured. */
	mappingOnly = false
): Promise<ImportRun> {
	const s = await openSession();
	try {
		const { page } = s;
		await page.goto(`${app.url}#/import`);
		// First visit loads the sample; wait until it is in, so the engine has started and is idle.
		await page.getByTestId('data-summary').first().waitFor({ timeout: 120_000 });
		await page.getByTestId('file-input').waitFor({ state: 'attached' });
		await page.waitForFunction(
			() => !document.querySelector('[data-testid="file-input"]')?.hasAttribute('disabled')
		);
		const sampler = await memorySampler(s);
		await page
			.getByTestId('file-input')
			.setInputFiles([data.paths.cases, data.paths.goals, data.paths.events, data.paths.staff]);
		await waitMark(page, 'mapping', timeoutMs);
		if (mappingOnly) {
			const mem = await sampler.stop();
			const m = await marks(page);
			return {
				totalMs: NaN,
				toMappingMs: m.marks.mapping - m.marks.selected,
				afterConfirmMs: NaN,
				overviewMs: NaN,
				sparksMs: null,
				marker: null,
				pageHeapPeak: Math.max(mem.pageHeapPeak, m.heapPeak),
				rendererRssPeak: mem.rendererRssPeak,
				recompute: [],
				messages: s.messages.filter((x) => /^(error|pageerror)/.test(x)).slice(0, 5)
			};
		}
		await page.getByRole('button', { name: /^Import th(ese \d+ files|is file)$/ }).click();
		await waitMark(page, 'report', timeoutMs);
		// Through the app's own link: setting location.hash by hand makes SvelteKit reload the page.
		const navAt = await page.evaluate(() => {
			const b = (
				window as unknown as { __bench: { marks: Record<string, number>; marker: string | null } }
			).__bench;
			delete b.marks.overviewReady;
			delete b.marks.sparks;
			b.marker = null;
			const link = [...document.querySelectorAll<HTMLAnchorElement>('header nav a')].find(
				(a) => a.textContent?.trim() === 'Overview'
			);
			if (!link) throw new Error('no Overview link in the header');
			const t = performance.now();
			link.click();
			return t;
		});
		await waitMark(page, 'overviewReady', timeoutMs);
		await waitMark(page, 'sparks', 180_000).catch(() => {});
		const mem = await sampler.stop();
		const m = await marks(page);
		const recompute: ImportRun['recompute'] = [];
		// Each timed change adds one office to an unfiltered overview; clearing between is timed too.
		for (let i = 0; i < recomputes; i++) {
			recompute.push(
				await timeFilterChange(page, { office: offices[i % offices.length] }, 600_000)
			);
			recompute.push(await timeFilterChange(page, 'clear', 600_000));
		}
		const toMappingMs = m.marks.mapping - m.marks.selected;
		const afterConfirmMs = m.marks.report - m.marks.confirmed;
		const overviewMs = m.marks.overviewReady - navAt;
		return {
			totalMs: toMappingMs + afterConfirmMs + overviewMs,
			toMappingMs,
			afterConfirmMs,
			overviewMs,
			sparksMs: m.marks.sparks === undefined ? null : m.marks.sparks - navAt,
			marker: m.marker,
			pageHeapPeak: Math.max(mem.pageHeapPeak, m.heapPeak),
			rendererRssPeak: mem.rendererRssPeak,
			recompute,
			messages: s.messages.filter((x) => /^(error|pageerror)/.test(x)).slice(0, 5)
		};
	} finally {
		await s.close();
	}
}

export interface ColdRun {
	/** Navigation start to the sample's overview ready (first visit, empty profile and cache). */
	readyMs: number;
	/** Until every tile with a value has its sparkline. */
	sparksMs: number | null;
	/** Navigation start to the database started (header status), and to the sample imported. */
	engineReadyMs: number | null;
	sampleLoadedMs: number | null;
	firstContentfulPaintMs: number | null;
	marker: string | null;
	/** JavaScript files fetched before first contentful paint (paths under build/). */
	jsBeforePaint: string[];
	/** The same page reloaded (HTTP cache warm, sample loaded again). */
	warmReadyMs: number;
	/** The app's own `performance.mark`s of the cold start (name → ms after navigation). */
	appMarks: Record<string, number>;
}

export async function measureColdStart(app: App): Promise<ColdRun> {
	const s = await openSession();
	try {
		const { page } = s;
		await page.goto(`${app.url}#/`);
		await waitMark(page, 'overviewReady', 180_000);
		await waitMark(page, 'sparks', 180_000).catch(() => {});
		const m = await marks(page);
		const paint = await page.evaluate(() => {
			const fcp =
				performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')
					?.startTime ?? null;
			const js = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
				.filter(
					(r) =>
						/\.m?js(\?|$)/.test(new URL(r.name).pathname) && (fcp === null || r.responseEnd <= fcp)
				)
				.map((r) => new URL(r.name).pathname);
			const appMarks = Object.fromEntries(
				performance.getEntriesByType('mark').map((e) => [e.name, e.startTime])
			);
			return { fcp, js, appMarks };
		});
		await page.reload();
		await waitMark(page, 'overviewReady', 180_000);
		const warm = await marks(page);
		return {
			readyMs: m.marks.overviewReady,
			sparksMs: m.marks.sparks ?? null,
			engineReadyMs: m.marks.engineReady ?? null,
			sampleLoadedMs: m.marks.sampleLoaded ?? null,
			firstContentfulPaintMs: paint.fcp,
			marker: m.marker,
			jsBeforePaint: paint.js,
			warmReadyMs: warm.marks.overviewReady,
			appMarks: paint.appMarks
		};
	} finally {
		await s.close();
	}
}

/** Gzipped size (zlib level 9) of files under build/, wasm excluded. */
export function gzippedSize(paths: string[]): { files: number; raw: number; gzip: number } {
	let raw = 0;
	let gzip = 0;
	const unique = [...new Set(paths)].filter((p) => !p.endsWith('.wasm'));
	for (const p of unique) {
		const body = readFileSync(path.join(served, p.replace(/^\//, '')));
		raw += body.length;
		gzip += gzipSync(body, { level: 9 }).length;
	}
	return { files: unique.length, raw, gzip };
}

/** The scripts build/index.html loads before anything renders: modulepreload links, script src and inline import()s. */
export function entryScripts(): string[] {
	const html = readFileSync(path.join(served, 'index.html'), 'utf8');
	const out: string[] = [];
	for (const m of html.matchAll(/<link\b[^>]*>/g)) {
		if (/rel="modulepreload"/.test(m[0])) out.push(/href="([^"]+)"/.exec(m[0])![1]);
	}
	for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) out.push(m[1]);
	for (const m of html.matchAll(/import\("([^"]+)"\)/g)) out.push(m[1]);
	return out.map((p) => new URL(p, 'http://x/').pathname);
}
