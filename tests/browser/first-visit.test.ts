/**
 * A first visit whose URL asks for a filtered view: the sample's figures computed at build time are
 * for the default view only, so the overview waits for the engine instead of showing them.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openApp, type Session } from './harness';
import { expectations, type Expectations } from './dashboard-expect';

let s: Session;
let ex: Expectations;

beforeAll(async () => {
	ex = await expectations();
	s = await openApp('#/?office=Northside');
}, 120_000);
afterAll(async () => {
	await s?.close();
	await ex?.engine.close();
});

it("shows no build-time figures for a filtered view, only the engine's", async () => {
	await s.page.waitForFunction(
		() => {
			const el = document.querySelector<HTMLElement>('[data-testid=overview]');
			return (
				el?.dataset.state === 'ready' && (el.dataset.scope ?? '').includes('"office":["Northside"]')
			);
		},
		undefined,
		{ timeout: 120_000 }
	);
	expect(await s.page.evaluate(() => performance.getEntriesByName('overview:early').length)).toBe(
		0
	);
	expect(await s.page.getByTestId('overview').getAttribute('data-source')).toBe('inline');
	const shown = await s.page.getByTestId('kpi-clearance_rate').getAttribute('data-value');
	const expected = (await ex.overview({ office: ['Northside'] })).clearance_rate;
	expect(Number(shown)).toBeCloseTo(expected as number, 10);
});

it("starts the database's worker from the page's head, before the app, and the engine runs on it", async () => {
	const marks = await s.page.evaluate(() =>
		Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]))
	);
	expect(marks['engine:worker']).toBeLessThan(marks['start:begin']);
	// The engine took that worker (the page no longer holds it) and started no second one.
	expect(await s.page.evaluate(() => '__casemetricsDuckdbWorker' in window)).toBe(false);
	const workers = await s.page.evaluate(
		() =>
			performance
				.getEntriesByType('resource')
				.filter((e) => /duckdb-browser-(eh|mvp)\.worker\./.test(e.name)).length
	);
	expect(workers).toBe(1);
	// The page's CSP allows the head's script by its hash: no violation reported.
	expect(s.messages.filter((m) => /Content Security Policy|Refused to/i.test(m))).toEqual([]);
});

it('registers the service worker once the data is in (not at page load, when DuckDB is starting)', async () => {
	await expect
		.poll(
			() =>
				s.page.evaluate(
					async () => (await navigator.serviceWorker.getRegistration())?.active?.scriptURL ?? null
				),
			{ timeout: 30_000 }
		)
		.toMatch(/\/service-worker\.js$/);
	// The app registers it itself: SvelteKit's own registration at the load event is off.
	expect(
		await s.page.evaluate(() =>
			document.documentElement.innerHTML.includes('serviceWorker.register')
		)
	).toBe(false);
});

it('loads the sample from the tables the build prepared, without fetching its CSV files', async () => {
	// Each once by the page (the service worker's install may fetch them again, for its offline copy).
	const own = [
		...new Set(
			s.requests
				.filter((r) => r.startsWith(s.url))
				.map((r) => new URL(r).pathname.split('/').pop() ?? '')
		)
	];
	expect(own.filter((f) => f.endsWith('.arrows')).sort()).toEqual([
		expect.stringMatching(/^sample-cases\./),
		expect.stringMatching(/^sample-events\./),
		expect.stringMatching(/^sample-goals\./),
		expect.stringMatching(/^sample-staff\./)
	]);
	// The engine's figures for the filtered view (the first test) are computed on them.
	expect(own.filter((f) => f.endsWith('.csv'))).toEqual([]);
});
