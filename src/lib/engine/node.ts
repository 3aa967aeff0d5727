import { createRequire } from 'node:module';
import path from 'node:path';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { arrowToRows } from './arrow';
import { CONNECTION_SETUP, type Engine, type Row } from './types';

const require = createRequire(import.meta.url);

/** The Node engine also writes a query's result as an Arrow IPC stream (for what the build prepares). */
export type NodeEngine = Engine & { arrowStream(sql: string): Uint8Array };

/**
 * The same duckdb-wasm core the browser runs, in Node (tests, command line). Node's build is
 * synchronous; it is wrapped in the same promise interface as the browser engine.
 */
export async function createNodeEngine(): Promise<NodeEngine> {
	const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm'));
	const bundles = {
		mvp: {
			mainModule: path.join(dist, 'duckdb-mvp.wasm'),
			mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs')
		},
		eh: {
			mainModule: path.join(dist, 'duckdb-eh.wasm'),
			mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs')
		}
	};
	const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
	await db.instantiate(() => {});
	db.open({ path: ':memory:' });
	const conn = db.connect();
	for (const statement of CONNECTION_SETUP) conn.query(statement);

	return {
		runtime: 'node',
		async query<T extends Row = Row>(sql: string) {
			return arrowToRows<T>(conn.query(sql));
		},
		async exec(sql: string) {
			conn.query(sql);
		},
		async registerFile(name: string, bytes: Uint8Array) {
			db.registerFileBuffer(name, bytes);
		},
		async dropFile(name: string) {
			db.dropFile(name);
		},
		async insertArrow(name: string, ipc: Uint8Array) {
			conn.insertArrowFromIPCStream(ipc, { name, create: true });
		},
		arrowStream(sql: string) {
			// Arrow's CommonJS build: the one duckdb-wasm's Node build made the table with (STACK.md: two packages).
			const { tableToIPC } = require('apache-arrow') as typeof import('apache-arrow');
			return tableToIPC(conn.query(sql), 'stream');
		},
		async cancel() {
			return false;
		},
		async close() {
			conn.close();
			db.reset();
		}
	};
}
