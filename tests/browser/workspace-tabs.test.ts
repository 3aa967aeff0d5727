/**
 * Two tabs: the first holds the workspace lock and keeps its data; the second works on its own data in
 * memory, says so, and never writes the stored workspace.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, waitForData, type Session } from './harness';

function casesCsv(n: number, prefix: string): string {
	const rows = ['Case ID,Date Opened,Date Closed,Worker'];
	for (let i = 0; i < n; i++)
		rows.push(`${prefix}-${100 + i},2024-03-${String(1 + (i % 28)).padStart(2, '0')},,Eli Moss`);
	return rows.join('\n') + '\n';
}
const FIRST = casesCsv(31, 'T1');
const SECOND = casesCsv(12, 'T2');

let s: Session;
let second: Page;
beforeAll(async () => {
	s = await openApp('#/import');
	await waitForData(s.page);
});
afterAll(async () => s?.close());

const count = async (page: Page) =>
	Number((await page.getByTestId('count-cases').first().innerText()).replaceAll(',', ''));
const stored = (page: Page) =>
	page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const req = indexedDB.open('casemetrics');
			req.onsuccess = () => resolve(req.result);
			req.onerror = () => reject(req.error);
		});
		const rows = await new Promise<{ name: string; size: number; blob: Blob }[]>((resolve) => {
			const req = db.transaction('files').objectStore('files').getAll();
			req.onsuccess = () => resolve(req.result);
		});
		const out = await Promise.all(
			rows.map(async (r) => ({ name: r.name, size: r.size, text: await r.blob.text() }))
		);
		db.close();
		return out;
	});

async function importFile(page: Page, name: string, text: string) {
	await page
		.getByTestId('file-input')
		.setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
	await page.getByTestId('mapping').waitFor();
	await page.getByRole('button', { name: /^Import this file/ }).click();
	await page.getByTestId('validation-report').waitFor();
}

describe('a second tab', () => {
	it('the first tab keeps its data', async () => {
		expect(await s.page.getByTestId('other-tab').count()).toBe(0);
		await s.page.getByTestId('keep-checkbox').check();
		await importFile(s.page, 'first.csv', FIRST);
		expect(await count(s.page)).toBe(31);
		await expect
			.poll(() => stored(s.page), { timeout: 10_000 })
			.toEqual([{ name: 'first.csv', size: FIRST.length, text: FIRST }]);
	});

	it('says the workspace is open elsewhere, cannot tick "keep", and starts on the sample', async () => {
		second = await s.context.newPage();
		await second.goto(s.url + '#/import');
		await waitForData(second);
		expect(await second.getByTestId('other-tab').innerText()).toContain(
			'Casemetrics is open in another tab: this tab will not save your data between visits'
		);
		expect(await second.getByTestId('keep-note').innerText()).toBe(
			'Casemetrics is open in another tab: this tab will not save your data between visits.'
		);
		expect(await second.getByTestId('keep-checkbox').isDisabled()).toBe(true);
		expect(await second.getByTestId('keep-checkbox').isChecked()).toBe(false);
		// The bundled sample: 5,000 cases.
		expect(await count(second)).toBe(5000);
	});

	it('works on its own data in memory without touching what the first tab stored', async () => {
		await importFile(second, 'second.csv', SECOND);
		expect(await count(second)).toBe(12);
		// Give a wrongly started write time to land, then check nothing changed.
		await second.waitForTimeout(1500);
		expect(await stored(s.page)).toEqual([{ name: 'first.csv', size: FIRST.length, text: FIRST }]);
		expect(await count(s.page)).toBe(31);
		expect(await s.page.getByTestId('other-tab').count()).toBe(0);
	});

	it('the first tab, reloaded while the second is open, is still the one that keeps the data', async () => {
		await s.page.reload();
		await s.page
			.getByTestId('count-cases')
			.filter({ hasText: /^31$/ })
			.waitFor({ timeout: 60_000 });
		expect(await s.page.getByTestId('other-tab').count()).toBe(0);
		expect(await s.page.getByTestId('keep-checkbox').isChecked()).toBe(true);
		expect(await stored(s.page)).toEqual([{ name: 'first.csv', size: FIRST.length, text: FIRST }]);
		// The second tab still has its own data and still says it does not save.
		expect(await count(second)).toBe(12);
		expect(await second.getByTestId('other-tab').count()).toBe(1);
	});

	it('logged no page error, console error or failed request in either tab', () => {
		expect(s.problems()).toEqual([]);
	});

	it("the harness hears the second tab: an error thrown there is reported as the second tab's", async () => {
		await second.evaluate(() => {
			setTimeout(() => {
				throw new Error('thrown in the second tab');
			});
			console.error('console error in the second tab');
		});
		await expect
			.poll(() => s.problems())
			.toEqual([
				'error: console error in the second tab [tab 2]',
				'pageerror: thrown in the second tab [tab 2]'
			]);
	});
});
