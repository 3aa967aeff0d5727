/**
 * Several exports of one kind made one history: the rows of each file (and, when adding, of the
 * loaded table) are matched by key, and where a key is in several, the row of the most recent export
 * is kept. Most recent: the file whose latest date is later; on a tie, the later one in the order
 * shown (the loaded data counts as before every new file).
 *
 * The key of a row:
 * - cases: the case ID;
 * - staff: the worker, in any letter case (labels are spelled alike afterwards);
 * - goals: the goal ID where the file has one, else the whole row;
 * - events: the whole row (events have no ID of their own).
 * A whole-row key also counts repeats: the second identical row of a file matches the second of
 * another file, so that two identical contacts on one day stay two.
 */
import { ident, literal } from '../engine/sql';
import type { Engine } from '../engine/types';
import type { ColumnInfo, TableInfo } from '../model/dataset';
import { TABLES, type TableName } from '../model/tables';

/** One source of rows for a table: a new file's staged table, or the loaded table itself. */
export interface MergePart {
	/** The file name (for the loaded data: the names it came from). */
	name: string;
	/** The table holding its rows, canonical columns only. */
	source: string;
	/** The loaded data (when adding): its rows count as there before the import. */
	loaded: boolean;
	info: TableInfo;
}

/** What one file did to its table. Every row is exactly one of added, updated or older. */
export interface FileOutcome {
	file: string;
	table: TableName;
	/** The rows it brought (after its own checks and duplicates). */
	rows: number;
	/** Rows whose key was not loaded before and in no export ranked before it: the table grew by these. */
	added: number;
	/** Rows whose key was already there, and whose row (this file's) is now the one kept. */
	updated: number;
	/** Rows whose key was already there, where a more recent export's row is kept instead. */
	older: number;
	/** The latest date in the file (any date column), which ranks it. */
	latest: string | null;
	/** What rows are matched on, for the report: "Case ID", "Goal ID (else the whole row)" … */
	matchedOn: string;
}

/** What rows of a table are matched on, for the report and the docs. */
export function matchedOn(table: TableName): string {
	if (table === 'cases') return 'Case ID';
	if (table === 'staff') return 'Worker';
	if (table === 'goals') return 'Goal ID (the whole row where a goal has none)';
	return 'the whole row';
}

/**
 * A row's key: its ID, or the row itself and which repeat of it this is (see the module comment).
 * `_row` is the row as a struct, `_pos` its position.
 */
function keySql(table: TableName): string {
	const key = (id: string, repeated: boolean, over = '_row') =>
		`struct_pack(id := ${id}, r := ${repeated ? '_row' : 'NULL'}, n := ${
			repeated ? `row_number() OVER (PARTITION BY ${over} ORDER BY _pos)` : 'NULL::BIGINT'
		})`;
	if (table === 'cases') return key('case_id', false);
	if (table === 'staff') return key('lower(worker)', false);
	if (table === 'goals')
		return `CASE WHEN goal_id IS NOT NULL THEN ${key('goal_id', false)}
			ELSE ${key('NULL::VARCHAR', true, 'goal_id IS NULL, _row')} END`;
	return key('NULL::VARCHAR', true);
}

/** The latest date of each part, for ranking. */
async function latestDates(
	engine: Engine,
	table: TableName,
	parts: MergePart[]
): Promise<(string | null)[]> {
	const dates = TABLES[table].columns.filter((c) => c.kind === 'date').map((c) => ident(c.name));
	const out: (string | null)[] = [];
	// Staff have no dates: their files rank in the order shown.
	if (dates.length === 0) return parts.map(() => null);
	for (const p of parts) {
		const [{ latest }] = await engine.query<{ latest: string | null }>(
			`SELECT strftime(max(greatest(${dates.join(', ')})), '%Y-%m-%d %H:%M:%S') AS latest FROM ${p.source}`
		);
		out.push(latest);
	}
	return out;
}

/** The columns of the merged table: every column any part had, its formats together. */
function mergeInfo(parts: MergePart[], rows: number, importedAt: string): TableInfo {
	const columns: Record<string, ColumnInfo> = {};
	for (const p of parts) {
		for (const [name, c] of Object.entries(p.info.columns)) {
			const seen = columns[name];
			if (!seen) columns[name] = { ...c, formats: c.formats ? [...c.formats] : undefined };
			else {
				if (c.hasTime) seen.hasTime = true;
				for (const f of c.formats ?? [])
					if (!seen.formats?.includes(f)) (seen.formats ??= []).push(f);
			}
		}
	}
	for (const c of Object.values(columns)) if (!c.formats) delete c.formats;
	return { fileName: parts.map((p) => p.name).join(', '), importedAt, rows, columns };
}

