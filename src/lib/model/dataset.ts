import { TABLES, type TableName } from './tables';

/** What one mapped column of the loaded data is like. */
export interface ColumnInfo {
	/** The export's header this column came from. */
	source: string;
	/** For dates: whether the export had a time of day (compare at the coarser precision otherwise). */
	hasTime?: boolean;
	/** For dates: the DuckDB strptime format(s) used. */
	formats?: string[];
	/**
	 * Set when the column is a finding, not data: empty (or holding one value) in at least 95% of the
	 * rows. Metrics treat it as absent and say why they are not available.
	 */
	nearEmpty?: NearEmpty;
}

/** How empty a mostly empty column is: `rows` of `of` rows are empty, or hold the one `value`. */
export interface NearEmpty {
	rows: number;
	of: number;
	value?: string;
}

export interface TableInfo {
	fileName: string;
	importedAt: string;
	rows: number;
	/** Only the canonical columns the export provided; a column absent here is all NULL. */
	columns: Record<string, ColumnInfo>;
}

/**
 * What is loaded: which tables, which of their columns are real, and where they came from.
 * Metrics read this to decide what they can compute and at what precision to compare dates.
 */
export interface DatasetInfo {
	tables: Partial<Record<TableName, TableInfo>>;
}

export const EMPTY_DATASET: DatasetInfo = { tables: {} };

/** True when the column was loaded and holds data (not empty or one value in nearly every row). */
export function hasColumn(dataset: DatasetInfo, table: TableName, column: string): boolean {
	const info = dataset.tables[table]?.columns[column];
	return Boolean(info) && !info?.nearEmpty;
}

/** True when the export had the column, however empty (documentation completeness measures exactly that). */
export function isLoaded(dataset: DatasetInfo, table: TableName, column: string): boolean {
	return Boolean(dataset.tables[table]?.columns[column]);
}

/** "Last activity is empty in 10,000 of 10,000 rows" for a mostly empty column, else null. */
export function nearEmptyText(
	dataset: DatasetInfo,
	table: TableName,
	column: string
): string | null {
	const info = dataset.tables[table]?.columns[column];
	return info?.nearEmpty ? describeNearEmpty(columnLabel(table, column), info.nearEmpty) : null;
}

export function describeNearEmpty(label: string, e: NearEmpty): string {
	const [rows, of] = [e.rows, e.of].map((n) => n.toLocaleString('en-US'));
	const what = e.value === undefined ? 'is empty' : `holds one value (“${e.value}”)`;
	return `${label} ${what} in ${rows} of ${of} ${e.of === 1 ? 'row' : 'rows'}`;
}

/** True when the column was loaded and carries a time of day. */
export function hasTime(dataset: DatasetInfo, table: TableName, column: string): boolean {
	return Boolean(dataset.tables[table]?.columns[column]?.hasTime);
}

/** The label of a canonical column, for "not available: needs X" messages. */
export function columnLabel(table: TableName, column: string): string {
	return TABLES[table].columns.find((c) => c.name === column)?.label ?? column;
}
