import type { Page } from 'playwright-core';

/** Number shown by a testid'd element ("10,000" → 10000). */
export async function shownNumber(page: Page, testId: string): Promise<number> {
	return Number((await page.getByTestId(testId).first().innerText()).replaceAll(',', ''));
}

/**
 * Runs `start` (a file selection or button click that begins an import) and waits until that
 * import, not an earlier one, has settled on the mapping screen, a refusal or the report.
 */
export async function importSettled(
	page: Page,
	start: () => Promise<void>,
	settled = ['mapping', 'failed', 'done']
): Promise<string> {
	const title = page.getByTestId('import-title');
	const before = Number(await title.getAttribute('data-attempt'));
	await start();
	const phases = settled.map((p) => `[data-phase="${p}"]`).join(', ');
	await page.waitForFunction(
		({ before, phases }) => {
			const el = document.querySelector('[data-testid="import-title"]');
			return el && Number(el.getAttribute('data-attempt')) > before && el.matches(phases);
		},
		{ before, phases },
		{ timeout: 300_000 }
	);
	return (await title.getAttribute('data-phase'))!;
}
