import type { Engine, FileSource } from '../engine/types';
import { ident, literal } from '../engine/sql';
import { guessColumns, type ColumnGuess } from './columns';
import { withOrder, type DateOrder } from './dates';
import { toUtf8 } from './encoding';
import { scanStructure } from './scan';
import { ImportCancelled, ImportError } from './errors';
import { detectTable, type Mapping } from './mapping';
import { sniff, SNIFF_BYTES, type SniffResult } from './sniff';

/** A file the user gave us: a browser File (read in place) or bytes (Node, tests). */
export interface InputFile {
	name: string;
	size: number;
	data: FileSource;
}

/** A file read into a raw all-text table, waiting for its mapping to be confirmed. */
export interface StagedFile {
	file: InputFile;
	sniff: SniffResult;
	guesses: ColumnGuess[];
	/** The proposed mapping (from synonyms, or a saved profile). */
	mapping: Mapping;
	/** The raw table: columns c0..cN as text, in file order; `rowid` is the record's position. */
	rawTable: string;
	rows: number;
	/** Records DuckDB's reader could not split into the header's columns. */
	rejected: RejectedLine[];
	/** The saved profile the mapping came from, if one matched the headers. */
	profile?: string;
	/** Lines of records with fewer fields than the header (kept, the missing values empty): the first thousands, and how many. */
	shortLines: number[];
	shortCount: number;
	/** Maps a raw row to its line in the file (see `StructureScan.lineBreakpoints`). */
	lineBreakpoints: [number, number][];
}

export type RejectedLine = {
	line: number;
	/** DuckDB's error type: TOO MANY COLUMNS, UNQUOTED VALUE, INVALID UNICODE ... */
	kind: string;
	problem: string;
};

let counter = 0;

async function readRange(file: InputFile, start: number, end: number): Promise<Uint8Array> {
	if (file.data instanceof Uint8Array) return file.data.subarray(start, end);
	return new Uint8Array(await file.data.slice(start, end).arrayBuffer());
}

export function readHead(file: InputFile, bytes = SNIFF_BYTES): Promise<Uint8Array> {
	return readRange(file, 0, bytes);
}

export function rawColumn(index: number): string {
	return ident(`c${index}`);
}

/** Above this a file is refused up front: the browser's WebAssembly memory (4 GB) could not hold it. */
export const MAX_FILE_BYTES = 1536 * 1024 * 1024;
/** Large files are read in slices of about this size, for real progress and prompt cancelling. */
export const SLICE_BYTES = 24 * 1024 * 1024;

export interface StageProgress {
	bytes: number;
	totalBytes: number;
	rows: number;
}

export interface StageOptions {
	onProgress?: (p: StageProgress) => void;
	signal?: AbortSignal;
	/** Slice size; tests make it small. */
	sliceBytes?: number;
}

/**
 * Reads a whole file into a raw table with DuckDB's CSV reader, every column as text, so that no
 * value is lost to a wrong type guess: types and dates are parsed afterwards, in SQL, where a bad
 * value can be reported with its row. The file is registered in place, not copied into a string;
 * a large file is read slice by slice (cut at line ends) so that progress shows and cancel is prompt.
 */
export async function stageFile(engine: Engine, file: InputFile, options: StageOptions = {}): Promise<StagedFile> {
	if (file.size > MAX_FILE_BYTES) {
		throw new ImportError(
			file.name,
			`The file is ${formatBytes(file.size)}, more than this browser can analyse (about ${formatBytes(MAX_FILE_BYTES)}).`,
			'Export a shorter period (for example one year at a time) or fewer columns, and import that.'
		);
	}
	const head = await readHead(file);
	const sniffed = sniff(file.name, head, file.size);
	const guesses = guessColumns(sniffed.headers, sniffed.sample);
	const mapping = detectTable(file.name, guesses);
	const rawTable = `raw_${++counter}`;
	const native = sniffed.encoding.encoding === 'utf-8' || sniffed.encoding.encoding === 'utf-16le';
	const source: InputFile = native
		? file
		: { ...file, data: await toUtf8((start, end) => readRange(file, start, end), file.size, sniffed.encoding) };
	if (!native) source.size = (source.data as Uint8Array).length;
	const structure = sniffed.encoding.encoding === 'utf-16le'
		? { records: 0, shortLines: [], shortCount: 0, lineBreakpoints: [[0, sniffed.skipLines + 2]] as [number, number][] }
		: await scanStructure((a, b) => readRange(source, a, b), source.size, sniffed.delimiter, sniffed.skipLines + 1, sniffed.headers.length);
	if (structure.unclosedQuoteLine) {
		const line = structure.unclosedQuoteLine;
		throw new ImportError(
			file.name,
			`A quoted value that starts on line ${line} is never closed, so everything after it would be read as one value.`,
			`Open the file in a text editor, close the quote (") on line ${line} or remove the stray one, and import again.`,
			line
		);
	}
	const reader = { engine, sniffed, rawTable, options };
	let rejected: RejectedLine[];
	try {
		// Slices end outside quotes; should a slice still fail to read, the file is read in one pass.
		// UTF-16 is read whole: its bytes cannot be cut at a byte value.
		const sliced = sniffed.encoding.encoding !== 'utf-16le' && source.size > (options.sliceBytes ?? SLICE_BYTES);
		rejected = sliced ? await readSliced(reader, source).catch((e) => retryWhole(e, reader, source)) : await readWhole(reader, source);
	} catch (error) {
		await engine.exec(`DROP TABLE IF EXISTS ${rawTable}`);
		throw readerError(file.name, error);
	}
	const [{ rows }] = await engine.query<{ rows: number }>(`SELECT count(*)::INTEGER AS rows FROM ${rawTable}`);
	if (rows === 0) {
		await engine.exec(`DROP TABLE IF EXISTS ${rawTable}`);
		const first = rejected[0];
		if (first) {
			throw new ImportError(file.name, `No row could be read: ${first.problem}`, 'Check the file in a text editor.', first.line);
		}
		throw new ImportError(file.name, 'The file has a header row but no data rows.', 'Export it again with the rows included.');
	}
	const staged: StagedFile = {
		file,
		sniff: sniffed,
		guesses,
		mapping,
		rawTable,
		rows,
		rejected,
		shortLines: structure.shortLines,
		shortCount: structure.shortCount,
		lineBreakpoints: structure.lineBreakpoints
	};
	for (const guess of guesses) await settleDateOrder(engine, staged, guess);
	return staged;
}

