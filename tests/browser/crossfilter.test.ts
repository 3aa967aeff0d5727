/**
 * Keyboard only: a cross-filter keeps its chart's context. Enter on a chart's mark applies the filter
 * (its chip appears), the chart still draws every category with the chosen one selected and the others
 * dimmed, and the figures elsewhere on the page are those of the selection, checked against the
 * reference computed without the app. With one worker in scope, the spread across workers says it is
 * not meaningful instead of showing 0.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refSettings, referenceMetrics } from '../reference/reference';
import { navigate, openApp, type Session } from './harness';
import { focusedText, tabTo } from './keys';
import { defaultView, readSample } from './independent';

const SAMPLE = path.resolve(import.meta.dirname, '../../sample-data');
const sample = readSample(SAMPLE);

let s: Session;
beforeAll(async () => {
	s = await openApp('');
	await s.page.waitForSelector('[data-testid=overview][data-state=ready]', { timeout: 120_000 });
}, 180_000);
afterAll(async () => s?.close());

const markTexts = (card: string) =>
	s.page.locator(`${card} .mark`).evaluateAll((b) => b.map((e) => e.textContent!.trim()));
/** Waits for the page's figures to be computed for a scope with `dim` filtered on `value`. */
const areaFilteredOn = (dim: string, value: string) =>
	s.page.waitForFunction(
		([d, v]) => {
			const area = document.querySelector<HTMLElement>('[data-testid=area]');
			const scope = JSON.parse(area?.dataset.scope || '{}');
			return area?.dataset.state === 'ready' && scope.filters?.[d]?.join() === v;
		},
		[dim, value],
		{ timeout: 120_000 }
	);
/** Waits until the chart again draws `count` marks, one of them selected. */
const contextBack = (card: string, count: number) =>
	s.page.waitForFunction(
		([c, n]) => {
			const marks = [...document.querySelectorAll(`${c} .mark`)];
			return marks.length === n && marks.some((m) => m.textContent!.includes('(selected)'));
		},
		[card, count] as const,
		{ timeout: 120_000 }
	);

describe('cross-filter keeping context, keyboard only', () => {
	it('a case type: chip, every box still drawn with the chosen one selected, figures filtered', async () => {
		await navigate(s.page, '/resolution');
		await s.page.waitForSelector('[data-testid=area][data-state=ready]', { timeout: 120_000 });
		const card = '[data-chart=days_to_close_by_type]';
		const before = await markTexts(card);
		expect(before.length).toBeGreaterThan(2);
		const unfiltered = Number(
			await s.page.getByTestId('kpi-days_to_close_median').getAttribute('data-value')
		);

		await tabTo(s.page, `${card} .mark`);
		await s.page.keyboard.press('ArrowDown');
		const chosen = (await focusedText(s.page)).split(':')[0];
		expect(chosen).toBe(before[1].split(':')[0]);
		await s.page.keyboard.press('Enter');
		await areaFilteredOn('case_type', chosen);
		expect(await s.page.getByTestId('chip').allInnerTexts()).toEqual([
			expect.stringContaining(`Case type: ${chosen}`)
		]);

		await contextBack(card, before.length);
		const after = await markTexts(card);
		expect(after.map((t) => t.split(':')[0])).toEqual(before.map((t) => t.split(':')[0]));
		expect(after.map((t) => t.endsWith('(selected)'))).toEqual(before.map((_, i) => i === 1));
		expect(await s.page.locator(`${card} figcaption`).innerText()).toContain(
			`Selected: ${chosen}; the others are dimmed.`
		);

		// The tile beside the chart: the median days to close of the chosen case type only.
		const expected = referenceMetrics(
			sample,
			defaultView(sample, { case_type: [chosen] }),
			refSettings()
		).days_to_close_median.value!;
		expect(expected).not.toBeCloseTo(unfiltered, 3);
		const shown = Number(
			await s.page.getByTestId('kpi-days_to_close_median').getAttribute('data-value')
		);
		expect(shown).toBeCloseTo(expected, 6);

		await tabTo(s.page, '[data-testid=clear-filters]');
		await s.page.keyboard.press('Enter');
		await s.page.waitForFunction(() => !location.hash.includes('case_type='));
	});

	it('one worker: the spread across workers is "not meaningful for one worker"', async () => {
		await navigate(s.page, '/caseload');
		await s.page.waitForSelector('[data-testid=area][data-state=ready]', { timeout: 120_000 });
		const card = '[data-chart=utilisation_by_worker]';
		const before = await markTexts(card);
		expect(before.length).toBeGreaterThan(2);
		await expect
			.poll(() => s.page.getByTestId('kpi-caseload_cv').getByTestId('kpi-value').count())
			.toBe(1);

		await tabTo(s.page, `${card} .mark`);
		const chosen = (await focusedText(s.page)).split(':')[0];
		await s.page.keyboard.press('Enter');
		await areaFilteredOn('worker', chosen);
		expect(await s.page.getByTestId('chip').allInnerTexts()).toEqual([
			expect.stringContaining(`Worker: ${chosen}`)
		]);
		for (const id of ['caseload_cv', 'caseload_gini', 'caseload_max_median_ratio'])
			expect(await s.page.getByTestId(`kpi-${id}`).getByTestId('kpi-unavailable').innerText()).toBe(
				'not meaningful for one worker'
			);
		await contextBack(card, before.length);
		expect((await markTexts(card)).map((t) => t.endsWith('(selected)'))).toEqual(
			before.map((_, i) => i === 0)
		);
	});

	it('logged no page error or failed request', () => {
		expect(s.problems()).toEqual([]);
	});
});
