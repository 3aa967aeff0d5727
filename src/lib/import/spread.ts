/**
 * Rows from slices spread evenly through a file past its head, so that the mapping screen's guesses
 * see more than the first rows (a column blank or numeric at the top and dates further down) without
 * reading the whole file: a few small reads at any file size.
 */
import Papa from 'papaparse';
import { decode } from './encoding';
import { readRange } from './bytes';
import type { SniffResult } from './sniff';
import type { InputFile, StageOptions } from './stage';

/** Slices read past the head, and the bytes of each. */
export const SPREAD_SLICES = 8;
export const SPREAD_BYTES = 16 * 1024;

const LF = 0x0a;

/**
 * The whole records of `SPREAD_SLICES` slices centred at evenly spaced offsets of the file past
 * its first `headBytes`: each slice cut to whole lines, parsed as the head was, and only rows as
 * wide as the header kept (a slice that starts inside a quoted value may split it wrongly). UTF-16
 * files are not sampled (their bytes cannot be cut at a line break by byte value).
 */
export async function sampleSpread(
	file: InputFile,
	sniffed: SniffResult,
	headBytes: number,
	options: Pick<StageOptions, 'spreadBytes'> = {}
): Promise<string[][]> {
	if (sniffed.encoding.encoding === 'utf-16le') return [];
	const sliceBytes = options.spreadBytes ?? SPREAD_BYTES;
	const rest = file.size - headBytes;
	if (rest <= 0) return [];
	const encoding = { ...sniffed.encoding, bomLength: 0 };
	const rows: string[][] = [];
	for (let k = 0; k < SPREAD_SLICES; k++) {
		const centre = headBytes + Math.floor(((k + 0.5) * rest) / SPREAD_SLICES);
		const start = Math.max(headBytes, centre - sliceBytes / 2);
		const bytes = await readRange(file, start, Math.min(file.size, start + sliceBytes));
		const first = bytes.indexOf(LF);
		const last = bytes.lastIndexOf(LF);
		if (first < 0 || last <= first) continue;
		const text = decode(bytes.subarray(first + 1, last), encoding);
		const parsed = Papa.parse<string[]>(text, {
			delimiter: sniffed.delimiter,
			skipEmptyLines: 'greedy'
		}).data;
		for (const row of parsed) if (row.length === sniffed.headers.length) rows.push(row);
	}
	return rows;
}
