import * as duckdb from '@duckdb/duckdb-wasm';
// Our own build serves these files: DuckDB is never fetched from a CDN.
import wasmMvp from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import wasmEh from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import workerMvp from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import workerEh from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { arrowToRows } from './arrow';
import { EARLY_WORKER_GLOBAL } from './early-worker.js';
import { CONNECTION_SETUP, type Engine, type Row } from './types';

const BUNDLES = {
	mvp: { mainModule: wasmMvp, mainWorker: workerMvp },
	eh: { mainModule: wasmEh, mainWorker: workerEh }
} satisfies duckdb.DuckDBBundles;

type EarlyWorker = { bundle: keyof typeof BUNDLES; worker: Worker };

/** The worker the page's head started (early-worker.js), once: a later engine starts its own. */
function takeEarlyWorker(): EarlyWorker | null {
	const scope = globalThis as { [EARLY_WORKER_GLOBAL]?: EarlyWorker };
	const early = scope[EARLY_WORKER_GLOBAL];
	delete scope[EARLY_WORKER_GLOBAL];
	return early && early.bundle in BUNDLES ? early : null;
}

/**
 * DuckDB in a Web Worker: queries never block the page. The exception-handling (EH) build is
 * chosen where the browser supports wasm exceptions, else the MVP build.
 */
export async function createBrowserEngine(): Promise<Engine> {
	const early = takeEarlyWorker();
	const bundle = early ? BUNDLES[early.bundle] : await duckdb.selectBundle(BUNDLES);
	const worker = early?.worker ?? new Worker(bundle.mainWorker!);
	const db = new duckdb.AsyncDuckDB(new duckdb.ConsoleLogger(duckdb.LogLevel.WARNING), worker);
	await db.instantiate(bundle.mainModule);
	performance.mark('engine:instantiated');
	await db.open({ path: ':memory:', query: { castBigIntToDouble: true } });
	performance.mark('engine:opened');
	const conn = await db.connect();
	for (const statement of CONNECTION_SETUP) await conn.query(statement);
	performance.mark('engine:connected');

	// One connection runs one statement at a time: an import and a dashboard refresh that overlap
	// take turns instead of interleaving on the connection.
	let tail: Promise<unknown> = Promise.resolve();
	const serial = <T>(task: () => Promise<T>): Promise<T> => {
		const run = tail.then(task, task);
		// The next statement waits for this one whatever its outcome; its failure stays the caller's.
		tail = run.catch(() => undefined);
		return run;
	};

	return {
		runtime: 'browser',
		query<T extends Row = Row>(sql: string) {
			return serial(async () => arrowToRows<T>(await conn.query(sql)));
		},
		exec(sql: string) {
			// send() rather than query(): a sent statement can be cancelled.
			return serial(async () => {
				const reader = await conn.send(sql);
				for await (const batch of reader) void batch;
			});
		},
		async registerFile(name: string, bytes: Uint8Array) {
			await db.registerFileBuffer(name, bytes);
		},
		async dropFile(name: string) {
			await db.dropFile(name);
		},
		insertArrow(name: string, ipc: Uint8Array) {
			return serial(() => conn.insertArrowFromIPCStream(ipc, { name, create: true }));
		},
		async cancel() {
			return conn.cancelSent();
		},
		async close() {
			await conn.close();
			await db.terminate();
		}
	};
}
