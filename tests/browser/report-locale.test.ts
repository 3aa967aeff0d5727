/**
 * Dates follow the browser's locale, with ISO as a setting: Chromium in German (de-DE) with the
 * bundled sample (as of 2026-09-30, the 12 months from 2025-10-01). The dashboard's period line,
 * a chart's month axis and the report's period and as-of read as German writes them; after
 * Settings → dates: ISO, the same places read ISO. Every expectation is written by hand.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { navigate, openApp, type Session } from './harness';
import { reportReady } from './report-steps';

let s: Session;

beforeAll(async () => {
	s = await openApp('#/throughput', { locale: 'de-DE' });
});
afterAll(async () => {
	await s?.close();
});

/** The dashboard's period line once the area shows the sample's default scope. */
async function periodLine(page: Page): Promise<string> {
	const scope = page.getByTestId('scope');
	await page.waitForFunction(
		() => /2025.*2026/.test(document.querySelector('[data-testid=scope]')?.textContent ?? ''),
		null,
		{ timeout: 120_000 }
	);
	return (await scope.innerText()).replace(/\s+/g, ' ');
}

/** The month axis labels the throughput chart drew (SVG text), left to right as ECharts wrote them. */
async function monthLabels(page: Page, wanted: RegExp): Promise<string[]> {
	const texts = page.locator('[data-chart=throughput_monthly] [data-testid=chart] svg text');
	await expect
		.poll(async () => (await texts.allTextContents()).filter((t) => wanted.test(t)).length, {
			timeout: 120_000
		})
		.toBeGreaterThanOrEqual(4);
	return (await texts.allTextContents()).filter((t) => wanted.test(t));
}

describe('German (de-DE) in the browser', () => {
	it('writes the period line day first with points', async () => {
		expect(await periodLine(s.page)).toContain('01.10.2025 to 30.09.2026, as of 30.09.2026');
	});

	it("labels a chart's months as German abbreviates them", async () => {
		const labels = await monthLabels(s.page, /^\S+ \d{4}$/);
		// October 2025 opens the period; German writes "Okt." with a point, March as "März".
		expect(labels[0]).toBe('Okt. 2025');
		const german = ['Jan.', 'Feb.', 'März', 'Apr.', 'Mai', 'Juni', 'Juli', 'Aug.', 'Sept.', 'Okt.']
			.concat(['Nov.', 'Dez.'])
			.join('|');
		for (const label of labels) expect(label).toMatch(new RegExp(`^(${german}) 202[56]$`));
		expect(labels.join(' ')).not.toMatch(/\d{4}-\d{2}/);
	});

	it("writes the report's period and as-of date the same way", async () => {
		await navigate(s.page, '/report');
		await reportReady(s.page);
		expect(await s.page.getByTestId('report-period-text').textContent()).toBe(
			'01.10.2025 to 30.09.2026'
		);
		expect((await s.page.getByTestId('report-asof').textContent())?.trim()).toMatch(
			/^30\.09\.2026( \d{2}:\d{2})?$/
		);
	});

	it('writes ISO everywhere once Settings say so', async () => {
		await navigate(s.page, '/settings');
		await s.page.getByTestId('date-style').selectOption('iso');
		await s.page.getByTestId('settings-save').click();
		await s.page.getByTestId('settings-saved').waitFor();
		await navigate(s.page, '/throughput');
		expect(await periodLine(s.page)).toContain('2025-10-01 to 2026-09-30, as of 2026-09-30');
		const labels = await monthLabels(s.page, /^\d{4}-\d{2}$/);
		expect(labels[0]).toBe('2025-10');
		await navigate(s.page, '/report');
		await reportReady(s.page);
		expect(await s.page.getByTestId('report-period-text').textContent()).toBe(
			'2025-10-01 to 2026-09-30'
		);
		expect(s.problems()).toEqual([]);
	});
});
