/**
 * The bundled sample as the build prepared it (scripts/sample-build.ts): its canonical tables as
 * Arrow streams with the report of the generic import of sample-data/, and its default overview.
 * Loading the tables copies rows in; nothing is sniffed or parsed, so a first visit has its data
 * sooner. tests/unit/import/prepared.test.ts holds them equal to the generic import of the files.
 */
import { ident } from '../engine/sql';
import type { Engine } from '../engine/types';
import type { OverviewId } from '../metrics/overview';
import type { MetricResult } from '../metrics/types';
import { SQL_TYPE, TABLES, type TableName } from '../model/tables';
import { ISSUES_TABLE } from './build';
import { ImportCancelled } from './errors';
import { FILES_TABLE, type ImportReport } from './import';

export interface PreparedSample {
	/** The generic import's report; `importedAt` is set when it is loaded. */
	report: ImportReport;
	/** Each table's Arrow stream, by URL. */
	urls: Partial<Record<TableName, string>>;
}

/**
 * The sample's overview at its default view (no filters, the default period and settings), by the
 * catalogue's queries. On a first visit the overview shows it while the database starts; once the
 * sample is in the database it stands as the engine's answer for that one view. The browser tests
 * hold it equal to the engine's figures.
 */
export interface PreparedOverview {
	/** The scope it is for (JSON, as `dashboard.scope`). */
	scope: string;
	/** The settings it was computed with (JSON): the defaults. */
	settings: string;
	now: Record<OverviewId, MetricResult>;
	prev: Record<OverviewId, MetricResult>;
	year: Record<OverviewId, MetricResult>;
	/** Each figure for each of the 12 months (the sparklines). */
	series: Record<OverviewId, (number | null)[]>;
}

/**
 * Makes staged tables the canonical tables (each column cast to the model's type), and empties the
 * tables they do not replace and the issues: in one transaction, so that a failure changes nothing.
 * A cancel is honoured up to here; once the tables are swapped in, the import has happened.
 */
async function replaceTables(
	engine: Engine,
	staged: { table: TableName; from: string }[],
	signal?: AbortSignal
): Promise<void> {
	if (signal?.aborted) throw new ImportCancelled();
	const swap = staged.map(({ table, from }) => {
		const columns = TABLES[table].columns.map(
			(c) => `CAST(${ident(c.name)} AS ${SQL_TYPE[c.kind]}) AS ${ident(c.name)}`
		);
		return `CREATE OR REPLACE TABLE ${ident(table)} AS SELECT ${columns.join(', ')} FROM ${from}`;
	});
	const emptied = (Object.keys(TABLES) as TableName[])
		.filter((t) => !staged.some((s) => s.table === t))
		.map((t) => `DELETE FROM ${ident(t)}`);
	await engine.exec('BEGIN TRANSACTION');
	try {
		await engine.exec(
			[...swap, ...emptied, `DELETE FROM ${ISSUES_TABLE}`, `DELETE FROM ${FILES_TABLE}`].join('; ')
		);
		await engine.exec('COMMIT');
	} catch (error) {
		await engine.exec('ROLLBACK');
		throw error;
	}
}

/** Replaces the loaded tables with the prepared ones, in one transaction, and returns the report to adopt. */
export async function importPrepared(
	engine: Engine,
	report: ImportReport,
	streams: Partial<Record<TableName, Uint8Array>>,
	signal?: AbortSignal
): Promise<ImportReport> {
	const staged = report.tables.map(({ mapping }) => ({
		table: mapping.table,
		from: `prepared_${mapping.table}`
	}));
	const missing = staged.filter(({ table }) => !streams[table]).map(({ table }) => table);
	if (missing.length) throw new Error(`the prepared sample lacks the ${missing.join(', ')} table`);
	try {
		for (const { table, from } of staged) await engine.insertArrow(from, streams[table]!);
		await replaceTables(engine, staged, signal);
	} finally {
		await engine.exec(staged.map(({ from }) => `DROP TABLE IF EXISTS ${from}`).join('; '));
	}
	const importedAt = new Date().toISOString();
	const tables = report.tables.map((t) => ({ ...t, info: { ...t.info, importedAt } }));
	return {
		...report,
		tables,
		dataset: {
			...report.dataset,
			tables: Object.fromEntries(tables.map((t) => [t.mapping.table, t.info]))
		}
	};
}
