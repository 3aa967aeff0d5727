import type { Engine } from '../engine/types';
import { ident, literal } from '../engine/sql';
import { guessColumns, type ColumnGuess } from './columns';
import { withOrder, type DateOrder } from './dates';
import { toUtf8 } from './encoding';
import { scanStructure, withoutRecords, type StructureScan } from './scan';
import { ImportCancelled, ImportError } from './errors';
import { detectTable, type Mapping } from './mapping';
import { sniff, SNIFF_BYTES, type SniffResult } from './sniff';

/** A file the user gave us: a browser File or a stored Blob (read a slice at a time), or bytes (Node, tests). */
export interface InputFile {
	name: string;
	size: number;
	data: Uint8Array | Blob;
}

/**
 * A file read once, waiting for its mapping to be confirmed. Nothing of it is held in the database:
 * the build reads the same pieces again and parses them in the same pass, so that several large
 * files never sit in memory as raw text at once.
 */
export interface StagedFile {
	file: InputFile;
	/** What is read: the file itself, or its UTF-8 conversion. */
	source: InputFile;
	/** The byte ranges read one after another (one for a small file). */
	pieces: [number, number][];
	sniff: SniffResult;
	guesses: ColumnGuess[];
	/** The proposed mapping (from synonyms, or a saved profile). */
	mapping: Mapping;
	/** A name unique to this staged file; the tables built from it are named after it. */
	key: string;
	rows: number;
	/** Records DuckDB's reader could not split into the header's columns. */
	rejected: RejectedLine[];
	/** The saved profile the mapping came from, if one matched the headers. */
	profile?: string;
	/**
	 * Lines of records with fewer fields than the header (kept, the missing values empty): the first
	 * thousands, and how many.
	 */
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

/** Bytes `start` to `end` of a file. */
export async function readRange(file: InputFile, start: number, end: number): Promise<Uint8Array> {
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
 * value can be reported with its row. A large file is read slice by slice (cut at line ends), each
 * slice's bytes registered and let go, so that progress shows, cancel is prompt and memory holds one slice.
 */
export async function stageFile(
	engine: Engine,
	file: InputFile,
	options: StageOptions = {}
): Promise<StagedFile> {
	if (file.size > MAX_FILE_BYTES) {
		throw new ImportError(
			file.name,
			`The file is ${formatBytes(file.size)}, more than this browser can analyse ` +
				`(about ${formatBytes(MAX_FILE_BYTES)}).`,
			'Export a shorter period (for example one year at a time) or fewer columns, and import that.'
		);
	}
	const head = await readHead(file);
	const sniffed = sniff(file.name, head, file.size);
	const guesses = guessColumns(sniffed.headers, sniffed.sample);
	const mapping = detectTable(file.name, guesses);
	const key = `file_${++counter}`;
	const native = sniffed.encoding.encoding === 'utf-8' || sniffed.encoding.encoding === 'utf-16le';
	const source: InputFile = native
		? file
		: {
				...file,
				data: await toUtf8((start, end) => readRange(file, start, end), file.size, sniffed.encoding)
			};
	if (!native) source.size = (source.data as Uint8Array).length;
	const ambiguous = guesses.filter((g) => g.date?.orderAmbiguous);
	const reader: Reader = { engine, sniffed, key, options, ambiguous };
	// The scan (JavaScript, on this thread) and DuckDB's read (in the engine's worker in the browser)
	// go over the file at the same time; the scan's verdict on quotes still comes first.
	const utf16: StructureScan = {
		records: 0,
		shortLines: [],
		shortCount: 0,
		lineBreakpoints: [[0, sniffed.skipLines + 2]]
	};
	const [scanned, readDone] = await Promise.allSettled([
		sniffed.encoding.encoding === 'utf-16le'
			? utf16
			: scanStructure(
					(a, b) => readRange(source, a, b),
					source.size,
					sniffed.delimiter,
					sniffed.skipLines + 1,
					sniffed.headers.length
				),
		readFile(reader, source)
	]);
	if (scanned.status === 'rejected') throw scanned.reason;
	const structure = scanned.value;
	if (structure.unclosedQuoteLine) {
		const line = structure.unclosedQuoteLine;
		throw new ImportError(
			file.name,
			`A quoted value that starts on line ${line} is never closed, ` +
				'so everything after it would be read as one value.',
			`Open the file in a text editor, close the quote (") on line ${line} or remove the stray one, ` +
				'and import again.',
			line
		);
	}
	if (readDone.status === 'rejected') throw readDone.reason;
	const read = readDone.value;
	const { rows, rejected, pieces } = read;
	if (rows === 0) {
		const first = rejected[0];
		if (first) {
			throw new ImportError(
				file.name,
				`No row could be read: ${first.problem}`,
				'Check the file in a text editor.',
				first.line
			);
		}
		throw new ImportError(
			file.name,
			'The file has a header row but no data rows.',
			'Export it again with the rows included.'
		);
	}
	const staged: StagedFile = {
		file,
		source,
		pieces,
		sniff: sniffed,
		guesses,
		mapping,
		key,
		rows,
		rejected,
		shortLines: structure.shortLines,
		shortCount: structure.shortCount,
		lineBreakpoints: withoutRecords(
			structure.lineBreakpoints,
			rejected.map((r) => r.line)
		)
	};
	ambiguous.forEach((guess, i) => settleDateOrder(staged, guess, read.dateParts[i]));
	return staged;
}

interface Reader {
	engine: Engine;
	sniffed: SniffResult;
	key: string;
	options: StageOptions;
	/** Date columns whose order the sample could not tell: the read looks for a part above 12. */
	ambiguous: ColumnGuess[];
}

/** The largest first and second number of a column's dates (d/m/y or m/d/y). */
type DateParts = { first: number; second: number };

interface ReadResult {
	rows: number;
	rejected: RejectedLine[];
	pieces: [number, number][];
	dateParts: DateParts[];
}

/**
 * DuckDB's reader over one registered piece of a file: every column as text, in file order (c0..cN).
 * The reader checks the text of the columns a query reads only (invalid UTF-8 in another goes
 * unnoticed): the filter reads every column, so that each read of a file rejects the same lines,
 * whichever columns the query uses. Staging and the build must see the same rows.
 */
function readCsvSql(sniffed: SniffResult, name: string, first: boolean, rejects: string): string {
	const columns = sniffed.headers.map((_, i) => `${literal(`c${i}`)}: 'VARCHAR'`).join(', ');
	const encoding = sniffed.encoding.encoding === 'utf-16le' ? 'utf-16' : 'utf-8';
	const everyColumn = sniffed.headers
		.map((_, i) => `(${rawColumn(i)} IS NULL OR ${rawColumn(i)} IS NOT NULL)`)
		.join(' AND ');
	return `(SELECT * FROM read_csv(${literal(name)}, columns = {${columns}}, header = ${first},
		skip = ${first ? sniffed.skipLines : 0}, delim = ${literal(sniffed.delimiter)}, quote = '"', escape = '"',
		encoding = ${literal(encoding)}, auto_detect = false,
		null_padding = true, parallel = false, max_line_size = 67108864, store_rejects = true,
		rejects_table = ${literal(rejects)}, rejects_scan = ${literal(`${rejects}_scan`)}) WHERE ${everyColumn})`;
}

let registrations = 0;

/**
 * Registers the bytes of one piece of a file and runs `sql` over DuckDB's reader of it (`read`);
 * `first` is the piece with the header. Returns the lines the reader rejected, numbered within the piece.
 *
 * Bytes, never a Blob handle, which duckdb-wasm now and then reads as empty (engine/types.ts): a
 * piece is at most a slice, so its bytes cost little memory. Every registration gets a name of its
 * own, so that nothing left by an earlier read (a cancelled one included) can answer for it.
 */
async function withPiece<T>(
	engine: Engine,
	sniffed: SniffResult,
	piece: string,
	data: Uint8Array,
	first: boolean,
	sql: (read: string) => Promise<T>
): Promise<{ result: T; rejected: RejectedLine[] }> {
	const name = `${piece}_${++registrations}.csv`;
	const rejects = `${piece}_rejects`;
	// The browser engine hands bytes to its worker by transfer, which empties them here: it gets a
	// copy, as `data` may be a view of bytes that are read again.
	await engine.registerFile(name, data.slice());
	try {
		const result = await sql(readCsvSql(sniffed, name, first, rejects));
		const rejected = await engine.query<RejectedLine>(
			`SELECT line::INTEGER AS line, any_value(error_type)::VARCHAR AS kind, any_value(error_message) AS problem
			FROM ${rejects} GROUP BY line ORDER BY line`
		);
		return { result, rejected };
	} finally {
		await engine
			.exec(`DROP TABLE IF EXISTS ${rejects}; DROP TABLE IF EXISTS ${rejects}_scan`)
			.catch(() => {});
		await engine.dropFile(name).catch(() => {});
	}
}

/**
 * Reads a staged file again, piece by piece as staging read it, so that the rows and their order
 * are the same: `sql` gets DuckDB's reader of each piece, and whether it is the first.
 */
export async function readStaged(
	engine: Engine,
	staged: StagedFile,
	sql: (read: string, first: boolean) => string
): Promise<void> {
	for (const [k, [start, end]] of staged.pieces.entries()) {
		await withPiece(
			engine,
			staged.sniff,
			`${staged.key}_${k}`,
			await readRange(staged.source, start, end),
			k === 0,
			(read) => engine.exec(sql(read, k === 0))
		);
	}
}

/** Reads one piece for staging: counts its rows and looks at the ambiguous dates, without keeping them. */
async function readPiece(
	r: Reader,
	piece: string,
	data: Uint8Array,
	first: boolean
): Promise<{ rows: number; rejected: RejectedLine[]; dateParts: DateParts[] }> {
	// One match per value gives both numbers (two extracts took three times as long in wasm).
	const matches = r.ambiguous.map(
		(g, i) =>
			`regexp_extract(${rawColumn(g.index)}, '^\\s*(\\d{1,2})[/.-](\\d{1,2})[/.-]', ['first', 'second']) AS d${i}`
	);
	const parts = r.ambiguous.flatMap((_, i) => [
		`coalesce(max(TRY_CAST(d${i}.first AS INTEGER)), 0) AS first_${i}`,
		`coalesce(max(TRY_CAST(d${i}.second AS INTEGER)), 0) AS second_${i}`
	]);
	const {
		result: [counts],
		rejected
	} = await withPiece(r.engine, r.sniffed, piece, data, first, (read) =>
		r.engine.query<Record<string, number>>(
			`SELECT ${['count(*)::INTEGER AS rows', ...parts].join(', ')}
			FROM ${matches.length ? `(SELECT ${matches.join(', ')} FROM ${read})` : read}`
		)
	);
	return {
		rows: counts.rows,
		rejected,
		dateParts: r.ambiguous.map((_, i) => ({
			first: counts[`first_${i}`],
			second: counts[`second_${i}`]
		}))
	};
}

/** The parts of pieces read one after another, taken together. */
function mergeParts(a: DateParts[], b: DateParts[]): DateParts[] {
	return a.map((p, i) => ({
		first: Math.max(p.first, b[i].first),
		second: Math.max(p.second, b[i].second)
	}));
}

/**
 * Reads the file slice by slice (slices end outside quotes; should one still fail to read, the file
 * is read in one pass), or whole: a small file, or UTF-16, whose bytes cannot be cut at a byte value
 * (such a file's bytes are held whole while it is read).
 */
async function readFile(r: Reader, file: InputFile): Promise<ReadResult> {
	const sliced =
		r.sniffed.encoding.encoding !== 'utf-16le' && file.size > (r.options.sliceBytes ?? SLICE_BYTES);
	try {
		return sliced
			? await readSliced(r, file).catch((e) => retryWhole(e, r, file))
			: await readWhole(r, file);
	} catch (error) {
		throw readerError(file.name, error);
	}
}

async function readWhole(r: Reader, file: InputFile): Promise<ReadResult> {
	r.options.onProgress?.({ bytes: 0, totalBytes: file.size, rows: 0 });
	const { rows, rejected, dateParts } = await readPiece(
		r,
		`${r.key}_0`,
		await readRange(file, 0, file.size),
		true
	);
	r.options.onProgress?.({ bytes: file.size, totalBytes: file.size, rows });
	return { rows, rejected, dateParts, pieces: [[0, file.size]] };
}

async function readSliced(r: Reader, file: InputFile): Promise<ReadResult> {
	const rejected: RejectedLine[] = [];
	const pieces: [number, number][] = [];
	let dateParts: DateParts[] = r.ambiguous.map(() => ({ first: 0, second: 0 }));
	let rows = 0;
	let start = 0;
	let lines = 0; // lines read before this slice (header and title lines included)
	for (let k = 0; start < file.size; k++) {
		if (r.options.signal?.aborted) throw new ImportCancelled();
		const end = await sliceEnd(
			file,
			start,
			Math.min(file.size, start + (r.options.sliceBytes ?? SLICE_BYTES))
		);
		const found = await readPiece(r, `${r.key}_${k}`, await readRange(file, start, end), k === 0);
		// Line numbers are exact when no quoted value spans lines before them.
		rejected.push(...found.rejected.map((x) => ({ ...x, line: x.line + (k === 0 ? 0 : lines) })));
		rows += found.rows;
		dateParts = mergeParts(dateParts, found.dateParts);
		pieces.push([start, end]);
		lines = r.sniffed.skipLines + 1 + rows + rejected.length;
		start = end;
		r.options.onProgress?.({ bytes: end, totalBytes: file.size, rows });
	}
	return { rows, rejected, dateParts, pieces };
}

/** A slice proved that a quoted value spans lines: start again and read the file in one pass. */
async function retryWhole(error: unknown, r: Reader, file: InputFile): Promise<ReadResult> {
	if (error instanceof ImportCancelled || /cancel/i.test(String(error))) throw error;
	return readWhole(r, file);
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
function settleDateOrder(staged: StagedFile, guess: ColumnGuess, parts: DateParts): void {
	const date = guess.date!;
	const { first, second } = parts;
	if (first > 12 === second > 12) {
		if (first > 12)
			date.orderReason = 'the values contradict each other: both orders occur in the file';
		else
			date.orderReason = `no date in all ${staged.rows} rows has a day above 12, so the values cannot tell`;
		return;
	}
	const order: DateOrder = first > 12 ? 'day-first' : 'month-first';
	Object.assign(date, {
		order,
		orderAmbiguous: false,
		orderReason:
			`a date further down the file has its ${first > 12 ? 'first' : 'second'} number above 12, ` +
			'so it must be the day',
		formats: withOrder(date.formats, order)
	});
}

/** Drops whatever a build of the staged file left behind (nothing else of it is in the database). */
export async function discardStaged(
	engine: Engine,
	staged: Pick<StagedFile, 'key'>
): Promise<void> {
	await engine.exec(`DROP TABLE IF EXISTS ${parsedTableOf(staged)}`);
}

/** The table a staged file is parsed into before it becomes a canonical table. */
export function parsedTableOf(staged: Pick<StagedFile, 'key'>): string {
	return `parsed_${staged.key}`;
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
			'Open the file in a text editor, find the line with an opening " that has no closing ", ' +
				'fix it and import again.',
			line ? Number(line) : undefined
		);
	}
	if (/out of memory|memory allocation|could not allocate/i.test(text)) {
		return new ImportError(
			fileName,
			'The browser ran out of memory reading this file.',
			'Export a shorter period or fewer columns, close other tabs, and import again.'
		);
	}
	if (/maximum line size|max_line_size/i.test(text)) {
		return new ImportError(
			fileName,
			'A line is longer than 64 MB.',
			'Check that the file really is a CSV export.',
			line ? Number(line) : undefined
		);
	}
	if (/invalid unicode|encoding/i.test(text)) {
		return new ImportError(
			fileName,
			'The file mixes text encodings.',
			'Save it again as UTF-8 CSV and import that file.',
			line ? Number(line) : undefined
		);
	}
	return new ImportError(
		fileName,
		`The file could not be read as CSV: ${text.split('\n')[0]}`,
		'Check that it is a CSV export.'
	);
}
