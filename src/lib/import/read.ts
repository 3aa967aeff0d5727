/**
 * Reading a file with DuckDB's CSV reader, every column as text: whole, or slice by slice (cut at
 * line ends outside quotes), each piece's bytes registered for one read and let go. The build's read
 * is most often the only one; a file whose day/month order the sample left open is read ahead of it
 * (counting rows, looking at those dates), and the build reads it again the same way (`readStaged`),
 * so that both see the same rows in the same order.
 */
import { ident, literal } from '../engine/sql';
import { readRange, readSlice, type LentBytes, type Slice } from './bytes';
import type { Engine } from '../engine/types';
import type { ColumnGuess } from './columns';
import { ImportCancelled, ImportError } from './errors';
import type { SniffResult } from './sniff';
import type { InputFile, RejectedLine, StagedFile, StageOptions } from './stage';

/** The raw table's name for the file's column `index` (c0, c1 ...). */
export function rawColumn(index: number): string {
	return ident(`c${index}`);
}

/**
 * Large files are read in slices of about this size, for real progress and prompt cancelling. Each
 * slice's rows are appended to a compressed table: in 24 MB slices the 1M-case bench files took
 * 3.5 s longer to parse (duckdb-wasm in Node, 15.4 s against 11.8 s); the slice's bytes are held
 * while it is read.
 */
export const SLICE_BYTES = 64 * 1024 * 1024;

export interface Reader {
	engine: Engine;
	sniffed: SniffResult;
	key: string;
	options: StageOptions;
	/** Date columns whose order the sample could not tell: the read looks for a part above 12. */
	ambiguous: ColumnGuess[];
	/**
	 * The build's pass, when the read is the build's: parses a piece (DuckDB's reader of it, and
	 * whether it is the first) into its table and gives the rows it held. Without it the read only
	 * counts rows and looks at the ambiguous dates.
	 */
	parse?: (read: string, first: boolean) => Promise<number>;
	/** Where the bytes read are lent to the structure scan going over the same file (bytes.ts). */
	lent?: LentBytes;
}

/** The largest first and second number of a column's dates (d/m/y or m/d/y). */
export type DateParts = { first: number; second: number };

export interface ReadResult {
	rows: number;
	rejected: RejectedLine[];
	pieces: [number, number][];
	dateParts: DateParts[];
	/** Read by its path on disk (not in pieces), and whether by the parallel reader. */
	byPath?: { parallel: boolean };
}

/**
 * DuckDB's reader over one piece of a file: every column as text, in file order (c0..cN).
 * The reader checks the text of the columns a query reads only (invalid UTF-8 in another goes
 * unnoticed): the filter reads every column, so that each read of a file rejects the same lines,
 * whichever columns the query uses. A read ahead and the build must see the same rows.
 */
function readCsvSql(
	sniffed: SniffResult,
	name: string,
	first: boolean,
	rejects: string,
	parallel: boolean
): string {
	const columns = sniffed.headers.map((_, i) => `${literal(`c${i}`)}: 'VARCHAR'`).join(', ');
	const encoding = sniffed.encoding.encoding === 'utf-16le' ? 'utf-16' : 'utf-8';
	// A condition on every column makes the reader read (and check) them all; coalesce stops at the
	// first value, where one IS NULL test per column took a third of a plain read's time.
	const everyColumn = `coalesce(${[...sniffed.headers.map((_, i) => rawColumn(i)), "''"].join(', ')}) IS NOT NULL`;
	return `(SELECT * FROM read_csv(${literal(name)}, columns = {${columns}}, header = ${first},
		skip = ${first ? sniffed.skipLines : 0}, delim = ${literal(sniffed.delimiter)}, quote = '"', escape = '"',
		encoding = ${literal(encoding)}, auto_detect = false,
		null_padding = true, parallel = ${parallel}, max_line_size = 67108864, store_rejects = true,
		rejects_table = ${literal(rejects)}, rejects_scan = ${literal(`${rejects}_scan`)}) WHERE ${everyColumn})`;
}

let registrations = 0;

/**
 * What one read of a piece of a file reads: its bytes (registered for the read), or, on an engine
 * that reads files on disk (native DuckDB), the whole file by its path with the parallel reader.
 */
type PieceSource = { bytes: Uint8Array } | { path: string; parallel: boolean };

/**
 * Runs `sql` over DuckDB's reader of one piece of a file (`read`); `first` is the piece with the
 * header. Returns the lines the reader rejected, numbered within the piece.
 *
 * Bytes, never a Blob handle, which duckdb-wasm now and then reads as empty (engine/types.ts): a
 * piece is at most a slice, so its bytes cost little memory. Every registration gets a name of its
 * own, so that nothing left by an earlier read (a cancelled one included) can answer for it.
 */