interface Reader {
	engine: Engine;
	sniffed: SniffResult;
	rawTable: string;
	options: StageOptions;
}

/** Reads one registered piece of the file into the raw table; returns its rejected lines. */
async function readPiece(r: Reader, name: string, data: FileSource, first: boolean): Promise<RejectedLine[]> {
	const rejects = `${r.rawTable}_rejects`;
	const columns = r.sniffed.headers.map((_, i) => `${literal(`c${i}`)}: 'VARCHAR'`).join(', ');
	const encoding = r.sniffed.encoding.encoding === 'utf-16le' ? 'utf-16' : 'utf-8';
	await r.engine.registerFile(name, data);
	try {
		const read = `read_csv(${literal(name)}, columns = {${columns}}, header = ${first}, skip = ${first ? r.sniffed.skipLines : 0},
			delim = ${literal(r.sniffed.delimiter)}, quote = '"', escape = '"', encoding = ${literal(encoding)}, auto_detect = false,
			null_padding = true, parallel = false, max_line_size = 67108864, store_rejects = true,
			rejects_table = ${literal(rejects)}, rejects_scan = ${literal(`${rejects}_scan`)})`;
		await r.engine.exec(first ? `CREATE OR REPLACE TEMP TABLE ${r.rawTable} AS SELECT * FROM ${read}` : `INSERT INTO ${r.rawTable} SELECT * FROM ${read}`);
		return await r.engine.query<RejectedLine>(
			`SELECT line::INTEGER AS line, any_value(error_type)::VARCHAR AS kind, any_value(error_message) AS problem FROM ${rejects} GROUP BY line ORDER BY line`
		);
	} finally {
		await r.engine.exec(`DROP TABLE IF EXISTS ${rejects}; DROP TABLE IF EXISTS ${rejects}_scan`).catch(() => {});
		await r.engine.dropFile(name).catch(() => {});
	}
}

async function readWhole(r: Reader, file: InputFile): Promise<RejectedLine[]> {
	r.options.onProgress?.({ bytes: 0, totalBytes: file.size, rows: 0 });
	const rejected = await readPiece(r, `${r.rawTable}.csv`, file.data, true);
	r.options.onProgress?.({ bytes: file.size, totalBytes: file.size, rows: await countRows(r) });
	return rejected;
}

async function readSliced(r: Reader, file: InputFile): Promise<RejectedLine[]> {
	const rejected: RejectedLine[] = [];
	let start = 0;
	let lines = 0; // lines read before this slice (header and title lines included)
	for (let k = 0; start < file.size; k++) {
		if (r.options.signal?.aborted) throw new ImportCancelled();
		const end = await sliceEnd(file, start, Math.min(file.size, start + (r.options.sliceBytes ?? SLICE_BYTES)));
		const slice = await sliceOf(file, start, end);
		const found = await readPiece(r, `${r.rawTable}_${k}.csv`, slice, k === 0);
		// Line numbers are exact when no quoted value spans lines before them.
		rejected.push(...found.map((x) => ({ ...x, line: x.line + (k === 0 ? 0 : lines) })));
		const rows = await countRows(r);
		lines = r.sniffed.skipLines + 1 + rows + rejected.length;
		start = end;
		r.options.onProgress?.({ bytes: end, totalBytes: file.size, rows });
	}
	return rejected;
}

