import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badInputs } from '../fixtures/bad-inputs';
import { navigate, openApp, waitForData, type Session } from './harness';
import { importSettled, shownNumber } from './import-steps';

let s: Session;
let sampleCases = 0;
beforeAll(async () => {
	s = await openApp('#/import');
	await waitForData(s.page);
	sampleCases = await count('count-cases');
});
afterAll(async () => s?.close());

const count = (id: string) => shownNumber(s.page, id);

async function loadSample() {
	expect(
		await importSettled(
			s.page,
			() => s.page.getByRole('button', { name: 'Load the sample data' }).click(),
			['done']
		)
	).toBe('done');
	expect(await count('count-cases')).toBe(sampleCases);
}

/** The worker filter's values ("name (count)" options), sorted. */
async function workerNames(): Promise<string[]> {
	const options = await s.page.getByTestId('filter-worker').locator('option').allTextContents();
	return options
		.slice(1)
		.map((o) => o.trim().replace(/ \(\d+\)$/, ''))
		.sort();
}

async function issueCounts(): Promise<Record<string, number>> {
	const rows = await s.page.getByTestId('issue-count').allInnerTexts();
	return Object.fromEntries(
		rows.map((r) => r.split('\t')).map(([k, v]) => [k.trim(), Number(v.replaceAll(',', ''))])
	);
}

const TITLE =
	'every kind of bad input: imported with the right flags, or refused by name, never losing the data';
describe(TITLE, () => {
	for (const input of badInputs()) {
		it(`${input.name}: ${input.expect.outcome}`, async () => {
			const page = s.page;
			if (input.expect.outcome === 'refused') await loadSample();
			const phase = await importSettled(page, () =>
				page.getByTestId('file-input').setInputFiles({
					name: input.name,
					mimeType: 'text/csv',
					buffer: Buffer.from(input.bytes)
				})
			);
			expect(phase).toBe(input.expect.outcome === 'refused' ? 'failed' : 'mapping');

			if (input.expect.outcome === 'refused') {
				const message = await page.getByTestId('import-error').innerText();
				for (const words of input.expect.message) expect(message).toContain(words);
				expect(message).toContain('The data you had loaded before is unchanged');
				expect(await count('count-cases')).toBe(sampleCases);
			} else {
				const mapping = await page.getByTestId('mapping').innerText();
				for (const text of input.expect.shows ?? []) expect(mapping).toContain(text);
				await page.getByRole('button', { name: /^Import this file/ }).click();
				await page
					.locator(
						'[data-testid="import-title"][data-phase="done"], ' +
							'[data-testid="import-title"][data-phase="failed"]'
					)
					.waitFor({ timeout: 60_000 });
				expect(await page.getByTestId('import-error').count()).toBe(0);
				expect(await count('count-cases')).toBe(input.expect.cases);
				expect(await issueCounts()).toEqual(input.expect.issues ?? {});
				if (input.expect.workers) {
					expect(await count('count-workers')).toBe(input.expect.workers.length);
					// The names as decoded and stored, read from the worker filter of the overview.
					await navigate(s.page, '/');
					await expect
						.poll(workerNames, { timeout: 60_000 })
						.toEqual([...input.expect.workers].sort());
					await navigate(s.page, '/import');
				}
			}
			// Never a blank page, never a script run from a cell.
			expect(await page.locator('header').innerText()).toContain('Casemetrics');
			expect(
				await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)
			).toBeUndefined();
		});
	}

	it('ran no cell content and logged no page error', () => {
		expect(s.messages.filter((m) => m.startsWith('pageerror'))).toEqual([]);
	});
});
