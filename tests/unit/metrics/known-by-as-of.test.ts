/**
 * A figure uses only what had happened by its as-of moment: a case opened after it is unknown, a
 * closing, a completed deadline or an achieved goal after it had not happened. Hand-computed small
 * fixtures; the overview's facts and cube give the catalogue's figures on each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import type { DatasetInfo } from '../../../src/lib/model/dataset';
import { OVERVIEW_IDS } from '../../../src/lib/metrics/catalogue';
import { computeOverview, prepareCube, prepareOverview } from '../../../src/lib/metrics/overview';
import { computeMetrics, drill } from '../../../src/lib/metrics/run';
import type { Scope } from '../../../src/lib/metrics/scope';
import type { ScalarResult, TableResult } from '../../../src/lib/metrics/types';
import { ctx, loadFixture, scope } from './fixture';

let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
}, 60_000);
afterAll(async () => engine.close());

/** The overview's facts and cube give the catalogue's value and n for every headline figure. */
async function expectOverviewAgrees(dataset: DatasetInfo, s: Scope): Promise<void> {
	const c = ctx(dataset, s);
	await prepareOverview(engine, dataset);
	const catalogue = await computeMetrics(engine, c, [...OVERVIEW_IDS]);
	const [facts] = await computeOverview(engine, c, [s]);
	const [fromCube] = await computeOverview(engine, c, [s], await prepareCube(engine, c, [s]));
	for (const id of OVERVIEW_IDS) {
		const want = catalogue[id] as ScalarResult;
		for (const [path, got] of [
			['facts', facts[id]],
			['cube', fromCube[id]]
		] as const) {
			const r = got as ScalarResult;
			expect(r.error, `${path} ${id}`).toBeUndefined();
			expect(r.n ?? null, `${path} ${id}`).toBe(want.n ?? null);
			if (want.value === null || r.value === null)
				expect(r.value, `${path} ${id}`).toBe(want.value);
			else expect(r.value, `${path} ${id}`).toBeCloseTo(want.value, 12);
		}
	}
}

describe('deadlines: done after the as-of date is not done at it', () => {
	// As of 2025-06-15, every deadline due 2025-06-10 or 11.
	const fixture = {
		cases: [
			{ case_id: 'met', opened_at: '2025-06-01', closed_at: '2025-06-05', due_at: '2025-06-10' },
			{ case_id: 'late', opened_at: '2025-06-01', closed_at: '2025-06-12', due_at: '2025-06-10' },
			// Closed after the as-of date: at 2025-06-15 it had not closed.
			{ case_id: 'after', opened_at: '2025-06-01', closed_at: '2025-06-20', due_at: '2025-06-10' },
			{ case_id: 'open', opened_at: '2025-06-01', closed_at: null, due_at: '2025-06-10' },
			{ case_id: 'ev', opened_at: '2025-06-01', closed_at: null, due_at: null }
		],
		events: [
			{ case_id: 'ev', kind: 'deadline', due_at: '2025-06-11', done_at: '2025-06-14' },
			{ case_id: 'ev', kind: 'hearing', due_at: '2025-06-11', done_at: '2025-06-16' },
			{ case_id: 'ev', kind: 'deadline', due_at: '2025-06-11', done_at: '2025-06-11' }
		]
	};

	it('splits met / late / not done by what had happened at the as-of date', async () => {
		const dataset = await loadFixture(engine, fixture);
		const s = scope('2025-06-15', '2025-06-01', '2025-06-15');
		const r = await computeMetrics(engine, ctx(dataset, s), [
			'deadlines_met_rate',
			'deadlines_monthly'
		]);
		const rate = r.deadlines_met_rate as ScalarResult;
		// met: case "met", event done 06-11; late: case "late", event done 06-14; not done: case
		// "after" (closed 06-20), case "open", the hearing done 06-16.
		expect(rate.detail).toEqual({ met: 2, late: 2, not_done: 3 });
		expect(rate.n).toBe(7);
		expect(rate.value).toBeCloseTo(2 / 7, 12);
		expect((r.deadlines_monthly as TableResult).rows).toEqual([
			{ month: '2025-06-01', n: 7, met: 2, late: 2, not_done: 3, rate: 2 / 7 }
		]);
		const notDone = await drill(engine, ctx(dataset, s), 'deadlines_met_rate', {
			part: 'not_done'
		});
		expect(notDone.map((x) => `${x.case_id} ${x.source}`).sort()).toEqual([
			'after case',
			'ev hearing',
			'open case'
		]);
		await expectOverviewAgrees(dataset, s);
	});

	it('a week later the same deadlines are late, and the met rate is the same', async () => {
		const dataset = await loadFixture(engine, fixture);
		const s = scope('2025-06-22', '2025-06-01', '2025-06-15');
		const rate = (await computeMetrics(engine, ctx(dataset, s), ['deadlines_met_rate']))
			.deadlines_met_rate as ScalarResult;
		expect(rate.detail).toEqual({ met: 2, late: 4, not_done: 1 });
		expect(rate.value).toBeCloseTo(2 / 7, 12);
		await expectOverviewAgrees(dataset, s);
	});
});