/** A slice proved that a quoted value spans lines: start again and read the file in one pass. */
async function retryWhole(error: unknown, r: Reader, file: InputFile): Promise<RejectedLine[]> {
	if (error instanceof ImportCancelled || /cancel/i.test(String(error))) throw error;
	await r.engine.exec(`DROP TABLE IF EXISTS ${r.rawTable}`);
	return readWhole(r, file);
}

async function countRows(r: Reader): Promise<number> {
	const [{ rows }] = await r.engine.query<{ rows: number }>(`SELECT count(*)::INTEGER AS rows FROM ${r.rawTable}`);
	return rows;
}

async function sliceOf(file: InputFile, start: number, end: number): Promise<FileSource> {
	return file.data instanceof Uint8Array ? file.data.subarray(start, end) : file.data.slice(start, end);
}

/**
 * Where a slice starting at `start` may end: just past the first line break at or after `target`
 * that lies outside quotes. Quotes are counted from the slice start (a doubled "" inside a quoted
 * value toggles twice, so parity tells whether a position is inside quotes).
 */
async function sliceEnd(file: InputFile, start: number, target: number): Promise<number> {
	let inQuotes = countQuotes(await readRange(file, start, target)) % 2 === 1;
	for (let at = target; at < file.size; at += 65536) {
		const window = await readRange(file, at, Math.min(file.size, at + 65536));
		for (let i = 0; i < window.length; i++) {
			if (window[i] === 0x22) inQuotes = !inQuotes;
			else if (window[i] === 0x0a && !inQuotes) return at + i + 1;
		}
	}
	return file.size;
}

function countQuotes(bytes: Uint8Array): number {
	let n = 0;
	for (let i = bytes.indexOf(0x22); i >= 0; i = bytes.indexOf(0x22, i + 1)) n++;
	return n;
}

export function formatBytes(n: number): string {
	if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
	if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
	return `${Math.max(1, Math.round(n / 1024))} KB`;
}

/**
 * Where the sample could not tell day-first from month-first, every value of the column may:
 * one date further down with a part above 12 settles it.
 */
async function settleDateOrder(engine: Engine, staged: StagedFile, guess: ColumnGuess): Promise<void> {
	const date = guess.date;
	if (!date?.orderAmbiguous) return;
	const raw = rawColumn(guess.index);
	const [m] = await engine.query<{ first: number | null; second: number | null }>(`
		SELECT max(TRY_CAST(regexp_extract(${raw}, '^\\s*(\\d{1,2})[/.-]\\d{1,2}[/.-]', 1) AS INTEGER)) AS first,
		       max(TRY_CAST(regexp_extract(${raw}, '^\\s*\\d{1,2}[/.-](\\d{1,2})[/.-]', 1) AS INTEGER)) AS second
		FROM ${staged.rawTable}`);
	const first = m.first ?? 0;
	const second = m.second ?? 0;
	if ((first > 12) === (second > 12)) {
		if (first > 12) date.orderReason = 'the values contradict each other: both orders occur in the file';
		else date.orderReason = `no date in all ${staged.rows} rows has a day above 12, so the values cannot tell`;
		return;
	}
	const order: DateOrder = first > 12 ? 'day-first' : 'month-first';
	Object.assign(date, {
		order,
		orderAmbiguous: false,
		orderReason: `a date further down the file has its ${first > 12 ? 'first' : 'second'} number above 12, so it must be the day`,
		formats: withOrder(date.formats, order)
	});
}

export async function discardStaged(engine: Engine, staged: Pick<StagedFile, 'rawTable'>): Promise<void> {
	await engine.exec(`DROP TABLE IF EXISTS ${staged.rawTable}`);
}

/** DuckDB's reader errors, retold for a person. */
function readerError(fileName: string, error: unknown): Error {
	if (error instanceof ImportError || error instanceof ImportCancelled) return error;
	const text = error instanceof Error ? error.message : String(error);
	if (/cancel/i.test(text)) return error as Error;
	const line = /line[: ]+(\d+)/i.exec(text)?.[1];
	if (/unterminated quote/i.test(text)) {
		return new ImportError(
			fileName,
			'A quoted field is never closed, so the rest of the file would be read as one value.',
			'Open the file in a text editor, find the line with an opening " that has no closing ", fix it and import again.',
			line ? Number(line) : undefined
		);
	}
	if (/out of memory|memory allocation|could not allocate/i.test(text)) {
		return new ImportError(fileName, 'The browser ran out of memory reading this file.', 'Export a shorter period or fewer columns, close other tabs, and import again.');
	}
	if (/maximum line size|max_line_size/i.test(text)) {
		return new ImportError(fileName, 'A line is longer than 64 MB.', 'Check that the file really is a CSV export.', line ? Number(line) : undefined);
	}
	if (/invalid unicode|encoding/i.test(text)) {
		return new ImportError(fileName, 'The file mixes text encodings.', 'Save it again as UTF-8 CSV and import that file.', line ? Number(line) : undefined);
	}
	return new ImportError(fileName, `The file could not be read as CSV: ${text.split('\n')[0]}`, 'Check that it is a CSV export.');
}
