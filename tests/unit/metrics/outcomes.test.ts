/** Outcomes and satisfaction on hand-made cases; and the whole catalogue on empty and partial data. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import { CATALOGUE } from '../../../src/lib/metrics/catalogue';
import { computeAll, computeArea, computeMetric, drill } from '../../../src/lib/metrics/run';
import { defaultScope } from '../../../src/lib/metrics/scope';
import type { DrillSelection, ScalarResult, TableResult } from '../../../src/lib/metrics/types';
import { ctx, loadFixture, scope } from './fixture';

let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
});
afterAll(async () => engine.close());

const H1 = scope('2025-06-30', '2025-01-01', '2025-06-30');

/*
 * Closed in H1 2025: reasons A A A B (blank); scores 10 9 7 6 0.
 *   mix: A 3 (0.6), B 1 (0.2), blank 1 (0.2)
 *   mean (10 + 9 + 7 + 6 + 0) / 5 = 6.4; promoters (9-10) 2, detractors (0-6) 2: NPS (2 - 2) / 5 = 0
 *   the open case's score and the 2024 case's are not in the period, but the scale is read from all
 *   scores: 0 seen, so 0-10.
 */
const CASES = [
	{
		case_id: 'C1',
		opened_at: '2025-01-01',
		closed_at: '2025-02-01',
		close_reason: 'A',
		satisfaction: 10
	},
	{
		case_id: 'C2',
		opened_at: '2025-01-01',
		closed_at: '2025-02-02',
		close_reason: 'A',
		satisfaction: 9
	},
	{
		case_id: 'C3',
		opened_at: '2025-01-01',
		closed_at: '2025-03-01',
		close_reason: 'A',
		satisfaction: 7
	},
	{
		case_id: 'C4',
		opened_at: '2025-01-01',
		closed_at: '2025-04-01',
		close_reason: 'B',
		satisfaction: 6
	},
	{
		case_id: 'C5',
		opened_at: '2025-01-01',
		closed_at: '2025-05-01',
		close_reason: null,
		satisfaction: 0
	},
	{
		case_id: 'C6',
		opened_at: '2025-01-01',
		closed_at: '2025-05-02',
		close_reason: 'B',
		satisfaction: null
	},
	{ case_id: 'C7', opened_at: '2025-01-01', closed_at: null, close_reason: null, satisfaction: 3 },
	{
		case_id: 'C8',
		opened_at: '2024-01-01',
		closed_at: '2024-02-01',
		close_reason: 'A',
		satisfaction: 1
	}
];

