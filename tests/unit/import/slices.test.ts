import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import { withoutRecords } from '../../../src/lib/import/scan';
import {
	discardStaged,
	readStaged,
	stageFile,
	type InputFile,
	type StagedFile,
	type StageProgress
} from '../../../src/lib/import/stage';
import { textFile } from './files';

let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
});
afterAll(async () => engine.close());

/** 20,000 rows of about 40 bytes; every 5,000th row has an extra field DuckDB rejects. */
function rows(quotedBreakAt = -1): string {
	const lines = ['Case ID,Open Date,Worker'];
	for (let i = 1; i <= 20_000; i++) {
		if (i === quotedBreakAt) lines.push(`${i},2024-01-01,"two\nlines"`);
		else
			lines.push(
				i % 5000 === 0
					? `${i},2024-01-01,Ana,extra`
					: `${i},2024-01-${String((i % 28) + 1).padStart(2, '0')},Worker ${i % 17}`
			);
	}
	return lines.join('\n') + '\n';
}

/** Reads a staged file again as the build does, into a table of its raw text. */
async function reread(staged: StagedFile): Promise<string> {
	const table = `reread_${staged.key}`;
	await readStaged(
		engine,
		staged,
		(read, first) =>
			`${first ? `CREATE OR REPLACE TEMP TABLE ${table} AS` : `INSERT INTO ${table}`} SELECT * FROM ${read}`
	);
	return table;
}

async function contents(staged: StagedFile) {
	return engine.query<{ n: number; ids: number; last: string }>(
		`SELECT count(*)::INTEGER AS n, count(DISTINCT c0)::INTEGER AS ids, max(c0::INTEGER)::VARCHAR AS last
		FROM ${await reread(staged)}`
	);
}

describe('reading a file slice by slice', () => {
	it('gives the same rows, rejected lines and line numbers as one pass, with rising progress', async () => {
		const text = rows();
		const progress: StageProgress[] = [];
		const sliced = await stageFile(engine, textFile('big.csv', text), {
			sliceBytes: 64 * 1024,
			onProgress: (p) => progress.push(p)
		});
		const whole = await stageFile(engine, textFile('big.csv', text));
		expect(sliced.pieces.length).toBeGreaterThan(1);
		expect(sliced.rows).toBe(19_996);
		expect(await contents(sliced)).toEqual([{ n: 19_996, ids: 19_996, last: '19999' }]);
		expect(await contents(whole)).toEqual(await contents(sliced));
		// The rows come back in file order, as the build numbers them by position.
		const order = await engine.query(
			`SELECT count(*)::INTEGER AS n FROM (SELECT c0, lag(c0) OVER () AS prev FROM ${await reread(sliced)})
			WHERE c0::INTEGER < prev::INTEGER`
		);
		expect(order).toEqual([{ n: 0 }]);
		// Line numbers count the header as line 1: row i is line i + 1.
		expect(sliced.rejected.map((r) => r.line)).toEqual([5001, 10001, 15001, 20001]);
		expect(whole.rejected.map((r) => r.line)).toEqual([5001, 10001, 15001, 20001]);
		expect(progress.length).toBeGreaterThanOrEqual(Math.floor(text.length / (64 * 1024)));
		expect(progress.map((p) => p.bytes)).toEqual(
			[...progress.map((p) => p.bytes)].sort((a, b) => a - b)
		);
		expect(progress.at(-1)).toEqual({ bytes: text.length, totalBytes: text.length, rows: 19_996 });
		await discardStaged(engine, sliced);
		await discardStaged(engine, whole);
	});

	it('never cuts a slice inside a quoted value that spans lines', async () => {
		const text = rows(15_001);
		// The slice would end at the line break inside the quotes; it must end after the quoted value instead.
		const staged = await stageFile(engine, textFile('late-quote.csv', text), {
			sliceBytes: text.indexOf('"two\n') + 1
		});
		const [c] = await contents(staged);
		expect(c.n).toBe(19_996);
		expect(await engine.query(`SELECT c2 FROM ${await reread(staged)} WHERE c0 = '15001'`)).toEqual(
			[{ c2: 'two\nlines' }]
		);
		await discardStaged(engine, staged);
	});

	it('stops between slices when cancelled, leaving no table behind', async () => {
		const tableCount = () =>
			engine.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM duckdb_tables()`);
		const before = await tableCount();
		const controller = new AbortController();
		let seen = 0;
		const attempt = stageFile(engine, textFile('cancel.csv', rows()), {
			sliceBytes: 32 * 1024,
			signal: controller.signal,
			onProgress: () => {
				if (++seen === 3) controller.abort();
			}
		});
		await expect(attempt).rejects.toThrow('Import cancelled');
		expect(seen).toBe(3);
		expect(await tableCount()).toEqual(before);
	});

	it('refuses a file larger than the browser can hold, by its size, before reading it', async () => {
		const huge: InputFile = {
			name: 'all-years.csv',
			size: 3 * 1024 ** 3,
			data: new Uint8Array(16)
		};
		await expect(stageFile(engine, huge)).rejects.toThrow(
			'all-years.csv: The file is 3.0 GB, more than this browser can analyse (about 1.5 GB). ' +
				'Export a shorter period (for example one year at a time) or fewer columns, and import that.'
		);
	});

	it('numbers records right after lines the reader rejects that the scan kept', () => {
		// Records 0-4 on lines 2-6, two blank lines, records 5... from line 9.
		const points: [number, number][] = [
			[0, 2],
			[5, 4]
		];
		expect(withoutRecords(points, [])).toEqual(points);
		expect(withoutRecords(points, [7, 8])).toEqual(points); // blank lines: no record to leave out
		expect(withoutRecords(points, [4])).toEqual([
			[0, 2],
			[2, 3],
			[4, 5]
		]);
		expect(withoutRecords(points, [4, 9, 10])).toEqual([
			[0, 2],
			[2, 3],
			[4, 7]
		]);
		expect(withoutRecords(points, [2])).toEqual([
			[0, 3],
			[4, 5]
		]);
	});
});
