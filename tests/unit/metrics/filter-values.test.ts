import { describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import { ensureModel } from '../../../src/lib/import/import';
import { filterValues } from '../../../src/lib/metrics/scope';

describe('filter values', () => {
	it("lists each column's values with their case counts, blanks included, alphabetically", async () => {
		const engine = await createNodeEngine();
		await ensureModel(engine);
		await engine.exec(`INSERT INTO cases (case_id, opened_at, worker, office) VALUES
			('1', TIMESTAMP '2024-01-01', 'Bo', 'North'), ('2', TIMESTAMP '2024-01-02', 'Ana', 'North'),
			('3', TIMESTAMP '2024-01-03', 'Bo', NULL), ('4', TIMESTAMP '2024-01-04', 'O''Brien', 'South')`);
		expect(await filterValues(engine, ['worker', 'office'])).toEqual({
			worker: [
				{ value: 'Ana', n: 1 },
				{ value: 'Bo', n: 2 },
				{ value: "O'Brien", n: 1 }
			],
			office: [
				{ value: null, n: 1 },
				{ value: 'North', n: 2 },
				{ value: 'South', n: 1 }
			]
		});
		await engine.close();
	});
});
