/**
 * Unexpected errors: a thrown error and a rejected promise show a readable message with "Copy details";
 * the copied text names the error, the route and the browser, keeps file names only in the stack, and
 * holds no value of the loaded data. Import errors stay on the import page only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { navigate, openApp, waitForData, type Session } from './harness';

const WORKERS = ['Zebediah Quintrell', 'Marisol Vantongeren'];
const TYPES = ['Tenancy Xylophone', 'Benefits Appeal'];
const IDS = Array.from({ length: 14 }, (_, i) => `ZQ-${48151 + i}`);
const CASES =
	[
		'Case ID,Date Opened,Date Closed,Worker,Case Type',
		...IDS.map(
			(id, i) =>
				`${id},2024-06-${String(1 + i).padStart(2, '0')},,${WORKERS[i % 2]},${TYPES[i % 2]}`
		)
	].join('\n') + '\n';
const VALUES = [
	...WORKERS,
	...WORKERS.flatMap((w) => w.split(' ')),
	...TYPES.flatMap((t) => t.split(' ')).filter((w) => w.length > 5),
	...IDS,
	...IDS.map((id) => id.slice(3))
];

let s: Session;
beforeAll(async () => {
	s = await openApp('#/import', { clipboard: true });
	await waitForData(s.page);
	await s.page
		.getByTestId('file-input')
		.setInputFiles({ name: 'zq-cases.csv', mimeType: 'text/csv', buffer: Buffer.from(CASES) });
	await s.page.getByTestId('mapping').waitFor();
	await s.page.getByRole('button', { name: /^Import this file/ }).click();
	await s.page.getByTestId('validation-report').waitFor();
});
afterAll(async () => s?.close());

async function copied(): Promise<string> {
	await s.page.evaluate(() => navigator.clipboard.writeText(''));
	await s.page.getByTestId('copy-error').click();
	await s.page.getByText('Copied.').waitFor();
	return s.page.evaluate(() => navigator.clipboard.readText());
}

function expectNoData(text: string) {
	for (const v of VALUES) expect(text, `"${v}" leaked`).not.toContain(v);
	expect(text).not.toContain('127.0.0.1');
	expect(text).not.toContain('http');
}

describe('an unexpected error', () => {
	it('an import error is shown by the import page only, not again as an unexpected error', async () => {
		expect(Number(await s.page.getByTestId('count-cases').innerText())).toBe(14);
		await s.page
			.getByTestId('file-input')
			.setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.from('') });
		await s.page.getByTestId('import-error').waitFor();
		await s.page.waitForTimeout(500);
		expect(await s.page.getByTestId('app-error').count()).toBe(0);
		await s.page.getByRole('button', { name: 'Dismiss' }).click();
	});

	it('a thrown error with cell values in it: readable message, copy details without the values', async () => {
		await s.page.evaluate(() =>
			setTimeout(() => {
				throw new TypeError(
					"Could not convert string 'Zebediah Quintrell' to INT32 for case ZQ-48151\n" +
						"LINE 1: SELECT * FROM cases WHERE worker = 'Marisol Vantongeren'"
				);
			})
		);
		const box = s.page.getByTestId('app-error');
		await box.waitFor();
		expect(await box.getByRole('heading').innerText()).toBe('Something went wrong');
		expect(await s.page.getByTestId('app-error-message').innerText()).toBe(
			'TypeError: Could not convert string ‹…› to # for case #'
		);
		const text = await copied();
		expect(text).toMatch(/^Casemetrics .+: unexpected error \(page\)\n/);
		expect(text).toContain('\nError: TypeError\n');
		expect(text).toContain(
			'\nMessage (values removed): Could not convert string ‹…› to # for case #\n'
		);
		expect(text).toContain('\nRoute: #/import\n');
		expect(text).toMatch(/\nBrowser: Mozilla\/5\.0 .*Chrome\/\d+/);
		expect(text).toMatch(/\nStack:\n(at .*\n?)+$/);
		expectNoData(text);
		await s.page.getByRole('button', { name: 'Dismiss' }).click();
		expect(await box.count()).toBe(0);
	});

	const unquoted =
		'an unhandled rejection naming a worker without quotes, on a route with a filter query: ' +
		'scrubbed against the loaded data';
	it(unquoted, async () => {
		// In-app navigation by a link, as the dashboard's filter links do (editing location.hash would reload the app).
		await navigate(s.page, '/workspace?worker=Zebediah%20Quintrell');
		await s.page.getByRole('heading', { name: 'Your data on this computer' }).waitFor();
		await s.page.evaluate(() => {
			void Promise.reject(
				new RangeError('No capacity for Zebediah Quintrell in Tenancy Xylophone cases')
			);
		});
		await s.page.getByTestId('app-error').waitFor();
		await expect
			.poll(() => s.page.getByTestId('app-error-message').innerText())
			.toBe('RangeError: No capacity for ‹…› ‹…› in ‹…› ‹…› cases');
		const text = await copied();
		expect(text).toContain('unexpected error (promise)');
		expect(text).toContain(
			'\nMessage (values removed): No capacity for ‹…› ‹…› in ‹…› ‹…› cases\n'
		);
		expect(text).toContain('\nRoute: #/workspace\n');
		expectNoData(text);
		// Still the imported data: nothing reloaded.
		expect(await s.page.getByTestId('loaded-origin').innerText()).toBe(
			'Your files, loaded in this tab:'
		);
	});

	it("a stack from the app's own code keeps file names only", async () => {
		await s.page.getByRole('button', { name: 'Dismiss' }).click();
		// A real frame in a built chunk: call an app function with a broken argument.
		await s.page.evaluate(() => {
			const input = document.querySelector('[data-testid="import-bundle"]') as HTMLInputElement;
			// A File whose text() rejects inside the app's own handler.
			const file = new File(['x'], 'broken.json');
			Object.defineProperty(file, 'text', {
				value: () =>
					Promise.reject(
						new SyntaxError('Unexpected token \'Z\', "Zebediah Quintrell" is not valid JSON')
					)
			});
			Object.defineProperty(file, 'size', { value: 10 });
			const list = { 0: file, length: 1, item: () => file } as unknown as FileList;
			Object.defineProperty(input, 'files', { value: list, configurable: true });
			input.dispatchEvent(new Event('change', { bubbles: true }));
		});
		await s.page.getByTestId('app-error').waitFor();
		const text = await copied();
		expect(text).toContain('\nError: SyntaxError\n');
		expect(text).toContain(
			'\nMessage (values removed): Unexpected token ‹…›, ‹…› is not valid JSON\n'
		);
		const frames = text.split('\nStack:\n')[1].split('\n');
		// The app's own frames name the built file, line and column, and nothing of the path or host.
		expect(frames.some((f) => /^at [\w.$]+ \([\w-]+\.[\w-]+\.js:\d+:\d+\)$/.test(f))).toBe(true);
		for (const f of frames) {
			expect(f).toMatch(/^at /);
			expect(f).not.toMatch(/\/\w/);
		}
		expectNoData(text);
	});
});
