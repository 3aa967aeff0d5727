/**
 * An Excel workbook dropped on the Import page: converted in a worker, mapped and imported like
 * the equivalent CSV, its problem listed at the sheet's row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededExport } from '../unit/cli/xlsx-fixture';
import { openApp, waitForData, type Session } from './harness';
import { shownNumber } from './import-steps';

let s: Session;
beforeAll(async () => {
	s = await openApp('#/import');
	await waitForData(s.page);
});
afterAll(async () => s?.close());

describe('an Excel workbook in the browser', () => {
	it('imports the proposed sheet: 119 cases, the bad date at sheet row 10', async () => {
		await s.page.getByTestId('file-input').setInputFiles({
			name: 'cases.xlsx',
			mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			buffer: Buffer.from(seededExport().xlsx)
		});
		await s.page.getByTestId('mapping').waitFor({ timeout: 120_000 });
		expect(await s.page.getByTestId('mapping').innerText()).toContain('cases.xlsx (Cases)');
		await s.page.getByRole('button', { name: /^Import this file/ }).click();
		await s.page.getByTestId('validation-report').waitFor({ timeout: 120_000 });
		expect(await shownNumber(s.page, 'count-cases')).toBe(119);
		const listed = s.page
			.getByTestId('issue-list')
			.locator('tbody tr')
			.filter({ hasText: 'not a date' });
		expect(await listed.count()).toBe(1);
		expect(await listed.innerText()).toMatch(/\b10\b/);
	});
});
