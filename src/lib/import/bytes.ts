/**
 * A chosen file's bytes: a range of them, and the slices a large file is read in, each read once and
 * ending at a line end outside quotes.
 */
import type { InputFile } from './stage';

/** Bytes `start` to `end` of a file. */
export async function readRange(file: InputFile, start: number, end: number): Promise<Uint8Array> {
	if (file.data instanceof Uint8Array) return file.data.subarray(start, end);
	return new Uint8Array(await file.data.slice(start, end).arrayBuffer());
}

/** Bytes read past a slice's size, to find where it ends without reading it twice. */
const LOOKAHEAD = 1 << 20;

export interface Slice {
	start: number;
	end: number;
	bytes: Uint8Array;
}

/**
 * The slice of `file` from `start`: about `size` bytes, up to just past the first line break at or
 * after `start + size` that lies outside quotes. Quotes are counted from the slice start (a doubled
 * "" inside a quoted value toggles twice, so parity tells whether a position is inside quotes).
 */
export async function readSlice(file: InputFile, start: number, size: number): Promise<Slice> {
	const target = Math.min(file.size, start + size);
	const bytes = await readRange(file, start, Math.min(file.size, target + LOOKAHEAD));
	if (target === file.size) return { start, end: file.size, bytes };
	let inQuotes = countQuotes(bytes.subarray(0, target - start)) % 2 === 1;
	for (let i = target - start; i < bytes.length; i++) {
		if (bytes[i] === QUOTE) inQuotes = !inQuotes;
		else if (bytes[i] === LF && !inQuotes)
			return { start, end: start + i + 1, bytes: bytes.subarray(0, i + 1) };
	}
	if (start + bytes.length === file.size) return { start, end: file.size, bytes };
	// A quoted value runs on past the look-ahead: its end is further on, and the slice is read again.
	const far = await lineEndAfter(file, start + bytes.length, inQuotes);
	return { start, end: far, bytes: await readRange(file, start, far) };
}

const QUOTE = 0x22;
const LF = 0x0a;

/** Just past the first line break outside quotes from `at` on (`inQuotes` there), or the file's end. */
async function lineEndAfter(file: InputFile, at: number, inQuotes: boolean): Promise<number> {
	for (; at < file.size; at += 65536) {
		const window = await readRange(file, at, Math.min(file.size, at + 65536));
		for (let i = 0; i < window.length; i++) {
			if (window[i] === QUOTE) inQuotes = !inQuotes;
			else if (window[i] === LF && !inQuotes) return at + i + 1;
		}
	}
	return file.size;
}

function countQuotes(bytes: Uint8Array): number {
	let n = 0;
	for (let i = bytes.indexOf(QUOTE); i >= 0; i = bytes.indexOf(QUOTE, i + 1)) n++;
	return n;
}
