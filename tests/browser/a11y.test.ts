/**
 * axe-core (node_modules/axe-core/axe.min.js) on every page (area pages with their monthly trends
 * and table alternatives open): no serious or critical violations.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { navigate, openApp, type Session } from './harness';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let s: Session;
beforeAll(async () => {
	s = await openApp('');
	await s.page.waitForSelector('[data-testid=overview][data-state=ready]', { timeout: 120_000 });
});
afterAll(async () => s?.close());

async function seriousViolations() {
	// The app's CSP (script-src 'self' plus hashes) rightly blocks addScriptTag's inline script;
	// evaluating through the DevTools protocol is not subject to it.
	if (!(await s.page.evaluate(() => 'axe' in window)))
		await s.page.evaluate(readFileSync(AXE, 'utf8'));
	const result = await s.page.evaluate(async () => {
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

describe('accessibility (axe-core)', () => {
	it('overview', async () => {
		expect(await seriousViolations()).toEqual([]);
	});
	for (const area of ['throughput', 'resolution', 'goals', 'caseload', 'compliance'])
		it(`${area} page with its charts, trends and tables`, async () => {
			await navigate(s.page, `/${area}`);
			await s.page.waitForSelector('[data-testid=area][data-state=ready]', { timeout: 120_000 });
			await s.page.waitForSelector('[data-testid=trends][data-state=ready]', { timeout: 120_000 });
			await s.page.locator('[data-testid=chart] svg').first().waitFor({ state: 'attached' });
			for (const summary of await s.page.getByText('Table of this chart’s data').all())
				await summary.click();
			expect(await seriousViolations()).toEqual([]);
		});
	for (const route of [
		'attention',
		'workers',
		'cases',
		'settings',
		'import',
		'workspace',
		'report'
	])
		it(`${route} page`, async () => {
			await navigate(s.page, `/${route}`);
			await s.page.locator('h1').first().waitFor();
			await s.page.waitForTimeout(1000);
			expect(await seriousViolations()).toEqual([]);
		});
});
