/** The "Copy details" text of an unexpected error keeps no cell value (src/lib/ui/error-details.ts). */
import { describe, expect, it } from 'vitest';
import {
	errorDetails,
	routeOf,
	scrubMessage,
	scrubStack,
	wordsOf
} from '../../../src/lib/ui/error-details';

describe('scrubbing error messages', () => {
	it('removes quoted values and the SQL lines DuckDB appends', () => {
		expect(
			scrubMessage(
				`Conversion Error: Could not convert string 'Ana Ruiz' to INT32\nLINE 1: SELECT 'Ana Ruiz'`
			)
		).toBe('Conversion Error: Could not convert string ‹…› to #');
		expect(scrubMessage(`Cannot read properties of undefined (reading "North Office")`)).toBe(
			'Cannot read properties of undefined (reading ‹…›)'
		);
		expect(scrubMessage('Unexpected token “Zed” and ‘Q’ and «R» and `S`')).toBe(
			'Unexpected token ‹…› and ‹…› and ‹…› and ‹…›'
		);
	});

	it('keeps apostrophes inside words but cuts at an unpaired quote', () => {
		expect(scrubMessage(`can't parse O'Brien's value 'abc`)).toBe(
			`can't parse O'Brien's value ‹…›`
		);
		expect(scrubMessage('Unterminated string "Jane Doe, 12 Main St')).toBe(
			'Unterminated string ‹…›'
		);
	});

	it('removes numbers, identifiers with digits, e-mail addresses, addresses and key=value pairs', () => {
		expect(scrubMessage('Duplicate key CM-2024-00042 in row 17')).toBe('Duplicate key # in row #');
		expect(scrubMessage('Mail jo.smith@example.org failed at https://intranet/x?id=4')).toBe(
			'Mail ‹email› failed at ‹address›'
		);
		expect(scrubMessage('bad input worker=Ana, office=North')).toBe(
			'bad input worker=‹…›, office=‹…›'
		);
	});

	it('removes words of the loaded data wherever they appear', () => {
		const known = wordsOf(['Zebediah Quintrell', 'Housing', 'North Office', 'of']);
		expect(known.has('of')).toBe(false);
		expect(scrubMessage('No capacity for Zebediah Quintrell in Housing cases', known)).toBe(
			'No capacity for ‹…› ‹…› in ‹…› cases'
		);
	});

	it('caps the length', () => {
		expect(scrubMessage('word '.repeat(200)).length).toBeLessThanOrEqual(241);
	});
});

describe('the details text', () => {
	it('stacks keep file names only', () => {
		const stack = [
			"TypeError: x is 'Ana'",
			'    at Object.run (http://127.0.0.1:4173/_app/immutable/chunks/BXm.js:1:2345)',
			'    at http://intranet.local/casemetrics/_app/immutable/entry/app.Ab1.js?v=2:3:4',
			'run@file:///C:/Users/ana/casemetrics/build/_app/immutable/nodes/2.js:5:6'
		].join('\n');
		expect(scrubStack(stack)).toBe(
			['at Object.run (BXm.js:1:2345)', 'at app.Ab1.js:3:4', 'run@2.js:5:6'].join('\n')
		);
	});

	it('routes lose their query and anything that is not a route word', () => {
		expect(routeOf('#/cases?worker=Ana%20Ruiz&office=North')).toBe('#/cases');
		expect(routeOf('#/cases/CM-00042')).toBe('#/cases/‹…›');
		expect(routeOf('')).toBe('#/');
	});

	it('holds the name, scrubbed message, route, browser and stack, and no value', () => {
		const error = new RangeError(`Value 'Zebediah' out of range for case ZQ-48151`);
		error.stack = `RangeError: Value 'Zebediah' out of range\n    at f (http://127.0.0.1:1/_app/immutable/chunks/a.js:1:2)`;
		const text = errorDetails(error, {
			where: 'page',
			route: '#/import?x=Zebediah',
			browser: 'Chrome/156',
			version: '1',
			time: '2024-01-01T00:00:00Z'
		});
		expect(text).toBe(
			[
				'Casemetrics 1: unexpected error (page)',
				'Error: RangeError',
				'Message (values removed): Value ‹…› out of range for case #',
				'Route: #/import',
				'Browser: Chrome/156',
				'Time: 2024-01-01T00:00:00Z',
				'Stack:',
				'at f (a.js:1:2)'
			].join('\n')
		);
	});
});
