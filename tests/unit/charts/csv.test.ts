import { describe, expect, it } from 'vitest';
import { neutralise, toCsv } from '../../../src/lib/export/csv';
import { tableCsv } from '../../../src/lib/charts/table';

describe('CSV written by the app neutralises formulas', () => {
	it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x","y")'])(
		'prefixes %j with an apostrophe',
		(v) => {
			expect(neutralise(v)).toBe(`'${v}`);
		}
	);
	it('leaves ordinary text and inner signs alone', () => {
		expect(neutralise('Laura Chen')).toBe('Laura Chen');
		expect(neutralise('a=b')).toBe('a=b');
		expect(neutralise('')).toBe('');
	});
	it('numbers stay numbers (a negative number is not text)', () => {
		expect(toCsv(['a', 'b'], [{ a: -3, b: '-3' }])).toBe(`a,b\r\n-3,'-3\r\n`);
	});
	it('quotes cells with commas, quotes and line breaks after neutralising', () => {
		expect(toCsv(['a'], [{ a: '=1,2' }, { a: 'say "hi"' }, { a: 'x\ny' }])).toBe(
			`a\r\n"'=1,2"\r\n"say ""hi"""\r\n"x\ny"\r\n`
		);
	});
	it('a chart table exports raw values with units in the header, every text cell neutralised', () => {
		const csv = tableCsv({
			columns: [
				{ key: 'worker', label: 'Worker' },
				{ key: 'active', label: 'Active', unit: 'cases' },
				{ key: 'share', label: 'Share', unit: 'share' }
			],
			rows: [
				{ worker: '@evil', active: 12, share: 0.25 },
				{ worker: '-x', active: null, share: null }
			]
		});
		expect(csv).toBe(`Worker,Active (cases),Share (share)\r\n'@evil,12,0.25\r\n'-x,,\r\n`);
	});
});
