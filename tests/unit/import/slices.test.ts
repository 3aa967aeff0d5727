import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import { discardStaged, stageFile, type InputFile, type StageProgress } from '../../../src/lib/import/stage';

let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
});
afterAll(async () => engine.close());

const file = (name: string, text: string): InputFile => {
	const data = new TextEncoder().encode(text);
	return { name, size: data.length, data };
};

/** 20,000 rows of about 40 bytes; every 5,000th row has an extra field DuckDB rejects. */
function rows(quotedBreakAt = -1): string {
	const lines = ['Case ID,Open Date,Worker'];
	for (let i = 1; i <= 20_000; i++) {
		if (i === quotedBreakAt) lines.push(`${i},2024-01-01,"two\nlines"`);
		else lines.push(i % 5000 === 0 ? `${i},2024-01-01,Ana,extra` : `${i},2024-01-${String((i % 28) + 1).padStart(2, '0')},Worker ${i % 17}`);
	}
	return lines.join('\n') + '\n';
}

async function contents(table: string) {
	return engine.query<{ n: number; ids: number; last: string }>(
		`SELECT count(*)::INTEGER AS n, count(DISTINCT c0)::INTEGER AS ids, max(c0::INTEGER)::VARCHAR AS last FROM ${table}`
	);
}

describe('reading a file slice by slice', () => {
	it('gives the same rows, rejected lines and line numbers as one pass, with rising progress', async () => {
		const text = rows();
		const progress: StageProgress[] = [];
		const sliced = await stageFile(engine, file('big.csv', text), { sliceBytes: 64 * 1024, onProgress: (p) => progress.push(p) });
		const whole = await stageFile(engine, file('big.csv', text));
		expect(await contents(sliced.rawTable)).toEqual([{ n: 19_996, ids: 19_996, last: '19999' }]);
		expect(await contents(whole.rawTable)).toEqual(await contents(sliced.rawTable));
		// Line numbers count the header as line 1: row i is line i + 1.
		expect(sliced.rejected.map((r) => r.line)).toEqual([5001, 10001, 15001, 20001]);
		expect(whole.rejected.map((r) => r.line)).toEqual([5001, 10001, 15001, 20001]);
		expect(progress.length).toBeGreaterThanOrEqual(Math.floor(text.length / (64 * 1024)));
		expect(progress.map((p) => p.bytes)).toEqual([...progress.map((p) => p.bytes)].sort((a, b) => a - b));
		expect(progress.at(-1)).toEqual({ bytes: text.length, totalBytes: text.length, rows: 19_996 });
		await discardStaged(engine, sliced);
		await discardStaged(engine, whole);
	});

	it('never cuts a slice inside a quoted value that spans lines', async () => {
		const text = rows(15_001);
		// The slice would end at the line break inside the quotes; it must end after the quoted value instead.
		const staged = await stageFile(engine, file('late-quote.csv', text), { sliceBytes: text.indexOf('"two\n') + 1 });
		const [c] = await contents(staged.rawTable);
		expect(c.n).toBe(19_996);
		expect(await engine.query(`SELECT c2 FROM ${staged.rawTable} WHERE c0 = '15001'`)).toEqual([{ c2: 'two\nlines' }]);
		await discardStaged(engine, staged);
	});

	it('stops between slices when cancelled, leaving no table behind', async () => {
		const rawTables = () => engine.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name LIKE 'raw_%'`);
		const before = await rawTables();
		const controller = new AbortController();
		let seen = 0;
		const attempt = stageFile(engine, file('cancel.csv', rows()), {
			sliceBytes: 32 * 1024,
			signal: controller.signal,
			onProgress: () => {
				if (++seen === 3) controller.abort();
			}
		});
		await expect(attempt).rejects.toThrow('Import cancelled');
		expect(seen).toBe(3);
		expect(await rawTables()).toEqual(before);
	});

	it('refuses a file larger than the browser can hold, by its size, before reading it', async () => {
		const huge: InputFile = { name: 'all-years.csv', size: 3 * 1024 ** 3, data: new Uint8Array(16) };
		await expect(stageFile(engine, huge)).rejects.toThrow(
			'all-years.csv: The file is 3.0 GB, more than this browser can analyse (about 1.5 GB). Export a shorter period (for example one year at a time) or fewer columns, and import that.'
		);
	});
});
