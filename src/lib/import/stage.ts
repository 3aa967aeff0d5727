import { countText } from '../charts/format';
import type { Engine } from '../engine/types';
import { guessColumns, type ColumnGuess } from './columns';
import { withOrder, type DateOrder } from './dates';
import { LentBytes, readRange } from './bytes';
import { toUtf8 } from './encoding';
import { linesAt, scanStructure, withoutRecords, type StructureScan } from './scan';
import { ImportError } from './errors';
import { BROWSER_MAX_BYTES, formatBytes } from './limits';
import { readFile, type DateParts, type Reader } from './read';
import { detectTable, type Mapping } from './mapping';
import { sampleSpread } from './spread';
import { sniff, SNIFF_BYTES, type SniffResult } from './sniff';

/** A file the user gave us: a browser File or a stored Blob (read a slice at a time), or bytes (Node, tests). */
export interface InputFile {
	name: string;
	size: number;
	data: Uint8Array | Blob;
	/** The file's path on disk (Node), which an engine that reads paths (native DuckDB) reads directly. */
	path?: string;
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
	/** Read whole by its path (native DuckDB), and whether by the parallel reader: the build reads it so too. */
	byPath?: { parallel: boolean };
	sniff: SniffResult;
	guesses: ColumnGuess[];
	/** The proposed mapping (from synonyms, or a saved profile). */
	mapping: Mapping;
	/** A name unique to this staged file; the tables built from it are named after it. */
	key: string;
	/** Rows of data: estimated from the head until the whole file is read (`rowsCounted`). */
	rows: number;
	rowsCounted: boolean;
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
	/** Where in the file (bytes) the reader says the record's line begins: its exact line is counted from it. */
	at?: number;
	/** DuckDB's error type: TOO MANY COLUMNS, UNQUOTED VALUE, INVALID UNICODE ... */
	kind: string;
	problem: string;
};

// The reading itself lives in read.ts and bytes.ts; these stay importable from here, where callers
// found them.
export { readRange } from './bytes';
export { rawColumn, readStaged, SLICE_BYTES } from './read';

let counter = 0;

export function readHead(file: InputFile, bytes = SNIFF_BYTES): Promise<Uint8Array> {
	return readRange(file, 0, bytes);
}

/** Above this a file is refused up front: the browser's WebAssembly memory (4 GB) could not hold it. */
export const MAX_FILE_BYTES = BROWSER_MAX_BYTES;
export { formatBytes };

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
	/** How much of the head the sniff reads (SNIFF_BYTES), and of each spread slice; tests make them small. */
	sniffBytes?: number;
	spreadBytes?: number;
}

/**
 * Stages a file for the mapping screen from a sample, never the whole file: its head (encoding,
 * delimiter, header, the preview) and slices spread through it, so that a column whose values
 * change type further down is seen. A file the head holds whole is read in full at once (it costs
 * nothing more), so that its problems show before the mapping screen; a larger one is read during
 * the import (`readStagedFile`), where questions the whole column answers (day/month order) are settled.
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
	const head = await readHead(file, options.sniffBytes);
	const sniffed = sniff(file.name, head, file.size);
	const whole = head.length >= file.size;
	const spread = whole ? [] : await sampleSpread(file, sniffed, head.length, options);
	const guesses = guessColumns(sniffed.headers, [...sniffed.sample, ...spread]);
	if (spread.length) tellSpreadOrders(guesses, sniffed.sample);
	const staged: StagedFile = {
		file,
		source: file,
		pieces: [],
		sniff: sniffed,
		guesses,
		mapping: detectTable(file.name, guesses),
		key: `file_${++counter}`,
		rows: estimateRows(sniffed, file.size),
		rowsCounted: false,
		rejected: [],
		shortLines: [],
		shortCount: 0,
		lineBreakpoints: []
	};
	if (whole) await readStagedFile(engine, staged, options);
	return staged;
}

/**
 * Reads the whole staged file with DuckDB's CSV reader (every column as text, so that no value is
 * lost to a wrong type guess: types and dates are parsed by the build, in SQL, where a bad value can be
 * reported with its row), and scans its structure at the same time: rows, rejected lines, short
 * records, the lines of records, and the day/month order of dates the sample could not tell. A large
 * file is read slice by slice (cut at line ends), each slice's bytes registered and let go, so that
 * progress shows, cancel is prompt and memory holds one slice; on native DuckDB a file on disk is
 * read whole by its path. `chosen` is the confirmed mapping, whose answer on the order of dates the
 * values may contradict.
 *
 * `parse` makes this read the build's own pass (one read per file): each piece is parsed into the
 * build's table as it is read, and the rows and rejected lines are taken from that pass. Without it
 * the file is read ahead of the build, which is needed only where the sample left the order of a
 * mapped date column open (`needsReadAhead`) and for a file the head holds whole.
 */
