/** Resolution times, time standards, Kaplan-Meier and the pending caseload on hand-made cases. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import type { DatasetInfo } from '../../../src/lib/model/dataset';
import { computeArea, computeMetrics, drill } from '../../../src/lib/metrics/run';
import { defaultSettings } from '../../../src/lib/metrics/settings';
import type { ScalarResult, TableResult } from '../../../src/lib/metrics/types';
import { ctx, loadFixture, scope } from './fixture';

let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
});
afterAll(async () => engine.close());

const value = (r: Record<string, unknown>, id: string) => (r[id] as ScalarResult).value;
const rows = (r: Record<string, unknown>, id: string) => (r[id] as TableResult).rows;

/*
 * 2025, as of 2025-12-31, dates only.
 * Closed in 2025, days to close:
 *   P1 2025-01-01 -> 2025-01-11   10   Debt
 *   P2 2025-02-01 -> 2025-02-21   20   Debt
 *   P3 2025-03-01 -> 2025-03-31   30   Debt
 * P4 2025-01-01 -> 2025-07-20  200   Family  (Jan 31 + Feb 28 + Mar 31 + Apr 30 + May 31 + Jun 30 = 181 to Jul
 * 1, + 19)
 *   P5 2024-06-01 -> 2025-07-06  400   Family  (365 to 2025-06-01, + 30 to Jul 1, + 5)
 *   median 30; mean 660 / 5 = 132; p90: position 4 x 0.9 = 3.6 -> 200 + 0.6 x (400 - 200) = 320
 * tiers: <= 180: P1 P2 P3 = 3/5 = 0.6 (target 0.75, missed); <= 365: 4/5 = 0.8 (0.9, missed); <= 540: 5/5 = 1
 * (0.98, met)
 * Open at 2025-12-31, age in days:
 *   O1 2025-12-21   10   0-30
 *   O2 2025-10-02   90   31-90   (29 + 30 + 31)
 *   O3 2025-07-04  180   91-180  (31 + 31 + 30 + 31 + 30 + 27)
 *   O4 2024-12-31  365   181-365
 *   O5 2023-06-01  944   over 365 (366 + 365 to 2025-06-01, + 183 to Dec 1, + 30), older than 540: backlog
 *   median age 180; backlog 1/5 = 0.2
 */
const CASES = [
	{ case_id: 'P1', opened_at: '2025-01-01', closed_at: '2025-01-11', case_type: 'Debt' },
	{ case_id: 'P2', opened_at: '2025-02-01', closed_at: '2025-02-21', case_type: 'Debt' },
	{ case_id: 'P3', opened_at: '2025-03-01', closed_at: '2025-03-31', case_type: 'Debt' },
	{ case_id: 'P4', opened_at: '2025-01-01', closed_at: '2025-07-20', case_type: 'Family' },
	{ case_id: 'P5', opened_at: '2024-06-01', closed_at: '2025-07-06', case_type: 'Family' },
	{ case_id: 'O1', opened_at: '2025-12-21', closed_at: null, case_type: 'Debt' },
	{ case_id: 'O2', opened_at: '2025-10-02', closed_at: null, case_type: 'Debt' },
	{ case_id: 'O3', opened_at: '2025-07-04', closed_at: null, case_type: 'Debt' },
	{ case_id: 'O4', opened_at: '2024-12-31', closed_at: null, case_type: 'Debt' },
	{ case_id: 'O5', opened_at: '2023-06-01', closed_at: null, case_type: 'Family' }
];
const Y2025 = scope('2025-12-31', '2025-01-01', '2025-12-31');

