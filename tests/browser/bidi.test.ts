/**
 * Text that cannot deceive (issue 17, item 8): a worker name holding a right-to-left override
 * ("Ann" + U+202E + "yrrab" reads "Annbarry" on screen) is shown with the override as its code, on
 * the mapping screen, in the case list and the caseload table; no page holds the raw character, not
 * even in chart labels (tooltips escape it too: tests/unit/import/values-visible.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { navigate, openApp, waitForData, type Session } from './harness';

const RLO = '\u202e';
const WORKER = `Ann${RLO}yrrab`;
const SHOWN = 'Ann[U+202E]yrrab';
const TYPE = 'Housing\u200b'; // a zero-width space: looks like "Housing"

function csv(): string {
	const lines = ['Matter Number,Date Opened,Date Closed,Case Type,Primary Advocate,Office'];
	for (let i = 0; i < 40; i++) {
		const month = String((i % 9) + 1).padStart(2, '0');
		const opened = `2026-${month}-${String((i % 27) + 1).padStart(2, '0')}`;
		const closed =
			i % 3 === 0 ? '' : `2026-${String(Math.min(12, (i % 9) + 2)).padStart(2, '0')}-15`;
		lines.push(
			[
				`B-${i}`,
				opened,
				closed,
				i % 2 ? TYPE : 'Benefits',
				i % 4 ? WORKER : 'Ben Okafor',
				'North'
			].join(',')
		);
	}
	return lines.join('\n') + '\n';
}

/** Every text of the page, attribute values included (SVG labels, aria labels). */
const pageText = () =>
	s.page.evaluate(() =>
		[
			document.body.innerText,
			...[...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.value)),
			...[...document.querySelectorAll('svg text, svg tspan')].map((t) => t.textContent ?? '')
		].join('\n')
	);

let s: Session;
beforeAll(async () => {
	s = await openApp('#/import');
	await waitForData(s.page);
	await s.page
		.getByTestId('file-input')
		.setInputFiles({ name: 'bidi.csv', mimeType: 'text/csv', buffer: Buffer.from(csv()) });
	await s.page.getByTestId('mapping').waitFor({ timeout: 60_000 });
});
afterAll(async () => s?.close());

describe('a right-to-left override in a worker name', () => {
	it('shows as its code on the mapping screen, before anything is imported', async () => {
		const mapping = await s.page.getByTestId('mapping').innerText();
		expect(mapping).toContain(SHOWN);
		expect(mapping).not.toContain(RLO);
		await s.page.getByRole('button', { name: /^Import this file/ }).click();
		await s.page.getByTestId('validation-report').waitFor({ timeout: 60_000 });
		expect(await s.page.getByTestId('count-cases').first().innerText()).toBe('40');
	});

	it('shows as its code in the case list and the caseload table, and nowhere raw', async () => {
		await navigate(s.page, '/cases?metric=opened');
		await s.page.locator('[data-testid=drill][data-state=ready]').waitFor({ timeout: 60_000 });
		const cells = await s.page.locator('[data-testid=drill-table] td').allInnerTexts();
		expect(cells).toContain(SHOWN);
		expect(cells).toContain('Housing[U+200B]');
		expect(cells.filter((c) => c === 'Ben Okafor').length).toBeGreaterThan(0);
		expect(await pageText()).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200b]/);

		await navigate(s.page, '/caseload');
		const table = s.page.locator('[data-chart=utilisation_by_worker] details td');
		await table.first().waitFor({ state: 'attached', timeout: 60_000 });
		expect(await table.allTextContents()).toContain(SHOWN);
		expect(await pageText()).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200b]/);
	});
});
