/** axe-core run on the page as it stands: the serious and critical violations, for a11y checks. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface Violation {
	id: string;
	impact: string;
	nodes: string[];
}

export async function seriousViolations(page: Page): Promise<Violation[]> {
	// The app's CSP (script-src 'self' plus hashes) rightly blocks addScriptTag's inline script;
	// evaluating through the DevTools protocol is not subject to it.
	if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(AXE, 'utf8'));
	const result = await page.evaluate(async () => {
		const axe = (
			window as unknown as {
				axe: {
					run(
						ctx: unknown,
						opts: unknown
					): Promise<{
						violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
					}>;
				};
			}
		).axe;
		const r = await axe.run(document, { resultTypes: ['violations'] });
		return r.violations.map((v) => ({
			id: v.id,
			impact: v.impact,
			nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' '))
		}));
	});
	return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