describe('outcomes', () => {
	it('outcome mix as counts and shares, blank reasons as their own row', async () => {
		// C6 adds a B: A 3, B 2, blank 1 of 6
		const ds = await loadFixture(engine, { cases: CASES });
		const r = await computeArea(engine, ctx(ds, H1), 'outcomes');
		expect((r.outcome_mix as TableResult).rows).toEqual([
			{ close_reason: 'A', n: 3, share: 0.5 },
			{ close_reason: 'B', n: 2, share: 2 / 6 },
			{ close_reason: null, n: 1, share: 1 / 6 }
		]);
		const blank = await drill(engine, ctx(ds, H1), 'outcome_mix', { group: null });
		expect(blank.map((x) => x.case_id)).toEqual(['C5']);
	});

	it('satisfaction on a 0-10 scale, with the net promoter score', async () => {
		const ds = await loadFixture(engine, { cases: CASES });
		const r = await computeArea(engine, ctx(ds, H1), 'outcomes');
		expect(r.satisfaction_mean).toMatchObject({ value: 6.4, n: 5, detail: { scale: '0-10' } });
		expect(r.net_promoter_score).toMatchObject({
			value: 0,
			n: 5,
			detail: { promoters: 2, detractors: 2, scale: '0-10' }
		});
		expect(r.net_promoter_score.unavailable).toBeUndefined();
	});

	it('a 1-5 scale has no net promoter score unless the settings say 0-10; 1-10 is told apart', async () => {
		// scores 5 4 3 2 1 (closed in H1), no 0 and nothing above 5: 1-5; mean 3
		const five = CASES.map((c, i) => ({
			...c,
			satisfaction: c.satisfaction === null ? null : (i % 5) + 1
		}));
		const ds = await loadFixture(engine, { cases: five });
		const r = await computeArea(engine, ctx(ds, H1), 'outcomes');
		expect(r.satisfaction_mean).toMatchObject({ value: 3, n: 5, detail: { scale: '1-5' } });
		expect(r.net_promoter_score).toMatchObject({
			value: null,
			unavailable: 'not available: needs satisfaction scores on a 0-10 scale (scale: 1-5)'
		});
		const forced = await computeArea(
			engine,
			ctx(ds, H1, { satisfactionScale: '0-10' }),
			'outcomes'
		);
		// 5 4 3 2 1: no promoters, 5 detractors: -1
		expect(forced.net_promoter_score).toMatchObject({ value: -1, detail: { scale: '0-10' } });
		const ten = await loadFixture(engine, {
			cases: CASES.map((c) => ({
				...c,
				satisfaction: c.satisfaction === null ? null : Math.max(1, c.satisfaction)
			}))
		});
		const t = await computeMetric(engine, ctx(ten, H1), 'satisfaction_mean');
		// 10 9 7 6 1: mean 33 / 5 = 6.6
		expect(t).toMatchObject({ value: 6.6, detail: { scale: '1-10' } });
	});
});

