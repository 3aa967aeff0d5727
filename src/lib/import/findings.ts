/**
 * Mapped columns that hold next to nothing: empty, or one value, in at least 95% of the rows of the
 * built table. They are findings, not data: recorded on the column (metrics then say "not available:
 * Last activity is empty in 10,000 of 10,000 rows") and listed in the import report.
 */
import { ident, literal } from '../engine/sql';
import type { Engine } from '../engine/types';
import { describeNearEmpty, type ColumnInfo, type NearEmpty } from '../model/dataset';
import { TABLES, type ColumnDecl, type TableName } from '../model/tables';
import type { ColumnGuess } from './columns';
import { mayBeConstant, NEAR_EMPTY_SHARE } from './evidence';

export const NEAR_EMPTY_PROBLEM = 'column empty or one value in nearly every row';
/**
 * Fewer rows than this and no column is judged: in a file of a dozen cases, none closed yet or all in
 * one office is as likely a young service as a broken export.
 */
export const NEAR_EMPTY_MIN_ROWS = 20;

/** The near-empty columns among a built table's mapped ones (required columns are never empty). */
export async function measureNearEmpty(
	engine: Engine,
	table: TableName,
	builtTable: string,
	rows: number,
	columns: Record<string, ColumnInfo>,
	guesses: ColumnGuess[]
): Promise<Record<string, NearEmpty>> {
	// Counting the most common value costs a grouping: only where the sample shows one value dominating.
	const dominant = (column: ColumnDecl) => {
		const p = guesses.find((g) => g.header === columns[column.name].source)?.profile;
		return mayBeConstant(column) && p !== undefined && p.topCount >= 0.8 * p.rows;
	};
	const checked = TABLES[table].columns.filter((c) => columns[c.name] && !c.required);
	if (!checked.length || rows < NEAR_EMPTY_MIN_ROWS) return {};
	const parts = checked.flatMap((c, i) => {
		const col = ident(c.name);
		const filled = `count(${col})::INTEGER AS filled_${i}`;
		// The most common value and its rows: only where one value could fill 95% of the rows.
		return dominant(c)
			? [
					filled,
					`mode(${col})::VARCHAR AS top_${i}`,
					`count(${col}) FILTER (WHERE ${col} = (SELECT
				mode(${col}) FROM ${builtTable}))::INTEGER AS top_rows_${i}`
				]
			: [filled];
	});
	const [stats] = await engine.query<Record<string, number | string | null>>(
		`SELECT ${parts.join(', ')} FROM ${builtTable}`
	);
	const found: Record<string, NearEmpty> = {};
	checked.forEach((c, i) => {
		const empty = rows - Number(stats[`filled_${i}`]);
		const top = stats[`top_${i}`];
		const topRows = Number(stats[`top_rows_${i}`] ?? 0);
		if (empty >= NEAR_EMPTY_SHARE * rows) found[c.name] = { rows: empty, of: rows };
		else if (top !== null && top !== undefined && topRows >= NEAR_EMPTY_SHARE * rows)
			found[c.name] = { rows: topRows, of: rows, value: String(top) };
	});
	return found;
}

/**
 * Marks a built table's near-empty columns on its column infos and lists each one in the import
 * report (a file-wide problem of the column). Returns the infos to record.
 */
export async function recordNearEmpty(
	engine: Engine,
	built: { table: TableName; builtTable: string; fileName: string; rows: number; issues: string },
	columns: Record<string, ColumnInfo>,
	guesses: ColumnGuess[]
): Promise<Record<string, ColumnInfo>> {
	const { table, builtTable, fileName, rows, issues } = built;
	const found = await measureNearEmpty(engine, table, builtTable, rows, columns, guesses);
	const out = { ...columns };
	const values: string[] = [];
	for (const [column, nearEmpty] of Object.entries(found)) {
		out[column] = { ...columns[column], nearEmpty };
		const label = TABLES[table].columns.find((c) => c.name === column)!.label;
		const text = `${describeNearEmpty(`“${columns[column].source}”`, nearEmpty)}: ${label} is not used`;
		const row = [fileName, null, columns[column].source, text, NEAR_EMPTY_PROBLEM, 'kept'];
		values.push(`(${row.map((v) => (v === null ? 'NULL' : literal(v))).join(', ')})`);
	}
	if (values.length) await engine.exec(`INSERT INTO ${issues} VALUES ${values.join(', ')}`);
	return out;
}
