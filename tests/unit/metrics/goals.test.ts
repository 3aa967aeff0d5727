/** Goal attainment on hand-made goals, and the Goal Attainment Scaling worked example. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import { computeArea, computeMetrics, drill } from '../../../src/lib/metrics/run';
import type { ScalarResult, TableResult } from '../../../src/lib/metrics/types';
import { ctx, loadFixture, scope } from './fixture';

let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
});
afterAll(async () => engine.close());

const H1 = scope('2025-06-30', '2025-01-01', '2025-06-30');

/*
 * As of 2025-06-30, period 2025-01-01..2025-06-30. K1 open (Ann), K2 closed 2025-03-01 (Bob).
 *   g1 K1 target 2025-02-01, achieved 2025-02-01 17:00       due, met (same day: the target has no time of day)
 *   g2 K1 target 2025-03-01, achieved 2025-03-05             due, late
 *   g5 K1 target 2025-05-15, nothing                         due, not met; overdue
 *   g8 K1 target 2025-06-01, achieved 2025-07-15             due, late; overdue at the as-of date (achieved after it)
 *   g3 K2 target 2025-02-15, no achieved date, GAS 0         due, met by its score
 *   g4 K2 target 2025-02-20, no achieved date, GAS -1        due, not met
 *   g6 K2 target 2025-08-01                                  not due in the period
 *   g7 K2 target 2024-12-01, nothing                         not due; K2 is closed, so not overdue
 * goals met = g1 g3 = 2 of 6 due = 1/3; overdue = g5 g8 = 2
 * by worker: Ann 1 of 4 = 0.25; Bob 1 of 2 = 0.5, and K2's GAS T = 50 + 10 x (0 - 1) / sqrt(0.7 x 2 + 0.3 x
 * 2^2) = 50 - 10 / sqrt(2.6)
 */
const MET = {
	cases: [
		{ case_id: 'K1', opened_at: '2024-12-01', closed_at: null, worker: 'Ann' },
		{ case_id: 'K2', opened_at: '2024-11-01', closed_at: '2025-03-01', worker: 'Bob' }
	],
	goals: [
		{
			case_id: 'K1',
			goal_id: 'g1',
			target_at: '2025-02-01',
			achieved_at: '2025-02-01 17:00:00',
			gas_score: null
		},
		{
			case_id: 'K1',
			goal_id: 'g2',
			target_at: '2025-03-01',
			achieved_at: '2025-03-05 00:00:00',
			gas_score: null
		},
		{ case_id: 'K1', goal_id: 'g5', target_at: '2025-05-15', achieved_at: null, gas_score: null },
		{
			case_id: 'K1',
			goal_id: 'g8',
			target_at: '2025-06-01',
			achieved_at: '2025-07-15 00:00:00',
			gas_score: null
		},
		{ case_id: 'K2', goal_id: 'g3', target_at: '2025-02-15', achieved_at: null, gas_score: 0 },
		{ case_id: 'K2', goal_id: 'g4', target_at: '2025-02-20', achieved_at: null, gas_score: -1 },
		{ case_id: 'K2', goal_id: 'g6', target_at: '2025-08-01', achieved_at: null, gas_score: null },
		{ case_id: 'K2', goal_id: 'g7', target_at: '2024-12-01', achieved_at: null, gas_score: null },
		// a goal of a case that is not in the cases file counts nowhere
		{ case_id: 'K9', goal_id: 'g9', target_at: '2025-02-01', achieved_at: null, gas_score: 2 }
	]
};

describe('goals met and overdue', () => {
	it('met on or before the target (or by a GAS score of 0 or more), and overdue', async () => {
		const ds = await loadFixture(engine, MET);
		expect(ds.tables.goals?.columns.achieved_at.hasTime).toBe(true);
		const r = await computeArea(engine, ctx(ds, H1), 'goals');
		expect(r.goals_met_rate).toMatchObject({ value: 1 / 3, n: 6, detail: { met: 2 } });
		expect(r.goals_overdue).toMatchObject({ value: 2 });
		expect((r.goal_attainment_by_worker as TableResult).rows).toEqual([
			{ worker: 'Ann', due: 4, met: 1, met_rate: 0.25, gas_n: 0, gas_t_mean: null },
			{
				worker: 'Bob',
				due: 2,
				met: 1,
				met_rate: 0.5,
				gas_n: 1,
				gas_t_mean: expect.closeTo(50 - 10 / Math.sqrt(2.6), 12)
			}
		]);
		const missed = await drill(engine, ctx(ds, H1), 'goals_met_rate');
		expect(missed.map((g) => g.goal_id).sort()).toEqual(['g2', 'g4', 'g5', 'g8']);
		const overdue = await drill(engine, ctx(ds, H1), 'goals_overdue');
		expect(overdue.map((g) => g.goal_id).sort()).toEqual(['g5', 'g8']);
	});

	it('no goal due in the period: the rate is null', async () => {
		const ds = await loadFixture(engine, MET);
		const r = await computeMetrics(
			engine,
			ctx(ds, scope('2025-10-31', '2025-10-01', '2025-10-31')),
			['goals_met_rate', 'goals_overdue']
		);
		expect(r.goals_met_rate).toMatchObject({ value: null, n: 0 });
		// As of 2025-10-31 K1's g5 and g8 are still overdue (g8 was achieved after the target but before this
		// as-of date: not overdue now).
		expect((r.goals_overdue as ScalarResult).value).toBe(1);
	});

	it('without a goals file the goal metrics say so', async () => {
		const ds = await loadFixture(engine, { cases: MET.cases });
		const r = await computeArea(engine, ctx(ds, H1), 'goals');
		for (const id of ['goals_met_rate', 'gas_t_mean', 'goals_overdue'])
			expect(r[id].unavailable).toBe('not available: needs the goals file');
	});
});

