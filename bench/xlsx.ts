/**
 * npm run bench -- --xlsx [--sizes 100000]
 *
 * An Excel workbook of the bench's cases in the built app: the bench's generated cases CSV
 * (bench/lib/data.ts) written as one .xlsx sheet with SheetJS, dates as date cells (serial
 * numbers), into bench/data/<size>/cases.xlsx (git-ignored). In headless Chromium: file chosen →
 * mapping screen → import report → overview ready, timed in the page; and every long task on the
 * page's thread (PerformanceObserver 'longtask', installed before the app's scripts) from the file
 * chosen on, with the longest. Writes the figures under `xlsx` in bench/results.json (the other
 * rows are kept) and the table between the xlsx markers of bench/README.md.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { utils, write, type CellObject } from '@e965/xlsx';
import Papa from 'papaparse';
import { chromium, type Page } from 'playwright-core';
import { findChromium } from '../scripts/browser-path.mjs';
import { CHROMIUM_ARGS, startServer, type App } from './lib/browser';
import { ensureDataset, ROOT, writeReadmeSection } from './lib/data';

const DATE = /^(\d{2})\/(\d{2})\/(\d{4})(?: (\d{2}):(\d{2}))?$/;

/** A generator's cell as Excel holds it: dates as serial numbers with a date format. */
function cell(text: string): CellObject {
	const m = DATE.exec(text);
	if (!m) return text === '' ? { t: 'z' } : { t: 's', v: text };
	const [, mo, d, y, h, mi] = m;
	const ms = Date.UTC(+y, +mo - 1, +d, h ? +h : 0, mi ? +mi : 0);
	return { t: 'n', v: ms / 86_400_000 + 25_569, z: h ? 'mm/dd/yyyy hh:mm' : 'mm/dd/yyyy' };
}

/** The bench's cases CSV as a workbook (made again when the CSV is newer). */
export function ensureWorkbook(cases: number): { path: string; bytes: number; rows: number } {
	const data = ensureDataset(cases);
	const out = path.join(data.dir, 'cases.xlsx');
	if (!existsSync(out) || statSync(out).mtimeMs < statSync(data.paths.cases).mtimeMs) {
		console.log(`writing ${path.relative(ROOT, out)} …`);
		const parsed = Papa.parse<string[]>(readFileSync(data.paths.cases, 'utf8'), {
			skipEmptyLines: true
		});
		const [header, ...rows] = parsed.data;
		const sheet = utils.aoa_to_sheet([header, ...rows.map((r) => r.map(cell))]);
		const wb = utils.book_new();
		utils.book_append_sheet(wb, sheet, 'Cases');
		// Compressed, as Excel saves it.
		const bytes = write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer;
		writeFileSync(out, new Uint8Array(bytes));
	}
	return { path: out, bytes: statSync(out).size, rows: data.rows.cases };
}

/** Installed before the app's scripts: the moments timed, and every long task of the page's thread. */
function instrument(): void {
	type Probe = { marks: Record<string, number>; longTasks: { start: number; ms: number }[] };
	const probe: Probe = { marks: {}, longTasks: [] };
	(window as unknown as { __xlsx: Probe }).__xlsx = probe;
	const mark = (name: string) => {
		if (!(name in probe.marks)) probe.marks[name] = performance.now();
	};
	new PerformanceObserver((list) => {
		for (const e of list.getEntries()) probe.longTasks.push({ start: e.startTime, ms: e.duration });
	}).observe({ type: 'longtask', buffered: true });
	document.addEventListener(
		'change',
		(e) => {
			if ((e.target as HTMLElement).getAttribute?.('data-testid') === 'file-input')
				mark('selected');
		},
		true
	);
	document.addEventListener(
		'click',
		(e) => {
			const b = (e.target as HTMLElement).closest?.('button');
			if (b && /^Import this file/.test(b.textContent?.trim() ?? '')) mark('confirmed');
			const a = (e.target as HTMLElement).closest?.('a');
			if (a && a.textContent?.trim() === 'Overview') mark('navigated');
		},
		true
	);
	new MutationObserver(() => {
		if (!('selected' in probe.marks)) return;
		const has = (q: string) => document.querySelector(q) !== null;
		const progress = document.querySelector('[data-testid=progress-workbook]')?.textContent ?? '';
		if (progress.startsWith('converting')) mark('parsed');
		// The CSV handed to the import: the workbook's progress line gives way to the import's.
		const handed = has('[data-testid=import-progress]') && !has('[data-testid=progress-workbook]');
		if ('parsed' in probe.marks && (handed || has('[data-testid=mapping]'))) mark('converted');
		if (has('[data-testid=mapping]')) mark('mapping');
		if ('confirmed' in probe.marks && has('[data-testid=validation-report]')) mark('report');
		if (has('[data-testid=import-error]')) mark('error');
		if ('navigated' in probe.marks && has('[data-testid=overview][data-state=ready]'))
			mark('overview');
	}).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
}

