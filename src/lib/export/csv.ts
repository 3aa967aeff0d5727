/**
 * CSV the app writes. A cell that a spreadsheet would run as a formula (starting with =, +, -, @,
 * tab or carriage return) is prefixed with an apostrophe so that it opens as text (OWASP's advice
 * against CSV injection). Control characters such as a right-to-left override are written as their
 * code ("[U+202E]"), so a spreadsheet shows the name as it is. Numbers are written as numbers.
 */
import { visibleControls } from '../model/visible';

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(value: string): string {
	return FORMULA_START.test(value) ? `'${value}` : value;
}

function cell(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	const text = neutralise(visibleControls(String(value)));
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
	const blob = new Blob([type.startsWith('text/csv') ? '\uFEFF' : '', text], { type });
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = fileName;
	a.click();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}
