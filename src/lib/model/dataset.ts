import { TABLES, type TableName } from './tables';

/** What one mapped column of the loaded data is like. */
export interface ColumnInfo {
	/** The export's header this column came from. */
	source: string;
	/** For dates: whether the export had a time of day (compare at the coarser precision otherwise). */
	hasTime?: boolean;
	/** For dates: the DuckDB strptime format(s) used. */
	formats?: string[];
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

export function hasColumn(dataset: DatasetInfo, table: TableName, column: string): boolean {
	return Boolean(dataset.tables[table]?.columns[column]);
}

/** True when the column was loaded and carries a time of day. */
export function hasTime(dataset: DatasetInfo, table: TableName, column: string): boolean {
	return Boolean(dataset.tables[table]?.columns[column]?.hasTime);
}

/** The label of a canonical column, for "not available: needs X" messages. */
export function columnLabel(table: TableName, column: string): string {
	return TABLES[table].columns.find((c) => c.name === column)?.label ?? column;
}
