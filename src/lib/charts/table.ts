/** The chart's table alternative as text cells and as CSV (formula-neutralised by the export module). */
import { toCsv } from '../export/csv';
import type { Cell } from '../metrics/types';
import { formatMonth, formatValue } from './format';
import type { ChartTable, TableColumn } from './options';

export function cellText(value: Cell | undefined, column: TableColumn): string {
	if (value === null || value === undefined) return '–';
	if (typeof value === 'boolean') return value ? 'yes' : 'no';
	if (typeof value === 'number') return formatValue(value, column.unit);
	// A month reads as the axis labels it ("Oct 2025", or ISO); the CSV keeps the ISO month.
	if (column.key === 'month') return formatMonth(value);
	return String(value);
}

/** The column's heading; durations name no unit, as each cell reads in hours or days ("1.7 hours"). */
export function headerText(column: TableColumn): string {
	if (!column.unit || column.unit === 'days') return column.label;
	if (column.unit === 'share') return `${column.label} (%)`;
	return `${column.label} (${column.unit})`;
}

/** The table's raw values as CSV: numbers unformatted, every text cell neutralised. */
export function tableCsv(table: ChartTable): string {
	return toCsv(
		table.columns.map((c) => c.key),
		table.rows,
		table.columns.map((c) => (c.unit ? `${c.label} (${c.unit})` : c.label))
	);
}

export const isNumericColumn = (column: TableColumn): boolean => Boolean(column.unit);
