/**
 * Engines for the Node side of the benchmark, all behind the app's own Engine interface so that
 * the app's import and metric code runs unchanged: the duckdb-wasm core (the browser's engine,
 * in Node) and native DuckDB (@duckdb/node-api). `timed` wraps one to record each statement's time.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, DuckDBTypeId, type DuckDBResultReader } from '@duckdb/node-api';
import { createNodeEngine } from '../../src/lib/engine/node';
import { CONNECTION_SETUP, type Engine, type Row } from '../../src/lib/engine/types';

export { createNodeEngine as createWasmEngine };

function iso(d: Date, withTime: boolean): string {
	const s = d.toISOString();
	return withTime ? s.slice(0, 19).replace('T', ' ') : s.slice(0, 10);
}

/** Rows like the wasm engine's: BIGINT as number, DATE 'YYYY-MM-DD', TIMESTAMP 'YYYY-MM-DD hh:mm:ss'. */
function plainRows(result: DuckDBResultReader): Row[] {
	const names = result.columnNames();
	const types = result.columnTypes().map((t) => t.typeId);
	const rows = result.getRowsJS();
	return rows.map((values) => {
		const row: Row = {};
		for (let c = 0; c < names.length; c++) {
			let v: unknown = values[c];
			if (typeof v === 'bigint') v = Number(v);
			else if (v instanceof Date) v = iso(v, types[c] !== DuckDBTypeId.DATE);
			row[names[c]] = v ?? null;
		}
		return row;
	});
}

/**
 * Native DuckDB in this process. Files registered by name are written to a temporary folder that
 * DuckDB searches (`file_search_path`), so `read_csv('file_1_0_1.csv')` works as in the wasm engine.
 */
export async function createNativeEngine(
	threads = os.cpus().length
): Promise<Engine & { registerMs: number }> {
	const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
	const conn = await instance.connect();
	const dir = mkdtempSync(path.join(os.tmpdir(), 'casemetrics-native-'));
	for (const s of CONNECTION_SETUP) await conn.run(s);
	await conn.run(`SET file_search_path = '${dir}'`);
	const engine = {
		runtime: 'node' as const,
		registerMs: 0,
		async query<T extends Row = Row>(sql: string) {
			return plainRows(await conn.runAndReadAll(sql)) as T[];
		},
		async exec(sql: string) {
			await conn.run(sql);
		},
		async registerFile(name: string, bytes: Uint8Array) {
			const t = performance.now();
			writeFileSync(path.join(dir, name), bytes);
			engine.registerMs += performance.now() - t;
		},
		async dropFile(name: string) {
			rmSync(path.join(dir, name), { force: true });
		},
		async insertArrow(): Promise<void> {
			throw new Error('the native engine does not read Arrow streams');
		},
		async cancel() {
			return false;
		},
		async close() {
			conn.closeSync();
			instance.closeSync();
			rmSync(dir, { recursive: true, force: true });
		}
	};
	return engine;
}

export interface StatementTime {
	sql: string;
	ms: number;
}

/** Wraps an engine and records every statement with its time. */
export function timed(engine: Engine): Engine & { log: StatementTime[] } {
	const log: StatementTime[] = [];
	const wrap =
		<A extends unknown[], R>(fn: (sql: string, ...rest: A) => Promise<R>) =>
		async (sql: string, ...rest: A): Promise<R> => {
			const t = performance.now();
			try {
				return await fn(sql, ...rest);
			} finally {
				log.push({ sql, ms: performance.now() - t });
			}
		};
	return {
		...engine,
		runtime: engine.runtime,
		log,
		query: wrap((sql: string) => engine.query(sql)) as Engine['query'],
		exec: wrap((sql: string) => engine.exec(sql)),
		registerFile: (name: string, bytes: Uint8Array) => engine.registerFile(name, bytes),
		dropFile: (name: string) => engine.dropFile(name),
		insertArrow: (name: string, ipc: Uint8Array) => engine.insertArrow(name, ipc),
		cancel: () => engine.cancel(),
		close: () => engine.close()
	};
}
