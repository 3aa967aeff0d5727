/**
 * The physical limit the import is measured against (issue 20): DuckDB's plain typed `read_csv` of
 * the same export files, with DuckDB's own type detection and nothing else: in duckdb-wasm in the
 * same Chromium (a page of its own, bundled from plain-read-page.ts), and in native DuckDB
 * (@duckdb/node-api, every core, files read by path).
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { build } from 'esbuild';
import { serve } from '../../scripts/serve.mjs';
import { openSession } from './browser';
import { FILES, ROOT, type Dataset } from './data';

export interface PlainRead {
	/** File bytes read into memory and registered (browser only). */
	readMs: number;
	/** `CREATE TABLE … AS SELECT * FROM read_csv(…)` of every file. */
	parseMs: number;
	totalMs: number;
	rows: number[];
}

const WASM = path.join(ROOT, 'node_modules', '@duckdb', 'duckdb-wasm', 'dist');

/** The baseline page in a folder of its own: index.html, the bundle, duckdb-wasm's EH worker and wasm. */
async function pageFolder(): Promise<string> {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'casemetrics-plain-read-'));
	await build({
		entryPoints: [path.join(import.meta.dirname, 'plain-read-page.ts')],
		bundle: true,
		format: 'esm',
		outfile: path.join(dir, 'page.js'),
		logLevel: 'error'
	});
	for (const f of ['duckdb-browser-eh.worker.js', 'duckdb-eh.wasm'])
		copyFileSync(path.join(WASM, f), path.join(dir, f));
	writeFileSync(
		path.join(dir, 'index.html'),
		'<!doctype html><title>plain read</title><input type="file" multiple>' +
			'<script type="module" src="/page.js"></script>'
	);
	return dir;
}

/** duckdb-wasm in Chromium: the four files chosen in a file input, read and parsed. */
export async function plainReadBrowser(data: Dataset): Promise<PlainRead> {
	const dir = await pageFolder();
	const { server, url } = await serve({ port: 0, root: dir });
	const s = await openSession();
	try {
		await s.page.goto(url);
		await s.page.waitForFunction(() => 'plainRead' in window);
		await s.page.locator('input[type=file]').setInputFiles(FILES.map((f) => data.paths[f]));
		const r = await s.page.evaluate(() =>
			(window as unknown as { plainRead: () => Promise<Omit<PlainRead, 'totalMs'>> }).plainRead()
		);
		return { ...r, totalMs: r.readMs + r.parseMs };
	} finally {
		await s.close();
		await new Promise<void>((r) => server.close(() => r()));
		rmSync(dir, { recursive: true, force: true });
	}
}

/** Native DuckDB in this process, every core, each file read by path. */
export async function plainReadNative(data: Dataset): Promise<PlainRead> {
	const instance = await DuckDBInstance.create(':memory:', { threads: String(os.cpus().length) });
	const conn = await instance.connect();
	try {
		await conn.run('SET autoinstall_known_extensions = false');
		await conn.run('SET autoload_known_extensions = false');
		const rows: number[] = [];
		const t = performance.now();
		for (const [i, f] of FILES.entries()) {
			const file = data.paths[f].replace(/'/g, "''");
			await conn.run(`CREATE TABLE t${i} AS SELECT * FROM read_csv('${file}')`);
		}
		const parseMs = performance.now() - t;
		for (const i of FILES.keys()) {
			const r = await conn.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM t${i}`);
			rows.push(Number(r.getRows()[0][0]));
		}
		return { readMs: 0, parseMs, totalMs: parseMs, rows };
	} finally {
		conn.closeSync();
		instance.closeSync();
	}
}
