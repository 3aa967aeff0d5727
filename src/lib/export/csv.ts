/**
 * CSV the app writes. A cell that a spreadsheet would run as a formula (starting with =, +, -, @,
 * tab or carriage return) is prefixed with an apostrophe so that it opens as text (OWASP's advice
 * against CSV injection). Control characters such as a right-to-left override are written as their
 * code ("[U+202E]"), so a spreadsheet shows the name as it is. Numbers are written as numbers.
 * The .xlsx export (xlsx.ts) writes its text cells with the same rule (`safeText`).
 */
import { visibleControls } from '../model/visible';

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(value: string): string {
	return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Text as every export writes it (CSV and .xlsx): controls shown as their code, formulas defused. */
export function safeText(value: string): string {
	return neutralise(visibleControls(value));
}

function cell(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	const text = safeText(String(value));
	return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(
	columns: string[],
	rows: Record<string, unknown>[],
	headers: string[] = columns
): string {
	const lines = [headers.map(cell).join(',')];
	for (const row of rows) lines.push(columns.map((c) => cell(row[c])).join(','));
	return lines.join('\r\n') + '\r\n';
}

/** Offers text as a file download (browser only). */
export function download(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
	// The BOM makes Excel read the file as UTF-8.
	saveBlob(fileName, new Blob([type.startsWith('text/csv') ? '\uFEFF' : '', text], { type }));
}

/** Offers a blob (a workbook, a picture) as a file download (browser only). */
export function saveBlob(fileName: string, blob: Blob): void {
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = fileName;
	a.click();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}
