/**
 * Local workspace with "keep my data" ticked: the imported dataset, a saved profile, the settings and a
 * report template survive a reload and a browser restart on the same profile; "forget everything"
 * then removes all of it and says exactly what it removed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, waitForData, type Session } from './harness';

/** A small generated cases export (ISO dates, so no day/month question). */
function casesCsv(n: number, prefix: string): string {
	const workers = ['Ana Ruiz', 'Ben Okafor', 'Chen Wu'];
	const day = (d: number) => new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10);
	const rows = ['Case ID,Date Opened,Date Closed,Worker,Case Type'];
	for (let i = 0; i < n; i++)
		rows.push(
			[
				`${prefix}-${1000 + i}`,
				day(i * 3),
				i % 3 === 0 ? '' : day(i * 3 + 10 + i),
				workers[i % 3],
				['Housing', 'Benefits', 'Family'][i % 3]
			].join(',')
		);
	return rows.join('\n') + '\n';
}

const CASES = casesCsv(37, 'KW');
const SIZE = Buffer.byteLength(CASES);
const SETTINGS = JSON.stringify({ version: 1, staleDays: 45 });
const TEMPLATES = JSON.stringify([{ name: 'Board report', sections: ['overview'] }]);

let s: Session;
beforeAll(async () => {
	s = await openApp('#/import');
	await waitForData(s.page);
});
afterAll(async () => s?.close());

const count = async (id: string) =>
	Number((await s.page.getByTestId(id).first().innerText()).replaceAll(',', ''));
const storedFiles = () =>
	s.page.evaluate(async () => {
		if (!(await indexedDB.databases()).some((d) => d.name === 'casemetrics')) return [];
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const req = indexedDB.open('casemetrics');
			req.onsuccess = () => resolve(req.result);
			req.onerror = () => reject(req.error);
		});
		const rows = await new Promise<{ name: string; size: number; blob: Blob }[]>((resolve) => {
			const req = db.transaction('files').objectStore('files').getAll();
			req.onsuccess = () => resolve(req.result);
		});
		const out = await Promise.all(
			rows.map(async (r) => ({
				name: r.name,
				size: r.size,
				bytes: r.blob.size,
				head: (await r.blob.text()).slice(0, 24)
			}))
		);
		db.close();
		return out;
	});

/** Records whether "Restoring your data…" was ever on screen during the next page load. */
async function watchRestoring(): Promise<void> {
	await s.page.addInitScript(() => {
		const w = window as unknown as {
			sawRestoring: boolean;
			restoreFrom: number;
			restoreTo: number;
		};
		w.sawRestoring = false;
		new MutationObserver(() => {
			const shown = !!document
				.querySelector('[data-testid="restoring"]')
				?.textContent?.includes('Restoring your data…');
			if (shown && !w.sawRestoring) w.restoreFrom = performance.now();
			if (!shown && w.sawRestoring && !w.restoreTo) w.restoreTo = performance.now();
			if (shown) w.sawRestoring = true;
		}).observe(document, { subtree: true, childList: true, characterData: true });
	});
}

async function expectEverythingBack(): Promise<number> {
	const t0 = Date.now();
	await s.page.getByTestId('count-cases').filter({ hasText: /^37$/ }).waitFor({ timeout: 60_000 });
	const ms = Date.now() - t0;
	expect(await count('count-cases')).toBe(37);
	expect(
		await s.page.evaluate(() => (window as unknown as { sawRestoring: boolean }).sawRestoring)
	).toBe(true);
	expect(await s.page.getByTestId('profiles').innerText()).toContain('KW monthly');
	expect(await s.page.evaluate(() => localStorage.getItem('casemetrics.settings'))).toBe(SETTINGS);
	expect(await s.page.evaluate(() => localStorage.getItem('casemetrics.templates'))).toBe(
		TEMPLATES
	);
	expect(await s.page.getByTestId('keep-checkbox').isChecked()).toBe(true);
	return ms;
}

