/** Outcomes and satisfaction on hand-made cases; and the whole catalogue on empty and partial data. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import { CATALOGUE } from '../../../src/lib/metrics/catalogue';
import {
	computeAll,
	computeArea,
	computeMetric,
	drill,
	drillCount
} from '../../../src/lib/metrics/run';
import { defaultScope } from '../../../src/lib/metrics/scope';
import type { ScalarResult, TableResult } from '../../../src/lib/metrics/types';
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
 *   the open case's score and the 2024 case's are not in the period, but the scale is read from all scores: 0 seen, so 0-10.
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
					'stale_cases'
				];
				expect(res.value, id).toBe(counts.includes(id) ? 0 : null);
			}
		}
		expect(r.net_promoter_score.unavailable).toMatch(/scale: unknown/);
		expect((r.throughput_monthly as TableResult).rows).toHaveLength(13);
	});

	it('every drill-down runs and agrees with its figure', async () => {
		const ds = await loadFixture(engine, { cases: CASES });
		const c = ctx(ds, H1);
		const all = await computeAll(engine, c);
		for (const e of CATALOGUE) {
			if (all[e.id].unavailable) continue;
			const sel = e.id.includes('monthly') ? { month: '2025-02-01' } : undefined;
			const rows = await drill(engine, c, e.id, sel);
			expect(
				rows.every((x) => 'case_id' in x),
				e.id
			).toBe(true);
			expect(await drillCount(engine, c, e.id, sel), e.id).toBe(rows.length);
		}
		expect((all.closed as ScalarResult).value).toBe((await drill(engine, c, 'closed')).length);
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
