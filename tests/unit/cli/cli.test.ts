/**
 * The command line as a user meets it: through a real pipe, with missing files, wrong mappings,
 * the app's exported profiles, and native DuckDB's memory and temp-folder flags.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../scripts/metrics';
import { CASE_HEADER } from '../../../scripts/sample/generate';
import { createNativeEngine } from '../../../src/lib/engine/native';
import type { Engine } from '../../../src/lib/engine/types';
import { headerSignature } from '../../../src/lib/import/profiles';
import { CATALOGUE } from '../../../src/lib/metrics/catalogue';
import type { TableResult } from '../../../src/lib/metrics/types';

const ROOT = new URL('../../../', import.meta.url).pathname;
const BALTIMORE = ROOT + 'tests/fixtures/realdata/baltimore_311_sample.csv';
const CASES = ROOT + 'sample-data/cases.csv';
const TSX = ROOT + 'node_modules/.bin/tsx';

/** Runs the command line as a child process with its standard output on a pipe. */
function run(args: string[]): Promise<{ code: number | null; out: Buffer; err: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(TSX, ['scripts/metrics.ts', ...args], {
			cwd: ROOT,
			stdio: ['ignore', 'pipe', 'pipe']
		});
		const out: Buffer[] = [];
		let err = '';
		child.stdout.on('data', (b: Buffer) => out.push(b));
		child.stderr.on('data', (b: Buffer) => (err += b.toString()));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, out: Buffer.concat(out), err }));
	});
}

let engine: Engine;
let dir: string;
beforeAll(async () => {
	engine = await createNativeEngine({ threads: 2 });
	dir = mkdtempSync(path.join(tmpdir(), 'casemetrics-cli-'));
});
afterAll(async () => {
	await engine?.close();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

async function inProcess(args: string[]) {
	let out = '';
	let err = '';
	const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) }, { engine });
	return { code, out, err };
}

function writeJson(name: string, value: unknown): string {
	const file = path.join(dir, name);
	writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
	return file;
}

