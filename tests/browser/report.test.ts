/**
 * The printed report on the built app with the bundled sample data, printed to PDF by headless
 * Chromium with the page's own CSS page size (what the user's "Save as PDF" gets), and read back
 * with poppler's pdftotext:
 *
 * 1. Whole organisation, last 12 months: at most 12 pages, every page carries the running head
 *    (title, scope, period, as-of) and "Page N of M", page 1 is the brief whose headline figures
 *    equal the metric engine's values computed in Node (formatted with the report's own function),
 *    charts are vector SVG at the printed width and never split from their caption, long tables
 *    repeat their header row, and no app UI prints.
 * 2. One worker with disclosure control on: at most 6 pages, no real worker name and no case
 *    identifier in the PDF, no count from 1 to 4 in any table, page 1 states the control.
 * 3. A saved template survives a reload and gives its report in one choice.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/lib/engine/node';
import type { Engine } from '../../src/lib/engine/types';
import { importPaths } from '../../src/lib/import/node';
import { OVERVIEW_IDS, metricEntry } from '../../src/lib/metrics/catalogue';
import { computeMetrics, metricContext } from '../../src/lib/metrics/run';
import { latestMoment } from '../../src/lib/metrics/scope';
import { defaultSettings } from '../../src/lib/metrics/settings';
import type { DatasetInfo } from '../../src/lib/model/dataset';
import { workerPseudonyms } from '../../src/lib/report/disclosure';
import { figureText } from '../../src/lib/report/format';
import { allWorkers } from '../../src/lib/report/gather';
import { contentWidthPx } from '../../src/lib/report/print';
import { comparisonScope, reportScope } from '../../src/lib/report/scope';
import { defaultTemplate, type ReportTemplate } from '../../src/lib/report/template';
import { openApp, type Session } from './harness';
import { printPdf, reportReady, textGlitches } from './report-steps';

const SAMPLE = path.resolve(import.meta.dirname, '../../sample-data');

let s: Session;
let engine: Engine;
let dataset: DatasetInfo;
let latest: string | null;
let workers: string[];
const figures: Record<string, number | string> = {};

beforeAll(async () => {
	engine = await createNodeEngine();
	({ dataset } = await importPaths(engine, {
		cases: `${SAMPLE}/cases.csv`,
		goals: `${SAMPLE}/goals.csv`,
		events: `${SAMPLE}/events.csv`,
		staff: `${SAMPLE}/staff.csv`
	}));
	latest = await latestMoment(engine, dataset);
	workers = await allWorkers(engine, dataset);
	s = await openApp('#/report');
});
afterAll(async () => {
	console.log('report figures:', JSON.stringify(figures));
	await s?.close();
	await engine?.close();
});

/** The engine's values for a template's scope and its comparison scope. */
async function engineValues(t: ReportTemplate) {
	const scope = reportScope(t, latest);
	const now = await computeMetrics(
		engine,
		metricContext(scope, defaultSettings(), dataset),
		OVERVIEW_IDS
	);
	const before = await computeMetrics(
		engine,
		metricContext(comparisonScope(scope, t.comparison), defaultSettings(), dataset),
		OVERVIEW_IDS
	);
	const value = (r: (typeof now)[string]) => (r.kind === 'scalar' ? r.value : null);
	return {
		scope,
		now: Object.fromEntries(OVERVIEW_IDS.map((id) => [id, now[id]])),
		value,
		before: Object.fromEntries(OVERVIEW_IDS.map((id) => [id, value(before[id])]))
	};
}

const norm = (t: string) => t.replace(/\s+/g, ' ');

