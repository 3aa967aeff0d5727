/**
 * The area pages' tiles show their changes as the overview's do: against the comparison period, better
 * or worse in words and arrow, and whether beyond chance. A median's change reads "testing for
 * chance…" while its rank test is computed (recorded in the page from the start), then its verdict.
 * The change itself is checked against the reference computed without the app.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { navigate, openApp, type Session } from './harness';
import { defaultView, expectedTiles, readSample } from './independent';

const SAMPLE = path.resolve(import.meta.dirname, '../../sample-data');
const sample = readSample(SAMPLE);

/** Runs in the page before its scripts: records every text the median's "a year earlier" verdict shows. */
function recordVerdicts() {
	const seen: string[] = [];
	(window as unknown as { __verdicts: string[] }).__verdicts = seen;
	new MutationObserver(() => {
		const v = document
			.querySelector('[data-testid=metric-tiles] [data-testid=kpi-days_to_close_median]')
			?.querySelector('[data-testid=kpi-year-verdict]')
			?.textContent?.trim();
		if (v && seen[seen.length - 1] !== v) seen.push(v);
	}).observe(document, { subtree: true, childList: true, characterData: true });
}

let s: Session;
beforeAll(async () => {
	s = await openApp('', { init: recordVerdicts });
	await s.page.waitForSelector('[data-testid=overview][data-state=ready]', { timeout: 120_000 });
}, 180_000);
afterAll(async () => s?.close());

const WORDS = '(better|worse|higher|lower|no change)';
const CHANCE = '(beyond chance|within chance|too few cases to compare|not tested for chance)';

describe("the area pages' tiles", () => {
	it('resolution: each change in words and arrow, a median pending its rank test first', async () => {
		await navigate(s.page, '/resolution');
		await s.page.waitForSelector('[data-testid=metric-tiles][data-ranks=ready]', {
			timeout: 180_000
		});
		const tiles = s.page.getByTestId('metric-tiles');
		const verdicts = await tiles.getByTestId('kpi-year-verdict').allInnerTexts();
		// Six tiles, one comparison each (the default 12 months: the previous period is a year earlier).
		expect(verdicts).toHaveLength(6);
		for (const v of verdicts)
			expect(v).toMatch(new RegExp(`^((▲|▼|=)\\s*${WORDS}, ${CHANCE}|no data for .+)$`));
		expect(await tiles.getByTestId('kpi-previous').count()).toBe(0);

		const median = tiles.getByTestId('kpi-days_to_close_median');
		const final = await median.getByTestId('kpi-year-verdict').innerText();
		expect(final).not.toContain('testing');
		const seen = await s.page.evaluate(
			() => (window as unknown as { __verdicts: string[] }).__verdicts
		);
		expect(seen[0]).toMatch(/, testing for chance…$/);
		expect(seen[seen.length - 1]).toBe(final);

		// The change beside the figure, from the reference (days to close: lower is better).
		const expected = expectedTiles(sample, defaultView(sample)).days_to_close_median;
		expect(await median.getByTestId('kpi-year').innerText()).toBe(expected.yearAgo);
		const worse = expected.yearAgo.startsWith('+');
		expect(final).toMatch(worse ? /^▲\s*worse, / : /^▼\s*better, /);
	});

	it('caseload: counts and ratios show their changes too', async () => {
		await navigate(s.page, '/caseload');
		await s.page.waitForSelector('[data-testid=metric-tiles][data-changes=ready]', {
			timeout: 180_000
		});
		const tiles = s.page.getByTestId('metric-tiles');
		expect(await tiles.getByTestId('kpi-year-verdict').count()).toBe(4);
		const expected = expectedTiles(sample, defaultView(sample));
		expect(
			await tiles.getByTestId('kpi-over_capacity_workers').getByTestId('kpi-year').innerText()
		).toBe(expected.over_capacity_workers.yearAgo);
		expect(await tiles.getByTestId('kpi-caseload_cv').getByTestId('kpi-year').innerText()).toBe(
			expected.caseload_cv.yearAgo
		);
	});

	it('logged no page error or failed request', () => {
		expect(s.problems()).toEqual([]);
	});
});
