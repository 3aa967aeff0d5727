/**
 * The report's tables as .xlsx sheets: every cell as printed, except that a shown number or date is
 * written as the number or date behind it, with an Excel format that reads like the page (shares as
 * 0.0%, counts as 1,234, durations as 12.5 days, months as 2026-05). Suppressed cells keep their
 * marker: a hidden count never leaves in a download.
 */
import type { XlsxSheet, XlsxValue } from '../export/xlsx';
import { isCountUnit } from './disclosure';
import type { FigureRow, ReportCell, ReportTable } from './model-types';

/** The Excel number format for a value in `unit`. */
export function unitFormat(unit: string | undefined): string | undefined {
	if (!unit) return undefined;
	if (unit === 'share') return '0.0%';
	if (unit === 'month') return 'yyyy-mm';
	if (unit === 'ratio') return '0.00';
	if (isCountUnit(unit)) return '#,##0';
	// Durations are in days (the page may write a short one in hours: "1.7 hours" is 0.07 days).
	if (unit === 'days') return '0.0 "days"';
	return '0.0';
}

export interface SheetCell {
	value: XlsxValue;
	format?: string;
}

function sheetCell(cell: ReportCell): SheetCell {
	if (cell.suppressed || cell.value === undefined) return { value: cell.text };
	return { value: cell.value, format: unitFormat(cell.unit) };
}

/** A report table as a sheet: the page's headings, a number format per cell. */
export function reportTableSheet(table: ReportTable): XlsxSheet {
	const cells = table.rows.map((row) => row.map(sheetCell));
	return {
		name: table.title,
		columns: table.columns.map((c) => ({ label: c.label })),
		rows: cells.map((row) => row.map((c) => c.value)),
		formats: cells.map((row) => row.map((c) => c.format))
	};
}

/** A headline figures table (value, comparison, change, judgement, target) as a sheet. */
export function figuresSheet(
	name: string,
	figures: FigureRow[],
	compareHeading: string,
	targets = true
): XlsxSheet {
	const raw = (value: number | null, text: string, f: FigureRow): SheetCell =>
		value === null || f.suppressed || f.note
			? { value: text }
			: { value, format: unitFormat(f.unit) };
	const arrow = (f: FigureRow) =>
		f.direction === 'better' ? '▲ ' : f.direction === 'worse' ? '▼ ' : '';
	const target = (f: FigureRow) =>
		f.note ?? (f.target ? `${f.missed ? 'Missed' : 'Met'}: ${f.target}` : '–');
	const cells = figures.map((f) => [
		{ value: f.title },
		raw(f.value, f.text, f),
		raw(f.before, f.beforeText, f),
		{ value: f.change },
		{ value: `${arrow(f)}${f.judgement || '–'}` },
		...(targets ? [{ value: target(f) }] : [])
	]);
	const labels = [
		'Figure',
		'Value',
		compareHeading,
		'Change',
		'Judged',
		...(targets ? ['Target'] : [])
	];
	return {
		name,
		columns: labels.map((label) => ({ label })),
		rows: cells.map((row) => row.map((c: SheetCell) => c.value)),
		formats: cells.map((row) => row.map((c: SheetCell) => c.format))
	};
}