describe('whole organisation, last 12 months', () => {
	let pages: string[];
	let flow: string;
	let file: string;
	let ex: Awaited<ReturnType<typeof engineValues>>;

	beforeAll(async () => {
		ex = await engineValues(defaultTemplate());
		const t0 = Date.now();
		await reportReady(s.page);
		figures.orgReadyMs = Date.now() - t0;
		figures.orgGatherMs = Number(await s.page.getAttribute('[data-testid=report]', 'data-ms'));
		const printed = await printPdf(s.page, 'organisation');
		pages = printed.pages;
		flow = printed.flow;
		file = printed.file;
		figures.orgPdfMs = printed.ms;
		figures.orgPages = pages.length;
	});

	it('has at most 12 pages, each with the running head and "Page N of M"', () => {
		// The brief (1), then the areas one after another, the cases needing attention, the
		// definitions of what is printed, the sign-off. It was 22 pages with a cover, a summary page
		// and a page break before every section.
		expect(pages.length).toBeLessThanOrEqual(12);
		expect(pages.length).toBeGreaterThanOrEqual(6);
		expect(ex.scope.asOf.slice(0, 10)).toBe('2026-09-30');
		// The running head writes dates as the browser's locale does (en-US here: month/day/year).
		const us = (iso: string) => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;
		const asOf = '09/30/2026';
		pages.forEach((text, i) => {
			const t = norm(text);
			expect(t, `page ${i + 1}`).toContain('Case monitoring report · Whole organisation');
			expect(t, `page ${i + 1}`).toContain(
				`${us(ex.scope.from)} to ${us(ex.scope.to)} · as of ${asOf}`
			);
			expect(t, `page ${i + 1}`).toContain(`Page ${i + 1} of ${pages.length}`);
		});
	});

	it('prints the headline figures the metric engine computes for the scope', async () => {
		const summary = norm(pages[0]);
		const shown = await s.page.$$eval('[data-testid=report-brief] [data-figure]', (rows) =>
			rows.map((r) => ({
				id: (r as HTMLElement).dataset.figure!,
				value: (r as HTMLElement).dataset.value!,
				text: r.querySelector('.value')!.textContent!
			}))
		);
		expect(shown.map((r) => r.id)).toEqual([...OVERVIEW_IDS]);
		for (const id of OVERVIEW_IDS) {
			const value = ex.value(ex.now[id]);
			expect(value, id).not.toBeNull();
			const row = shown.find((r) => r.id === id)!;
			expect(Number(row.value), id).toBe(value);
			const text = figureText(value, metricEntry(id).unit);
			expect(row.text, id).toBe(text);
			// In the PDF: the figure's title, then its value and the comparison period's value.
			const before = figureText(ex.before[id], metricEntry(id).unit);
			const title = metricEntry(id).title;
			const at = summary.indexOf(
				title.split(' ').slice(0, 2).join(' '),
				summary.indexOf('Figure Value')
			);
			expect(at, `${id} in the PDF summary`).toBeGreaterThan(0);
			const after = summary.slice(at, at + 160);
			expect(after, id).toContain(text);
			expect(after, id).toContain(before);
		}
		figures.clearance = figureText(ex.value(ex.now.clearance_rate), 'ratio');
		figures.medianDays = figureText(ex.value(ex.now.days_to_close_median), 'days');
		// A finding about a missed target, with the engine's count of workers over capacity.
		const over = ex.now.over_capacity_workers;
		expect(over.kind === 'scalar' && over.value).toBeGreaterThan(0);
		if (over.kind === 'scalar')
			expect(summary).toContain(`Workers over capacity was ${over.value} and misses its target`);
		expect(summary).toContain('Findings');
		expect(summary).toContain('Headline figures');
		const found = await s.page.$$eval('[data-testid=report-findings] li', (li) => li.length);
		expect(found).toBeGreaterThanOrEqual(3);
		expect(found).toBeLessThanOrEqual(5);
	});

	it('draws every chart as SVG at the printed width, kept on one page with its caption', async () => {
		const width = contentWidthPx('A4', 'portrait');
		const charts = await s.page.$$eval('.report-doc figure.chart-block', (figs) =>
			figs.map((f) => ({
				title: f.querySelector('h3')!.textContent!,
				caption: f.querySelector('figcaption')?.textContent ?? '',
				svgWidth: Number(f.querySelector('svg')?.getAttribute('width') ?? 0),
				canvas: f.querySelectorAll('canvas').length
			}))
		);
		expect(charts.length).toBe(8);
		for (const c of charts) {
			expect(c.canvas, c.title).toBe(0);
			expect(c.svgWidth, c.title).toBe(width);
			const page = pages.findIndex((p) => norm(p).includes(norm(c.caption).slice(0, 60)));
			expect(page, `caption of ${c.title}`).toBeGreaterThan(0);
			expect(norm(pages[page]), `${c.title} on the page of its caption`).toContain(c.title);
		}
		// Vector: the PDF holds no raster images at all.
		const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
			.trim()
			.split('\n')
			.slice(2);
		expect(images).toEqual([]);
	});

	it("repeats a long table's header row on every page it runs onto", async () => {
		// 200 rows per case list make the overdue deadlines run over pages.
		await s.page.getByLabel('Rows per case list').fill('200');
		await s.page.waitForFunction(
			() => document.querySelectorAll('[data-exception=deadlines] tbody tr').length > 100,
			null,
			{ timeout: 60_000 }
		);
		await reportReady(s.page);
		const long = await printPdf(s.page, 'organisation-long-lists');
		// Dates follow the browser's locale (Settings: dates), en-US in these tests: 09/30/2026.
		const row = /^\s*\d{2}-\d{7}\s+\d{2}\/\d{2}\/\d{4}\s+(hearing|deadline|case)\s/m;
		const withRows = long.pages.filter((p) => row.test(p));
		expect(withRows.length).toBeGreaterThanOrEqual(2);
		for (const p of withRows) expect(p).toMatch(/Case\s+Due\s+Kind\s+Worker\s+Case type\s+Office/);
		await s.page.getByLabel('Rows per case list').fill('15');
		await s.page.waitForFunction(
			() => document.querySelectorAll('[data-exception=deadlines] tbody tr').length <= 15,
			null,
			{ timeout: 60_000 }
		);
		await reportReady(s.page);
	});

	it('prints no text glitch: no NaN, no doubled word, no words run together', () => {
		expect(textGlitches(flow)).toEqual([]);
	});

	it('prints no buttons, filters or app navigation', () => {
		const all = norm(pages.join(' '));
		for (const ui of [
			'Print or save as PDF',
			'Saved templates',
			'Disclosure control For a report',
			'Skip to content',
			'nothing leaves this computer',
			'Your data',
			'Report on'
		]) {
			expect(all).not.toContain(ui);
		}
		expect(all).toContain('Appendix: metric definitions');
		expect(all).toContain('Sign-off');
	});
});

