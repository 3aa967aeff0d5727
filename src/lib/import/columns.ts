import { guessDateFormats, isPlaceholder, type DateGuess } from './dates';

/** What a column's sample values look like. */
export interface ColumnGuess {
	header: string;
	index: number;
	kind: 'date' | 'number' | 'text' | 'empty';
	date?: DateGuess;
	/** Numbers written with a decimal comma (3,5). */
	decimalComma?: boolean;
	/** A few distinct sample values, for the mapping screen. */
	examples: string[];
}

const NUMBER_RE = /^[-+]?\d+(?:[.,]\d+)?$/;

export function guessColumns(headers: string[], sample: string[][]): ColumnGuess[] {
	return headers.map((header, index) => {
		const values = sample.map((r) => (r[index] ?? '').trim()).filter((v) => !isPlaceholder(v));
		const examples = [...new Set(values)].slice(0, 5);
		if (values.length === 0) return { header, index, kind: 'empty', examples };
		const numbers = values.filter((v) => NUMBER_RE.test(v));
		// Plain numbers first: 20240105 or 2024 are numbers, not dates.
		if (numbers.length >= values.length * 0.9) {
			const decimalComma =
				numbers.some((v) => /^[-+]?\d+,\d+$/.test(v)) && !numbers.some((v) => v.includes('.'));
			return { header, index, kind: 'number', decimalComma, examples };
		}
		const date = guessDateFormats(values);
		if (date && date.share >= 0.8) return { header, index, kind: 'date', date, examples };
		return { header, index, kind: 'text', examples };
	});
}
