/**
 * Issue 17, items 1, 6 and 7 in the app: three monthly exports imported together with one mapping,
 * next month's added to them, replacing the cases while goals are loaded asks, and a reload without
 * "keep my data" asks first, then offers to import the same files again. Counts are worked out by
 * hand from the files below.
 */
import type { Dialog } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, waitForData, type Session } from './harness';
import { csv, FEB, HEAD, JAN } from './monthly-exports';
import { importSettled, shownNumber } from './import-steps';

// March's latest date: 2024-03-15.
const MAR = csv('mar.csv', [
	HEAD,
	'C1,2024-01-05,2024-03-15,Ana',
	'C4,2024-02-28,,Eve',
	'C5,2024-03-01,,Fay'
]);
const APR = csv('apr.csv', [HEAD, 'C5,2024-03-01,2024-04-10,Fay', 'C6,2024-04-12,,Gil']);
const GOALS = csv('goals.csv', [
	'Case ID,Goal ID,Target Date,GAS Score',
	'C1,G1,2024-05-01,1',
	'C9,G2,2024-05-01,0'
]);
const NEW_CASES = csv('new-cases.csv', [HEAD, 'C1,2024-06-01,,Ana', 'C2,2024-06-02,,Bo']);

let s: Session;
beforeAll(async () => {
	s = await openApp('#/import');
	await waitForData(s.page);
});
afterAll(async () => s?.close());

const importButton = () =>
	s.page.getByRole('button', { name: /^Import (this file|these \d+ files)/ });
const outcome = (file: string) =>
	s.page
		.getByTestId('imported-table')
		.filter({ hasText: `${file}:` })
		.getByTestId('file-outcome');

describe('monthly exports in the app', () => {
	it('three monthly exports take one mapping and make one history of 5 cases', async () => {
		await s.page.getByTestId('file-input').setInputFiles([MAR, JAN, FEB]);
		await s.page.getByTestId('mapping').first().waitFor();
		expect(await s.page.getByTestId('mapping').count()).toBe(1);
		expect(await s.page.getByTestId('shared-mapping').innerText()).toContain(
			'One mapping for 3 files with the same columns: mar.csv, jan.csv, feb.csv'
		);
		expect(await s.page.getByTestId('file-order').locator('li').count()).toBe(3);
		await importButton().click();
		await s.page.getByTestId('validation-report').waitFor();
		expect(await shownNumber(s.page, 'count-cases')).toBe(5);
		// March: C5 added, C1 and C4 updated. February: C4 added, C2 updated. January: all 3 added.
		expect(await outcome('mar.csv').innerText()).toContain('1 added, 2 updated');
		expect(await outcome('feb.csv').innerText()).toContain('1 added, 1 updated');
		expect(await outcome('jan.csv').innerText()).toContain('3 added, 0 updated');
	});

	it("'Add to the loaded data' extends them with next month's export", async () => {
		await s.page.getByRole('radio', { name: /Add to the loaded data/ }).check();
		await s.page.getByTestId('file-input').setInputFiles(APR);
		await s.page.getByTestId('mapping').waitFor();
		await importButton().click();
		await s.page.getByTestId('validation-report').waitFor();
		expect(await shownNumber(s.page, 'count-cases')).toBe(6);
		expect(await outcome('apr.csv').innerText()).toContain('1 added, 1 updated'); // C6 added, C5 closed
		// Closed: C1 (March), C2 (February), C5 (April); open: C3, C4, C6.
		expect(await shownNumber(s.page, 'count-open')).toBe(3);
	});

	it('goals whose case is not loaded are counted in the report', async () => {
		await s.page.getByRole('radio', { name: /Replace the loaded data/ }).check();
		await s.page.getByTestId('file-input').setInputFiles(GOALS);
		await s.page.getByTestId('mapping').waitFor();
		await importButton().click();
		await s.page.getByTestId('validation-report').waitFor();
		expect(await s.page.getByTestId('orphans').innerText()).toContain(
			'1 goal has a case ID that no loaded case has'
		);
		const listed = s.page.getByTestId('issue-list').locator('tbody tr').filter({ hasText: 'C9' });
		expect(await listed.count()).toBe(1);
	});

	it('replacing the cases while goals are loaded asks, with how many of their case IDs are missing', async () => {
		await s.page.getByTestId('file-input').setInputFiles(NEW_CASES);
		await s.page.getByTestId('mapping').waitFor();
		await importButton().click();
		const question = s.page.getByTestId('related-question');
		await question.waitFor();
		// The goals' case IDs are C1 and C9; the new cases are C1 and C2.
		expect(await question.getByTestId('related-table').innerText()).toBe(
			'goals.csv: 2 goals: 1 case ID of 2 is not in the new cases.'
		);
		await s.page.getByRole('button', { name: 'Remove them' }).click();
		await s.page.getByTestId('validation-report').waitFor();
		expect(await shownNumber(s.page, 'count-cases')).toBe(2);
		expect(await s.page.getByTestId('data-summary').innerText()).toMatch(
			/Goals · events · staff\s+0 · 0 · 0/
		);
		expect(await s.page.getByTestId('orphans').count()).toBe(0);
		expect(await s.page.getByTestId('validation-report').innerText()).toContain(
			'No problems found in anything loaded.'
		);
	});
});

describe('leaving without "keep my data"', () => {
	it('a reload asks first, then says why the sample is shown and imports the same files in one click', async () => {
		const dialogs: string[] = [];
		s.page.on('dialog', (d: Dialog) => {
			dialogs.push(d.type());
			void d.accept();
		});
		await s.page.reload();
		expect(dialogs).toEqual(['beforeunload']);
		await waitForData(s.page);
		expect(await shownNumber(s.page, 'count-cases')).toBe(5000); // the sample
		const notice = s.page.getByTestId('not-kept');
		expect(await notice.innerText()).toContain(
			'The sample data is shown because the data you imported (new-cases.csv) was not kept between visits'
		);
		const phase = await importSettled(s.page, async () => {
			const [chooser] = await Promise.all([
				s.page.waitForEvent('filechooser'),
				s.page.getByTestId('reimport').click()
			]);
			await chooser.setFiles(NEW_CASES);
		});
		expect(phase).toBe('mapping');
		await importButton().click();
		await s.page.getByTestId('validation-report').waitFor();
		expect(await shownNumber(s.page, 'count-cases')).toBe(2);
		expect(await s.page.getByTestId('not-kept').count()).toBe(0);
		expect(s.problems()).toEqual([]);
	});
});