describe('one worker with disclosure control', () => {
	let pages: string[];
	let worker: string;
	let pseudonym: string;

	beforeAll(async () => {
		worker = 'Laura Chen';
		expect(workers).toContain(worker);
		pseudonym = workerPseudonyms(workers).get(worker)!;
		await s.page.selectOption('[data-testid=report-scope-kind]', 'worker');
		await s.page.selectOption('[data-testid=report-worker]', worker);
		await s.page.check('[data-testid=report-disclosure-toggle]');
		await s.page.waitForFunction(
			(p) => document.querySelector('[data-testid=report-scope]')?.textContent === `Worker: ${p}`,
			pseudonym,
			{ timeout: 60_000 }
		);
		const t0 = Date.now();
		await reportReady(s.page);
		figures.workerReadyMs = Date.now() - t0;
		const printed = await printPdf(s.page, 'worker-disclosure');
		pages = printed.pages;
		figures.workerPages = pages.length;
		figures.workerPdfMs = printed.ms;
	});

	it('states the control on page 1, fits in 6 pages, and carries the pseudonymised scope on every page', () => {
		expect(norm(pages[0])).toContain('Disclosure control.');
		expect(norm(pages[0])).toContain('Counts from 1 to 4 are shown as “<5”');
		expect(pages.length).toBeLessThanOrEqual(6);
		pages.forEach((text, i) => {
			const t = norm(text);
			expect(t, `page ${i + 1}`).toContain(`Case monitoring report · Worker: ${pseudonym}`);
			// The running head writes the as-of date as the browser's locale does (en-US).
			expect(t, `page ${i + 1}`).toContain('as of 09/30/2026');
			expect(t, `page ${i + 1}`).toContain(`Page ${i + 1} of ${pages.length}`);
		});
	});

	it('names no real worker and lists no case identifier', () => {
		const all = pages.join('\n');
		for (const w of workers) {
			expect(all, w).not.toContain(w);
			const [first, last] = w.split(' ');
			if (last) expect(all, w).not.toContain(`${first} ${last}`);
		}
		expect(all).not.toMatch(/\b\d{2}-\d{7}\b/);
		expect(all).toMatch(/Case \d{3}/);
	});

	it('shows no count from 1 to 4 in its tables', async () => {
		const counts = await s.page.$$eval('.report-doc [data-count]', (cells) =>
			cells.map((c) => (c as HTMLElement).dataset.count!)
		);
		expect(counts.length).toBeGreaterThan(50);
		const small = counts.filter(
			(c) =>
				/^\d+$/.test(c.replace(/,/g, '')) &&
				Number(c.replace(/,/g, '')) > 0 &&
				Number(c.replace(/,/g, '')) < 5
		);
		expect(small).toEqual([]);
		expect(counts).toContain('<5');
		// In the PDF: every monthly row (throughput, first contact, deadlines) has no count from 1 to 4.
		const monthRows = pages
			.flatMap((p) => p.split('\n'))
			.filter((l) => /^\s*[A-Z][a-z]{2} 20\d{2}\s+/.test(l));
		expect(monthRows.length).toBeGreaterThanOrEqual(36);
		for (const line of monthRows) {
			const tokens = line
				.trim()
				.split(/\s+/)
				// After the month ("Oct 2025": en-US, the browser's locale here).
				.slice(2)
				.filter((t) => /^\d+$/.test(t));
			for (const t of tokens) expect(Number(t) === 0 || Number(t) >= 5, line).toBe(true);
		}
	});

	it("prints the engine's figures for the worker where they may be shown", async () => {
		const t = defaultTemplate();
		t.scope = { kind: 'worker', values: [worker], teamName: '' };
		const ex = await engineValues(t);
		// A figure's row of a table in the PDF: the cells after its title (layout keeps a row on one line).
		const row = (page: string, title: string) => {
			const line = page.split('\n').find((l) => l.trim().startsWith(`${title} `));
			expect(line, `a row for ${title}`).toBeDefined();
			return line!
				.trim()
				.slice(title.length)
				.trim()
				.split(/\s{2,}/);
		};
		const summaryPage = pages[0];
		const besidePage = pages.find((p) => p.includes(`${pseudonym} beside the team`))!;
		const shown = await s.page.$$eval('[data-testid=report-brief] [data-figure]', (rows) =>
			Object.fromEntries(
				rows.map((r) => [
					(r as HTMLElement).dataset.figure!,
					r.querySelector('.value')!.textContent!
				])
			)
		);
		for (const id of [
			'clearance_rate',
			'days_to_close_median',
			'first_contact_on_time',
			'deadlines_met_rate'
		]) {
			const r = ex.now[id];
			expect(r.kind === 'scalar' && (r.n ?? 0) >= 5, id).toBe(true);
			const { title, unit } = metricEntry(id);
			const text = figureText(ex.value(r), unit);
			// In the summary table: the value cell of its row, then the previous period's.
			expect(shown[id], id).toBe(text);
			const cells = row(summaryPage, title);
			expect(cells[0], id).toBe(text);
			expect(cells[1].startsWith(figureText(ex.before[id], unit)), `${id}: ${cells[1]}`).toBe(true);
			// Beside the team: the worker's column of its row.
			expect(row(besidePage, title)[0], id).toBe(text);
		}
		expect(norm(pages.join(' '))).toContain(`${pseudonym} beside the team`);
	});
});