describe('the command line through a pipe', { timeout: 300_000 }, () => {
	it('delivers the whole JSON (more than a pipe buffer of 64 KB) with the mapping used', async () => {
		const { code, out, err } = await run(['--cases', BALTIMORE, '--json']);
		expect(code).toBe(0);
		expect(out.length).toBeGreaterThan(700_000);
		const printed = JSON.parse(out.toString('utf8'));
		for (const e of CATALOGUE) expect(printed[e.id]?.id).toBe(e.id);
		const [cases] = printed.mapping;
		expect(cases).toMatchObject({ file: 'baltimore_311_sample.csv', table: 'cases', rows: 10_000 });
		const header = Object.fromEntries(
			cases.columns.map((c: { column: string; header: string }) => [c.column, c.header])
		);
		expect(header).toMatchObject({
			case_id: 'ServiceRequestNum',
			opened_at: 'CreatedDate',
			closed_at: 'CloseDate',
			due_at: 'DueDate'
		});
		// Each column with the mapping's confidence and its reason (evidence.ts).
		for (const c of cases.columns) {
			expect(['high', 'medium', 'low']).toContain(c.confidence);
			expect(c.reason.length).toBeGreaterThan(10);
		}
		expect(cases.columns[0]).toMatchObject({ column: 'case_id', confidence: 'high' });
		expect(err).toContain('mapping: baltimore_311_sample.csv as cases');
		expect(err).toMatch(/Case ID +<- "ServiceRequestNum" \[high: the name matches/);
		expect(err).toContain('10000 of 10000 read');
	}, 240_000);

	it('names a missing file, without a stack trace', async () => {
		const missing = path.join(dir, 'no-such-export.csv');
		const { code, out, err } = await run(['--cases', missing]);
		expect(code).toBe(1);
		expect(out.length).toBe(0);
		expect(err).toContain(`${missing}: There is no such file.`);
		expect(err).not.toMatch(/\n\s+at /);
	}, 240_000);
});

describe('several files of one kind', { timeout: 300_000 }, () => {
	it('makes one history of two overlapping cases exports; the more recent one wins', async () => {
		const [header, ...lines] = readFileSync(CASES, 'utf8').trimEnd().split('\n');
		// Cases 1-3,000 in the first export, 2,501-5,000 in the second, which restates the 500 it
		// shares with a status of its own (the sample is in opening order, so it is the more recent).
		const restated = (line: string) => {
			const cells = line.split(',');
			cells[7] = 'Restated';
			return cells.join(',');
		};
		expect(lines.slice(2500, 3000).every((l) => !l.includes('"'))).toBe(true);
		const first = path.join(dir, 'cases-first.csv');
		const second = path.join(dir, 'cases-second.csv');
		writeFileSync(first, [header, ...lines.slice(0, 3000)].join('\n') + '\n');
		const secondLines = [...lines.slice(2500, 3000).map(restated), ...lines.slice(3000)];
		writeFileSync(second, [header, ...secondLines].join('\n') + '\n');
		const { code, out, err } = await inProcess(['--cases', first, '--cases', second, '--json']);
		expect(err).toContain('mapping: cases-first.csv as cases (proposed), 3000 rows\n');
		expect(code).toBe(0);
		const printed = JSON.parse(out);
		const byFile = Object.fromEntries(printed.mapping.map((m: { file: string }) => [m.file, m]));
		// The older export adds its 3,000; the more recent adds 2,000 and updates the 500 shared.
		expect(byFile['cases-first.csv']).toMatchObject({
			rows: 3000,
			added: 3000,
			updated: 0,
			older: 0
		});
		expect(byFile['cases-second.csv']).toMatchObject({
			rows: 2500,
			added: 2000,
			updated: 500,
			older: 0
		});
		expect(err).toContain(
			'cases-second.csv as cases (proposed), 2500 rows ' +
				'(2000 added, 500 updated, 0 replaced by a more recent export)'
		);
		const [counts] = await engine.query(
			`SELECT count(*)::INTEGER AS cases, count(*) FILTER (WHERE status = 'Restated')::INTEGER AS restated
			FROM cases`
		);
		expect(counts).toEqual({ cases: 5000, restated: 500 });
		expect(err).toMatch(/scope: as of [^,]+, period [^,]+, 5000 cases/);
	});
});

describe('a bad --mapping gets a specific message', { timeout: 300_000 }, () => {
	const cases = (columns: unknown, extra: object = {}) => ({ cases: { columns, ...extra } });
	const refused: [string, unknown, number, RegExp][] = [
		['not JSON', '{cases:', 2, /cannot read mapping .*bad-1\.json/],
		['a list of numbers', [1, 2], 2, /profile 1 is not an object/],
		['an unknown kind', { cases2: {} }, 2, /"cases2" is not a kind of data: use cases, goals/],
		['no columns', { cases: {} }, 2, /cases needs "columns"/],
		['an unknown column', cases({ opend_at: 'Date Opened' }), 2, /column "opend_at" that cases/],
		['a header that is not text', cases({ opened_at: 3 }), 2, /reads "opened_at" from 3/],
		['a bad date order', cases({}, { dateOrder: 'ymd' }), 2, /dateOrder "ymd": use "day-first"/],
		[
			'a header the file lacks',
			cases({ case_id: 'Matter Number', opened_at: 'Opened On' }),
			1,
			/cases\.csv: The mapping reads Opened \(opened_at\) from the header "Opened On", which this file/
		]
	];
	it.each(refused.map((r, i) => [...r, i] as const))(
		'%s',
		async (_what, value, exit, message, i) => {
			const file = writeJson(`bad-${i + 1}.json`, value);
			const { code, out, err } = await inProcess(['--cases', CASES, '--mapping', file]);
			expect(code).toBe(exit);
			expect(out).toBe('');
			expect(err).toMatch(message);
			expect(err).not.toContain('Cannot read properties');
		}
	);
});

describe('the app’s exported profiles as --mapping', { timeout: 300_000 }, () => {
	it('maps a file whose headers match a profile by that profile, and says so', async () => {
		// As the app stores it: the export's headers, normalised.
		const signature = headerSignature([...CASE_HEADER]);
		const bundle = {
			format: 'casemetrics-settings',
			version: 1,
			exportedAt: '2026-12-01T00:00:00Z',
			settings: { staleDays: 30 },
			profiles: [
				{
					name: 'Offices as workers',
					table: 'cases',
					signature,
					columns: {
						case_id: 'Matter Number',
						opened_at: 'Date Opened',
						closed_at: 'Date Closed',
						worker: 'Office'
					},
					savedAt: '2026-11-01T00:00:00Z'
				}
			],
			templates: []
		};
		const file = writeJson('bundle.json', bundle);
		const { code, out, err } = await inProcess(['--cases', CASES, '--mapping', file, '--json']);
		expect(err).toContain('mapping: cases.csv as cases (profile "Offices as workers")');
		expect(code).toBe(0);
		const printed = JSON.parse(out);
		const workers = (printed.active_by_worker as TableResult).rows.map((r) => r.worker);
		expect(workers.sort()).toEqual(['Downtown', 'Eastgate', 'Northside', 'Riverside']);
		expect(printed.mapping[0].columns.map((c: { column: string }) => c.column)).toEqual([
			'case_id',
			'opened_at',
			'closed_at',
			'worker'
		]);
		// The same file as --settings: its settings are checked and used.
		const wrong = writeJson('bundle-settings.json', {
			...bundle,
			settings: { staleDays: 'thirty' }
		});
		const refusedSettings = await inProcess(['--cases', CASES, '--settings', wrong]);
		expect(refusedSettings.code).toBe(2);
		expect(refusedSettings.err).toContain('staleDays must be a number of days >= 0');
		const bad = writeJson('bundle-bad.json', {
			...bundle,
			profiles: [{ name: 'x', table: 'clients' }]
		});
		const refused = await inProcess(['--cases', CASES, '--mapping', bad]);
		expect(refused.code).toBe(2);
		expect(refused.err).toMatch(
			/profile 1 \("x"\) has the kind of data "clients": use one of cases/
		);
	});
});

describe('native DuckDB’s settings', { timeout: 300_000 }, () => {
	it('takes the memory limit and temp folder, and never loads extensions on its own', async () => {
		const temp = path.join(dir, 'spill');
		const native = await createNativeEngine({ memoryLimit: '64MB', tempDir: temp, threads: 2 });
		try {
			const [s] = await native.query(
				`SELECT current_setting('memory_limit') AS memory, current_setting('temp_directory') AS temp,
				current_setting('threads')::INTEGER AS threads,
				current_setting('autoload_known_extensions') AS autoload,
				current_setting('autoinstall_known_extensions') AS autoinstall`
			);
			expect(s).toEqual({
				memory: '61.0 MiB',
				temp,
				threads: 2,
				autoload: false,
				autoinstall: false
			});
			// A sort of ~90 MB of rows under a 64 MB limit spills to the temp folder (seen while it
			// runs) and completes.
			let seen = 0;
			const watch = setInterval(() => {
				if (existsSync(temp)) seen = Math.max(seen, readdirSync(temp).length);
			}, 20);
			const [sorted] = await native
				.query(
					`SELECT count(*)::INTEGER AS n, min(k) AS first FROM (
					SELECT k FROM (SELECT hash(i)::VARCHAR || repeat('x', 40) AS k FROM range(1500000) t(i))
					ORDER BY k)`
				)
				.finally(() => clearInterval(watch));
			expect(sorted).toEqual({ n: 1_500_000, first: '0' + 'x'.repeat(40) });
			expect(seen).toBeGreaterThan(0);
		} finally {
			await native.close();
		}
	}, 180_000);
});
