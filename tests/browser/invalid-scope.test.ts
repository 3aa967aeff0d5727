/**
 * A link whose period is not valid (a date that does not exist, a period that ends before it starts)
 * says what is wrong, on every dashboard page, instead of "Computing…" forever or figures for a
 * period nobody asked for; its link back shows the default period's figures.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openApp, type Session } from './harness';

let s: Session;
beforeAll(async () => {
	s = await openApp('#/?from=2025-13-45');
}, 120_000);
afterAll(async () => s?.close());

const scopeError = () => s.page.getByTestId('scope-error');

it('a malformed date: the overview names it, and computes nothing', async () => {
	await scopeError().waitFor({ timeout: 120_000 });
	expect(await scopeError().innerText()).toContain(
		'This view\'s period is not valid: the period\'s first day must be a date (YYYY-MM-DD), not "2025-13-45".'
	);
	expect(await scopeError().getAttribute('role')).toBe('alert');
	// Not the sample's build-time figures either: they are for the default period.
	expect(await s.page.getByTestId('overview').count()).toBe(0);
	expect(await s.page.getByTestId('early-note').count()).toBe(0);
	expect(await s.page.getByText('Computing…').count()).toBe(0);
});

it('a period that ends before it starts, on an area page', async () => {
	await s.page.goto(`${s.url}#/throughput?period=custom&from=2025-06-01&to=2025-01-31`);
	await expect
		.poll(() => scopeError().innerText(), { timeout: 60_000 })
		.toContain('the period starts (2025-06-01) after it ends (2025-01-31)');
	expect(await s.page.getByText('Computing…').count()).toBe(0);
});

it('the link back shows the default period, computed', async () => {
	await s.page.getByRole('link', { name: 'Show this page for the default period' }).click();
	await expect
		.poll(() => s.page.evaluate(() => location.hash), { timeout: 30_000 })
		.toBe('#/throughput');
	await scopeError().waitFor({ state: 'detached', timeout: 30_000 });
	await s.page.locator('[data-testid=area][data-state=ready]').waitFor({ timeout: 120_000 });
	// The default: the 12 months up to the sample's latest date, in en-US dates (the browser's locale).
	expect(await s.page.getByTestId('scope').innerText()).toMatch(
		/^\d{2}\/\d{2}\/\d{4} to \d{2}\/\d{2}\/\d{4}, as of \d{2}\/\d{2}\/\d{4}/
	);
	expect(s.messages.filter((m) => m.startsWith('pageerror'))).toEqual([]);
});
