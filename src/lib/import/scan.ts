/**
 * One pass over a file's bytes that DuckDB's reader does not make for us: it finds a quote that
 * is never closed (which would swallow the rest of the file into one value) and records with fewer
 * fields than the header (which the reader pads silently). Works on UTF-8 and single-byte text.
 */
export interface StructureScan {
	/** Data records seen (after the header). */
	records: number;
	/** 1-based line where a quote opens that is never closed. */
	unclosedQuoteLine?: number;
	/** Lines of records with fewer fields than the header (at most `limit`), and how many in all. */
	shortLines: number[];
	shortCount: number;
	/**
	 * Where each record DuckDB keeps starts: [record index, line - index] wherever that difference
	 * changes (blank lines, values spanning lines, records with too many fields that the reader
	 * rejects). The line of kept record i is i plus the offset of the last breakpoint at or before i.
	 */
	lineBreakpoints: [number, number][];
	/** The line at the start of each chunk of `SCAN_CHUNK` bytes: where a byte position's line is counted from. */
	chunkLines: number[];
}

/** The scan reads 1 MB at a time: each read yields to the page, so the scan of a large file on the
 * page's thread never holds it for long (8 MB chunks made tasks of up to 0.8 s on a loaded machine). */
export const SCAN_CHUNK = 1 << 20;

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

export async function scanStructure(
	read: (start: number, end: number) => Promise<Uint8Array>,
	size: number,
	delimiter: string,
	headerLine: number,
	fields: number,
	limit = 10_000
): Promise<StructureScan> {
	const delim = delimiter.charCodeAt(0);
	const CHUNK = SCAN_CHUNK;
	const chunkLines: number[] = [];
	let inQuotes = false;
	let line = 1;
	let quoteOpenedAt = 0;
	let fieldCount = 1;
	let recordHasContent = false;
	let skip = headerLine; // title lines and the header are not data records
	let record = 0;
	let kept = 0;
	let recordLine = 1;
	let offset = Number.NaN;
	const lineBreakpoints: [number, number][] = [];
	const shortLines: number[] = [];
	let shortCount = 0;
	const endRecord = () => {
		if (skip > 0) skip--;
		// An empty line is no record, for DuckDB's reader either.
		else if (recordHasContent || fieldCount > 1) {
			if (fieldCount < fields) {
				shortCount++;
				if (shortLines.length < limit) shortLines.push(recordLine);
			}
			if (fieldCount <= fields) {
				if (recordLine - kept !== offset)
					lineBreakpoints.push([kept, (offset = recordLine - kept)]);
				kept++;
			}
			record++;
		}
		fieldCount = 1;
		recordHasContent = false;
		recordLine = line;
	};
	for (let start = 0; start < size; start += CHUNK) {
		const bytes = await read(start, Math.min(size, start + CHUNK));
		chunkLines.push(line);
		for (let i = 0; i < bytes.length; i++) {
			const b = bytes[i];
			if (b === QUOTE) {
				inQuotes = !inQuotes;
				if (inQuotes) quoteOpenedAt = line;
				recordHasContent = true;
			} else if (b === LF) {
				line++;
				if (!inQuotes) endRecord();
			} else if (!inQuotes) {
				if (b === delim) {
					fieldCount++;
					recordHasContent = true;
				} else if (b !== CR) recordHasContent = true;
			}
		}
	}
	if (!inQuotes && (recordHasContent || fieldCount > 1)) endRecord();
	return {
		records: record,
		unclosedQuoteLine: inQuotes ? quoteOpenedAt : undefined,
		shortLines,
		shortCount,
		lineBreakpoints,
		chunkLines
	};
}

/**
 * The line on which each record at a byte position starts, for the lines DuckDB's reader rejects:
 * the reader's own line numbers do not count line breaks inside quoted values. The reader gives
 * where the record's line begins, give or take its line break and blank lines before it (CRLF or
 * LF alike): the record's line is the first line at or after `at` that is not empty. `positions`
 * in ascending order; each chunk with one is read once.
 */
export async function linesAt(
	read: (start: number, end: number) => Promise<Uint8Array>,
	size: number,
	chunkLines: number[],
	positions: number[]
): Promise<number[]> {
	const lines: number[] = [];
	let chunk = -1;
	let bytes: Uint8Array = new Uint8Array(0);
	for (const at of positions) {
		const k = Math.min(Math.floor(at / SCAN_CHUNK), chunkLines.length - 1);
		if (k !== chunk) {
			chunk = k;
			// A little past the chunk, for blank lines at its end.
			bytes = await read(k * SCAN_CHUNK, Math.min(size, (k + 1) * SCAN_CHUNK + 4096));
		}
		let line = chunkLines[k];
		let i = 0;
		for (const end = at - k * SCAN_CHUNK; i < end && i < bytes.length; i++)
			if (bytes[i] === LF) line++;
		for (; i < bytes.length && (bytes[i] === LF || bytes[i] === CR); i++)
			if (bytes[i] === LF) line++;
		lines.push(line);
	}
	return lines;
}

/**
 * The breakpoints once the records on `lines` are left out too: DuckDB's reader rejects some lines
 * the scan cannot foresee (bytes that are not valid text, a quote inside an unquoted value), and
 * every kept record after such a line moves up one place. Lines that start no kept record are ignored.
 */
export function withoutRecords(
	breakpoints: [number, number][],
	lines: number[]
): [number, number][] {
	const removed = [...new Set(lines)].sort((a, b) => a - b);
	const out: [number, number][] = [];
	let shift = 0;
	let r = 0;
	for (const [k, [idx, off]] of breakpoints.entries()) {
		const end = k + 1 < breakpoints.length ? breakpoints[k + 1][0] : Infinity;
		out.push([idx - shift, off + shift]);
		for (; r < removed.length && removed[r] - off < end; r++) {
			const record = removed[r] - off;
			if (record < idx) continue; // a line between records (blank, or already left out by the scan)
			shift++;
			if (record + 1 < end) out.push([record + 1 - shift, off + shift]);
		}
	}
	// One breakpoint per index (the last wins), none repeating the offset before it.
	const byIndex = new Map(out);
	const points: [number, number][] = [];
	for (const [i, off] of byIndex)
		if (!points.length || points.at(-1)![1] !== off) points.push([i, off]);
	return points;
}
