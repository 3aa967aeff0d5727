import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badInputs } from '../fixtures/bad-inputs';
import { openApp, waitForData, type Session } from './harness';

let s: Session;
let sampleCases = 0;
beforeAll(async () => {
	s = await openApp('#/import');
	await waitForData(s.page);
	sampleCases = await count('count-cases');
});
afterAll(async () => s?.close());

async function count(id: string): Promise<number> {
	return Number((await s.page.getByTestId(id).first().innerText()).replaceAll(',', ''));
}

async function loadSample() {
	await s.page.getByRole('button', { name: 'Load the sample data' }).click();
	await s.page.getByTestId('validation-report').waitFor();
	expect(await count('count-cases')).toBe(sampleCases);
}

async function issueCounts(): Promise<Record<string, number>> {
	const rows = await s.page.getByTestId('issue-count').allInnerTexts();
	return Object.fromEntries(rows.map((r) => r.split('\t')).map(([k, v]) => [k.trim(), Number(v.replaceAll(',', ''))]));
}

describe('every kind of bad input: imported with the right flags, or refused by name, never losing the loaded data', () => {
	for (const input of badInputs()) {
		it(`${input.name}: ${input.expect.outcome}`, async () => {
			const page = s.page;
			if (input.expect.outcome === 'refused') await loadSample();
			await page.getByTestId('file-input').setInputFiles({ name: input.name, mimeType: 'text/csv', buffer: Buffer.from(input.bytes) });
			const settled = page.getByTestId('mapping').or(page.getByTestId('import-error')).or(page.getByTestId('validation-report'));
			await settled.first().waitFor({ timeout: 60_000 });

			if (input.expect.outcome === 'refused') {
				const message = await page.getByTestId('import-error').innerText();
				for (const words of input.expect.message) expect(message).toContain(words);
				expect(message).toContain('The data you had loaded before is unchanged');
				expect(await count('count-cases')).toBe(sampleCases);
			} else {
				const mapping = await page.getByTestId('mapping').innerText();
				for (const text of input.expect.shows ?? []) expect(mapping).toContain(text);
				await page.getByRole('button', { name: /^Import this file/ }).click();
				await page.getByTestId('validation-report').or(page.getByTestId('import-error')).first().waitFor({ timeout: 60_000 });
				expect(await page.getByTestId('import-error').count()).toBe(0);
				expect(await count('count-cases')).toBe(input.expect.cases);
				expect(await issueCounts()).toEqual(input.expect.issues ?? {});
				if (input.expect.workers) expect(await count('count-workers')).toBe(input.expect.workers.length);
			}
			// Never a blank page, never a script run from a cell.
			expect(await page.locator('header').innerText()).toContain('Casemetrics');
			expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
		});
	}

	it('ran no cell content and logged no page error', () => {
		expect(s.messages.filter((m) => m.startsWith('pageerror'))).toEqual([]);
	});
});
