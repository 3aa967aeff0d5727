/**
 * "Keep my data" with two monthly exports of the cases, the second added to the first: both files
 * are stored, a reload imports them again into the same history without asking, and nothing says
 * the data was not kept. Counts are worked out by hand from the files below.
 */
import type { Dialog } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, waitForData, type Session } from './harness';
import { csv, FEB, JAN } from './monthly-exports';
import { shownNumber } from './import-steps';

let s: Session;
beforeAll(async () => {
	s = await openApp('#/import');
	await waitForData(s.page);
});
afterAll(async () => s?.close());

const importFile = async (file: ReturnType<typeof csv>) => {
	await s.page.getByTestId('file-input').setInputFiles(file);
	await s.page.getByTestId('mapping').waitFor();
	await s.page.getByRole('button', { name: /^Import this file/ }).click();
	await s.page.getByTestId('validation-report').waitFor();
};

describe('two monthly exports kept between visits', () => {
	it('are both stored, the second added to the first', async () => {
		await s.page.getByTestId('keep-checkbox').check();
		await importFile(JAN);
		await s.page.getByRole('radio', { name: /Add to the loaded data/ }).check();
		await importFile(FEB);
		// C1, C2 (closed in February), C3, C4.
		expect(await shownNumber(s.page, 'count-cases')).toBe(4);
		expect(await shownNumber(s.page, 'count-open')).toBe(3);
		await s.page.getByTestId('keep-note').filter({ hasText: '2 files' }).waitFor();
	});

	it('come back after a reload, with no question and no note', async () => {
		const dialogs: string[] = [];
		s.page.on('dialog', (d: Dialog) => {
			dialogs.push(d.type());
			void d.accept();
		});
		await s.page.reload();
		await s.page
			.getByTestId('count-cases')
			.filter({ hasText: /^4$/ })
			.waitFor({ timeout: 120_000 });
		expect(await shownNumber(s.page, 'count-open')).toBe(3);
		expect(dialogs).toEqual([]);
		expect(await s.page.getByTestId('not-kept').count()).toBe(0);
		expect(s.problems()).toEqual([]);
	});
});
