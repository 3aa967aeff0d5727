/**
 * Native DuckDB reads a file on disk by its path, whole, with its parallel reader: the rows must
 * come in file order and every issue must keep its exact line, also far down a large file, where
 * the reader's threads split the file. Expected lines are computed by hand from how each file is
 * written; a small file is checked against the wasm engine's report too.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNativeEngine } from '../../../src/lib/engine/native';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import { listIssues } from '../../../src/lib/import/import';
import { importPaths, readInputFile } from '../../../src/lib/import/node';
import {
	discardStaged,
	readRange,
	readStaged,
	readStagedFile,
	stageFile
} from '../../../src/lib/import/stage';

const TODAY = '2026-12-01';
let native: Engine;
let dir: string;
beforeAll(async () => {
	native = await createNativeEngine({ threads: 2 });
	dir = await mkdtemp(path.join(tmpdir(), 'casemetrics-native-read-'));
});
afterAll(async () => {
	await native?.close();
	if (dir) await rm(dir, { recursive: true, force: true });
});

interface Damage {
	/** Rows (1-based data rows) with a field too many, which the reader rejects. */
	extra?: number[];
	/** Rows whose opened date is not a date (left out by the build). */
	badDate?: number[];
	/** Rows whose worker is quoted across two lines. */
	twoLines?: number[];
	/** Rows with a field too few (kept, padded). */
	short?: number[];
}

