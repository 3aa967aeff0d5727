import { guessDateFormats, isPlaceholder, type DateGuess } from './dates';
import { profileValues, type ValueProfile } from './value-profile';

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
	/** What the sample values are like beyond their kind: how many differ, how long, addresses ... */
	profile: ValueProfile;
}

const NUMBER_RE = /^[-+]?\d+(?:[.,]\d+)?$/;
/** 1.234,5 or 1 234,5: thousands grouped, decimal comma (European exports). */
const GROUPED_COMMA_RE = /^[-+]?\d{1,3}(?:[. \u00a0]\d{3})+(?:,\d+)?$/;

export function guessColumns(headers: string[], sample: string[][]): ColumnGuess[] {
	return headers.map((header, index) => {
		const cells = sample.map((r) => (r[index] ?? '').trim());
		const values = cells.filter((v) => !isPlaceholder(v));
		const examples = [...new Set(values)].slice(0, 5);
		const profile = profileValues(cells, values);
		if (values.length === 0) return { header, index, kind: 'empty', examples, profile };
		const numbers = values.filter((v) => NUMBER_RE.test(v));
		const grouped = values.filter((v) => GROUPED_COMMA_RE.test(v) && !NUMBER_RE.test(v));
		// Plain numbers first: 20240105 or 2024 are numbers, not dates.
		if (numbers.length + grouped.length >= values.length * 0.9) {
			const decimalComma =
				grouped.length > 0 ||
				(numbers.some((v) => /^[-+]?\d+,\d+$/.test(v)) && !numbers.some((v) => v.includes('.')));
			return { header, index, kind: 'number', decimalComma, examples, profile };
		}
		const date = guessDateFormats(values);
		if (date && date.share >= 0.8) return { header, index, kind: 'date', date, examples, profile };
		return { header, index, kind: 'text', examples, profile };
	});
}
