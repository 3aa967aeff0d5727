/**
 * The bundled sample as the build prepares it (scripts/sample-build.ts, src/lib/import/prepared.ts)
 * against the generic import of sample-data/ (the app's only other way to load it), on the real
 * duckdb-wasm core: loaded from its Arrow streams, every canonical table is the generic import's,
 * row for row, and so is its report.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleBuild, type SampleBuild } from '../../../scripts/sample-build';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine, Row } from '../../../src/lib/engine/types';
import { listIssues, type ImportReport, type ImportResult } from '../../../src/lib/import/import';
import { importPaths } from '../../../src/lib/import/node';
import { importPrepared } from '../../../src/lib/import/prepared';
import { ImportCancelled } from '../../../src/lib/import/errors';
import type { DatasetInfo } from '../../../src/lib/model/dataset';
import { TABLES, type TableName } from '../../../src/lib/model/tables';

const SAMPLE = path.resolve(import.meta.dirname, '../../../sample-data');
const NAMES: TableName[] = ['cases', 'goals', 'events', 'staff'];

let engine: Engine;
let generic: ImportResult;
const genericRows = new Map<TableName, Row[]>();
let build: SampleBuild;
let loaded: ImportReport;

/** Every row of a canonical table, in stored order, every declared column. */
const rowsOf = (table: TableName) =>
	engine.query(
		`SELECT ${TABLES[table].columns.map((c) => `"${c.name}"`).join(', ')} FROM "${table}" ORDER BY rowid`
	);
const withoutTimes = (d: DatasetInfo) =>
	Object.fromEntries(
		Object.entries(d.tables).map(([name, info]) => [name, { ...info, importedAt: undefined }])
	);
/** A fresh copy of the build's streams for each load (an inserted stream's buffer is not read twice). */
const streams = (): SampleBuild['streams'] =>
	Object.fromEntries(
		Object.entries(build.streams).map(([table, bytes]) => [table, bytes!.slice()])
	);
const typesOf = (table: TableName) =>
	engine.query(
		`SELECT column_name, data_type FROM information_schema.columns
			WHERE table_name = '${table}' ORDER BY ordinal_position`
	);

beforeAll(async () => {
	engine = await createNodeEngine();
	generic = await importPaths(
		engine,
		Object.fromEntries(NAMES.map((n) => [n, path.join(SAMPLE, `${n}.csv`)]))
	);
	for (const n of NAMES) genericRows.set(n, await rowsOf(n));
	build = await sampleBuild();
	// Over other data: the prepared sample replaces it whole.
	await engine.exec(
		`DELETE FROM cases; DELETE FROM goals; INSERT INTO staff (worker) VALUES ('Not in the sample')`
	);
	loaded = await importPrepared(engine, JSON.parse(JSON.stringify(build.report)), streams());
}, 120_000);
afterAll(async () => engine?.close());

describe('the bundled sample as the build prepares it', () => {
	it("loads every canonical table as the generic import gives it, row for row, in the model's types", async () => {
		for (const n of NAMES) {
			const rows = await rowsOf(n);
			expect(rows.length, n).toBe(genericRows.get(n)!.length);
			expect(rows, n).toEqual(genericRows.get(n));
		}
		expect(genericRows.get('cases')!.length).toBe(5000);
		expect(await typesOf('cases')).toContainEqual({
			column_name: 'opened_at',
			data_type: 'TIMESTAMP'
		});
		expect(await typesOf('cases')).toContainEqual({
			column_name: 'satisfaction',
			data_type: 'DOUBLE'
		});
		expect(
			await engine.query(
				`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name LIKE 'prepared_%'`
			)
		).toEqual([{ n: 0 }]);
	});

	it('reports what the generic import reports, with the time it was loaded', async () => {
		expect(withoutTimes(loaded.dataset)).toEqual(withoutTimes(generic.dataset));
		const report = (r: ImportReport) =>
			r.tables.map((t) => ({
				mapping: t.mapping,
				dates: t.dates,
				rows: t.info.rows,
				file: t.info.fileName
			}));
		expect(report(loaded)).toEqual(report(generic));
		expect(loaded.issueTotal).toBe(0);
		expect(await listIssues(engine)).toEqual([]);
		const times = new Set([
			...loaded.tables.map((t) => t.info.importedAt),
			...Object.values(loaded.dataset.tables).map((t) => t!.importedAt)
		]);
		expect(times.size).toBe(1);
		expect(Date.now() - Date.parse([...times][0])).toBeLessThan(120_000);
	});

	it('gives each event its kind, as counted from sample-data/events.csv by papaparse and by hand', async () => {
		const parsed = Papa.parse<Record<string, string>>(
			readFileSync(path.join(SAMPLE, 'events.csv'), 'utf8'),
			{ header: true, skipEmptyLines: true }
		);
		// The sample's five labels, each given its kind by hand from the definition (docs/metrics.md).
		const KIND: Record<string, string> = {
			'Client contact': 'contact',
			'Case review': 'review',
			'Filing deadline': 'deadline',
			'Court hearing': 'hearing',
			Other: 'other'
		};
		const counted: Record<string, number> = {};
		for (const row of parsed.data) {
			const kind = KIND[row['Event Type']];
			expect(kind, row['Event Type']).toBeDefined();
			counted[kind] = (counted[kind] ?? 0) + 1;
		}
		const loaded = await engine.query<{ kind: string; n: number }>(
			'SELECT kind, count(*)::INTEGER AS n FROM events GROUP BY kind ORDER BY kind'
		);
		expect(Object.fromEntries(loaded.map((r) => [r.kind, r.n]))).toEqual(counted);
		// Counted once outside the app (Python's csv module) over the same file.
		expect(counted).toEqual({
			contact: 5000,
			review: 3428,
			deadline: 2084,
			hearing: 1990,
			other: 382
		});
	});

	it('honours a cancel made before the swap: nothing changes, and it says cancelled', async () => {
		await engine.exec(`DELETE FROM staff`);
		const stop = new AbortController();
		stop.abort();
		await expect(
			importPrepared(engine, build.report, streams(), stop.signal)
		).rejects.toBeInstanceOf(ImportCancelled);
		expect(await rowsOf('staff')).toEqual([]);
		expect((await rowsOf('cases')).length).toBe(5000);
		expect(
			await engine.query(
				`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name LIKE 'prepared_%'`
			)
		).toEqual([{ n: 0 }]);
	});

	// Last: after a cut-short stream, duckdb-wasm's Arrow reader on this connection fails every later
	// stream (it waits for the rest of the first); the app then imports the sample's CSVs instead.
	it('refuses a prepared sample that lacks a table, and leaves the loaded data as it was', async () => {
		const before = await Promise.all(NAMES.map(rowsOf));
		const { staff: _, ...partial } = streams();
		await expect(importPrepared(engine, build.report, partial)).rejects.toThrow(
			'lacks the staff table'
		);
		const broken = { ...streams(), goals: build.streams.goals!.slice(0, 1000) };
		await expect(importPrepared(engine, build.report, broken)).rejects.toThrow();
		expect(await Promise.all(NAMES.map(rowsOf))).toEqual(before);
		expect(before[0].length).toBe(5000);
		expect(
			await engine.query(
				`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name LIKE 'prepared_%'`
			)
		).toEqual([{ n: 0 }]);
	});
});
