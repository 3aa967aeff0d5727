/**
 * A large workbook being parsed in its worker: the page shows how far it is (reading the file,
 * parsing the workbook, converting rows N of M), and Cancel stops it with the loaded sample intact.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { utils, write } from '@e965/xlsx';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, waitForData, type Session } from './harness';
import { shownNumber } from './import-steps';

const SAMPLE_CASES = path.resolve(import.meta.dirname, '../../sample-data/cases.csv');
const ROWS = 60_000;

/** ROWS cases of six columns, dates as serial numbers: seconds for SheetJS to parse. */
function largeWorkbook(): Buffer {
	const rows: (string | number)[][] = [
		['Case ID', 'Date Opened', 'Date Closed', 'Office', 'Type', 'Note']
	];
	for (let i = 0; i < ROWS; i++)
		rows.push([
			`L-${i}`,
			45_000 + (i % 700),
			45_030 + (i % 700),
			`Office ${i % 7}`,
			`Type ${i % 5}`,
			`n${i}`
		]);
	const wb = utils.book_new();
	utils.book_append_sheet(wb, utils.aoa_to_sheet(rows), 'Cases');
	return Buffer.from(
		write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer
	);
}

/** Runs in the page: every text the workbook's progress line shows, in order. */
function recordProgress() {
	const seen: string[] = [];
	(window as unknown as { __progress: string[] }).__progress = seen;
	new MutationObserver(() => {
		const text = document.querySelector('[data-testid=progress-workbook]')?.textContent?.trim();
		if (text && seen[seen.length - 1] !== text) seen.push(text);
	}).observe(document, { subtree: true, childList: true, characterData: true });
}

let s: Session;
beforeAll(async () => {
	s = await openApp('#/import', { init: recordProgress });
	await waitForData(s.page);
});
afterAll(async () => s?.close());

describe('a workbook being parsed', { timeout: 300_000 }, () => {
	it('shows its progress, and a cancel leaves the sample loaded', async () => {
		const sample = Papa.parse(readFileSync(SAMPLE_CASES, 'utf8'), {
			header: true,
			skipEmptyLines: true
		});
		expect(sample.data).toHaveLength(5000);
		expect(await shownNumber(s.page, 'count-cases')).toBe(5000);

		// The workbook's worker, and whether it has been stopped.
		const worker = s.page.waitForEvent('worker', {
			predicate: (w) => /xlsx/.test(w.url()),
			timeout: 180_000
		});
		await s.page.getByTestId('file-input').setInputFiles(
			{
				name: 'large.xlsx',
				mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
				buffer: largeWorkbook()
			},
			{ timeout: 180_000 }
		);
		const line = s.page.getByTestId('progress-workbook');
		// Cancel while SheetJS parses (seconds for this workbook): the conversion after it can be over
		// before a poll sees it on a quiet machine.
		await line.filter({ hasText: /^parsing the workbook/ }).waitFor({ timeout: 120_000 });
		expect(await s.page.getByTestId('import-progress').getByRole('status').innerText()).toMatch(
			/^Reading large\.xlsx…/
		);
		const closed = (await worker).waitForEvent('close', { timeout: 60_000 });
		await s.page.getByRole('button', { name: 'Cancel import' }).click();
		await closed;

		const error = s.page.getByTestId('import-error');
		await error.waitFor({ timeout: 60_000 });
		expect(await error.innerText()).toContain(
			'Import cancelled; the data loaded before is unchanged.'
		);
		const seen = await s.page.evaluate(
			() => (window as unknown as { __progress: string[] }).__progress
		);
		expect(seen.slice(0, 2)).toEqual(['reading the file', 'parsing the workbook']);
		// Had the parse ended before the click, the conversion's steps follow: sheet rows are the header
		// and the cases, told every 5,000 rows.
		for (const step of seen.slice(2))
			expect(step).toMatch(
				/^converting rows (0|[1-5]?5,000|[1-6]0,000) of 60,001 \(sheet “Cases”\)$/
			);
		expect(await s.page.getByTestId('import-title').getAttribute('data-phase')).toBe('failed');
		expect(await shownNumber(s.page, 'count-cases')).toBe(sample.data.length);
		expect(await shownNumber(s.page, 'count-open')).toBe(
			(sample.data as Record<string, string>[]).filter((r) => r['Date Closed'] === '').length
		);
	});
});
