/** The overview page in a browser test: waiting for its figures, reading its tiles, choosing a filter. */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { OVERVIEW_IDS } from '../../src/lib/metrics/catalogue';
import { figure } from './dashboard-expect';

/** Waits until the overview shows figures for a scope whose JSON contains `needle` (and, if `absent`, lacks it). */
export async function overviewReady(page: Page, needle: string, timeout = 60_000, absent?: string) {
	await page.waitForFunction(
		([n, a]) => {
			const el = document.querySelector<HTMLElement>('[data-testid=overview]');
			return (
				el?.dataset.state === 'ready' &&
				(el.dataset.scope ?? '').includes(n) &&
				(!a || !(el.dataset.scope ?? '').includes(a))
			);
		},
		[needle, absent ?? ''] as const,
		{ timeout }
	);
}

export async function tileValues(page: Page): Promise<Record<string, number | null>> {
	const shown = await page.evaluate(
		(ids) => {
			const out: Record<string, number | null> = {};
			for (const id of ids) {
				const raw = document.querySelector<HTMLElement>(`[data-testid="kpi-${id}"]`)?.dataset.value;
				out[id] = raw === undefined || raw === '' ? null : Number(raw);
			}
			return out;
		},
		[...OVERVIEW_IDS]
	);
	return Object.fromEntries(Object.entries(shown).map(([id, v]) => [id, figure(v)]));
}

export async function pickOption(page: Page, testId: string, startsWith: string) {
	const select = page.getByTestId(testId);
	const value = await select.evaluate(
		(el, prefix) =>
			[...(el as HTMLSelectElement).options].find((o) => o.text.startsWith(prefix + ' ('))?.value,
		startsWith
	);
	expect(value, `option ${startsWith}`).toBeTruthy();
	await select.selectOption(value!);
}

/** A tile as the user reads it. */
export interface TileText {
	title: string;
	/** The figure as shown ("0.98", "45.3", "12.5%", "–"), without its unit. */
	value: string;
	/** The unit written after the figure ("days"), or ''. */
	unit: string;
	/** Each change with its label, in the order shown: [["vs previous period", "+0.02"], …]. */
	changes: [string, string][];
	/**
	 * The sparkline's values, from its accessible name (the chart's text alternative: "…, last 12
	 * months by month: 1.02, 0.97, …"); null when the tile draws none.
	 */
	spark: string[] | null;
	/** "n = 1,234" under the figure, or null. */
	n: string | null;
	/** The words shown instead of a figure, or null. */
	unavailable: string | null;
}

/** Every overview tile's text, by metric id, read from what the page displays. */
export async function tileTexts(page: Page): Promise<Record<string, TileText>> {
	return page
		.locator('[data-testid=overview] article[data-testid^="kpi-"]')
		.evaluateAll((tiles) => {
			const text = (el: Element | null | undefined) => el?.textContent?.trim() ?? null;
			const out: Record<string, TileText> = {};
			for (const tile of tiles) {
				const id = tile.getAttribute('data-testid')!.slice('kpi-'.length);
				const valueEl = tile.querySelector('[data-testid=kpi-value]');
				const unitEl = valueEl?.querySelector('.unit');
				const label = tile.querySelector('svg.spark')?.getAttribute('aria-label') ?? null;
				const marker = 'last 12 months by month: ';
				out[id] = {
					title: text(tile.querySelector('h2')) ?? '',
					value: (valueEl?.textContent ?? '')
						.slice(0, (valueEl?.textContent ?? '').length - (unitEl?.textContent?.length ?? 0))
						.trim(),
					unit: text(unitEl) ?? '',
					changes: [...tile.querySelectorAll('dl.changes > div')].map(
						(d) =>
							[text(d.querySelector('dt')) ?? '', text(d.querySelector('dd')) ?? ''] as [
								string,
								string
							]
					),
					spark:
						label === null ? null : label.slice(label.indexOf(marker) + marker.length).split(', '),
					n: text(tile.querySelector('.foot .muted')),
					unavailable: text(tile.querySelector('[data-testid=kpi-unavailable]'))
				};
			}
			return out;
		});
}

/** Waits until the overview shows its figures and sparklines for the current scope. */
export async function overviewComplete(page: Page, timeout = 180_000) {
	await page
		.locator('[data-testid=overview][data-state=ready][data-ready=all]')
		.waitFor({ timeout });
}
