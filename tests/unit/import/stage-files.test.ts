import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import { ImportError } from '../../../src/lib/import/errors';
import {
	discardFiles,
	ensureModel,
	stageFiles,
	type ImportProgress
} from '../../../src/lib/import/import';
import type { InputFile } from '../../../src/lib/import/stage';

// The mapping screen's files are staged together: the screen must not tell that they were.
let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
	await ensureModel(engine);
});
afterAll(async () => engine.close());

const reads = { sniffBytes: 16 * 1024, spreadBytes: 2 * 1024 };
const pad = (n: number) => String(n).padStart(2, '0');

function input(name: string, text: BlobPart): InputFile {
	const data = new Blob([text]);
	return { name, size: data.size, data };
}

const cases = (name: string) =>
	input(name, 'case_id,opened_at,worker\nC1,2024-01-05,W1\nC2,2024-02-06,W2\n');
const goals = (name: string) =>
	input(
		name,
		'Matter Number,Goal ID,Goal Set,Target Date,Goal Status\n' +
			'C1,G1,2024-01-10,2024-03-01,Achieved\nC2,G2,2024-02-11,2024-04-01,Not achieved\n'
	);
const empty = (name: string) => input(name, '');
const binary = (name: string) => input(name, new Uint8Array([0x41, 0x00, 0x42, 0x0a, 0x43]));

describe('staging the files of one choice together', () => {
	it('gives the staged files in the order chosen, each with its own mapping', async () => {
		const progress: ImportProgress[] = [];
		const staged = await stageFiles(
			engine,
			[goals('goals.csv'), cases('cases.csv'), cases('more-cases.csv')],
			[],
			{ onProgress: (p) => progress.push(p) }
		);
		expect(staged.map((s) => s.file.name)).toEqual(['goals.csv', 'cases.csv', 'more-cases.csv']);
		expect(staged.map((s) => s.mapping.table)).toEqual(['goals', 'cases', 'cases']);
		// Each file is small enough to be read whole: two rows each, counted.
		expect(staged.map((s) => [s.rows, s.rowsCounted])).toEqual([
			[2, true],
			[2, true],
			[2, true]
		]);
		expect(new Set(staged.map((s) => s.key)).size).toBe(3);
		// Progress speaks of the three files, never of "1 of 1".
		expect(progress.length).toBeGreaterThan(0);
		expect(progress.every((p) => p.total === 3 && p.done >= 0 && p.done < 3)).toBe(true);
		expect(new Set(progress.map((p) => p.file))).toEqual(
			new Set(['goals.csv', 'cases.csv', 'more-cases.csv'])
		);
		await discardFiles(engine, staged);
	});

	it('throws the first failure in the order chosen, whichever file failed first', async () => {
		const attempt = (files: InputFile[]) =>
			stageFiles(engine, files, []).then(
				() => null,
				(e: unknown) => e
			);
		const a = await attempt([cases('ok.csv'), empty('empty.csv'), binary('binary.csv')]);
		expect(a).toBeInstanceOf(ImportError);
		expect((a as ImportError).fileName).toBe('empty.csv');
		expect((a as ImportError).problem).toBe('The file is empty.');
		const b = await attempt([cases('ok.csv'), binary('binary.csv'), empty('empty.csv')]);
		expect((b as ImportError).fileName).toBe('binary.csv');
		expect((b as ImportError).problem).toBe('This is not a text file: it contains binary data.');
	});

	it('says why a day/month order settled further down than the head', async () => {
		// opened_at: both numbers at most 12 in the first 1,000 rows (the head's), then 25/MM/2024 on
		// every row after: a spread slice sees a first number above 12. closed_at: 13/01/2024 on row 1.
		const lines = ['case_id,opened_at,closed_at'];
		for (let i = 1; i <= 8000; i++) {
			const opened =
				i <= 1000 ? `${pad((i % 12) + 1)}/${pad(((i * 5) % 12) + 1)}/2024` : '25/03/2024';
			lines.push(`C${i},${opened},${i === 1 ? '13/01/2024' : '02/02/2024'}`);
		}
		const file = input('spread.csv', lines.join('\n') + '\n');
		const [staged] = await stageFiles(engine, [file], [], { reads });
		expect(staged.rowsCounted).toBe(false);
		const date = (header: string) => staged.guesses.find((g) => g.header === header)!.date!;
		expect(date('opened_at')).toMatchObject({ order: 'day-first', orderAmbiguous: false });
		expect(date('opened_at').orderReason).toBe(
			'a date further down the file has its first number above 12, so it must be the day'
		);
		// Settled by the head itself: the head's reason stays.
		expect(date('closed_at')).toMatchObject({ order: 'day-first', orderAmbiguous: false });
		expect(date('closed_at').orderReason).toBe(
			'some dates have a first number above 12, so it must be the day'
		);
		await discardFiles(engine, [staged]);
	});
});
