import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, REALDATA, waitForData, type Session } from './harness';
import { importSettled } from './import-steps';

let s: Session;
beforeAll(async () => {
	s = await openApp('#/import');
	await waitForData(s.page);
});
afterAll(async () => s?.close());

const count = async (id: string) =>
	Number((await s.page.getByTestId(id).first().innerText()).replaceAll(',', ''));

describe('importing real exports through the file picker', () => {
	it('starts with the sample data loaded', async () => {
		expect(await count('count-cases')).toBe(5000); // the bundled sample
	});

	it('Baltimore 311: 10,000 cases, 208 open, 16 agencies as teams, US date format with AM/PM', async () => {
		await s.page.getByTestId('file-input').setInputFiles(`${REALDATA}/baltimore_311_sample.csv`);
		await s.page.getByTestId('mapping').waitFor();
		await s.page.getByRole('button', { name: /^Import this file/ }).click();
		await s.page.getByTestId('validation-report').waitFor();
		expect(await count('count-cases')).toBe(10_000);
		expect(await count('count-open')).toBe(208);
		expect(await count('count-workers')).toBe(16);
		const summary = await s.page.getByTestId('data-summary').innerText();
		expect(summary).toContain('Agency');
		expect(await s.page.getByTestId('date-decision').first().innerText()).toContain(
			'MM/DD/YYYY hh:mm:ss AM/PM'
		);
	});

	it("a saved profile imports next month's export with the same columns in one step", async () => {
		await s.page.getByTestId('file-input').setInputFiles(`${REALDATA}/baltimore_311_sample.csv`);
		await s.page.getByTestId('mapping').waitFor();
		await s.page.getByPlaceholder(/LegalServer/).fill('Baltimore 311');
		await s.page.getByRole('button', { name: 'Save profile' }).click();
		await s.page.getByRole('button', { name: /^Import this file/ }).click();
		await s.page.getByTestId('validation-report').waitFor();
		expect(await s.page.getByTestId('profiles').innerText()).toContain('Baltimore 311');
		// The same export again: no mapping screen, straight to the report.
		const phase = await importSettled(s.page, () =>
			s.page.getByTestId('file-input').setInputFiles(`${REALDATA}/baltimore_311_sample.csv`)
		);
		expect(phase).toBe('done');
		expect(await s.page.getByTestId('mapping').count()).toBe(0);
		expect(await count('count-cases')).toBe(10_000);
		expect(
			JSON.parse(
				(await s.page.evaluate(() => localStorage.getItem('casemetrics.profiles'))) ?? '[]'
			)[0]
		).toMatchObject({
			name: 'Baltimore 311',
			table: 'cases',
			columns: { case_id: 'ServiceRequestNum', opened_at: 'CreatedDate', worker: 'Agency' }
		});
	});

	it('San Francisco 311: 10,000 cases, 370 open, the 17 closed before opened listed', async () => {
		await s.page.getByTestId('file-input').setInputFiles(`${REALDATA}/sf_311_sample.csv`);
		await s.page.getByTestId('mapping').waitFor();
		await s.page.getByRole('button', { name: /^Import this file/ }).click();
		await s.page.getByTestId('validation-report').waitFor();
		expect(await count('count-cases')).toBe(10_000);
		expect(await count('count-open')).toBe(370);
		const row = s.page.getByTestId('issue-count').filter({ hasText: 'closed before opened' });
		expect(await row.innerText()).toMatch(/closed before opened\s+17/);
		const listed = s.page
			.getByTestId('issue-list')
			.locator('tbody tr')
			.filter({ hasText: 'closed before opened' });
		expect(await listed.count()).toBe(17);
	});

	it('a failed import leaves the loaded data as it was', async () => {
		const before = await count('count-cases');
		await s.page
			.getByTestId('file-input')
			.setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.from('') });
		await s.page.getByTestId('import-error').waitFor();
		expect(await s.page.getByTestId('import-error').innerText()).toContain('empty.csv');
		expect(await count('count-cases')).toBe(before);
	});

	it('made no request to any host but its own', async () => {
		const origin = new URL(s.url).origin;
		const foreign = s.requests.filter(
			(r) => !r.startsWith(origin) && !r.startsWith('data:') && !r.startsWith('blob:')
		);
		expect(foreign).toEqual([]);
		expect(s.requests.length).toBeGreaterThan(5);
		expect(s.messages.filter((m) => m.startsWith('pageerror'))).toEqual([]);
	});
});

describe('the built page', () => {
	it('carries a Content-Security-Policy that allows nothing remote', () => {
		const html = readFileSync(new URL('../../build/index.html', import.meta.url), 'utf8');
		const csp =
			/<meta http-equiv="content-security-policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
		const directives = Object.fromEntries(
			csp
				.split(';')
				.map((d) => d.trim().split(/\s+/))
				.map(([k, ...v]) => [k, v])
		);
		expect(directives['default-src']).toEqual(["'self'"]);
		expect(directives['connect-src']).toEqual(["'self'"]);
		expect(directives['script-src'].filter((v: string) => !v.startsWith("'sha256-"))).toEqual([
			"'self'",
			"'wasm-unsafe-eval'"
		]);
		expect(csp).not.toMatch(/https?:|\*/);
	});
});
