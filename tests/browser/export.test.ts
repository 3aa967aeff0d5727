/**
 * Downloads people use, on the built app with the bundled sample: a report table and a case list
 * as .xlsx (Playwright's download event; the file parsed with SheetJS and compared cell by cell with
 * the table on screen); a case list as CSV (papaparse), holding the same headers and values as its
 * .xlsx; a dashboard chart and a report chart as PNG (the PNG signature, twice the chart's size on
 * screen) and SVG (the report's buttons hidden in print).
 */
import { readFileSync } from 'node:fs';
import { read, utils, type CellObject, type WorkSheet } from '@e965/xlsx';
import Papa from 'papaparse';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate, formatMonth, formatValue } from '../../src/lib/charts/format';
import { navigate, openApp, type Session } from './harness';
import { reportReady } from './report-steps';

let s: Session;
const figures: Record<string, number | string> = {};

beforeAll(async () => {
	s = await openApp('#/report');
});
afterAll(async () => {
	console.log('export figures:', JSON.stringify(figures));
	await s?.close();
});

/** Clicks `button`, waits for the download, and returns its file name and bytes. */
async function downloaded(page: Page, button: Locator): Promise<{ name: string; bytes: Buffer }> {
	const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
	return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

/** The sheet's cells, row by row (the header first), as SheetJS reads them. */
function cellsOf(ws: WorkSheet): (CellObject | undefined)[][] {
	const range = utils.decode_range(ws['!ref']!);
	const rows: (CellObject | undefined)[][] = [];
	for (let r = range.s.r; r <= range.e.r; r++) {
		const row: (CellObject | undefined)[] = [];
		for (let c = range.s.c; c <= range.e.c; c++) row.push(ws[utils.encode_cell({ r, c })]);
		rows.push(row);
	}
	return rows;
}

/** An Excel date serial as ISO text ('YYYY-MM-DD hh:mm:ss'), computed here from the definition. */
function serialIso(serial: number): string {
	const ms = Math.round((serial - 25569) * 86_400_000);
	return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** What the report page prints for a number cell, from its Excel number format (the report's formatter). */
function reportText(cell: CellObject): string {
	const v = cell.v as number;
	switch (cell.z) {
		case '0.0%':
			return formatValue(v, 'share');
		case '#,##0':
			return formatValue(v, 'cases');
		case '0.0 "days"':
			return formatValue(v, 'days');
		case '0.0':
			return formatValue(v, 'score');
		case '0.00':
			return formatValue(v, 'ratio');
		case 'yyyy-mm':
			// Months as the page labels them (en-US here: "Oct 2025"); the workbook holds the month.
			return formatMonth(serialIso(v).slice(0, 7));
		case 'yyyy-mm-dd':
			// The page writes dates in the browser's locale (en-US here); the workbook holds the date.
			return formatDate(serialIso(v).slice(0, 10));
		case 'General':
		case undefined:
			return formatValue(v);
		default:
			return `unexpected format ${String(cell.z)}`;
	}
}

describe('report tables as .xlsx', () => {
	beforeAll(async () => {
		await reportReady(s.page);
	});

	it('a category table parses back to the table on screen, numbers as numbers', async () => {
		const tables = s.page.locator('.report-doc [data-testid=report-table]:has(tbody tr)');
		const count = await tables.count();
		expect(count).toBeGreaterThan(3);
		let numbers = 0;
		let dates = 0;
		for (let t = 0; t < count; t++) {
			const table = tables.nth(t);
			const id = (await table.getAttribute('data-table'))!;
			const shown = await table.evaluate((el) => ({
				head: [...el.querySelectorAll('thead th')].map((th) => th.textContent!.trim()),
				rows: [...el.querySelectorAll('tbody tr')].map((tr) =>
					[...tr.querySelectorAll('td')].map((td) => td.textContent!.trim())
				)
			}));
			const file = await downloaded(s.page, table.getByTestId('xlsx-download'));
			expect(file.name).toBe(`${id}.xlsx`);
			const wb = read(file.bytes, { type: 'buffer', cellNF: true });
			const [head, ...rows] = cellsOf(wb.Sheets[wb.SheetNames[0]]);
			expect(
				head.map((c) => c?.v),
				id
			).toEqual(shown.head);
			expect(rows.length, id).toBe(shown.rows.length);
			rows.forEach((row, i) =>
				row.forEach((cell, j) => {
					const text = shown.rows[i][j];
					expect(cell, `${id} ${i},${j}`).toBeDefined();
					expect(cell!.f, `${id} ${i},${j}: no formula`).toBeUndefined();
					if (cell!.t === 's') expect(cell!.v, `${id} ${i},${j}`).toBe(text);
					else {
						expect(cell!.t, `${id} ${i},${j}`).toBe('n');
						expect(reportText(cell!), `${id} ${i},${j}`).toBe(text);
						if (/^yyyy/.test(String(cell!.z))) dates++;
						else numbers++;
					}
				})
			);
		}
		figures.reportTables = count;
		figures.reportNumberCells = numbers;
		figures.reportDateCells = dates;
		expect(numbers).toBeGreaterThan(20);
		expect(dates).toBeGreaterThan(5);
	});

	it('the headline figures parse back with their values as numbers', async () => {
		const brief = s.page.getByTestId('report-brief');
		const file = await downloaded(s.page, brief.getByTestId('xlsx-download'));
		expect(file.name).toBe('headline-figures.xlsx');
		const wb = read(file.bytes, { type: 'buffer', cellNF: true });
		const [head, ...rows] = cellsOf(wb.Sheets[wb.SheetNames[0]]);
		expect(head.slice(0, 4).map((c) => c?.v)).toEqual([
			'Figure',
			'Value',
			'Previous period',
			'Change'
		]);
		const shown = await brief.locator('[data-figure]').evaluateAll((trs) =>
			trs.map((tr) => ({
				title: tr.querySelector('td')!.textContent!.trim(),
				value: (tr as HTMLElement).dataset.value!,
				text: tr.querySelector('.value')!.textContent!.trim()
			}))
		);
		expect(rows.map((r) => r[0]?.v)).toEqual(shown.map((f) => f.title));
		rows.forEach((r, i) => {
			if (r[1]?.t === 'n') {
				expect(r[1].v, shown[i].title).toBe(Number(shown[i].value));
				expect(reportText(r[1]), shown[i].title).toBe(shown[i].text);
			} else expect(r[1]?.v, shown[i].title).toBe(shown[i].text);
		});
		expect(rows.filter((r) => r[1]?.t === 'n').length).toBeGreaterThan(5);
	});
});

describe('a case list as .xlsx', () => {
	it('parses back to the rows on screen, dates as Excel dates', async () => {
		await navigate(s.page, '/cases?metric=opened');
		const drill = s.page.getByTestId('drill');
		await s.page.waitForFunction(
			() => document.querySelector<HTMLElement>('[data-testid=drill]')?.dataset.state === 'ready',
			null,
			{ timeout: 60_000 }
		);
		const total = Number(await drill.getAttribute('data-total'));
		const shown = await s.page.getByTestId('drill-table').evaluate((el) => ({
			head: [...el.querySelectorAll('thead th')].map((th) => th.textContent!.trim()),
			rows: [...el.querySelectorAll('tbody tr')].map((tr) =>
				[...tr.querySelectorAll('td')].map((td) => td.textContent!.trim())
			)
		}));
		const file = await downloaded(s.page, s.page.getByTestId('drill-export-xlsx'));
		expect(file.name).toBe('opened-cases.xlsx');
		const wb = read(file.bytes, { type: 'buffer', cellNF: true, cellDates: false });
		const [head, ...rows] = cellsOf(wb.Sheets[wb.SheetNames[0]]);
		expect(head.map((c) => c?.v)).toEqual(shown.head.map((h) => h.replace(/ [▲▼]$/, '')));
		// Every row of the view, of which the page shows the first 50.
		expect(rows.length).toBe(total);
		expect(total).toBeGreaterThan(shown.rows.length);
		let dates = 0;
		shown.rows.forEach((texts, i) =>
			texts.forEach((text, j) => {
				const cell = rows[i][j];
				const at = `${i},${j} (${shown.head[j]})`;
				if (text === '') return expect(cell, at).toBeUndefined();
				if (cell!.t === 's') return expect(cell!.v, at).toBe(text);
				expect(cell!.t, at).toBe('n');
				if (/^yyyy-mm-dd/.test(String(cell!.z))) {
					dates++;
					// The page shows the engine's text ('YYYY-MM-DD' or with its time to the second).
					return expect(serialIso(cell!.v as number).slice(0, text.length), at).toBe(text);
				}
				expect((cell!.v as number).toLocaleString('en-US', { maximumFractionDigits: 2 }), at).toBe(
					text
				);
			})
		);
		figures.caseRows = rows.length;
		figures.caseDateCells = dates;
		expect(dates).toBeGreaterThanOrEqual(shown.rows.length);
	});
});

describe('a chart as PNG', () => {
	it('downloads a PNG twice the size of the chart on screen', async () => {
		await navigate(s.page, '/throughput');
		const card = s.page.locator('[data-testid=chart-card]:has([data-testid=chart] svg)').first();
		await card.waitFor({ timeout: 60_000 });
		const id = await card.getAttribute('data-chart');
		const box = (await card.getByTestId('chart').boundingBox())!;
		const file = await downloaded(s.page, card.getByTestId('chart-png'));
		expect(file.name).toBe(`${id}.png`);
		const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
		expect([...file.bytes.subarray(0, 8)]).toEqual(signature);
		// The IHDR chunk: width and height, big-endian, at bytes 16 and 20.
		expect(file.bytes.toString('ascii', 12, 16)).toBe('IHDR');
		const width = file.bytes.readUInt32BE(16);
		const height = file.bytes.readUInt32BE(20);
		figures.png = `${width}x${height}`;
		expect(width).toBe(Math.round(box.width) * 2);
		expect(height).toBe(Math.round(box.height) * 2);
		// The SVG download is still there, beside it.
		const svg = await downloaded(s.page, card.getByTestId('chart-svg'));
		expect(svg.bytes.toString('utf8')).toMatch(/^<svg/);
		expect(s.problems()).toEqual([]);
	});
});

describe('a case list as CSV', () => {
	it('holds the same worded headers and values as its .xlsx', async () => {
		// Missed deadlines: the outcome column holds the engine's codes (late, not_done).
		await navigate(s.page, '/cases?metric=deadlines_met_rate');
		await s.page.waitForFunction(
			() => document.querySelector<HTMLElement>('[data-testid=drill]')?.dataset.state === 'ready',
			null,
			{ timeout: 60_000 }
		);
		const csvFile = await downloaded(s.page, s.page.getByTestId('drill-export'));
		expect(csvFile.name).toBe('deadlines_met_rate-cases.csv');
		const csv = Papa.parse<string[]>(
			csvFile.bytes
				.toString('utf8')
				.replace(/^\uFEFF/, '')
				.trim()
		).data;
		const xlsxFile = await downloaded(s.page, s.page.getByTestId('drill-export-xlsx'));
		const wb = read(xlsxFile.bytes, { type: 'buffer', cellNF: true, cellDates: false });
		const [head, ...rows] = cellsOf(wb.Sheets[wb.SheetNames[0]]);
		expect(csv[0]).toEqual(head.map((c) => c?.v));
		expect(csv[0]).toContain('outcome');
		expect(csv[0].join(' ')).not.toContain('_');
		expect(csv.length - 1).toBe(rows.length);
		const outcome = csv[0].indexOf('outcome');
		const outcomes = new Set(csv.slice(1).map((r) => r[outcome]));
		// Worded as on the page: "done late", "not done"; never the codes.
		expect([...outcomes].sort()).toEqual(['done late', 'not done']);
		csv.slice(1).forEach((texts, i) =>
			texts.forEach((text, j) => {
				const cell = rows[i][j];
				const at = `${i},${j} (${csv[0][j]})`;
				if (text === '') return expect(cell, at).toBeUndefined();
				if (cell!.t === 's') return expect(cell!.v, at).toBe(text);
				if (/^yyyy-mm-dd/.test(String(cell!.z)))
					return expect(serialIso(cell!.v as number).slice(0, text.length), at).toBe(text);
				expect(cell!.v, at).toBe(Number(text));
			})
		);
		figures.caseCsvRows = rows.length;
	});
});

describe("the report's charts as pictures", () => {
	it('downloads each report chart as PNG and SVG on screen; the buttons never print', async () => {
		await navigate(s.page, '/report');
		await reportReady(s.page);
		const block = s.page.locator('.chart-block:has([data-testid=chart] svg)').first();
		await block.waitFor({ timeout: 60_000 });
		const id = await block.getAttribute('data-chart');
		const title = (await block.locator('h3').innerText()).trim();
		const [w, h] = await block
			.getByTestId('chart')
			.evaluate((el: HTMLElement) => [el.offsetWidth, el.offsetHeight]);
		// Named by the chart, as the page holds many.
		const png = block.getByRole('button', { name: `Picture (PNG): ${title}` });
		const file = await downloaded(s.page, png);
		expect(file.name).toBe(`${id}.png`);
		expect([...file.bytes.subarray(0, 8)]).toEqual([
			0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a
		]);
		expect(file.bytes.toString('ascii', 12, 16)).toBe('IHDR');
		// Drawn at twice the printed width the report lays the chart out at.
		expect(file.bytes.readUInt32BE(16)).toBe(w * 2);
		expect(file.bytes.readUInt32BE(20)).toBe(h * 2);
		const svg = await downloaded(s.page, block.getByTestId('chart-svg'));
		expect(svg.name).toBe(`${id}.svg`);
		const svgText = svg.bytes.toString('utf8');
		expect(svgText).toMatch(/^<svg/);
		// The picture carries its title (the page shows it as a heading instead).
		expect(svgText).toContain(title.replaceAll('&', '&amp;'));
		// Every chart of the report has both; none shows when printed.
		const blocks = await s.page.locator('.chart-block:has([data-testid=chart])').count();
		expect(await s.page.locator('.chart-block [data-testid=chart-png]').count()).toBe(blocks);
		expect(await s.page.locator('.chart-block [data-testid=chart-svg]').count()).toBe(blocks);
		await s.page.emulateMedia({ media: 'print' });
		expect(await block.getByTestId('chart-png').isVisible()).toBe(false);
		expect(await block.getByTestId('chart-svg').isVisible()).toBe(false);
		await s.page.emulateMedia({ media: 'screen' });
		expect(await block.getByTestId('chart-png').isVisible()).toBe(true);
		expect(s.problems()).toEqual([]);
	});
});

describe('dates and numbers follow the settings', () => {
	it("the browser's locale by default (en-US here), ISO when chosen in Settings", async () => {
		await navigate(s.page, '/report');
		await reportReady(s.page);
		const due = s.page.locator('[data-exception=deadlines] tbody tr td:nth-child(2)').first();
		const sources = s.page.getByTestId('report-sources');
		expect((await due.textContent())!.trim()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
		const sourcesText = async () => (await sources.textContent())!.replace(/\s+/g, ' ');
		expect(await sourcesText()).toContain('cases, 5,000 rows');
		await navigate(s.page, '/settings');
		await s.page.getByTestId('date-style').selectOption('iso');
		await s.page.getByTestId('settings-save').click();
		await s.page.getByTestId('settings-saved').waitFor();
		await navigate(s.page, '/report');
		await s.page.waitForFunction(
			() =>
				/^\d{4}-\d{2}-\d{2}$/.test(
					document
						.querySelector('[data-exception=deadlines] tbody tr td:nth-child(2)')
						?.textContent?.trim() ?? ''
				),
			null,
			{ timeout: 120_000 }
		);
		await reportReady(s.page);
		expect(await sourcesText()).toContain('cases, 5000 rows');
	});
});
