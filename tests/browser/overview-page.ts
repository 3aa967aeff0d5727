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
