/**
 * Offline: after the first visit the service worker holds the app's own files, so the app starts and
 * imports with the network off (the browser offline and the app's server stopped).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, waitForData, type Session } from './harness';

const rows = ['Case ID,Date Opened,Date Closed,Worker'];
for (let i = 0; i < 19; i++)
	rows.push(
		`OF-${700 + i},2024-04-${String(1 + i).padStart(2, '0')},${i % 2 ? '2024-05-01' : ''},Flo Adams`
	);
const CASES = rows.join('\n') + '\n';

let s: Session;
beforeAll(async () => {
	s = await openApp('#/import');
	await waitForData(s.page);
});
afterAll(async () => s?.close());

const count = async (id: string) =>
	Number((await s.page.getByTestId(id).first().innerText()).replaceAll(',', ''));
const cached = () =>
	s.page.evaluate(async () => {
		const out: Record<string, string[]> = {};
		for (const name of await caches.keys())
			out[name] = (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname);
		return out;
	});

describe('offline after the first visit', () => {
	let sample = 0;
	it("the first visit caches the shell, the one DuckDB build in use and the sample's prepared tables", async () => {
		sample = await count('count-cases');
		await expect
			.poll(
				async () =>
					Object.values(await cached())
						.flat()
						.filter((f) => /\.(wasm|arrows)$/.test(f)).length,
				{ timeout: 60_000, interval: 500 }
			)
			.toBe(5);
		const paths = Object.values(await cached()).flat();
		const files = paths.map((p) => p.split('/').pop() ?? '');
		// Exactly one of the two 34 MB wasm builds, with its worker.
		expect(files.filter((f) => f.endsWith('.wasm'))).toEqual([
			expect.stringMatching(/^duckdb-eh\./)
		]);
		expect(files.filter((f) => /duckdb-browser-.*\.worker/.test(f))).toEqual([
			expect.stringMatching(/^duckdb-browser-eh\.worker/)
		]);
		// The sample as the build prepared it (src/lib/import/prepared.ts): its CSVs are not fetched.
		expect(files.filter((f) => f.endsWith('.arrows')).sort()).toEqual([
			expect.stringMatching(/^sample-cases\./),
			expect.stringMatching(/^sample-events\./),
			expect.stringMatching(/^sample-goals\./),
			expect.stringMatching(/^sample-staff\./)
		]);
		expect(files.filter((f) => f.endsWith('.csv'))).toEqual([]);
		// The page itself (index.html), cached under the root URL, and the app's scripts.
		expect(paths).toContain('/');
		expect(files.filter((f) => f.endsWith('.js')).length).toBeGreaterThan(10);
		expect(Object.keys(await cached()).every((k) => k.startsWith('casemetrics-'))).toBe(true);
	});

	it('with the network off, the app starts after a reload and shows the sample', async () => {
		await s.context.setOffline(true);
		// And the app's own server is gone: nothing can be fetched from anywhere.
		s.server.closeAllConnections();
		await new Promise((r) => s.server.close(r));
		const t0 = Date.now();
		await s.page.reload();
		const loaded = Date.now() - t0;
		await waitForData(s.page);
		console.log(
			`offline start: page loaded ${loaded} ms, sample on screen ${Date.now() - t0} ms after reload()`
		);
		expect(await count('count-cases')).toBe(sample);
	});

	it('and imports a file', async () => {
		await s.page
			.getByTestId('file-input')
			.setInputFiles({ name: 'offline.csv', mimeType: 'text/csv', buffer: Buffer.from(CASES) });
		await s.page.getByTestId('mapping').waitFor();
		await s.page.getByRole('button', { name: /^Import this file/ }).click();
		await s.page.getByTestId('validation-report').waitFor();
		expect(await count('count-cases')).toBe(19);
		expect(await count('count-open')).toBe(10);
		expect(s.messages.filter((m) => m.startsWith('pageerror'))).toEqual([]);
	});

	it('no request went to another host', () => {
		const origin = new URL(s.url).origin;
		expect(
			s.requests.filter(
				(r) => !r.startsWith(origin) && !r.startsWith('blob:') && !r.startsWith('data:')
			)
		).toEqual([]);
	});
});