describe('days to close, time standards, pending ages', () => {
	let ds: DatasetInfo;
	beforeAll(async () => {
		ds = await loadFixture(engine, { cases: CASES });
	});

	it('median, mean and 90th percentile of days to close', async () => {
		const r = await computeArea(engine, ctx(ds, Y2025), 'resolution');
		expect(value(r, 'days_to_close_median')).toBe(30);
		expect(value(r, 'days_to_close_mean')).toBe(132);
		expect(value(r, 'days_to_close_p90')).toBeCloseTo(320, 9);
		expect((r.days_to_close_median as ScalarResult).n).toBe(5);
	});

	it('time standard compliance per tier against its target', async () => {
		const r = await computeMetrics(engine, ctx(ds, Y2025), ['time_standard_compliance']);
		expect(rows(r, 'time_standard_compliance')).toEqual([
			{ tier: 1, days: 180, within: 3, n: 5, share: 0.6, target: 0.75, met: false },
			{ tier: 2, days: 365, within: 4, n: 5, share: 0.8, target: 0.9, met: false },
			{ tier: 3, days: 540, within: 5, n: 5, share: 1, target: 0.98, met: true }
		]);
	});

	it('per-type standards (matched ignoring letter case) change the tiers of that type only', async () => {
		// family: 60% in 200 days, 90% in 400, 95% in 600. Tier 1: Debt 3 + P4 (200 <= 200) = 4/5; target (3 x
		// 0.75 + 2 x 0.6) / 5 = 0.69
		// tier 2: Debt 3 + P4 + P5 (400 <= 400) = 5/5; target (3 x 0.9 + 2 x 0.9) / 5 = 0.9. Backlog: O5 944 >
		// 600 still.
		const settings = defaultSettings();
		settings.timeStandards.byType = {
			family: [
				{ days: 200, target: 0.6 },
				{ days: 400, target: 0.9 },
				{ days: 600, target: 0.95 }
			]
		};
		const r = await computeMetrics(engine, ctx(ds, Y2025, settings), [
			'time_standard_compliance',
			'backlog_share'
		]);
		const t = rows(r, 'time_standard_compliance');
		expect(t.map((x) => [x.within, x.share])).toEqual([
			[4, 0.8],
			[5, 1],
			[5, 1]
		]);
		expect(t[0].target).toBeCloseTo(0.69, 12);
		expect(t[1].target).toBeCloseTo(0.9, 12);
		expect(t[2].target).toBeCloseTo((3 * 0.98 + 2 * 0.95) / 5, 12);
		expect(t[0].met).toBe(true);
		expect(value(r, 'backlog_share')).toBe(0.2);
	});

	it('pending age median, buckets (upper bounds inclusive) and backlog share', async () => {
		const r = await computeArea(engine, ctx(ds, Y2025), 'resolution');
		expect(value(r, 'pending_age_median')).toBe(180);
		expect(rows(r, 'pending_age_buckets')).toEqual([
			{ bucket: '0-30', n: 1, share: 0.2 },
			{ bucket: '31-90', n: 1, share: 0.2 },
			{ bucket: '91-180', n: 1, share: 0.2 },
			{ bucket: '181-365', n: 1, share: 0.2 },
			{ bucket: 'over 365', n: 1, share: 0.2 }
		]);
		expect(r.backlog_share).toMatchObject({ value: 0.2, n: 5, detail: { backlog: 1 } });
	});

	it('by case type: Debt 10, 20, 30; Family 200, 400', async () => {
		const r = await computeMetrics(engine, ctx(ds, Y2025), ['days_to_close_by_type']);
		expect(rows(r, 'days_to_close_by_type')).toEqual(
			[
				// Debt quartiles: positions 0.5, 1, 1.5 -> 15, 20, 25; p90 position 1.8 -> 20 + 0.8 x 10 = 28
				{
					case_type: 'Debt',
					n: 3,
					min: 10,
					q1: 15,
					median: 20,
					q3: 25,
					p90: 28,
					max: 30,
					mean: 20
				},
				// Family: positions 0.25, 0.5, 0.75, 0.9 -> 250, 300, 350, 380
				{
					case_type: 'Family',
					n: 2,
					min: 200,
					q1: 250,
					median: 300,
					q3: 350,
					p90: 380,
					max: 400,
					mean: 300
				}
			].map((row) => ({ ...row, p90: expect.closeTo(row.p90, 9) }))
		);
	});

	it('drill-downs: the tier that was missed, an age bucket, the backlog', async () => {
		const c = ctx(ds, Y2025);
		const ids = async (id: string, sel?: Parameters<typeof drill>[3]) =>
			(await drill(engine, c, id, sel)).map((x) => x.case_id).sort();
		expect(await ids('time_standard_compliance', { group: '1' })).toEqual(['P4', 'P5']);
		expect(await ids('time_standard_compliance', { group: '2', part: 'within' })).toEqual([
			'P1',
			'P2',
			'P3',
			'P4'
		]);
		expect(await ids('pending_age_buckets', { group: '91-180' })).toEqual(['O3']);
		expect(await ids('backlog_share')).toEqual(['O5']);
		const closed = await drill(engine, c, 'days_to_close_median');
		expect(closed.map((x) => [x.case_id, x.days_open])).toEqual([
			['P5', 400],
			['P4', 200],
			['P3', 30],
			['P2', 20],
			['P1', 10]
		]);
	});

	it('empty scope: every figure null or zero, no error', async () => {
		const r = await computeArea(
			engine,
			ctx(ds, scope('2025-12-31', '2025-01-01', '2025-12-31', { case_type: ['None'] })),
			'resolution'
		);
		for (const id of [
			'days_to_close_median',
			'days_to_close_mean',
			'days_to_close_p90',
			'km_median_days',
			'pending_age_median',
			'backlog_share'
		]) {
			expect(r[id]).toMatchObject({ value: null });
			expect(r[id].error).toBeUndefined();
		}
		expect(rows(r, 'km_curve')).toEqual([]);
		expect(rows(r, 'pending_age_buckets').map((x) => x.n)).toEqual([0, 0, 0, 0, 0]);
		expect(rows(r, 'time_standard_compliance')[0]).toEqual({
			tier: 1,
			days: 180,
			within: 0,
			n: 0,
			share: null,
			target: 0.75,
			met: null
		});
	});
});

