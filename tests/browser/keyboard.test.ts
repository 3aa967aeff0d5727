/**
 * Keyboard only: a chart's marks are reached with Tab and the arrow keys, Enter on a mark applies its
 * cross-filter; a filter dropdown stepped through with the arrow keys applies nothing until Enter.
 * No mouse event and no programmatic focus: only key presses.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { navigate, openApp, type Session } from './harness';
import { focusedText, tabTo } from './keys';

const SHOTS = path.resolve(import.meta.dirname, '../../docs/screenshots');

let s: Session;
beforeAll(async () => {
	s = await openApp('');
	await s.page.waitForSelector('[data-testid=overview][data-state=ready]', { timeout: 120_000 });
}, 180_000);
afterAll(async () => s?.close());

const hash = () => s.page.evaluate(() => decodeURIComponent(location.hash));

describe('keyboard only', () => {
	it('the overview: each change in words, arrow and colour, and whether beyond chance', async () => {
		await s.page.waitForSelector('[data-testid=overview][data-ranks=ready]', { timeout: 120_000 });
		const verdict = await s.page.getByTestId('kpi-year-verdict').first().innerText();
		const words = '(better|worse|higher|lower|no change)';
		const chance = '(beyond chance|within chance|too few cases to compare|not tested for chance)';
		expect(verdict).toMatch(new RegExp(`^((▲|▼|=)\\s*${words}, ${chance}|no data for .+)$`));
		await s.page.screenshot({ path: path.join(SHOTS, 'overview-changes.png'), fullPage: true });
	});

	it('a filter dropdown applies on Enter, not on each arrow key', async () => {
		await tabTo(s.page, '[data-testid=filter-office]');
		await s.page.keyboard.press('ArrowDown');
		await s.page.keyboard.press('ArrowDown');
		const chosen = await s.page.evaluate(() => {
			const select = document.activeElement as HTMLSelectElement;
			return select.options[select.selectedIndex].textContent?.trim() ?? '';
		});
		expect(chosen).not.toBe('Add…');
		// Two steps, no filter: the address and the chips are as before.
		await s.page.waitForTimeout(1500);
		expect(await hash()).not.toContain('office=');
		expect(await s.page.getByTestId('chip').count()).toBe(0);
		await s.page.keyboard.press('Enter');
		const office = chosen.replace(/ \(\d[\d,]*\)$/, '');
		await s.page.waitForFunction(
			(o) => decodeURIComponent(location.hash).includes(`office=${o}`),
			office
		);
		expect(await s.page.getByTestId('chip').allInnerTexts()).toEqual([
			expect.stringContaining(`Office: ${office}`)
		]);
		await tabTo(s.page, '[data-testid=clear-filters]');
		await s.page.keyboard.press('Enter');
		await s.page.waitForFunction(() => !location.hash.includes('office='));
	});

	it("Tab reaches a chart's marks, the arrows move between them, Enter filters by the mark", async () => {
		await navigate(s.page, '/caseload');
		await s.page.waitForSelector('[data-testid=area][data-state=ready]', { timeout: 120_000 });
		const card = '[data-chart=utilisation_by_worker]';
		await s.page.locator(`${card} [data-testid=chart] svg`).first().waitFor({ state: 'attached' });
		// The marks in order are the chart's workers, heaviest first, as its table lists them.
		const workers = await s.page
			.locator(`${card} details table tbody tr td:first-child`)
			.evaluateAll((tds) => tds.map((td) => td.textContent!.trim()));
		expect(workers.length).toBeGreaterThan(2);
		await tabTo(s.page, `${card} .mark`);
		expect(await focusedText(s.page)).toMatch(new RegExp(`^${workers[0]}: \\d`));
		await s.page.keyboard.press('ArrowDown');
		expect(await focusedText(s.page)).toMatch(new RegExp(`^${workers[1]}: \\d`));
		await s.page.keyboard.press('Enter');
		await s.page.waitForFunction(
			(w) => decodeURIComponent(location.hash).includes(`worker=${w}`),
			workers[1]
		);
		await s.page.waitForFunction(() =>
			(document.querySelector<HTMLElement>('[data-testid=area]')?.dataset.scope ?? '').includes(
				'"worker":["'
			)
		);
		expect(await s.page.getByTestId('chip').allInnerTexts()).toEqual([
			expect.stringContaining(`Worker: ${workers[1]}`)
		]);
	});

	it('the resolution page: each headline figure by month with its centre line', async () => {
		await navigate(s.page, '/resolution');
		await s.page.waitForSelector('[data-testid=trends][data-state=ready]', { timeout: 120_000 });
		await s.page
			.locator('[data-testid=trends] [data-testid=chart] svg')
			.first()
			.waitFor({ state: 'attached' });
		await s.page.screenshot({ path: path.join(SHOTS, 'resolution-trends.png'), fullPage: true });
	});

	it('logged no page error or failed request', () => {
		expect(s.problems()).toEqual([]);
	});
});
