/**
 * axe-core (node_modules/axe-core/axe.min.js) on every page (area pages with their monthly trends
 * and table alternatives open): no serious or critical violations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { navigate, openApp, type Session } from './harness';
import { seriousViolations } from './axe';

let s: Session;
beforeAll(async () => {
	s = await openApp('');
	await s.page.waitForSelector('[data-testid=overview][data-state=ready]', { timeout: 120_000 });
});
afterAll(async () => s?.close());

describe('accessibility (axe-core)', () => {
	it('overview', async () => {
		expect(await seriousViolations(s.page)).toEqual([]);
	});
	for (const area of ['throughput', 'resolution', 'goals', 'caseload', 'compliance'])
		it(`${area} page with its charts, trends and tables`, async () => {
			await navigate(s.page, `/${area}`);
			await s.page.waitForSelector('[data-testid=area][data-state=ready]', { timeout: 120_000 });
			await s.page.waitForSelector('[data-testid=trends][data-state=ready]', { timeout: 120_000 });
			await s.page.locator('[data-testid=chart] svg').first().waitFor({ state: 'attached' });
			for (const summary of await s.page.getByText('Table of this chart’s data').all())
				await summary.click();
			expect(await seriousViolations(s.page)).toEqual([]);
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
			expect(await seriousViolations(s.page)).toEqual([]);
		});
});
