/**
 * The bundled sample as the build prepared it (scripts/sample-build.ts): its canonical tables as
 * Arrow streams, and the report of its bundled import (bundled.ts) of sample-data/. Loading it copies
 * rows in; nothing is sniffed or parsed, so a first visit has its data sooner.
 */
import type { Engine } from '../engine/types';
import type { TableName } from '../model/tables';
import { replaceTables } from './bundled';
import type { ImportReport } from './import';

export interface PreparedSample {
	/** The bundled import's report; `importedAt` is set when it is loaded. */
	report: ImportReport;
	/** Each table's Arrow stream, by URL. */
	urls: Partial<Record<TableName, string>>;
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