/*
 * Kaplan-Meier, as of 2025-06-30, cohort opened in 2025-01-01..2025-06-30; + = censored.
 *   type A: 3, 5, 7+, 12        type B: 4+ (closed after the as-of date), 5, 8, 10+, 15+
 * Product-limit table, all nine:
 *   t    at risk  closed  censored  S(t)
 *   3    9        1       0         8/9              = 0.888889
 *   4    8        0       1         8/9
 *   5    7        2       0         8/9 x 5/7 = 40/63 = 0.634921
 *   7    5        0       1         40/63
 *   8    4        1       0         40/63 x 3/4 = 10/21 = 0.476190  <= 0.5: median 8
 *   10   3        0       1         10/21
 *   12   2        1       0         10/21 x 1/2 = 5/21 = 0.238095
 *   15   1        0       1         5/21
 * Type A: 3 (4 at risk) 3/4; 5 (3) 3/4 x 2/3 = 1/2 exactly: median 5; 7+; 12 (1) 0.
 * Type B: 4+; 5 (4 at risk) 3/4; 8 (3) 1/2 exactly: median 8; 10+; 15+.
 * The median of the closed cases alone is 5 (3, 5, 5, 8, 12): the open ones make the real figure 8.
 */
const KM_CASES = [
	{ case_id: 'a3', opened_at: '2025-01-01', closed_at: '2025-01-04', case_type: 'A' },
	{ case_id: 'a5', opened_at: '2025-01-10', closed_at: '2025-01-15', case_type: 'A' },
	{ case_id: 'a7', opened_at: '2025-06-23', closed_at: null, case_type: 'A' },
	{ case_id: 'a12', opened_at: '2025-04-01', closed_at: '2025-04-13', case_type: 'A' },
	{ case_id: 'b4', opened_at: '2025-06-26', closed_at: '2025-07-10', case_type: 'B' },
	{ case_id: 'b5', opened_at: '2025-02-01', closed_at: '2025-02-06', case_type: 'B' },
	{ case_id: 'b8', opened_at: '2025-03-01', closed_at: '2025-03-09', case_type: 'B' },
	{ case_id: 'b10', opened_at: '2025-06-20', closed_at: null, case_type: 'B' },
	{ case_id: 'b15', opened_at: '2025-06-15', closed_at: null, case_type: 'B' },
	// opened before the cohort's period: not in it
	{ case_id: 'old', opened_at: '2024-12-31', closed_at: '2025-01-02', case_type: 'A' }
];
const H1 = scope('2025-06-30', '2025-01-01', '2025-06-30');

