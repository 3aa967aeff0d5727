/**
 * Should the sample's prepared tables fail to load (src/lib/import/prepared.ts), the sample is
 * imported from its CSV files instead: the same data, and no error shown.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openApp, waitForData, type Session } from './harness';

let s: Session;
beforeAll(async () => {
	s = await openApp('#/import', { block: /\.arrows$/ });
	await waitForData(s.page);
}, 120_000);
afterAll(async () => s?.close());

it("imports the sample's CSV files when its prepared tables cannot be fetched", async () => {
	expect(
		Number((await s.page.getByTestId('count-cases').first().innerText()).replaceAll(',', ''))
	).toBe(5000);
	const own = [
		...new Set(
			s.requests
				.filter((r) => r.startsWith(s.url))
				.map((r) => new URL(r).pathname.split('/').pop() ?? '')
		)
	];
	expect(own.filter((f) => f.endsWith('.arrows')).length).toBe(4);
	expect(
		own
			.filter((f) => f.endsWith('.csv'))
			.map((f) => f.split('.')[0])
			.sort()
	).toEqual(['cases', 'events', 'goals', 'staff']);
	expect(await s.page.getByTestId('import-error').count()).toBe(0);
	expect(s.messages.filter((m) => m.startsWith('pageerror'))).toEqual([]);
});
