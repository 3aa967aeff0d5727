import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import { importPaths } from '../../../src/lib/import/node';

// Memory is the limit at a million cases: the loaded tables must be stored compressed.
const SAMPLE = new URL('../../../sample-data/', import.meta.url).pathname;
let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
});
afterAll(async () => engine.close());

const compressions = async (table: string) =>
	(
		await engine.query<{ type: string; compression: string }>(
			`SELECT DISTINCT segment_type AS type, compression FROM pragma_storage_info('${table}')
			WHERE segment_type <> 'VALIDITY' ORDER BY ALL`
		)
	).map((r) => `${r.type}:${r.compression}`);

describe('storage', () => {
	it('stores tables compressed (a checkpoint compresses them); temporary tables stay uncompressed', async () => {
		await engine.exec(
			`CREATE TABLE storage_probe AS SELECT 'Office ' || (i % 5) AS office,
			TIMESTAMP '2024-01-01' + INTERVAL (i % 900) DAY AS opened_at FROM range(250000) r(i)`
		);
		await engine.exec('CHECKPOINT');
		const used = await compressions('storage_probe');
		expect(used.length).toBeGreaterThan(0);
		expect(used).not.toContain('VARCHAR:Uncompressed');
		expect(used).not.toContain('TIMESTAMP:Uncompressed');
		await engine.exec('CREATE TEMP TABLE storage_plain AS SELECT * FROM storage_probe');
		expect(await compressions('storage_plain')).toEqual([
			'TIMESTAMP:Uncompressed',
			'VARCHAR:Uncompressed'
		]);
		await engine.exec('DROP TABLE storage_probe; DROP TABLE storage_plain');
	});

	it('imports into the compressed database: the canonical tables are ordinary, compressed tables', async () => {
		await importPaths(engine, {
			cases: SAMPLE + 'cases.csv',
			goals: SAMPLE + 'goals.csv',
			events: SAMPLE + 'events.csv',
			staff: SAMPLE + 'staff.csv'
		});
		const tables = await engine.query<{
			table_name: string;
			database_name: string;
			temporary: boolean;
		}>(
			`SELECT table_name, database_name, temporary FROM duckdb_tables()
			WHERE table_name IN ('cases', 'goals', 'events', 'staff') ORDER BY table_name`
		);
		expect(tables).toEqual(
			['cases', 'events', 'goals', 'staff'].map((table_name) => ({
				table_name,
				database_name: 'casemetrics',
				temporary: false
			}))
		);
		await engine.exec('CHECKPOINT');
		for (const table of ['cases', 'events'])
			expect(await compressions(table)).not.toContain('VARCHAR:Uncompressed');
	});
});
