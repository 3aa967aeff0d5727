/**
 * `npm run bench -- --cli [--cli-sizes 1000000,3000000,10000000]`: the command line (native DuckDB)
 * over generated export sets, each run in a fresh process under /usr/bin/time for its wall time and
 * peak memory (maximum resident set). Writes the rows under `cli` in bench/results.json (the other
 * rows are kept) and the table between the CLI markers of bench/README.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { ensureDataset, ROOT, writeReadmeSection } from './lib/data';

export interface CliRow {
	cases: number;
	bytes: number;
	wallS: number;
	peakRssMb: number;
	exit: number;
	loadStart: number[];
}

const MB = 1024 * 1024;

function runOnce(cases: number): CliRow {
	const data = ensureDataset(cases);
	const files = (['cases', 'goals', 'events', 'staff'] as const).flatMap((k) => [
		`--${k}`,
		data.paths[k]
	]);
	const loadStart = loadavg().map((x) => Math.round(x * 10) / 10);
	const run = spawnSync(
		'/usr/bin/time',
		[
			'-f',
			'@@TIME %e %M',
			process.execPath,
			'--import',
			'tsx',
			'scripts/metrics.ts',
			...files,
			'--json'
		],
		{ cwd: ROOT, encoding: 'utf8', maxBuffer: 512 * MB }
	);
	const time = /@@TIME ([\d.]+) (\d+)/.exec(run.stderr ?? '');
	if (!time) throw new Error(`no timing from /usr/bin/time: ${run.stderr?.slice(-2000)}`);
	if (run.status === 0) JSON.parse(run.stdout); // the whole output arrived and parses
	return {
		cases,
		bytes: Object.values(data.bytes).reduce((a, b) => a + b, 0),
		wallS: Number(time[1]),
		peakRssMb: Math.round(Number(time[2]) / 1024),
		exit: run.status ?? -1,
		loadStart
	};
}

function table(rows: CliRow[]): string {
	const lines = [
		'| cases | input | wall time | peak memory | exit | load average at start (1/5/15 min) |',
		'| ----: | ----: | --------: | ----------: | ---: | ---------------------------------- |'
	];
	for (const r of rows)
		lines.push(
			`| ${r.cases.toLocaleString('en-US')} | ${Math.round(r.bytes / MB)} MB | ${r.wallS.toFixed(1)} s | ` +
				`${r.peakRssMb.toLocaleString('en-US')} MB | ${r.exit} | ${r.loadStart.join(' / ')} |`
		);
	return lines.join('\n');
}

export function runCliBench(sizes: number[]): void {
	const rows: CliRow[] = [];
	for (const n of sizes) {
		console.log(`command line over ${n.toLocaleString('en-US')} cases …`);
		const row = runOnce(n);
		console.log(`  ${row.wallS} s, peak ${row.peakRssMb} MB, exit ${row.exit}`);
		rows.push(row);
	}
	const text = table(rows);
	const resultsPath = path.join(ROOT, 'bench', 'results.json');
	const results = existsSync(resultsPath) ? JSON.parse(readFileSync(resultsPath, 'utf8')) : {};
	results.cli = {
		startedAt: new Date().toISOString(),
		machine: { cores: availableParallelism(), memoryGb: Math.round(totalmem() / 1024 ** 3) },
		command:
			'npm run metrics -- --cases --goals --events --staff --json (native DuckDB, all cores)',
		rows
	};
	writeFileSync(resultsPath, JSON.stringify(results, null, 2) + '\n');
	writeReadmeSection('cli', '## The command line at scale (`npm run bench -- --cli`)', text);
	console.log(`\n${text}\n\nbench/results.json (cli) and bench/README.md written`);
}
