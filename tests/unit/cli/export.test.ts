/**
 * `--export-model DIR`: the canonical tables and the import report as Parquet. Read back by a
 * separate DuckDB, every file equals the table it came from, column names and types included.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../scripts/metrics';
import { createNativeEngine } from '../../../src/lib/engine/native';
import type { Engine } from '../../../src/lib/engine/types';
import { sameValues } from '../engine/same';

const SAMPLE = new URL('../../../sample-data/', import.meta.url).pathname;

let engine: Engine;
let reader: Engine;
let dir: string;
beforeAll(async () => {
	[engine, reader] = await Promise.all([
		createNativeEngine({ threads: 2 }),
		createNativeEngine({ threads: 1 })
	]);
	dir = mkdtempSync(path.join(tmpdir(), 'casemetrics-export-'));
});
afterAll(async () => {
	await Promise.all([engine?.close(), reader?.close()]);
	if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('--export-model', { timeout: 300_000 }, () => {
	it('writes the four tables, the problems and the summary, which read back equal', async () => {
		// The sample's cases with three lines damaged, so that the report has problems to carry.
		const damaged = path.join(dir, 'cases.csv');
		const lines = (await import('node:fs')).readFileSync(SAMPLE + 'cases.csv', 'utf8').split('\n');
		lines[5] = lines[5].replace(/^([^,]*),\d{2}\/\d{2}\/\d{4}/, '$1,31/31/2025');
		lines[9] = lines[9].replace(/^([^,]*),\d{2}\/\d{2}\/\d{4}/, '$1,not a date');
		lines[12] = lines[3];
		writeFileSync(damaged, lines.join('\n'));
		const out = path.join(dir, 'model');
		let err = '';
		const args = ['--cases', damaged, '--export-model', out];
		for (const t of ['goals', 'events', 'staff']) args.push(`--${t}`, `${SAMPLE}${t}.csv`);
		const code = await main(args, { out: () => {}, err: (t) => (err += t) }, { engine });
		expect(err).toContain(`export: 6 Parquet files in ${out}`);
		expect(code).toBe(0);

		for (const table of ['cases', 'goals', 'events', 'staff', 'import_issues']) {
			const file = path.join(out, `${table}.parquet`);
			expect(existsSync(file), file).toBe(true);
			const query = (from: string) => `SELECT * FROM ${from} ORDER BY ALL`;
			const original = await engine.query(query(table));
			const back = await reader.query(query(`read_parquet('${file}')`));
			expect(back.length, table).toBe(original.length);
			expect(sameValues(back, original), table).toBeNull();
			const types = (from: string) =>
				`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM ${from})`;
			expect(await reader.query(types(`read_parquet('${file}')`))).toEqual(
				await engine.query(types(table))
			);
		}
		const [counts] = await reader.query(
			`SELECT (SELECT count(*) FROM read_parquet('${out}/cases.parquet'))::INTEGER AS cases,
			(SELECT count(*) FROM read_parquet('${out}/staff.parquet'))::INTEGER AS staff`
		);
		// 5,000 sample cases less the one overwritten by a repeat and the two without an opening
		// date (the file's 20 staff lines all kept).
		expect(counts).toEqual({ cases: 4997, staff: 20 });
		const issues = await reader.query(
			`SELECT line, "column", value, problem FROM read_parquet('${out}/import_issues.parquet')
			WHERE file = 'cases.csv' AND line IN (4, 6, 10, 13) ORDER BY line`
		);
		// The repeated case: the earlier row (line 4) is left out, the later one (line 13) kept.
		expect(issues.map((i) => [i.line, i.column, i.value])).toEqual([
			[4, 'Matter Number', lines[3].split(',')[0]],
			[6, 'Date Opened', '31/31/2025'],
			[10, 'Date Opened', 'not a date']
		]);
		// The summary's count per problem is the number of listed problems of that kind.
		const summary = await reader.query(
			`SELECT s.file, s."rows", s.problem, s."count", count(i.line)::INTEGER AS listed
			FROM read_parquet('${out}/import_summary.parquet') s
			LEFT JOIN read_parquet('${out}/import_issues.parquet') i ON i.file = s.file AND i.problem = s.problem
			WHERE s."table" = 'cases' GROUP BY ALL ORDER BY s.problem`
		);
		expect(summary.length).toBeGreaterThan(1);
		for (const s of summary) {
			expect(s).toMatchObject({ file: 'cases.csv', rows: 4997 });
			expect(s.count, String(s.problem)).toBe(s.listed);
		}
	});

	it('is refused with the wasm engine, which has no Parquet writer', async () => {
		let err = '';
		const code = await main(
			['--cases', SAMPLE + 'cases.csv', '--engine', 'wasm', '--export-model', dir],
			{ out: () => {}, err: (t) => (err += t) }
		);
		expect(code).toBe(2);
		expect(err).toContain('--export-model needs the native engine');
	});
});