describe('cases: an as-of time of day inside the period', () => {
	// As of 2025-06-15 12:00, period 2025-06-01..2025-06-15.
	const fixture = {
		cases: [
			{ case_id: 'x', opened_at: '2025-06-15 14:00:00', closed_at: null, close_reason: null },
			{
				case_id: 'y',
				opened_at: '2025-06-02 10:00:00',
				closed_at: '2025-06-15 13:00:00',
				close_reason: 'Won'
			},
			{
				case_id: 'z',
				opened_at: '2025-06-03 09:00:00',
				closed_at: '2025-06-15 09:00:00',
				close_reason: 'Lost'
			}
		]
	};

	it('counts neither a case opened after it nor a closing after it', async () => {
		const dataset = await loadFixture(engine, fixture);
		const s = scope('2025-06-15 12:00:00', '2025-06-01', '2025-06-15');
		const r = await computeMetrics(engine, ctx(dataset, s), [
			'opened',
			'closed',
			'clearance_rate',
			'pending_end',
			'days_to_close_median',
			'outcome_mix',
			'km_median_days'
		]);
		// Opened: y and z (x opened at 14:00, after the as-of moment). Closed: z only (y closed at 13:00).
		expect((r.opened as ScalarResult).value).toBe(2);
		expect((r.closed as ScalarResult).value).toBe(1);
		expect((r.clearance_rate as ScalarResult).value).toBe(0.5);
		// Pending at the period's end, as known at 12:00: y.
		expect((r.pending_end as ScalarResult).value).toBe(1);
		// z: 2025-06-03 09:00 to 2025-06-15 09:00, 12 days.
		expect(r.days_to_close_median).toMatchObject({ value: 12, n: 1 });
		expect((r.outcome_mix as TableResult).rows).toEqual([{ close_reason: 'Lost', n: 1, share: 1 }]);
		// Cohort y, z: z closes at 12 days (S = 1/2): the median; y is censored at 13 days 2 hours.
		expect(r.km_median_days).toMatchObject({ value: 12, n: 2 });
		await expectOverviewAgrees(dataset, s);
	});
});

describe('goals: achieved after the as-of date is not met at it', () => {
	it('counts a goal met only when achieved by its target and by the as-of date', async () => {
		const dataset = await loadFixture(engine, {
			cases: [{ case_id: 'a', opened_at: '2025-05-01', closed_at: null }],
			goals: [
				{ goal_id: 'g1', case_id: 'a', target_at: '2025-06-10', achieved_at: '2025-06-09' },
				// Due in the period, which runs past the as-of date; achieved after the as-of date.
				{ goal_id: 'g2', case_id: 'a', target_at: '2025-06-20', achieved_at: '2025-06-18' },
				{ goal_id: 'g3', case_id: 'a', target_at: '2025-06-12', achieved_at: '2025-06-13' }
			]
		});
		const s = scope('2025-06-15', '2025-06-01', '2025-06-30');
		const r = (await computeMetrics(engine, ctx(dataset, s), ['goals_met_rate']))
			.goals_met_rate as ScalarResult;
		expect(r).toMatchObject({ value: 1 / 3, n: 3, detail: { met: 1 } });
		// Once the as-of date has passed it, g2 is met.
		const later = scope('2025-06-30', '2025-06-01', '2025-06-30');
		const r2 = (await computeMetrics(engine, ctx(dataset, later), ['goals_met_rate']))
			.goals_met_rate as ScalarResult;
		expect(r2).toMatchObject({ value: 2 / 3, n: 3, detail: { met: 2 } });
		await expectOverviewAgrees(dataset, s);
		await expectOverviewAgrees(dataset, later);
	});
});
