/**
 * When the overview's fast statements fail, the figures still come (cube -> facts -> catalogue) and
 * the failure is kept in each figure's `detail.fallback`, not dropped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import { OVERVIEW_IDS } from '../../../src/lib/metrics/catalogue';
import { computeOverview, prepareCube, prepareOverview } from '../../../src/lib/metrics/overview';
import { computeMetrics } from '../../../src/lib/metrics/run';
import type { ScalarResult } from '../../../src/lib/metrics/types';
import { ctx, loadFixture, scope } from './fixture';

let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
}, 60_000);
afterAll(async () => engine.close());

describe('the overview falls back without losing the error', () => {
	it('a cube whose table is gone: the facts answer, the failure is recorded', async () => {
		const dataset = await loadFixture(engine, {
			cases: [
				{ case_id: 'a', opened_at: '2025-06-01', closed_at: '2025-06-04' },
				{ case_id: 'b', opened_at: '2025-06-02', closed_at: null },
				{ case_id: 'c', opened_at: '2025-06-03', closed_at: '2025-06-13' }
			]
		});
		const s = scope('2025-06-30', '2025-06-01', '2025-06-30');
		const c = ctx(dataset, s);
		await prepareOverview(engine, dataset);
		const cube = await prepareCube(engine, c, [s]);
		await engine.exec('DROP TABLE overview_cube');
		const [fromCube] = await computeOverview(engine, c, [s], cube);
		// Opened 3, closed 2 (3 and 10 days): clearance 2/3, median 6.5 days.
		expect(fromCube.clearance_rate).toMatchObject({ value: 2 / 3, n: 3 });
		expect(fromCube.days_to_close_median).toMatchObject({ value: 6.5, n: 2 });
		const fallback = (fromCube.clearance_rate as ScalarResult).detail?.fallback;
		expect(fallback).toMatch(/^overview cube statement failed: .*overview_cube/);

		// Without the facts too, the catalogue's own queries answer, with both failures on record.
		await engine.exec('DROP TABLE overview_cases');
		const [fromCatalogue] = await computeOverview(engine, c, [s], cube);
		const catalogue = await computeMetrics(engine, c, [...OVERVIEW_IDS]);
		for (const id of OVERVIEW_IDS) {
			const r = fromCatalogue[id] as ScalarResult;
			expect(r.value, id).toBe((catalogue[id] as ScalarResult).value);
			expect(r.detail?.fallback, id).toMatch(
				new RegExp(
					'^overview cube statement failed: .*overview_cube.*; then ' +
						'overview facts statement failed: .*overview_cases',
					's'
				)
			);
		}
	});
});
