/**
 * Goals, events and staff are about cases: when the cases are replaced, those loaded from earlier
 * files may no longer belong to them. The import asks (`relatedQuestion`), and every import counts
 * and lists the goals and events whose case ID has no case (`recordOrphans`).
 */
import { ident, literal } from '../engine/sql';
import type { Engine } from '../engine/types';
import type { DatasetInfo } from '../model/dataset';
import { TABLES, type TableName } from '../model/tables';
import { ISSUES_TABLE } from './build';

/** The problem orphan rows are listed under in the import report. */
export const ORPHAN_PROBLEM =
	'case ID not in the cases: the row is kept, but no case figure counts it';

/** One loaded table the new cases may not fit. */
export interface RelatedTable {
	table: Exclude<TableName, 'cases'>;
	/** The files it came from. */
	fileName: string;
	rows: number;
	/** Distinct case IDs (staff: workers) in it. */
	ids: number;
	/** Of those, how many are in none of the new cases. */
	missing: number;
}

/** What the user is asked when cases are replaced while related tables from earlier files stay. */
export interface RelatedQuestion {
	tables: RelatedTable[];
}

export type RelatedAnswer = 'keep' | 'remove';

/** What links a related table to the cases: its case ID, or for staff the worker (in any letter case). */
function linkOf(table: Exclude<TableName, 'cases'>): { own: string; cases: string } {
	return table === 'staff'
		? { own: 'lower(worker)', cases: 'lower(worker)' }
		: { own: 'case_id', cases: 'case_id' };
}

/**
 * The loaded goals, events and staff that the import keeps unless told otherwise, against the new
 * cases (`newCases`, a table): null when there are none.
 */
export async function relatedQuestion(
	engine: Engine,
	previous: DatasetInfo,
	importing: TableName[],
	newCases: string
): Promise<RelatedQuestion | null> {
	const tables: RelatedTable[] = [];
	for (const table of ['goals', 'events', 'staff'] as const) {
		const info = previous.tables[table];
		if (!info || importing.includes(table)) continue;
		const { own, cases } = linkOf(table);
		const [row] = await engine.query<{ rows: number; ids: number; missing: number }>(
			`SELECT (SELECT count(*) FROM ${ident(table)})::INTEGER AS rows,
				count(*)::INTEGER AS ids,
				count(*) FILTER (WHERE id NOT IN (SELECT ${cases} FROM ${newCases} WHERE ${cases} IS NOT NULL))::INTEGER
					AS missing
			FROM (SELECT DISTINCT ${own} AS id FROM ${ident(table)} WHERE ${own} IS NOT NULL)`
		);
		tables.push({ table, fileName: info.fileName, ...row });
	}
	return tables.length ? { tables } : null;
}

/**
 * Lists the goals and events whose case ID has no case in the issues table (after any earlier
 * listing of them), under the file they came from. Returns how many rows, by table.
 */
export async function recordOrphans(
	engine: Engine,
	dataset: DatasetInfo
): Promise<Partial<Record<TableName, number>>> {
	await engine.exec(`DELETE FROM ${ISSUES_TABLE} WHERE problem = ${literal(ORPHAN_PROBLEM)}`);
	const counts: Partial<Record<TableName, number>> = {};
	if (!dataset.tables.cases) return counts;
	let listed = 0;
	for (const table of ['goals', 'events'] as const) {
		const info = dataset.tables[table];
		if (!info) continue;
		const header = info.columns.case_id?.source ?? TABLES[table].columns[0].label;
		await engine.exec(`INSERT INTO ${ISSUES_TABLE}
			SELECT ${literal(info.fileName)}, NULL, ${literal(header)}, t.case_id, ${literal(ORPHAN_PROBLEM)}, 'kept'
			FROM ${ident(table)} t WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.case_id = t.case_id)`);
		// Counted from the list (the join again took as long as the listing: 0.3 s at 1M cases).
		const [{ n }] = await engine.query<{ n: number }>(
			`SELECT count(*)::INTEGER AS n FROM ${ISSUES_TABLE} WHERE problem = ${literal(ORPHAN_PROBLEM)}`
		);
		if (n > listed) counts[table] = n - listed;
		listed = n;
	}
	return counts;
}
