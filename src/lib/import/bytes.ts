/**
 * A chosen file's bytes: a range of them, the slices a large file is read in (each read once and
 * ending at a line end outside quotes), and the bytes a read holds lent to a second reader.
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

/**
 * The bytes DuckDB's read of a file takes into memory, lent to the structure scan that goes over the
 * same file at the same time, in order (stage.ts): each byte is read from the file once, not once
 * for each. Both run on the page's thread in the browser, where reading a file costs CPU that
 * DuckDB's worker then lacks. The scan waits for the bytes it is ahead of, until the read is over
 * (`close`); a range no lent bytes hold then (a file read by its path, or bytes let go because the
 * scan fell `LENT_SLICES` slices behind) is read from the file.
 */
export class LentBytes {
	private lent: { start: number; slice: Promise<Slice>; end?: number }[] = [];
	private closed = false;
	private waiting: (() => void)[] = [];

	constructor(private readonly file: InputFile) {}

	/** Lends the bytes of a slice being read from `start` (the latest lent answers first). */
	lend(start: number, slice: Promise<Slice>): Promise<Slice> {
		const entry: (typeof this.lent)[number] = { start, slice };
		slice.then(
			(s) => (entry.end = s.end),
			() => (this.lent = this.lent.filter((e) => e !== entry))
		);
		this.lent.push(entry);
		if (this.lent.length > LENT_SLICES) this.lent.shift();
		this.wake();
		return slice;
	}

	/** The read is over: nothing more will be lent. */
	close(): void {
		this.closed = true;
		this.wake();
	}

	/** Bytes `start` to `end`, from lent bytes where they hold them. */
	async read(start: number, end: number): Promise<Uint8Array> {
		for (;;) {
			// The scan reads in order: what ends before `start` is no longer needed.
			this.lent = this.lent.filter((e) => e.end === undefined || e.end > start);
			const entry = this.lent.findLast((e) => e.start <= start);
			const slice = entry ? await entry.slice.catch(() => null) : null;
			if (slice && slice.end > start) {
				const from = start - slice.start;
				if (end <= slice.end) return slice.bytes.subarray(from, end - slice.start);
				// A range across two slices: this one's tail, then the rest.
				const tail = slice.bytes.subarray(from);
				const rest = await this.read(slice.end, end);
				const joined = new Uint8Array(tail.length + rest.length);
				joined.set(tail);
				joined.set(rest, tail.length);
				return joined;
			}
			const passed = this.lent.some((e) => e.start > start);
			if (this.closed || passed) return readRange(this.file, start, end);
			// Ahead of the read: its next slice will hold these bytes.
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		}
	}

	private wake(): void {
		const waiting = this.waiting;
		this.waiting = [];
		for (const resolve of waiting) resolve();
	}
}

/** Slices held for the scan at most: the one DuckDB reads, the next, and one behind. */
const LENT_SLICES = 3;