describe('the whole catalogue', () => {
	it('on empty tables: no errors, counts 0, rates and days null', async () => {
		const ds = await loadFixture(engine, {
			cases: [],
			goals: [],
			events: [],
			staff: [],
			columns: {
				cases: [
					'case_id',
					'opened_at',
					'closed_at',
					'case_type',
					'worker',
					'close_reason',
					'satisfaction',
					'due_at',
					'first_contact_at',
					'intake_at',
					'last_activity_at'
				],
				goals: ['case_id', 'target_at', 'achieved_at', 'gas_score', 'weight'],
				events: ['case_id', 'kind', 'due_at', 'done_at'],
				staff: ['worker', 'fte', 'capacity']
			}
		});
		const s = await defaultScope(engine, ds, '2026-11-29');
		expect(s).toMatchObject({ asOf: '2026-11-29', from: '2025-11-30', to: '2026-11-29' });
		const r = await computeAll(engine, ctx(ds, s));
		expect(Object.keys(r)).toEqual(CATALOGUE.map((e) => e.id));
		for (const [id, res] of Object.entries(r)) {
			expect(res.error, id).toBeUndefined();
			if (res.kind === 'scalar' && !res.unavailable) {
				const counts = [
					'opened',
					'closed',
					'pending_start',
					'pending_end',
					'goals_overdue',
					'over_capacity_workers',
					'reviews_overdue',
					'stale_cases',
					'attention_deadline_due',
					'attention_standard_breach',
					'attention_review_due',
					'attention_first_contact_due',
					'attention_stale',
					'attention_goal_overdue'
				];
				expect(res.value, id).toBe(counts.includes(id) ? 0 : null);
			}
		}
		expect(r.net_promoter_score.unavailable).toMatch(/scale: unknown/);
		expect((r.throughput_monthly as TableResult).rows).toHaveLength(13);
	});

	it('every drill-down lists the cases worked out by hand', async () => {
		// H1 2025, as of 2025-06-30. C1-C7 opened 2025-01-01; closed C1 02-01 (31 days), C2 02-02 (32),
		// C3 03-01 (59), C4 04-01 (90), C5 05-01 (120), C6 05-02 (121); C7 open, 180 days old at 06-30
		// (31 + 28 + 31 + 30 + 31 + 29); C8 opened and closed in 2024, outside everything.
		const closed = ['C1', 'C2', 'C3', 'C4', 'C5', 'C6'];
		const cohort = [...closed, 'C7'];
		const expected: [string, DrillSelection | undefined, string[]][] = [
			['opened', undefined, cohort],
			['closed', undefined, closed],
			['clearance_rate', { part: 'opened' }, cohort],
			['clearance_rate', { part: 'closed' }, closed],
			['pending_start', undefined, []], // nothing open at 2025-01-01 00:00
			['pending_end', undefined, ['C7']],
			['throughput_monthly', { month: '2025-02-01', part: 'closed' }, ['C1', 'C2']],
			['throughput_monthly', { month: '2025-02-01', part: 'opened' }, []],
			['days_to_close_median', undefined, ['C6', 'C5', 'C4', 'C3', 'C2', 'C1']], // longest first
			['days_to_close_mean', undefined, closed],
			['days_to_close_p90', undefined, closed],
			['time_standard_compliance', undefined, []], // none over 180 days
			['time_standard_compliance', { group: '1', part: 'within' }, closed],
			['km_median_days', undefined, cohort],
			['km_median_days', { part: 'censored' }, ['C7']],
			['km_curve', { part: 'closed' }, closed],
			['pending_age_median', undefined, ['C7']],
			['pending_age_buckets', { group: '91-180' }, ['C7']], // 180 days: 90 < age <= 180
			['pending_age_buckets', { group: '181-365' }, []],
			['backlog_share', undefined, []], // 180 <= 540 days
			['stale_cases', undefined, ['C7']], // no activity for 180 > 60 days
			['documentation_completeness', undefined, ['C5']], // closed without a reason
			['outcome_mix', { group: 'B' }, ['C4', 'C6']],
			['satisfaction_mean', undefined, ['C1', 'C2', 'C3', 'C4', 'C5']], // C6 has no score
			['net_promoter_score', { part: 'promoters' }, ['C1', 'C2']], // 10, 9
			['net_promoter_score', { part: 'detractors' }, ['C4', 'C5']], // 6, 0
			// C7 reaches 180 days open on 06-30, the as-of day itself: due today
			['attention_standard_breach', { part: 'due_soon' }, ['C7']],
			['attention_stale', { part: 'overdue' }, ['C7']] // quiet since 01-01: stale from 03-02
		];
		const ds = await loadFixture(engine, { cases: CASES });
		const c = ctx(ds, H1);
		const all = await computeAll(engine, c);
		const available = CATALOGUE.filter((e) => !all[e.id].unavailable).map((e) => e.id);
		expect(available).toEqual([...new Set(expected.map(([id]) => id))]);
		for (const [id, sel, ids] of expected) {
			const rows = await drill(engine, c, id, sel);
			const got = rows.map((x) => x.case_id as string);
			const label = `${id} ${JSON.stringify(sel ?? {})}`;
			expect(id === 'days_to_close_median' ? got : got.sort(), label).toEqual(ids);
		}
		expect(all.closed).toMatchObject({ value: 6 });
		expect(all.opened).toMatchObject({ value: 7 });
		expect(all.pending_end).toMatchObject({ value: 1 });
		expect((await computeMetric(engine, c, 'closed')) as ScalarResult).toEqual(all.closed);
	});

	it('the default scope: as of the latest opening or closing, at its precision', async () => {
		const ds = await loadFixture(engine, {
			cases: [
				{ case_id: 'a', opened_at: '2025-03-01 10:00:00', closed_at: '2025-06-15' },
				{ case_id: 'b', opened_at: '2025-06-14 09:30:00', closed_at: null }
			]
		});
		// closed_at (date only) holds the latest, 2025-06-15: the as-of date has no time of day
		expect(await defaultScope(engine, ds)).toMatchObject({
			asOf: '2025-06-15',
			from: '2024-06-16',
			to: '2025-06-15'
		});
		const timed = await loadFixture(engine, {
			cases: [{ case_id: 'a', opened_at: '2025-03-01 10:00:00', closed_at: '2025-06-15 08:00:00' }]
		});
		expect((await defaultScope(engine, timed)).asOf).toBe('2025-06-15 08:00:00');
	});
});
