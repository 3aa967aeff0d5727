/**
 * Validation in one pass per table: a file larger than its sample is read once, by the build, which
 * takes the rows and the rejected lines from that read; it is read ahead of the build only when the
 * sample left the day/month order of a mapped date column open. The statements the engine runs are
 * counted (DuckDB itself runs them); the issues' lines are computed by hand from how the file is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import { ensureModel, importAll, listIssues } from '../../../src/lib/import/import';
import { readStagedFile, stageFile, type InputFile } from '../../../src/lib/import/stage';
import { SCAN_CHUNK } from '../../../src/lib/import/scan';
import { EMPTY_DATASET } from '../../../src/lib/model/dataset';

let engine: Engine;
/** The SQL of every statement run since the last reset. */
let statements: string[] = [];
beforeAll(async () => {
	const inner = await createNodeEngine();
	engine = {
		...inner,
		runtime: inner.runtime,
		query: (sql) => (statements.push(sql), inner.query(sql)),
		exec: (sql) => (statements.push(sql), inner.exec(sql))
	} as Engine;
	await ensureModel(engine);
});
afterAll(async () => engine.close());

const READS = { sniffBytes: 32 * 1024, spreadBytes: 8 * 1024, sliceBytes: 200 * 1024 };
const ROWS = 30_000; // about 900 KB: several slices, far more than the sample

/** Cases with dates written `date(i)`; row 20,000 has a field too many, row 25,000 no valid date. */
function casesFile(date: (i: number) => string): InputFile {
	const lines = ['case_id,opened_at,worker'];
	for (let i = 1; i <= ROWS; i++) {
		if (i === 20_000) lines.push(`C${i},${date(i)},Ana,extra`);
		else if (i === 25_000) lines.push(`C${i},someday,Ana`);
		else if (i === 10_000) lines.push(`C${i},${date(i)},"Ana\nB."`);
		else lines.push(`C${i},${date(i)},Worker ${i % 7}`);
	}
	const data = new TextEncoder().encode(lines.join('\n') + '\n');
	return { name: 'cases.csv', size: data.length, data };
}

/** How many times the import read the file: one read_csv per slice read. */
const reads = () => statements.filter((s) => s.includes('read_csv(')).length;
const pad = (n: number) => String(n).padStart(2, '0');

describe('one read per table', { timeout: 300_000 }, () => {
	it('reads a file once when the sample settled its dates, with exact rows and lines', async () => {
		statements = [];
		const result = await importAll(
			engine,
			[casesFile((i) => `2024-${pad((i % 12) + 1)}-${pad((i % 28) + 1)}`)],
			EMPTY_DATASET,
			{ today: '2026-12-01', reads: READS }
		);
		const slices = Math.ceil(casesFile(() => '2024-01-01').size / READS.sliceBytes);
		// Each slice once, give or take the one a line end moves past the slice size.
		expect(reads()).toBeGreaterThanOrEqual(slices - 1);
		expect(reads()).toBeLessThanOrEqual(slices + 1);
		expect(result.dataset.tables.cases?.rows).toBe(ROWS - 2);
		// Row i is on line i + 1, and one more below the value spanning two lines (row 10,000).
		expect((await listIssues(engine, 10)).map((x) => [x.line, x.problem])).toEqual([
			[20_002, 'more fields than the header'],
			[25_002, 'no valid opened date']
		]);
	});

	it('reads a file ahead of the build when only the whole column tells day from month', async () => {
		statements = [];
		// Day and month at most 12 in every row but the last: only the whole file says day-first.
		const date = (i: number) =>
			i === ROWS ? '25/12/2024' : `${pad((i % 12) + 1)}/${pad(((i * 5) % 12) + 1)}/2024`;
		const result = await importAll(engine, [casesFile(date)], EMPTY_DATASET, {
			today: '2026-12-01',
			reads: READS
		});
		const slices = Math.ceil(casesFile(date).size / READS.sliceBytes);
		expect(reads()).toBeGreaterThanOrEqual(2 * (slices - 1));
		expect(reads()).toBeLessThanOrEqual(2 * (slices + 1));
		const [opened] = result.tables[0].dates;
		expect([opened.order, opened.parsed]).toEqual(['day-first', ROWS - 2]);
		expect((await listIssues(engine, 10)).map((x) => [x.line, x.problem])).toEqual([
			[20_002, 'more fields than the header'],
			[25_002, 'no valid opened date']
		]);
	});
});

/** A Blob that counts the reads of its bytes. */
class CountingBlob extends Blob {
	reads = 0;
	slice(start?: number, end?: number, type?: string): Blob {
		this.reads++;
		return super.slice(start, end, type);
	}
}

describe('each byte read from the file once', { timeout: 300_000 }, () => {
	it("gives the structure scan the bytes DuckDB's read took, not a read of its own", async () => {
		// About 3.5 scan chunks of rows, with a short record (line 40,001) the scan must find.
		const lines = ['case_id,opened_at,worker'];
		for (let i = 1; i <= 120_000; i++)
			lines.push(i === 40_000 ? `C${i},2024-01-01` : `C${i},2024-01-01,Worker ${i % 7}`);
		const data = new CountingBlob([lines.join('\n') + '\n']);
		expect(data.size).toBeGreaterThan(3 * SCAN_CHUNK);
		const file: InputFile = { name: 'cases.csv', size: data.size, data };
		const reads = { ...READS, sliceBytes: SCAN_CHUNK };
		const staged = await stageFile(engine, file, reads);
		data.reads = 0;
		await readStagedFile(engine, staged, reads);
		// One read per slice (3 or 4 of them); the scan's four chunks would have been four more.
		expect(staged.pieces.length).toBeGreaterThanOrEqual(3);
		expect(data.reads).toBe(staged.pieces.length);
		expect([staged.rows, staged.shortCount, staged.shortLines]).toEqual([120_000, 1, [40_001]]);
	});
});
