import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import { guessColumns } from '../../../src/lib/import/columns';
import { ImportError } from '../../../src/lib/import/errors';
import {
	completeImport,
	discardFiles,
	ensureModel,
	importAll,
	stageFiles
} from '../../../src/lib/import/import';
import { SPREAD_SLICES } from '../../../src/lib/import/spread';
import { rowsText, type InputFile } from '../../../src/lib/import/stage';
import { EMPTY_DATASET } from '../../../src/lib/model/dataset';

// The mapping screen sees a file's head and slices spread through it, never the whole file; the
// import reads the whole file and settles what only the whole column can tell.
let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
	await ensureModel(engine);
});
afterAll(async () => engine.close());

const SNIFF = 16 * 1024;
const SPREAD = 2 * 1024;
const reads = { sniffBytes: SNIFF, spreadBytes: SPREAD, sliceBytes: 64 * 1024 };
const pad = (n: number) => String(n).padStart(2, '0');

/** A Blob that counts the bytes read from it, so that a test can tell what staging read. */
class CountedBlob extends Blob {
	read = { bytes: 0 };
	override slice(start?: number, end?: number, type?: string): Blob {
		const part = super.slice(start, end, type);
		this.read.bytes += part.size;
		return part;
	}
}

function input(name: string, lines: string[]): InputFile & { data: CountedBlob } {
	const data = new CountedBlob([lines.join('\n') + '\n']);
	return { name, size: data.size, data };
}

/**
 * 8,000 cases whose opened dates fit both orders (day and month at most 12), except the last row's:
 * 25 March 2024 written day-first, in the file's last bytes, which no spread slice reaches.
 */
function lateDayFirst(name = 'late.csv') {
	const lines = ['case_id,opened_at,worker'];
	for (let i = 1; i <= 8000; i++)
		lines.push(`C${i},${pad((i % 12) + 1)}/${pad(((i * 5) % 12) + 1)}/2024,W${i % 3}`);
	lines.push('LAST,25/03/2024,W1');
	return input(name, lines);
}

describe('the mapping screen from samples', () => {
	it('reads the head and the spread slices only, never the whole file', async () => {
		const file = lateDayFirst();
		const [staged] = await stageFiles(engine, [file], [], { reads });
		expect(file.size).toBeGreaterThan(100 * 1024);
		// the head, then each slice (and nothing while sniffing reads beyond them)
		expect(file.data.read.bytes).toBeLessThanOrEqual(SNIFF + SPREAD_SLICES * SPREAD);
		expect(staged.rowsCounted).toBe(false);
		expect(rowsText(staged)).toMatch(/^about [\d,]+ rows \(counted during the import\)$/);
		const opened = staged.guesses.find((g) => g.header === 'opened_at')!;
		expect(opened.date?.orderAmbiguous).toBe(true);
		await discardFiles(engine, [staged]);
	});

	it('estimates the rows from the sample, also when the head holds more rows than the sample keeps', async () => {
		// 8,001 rows of 18 to 25 bytes (about 176 KB); a 64 KB head holds about 2,900 of them, the
		// sample keeps 1,000: the estimate must come from the sampled rows' bytes, not the head's size.
		for (const sniffBytes of [SNIFF, 64 * 1024]) {
			const file = lateDayFirst();
			const [staged] = await stageFiles(engine, [file], [], { reads: { ...reads, sniffBytes } });
			expect(staged.rowsCounted).toBe(false);
			expect(Math.abs(staged.rows - 8001) / 8001).toBeLessThan(0.1);
			await discardFiles(engine, [staged]);
		}
	});

	it('a column blank in the first rows and dates further down is seen as dates', async () => {
		// closed_at is empty in the head's rows; from row 2,001 on, every row has one (about 60% of the file).
		const lines = ['case_id,opened_at,closed_at'];
		for (let i = 1; i <= 5000; i++)
			lines.push(
				`C${i},2024-01-${pad((i % 28) + 1)},${i > 2000 ? `2024-02-${pad((i % 28) + 1)}` : ''}`
			);
		const file = input('late-closed.csv', lines);
		const [staged] = await stageFiles(engine, [file], [], { reads });
		const closed = (guesses: typeof staged.guesses) =>
			guesses.find((g) => g.header === 'closed_at')!;
		// The head alone cannot see it: every closed_at value there is blank.
		expect(closed(guessColumns(staged.sniff.headers, staged.sniff.sample)).kind).toBe('empty');
		expect(closed(staged.guesses).kind).toBe('date');
		expect(staged.mapping.columns.closed_at).toBe('closed_at');
		const result = await completeImport(engine, [staged], [staged.mapping], EMPTY_DATASET, {
			today: '2026-11-29',
			reads
		});
		expect(result.dataset.tables.cases?.rows).toBe(5000);
		const [counts] = await engine.query<{ closed: number; last: string }>(
			`SELECT count(closed_at)::INTEGER AS closed, strftime(max(closed_at), '%Y-%m-%d') AS last FROM cases`
		);
		// 3,000 closed dates; the latest is 2024-02-28 (i % 28 = 27).
		expect(counts).toEqual({ closed: 3000, last: '2024-02-28' });
	});

	it('the import settles day-first from a row past every sample, and parses with it', async () => {
		const result = await importAll(engine, [lateDayFirst()], EMPTY_DATASET, {
			today: '2026-11-29',
			reads
		});
		expect(result.dataset.tables.cases?.rows).toBe(8001);
		const opened = result.tables[0].dates.find((d) => d.column === 'opened_at')!;
		expect(opened).toMatchObject({ order: 'day-first', orderAmbiguous: false });
		expect(opened.orderReason).toContain('first number above 12');
		// C1 is 02/06/2024: 2 June day-first (i % 12 + 1 = 2, (i * 5) % 12 + 1 = 6).
		const rows = await engine.query<{ case_id: string; opened: string }>(
			`SELECT case_id, strftime(opened_at, '%Y-%m-%d') AS opened FROM cases
			WHERE case_id IN ('C1', 'LAST') ORDER BY case_id`
		);
		expect(rows).toEqual([
			{ case_id: 'C1', opened: '2024-06-02' },
			{ case_id: 'LAST', opened: '2024-03-25' }
		]);
	});

	it('month-first chosen on the mapping screen, day-first proven by the load: refused, nothing lost', async () => {
		// Something loaded first, which the refused import must leave as it was.
		const first = await importAll(
			engine,
			[input('before.csv', ['case_id,opened_at', 'K1,2024-05-01', 'K2,2024-05-02'])],
			EMPTY_DATASET,
			{ today: '2026-11-29' }
		);
		const [staged] = await stageFiles(engine, [lateDayFirst('late2.csv')], [], { reads });
		const attempt = completeImport(
			engine,
			[staged],
			[{ ...staged.mapping, dateOrder: 'month-first' }],
			first.dataset,
			{ today: '2026-11-29', reads }
		);
		await expect(attempt).rejects.toBeInstanceOf(ImportError);
		await expect(attempt).rejects.toThrow(/“opened_at” are day-first.*month-first was chosen/s);
		const kept = await engine.query<{ ids: string }>(
			`SELECT string_agg(case_id, ',' ORDER BY case_id) AS ids FROM cases`
		);
		expect(kept).toEqual([{ ids: 'K1,K2' }]);
	});
});