type Probe = { marks: Record<string, number>; longTasks: { start: number; ms: number }[] };
const probe = (page: Page) => page.evaluate(() => (window as unknown as { __xlsx: Probe }).__xlsx);

async function waitMark(page: Page, name: string): Promise<void> {
	await page.waitForFunction(
		(n) => {
			const m = (window as unknown as { __xlsx: Probe }).__xlsx.marks;
			return n in m || 'error' in m;
		},
		name,
		{ timeout: 20 * 60_000, polling: 200 }
	);
	const p = await probe(page);
	if ('error' in p.marks && !(name in p.marks))
		throw new Error(`import failed: ${await page.getByTestId('import-error').innerText()}`);
}

export interface XlsxRun {
	/** File chosen → mapping screen (read, parsed and converted in the worker, staged). */
	toMappingMs: number;
	/** …of which: file chosen → parsed (SheetJS), → rows converted (CSV text handed to the import). */
	parseMs: number | null;
	convertMs: number | null;
	/** Import confirmed → report; Overview link → overview ready. */
	afterConfirmMs: number;
	overviewMs: number;
	totalMs: number;
	/** Long tasks on the page's thread from the file chosen to the overview ready. */
	longTasks: number;
	longestTaskMs: number;
	/** The longest while the workbook is parsed and converted (file chosen → mapping screen). */
	longestWhileParsingMs: number;
	over200ms: { phase: string; atMs: number; ms: number }[];
	/** The longest while the worker reads, parses and converts (file chosen → CSV handed to the import). */
	longestWhileConvertingMs: number;
	/** CPU profile of the page's thread, file chosen → mapping screen: time not idle (script, GC, layout). */
	busyWhileParsingMs: number;
}

type CpuProfile = {
	nodes: { id: number; callFrame: { functionName: string } }[];
	samples?: number[];
	timeDeltas?: number[];
};

function busyMs(profile: CpuProfile): number {
	const idle = new Set(
		profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id)
	);
	const deltas = profile.timeDeltas ?? [];
	const us = (profile.samples ?? []).reduce(
		(sum, id, i) => sum + (idle.has(id) ? 0 : (deltas[i] ?? 0)),
		0
	);
	return us / 1000;
}