describe('keeping the workspace on this computer', () => {
	it('is off by default, and says so at the import', async () => {
		expect(await s.page.getByTestId('keep-checkbox').isChecked()).toBe(false);
		expect(await s.page.getByTestId('keep-note').innerText()).toContain(
			'This data stays in this tab only. ' +
				'Tick “Keep my imported data on this computer” to keep it on this computer.'
		);
		expect(await storedFiles()).toEqual([]);
	});

	it('with "keep" ticked, stores the imported file itself and its mapping', async () => {
		await s.page.getByTestId('keep-checkbox').check();
		await s.page
			.getByTestId('file-input')
			.setInputFiles({ name: 'kw-cases.csv', mimeType: 'text/csv', buffer: Buffer.from(CASES) });
		await s.page.getByTestId('mapping').waitFor();
		await s.page.getByPlaceholder(/LegalServer/).fill('KW monthly');
		await s.page.getByRole('button', { name: 'Save profile' }).click();
		await s.page.getByRole('button', { name: /^Import this file/ }).click();
		await s.page.getByTestId('validation-report').waitFor();
		expect(await count('count-cases')).toBe(37);
		await s.page.evaluate(
			([settings, templates]) => {
				localStorage.setItem('casemetrics.settings', settings);
				localStorage.setItem('casemetrics.templates', templates);
			},
			[SETTINGS, TEMPLATES]
		);
		await expect
			.poll(storedFiles, { timeout: 10_000 })
			.toEqual([{ name: 'kw-cases.csv', size: SIZE, bytes: SIZE, head: CASES.slice(0, 24) }]);
	});

	it('a reload restores the same dataset, the profile and the settings', async () => {
		await watchRestoring();
		const t0 = Date.now();
		await s.page.reload();
		await expectEverythingBack();
		const [from, to] = await s.page.evaluate(() => [
			(window as unknown as { restoreFrom: number }).restoreFrom,
			(window as unknown as { restoreTo: number }).restoreTo
		]);
		console.log(
			`reload with 37 stored cases: "Restoring" shown from ${Math.round(from)} ms to ${Math.round(to)} ms ` +
				`after navigation; count on screen ${Date.now() - t0} ms after reload()`
		);
	});

	it('a browser restart on the same profile restores them again', async () => {
		await s.restart('#/import');
		await watchRestoring();
		await s.page.reload();
		await expectEverythingBack();
		// The workspace page says what is stored.
		await s.page
			.getByRole('navigation', { name: 'Main' })
			.getByRole('link', { name: 'Your data' })
			.click();
		const info = s.page.getByTestId('stored-info');
		await info.filter({ hasText: 'Stored on this computer' }).waitFor();
		expect(await info.innerText()).toMatch(
			new RegExp(
				'^Stored on this computer: 1 file \\(\\d\\.\\d kB\\): kw-cases\\.csv\\. ' +
					'Restored in \\d+\\.\\d s when this tab opened\\.'
			)
		);
		console.log(`restore after a browser restart: ${await info.innerText()}`);
	});

	const FORGET =
		'"Forget everything" asks first, removes IndexedDB and every casemetrics. key, and says what it removed';
	it(FORGET, async () => {
		await s.page.getByTestId('forget').click();
		// Nothing happens before the confirmation.
		expect((await storedFiles()).length).toBe(1);
		await s.page.getByTestId('forget-confirm').click();
		const result = s.page.getByTestId('forget-result');
		await result.waitFor({ timeout: 30_000 });
		const kb = (SIZE / 1000).toFixed(1);
		expect(await result.locator('p').first().innerText()).toMatch(
			new RegExp(
				`^Removed: 1 stored file \\(${kb.replace('.', '\\.')} kB\\), 1 import profile, your settings, ` +
					`1 report template, the offline copy of the app \\(\\d+ files\\)\\.$`
			)
		);
		expect(
			await s.page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))
		).toEqual([]);
		expect(await s.page.evaluate(() => Object.keys(localStorage))).toEqual([]);
		// And the app is back on the sample data.
		await s.page.goto(s.url + '#/import');
		await waitForData(s.page);
		expect(await count('count-cases')).toBe(5000); // the bundled sample
		expect(await s.page.getByTestId('keep-checkbox').isChecked()).toBe(false);
		expect(await s.page.getByTestId('profiles').count()).toBe(0);
		expect(
			await s.page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))
		).toEqual([]);
		expect(await s.page.evaluate(() => Object.keys(localStorage))).toEqual([]);
	});

	it('logged no page errors', () => {
		expect(s.messages.filter((m) => m.startsWith('pageerror'))).toEqual([]);
	});
});
