/**
 * Excel workbooks the app writes (report tables, case lists). Text cells follow the CSV export's rule
 * (`safeText`: a formula-like cell is prefixed with an apostrophe, control characters are written as
 * their code); numbers are numbers; ISO dates and timestamps ('YYYY-MM-DD', 'YYYY-MM-DD hh:mm:ss', as
 * the engine returns them) are real Excel dates: a date serial with a date number format. SheetJS is
 * loaded only when a workbook is written, so the dashboard's first load does not carry it.
 */
import type { CellObject, WorkBook, WorkSheet } from '@e965/xlsx';
import { safeText, saveBlob } from './csv';

export type XlsxValue = string | number | boolean | null | undefined;

export interface XlsxColumn {
	label: string;
	/** The Excel number format of the column's numbers or dates ('0.0%', 'mmm yyyy'); a default when absent. */
	format?: string;
}

export interface XlsxSheet {
	name: string;
	columns: XlsxColumn[];
	rows: XlsxValue[][];
	/** A cell's own number format (a table whose rows are different figures), over its column's. */
	formats?: (string | undefined)[][];
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;
/** 1899-12-30, day 0 of Excel's (1900) date system, as days since 1970-01-01. */
const EXCEL_EPOCH_DAYS = 25569;

/** An ISO date or timestamp as an Excel date serial (days since 1899-12-30, the time as its fraction). */
export function excelSerial(iso: string): { serial: number; time: boolean } | null {
	const m = ISO_DATE.exec(iso);
	if (!m) return null;
	const [y, mo, d, h, mi, s] = m.slice(1, 7).map((x) => Number(x ?? 0));
	const ms = Date.UTC(y, mo - 1, d, h, mi, s);
	if (Number.isNaN(ms) || new Date(ms).getUTCDate() !== d) return null;
	return { serial: ms / 86_400_000 + EXCEL_EPOCH_DAYS, time: h + mi + s > 0 };
}

/** One value as a SheetJS cell, or null for an empty cell. */
export function xlsxCell(value: XlsxValue, format?: string): CellObject | null {
	if (value === null || value === undefined || value === '') return null;
	if (typeof value === 'number')
		return Number.isFinite(value) ? { t: 'n', v: value, ...(format ? { z: format } : {}) } : null;
	if (typeof value === 'boolean') return { t: 'b', v: value };
	const date = excelSerial(value);
	if (date) {
		const z = format ?? (date.time ? 'yyyy-mm-dd hh:mm' : 'yyyy-mm-dd');
		return { t: 'n', v: date.serial, z };
	}
	return { t: 's', v: safeText(value) };
}

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\, unique in the workbook. */
function sheetName(name: string, taken: Set<string>): string {
	const base =
		safeText(name)
			.replace(/[[\]:*?/\\]/g, ' ')
			.trim()
			.slice(0, 31) || 'Sheet';
	let out = base;
	for (let i = 2; taken.has(out.toLowerCase()); i++) out = `${base.slice(0, 27)} (${i})`;
	taken.add(out.toLowerCase());
	return out;
}

/** The sheet's cells: the header row, then the rows, with column widths from the longest text. */
export function worksheet(sheet: XlsxSheet, encode: (r: number, c: number) => string): WorkSheet {
	const ws: WorkSheet = {};
	const widths = sheet.columns.map((c) => Math.min(60, Math.max(8, c.label.length + 2)));
	sheet.columns.forEach((c, j) => (ws[encode(0, j)] = { t: 's', v: safeText(c.label) }));
	sheet.rows.forEach((row, i) =>
		sheet.columns.forEach((column, j) => {
			const cell = xlsxCell(row[j], sheet.formats?.[i]?.[j] ?? column.format);
			if (!cell) return;
			ws[encode(i + 1, j)] = cell;
			if (cell.t === 's') widths[j] = Math.min(60, Math.max(widths[j], String(cell.v).length + 2));
			else if (cell.z) widths[j] = Math.max(widths[j], 12);
		})
	);
	const lastCol = Math.max(0, sheet.columns.length - 1);
	ws['!ref'] = `A1:${encode(sheet.rows.length, lastCol)}`;
	ws['!cols'] = widths.map((wch) => ({ wch }));
	return ws;
}

/** The workbook as .xlsx bytes (SheetJS loaded on first use). */
export async function workbookBytes(sheets: XlsxSheet[]): Promise<Uint8Array> {
	const { utils, write } = await import('@e965/xlsx');
	const encode = (r: number, c: number) => utils.encode_cell({ r, c });
	const taken = new Set<string>();
	const wb: WorkBook = { SheetNames: [], Sheets: {} };
	for (const sheet of sheets) {
		const name = sheetName(sheet.name, taken);
		wb.SheetNames.push(name);
		wb.Sheets[name] = worksheet(sheet, encode);
	}
	const out = write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer;
	return new Uint8Array(out);
}

/** Rows of records (a case list, as the CSV export takes them) as one sheet. */
export function recordsSheet(
	name: string,
	columns: string[],
	rows: Record<string, unknown>[],
	headers: string[] = columns
): XlsxSheet {
	const value = (v: unknown): XlsxValue =>
		v === null || v === undefined || ['string', 'number', 'boolean'].includes(typeof v)
			? (v as XlsxValue)
			: String(v);
	return {
		name,
		columns: headers.map((label) => ({ label })),
		rows: rows.map((r) => columns.map((c) => value(r[c])))
	};
}

/** Offers the sheets as an .xlsx download (browser only). */
export async function downloadXlsx(fileName: string, sheets: XlsxSheet[]): Promise<void> {
	const bytes = await workbookBytes(sheets);
	saveBlob(fileName, new Blob([bytes as BlobPart], { type: XLSX_TYPE }));
}
