/**
 * The report as a supervisor uses it, in the built app:
 *
 * 1. Notes: a note with line breaks and markup survives a reload and prints as typed, inert.
 * 2. "Report on this view": a worker filter and a custom period on a dashboard page become the
 *    report's scope line and period.
 * 3. A real city export (Baltimore 311) prints in at most 12 pages with no text glitch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { navigate, openApp, REALDATA, type Session } from './harness';
import { importSettled } from './import-steps';
import { openOrganisationReport, printPdf, reportReady, textGlitches } from './report-steps';

let s: Session;

beforeAll(async () => {
	s = await openApp('#/report');
	await reportReady(s.page);
});
afterAll(async () => {
	expect(s.problems()).toEqual([]);
	await s?.close();
});

const NOTE = 'Staffing was short in August.\n<b>Two</b> posts were vacant;\n\nsee the minutes.';

describe('notes', () => {
	it('keeps a note over a reload and prints it as typed: text, line breaks kept', async () => {
		await s.page.getByTestId('report-note-brief').fill(NOTE);
		await s.page.getByText(/^Notes on each section/).click();
		await s.page.getByTestId('report-note-caseload').fill('Two new starters in September.');
		await s.page.waitForFunction(
			() => document.querySelectorAll('[data-testid=report-note]').length === 2
		);
		await s.page.reload();
		await reportReady(s.page);
		expect(await s.page.getByTestId('report-note-brief').inputValue()).toBe(NOTE);
		const printed = s.page.locator('[data-testid=report-brief] [data-testid=report-note] p');
		expect(await printed.textContent()).toBe(NOTE);
		// Inert: the markup is text, no element was made of it.
		expect(await printed.locator('b').count()).toBe(0);
		const pdf = await printPdf(s.page, 'notes');
		const lines = pdf.pages[0].split('\n').map((l) => l.trim());
		const first = lines.indexOf('Staffing was short in August.');
		expect(first).toBeGreaterThan(0);
		expect(lines[first + 1]).toBe('<b>Two</b> posts were vacant;');
		expect(lines.indexOf('see the minutes.')).toBeGreaterThan(first + 2);
		expect(pdf.flow).toContain('Two new starters in September.');
	});
});

describe('report on this view', () => {
	it("carries a dashboard page's worker filter and custom period into the report's scope", async () => {
		// A full load of the view's URL, as a bookmark opens it.
		await s.page.goto(
			`${s.url}#/caseload?period=custom&from=2026-04-01&to=2026-06-30&worker=Laura%20Chen`
		);
		await s.page.getByTestId('report-on-view').click();
		await s.page.waitForFunction(
			() =>
				document.querySelector('[data-testid=report-scope]')?.textContent === 'Worker: Laura Chen',
			null,
			{ timeout: 60_000 }
		);
		await reportReady(s.page);
		// Dates as the browser's locale writes them (en-US here), the ISO date kept beside.
		expect(await s.page.getByTestId('report-period-text').textContent()).toBe(
			'04/01/2026 to 06/30/2026'
		);
		// A period that ends before the data's last day is described as of its end.
		expect(await s.page.getByTestId('report-asof').textContent()).toBe('06/30/2026');
		expect(await s.page.getByTestId('report-asof').getAttribute('data-iso')).toBe('2026-06-30');
		const pdf = await printPdf(s.page, 'report-on-view');
		expect(pdf.pages[0]).toContain('Case monitoring report · Worker: Laura Chen');
		expect(pdf.pages.length).toBeLessThanOrEqual(6);
	});
});

describe('a real city export', () => {
	it('Baltimore 311: at most 12 pages, no glitch', { timeout: 600_000 }, async () => {
		await navigate(s.page, '/import');
		const phase = await importSettled(s.page, () =>
			s.page.getByTestId('file-input').setInputFiles(`${REALDATA}/baltimore_311_sample.csv`)
		);
		if (phase === 'mapping') {
			await s.page.getByRole('button', { name: /^Import this file/ }).click();
			await s.page.getByTestId('validation-report').waitFor({ timeout: 300_000 });
		}
		await openOrganisationReport(s.page, '2019-02-13');
		const pdf = await printPdf(s.page, 'baltimore');
		expect(pdf.pages.length).toBeLessThanOrEqual(12);
		expect(textGlitches(pdf.flow)).toEqual([]);
		// LastActivityDate is empty in every row: stale cases are not available, not zero.
		expect(pdf.flow).toMatch(/Last activity is empty in 10,000 of 10,000 rows/);
	});
});
