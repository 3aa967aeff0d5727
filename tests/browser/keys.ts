/** Keyboard-only steps: no mouse event and no programmatic focus, only key presses. */
import type { Page } from 'playwright-core';

/** Presses Tab until the focused element matches `selector` (at most `limit` presses). */
export async function tabTo(page: Page, selector: string, limit = 300): Promise<void> {
	for (let i = 0; i < limit; i++) {
		if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector))
			return;
		await page.keyboard.press('Tab');
	}
	throw new Error(`Tab never reached ${selector}`);
}

/** The focused element's text, trimmed. */
export const focusedText = (page: Page): Promise<string> =>
	page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