export interface Merged {
	/** The merged table, to be swapped in as `table`. */
	stageTable: string;
	info: TableInfo;
	/** One per new file, in the order given. */
	outcomes: FileOutcome[];
}

let merges = 0;

/**
 * Merges the parts of one table into a new table of the main schema: per key the row of the
 * highest-ranked part. Parts are given in the order shown (the loaded data first); they are ranked
 * by their latest date, a tie by that order.
 */
export async function mergeParts(
	engine: Engine,
	table: TableName,
	parts: MergePart[]
): Promise<Merged> {
	const latest = await latestDates(engine, table, parts);
	const order = parts.map((_, i) => i);
	// Oldest first: a part with no date at all ranks first; a tie keeps the order shown.
	order.sort((a, b) => (latest[a] ?? '').localeCompare(latest[b] ?? '') || a - b);
	const rankOf = (i: number) => order.indexOf(i);
	const cols = TABLES[table].columns.map((c) => ident(c.name));
	const rowStruct = `struct_pack(${cols.map((c) => `${c} := ${c}`).join(', ')})`;
	const union = parts
		.map(
			(p, i) =>
				`SELECT ${cols.join(', ')}, ${rankOf(i)} AS _rank, ${p.loaded} AS _loaded, _pos,
					${keySql(table)} AS _key FROM (SELECT *, rowid AS _pos, ${rowStruct} AS _row FROM ${p.source})`
		)
		.join(' UNION ALL ');
	const stageTable = `merged_${table}_${++merges}`;
	const partsTable = `${stageTable}_parts`;
	await engine.exec(`CREATE OR REPLACE TEMP TABLE ${partsTable} AS ${union}`);
	try {
		await engine.exec(`CREATE OR REPLACE TABLE ${stageTable} AS SELECT ${cols.join(', ')} FROM ${partsTable}
			QUALIFY _rank = max(_rank) OVER (PARTITION BY _key) ORDER BY _rank, _pos`);
		const counts = await engine.query<{
			rank: number;
			rows: number;
			added: number;
			updated: number;
			older: number;
		}>(
			`WITH keys AS (SELECT _key, min(_rank) AS first_rank, max(_rank) AS last_rank,
				bool_or(_loaded) AS was_loaded FROM ${partsTable} GROUP BY _key)
			SELECT _rank AS rank, count(*)::INTEGER AS rows,
				count(*) FILTER (WHERE NOT was_loaded AND _rank = first_rank)::INTEGER AS added,
				count(*) FILTER (WHERE (was_loaded OR _rank > first_rank) AND _rank = last_rank)::INTEGER AS updated,
				count(*) FILTER (WHERE (was_loaded OR _rank > first_rank) AND _rank < last_rank)::INTEGER AS older
			FROM ${partsTable} JOIN keys USING (_key) GROUP BY _rank`
		);
		const [{ rows }] = await engine.query<{ rows: number }>(
			`SELECT count(*)::INTEGER AS rows FROM ${stageTable}`
		);
		const importedAt = new Date().toISOString();
		const outcomes = parts.flatMap((p, i) => {
			if (p.loaded) return [];
			const c = counts.find((x) => x.rank === rankOf(i))!;
			return [
				{
					file: p.name,
					table,
					rows: c.rows,
					added: c.added,
					updated: c.updated,
					older: c.older,
					latest: latest[i],
					matchedOn: matchedOn(table)
				}
			];
		});
		return { stageTable, info: mergeInfo(parts, rows, importedAt), outcomes };
	} finally {
		await engine.exec(`DROP TABLE IF EXISTS ${partsTable}`);
	}
}

/** The outcome of a file that is the only source of its table: every row added. */
export function soleOutcome(file: string, table: TableName, rows: number): FileOutcome {
	return {
		file,
		table,
		rows,
		added: rows,
		updated: 0,
		older: 0,
		latest: null,
		matchedOn: matchedOn(table)
	};
}

/** SQL literal of a file name list, for `IN (…)`. */
export function namesSql(names: string[]): string {
	return names.length ? names.map(literal).join(', ') : 'NULL';
}
