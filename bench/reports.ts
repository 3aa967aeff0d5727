/**
 * npx tsx bench/reports.ts capture|compare [FILE] [--engine native]
 *
 * The import reports of real and generated exports, whole: every issue with its file line, the
 * counts, the date decisions, the tables' info and a digest of every canonical table's rows. `capture`
 * writes them (default bench/reports/main.json); `compare` imports again with the current code and
 * prints every difference (exit 1 on any). Issue 20 changes how files are read, never what the
 * report says: run `capture` on main before such a change and `compare` after it. `--engine native`
 * imports with native DuckDB (the command line's engine), which must give the same reports.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { createNativeEngine } from '../src/lib/engine/native';
import { createNodeEngine } from '../src/lib/engine/node';
import type { Engine } from '../src/lib/engine/types';
import { listIssues } from '../src/lib/import/import';
import { importPaths } from '../src/lib/import/node';
import type { TableName } from '../src/lib/model/tables';
import { ensureDataset, ROOT } from './lib/data';

const REAL = path.join(ROOT, 'tests', 'fixtures', 'realdata');
const TODAY = '2026-11-29';

/**
 * A 3 MB export with a problem of each kind at known lines, the rows before them all ambiguous
 * dates (day and month both at most 12) and day-first settled only near the end of the file:
 * the large-file path with exact line numbers.
 */
function messyFile(): string {
	const dir = path.join(ROOT, 'bench', 'data', 'messy');
	mkdirSync(dir, { recursive: true });
	const lines = ['Case ID,Opened,Closed,Worker,Office,Status,Score'];
	const pad = (n: number) => String(n).padStart(2, '0');
	for (let i = 1; i <= 40_000; i++) {
		const day = 1 + (i % 12);
		const month = 1 + ((i * 7) % 12);
		const opened = `${pad(i === 39_000 ? 25 : day)}/${pad(month)}/20${20 + (i % 5)}`;
		const closed = i % 3 ? `${pad(day)}/${pad(month)}/2025` : '';
		let row = `C${i},${opened},${closed},Worker ${i % 17},Office ${i % 4},${i % 3 ? 'closed' : 'open'},${i % 11}`;
		if (i % 5003 === 0) row = `C${i},${opened}`; // fewer fields
		if (i % 7001 === 0) row += ',extra,fields'; // more fields
		if (i % 6007 === 0) row = `C${i},not a date,,Worker 1,Office 1,open,3`;
		if (i % 9001 === 0)
			row = `"C${i}","${opened}",,"Worker
with a line break",Office 2,open,1`;
		if (i % 8009 === 0) lines.push('');
		if (i % 10_007 === 0) row = `,${opened},,Worker 2,Office 3,open,2`;
		lines.push(row);
	}
	lines.push('Total,,,,,,40000');
	const file = path.join(dir, 'messy.csv');
	writeFileSync(file, lines.join('\r\n') + '\r\n');
	return file;
}

/** Each import: a name and its files by table. */
function imports(): [string, Partial<Record<TableName, string>>][] {
	const d = ensureDataset(100_000);
	return [
		['baltimore', { cases: path.join(REAL, 'baltimore_311_sample.csv') }],
		['san-francisco', { cases: path.join(REAL, 'sf_311_sample.csv') }],
		['messy', { cases: messyFile() }],
		[
			'bench-100k',
			{ cases: d.paths.cases, goals: d.paths.goals, events: d.paths.events, staff: d.paths.staff }
		]
	];
}

async function report(files: Partial<Record<TableName, string>>, open: () => Promise<Engine>) {
	const engine = await open();
	try {
		const result = await importPaths(engine, files, { today: TODAY });
		const tables: Record<string, unknown> = {};
		for (const [name, info] of Object.entries(result.dataset.tables)) {
			const { importedAt: _, fileName, ...rest } = info!;
			const [digest] = await engine.query<{ rows: number; md5: string }>(
				`SELECT count(*)::INTEGER AS rows, md5(string_agg(t::VARCHAR, '|' ORDER BY t::VARCHAR)) AS md5
				FROM ${name} t`
			);
			tables[name] = { ...rest, fileName: path.basename(fileName), ...digest };
		}
		const dates = result.tables.map((t) => ({ table: t.mapping.table, dates: t.dates }));
		const issues = await listIssues(engine, 1_000_000);
		return {
			tables,
			dates,
			files: result.files,
			orphans: result.orphans,
			issueCounts: result.issueCounts,
			issueTotal: result.issueTotal,
			issues
		};
	} finally {
		await engine.close();
	}
}

async function main() {
	const args = process.argv.slice(2);
	const at = args.indexOf('--engine');
	const native = at >= 0 && args.splice(at, 2)[1] === 'native';
	const open = native ? () => createNativeEngine() : () => createNodeEngine();
	const [mode, file = path.join(ROOT, 'bench', 'reports', 'main.json')] = args;
	if (mode !== 'capture' && mode !== 'compare')
		throw new Error('usage: reports.ts capture|compare [FILE]');
	const now: Record<string, unknown> = {};
	for (const [name, files] of imports()) {
		const t = performance.now();
		now[name] = await report(files, open);
		console.log(`${name}: imported in ${Math.round(performance.now() - t)} ms`);
	}
	if (mode === 'capture') {
		writeFileSync(file, JSON.stringify(now, null, 1) + '\n');
		console.log(`written ${path.relative(ROOT, file)}`);
		return;
	}
	const before = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;
	let differences = 0;
	for (const [name, was] of Object.entries(before)) {
		const is = JSON.parse(JSON.stringify(now[name])) as Record<string, unknown>;
		for (const key of Object.keys(was)) {
			if (isDeepStrictEqual(was[key], is[key])) continue;
			differences++;
			console.log(
				`${name}.${key} differs:\n  before ${JSON.stringify(was[key]).slice(0, 800)}` +
					`\n  now    ${JSON.stringify(is[key]).slice(0, 800)}`
			);
		}
	}
	console.log(differences ? `${differences} differences` : 'reports identical');
	process.exit(differences ? 1 : 0);
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