export async function measureXlsx(app: App, file: string): Promise<XlsxRun> {
	const context = await chromium.launchPersistentContext('', {
		executablePath: findChromium() ?? undefined,
		headless: true,
		args: CHROMIUM_ARGS,
		viewport: { width: 1280, height: 900 }
	});
	try {
		await context.addInitScript({ content: `globalThis.__name = (f) => f;\n(${instrument})();` });
		const page = context.pages()[0] ?? (await context.newPage());
		await page.goto(`${app.url}#/import`);
		// First visit loads the sample; the import starts once it is in and the engine is idle.
		await page.getByTestId('data-summary').first().waitFor({ timeout: 300_000 });
		// The page's thread sampled while the workbook is read: how much of that time it was busy.
		const cdp = await context.newCDPSession(page);
		await cdp.send('Profiler.enable');
		await cdp.send('Profiler.start');
		await page.setInputFiles('[data-testid=file-input]', file);
		await waitMark(page, 'mapping');
		const { profile } = await cdp.send('Profiler.stop');
		await cdp.detach();
		await page.getByRole('button', { name: /^Import this file/ }).click();
		await waitMark(page, 'report');
		await page.locator('header nav a', { hasText: /^Overview$/ }).click();
		await waitMark(page, 'overview');
		const { marks: m, longTasks } = await probe(page);
		const phase = (t: number) =>
			t < (m.converted ?? m.mapping)
				? 'workbook'
				: t < m.mapping
					? 'staging'
					: t < m.confirmed
						? 'mapping screen'
						: t < m.report
							? 'import'
							: 'overview';
		const after = longTasks.filter((t) => t.start >= m.selected);
		const parsing = after.filter((t) => t.start < m.mapping);
		const converting = after.filter((t) => t.start < (m.converted ?? m.mapping));
		return {
			toMappingMs: m.mapping - m.selected,
			parseMs: m.parsed === undefined ? null : m.parsed - m.selected,
			convertMs: m.converted === undefined ? null : m.converted - m.selected,
			afterConfirmMs: m.report - m.confirmed,
			overviewMs: m.overview - m.navigated,
			totalMs: m.mapping - m.selected + (m.report - m.confirmed) + (m.overview - m.navigated),
			longTasks: after.length,
			longestTaskMs: Math.max(0, ...after.map((t) => t.ms)),
			longestWhileParsingMs: Math.max(0, ...parsing.map((t) => t.ms)),
			busyWhileParsingMs: busyMs(profile),
			longestWhileConvertingMs: Math.max(0, ...converting.map((t) => t.ms)),
			over200ms: after
				.filter((t) => t.ms > 200)
				.map((t) => ({ phase: phase(t.start), atMs: Math.round(t.start - m.selected), ms: t.ms }))
		};
	} finally {
		await context.close();
	}
}

const round = (ms: number | null) => (ms === null ? '–' : Math.round(ms).toLocaleString('en-US'));

export async function runXlsxBench(cases = 100_000): Promise<void> {
	const book = ensureWorkbook(cases);
	const loadStart = loadavg().map((x) => Math.round(x * 100) / 100);
	const app = await startServer();
	let run: XlsxRun;
	try {
		run = await measureXlsx(app, book.path);
	} finally {
		await app.close();
	}
	const loadEnd = loadavg().map((x) => Math.round(x * 100) / 100);
	const resultsPath = path.join(ROOT, 'bench', 'results.json');
	const results = existsSync(resultsPath) ? JSON.parse(readFileSync(resultsPath, 'utf8')) : {};
	results.xlsx = {
		startedAt: new Date().toISOString(),
		cases,
		workbookBytes: book.bytes,
		loadStart,
		loadEnd,
		...run
	};
	writeFileSync(resultsPath, JSON.stringify(results, null, 2) + '\n');
	const text = [
		`${cases.toLocaleString('en-US')} cases, ${(book.bytes / 1e6).toFixed(1)} MB .xlsx; ` +
			`load average ${loadStart.join(' / ')} at the start, ${loadEnd.join(' / ')} at the end.`,
		'',
		'| file chosen → mapping (parsed, converted) | confirm → report | → overview | total | ' +
			'page thread busy while parsing | longest task while parsing | longest task | tasks > 200 ms |',
		'| --- | --- | --- | --- | --- | --- | --- | --- |',
		`| ${round(run.toMappingMs)} ms (${round(run.parseMs)}, ${round(run.convertMs)}) | ` +
			`${round(run.afterConfirmMs)} ms | ${round(run.overviewMs)} ms | ${round(run.totalMs)} ms | ` +
			`${round(run.busyWhileParsingMs)} ms | ` +
			`${round(run.longestWhileParsingMs)} ms | ${round(run.longestTaskMs)} ms | ` +
			`${run.over200ms.map((t) => `${round(t.ms)} ms (${t.phase})`).join(', ') || 'none'} |`
	].join('\n');
	writeReadmeSection('xlsx', '## Excel workbook (npm run bench -- --xlsx)', text);
	console.log(`\n${text}\n\nbench/results.json (xlsx) and bench/README.md written`);
}