/** `n` cases of about 45 bytes each, damaged at the given rows. */
function casesText(n: number, damage: Damage): string {
	const lines = ['Case ID,Opened,Worker,Status'];
	const has = (list: number[] | undefined, i: number) => list?.includes(i) ?? false;
	for (let i = 1; i <= n; i++) {
		const opened = has(damage.badDate, i)
			? 'not a date'
			: `2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
		const worker = has(damage.twoLines, i) ? `"Worker\n${i % 17}"` : `Worker ${i % 17}`;
		let row = `C${i},${opened},${worker},${i % 3 ? 'closed' : 'open'}`;
		if (has(damage.extra, i)) row += ',extra';
		if (has(damage.short, i)) row = `C${i},${opened},${worker}`;
		lines.push(row);
	}
	return lines.join('\n') + '\n';
}

async function fileWith(name: string, text: string): Promise<string> {
	const file = path.join(dir, name);
	await writeFile(file, text);
	return file;
}

describe('native DuckDB reading files by path', { timeout: 600_000 }, () => {
	it('reads a large file whole and in parallel, in file order, with exact rejected lines', async () => {
		const n = 400_000; // about 17 MB: the parallel reader splits it between threads
		const extra = [3, 200_001, 399_990];
		const file = await fileWith('large.csv', casesText(n, { extra }));
		const staged = await stageFile(native, await readInputFile(file));
		// A file larger than the head is read during the import; read it now as the import does.
		await readStagedFile(native, staged);
		expect(staged.byPath).toEqual({ parallel: true });
		expect(staged.pieces).toHaveLength(1);
		expect(staged.rows).toBe(n - extra.length);
		// Row i is on line i + 1 (the header is line 1).
		expect(staged.rejected.map((r) => r.line)).toEqual([4, 200_002, 399_991]);
		const table = `native_reread_${staged.key}`;
		await readStaged(
			native,
			staged,
			(read) => `CREATE TEMP TABLE ${table} AS SELECT * FROM ${read}`
		);
		const [order] = await native.query<{ rows: number; misplaced: number; last: string }>(
			`SELECT count(*)::INTEGER AS rows,
				count(*) FILTER (WHERE substr(c0, 2)::INTEGER <> rowid + 1
					+ (rowid >= 2)::INTEGER + (rowid >= 199_999)::INTEGER + (rowid >= 399_987)::INTEGER)::INTEGER
					AS misplaced,
				last(c0 ORDER BY rowid) AS last
			FROM ${table}`
		);
		expect(order).toEqual({ rows: n - 3, misplaced: 0, last: `C${n}` });
		await native.exec(`DROP TABLE ${table}`);
		await discardStaged(native, staged);
	});

	it('numbers every issue of a large file by its line, values spanning lines included', async () => {
		const n = 300_000;
		const damage: Damage = {
			extra: [3, 299_950],
			badDate: [10, 150_000, 299_999],
			twoLines: [5, 100_000, 250_000],
			short: [299_000]
		};
		const file = await fileWith('damaged.csv', casesText(n, damage));
		await importPaths(native, { cases: file }, { today: TODAY });
		const issues = await listIssues(native, 100);
		// A row's line: its number + 1, plus one for each row spanning two lines above it.
		const line = (i: number) => i + 1 + damage.twoLines!.filter((t) => t < i).length;
		expect(issues.map((x) => [x.line, x.problem, x.action])).toEqual([
			[line(3), 'more fields than the header', 'row left out'],
			[line(10), 'no valid opened date', 'row left out'],
			[line(150_000), 'no valid opened date', 'row left out'],
			[line(299_000), 'fewer fields than the header: the missing values are empty', 'kept'],
			[line(299_950), 'more fields than the header', 'row left out'],
			[line(299_999), 'no valid opened date', 'row left out']
		]);
		const [cases] = await native.query<{ n: number; worker: string }>(
			`SELECT count(*)::INTEGER AS n, any_value(worker) FILTER (WHERE case_id = 'C100000') AS worker
			FROM cases`
		);
		// A label's line break becomes one space.
		expect(cases).toEqual({ n: n - 5, worker: `Worker ${100_000 % 17}` });
	});

	it('gives the same report as the wasm engine, which reads the file in slices', async () => {
		const damage: Damage = {
			extra: [7, 19_000],
			badDate: [40, 19_500],
			twoLines: [12_000],
			short: [3]
		};
		const file = await fileWith('small.csv', casesText(20_000, damage));
		const wasm = await createNodeEngine();
		try {
			await importPaths(wasm, { cases: file }, { today: TODAY });
			await importPaths(native, { cases: file }, { today: TODAY });
			const [a, b] = [await listIssues(wasm, 100), await listIssues(native, 100)];
			expect(b).toEqual(a);
			// Rows below the value spanning two lines (row 12,000) are one line further down.
			expect(b.map((x) => x.line)).toEqual([4, 8, 41, 19_002, 19_502]);
		} finally {
			await wasm.close();
		}
	});

	it('numbers rejected lines exactly in a CRLF file with blank lines and values spanning lines', async () => {
		const text = [
			'Case ID,Opened,Worker,Status', // line 1
			'C1,2024-01-01,Ana,open', // 2
			'', // 3
			'C2,2024-01-02,"Ana', // 4
			'Lopez",open', // 5
			'C3,2024-01-03,Ana,open,extra', // 6: rejected
			'', // 7
			'', // 8
			'C4,2024-01-04,Ana,open,extra', // 9: rejected
			'C5,someday,Ana,open' // 10: no valid date
		].join('\r\n');
		const file = await fileWith('crlf.csv', text + '\r\n');
		const wasm = await createNodeEngine();
		try {
			for (const engine of [wasm, native]) {
				await importPaths(engine, { cases: file }, { today: TODAY });
				const issues = await listIssues(engine, 10);
				expect(issues.map((x) => [x.line, x.problem])).toEqual([
					[6, 'more fields than the header'],
					[9, 'more fields than the header'],
					[10, 'no valid opened date']
				]);
			}
		} finally {
			await wasm.close();
		}
	});

	it('reads byte ranges of a file on disk as they are, fewer where the file ends', async () => {
		const text = 'Case ID,Opened\nC1,2024-01-01\nC2,2024-01-02\n';
		const input = await readInputFile(await fileWith('bytes.csv', text));
		const decoded = async (a: number, b: number) =>
			new TextDecoder().decode(await readRange(input, a, b));
		expect(await decoded(8, 14)).toBe('Opened');
		expect(await decoded(text.length - 11, text.length + 100)).toBe('2024-01-02\n');
		expect(await decoded(text.length, text.length + 5)).toBe('');
	});
});
