import { closeSync, mkdirSync, openSync, ftruncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, waitForData, type Session } from './harness';
import { importSettled, shownNumber } from './import-steps';

// A file set larger than a browser tab can analyse is refused before anything is read, with the
// size, the limit and the command line. The large file is sparse: 1,700 MB on disk that take no
// space, chosen through the page's real file input.
const DIR = path.resolve(import.meta.dirname, '../.artifacts/large');
const BIG = path.join(DIR, 'sparse-1700mb.csv');
const SMALL = path.join(DIR, 'staff-small.csv');

let s: Session;
beforeAll(async () => {
	mkdirSync(DIR, { recursive: true });
	const fd = openSync(BIG, 'w');
	ftruncateSync(fd, 1700 * 1024 * 1024);
	closeSync(fd);
	writeFileSync(SMALL, 'Name,Office\nAna Ruiz,Downtown\n');
	s = await openApp('#/import');
	await waitForData(s.page);
}, 120_000);
afterAll(async () => s?.close());

describe('a file set too large for the browser', () => {
	it('is refused before loading, with its size, the limit and the command line', async () => {
		const before = await shownNumber(s.page, 'count-cases');
		const phase = await importSettled(s.page, () =>
			s.page.getByTestId('file-input').setInputFiles([BIG, SMALL])
		);
		expect(phase).toBe('failed');
		const message = await s.page.getByTestId('import-error').innerText();
		// 1,700 MB + 33 bytes = 1.66 GB
		expect(message).toContain('These 2 files are together 1.7 GB');
		expect(message).toContain('more than a browser tab can analyse (1.5 GB)');
		expect(message).toContain('npm run metrics -- --cases FILE');
		expect(message).toContain('The data you had loaded before is unchanged');
		expect(await s.page.getByTestId('mapping').count()).toBe(0);
		expect(await shownNumber(s.page, 'count-cases')).toBe(before);
	});
});