/*
 * The GAS worked example: x = (-2, 0, -1, 2, 0, 1), w = (3, 5, 1, 4, 2, 6)
 *   sum w x = -6 + 0 - 1 + 8 + 0 + 6 = 7; sum w^2 = 9 + 25 + 1 + 16 + 4 + 36 = 91; (sum w)^2 = 21^2 = 441
 *   T = 50 + 10 x 7 / sqrt(0.7 x 91 + 0.3 x 441) = 50 + 70 / sqrt(63.7 + 132.3) = 50 + 70 / 14 = 55
 * All goals at 0: T = 50 + 0 = 50. One goal scored 2 with no weight (w = 1): T = 50 + 20 / sqrt(0.7 + 0.3) = 70.
 * Weights all 0: the formula is undefined; the case is left out. A case closed before the period is out of scope.
 * Mean over Ann's 55, Bob's 50, Cy's 70 = 175 / 3, n = 3.
 */
const GAS = {
	cases: [
		{ case_id: 'W', opened_at: '2025-01-01', closed_at: null, worker: 'Ann' },
		{ case_id: 'Z', opened_at: '2025-02-01', closed_at: null, worker: 'Bob' },
		{ case_id: 'U', opened_at: '2025-02-01', closed_at: '2025-05-01', worker: 'Cy' },
		{ case_id: 'N', opened_at: '2025-02-01', closed_at: null, worker: 'Cy' },
		{ case_id: 'OLD', opened_at: '2024-01-01', closed_at: '2024-06-01', worker: 'Cy' }
	],
	goals: [
		...[-2, 0, -1, 2, 0, 1].map((x, i) => ({
			case_id: 'W',
			goal_id: `w${i}`,
			gas_score: x,
			weight: [3, 5, 1, 4, 2, 6][i]
		})),
		{ case_id: 'Z', goal_id: 'z1', gas_score: 0, weight: null },
		{ case_id: 'Z', goal_id: 'z2', gas_score: 0, weight: 3 },
		{ case_id: 'Z', goal_id: 'z3', gas_score: null, weight: 3 },
		{ case_id: 'U', goal_id: 'u1', gas_score: 2, weight: null },
		{ case_id: 'N', goal_id: 'n1', gas_score: 2, weight: 0 },
		{ case_id: 'OLD', goal_id: 'o1', gas_score: -2, weight: 1 }
	]
};

describe('Goal Attainment Scaling', () => {
	it('the worked example gives T = 55; all goals at 0 give 50; mean over cases with n', async () => {
		const ds = await loadFixture(engine, GAS);
		const ann = await computeMetrics(
			engine,
			ctx(ds, scope('2025-06-30', '2025-01-01', '2025-06-30', { worker: ['Ann'] })),
			['gas_t_mean']
		);
		expect(ann.gas_t_mean).toMatchObject({ value: expect.closeTo(55, 12), n: 1 });
		const bob = await computeMetrics(
			engine,
			ctx(ds, scope('2025-06-30', '2025-01-01', '2025-06-30', { worker: ['Bob'] })),
			['gas_t_mean']
		);
		expect(bob.gas_t_mean).toMatchObject({ value: 50, n: 1 });
		const all = await computeMetrics(engine, ctx(ds, H1), [
			'gas_t_mean',
			'goal_attainment_by_worker',
			'goals_met_rate'
		]);
		expect(all.gas_t_mean).toMatchObject({ value: expect.closeTo(175 / 3, 12), n: 3 });
		expect(
			(all.goal_attainment_by_worker as TableResult).rows.map((r) => [
				r.worker,
				r.gas_n,
				r.gas_t_mean
			])
		).toEqual([
			['Ann', 1, expect.closeTo(55, 12)],
			['Bob', 1, 50],
			['Cy', 1, 70]
		]);
		// No target dates in this file: goals met cannot be computed.
		expect(all.goals_met_rate.unavailable).toBe('not available: needs Goals: Target');
		const cases = await drill(engine, ctx(ds, H1), 'gas_t_mean');
		expect(cases.map((c) => [c.case_id, c.t])).toEqual([
			['Z', 50],
			['W', expect.closeTo(55, 12)],
			['U', 70],
			['N', null]
		]);
	});
});
