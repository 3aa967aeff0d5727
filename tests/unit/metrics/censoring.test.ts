/**
 * Kaplan-Meier censoring at the end of observation: with a date-only as-of, a case still open is
 * observed until the end of the as-of day (midnight after it), not its start. Hand-computed
 * fixtures, the overview's two fast paths against the catalogue, and the Baltimore figure.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import { importPaths } from '../../../src/lib/import/node';
import { computeMetrics } from '../../../src/lib/metrics/run';
import { computeOverview, prepareCube, prepareOverview } from '../../../src/lib/metrics/overview';
import type { ScalarResult, TableResult } from '../../../src/lib/metrics/types';
import { ctx, loadFixture, scope } from './fixture';

const REAL = new URL('../../fixtures/realdata/', import.meta.url).pathname;

let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
}, 60_000);
afterAll(async () => engine.close());

async function km(c: ReturnType<typeof ctx>) {
	const r = await computeMetrics(engine, c, ['km_median_days', 'km_curve']);
	return { median: r.km_median_days as ScalarResult, curve: (r.km_curve as TableResult).rows };
}

describe('Kaplan-Meier censoring at the end of the as-of day', () => {
	it('three cases opened 10:00, one closed 18:00 on the as-of day: no median', async () => {
		const dataset = await loadFixture(engine, {
			cases: [
				{ case_id: 'a', opened_at: '2025-06-01 10:00:00', closed_at: '2025-06-30 18:00:00' },
				{ case_id: 'b', opened_at: '2025-06-01 10:00:00', closed_at: null },
				{ case_id: 'c', opened_at: '2025-06-01 10:00:00', closed_at: null }
			]
		});
		const s = scope('2025-06-30', '2025-06-01', '2025-06-30');
		const { median, curve } = await km(ctx(dataset, s));
		// a closes after 29 days 8 hours with all three at risk: S = 2/3. b and c are observed until
		// 2025-07-01 00:00, 29 days 14 hours after opening, and never close.
		expect(median.value).toBeNull();
		expect(median.n).toBe(3);
		expect(median.detail).toEqual({ closed: 1, censored: 2 });
		expect(curve).toHaveLength(2);
		expect(curve[0].t).toBeCloseTo(29 + 8 / 24, 9);
		expect(curve[0]).toMatchObject({ at_risk: 3, events: 1, censored: 0 });
		expect(curve[0].survival).toBeCloseTo(2 / 3, 12);
		expect(curve[1].t).toBeCloseTo(29 + 14 / 24, 9);
		expect(curve[1]).toMatchObject({ at_risk: 2, events: 0, censored: 2 });

		await prepareOverview(engine, dataset);
		const c = ctx(dataset, s);
		const [facts] = await computeOverview(engine, c, [s]);
		const cube = await prepareCube(engine, c, [s]);
		const [fromCube] = await computeOverview(engine, c, [s], cube);
		for (const r of [facts, fromCube])
			expect(r.km_median_days).toMatchObject({ value: null, n: 3 });
	});

	it('an as-of with a time of day censors at that instant', async () => {
		const dataset = await loadFixture(engine, {
			cases: [
				{ case_id: 'a', opened_at: '2025-06-01 10:00:00', closed_at: '2025-06-30 18:00:00' },
				{ case_id: 'b', opened_at: '2025-06-01 10:00:00', closed_at: null },
				{ case_id: 'c', opened_at: '2025-06-01 10:00:00', closed_at: null }
			]
		});
		// At 20:00 a's closing is known; b and c are censored at 29 days 10 hours, after it.
		const { median, curve } = await km(
			ctx(dataset, scope('2025-06-30 20:00:00', '2025-06-01', '2025-06-30'))
		);
		expect(median.value).toBeNull();
		expect(curve[1].t).toBeCloseTo(29 + 10 / 24, 9);
		// At 12:00 it is not: all three are censored at 29 days 2 hours.
		const noon = await km(ctx(dataset, scope('2025-06-30 12:00:00', '2025-06-01', '2025-06-30')));
		expect(noon.median.detail).toEqual({ closed: 0, censored: 3 });
		expect(noon.curve).toHaveLength(1);
		expect(noon.curve[0].t).toBeCloseTo(29 + 2 / 24, 9);
	});

	it('with date-only columns, a case open at the as-of date is at risk on that day count', async () => {
		// Whole days: a closes 29 days after opening; b and c, still open on 2025-06-30, are censored
		// at 29 days and so are at risk when a closes (ties: the event comes first). d, opened a day
		// later and closed on 2025-06-30, closes after 28 days with all four at risk.
		const dataset = await loadFixture(engine, {
			cases: [
				{ case_id: 'a', opened_at: '2025-06-01', closed_at: '2025-06-30' },
				{ case_id: 'b', opened_at: '2025-06-01', closed_at: null },
				{ case_id: 'c', opened_at: '2025-06-01', closed_at: null },
				{ case_id: 'd', opened_at: '2025-06-02', closed_at: '2025-06-30' }
			]
		});
		const { median, curve } = await km(
			ctx(dataset, scope('2025-06-30', '2025-06-01', '2025-06-30'))
		);
		expect(curve.map((r) => [r.t, r.at_risk, r.events, r.censored])).toEqual([
			[28, 4, 1, 0],
			[29, 3, 1, 2]
		]);
		// S(28) = 3/4, S(29) = 3/4 * 2/3 = 1/2: the median is 29 days.
		expect(curve[1].survival).toBeCloseTo(0.5, 12);
		expect(median.value).toBe(29);
	});
});

describe('Baltimore 311 (times of day kept)', () => {
	it('the Kaplan-Meier median for the year to 2019-02-13 is 1.150498 days', async () => {
		const { dataset } = await importPaths(
			engine,
			{ cases: REAL + 'baltimore_311_sample.csv' },
			{ today: '2026-11-29' }
		);
		const s = scope('2019-02-13', '2018-02-14', '2019-02-13');
		const c = ctx(dataset, s);
		const { median } = await km(c);
		expect(Math.abs((median.value as number) - 1.150498)).toBeLessThan(1e-6);
		await prepareOverview(engine, dataset);
		const [facts] = await computeOverview(engine, c, [s]);
		const [fromCube] = await computeOverview(engine, c, [s], await prepareCube(engine, c, [s]));
		for (const r of [facts, fromCube]) {
			const v = r.km_median_days as ScalarResult;
			expect(v.n).toBe(median.n);
			expect(Math.abs((v.value as number) - (median.value as number))).toBeLessThan(1e-9);
		}
	}, 120_000);
});
