import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import { completeImport, ensureModel, importAll, stageFiles } from '../../../src/lib/import/import';
import { ImportError } from '../../../src/lib/import/errors';
import { EMPTY_DATASET } from '../../../src/lib/model/dataset';
import { textFile } from './files';

// The build reads each file again (nothing of it is kept between the mapping screen and the build):
// should the second read see other rows than the first, nothing of the file may be imported.
let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
	await ensureModel(engine);
});
afterAll(async () => engine.close());

const rows = (n: number, from = 0) =>
	Array.from(
		{ length: n },
		(_, i) => `C${from + i},2024-01-${String((i % 28) + 1).padStart(2, '0')},`
	).join('\n');

describe('the build reads what staging read', () => {
	it('refuses a file whose rows changed between the two reads, and keeps the loaded data', async () => {
		const before = await importAll(
			engine,
			[textFile('cases.csv', `case_id,opened_at,closed_at\n${rows(5)}\n`)],
			EMPTY_DATASET,
			{ today: '2026-11-29' }
		);
		expect(before.dataset.tables.cases?.rows).toBe(5);

		const staged = await stageFiles(engine, [
			textFile('cases-new.csv', `case_id,opened_at,closed_at\n${rows(40, 100)}\n`)
		]);
		expect(staged[0].rows).toBe(40);
		// The same file, shorter by the time of the build (saved over, or a stored copy gone bad).
		staged[0].source = textFile('cases-new.csv', `case_id,opened_at,closed_at\n${rows(30, 100)}\n`);
		const failure = await completeImport(
			engine,
			staged,
			staged.map((s) => s.mapping),
			before.dataset
		).catch((e) => e);
		expect(failure).toBeInstanceOf(ImportError);
		expect(String(failure.message)).toContain('30 rows instead of 40');
		expect(String(failure.message)).toContain('cases-new.csv');
		const [{ n }] = await engine.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM cases');
		expect(n).toBe(5);
	});
});
