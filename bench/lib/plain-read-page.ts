/**
 * The page of the plain-read baseline (bundled by esbuild, served on its own): duckdb-wasm's EH
 * build in a worker, as the app starts it, with nothing of the app. `plainRead` reads the chosen
 * files into memory, registers their bytes and runs DuckDB's plain typed `read_csv` of each (its
 * own type detection) into a table.
 */
import * as duckdb from '@duckdb/duckdb-wasm';

async function plainRead(): Promise<{ readMs: number; parseMs: number; rows: number[] }> {
	const input = document.querySelector<HTMLInputElement>('input[type=file]')!;
	const db = new duckdb.AsyncDuckDB(
		new duckdb.ConsoleLogger(duckdb.LogLevel.WARNING),
		new Worker('/duckdb-browser-eh.worker.js')
	);
	await db.instantiate('/duckdb-eh.wasm');
	await db.open({ path: ':memory:', query: { castBigIntToDouble: true } });
	const conn = await db.connect();
	await conn.query('SET autoinstall_known_extensions = false');
	await conn.query('SET autoload_known_extensions = false');
	let readMs = 0;
	let parseMs = 0;
	const rows: number[] = [];
	for (const [i, file] of [...(input.files ?? [])].entries()) {
		let t = performance.now();
		await db.registerFileBuffer(`f${i}.csv`, new Uint8Array(await file.arrayBuffer()));
		readMs += performance.now() - t;
		t = performance.now();
		await conn.query(`CREATE TABLE t${i} AS SELECT * FROM read_csv('f${i}.csv')`);
		parseMs += performance.now() - t;
		const counted = await conn.query(`SELECT count(*)::INTEGER AS n FROM t${i}`);
		rows.push(Number(counted.toArray()[0].n));
	}
	await conn.close();
	await db.terminate();
	return { readMs, parseMs, rows };
}

(window as unknown as { plainRead: typeof plainRead }).plainRead = plainRead;
