/** "Keep my data" left unticked (the default): a reload shows the sample again and nothing was stored. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, waitForData, type Session } from './harness';

const rows = ['Case ID,Date Opened,Date Closed,Worker'];
for (let i = 0; i < 23; i++)
	rows.push(`NK-${500 + i},2024-02-${String(1 + i).padStart(2, '0')},,Dana Polk`);
const CASES = rows.join('\n') + '\n';

let s: Session;
beforeAll(async () => {
	s = await openApp('#/import');
	await waitForData(s.page);
});
afterAll(async () => s?.close());

const count = async (id: string) =>
	Number((await s.page.getByTestId(id).first().innerText()).replaceAll(',', ''));

describe('without "keep my data"', () => {
	let sample = 0;
	it("imports the user's file into this tab only", async () => {
		sample = await count('count-cases');
		expect(sample).toBe(5000); // the bundled sample
		expect(await s.page.getByTestId('keep-checkbox').isChecked()).toBe(false);
		await s.page
			.getByTestId('file-input')
			.setInputFiles({ name: 'nk-cases.csv', mimeType: 'text/csv', buffer: Buffer.from(CASES) });
		await s.page.getByTestId('mapping').waitFor();
		await s.page.getByRole('button', { name: /^Import this file/ }).click();
		await s.page.getByTestId('validation-report').waitFor();
		expect(await count('count-cases')).toBe(23);
		expect(await s.page.getByTestId('keep-note').innerText()).toContain(
			'This data stays in this tab only.'
		);
	});

	it("after a reload the sample is shown, not the user's data, and no database was ever made", async () => {
		await s.page.reload();
		await waitForData(s.page);
		expect(await count('count-cases')).toBe(sample);
		expect(await s.page.locator('.status').innerText()).toContain('Sample data');
		expect(
			await s.page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))
		).toEqual([]);
		expect(
			await s.page.evaluate(() =>
				Object.keys(localStorage).filter((k) => k.startsWith('casemetrics.'))
			)
		).toEqual([]);
	});
});