async function withPiece<T>(
	engine: Engine,
	sniffed: SniffResult,
	piece: string,
	source: PieceSource,
	first: boolean,
	sql: (read: string) => Promise<T>
): Promise<{ result: T; rejected: RejectedLine[] }> {
	const name = 'path' in source ? source.path : `${piece}_${++registrations}.csv`;
	const rejects = `${piece}_rejects`;
	// The browser engine hands bytes to its worker by transfer, which empties them here: it gets a
	// copy, as `data` may be a view of bytes that are read again.
	if ('bytes' in source) await engine.registerFile(name, source.bytes.slice());
	const parallel = 'path' in source && source.parallel;
	try {
		const result = await sql(readCsvSql(sniffed, name, first, rejects, parallel));
		const rejected = await engine.query<RejectedLine>(
			`SELECT line::INTEGER AS line, min(line_byte_position)::DOUBLE AS at,
			any_value(error_type)::VARCHAR AS kind, any_value(error_message) AS problem
			FROM ${rejects} GROUP BY line ORDER BY line`
		);
		return { result, rejected };
	} finally {
		await engine
			.exec(`DROP TABLE IF EXISTS ${rejects}; DROP TABLE IF EXISTS ${rejects}_scan`)
			.catch(() => {});
		if ('bytes' in source) await engine.dropFile(name).catch(() => {});
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
	if (staged.byPath) {
		const source = { path: staged.source.path!, parallel: staged.byPath.parallel };
		await withPiece(engine, staged.sniff, `${staged.key}_0`, source, true, (read) =>
			engine.exec(sql(read, true))
		);
		return;
	}
	for (const [k, [start, end]] of staged.pieces.entries()) {
		await withPiece(
			engine,
			staged.sniff,
			`${staged.key}_${k}`,
			{ bytes: await readRange(staged.source, start, end) },
			k === 0,
			(read) => engine.exec(sql(read, k === 0))
		);
	}
}

/**
 * Reads one piece: parses it for the build (`r.parse`), or, ahead of the build, counts its rows and
 * looks at the ambiguous dates without keeping them.
 */
async function readPiece(
	r: Reader,
	piece: string,
	source: PieceSource,
	first: boolean
): Promise<{ rows: number; rejected: RejectedLine[]; dateParts: DateParts[] }> {
	const { parse } = r;
	if (parse) {
		const parsed = await withPiece(r.engine, r.sniffed, piece, source, first, (read) =>
			parse(read, first)
		);
		return { rows: parsed.result, rejected: parsed.rejected, dateParts: [] };
	}
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
	} = await withPiece(r.engine, r.sniffed, piece, source, first, (read) =>
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
export async function readFile(r: Reader, file: InputFile): Promise<ReadResult> {
	if (r.engine.readsPaths && file.path) {
		try {
			return await readPath(r, file, true).catch((e) => retrySerial(e, r, file));
		} catch (error) {
			throw readerError(file.name, error);
		}
	}
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

/** A read of the file's bytes for DuckDB, lent to the scan when the reader has one. */
function lend(r: Reader, start: number, slice: Promise<Slice>): Promise<Slice> {
	return r.lent ? r.lent.lend(start, slice) : slice;
}

async function readWhole(r: Reader, file: InputFile): Promise<ReadResult> {
	r.options.onProgress?.({ bytes: 0, totalBytes: file.size, rows: 0 });
	const whole = readRange(file, 0, file.size).then((bytes) => ({
		start: 0,
		end: file.size,
		bytes
	}));
	const { bytes } = await lend(r, 0, whole);
	const { rows, rejected, dateParts } = await readPiece(r, `${r.key}_0`, { bytes }, true);
	r.options.onProgress?.({ bytes: file.size, totalBytes: file.size, rows });
	return { rows, rejected, dateParts, pieces: [[0, file.size]] };
}

/**
 * Reads a file on disk whole by its path, with DuckDB's parallel reader (every core) unless
 * `parallel` is false: nothing is copied, and the reader keeps the file's row order and line numbers.
 */
async function readPath(r: Reader, file: InputFile, parallel: boolean): Promise<ReadResult> {
	r.options.onProgress?.({ bytes: 0, totalBytes: file.size, rows: 0 });
	const source = { path: file.path!, parallel };
	const { rows, rejected, dateParts } = await readPiece(r, `${r.key}_0`, source, true);
	r.options.onProgress?.({ bytes: file.size, totalBytes: file.size, rows });
	return { rows, rejected, dateParts, pieces: [[0, file.size]], byPath: { parallel } };
}

/**
 * The parallel reader refuses a quoted value spanning lines where a thread's part of the file
 * begins (with records padded for missing fields, as ours are): such a file is read in one thread.
 */
async function retrySerial(error: unknown, r: Reader, file: InputFile): Promise<ReadResult> {
	if (error instanceof ImportCancelled || /cancel|interrupt/i.test(String(error))) throw error;
	return readPath(r, file, false);
}

async function readSliced(r: Reader, file: InputFile): Promise<ReadResult> {
	const rejected: RejectedLine[] = [];
	const pieces: [number, number][] = [];
	let dateParts: DateParts[] = r.ambiguous.map(() => ({ first: 0, second: 0 }));
	let rows = 0;
	let lines = 0; // lines read before this slice (header and title lines included)
	const size = r.options.sliceBytes ?? SLICE_BYTES;
	let next: Promise<Slice> | null = lend(r, 0, readSlice(file, 0, size));
	for (let k = 0; next; k++) {
		if (r.options.signal?.aborted) throw new ImportCancelled();
		const { start, end, bytes }: Slice = await next;
		// The next slice is read while DuckDB reads this one (a failure shows when it is awaited).
		next = end < file.size ? lend(r, end, readSlice(file, end, size)) : null;
		next?.catch(() => {});
		const found = await readPiece(r, `${r.key}_${k}`, { bytes }, k === 0);
		// Line numbers are exact when no quoted value spans lines before them.
		rejected.push(
			...found.rejected.map((x) => ({
				...x,
				line: x.line + (k === 0 ? 0 : lines),
				at: x.at === undefined ? undefined : x.at + start
			}))
		);
		rows += found.rows;
		dateParts = mergeParts(dateParts, found.dateParts);
		pieces.push([start, end]);
		lines = r.sniffed.skipLines + 1 + rows + rejected.length;
		r.options.onProgress?.({ bytes: end, totalBytes: file.size, rows });
	}
	return { rows, rejected, dateParts, pieces };
}

/** A slice proved that a quoted value spans lines: start again and read the file in one pass. */
async function retryWhole(error: unknown, r: Reader, file: InputFile): Promise<ReadResult> {
	if (error instanceof ImportCancelled || /cancel/i.test(String(error))) throw error;
	return readWhole(r, file);
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
