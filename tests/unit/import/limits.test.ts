import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../src/lib/import/errors';
import { BROWSER_MAX_BYTES, checkBrowserFileSet } from '../../../src/lib/import/limits';

describe('the file set a browser tab can import', () => {
	it('is 1.5 GB, counted over all the files together', () => {
		expect(BROWSER_MAX_BYTES).toBe(1536 * 1024 * 1024);
		// exactly the limit in two files: accepted
		expect(() =>
			checkBrowserFileSet([
				{ name: 'cases.csv', size: 1024 ** 3 },
				{ name: 'events.csv', size: 512 * 1024 ** 2 }
			])
		).not.toThrow();
	});

	it('one byte more is refused with the total, the limit and the command line', () => {
		const files = [
			{ name: 'cases.csv', size: 1_000_000_000 },
			{ name: 'events.csv', size: 700_000_000 },
			{ name: 'staff.csv', size: 2_000 }
		];
		let error: unknown;
		try {
			checkBrowserFileSet(files);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(ImportError);
		const message = (error as ImportError).message;
		// 1,700,002,000 bytes / 1024^3 = 1.58 GB
		expect(message).toContain('These 3 files are together 1.6 GB');
		expect(message).toContain('(1.5 GB)');
		expect(message).toContain('npm run metrics -- --cases FILE');
		expect((error as ImportError).fileName).toBe('cases.csv, events.csv, staff.csv');
		expect(() => checkBrowserFileSet([{ name: 'one.csv', size: BROWSER_MAX_BYTES + 1 }])).toThrow(
			/one\.csv: The file is 1\.5 GB, more than a browser tab can analyse/
		);
	});
});
