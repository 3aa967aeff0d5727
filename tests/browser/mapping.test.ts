/**
 * The mapping screen says how sure it is (issue 17, items 3 and 5): an address column named like an
 * office is not proposed and says why, an empty "Last Activity" column is marked to check, the
 * import report lists it, and the compliance page's stale cases say "not available" and why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { navigate, openApp, waitForData, type Session } from './harness';

function csv(): string {
	const lines = ['Case ID,Date Opened,Date Closed,Location,Primary Advocate,Last Activity'];
	for (let i = 0; i < 40; i++) {
		const day = String((i % 27) + 1).padStart(2, '0');
		const closed = i % 2 ? '' : `2026-03-${day}`;
		lines.push(
			[
				`L-${i}`,
				`2026-01-${day}`,
				closed,
				`${100 + i * 7} Main Street`,
				i % 3 ? 'Ana Ruiz' : 'Bo Li',
				''
			].join(',')
		);
	}
	return lines.join('\n') + '\n';
}

let s: Session;
beforeAll(async () => {
	s = await openApp('#/import');
	await waitForData(s.page);
	await s.page
		.getByTestId('file-input')
		.setInputFiles({ name: 'addresses.csv', mimeType: 'text/csv', buffer: Buffer.from(csv()) });
	await s.page.getByTestId('mapping').waitFor({ timeout: 60_000 });
});
afterAll(async () => s?.close());

describe('mapping with confidence', () => {
	it('marks the empty column to check and says why the address column is not the office', async () => {
		expect(await s.page.getByLabel('Column for Office').inputValue()).toBe('');
		const check = await s.page.getByTestId('mapping-check').innerText();
		expect(check).toContain(
			"Last activity ← “Last Activity”: the name matches 'Last Activity'; empty in the sample."
		);
		const low = s.page.locator('[data-testid=confidence][data-confidence=low]');
		expect(await low.evaluateAll((els) => els.map((e) => e.getAttribute('data-column')))).toEqual([
			'last_activity_at'
		]);
		const opened = s.page.locator('[data-testid=confidence][data-column=opened_at]');
		expect(await opened.getAttribute('data-confidence')).toBe('high');
		await s.page.getByTestId('mapping-rejected').locator('summary').click();
		expect(await s.page.getByTestId('mapping-rejected').innerText()).toContain(
			'“Location” is not proposed as Office: 100% of sampled values are street addresses.'
		);
	});

	it('the import report lists the empty column, and stale cases are not available', async () => {
		await s.page.getByRole('button', { name: /^Import this file/ }).click();
		await s.page.getByTestId('validation-report').waitFor({ timeout: 60_000 });
		const counts = await s.page.getByTestId('issue-count').allInnerTexts();
		expect(counts.map((c) => c.replace(/\s+/g, ' ').trim())).toContain(
			'column empty or one value in nearly every row 1'
		);
		await navigate(s.page, '/compliance');
		const na = s.page.getByText('not available: Last activity is empty in 40 of 40 rows');
		await na.first().waitFor({ timeout: 60_000 });
		expect(await na.count()).toBeGreaterThan(0);
	});
});
