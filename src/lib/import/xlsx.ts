/**
 * Excel workbooks (.xlsx, .xls) as CSV text for the importer, so that a workbook goes through the
 * same sniffing, mapping, validation and problem report as a CSV export. Line N of the text is row
 * N of the sheet: title rows stay above the header (the sniffer skips them, as in a CSV) and a
 * problem's line is the sheet's row. Read with SheetJS (`@e965/xlsx`, SheetJS 0.20.3).
 *
 * - Date cells (numbers with a date format, in the 1900 or the 1904 date system) become ISO text,
 *   'YYYY-MM-DD' or 'YYYY-MM-DD hh:mm:ss'; dates typed as text stay text and are read as in a CSV.
 * - Formulas are read by the value Excel saved with them; merged cells that span rows give their
 *   value to every row they cover (a merge across columns only is a heading: its value stays once).
 * - Line breaks inside a cell become spaces, so that one row stays one line.
 */
import Papa from 'papaparse';
import { read, SSF, utils, type CellObject, type WorkBook, type WorkSheet } from '@e965/xlsx';

export const WORKBOOK_EXTENSIONS = /\.(xlsx|xlsm|xls)$/i;

export function isWorkbookName(name: string): boolean {
	return WORKBOOK_EXTENSIONS.test(name);
}

export interface SheetSummary {
	name: string;
	/** Rows with at least two filled cells: how much of a table the sheet holds. */
	tableRows: number;
	columns: number;
	/** The first cells of its fullest row near the top (the header, in a table), as plain text. */
	header: string[];
}

/** How far a conversion is: the workbook parsed, then the chosen sheet's rows converted. */
export type WorkbookStep =
	{ step: 'parsing' } | { step: 'converting'; sheet: string; row: number; rows: number };

export interface ConvertedSheet {
	sheet: string;
	/** Why this sheet: given by name, the only one, or the one that looks most like a table. */
	chosen: 'given' | 'only' | 'proposed';
	sheets: SheetSummary[];
	csv: string;
	rows: number;
}

export class WorkbookError extends Error {}

/**
 * The name a converted sheet goes by in the import, its report and storage: "cases.xlsx (Cases)".
 * It no longer ends in a workbook's extension, so stored CSV text is never taken for a workbook.
 */
export function sheetInputName(workbook: string, sheet: string): string {
	return `${workbook} (${sheet})`;
}

type DateCode = { y: number; m: number; d: number; H: number; M: number; S: number };

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function dateText(serial: number, date1904: boolean): string {
	const p = SSF.parse_date_code(serial, { date1904 }) as DateCode;
	const day = `${pad(p.y, 4)}-${pad(p.m)}-${pad(p.d)}`;
	return p.H || p.M || p.S ? `${day} ${pad(p.H)}:${pad(p.M)}:${pad(p.S)}` : day;
}

function cellText(cell: CellObject | undefined, date1904: boolean): string {
	if (!cell || cell.v === undefined || cell.v === null || cell.t === 'e' || cell.t === 'z')
		return '';
	if (cell.t === 'n' && cell.z !== undefined && SSF.is_date(cell.z))
		return dateText(cell.v as number, date1904);
	if (cell.t === 'd') return (cell.v as Date).toISOString().slice(0, 19).replace('T', ' ');
	if (cell.t === 'b') return cell.v ? 'TRUE' : 'FALSE';
	return String(cell.v).replace(/\r\n|\r|\n/g, ' ');
}

/** Rows converted between two progress reports. */
const PROGRESS_ROWS = 5_000;

function sheetRows(
	ws: WorkSheet,
	date1904: boolean,
	onRow?: (row: number, rows: number) => void
): string[][] {
	if (!ws['!ref']) return [];
	const range = utils.decode_range(ws['!ref']);
	const data = (ws['!data'] ?? []) as (CellObject | undefined)[][];
	const rows: string[][] = [];
	// Rows above the used range stay as blank lines, so that line numbers are the sheet's rows.
	for (let r = 0; r <= range.e.r; r++) {
		if (onRow && r % PROGRESS_ROWS === 0) onRow(r, range.e.r + 1);
		const row: string[] = [];
		for (let c = range.s.c; c <= range.e.c; c++) row.push(cellText(data[r]?.[c], date1904));
		rows.push(row);
	}
	for (const m of ws['!merges'] ?? []) {
		if (m.e.r === m.s.r) continue;
		const value = rows[m.s.r]?.[m.s.c - range.s.c] ?? '';
		for (let r = m.s.r; r <= m.e.r; r++)
			for (let c = m.s.c; c <= m.e.c; c++) if (rows[r]) rows[r][c - range.s.c] = value;
	}
	return rows;
}

/** Rows looked at for a sheet's header (title rows sit above it). */
const HEADER_SEARCH_ROWS = 30;

function summary(name: string, rows: string[][]): SheetSummary {
	const filled = rows.map((r) => r.filter((c) => c !== '').length);
	const top = filled.slice(0, HEADER_SEARCH_ROWS);
	const fullest = top.indexOf(Math.max(0, ...top));
	return {
		name,
		tableRows: filled.filter((n) => n >= 2).length,
		columns: filled.reduce((a, b) => Math.max(a, b), 0),
		header: (rows[fullest] ?? []).filter((c) => c !== '')
	};
}

/** Parses a workbook's bytes; says so plainly when they are not one. */
export function readWorkbook(bytes: Uint8Array, fileName: string): WorkBook {
	try {
		return read(bytes, { type: 'array', dense: true, cellNF: true, cellFormula: false });
	} catch (error) {
		throw new WorkbookError(
			`${fileName}: this is not a workbook that can be read (${(error as Error).message}). ` +
				'Save it again from Excel as .xlsx, or export the sheet as CSV.'
		);
	}
}

/**
 * Converts one sheet of a workbook to CSV text: `sheet` by name, else the only sheet, else the one
 * that looks most like a table (the most rows with two or more filled cells; on a tie, the first).
 */
export function workbookToCsv(
	bytes: Uint8Array,
	fileName: string,
	sheet?: string,
	onStep?: (step: WorkbookStep) => void
): ConvertedSheet {
	onStep?.({ step: 'parsing' });
	const wb = readWorkbook(bytes, fileName);
	const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
	const all = wb.SheetNames.map((name) => ({
		name,
		rows: sheetRows(wb.Sheets[name], date1904, (row, rows) =>
			onStep?.({ step: 'converting', sheet: name, row, rows })
		)
	}));
	const sheets = all.map((s) => summary(s.name, s.rows));
	let chosen: ConvertedSheet['chosen'];
	let pick: (typeof all)[number] | undefined;
	if (sheet !== undefined) {
		pick = all.find((s) => s.name === sheet);
		if (!pick)
			throw new WorkbookError(
				`${fileName} has no sheet "${sheet}". Its sheets: ${wb.SheetNames.map((n) => `"${n}"`).join(', ')}.`
			);
		chosen = 'given';
	} else {
		chosen = all.length === 1 ? 'only' : 'proposed';
		const best = Math.max(...sheets.map((s) => s.tableRows));
		pick = all[sheets.findIndex((s) => s.tableRows === best)];
	}
	const rows = pick?.rows ?? [];
	if (!rows.some((r) => r.some((c) => c !== '')))
		throw new WorkbookError(
			`${fileName}: sheet "${pick?.name}" is empty. Choose the sheet that holds the table.`
		);
	const csv = Papa.unparse(rows, { newline: '\n', quotes: false }) + '\n';
	return { sheet: pick!.name, chosen, sheets, csv, rows: rows.length };
}