export async function readStagedFile(
	engine: Engine,
	staged: StagedFile,
	options: StageOptions = {},
	chosen?: Mapping,
	parse?: (read: string, first: boolean) => Promise<number>
): Promise<void> {
	if (staged.rowsCounted) return;
	const { file, sniff: sniffed, guesses, key } = staged;
	const native = sniffed.encoding.encoding === 'utf-8' || sniffed.encoding.encoding === 'utf-16le';
	const source: InputFile = native
		? file
		: {
				...file,
				path: undefined,
				data: await toUtf8((start, end) => readRange(file, start, end), file.size, sniffed.encoding)
			};
	if (!native) source.size = (source.data as Uint8Array).length;
	const ambiguous = parse ? [] : guesses.filter((g) => g.date?.orderAmbiguous);
	const lent = new LentBytes(source);
	const reader: Reader = { engine, sniffed, key, options, ambiguous, parse, lent };
	// The scan (JavaScript, on this thread) and DuckDB's read (in the engine's worker in the browser)
	// go over the file at the same time, the scan on the bytes the read took (`lent`); the scan's
	// verdict on quotes still comes first.
	const utf16: StructureScan = {
		records: 0,
		shortLines: [],
		shortCount: 0,
		lineBreakpoints: [[0, sniffed.skipLines + 2]],
		chunkLines: []
	};
	// The read first: the bytes it starts reading are lent before the scan asks for them.
	const reading = readFile(reader, source).finally(() => lent.close());
	const [scanned, readDone] = await Promise.allSettled([
		sniffed.encoding.encoding === 'utf-16le'
			? utf16
			: scanStructure(
					(a, b) => lent.read(a, b),
					source.size,
					sniffed.delimiter,
					sniffed.skipLines + 1,
					sniffed.headers.length
				),
		reading
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
	const { rows, pieces, byPath } = read;
	const rejected = await exactLines(source, structure, read.rejected);
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
	ambiguous.forEach((guess, i) => settleDateOrder(staged, guess, read.dateParts[i], rows, chosen));
	Object.assign(staged, {
		source,
		pieces,
		byPath,
		rows,
		rowsCounted: true,
		rejected,
		shortLines: structure.shortLines,
		shortCount: structure.shortCount,
		lineBreakpoints: withoutRecords(
			structure.lineBreakpoints,
			rejected.map((r) => r.line)
		)
	} satisfies Partial<StagedFile>);
}

/**
 * The rejected records with the lines they start on, which DuckDB's reader numbers without the line
 * breaks inside quoted values before them (UTF-16, which the scan does not read, keeps the reader's).
 */
async function exactLines(
	source: InputFile,
	structure: StructureScan,
	rejected: RejectedLine[]
): Promise<RejectedLine[]> {
	if (!structure.chunkLines.length || rejected.some((r) => r.at === undefined)) return rejected;
	const sorted = [...rejected].sort((a, b) => a.at! - b.at!);
	const lines = await linesAt(
		(a, b) => readRange(source, a, b),
		source.size,
		structure.chunkLines,
		sorted.map((r) => r.at!)
	);
	return sorted.map((r, i) => ({ ...r, line: lines[i] })).sort((a, b) => a.line - b.line);
}

/**
 * Whether a staged file must be read ahead of its build: the sample left the day/month order of a
 * mapped date column open, and the whole column must answer it before the build parses the dates.
 */
export function needsReadAhead(staged: StagedFile, mapping: Mapping): boolean {
	if (staged.rowsCounted) return false;
	const mapped = new Set(Object.values(mapping.columns));
	return staged.guesses.some((g) => g.date?.orderAmbiguous && mapped.has(g.header));
}

/**
 * How many rows the file holds, judged from the sample's rows: their bytes (as written, less any
 * quotes) against the file's size. Shown as "about" until the import counts them. The sample holds
 * at most SAMPLE_ROWS rows, whatever part of the head they fill, so the head's size would not do.
 */
function estimateRows(sniffed: SniffResult, size: number): number {
	const encoder = new TextEncoder();
	const rowBytes = (row: string[]) => encoder.encode(row.join(sniffed.delimiter)).length + 1;
	const sampled = sniffed.sample.reduce((sum, row) => sum + rowBytes(row), 0);
	if (!sampled) return 1;
	return Math.max(1, Math.round((sniffed.sample.length * size) / sampled));
}

/** How the mapping screen tells the rows of a staged file: counted, or estimated before the import reads it. */
export function rowsText(staged: Pick<StagedFile, 'rows' | 'rowsCounted'>): string {
	if (staged.rowsCounted) return countText(staged.rows, 'row');
	return `about ${countText(staged.rows, 'row')} (counted during the import)`;
}

/**
 * Where the sample could not tell day-first from month-first, every value of the column may:
 * one date further down with a part above 12 settles it. Should the user have answered the other
 * way on the mapping screen, the import stops (nothing is loaded) and says so: the values are asked
 * again rather than read in an order they prove wrong.
 */
function settleDateOrder(
	staged: StagedFile,
	guess: ColumnGuess,
	parts: DateParts,
	rows: number,
	chosen?: Mapping
): void {
	const date = guess.date!;
	const { first, second } = parts;
	if (first > 12 === second > 12) {
		if (first > 12)
			date.orderReason = 'the values contradict each other: both orders occur in the file';
		else
			date.orderReason = `no date in all ${rows} rows has a day above 12, so the values cannot tell`;
		return;
	}
	const order: DateOrder = first > 12 ? 'day-first' : 'month-first';
	const mapped = chosen && Object.values(chosen.columns).includes(guess.header);
	if (mapped && chosen.dateOrder && chosen.dateOrder !== order) {
		throw new ImportError(
			staged.file.name,
			`The dates in “${guess.header}” are ${order}: a date further down the file has its ` +
				`${first > 12 ? 'first' : 'second'} number above 12, but ${chosen.dateOrder} was chosen ` +
				'on the mapping screen (the first rows could not tell). Nothing of this import was loaded.',
			`Import the file again and choose ${order} for “${guess.header}”.`
		);
	}
	Object.assign(date, {
		order,
		orderAmbiguous: false,
		orderReason: furtherDown(order),
		formats: withOrder(date.formats, order)
	});
}

/** Why the order is `order` when a date below the first rows settled it. */
function furtherDown(order: DateOrder): string {
	return (
		`a date further down the file has its ${order === 'day-first' ? 'first' : 'second'} number ` +
		'above 12, so it must be the day'
	);
}

/**
 * Orders that the spread slices settled where the head could not: their reason says so. Only the
 * columns with a settled order are guessed again from the head alone (all of them cost as much again).
 */
function tellSpreadOrders(guesses: ColumnGuess[], head: string[][]): void {
	const settled = guesses.filter((g) => g.date?.order && !g.date.orderAmbiguous);
	const fromHead = guessColumns(
		settled.map((g) => g.header),
		head.map((row) => settled.map((g) => row[g.index]))
	);
	settled.forEach((g, i) => {
		if (fromHead[i].date?.orderAmbiguous) g.date!.orderReason = furtherDown(g.date!.order!);
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
