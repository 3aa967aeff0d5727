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

/** Imports each CSV through the file picker and its mapping screen, one after another. */
export async function importFiles(
	page: Page,
	files: { name: string; text: string }[]
): Promise<void> {
	for (const file of files) {
		await page
			.getByTestId('file-input')
			.setInputFiles({ name: file.name, mimeType: 'text/csv', buffer: Buffer.from(file.text) });
		await page.getByTestId('mapping').waitFor({ timeout: 60_000 });
		await page.getByRole('button', { name: /^Import this file/ }).click();
		await page.getByTestId('validation-report').waitFor({ timeout: 60_000 });
	}
}
