import { describe, expect, it } from 'vitest';
import { sniff, SNIFF_BYTES } from '../../../src/lib/import/sniff';

// The sniff parses the head's first part when it holds the sample: the rows must be those of the
// whole head, whatever the rows' length, line ending or quoted line breaks.
const encoder = new TextEncoder();

/** A title block of 2 lines, a header and `rows` rows, each padded with `pad` characters of notes. */
function exportText(rows: number, pad: number, newline: string): string {
	const lines = ['Case report', 'Run on 2024-06-30', 'case_id;opened_at;notes'];
	for (let i = 1; i <= rows; i++) {
		// Every 100th row's note spans two lines inside quotes.
		const note = i % 100 === 0 ? `"line one${newline}line two"` : 'x'.repeat(pad);
		lines.push(`C${i};2024-01-${String((i % 28) + 1).padStart(2, '0')};${note}`);
	}
	return lines.join(newline) + newline;
}

function sniffHead(text: string) {
	const bytes = encoder.encode(text);
	return sniff('export.csv', bytes.subarray(0, SNIFF_BYTES), bytes.length);
}

describe('the sniff of a large head', () => {
	for (const [what, pad, newline] of [
		['short rows (the first 256 KB hold the sample)', 20, '\n'],
		['short rows with CRLF line ends', 20, '\r\n'],
		['long rows (the sample needs more than the first 256 KB)', 600, '\n']
	] as const) {
		it(`gives the first 1,000 rows after the header: ${what}`, () => {
			const text = exportText(pad > 100 ? 4000 : 40_000, pad, newline);
			expect(text.length).toBeGreaterThan(SNIFF_BYTES);
			const s = sniffHead(text);
			expect(s.delimiter).toBe(';');
			expect(s.skipLines).toBe(2);
			expect(s.headers).toEqual(['case_id', 'opened_at', 'notes']);
			expect(s.sample).toHaveLength(1000);
			// Row 1: 2024-01-02 (1 % 28 + 1); row 1,000: a quoted note over two lines, 2024-01-21 (1000 % 28 = 20).
			expect(s.sample[0]).toEqual(['C1', '2024-01-02', 'x'.repeat(pad)]);
			expect(s.sample[999]).toEqual(['C1000', '2024-01-21', `line one${newline}line two`]);
			expect(s.quotedLineBreaks).toBe(true);
		});
	}
});
