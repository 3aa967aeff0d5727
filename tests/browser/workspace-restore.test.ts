/**
 * Restoring a sample-size workspace: the four sample exports (5,000 cases, goals, events, staff; 1.7 MB)
 * imported as the user's own files with "keep" ticked come back identical after a reload. Logs the time.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, waitForData, type Session } from './harness';

const SAMPLE = path.resolve(import.meta.dirname, '../../sample-data');
const FILES = ['cases.csv', 'goals.csv', 'events.csv', 'staff.csv'].map((f) =>
	path.join(SAMPLE, f)
);

let s: Session;
beforeAll(async () => {
	s = await openApp('#/import');
	await waitForData(s.page);
});
afterAll(async () => s?.close());

const figures = () => s.page.getByTestId('data-summary').first().innerText();

describe('restoring four files', () => {
	let before = '';
	let importMs = 0;
	it("imports the four exports as the user's files and stores them", async () => {
		await s.page.getByTestId('keep-checkbox').check();
		const t0 = Date.now();
		await s.page.getByTestId('file-input').setInputFiles(FILES);
		await s.page.getByTestId('mapping').first().waitFor({ timeout: 60_000 });
		await s.page.getByRole('button', { name: /^Import these 4 files/ }).click();
		await s.page.getByTestId('validation-report').waitFor({ timeout: 60_000 });
		importMs = Date.now() - t0;
		expect(await s.page.locator('.status').innerText()).toContain('Your data');
		before = await figures();
		expect(Number((await s.page.getByTestId('count-cases').innerText()).replaceAll(',', ''))).toBe(
			5000
		);
		await expect
			.poll(() => s.page.evaluate(async () => (await indexedDB.databases()).length), {
				timeout: 10_000
			})
			.toBe(1);
	});

	it('a reload brings back the same figures for all four tables', async () => {
		await s.page.goto(s.url + '#/workspace');
		await s.page
			.getByTestId('stored-info')
			.filter({ hasText: /^Stored on this computer: 4 files \(1\.7 MB\)/ })
			.waitFor({ timeout: 60_000 });
		const t0 = Date.now();
		await s.page.reload();
		const info = s.page.getByTestId('stored-info').filter({ hasText: 'Restored in' });
		await info.or(s.page.getByTestId('persist-error')).waitFor({ timeout: 60_000 });
		expect(
			await s.page.getByTestId('persist-error').count(),
			await s.page.locator('main').innerText()
		).toBe(0);
		const shown = Date.now() - t0;
		const text = await info.innerText();
		expect(text).toMatch(
			new RegExp(
				'^Stored on this computer: 4 files \\(1\\.7 MB\\): ' +
					'cases\\.csv, goals\\.csv, events\\.csv, staff\\.csv\\. Restored in \\d+\\.\\d s'
			)
		);
		console.log(
			`sample-size workspace (4 files, 1.7 MB): first import ${importMs} ms (incl. mapping screen); ` +
				`after reload: ${text.split('. ').at(-1)} restore; restored data on screen ${shown} ms after reload()`
		);
		await s.page
			.getByRole('navigation', { name: 'Main' })
			.getByRole('link', { name: 'Import' })
			.click();
		await waitForData(s.page);
		expect(await figures()).toBe(before);
		expect(await s.page.locator('.status').innerText()).toContain('Your data');
	});
});
