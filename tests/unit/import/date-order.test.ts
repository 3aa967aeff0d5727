import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import { discardFiles, ensureModel, importAll } from '../../../src/lib/import/import';
import { readStagedFile, stageFile, type InputFile } from '../../../src/lib/import/stage';
import { EMPTY_DATASET } from '../../../src/lib/model/dataset';

// The sample the guess sees is the file's first MB and slices spread through it; a date that tells
// the order may lie elsewhere, and the whole-file read of the import (slice by slice) must find it.
let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
	await ensureModel(engine);
});
afterAll(async () => engine.close());

const ROWS = 60_000; // about 1.8 MB of dates that fit either order
function casesFile(name: string, tail: string[]): InputFile {
	const lines = ['case_id,opened_at,closed_at'];
	for (let i = 0; i < ROWS; i++)
		lines.push(
			`C${i},${String((i % 12) + 1).padStart(2, '0')}/${String(((i * 7) % 12) + 1).padStart(2, '0')}/2024,`
		);
	tail.forEach((d, i) => lines.push(`T${i},${d},`));
	const data = new TextEncoder().encode(lines.join('\n') + '\n');
	return { name, size: data.length, data };
}

async function openedGuess(file: InputFile) {
	const staged = await stageFile(engine, file, { sliceBytes: 256 * 1024 });
	// Larger than the head: the mapping screen had a sample; the import reads the rest.
	expect(staged.rowsCounted).toBe(false);
	await readStagedFile(engine, staged, { sliceBytes: 256 * 1024 });
	expect(staged.rowsCounted).toBe(true);
	await discardFiles(engine, [staged]);
	expect(staged.rows).toBe(
		ROWS + (file.name === 'none.csv' ? 0 : file.name === 'both.csv' ? 2 : 1)
	);
	return staged.guesses.find((g) => g.header === 'opened_at')!.date!;
}

describe('day and month order from the whole file', () => {
	it('a day above 12 far down the file settles day-first', async () => {
		const date = await openedGuess(casesFile('dmy.csv', ['25/03/2024']));
		expect(date.order).toBe('day-first');
		expect(date.orderAmbiguous).toBe(false);
		expect(date.orderReason).toContain('first number above 12');
	});

	it('a second number above 12 far down the file settles month-first', async () => {
		const date = await openedGuess(casesFile('mdy.csv', ['03/25/2024']));
		expect(date.order).toBe('month-first');
		expect(date.orderAmbiguous).toBe(false);
		expect(date.orderReason).toContain('second number above 12');
	});

	it('both orders in one column stay ambiguous, and so do dates that never exceed 12', async () => {
		const both = await openedGuess(casesFile('both.csv', ['25/03/2024', '03/25/2024']));
		expect(both.orderAmbiguous).toBe(true);
		expect(both.orderReason).toContain('contradict');
		const none = await openedGuess(casesFile('none.csv', []));
		expect(none.orderAmbiguous).toBe(true);
		expect(none.orderReason).toContain(`all ${ROWS} rows`);
	});

	it('the settled order is the one the import parses with', async () => {
		const { dataset } = await importAll(
			engine,
			[casesFile('dmy.csv', ['25/03/2024'])],
			EMPTY_DATASET,
			{ today: '2026-11-29' }
		);
		expect(dataset.tables.cases?.rows).toBe(ROWS + 1);
		const rows = await engine.query<{ case_id: string; opened: string }>(
			`SELECT case_id, strftime(opened_at, '%Y-%m-%d') AS opened FROM cases
			WHERE case_id IN ('T0', 'C1') ORDER BY case_id`
		);
		// C1 is 02/08/2024: 2 August when day-first.
		expect(rows).toEqual([
			{ case_id: 'C1', opened: '2024-08-02' },
			{ case_id: 'T0', opened: '2024-03-25' }
		]);
	});
});