describe('Kaplan-Meier', () => {
	let ds: DatasetInfo;
	beforeAll(async () => {
		ds = await loadFixture(engine, { cases: KM_CASES });
	});

	it('the product-limit table with censoring, and its median', async () => {
		const r = await computeMetrics(engine, ctx(ds, H1), [
			'km_curve',
			'km_median_days',
			'days_to_close_median'
		]);
		const expected = [
			[3, 9, 1, 0, 8 / 9],
			[4, 8, 0, 1, 8 / 9],
			[5, 7, 2, 0, 40 / 63],
			[7, 5, 0, 1, 40 / 63],
			[8, 4, 1, 0, 10 / 21],
			[10, 3, 0, 1, 10 / 21],
			[12, 2, 1, 0, 5 / 21],
			[15, 1, 0, 1, 5 / 21]
		];
		const curve = rows(r, 'km_curve');
		expect(curve.map((x) => [x.t, x.at_risk, x.events, x.censored])).toEqual(
			expected.map((e) => e.slice(0, 4))
		);
		curve.forEach((x, i) => expect(x.survival).toBeCloseTo(expected[i][4], 12));
		expect(r.km_median_days).toMatchObject({ value: 8, n: 9, detail: { closed: 5, censored: 4 } });
		// closed in the period: a3 a5 a12 b5 b8 and 'old' (2 days): 2, 3, 5, 5, 8, 12 -> median 5
		expect(value(r, 'days_to_close_median')).toBe(5);
	});

	it('per case type, where S(t) reaches exactly one half', async () => {
		const r = await computeMetrics(engine, ctx(ds, H1), ['km_median_by_type', 'km_curve_by_type']);
		expect(rows(r, 'km_median_by_type')).toEqual([
			{ case_type: 'A', n: 4, events: 3, median: 5 },
			{ case_type: 'B', n: 5, events: 2, median: 8 }
		]);
		const byType = rows(r, 'km_curve_by_type');
		expect(byType.map((x) => [x.case_type, x.t, x.at_risk, x.events, x.censored])).toEqual([
			['A', 3, 4, 1, 0],
			['A', 5, 3, 1, 0],
			['A', 7, 2, 0, 1],
			['A', 12, 1, 1, 0],
			['B', 4, 5, 0, 1],
			['B', 5, 4, 1, 0],
			['B', 8, 3, 1, 0],
			['B', 10, 2, 0, 1],
			['B', 15, 1, 0, 1]
		]);
		expect(byType.map((x) => x.survival)).toEqual(
			[0.75, 0.5, 0.5, 0, 1, 0.75, 0.5, 0.5, 0.5].map((s) => expect.closeTo(s, 12))
		);
	});

	it('never reaching one half gives null; drill lists the censored cases', async () => {
		// Type B only, as of 2025-03-05: b5 closed (5 days), b8 open 4 days: S = 1/2 at t = 5, median 5.
		// As of 2025-02-05: only b5 is in the cohort (opened 2025-02-01), open 4 days: no closing, median null.
		const early = scope('2025-02-05', '2025-01-01', '2025-06-30', { case_type: ['B'] });
		const r = await computeMetrics(engine, ctx(ds, early), ['km_median_days', 'km_curve']);
		expect(r.km_median_days).toMatchObject({
			value: null,
			n: 1,
			detail: { closed: 0, censored: 1 }
		});
		expect(rows(r, 'km_curve')).toEqual([
			{ t: 4, at_risk: 1, events: 0, censored: 1, survival: 1 }
		]);
		const censored = await drill(engine, ctx(ds, H1), 'km_median_days', { part: 'censored' });
		expect(censored.map((x) => x.case_id).sort()).toEqual(['a7', 'b10', 'b15', 'b4']);
	});

	it('everything open: the whole cohort is censored', async () => {
		const open = await loadFixture(engine, {
			cases: KM_CASES.map((c) => ({ ...c, closed_at: null }))
		});
		const r = await computeMetrics(engine, ctx(open, H1), [
			'km_median_days',
			'days_to_close_median',
			'pending_age_median'
		]);
		expect(r.km_median_days).toMatchObject({
			value: null,
			n: 9,
			detail: { closed: 0, censored: 9 }
		});
		expect(r.days_to_close_median).toMatchObject({ value: null, n: 0 });
		expect((r.pending_age_median as ScalarResult).n).toBe(10);
	});
});

describe('fractional and whole days', () => {
	it('times of day on both dates give fractional days; a date-only side gives whole days', async () => {
		// T1 opened 2025-01-01 12:00 closed 2025-01-02 18:00: 1.25 days. T2 opened 2025-01-03 06:00 closed
		// 2025-01-03 18:00: 0.5.
		const cases = [
			{ case_id: 'T1', opened_at: '2025-01-01 12:00:00', closed_at: '2025-01-02 18:00:00' },
			{ case_id: 'T2', opened_at: '2025-01-03 06:00:00', closed_at: '2025-01-03 18:00:00' }
		];
		const timed = await loadFixture(engine, { cases });
		const s = scope('2025-01-31 00:00:00', '2025-01-01', '2025-01-31');
		const r = await computeMetrics(engine, ctx(timed, s), ['days_to_close_mean', 'km_median_days']);
		expect(value(r, 'days_to_close_mean')).toBeCloseTo((1.25 + 0.5) / 2, 12);
		// KM: 0.5 (2 at risk, S = 1/2): median 0.5
		expect(value(r, 'km_median_days')).toBe(0.5);
		// The same data where the closing dates have no time of day: 2025-01-02 - 2025-01-01 = 1, same day = 0.
		const dateOnly: DatasetInfo = structuredClone(timed);
		dateOnly.tables.cases!.columns.closed_at.hasTime = false;
		const w = await computeMetrics(engine, ctx(dateOnly, s), ['days_to_close_mean']);
		expect(value(w, 'days_to_close_mean')).toBe(0.5);
	});
});
