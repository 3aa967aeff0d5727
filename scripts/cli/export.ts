/**
 * `--export-model DIR`: the canonical tables and the import report as Parquet, for a data team to
 * load the cleaned model into a warehouse or a bigger DuckDB (docs/scale.md).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ident, literal } from '../../src/lib/engine/sql';
import type { Engine } from '../../src/lib/engine/types';
import { ISSUES_TABLE } from '../../src/lib/import/build';
import type { ImportResult } from '../../src/lib/import/import';
import { TABLES, type TableName } from '../../src/lib/model/tables';

/** The report's per-file summary: one row per file and kind of problem (a row with no problem too). */
function summarySql(imported: ImportResult): string {
	const rows = imported.tables.flatMap((b) => {
		const head = [b.staged.file.name, b.mapping.table, b.info.rows] as const;
		const problems = Object.entries(b.issueCounts).filter(([, n]) => n > 0);
		return (problems.length ? problems : [[null, 0] as const]).map(
			([problem, n]) => `(${[...head, problem, n].map((v) => literal(v)).join(', ')})`
		);
	});
	return `SELECT * FROM (VALUES ${rows.join(', ')}) AS t(file, "table", "rows", problem, "count")`;
}

async function copy(engine: Engine, query: string, file: string): Promise<void> {
	await engine.exec(`COPY (${query}) TO ${literal(file)} (FORMAT parquet, COMPRESSION zstd)`);
}

/**
 * Writes cases, goals, events and staff (those loaded) with the canonical columns and types, every
 * problem of the import (`import_issues`) and the per-file summary (`import_summary`). Returns the
 * files written.
 */
export async function exportModel(
	engine: Engine,
	dir: string,
	imported: ImportResult
): Promise<string[]> {
	const target = path.resolve(dir);
	await mkdir(target, { recursive: true });
	const written: string[] = [];
	for (const name of Object.keys(TABLES) as TableName[]) {
		if (!imported.dataset.tables[name]) continue;
		const file = path.join(target, `${name}.parquet`);
		await copy(engine, `SELECT * FROM ${ident(name)}`, file);
		written.push(file);
	}
	const issues = path.join(target, 'import_issues.parquet');
	await copy(
		engine,
		`SELECT file, line, "column", value, problem, action FROM ${ISSUES_TABLE}
		ORDER BY file, line NULLS FIRST, problem`,
		issues
	);
	const summary = path.join(target, 'import_summary.parquet');
	await copy(engine, summarySql(imported), summary);
	written.push(issues, summary);
	return written;
}
