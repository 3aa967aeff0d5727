/**
 * Changes beyond chance (metrics/significance.ts, significance-sql.ts) against values worked out by hand
 * from the tests' definitions, and polarity's words (metrics/polarity.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import { CATALOGUE, metricEntry } from '../../../src/lib/metrics/catalogue';
import { arrowOf, directionOf, judge, POLARITIES, toneOf } from '../../../src/lib/metrics/polarity';
import {
	changeTestOf,
	logRankZ,
	mannWhitneyZ,
	normalCdf,
	poissonZ,
	rateRatioZ,
	testChange,
	twoProportionZ,
	twoSidedP
} from '../../../src/lib/metrics/significance';
import { rankStatistics } from '../../../src/lib/metrics/significance-sql';
import { ctx, loadFixture, scope } from './fixture';

const MIN = { minN: 20 };

describe('the normal distribution', () => {
	it('matches the tables', () => {
		// Φ(1.96) = 0.975002, Φ(0) = 0.5, Φ(-1) = 0.158655 (standard normal tables).
		expect(normalCdf(1.96)).toBeCloseTo(0.975002, 6);
		expect(normalCdf(0)).toBeCloseTo(0.5, 7);
		expect(normalCdf(-1)).toBeCloseTo(0.158655, 6);
		expect(twoSidedP(1.96)).toBeCloseTo(0.049996, 5);
	});
});

describe('a change in a share: the two-proportion test', () => {
	it('60 of 100 against 45 of 100 is beyond chance', () => {
		// pooled p = 105 / 200 = 0.525; se = sqrt(0.525 × 0.475 × (1/100 + 1/100)) = sqrt(0.0049875) = 0.0706222;
		// z = (0.60 - 0.45) / 0.0706222 = 2.12398; p = 2 (1 - Φ(2.124)) = 0.0337.
		expect(twoProportionZ(60, 100, 45, 100)).toBeCloseTo(2.12398, 4);
		const v = testChange('proportion', { value: 0.6, n: 100 }, { value: 0.45, n: 100 }, MIN);
		expect(v.status).toBe('significant');
		expect(v.delta).toBeCloseTo(0.15, 12);
		expect(v.p).toBeCloseTo(0.0337, 4);
	});
	it('52 of 100 against 48 of 100 is within chance', () => {
		// pooled p = 0.5; se = sqrt(0.25 × 0.02) = 0.0707107; z = 0.04 / 0.0707107 = 0.565685; p = 0.5716.
		const v = testChange('proportion', { value: 0.52, n: 100 }, { value: 0.48, n: 100 }, MIN);
		expect(v.status).toBe('not-significant');
		expect(v.z).toBeCloseTo(0.565685, 5);
		expect(v.p).toBeCloseTo(0.5716, 4);
	});
	it('fewer than the minimum n in either period: too few cases to compare, however large the change', () => {
		// 10 of 15 against 2 of 15 would be z = 2.99 with enough cases; 15 < 20.
		const v = testChange('proportion', { value: 10 / 15, n: 15 }, { value: 2 / 15, n: 15 }, MIN);
		expect(v.status).toBe('too-few');
		expect(v.p).toBeNull();
		expect(v.delta).toBeCloseTo(8 / 15, 12);
		// The minimum is the setting's: at 10 the same change is tested, and beyond chance.
		expect(
			testChange('proportion', { value: 10 / 15, n: 15 }, { value: 2 / 15, n: 15 }, { minN: 10 })
				.status
		).toBe('significant');
		expect(
			testChange('proportion', { value: 0.5, n: 100 }, { value: 0.5, n: 19 }, MIN).status
		).toBe('too-few');
	});
	it('a comparison period with nothing in it is no data, and no change is given', () => {
		const v = testChange('proportion', { value: 0.5, n: 100 }, { value: null, n: 0 }, MIN);
		expect(v).toEqual({ status: 'no-data', delta: null, test: 'proportion', z: null, p: null });
		expect(testChange('count', { value: 12, n: 40 }, { value: 0, n: 0 }, MIN).status).toBe(
			'no-data'
		);
	});
});

describe('a change in a count: Poisson', () => {
	it('130 against 100 is beyond chance, 110 against 100 is not', () => {
		// Given 230 in all, 130 in the later period: z = (130 - 100) / sqrt(230) = 1.97814; p = 0.0479.
		expect(poissonZ(130, 100)).toBeCloseTo(1.97814, 4);
		const up = testChange('count', { value: 130, n: 500 }, { value: 100, n: 480 }, MIN);
		expect(up.status).toBe('significant');
		expect(up.p).toBeCloseTo(0.0479, 3);
		// z = 10 / sqrt(210) = 0.690066.
		const small = testChange('count', { value: 110, n: 500 }, { value: 100, n: 480 }, MIN);
		expect(small.status).toBe('not-significant');
		expect(small.z).toBeCloseTo(0.690066, 5);
	});
	it('a count without an n stands on itself: 12 against 30 cases is too few to compare', () => {
		expect(testChange('count', { value: 12 }, { value: 30 }, MIN).status).toBe('too-few');
	});
});

describe('a change in the clearance rate: the log rate ratio', () => {
	it('hand-computed', () => {
		// 120 closed of 100 opened against 80 of 100: ln(1.2) - ln(0.8) = 0.405465;
		// sqrt(1/120 + 1/100 + 1/80 + 1/100) = sqrt(0.0408333) = 0.202073; z = 2.00654.
		expect(rateRatioZ(120, 100, 80, 100)).toBeCloseTo(2.00654, 4);
		const v = testChange('ratio', { value: 1.2, n: 100 }, { value: 0.8, n: 100 }, MIN);
		expect(v.status).toBe('significant');
		expect(rateRatioZ(0, 100, 80, 100)).toBeNull();
	});
});

describe('a change in a median: ranks', () => {
	it('Mann-Whitney with a tie, by hand', () => {
		// now 1, 2, 2, 5; then 2, 3, 4. Pooled: 1 | 2 2 2 | 3 | 4 | 5, ranks 1 | 3 3 3 | 5 | 6 | 7.
		// R1 = 1 + 3 + 3 + 7 = 14; U1 = 14 - 4×5/2 = 4; mean 4×3/2 = 6; ties: 3^3 - 3 = 24;
		// var = 4×3/12 × (8 - 24 / (7×6)) = 7.428571; z = (4 - 6) / 2.725541 = -0.733799.
		expect(mannWhitneyZ({ n1: 4, n2: 3, rankSum1: 14, tieTerm: 24 })).toBeCloseTo(-0.733799, 5);
	});
	it('the log-rank statistic', () => {
		expect(logRankZ({ n1: 30, n2: 30, observedMinusExpected: 4, variance: 4 })).toBe(2);
	});
	it('without its statistics a median change is not tested, and never called significant', () => {
		expect(testChange('rank', { value: 30, n: 100 }, { value: 10, n: 100 }, MIN).status).toBe(
			'untested'
		);
	});
});

describe('the rank statistics computed by the database', () => {
	let engine: Engine;
	beforeAll(async () => {
		engine = await createNodeEngine();
	});
	afterAll(async () => engine.close());

	it('the same rank sums as by hand over the cases behind the median days to close', async () => {
		// Closed in 2025 (now): 1, 2, 2, 5 days; closed in 2024 (then): 2, 3, 4 days — the hand example above.
		const closed = (id: string, opened: string, closedAt: string) => ({
			case_id: id,
			opened_at: opened,
			closed_at: closedAt
		});
		const dataset = await loadFixture(engine, {
			cases: [
				closed('A', '2025-03-01', '2025-03-02'),
				closed('B', '2025-03-01', '2025-03-03'),
				closed('C', '2025-04-01', '2025-04-03'),
				closed('D', '2025-05-01', '2025-05-06'),
				closed('E', '2024-03-01', '2024-03-03'),
				closed('F', '2024-03-01', '2024-03-04'),
				closed('G', '2024-05-01', '2024-05-05')
			]
		});
		const now = ctx(dataset, scope('2025-12-31', '2025-01-01', '2025-12-31'));
		const then = ctx(dataset, scope('2024-12-31', '2024-01-01', '2024-12-31'));
		const stats = await rankStatistics(engine, metricEntry('days_to_close_median'), now, then);
		expect(stats.ranks).toEqual({ n1: 4, n2: 3, rankSum1: 14, tieTerm: 24 });
		// The Kaplan-Meier median's cohort is the cases opened in each period, every one closed here, so
		// with no censoring the log-rank sums are by hand, at each time t: d closings of n at risk (n1 of now).
		// t 1: d 1 (d1 1), n 7, n1 4: O-E 1 - 4/7 = 0.428571; V 1×(4/7)(3/7)×6/6 = 0.244898
		// t 2: d 3 (d1 2), n 6, n1 3: O-E 2 - 1.5 = 0.5; V 3×(1/2)(1/2)×3/5 = 0.45
		// t 3: d 1 (d1 0), n 3, n1 1: O-E -1/3; V 1×(1/3)(2/3)×2/2 = 0.222222
		// t 4: d 1 (d1 0), n 2, n1 1: O-E -0.5; V 1×(1/2)(1/2)×1/1 = 0.25
		// t 5: d 1 (d1 1), n 1, n1 1: O-E 0; V 0 (n - 1 = 0).
		// O1 - E1 = 0.095238; V = 1.167120.
		const km = await rankStatistics(engine, metricEntry('km_median_days'), now, then);
		expect(km.logRank?.n1).toBe(4);
		expect(km.logRank?.n2).toBe(3);
		expect(km.logRank?.observedMinusExpected).toBeCloseTo(0.095238, 5);
		expect(km.logRank?.variance).toBeCloseTo(1.16712, 5);
	});
});

describe('polarity', () => {
	it('every catalogue entry declares one, and the medians and shares their tests', () => {
		for (const e of CATALOGUE) expect(POLARITIES, e.id).toContain(e.polarity);
		expect(metricEntry('days_to_close_median').polarity).toBe('lower');
		expect(metricEntry('goals_met_rate').polarity).toBe('higher');
		expect(metricEntry('opened').polarity).toBe('neutral');
		expect(changeTestOf(metricEntry('deadlines_met_rate'))).toBe('proportion');
		expect(changeTestOf(metricEntry('stale_cases'))).toBe('count');
		expect(changeTestOf(metricEntry('clearance_rate'))).toBe('ratio');
		expect(changeTestOf(metricEntry('days_to_close_median'))).toBe('rank');
		expect(changeTestOf(metricEntry('km_median_days'))).toBe('logrank');
		expect(changeTestOf(metricEntry('caseload_cv'))).toBe('none');
	});
	it('fewer days to close is better, fewer deadlines met is worse, more cases opened is only higher', () => {
		expect(judge('lower', directionOf(-3))).toBe('better');
		expect(judge('higher', directionOf(-0.174))).toBe('worse');
		expect(toneOf(judge('higher', 'down'))).toBe('bad');
		expect(judge('neutral', 'up')).toBe('higher');
		expect(toneOf(judge('neutral', 'up'))).toBe('neutral');
		expect(judge('higher', directionOf(0.0001, true))).toBe('unchanged');
		expect([arrowOf('up'), arrowOf('down'), arrowOf('same')]).toEqual(['▲', '▼', '=']);
	});
});