describe('templates', () => {
	it('saves a named template and gives its report in one choice after a reload', async () => {
		await s.page.selectOption('[data-testid=report-period]', 'full-month');
		await s.page.fill('[data-testid=report-template-name]', 'Monthly worker report');
		await s.page.click('[data-testid=report-template-save]');
		const stored = await s.page.evaluate(() =>
			JSON.parse(localStorage.getItem('casemetrics.templates') ?? '[]')
		);
		expect(stored.map((t: { name: string }) => t.name)).toContain('Monthly worker report');
		// The report on screen is kept as a draft over a reload; set it back to the organisation first.
		await s.page.selectOption('[data-testid=report-scope-kind]', 'organisation');
		await s.page.reload();
		await reportReady(s.page);
		expect(await s.page.textContent('[data-testid=report-scope]')).toBe('Whole organisation');
		await s.page.selectOption('[data-testid=report-template-select]', 'Monthly worker report');
		const pseudonym = workerPseudonyms(workers).get('Laura Chen')!;
		await s.page.waitForFunction(
			(p) => document.querySelector('[data-testid=report-scope]')?.textContent === `Worker: ${p}`,
			pseudonym,
			{ timeout: 60_000 }
		);
		await reportReady(s.page);
		const cover = await s.page.textContent('[data-testid=report-brief]');
		expect(cover).toContain('09/01/2026 to 09/30/2026');
		expect(cover).toContain('Disclosure control.');
	});
});
