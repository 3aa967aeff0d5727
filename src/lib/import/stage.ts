import type { Engine, FileSource } from '../engine/types';
import { ident, literal } from '../engine/sql';
import { guessColumns, type ColumnGuess } from './columns';
import { withOrder, type DateOrder } from './dates';
import { toUtf8 } from './encoding';
import { ImportError } from './errors';
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
	/** Where the file's first data record is, counting the header as row 1 like a spreadsheet. */
	firstRow: number;
	/** The saved profile the mapping came from, if one matched the headers. */
	profile?: string;
}

export interface RejectedLine {
	line: number;
	problem: string;
}

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

/**
 * Reads a whole file into a raw table with DuckDB's CSV reader, every column as text, so that no
 * value is lost to a wrong type guess: types and dates are parsed afterwards, in SQL, where a bad
 * value can be reported with its row. The file is registered in place, not copied into a string.
 */
export async function stageFile(engine: Engine, file: InputFile): Promise<StagedFile> {
	const head = await readHead(file);
	const sniffed = sniff(file.name, head, file.size);
	const guesses = guessColumns(sniffed.headers, sniffed.sample);
	const mapping = detectTable(file.name, guesses);
	const n = ++counter;
	const registered = `upload_${n}.csv`;
	const rawTable = `raw_${n}`;
	const rejectsTable = `rejects_${n}`;
	const native = sniffed.encoding.encoding === 'utf-8' || sniffed.encoding.encoding === 'utf-16le';
	const data = native ? file.data : await toUtf8((start, end) => readRange(file, start, end), file.size, sniffed.encoding);
	await engine.registerFile(registered, data);
	const columns = sniffed.headers.map((_, i) => `${literal(`c${i}`)}: 'VARCHAR'`).join(', ');
	const encoding = sniffed.encoding.encoding === 'utf-16le' ? 'utf-16' : 'utf-8';
	try {
		await engine.exec(`CREATE OR REPLACE TEMP TABLE ${rawTable} AS SELECT * FROM read_csv(${literal(registered)},
			columns = {${columns}}, header = true, skip = ${sniffed.skipLines}, delim = ${literal(sniffed.delimiter)},
			quote = '"', escape = '"', encoding = ${literal(encoding)}, auto_detect = false, null_padding = true, parallel = false,
			max_line_size = 67108864, store_rejects = true, rejects_table = ${literal(rejectsTable)},
			rejects_scan = ${literal(`${rejectsTable}_scan`)})`);
	} catch (error) {
		await engine.dropFile(registered).catch(() => {});
		throw readerError(file.name, error);
	}
	const [{ rows }] = await engine.query<{ rows: number }>(`SELECT count(*)::INTEGER AS rows FROM ${rawTable}`);
	const rejected = await engine.query<RejectedLine>(
		`SELECT line::INTEGER AS line, any_value(error_message) AS problem FROM ${rejectsTable} GROUP BY line ORDER BY line`
	);
	await engine.exec(`DROP TABLE IF EXISTS ${rejectsTable}; DROP TABLE IF EXISTS ${rejectsTable}_scan`);
	if (rows === 0) {
		await discardStaged(engine, { rawTable, file: { ...file, name: registered } } as StagedFile);
		const first = rejected[0];
		if (first) {
			throw new ImportError(file.name, `No row could be read: ${first.problem}`, 'Check the file in a text editor.', first.line);
		}
		throw new ImportError(file.name, 'The file has a header row but no data rows.', 'Export it again with the rows included.');
	}
	const staged: StagedFile = { file, sniff: sniffed, guesses, mapping, rawTable, rows, rejected, firstRow: sniffed.skipLines + 2 };
	for (const guess of guesses) await settleDateOrder(engine, staged, guess);
	return staged;
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
	if (/maximum line size|max_line_size/i.test(text)) {
		return new ImportError(fileName, 'A line is longer than 64 MB.', 'Check that the file really is a CSV export.', line ? Number(line) : undefined);
	}
	if (/invalid unicode|encoding/i.test(text)) {
		return new ImportError(fileName, 'The file mixes text encodings.', 'Save it again as UTF-8 CSV and import that file.', line ? Number(line) : undefined);
	}
	return new ImportError(fileName, `The file could not be read as CSV: ${text.split('\n')[0]}`, 'Check that it is a CSV export.');
}
