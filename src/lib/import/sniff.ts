import Papa from 'papaparse';
import { assertText, decode, detectEncoding, type EncodingGuess } from './encoding';
import { ImportError } from './errors';

export type Delimiter = ',' | ';' | '\t' | '|';
export const DELIMITERS: Delimiter[] = [',', ';', '\t', '|'];
export const DELIMITER_NAMES: Record<Delimiter, string> = {
	',': 'comma',
	';': 'semicolon',
	'\t': 'tab',
	'|': 'pipe'
};

/** How much of a file is read to sniff it; the bulk load reads the rest in place. */
export const SNIFF_BYTES = 1 << 20;
const SAMPLE_ROWS = 1000;
/** Rows parsed from the head: a title block of up to 20 lines, the header and the sample. */
const PREVIEW_ROWS = SAMPLE_ROWS + 20;
/**
 * The part of the head parsed first: it holds the preview's rows in most exports, and parsing (and
 * papaparse's guess of the line ending, which splits all it is given) costs by the byte.
 */
const PREFIX_BYTES = 256 * 1024;
const LF = 0x0a;

export interface SniffResult {
	fileName: string;
	size: number;
	encoding: EncodingGuess;
	delimiter: Delimiter;
	/** Lines before the header row (titles, "report run on ..."). */
	skipLines: number;
	headers: string[];
	/** The first data rows, for the preview table and for guessing column types. */
	sample: string[][];
	/** True when the sample holds a quoted field spanning lines. */
	quotedLineBreaks: boolean;
}

/**
 * Sniffs a file from its first bytes: encoding, delimiter, header row, and a sample of rows.
 * Throws an ImportError that says what is wrong when the file cannot be a table.
 */
export function sniff(fileName: string, head: Uint8Array, size: number): SniffResult {
	if (size === 0 || head.length === 0) {
		throw new ImportError(
			fileName,
			'The file is empty.',
			'Export the data again from your case system and import the new file.'
		);
	}
	const encoding = detectEncoding(head);
	assertText(fileName, head, encoding);
	const { delimiter, rows } =
		previewOfPrefix(head, encoding) ?? previewOfHead(fileName, head, size, encoding);
	const headerIndex = findHeaderRow(rows);
	const headers = uniqueHeaders(rows[headerIndex]);
	const sample = rows.slice(headerIndex + 1).filter((r) => r.some((cell) => cell.trim() !== ''));
	if (sample.length === 0 && head.length >= size) {
		throw new ImportError(
			fileName,
			`The file has a header row (${headers.length} columns) but no data rows.`,
			'Check that the export was not filtered to nothing, then export it again.',
			headerIndex + 2
		);
	}
	const skipLines = rows.slice(0, headerIndex).reduce((n, r) => n + 1 + countLineBreaks(r), 0);
	const quotedLineBreaks = sample.some((r) => r.some((cell) => cell.includes('\n')));
	return {
		fileName,
		size,
		encoding,
		delimiter,
		skipLines,
		headers,
		sample: sample.slice(0, SAMPLE_ROWS),
		quotedLineBreaks
	};
}

type Preview = { delimiter: Delimiter; rows: string[][] };

/** The delimiter and the first `PREVIEW_ROWS` rows of the head (cut to whole lines when the file goes on). */
function previewOfHead(
	fileName: string,
	head: Uint8Array,
	size: number,
	encoding: EncodingGuess
): Preview {
	let text = decode(head, encoding);
	if (head.length < size) {
		const lastBreak = text.lastIndexOf('\n');
		if (lastBreak < 0) {
			throw new ImportError(
				fileName,
				'The first megabyte of the file holds no line break, so it is not a table with one row per line.',
				'Check that it is a CSV export of your cases.'
			);
		}
		text = text.slice(0, lastBreak);
	}
	if (text.trim() === '') {
		throw new ImportError(
			fileName,
			'The file holds no text, only blank lines.',
			'Export the data again from your case system.'
		);
	}
	return preview(text, PREVIEW_ROWS);
}

/**
 * The same preview from the head's first `PREFIX_BYTES` only, cut after a line break, when they
 * hold a row past the preview's (so that its last row is whole); otherwise null, and the whole head
 * is parsed. UTF-16 is not cut (its line break is two bytes, and 0x0A may be half of another character).
 */
function previewOfPrefix(head: Uint8Array, encoding: EncodingGuess): Preview | null {
	if (head.length <= PREFIX_BYTES || encoding.encoding.startsWith('utf-16')) return null;
	const lastBreak = head.lastIndexOf(LF, PREFIX_BYTES);
	if (lastBreak < 0) return null;
	const text = decode(head.subarray(0, lastBreak), encoding);
	if (text.trim() === '') return null;
	const { delimiter, rows } = preview(text, PREVIEW_ROWS + 1);
	return rows.length > PREVIEW_ROWS ? { delimiter, rows: rows.slice(0, PREVIEW_ROWS) } : null;
}

function preview(text: string, rows: number): Preview {
	const delimiter = guessDelimiter(text);
	const data = Papa.parse<string[]>(text, { delimiter, preview: rows, skipEmptyLines: false }).data;
	return { delimiter, rows: data };
}

/**
 * The delimiter that splits the first lines into the most consistent number of fields (more than
 * one). Papaparse's own guess is thrown off by short files with a trailing blank line.
 */
function guessDelimiter(text: string): Delimiter {
	let best: { delimiter: Delimiter; score: number } = { delimiter: ',', score: 0 };
	for (const delimiter of DELIMITERS) {
		const rows = Papa.parse<string[]>(text, {
			delimiter,
			preview: 50,
			skipEmptyLines: 'greedy'
		}).data;
		const widths = new Map<number, number>();
		for (const r of rows) widths.set(r.length, (widths.get(r.length) ?? 0) + 1);
		const [width, count] = [...widths.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0] ?? [
			1, 0
		];
		if (width < 2) continue;
		// Consistency first; among equally consistent readings, more fields.
		const score = count / rows.length + width / 10_000;
		if (score > best.score) best = { delimiter, score };
	}
	return best.delimiter;
}

function countLineBreaks(row: string[]): number {
	return row.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
}

/**
 * The header is the first row as wide as most rows whose cells are mostly filled and mostly not
 * numbers or dates; rows above it are a title block.
 */
function findHeaderRow(rows: string[][]): number {
	const widths = new Map<number, number>();
	for (const r of rows.slice(0, 200))
		if (r.length > 1) widths.set(r.length, (widths.get(r.length) ?? 0) + 1);
	const modal =
		[...widths.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ??
		rows[0]?.length ??
		1;
	const limit = Math.min(rows.length, 20);
	for (let i = 0; i < limit; i++) {
		const cells = rows[i].map((c) => c.trim());
		if (cells.length < modal) continue;
		const filled = cells.filter((c) => c !== '');
		const labels = filled.filter((c) => !/^[-+]?[\d.,/:\s]+$/.test(c));
		if (filled.length >= Math.ceil(modal / 2) && labels.length >= filled.length * 0.8) return i;
	}
	return 0;
}

/** Headers made unique and never blank, so that each column can be named in messages. */
function uniqueHeaders(raw: string[] = []): string[] {
	const seen = new Map<string, number>();
	return raw.map((h, i) => {
		const base = h.replace(/^\uFEFF/, '').trim() || `Column ${i + 1}`;
		const n = seen.get(base) ?? 0;
		seen.set(base, n + 1);
		return n === 0 ? base : `${base} (${n + 1})`;
	});
}
