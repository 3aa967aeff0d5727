/** Needs attention on the seeded dataset (attention-seed.ts): counts, splits and drill rows by hand. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import type { DatasetInfo } from '../../../src/lib/model/dataset';
import { ATTENTION_REASONS, attentionListSql } from '../../../src/lib/metrics/attention';
import { computeArea, drill } from '../../../src/lib/metrics/run';
import type { ScalarResult } from '../../../src/lib/metrics/types';
import { AS_OF, EXPECTED_LIST, SEED } from './attention-seed';
import { ctx, loadFixture, scope } from './fixture';

let engine: Engine;
let ds: DatasetInfo;
beforeAll(async () => {
	engine = await createNodeEngine();
	ds = await loadFixture(engine, SEED);
});
afterAll(async () => engine.close());

const S = scope(AS_OF, '2025-01-01', AS_OF);
const ALL = ATTENTION_REASONS.map((r) => r.reason);
const asRows = (rows: Record<string, unknown>[]) =>
	rows.map((r) => [r.case_id, r.worker, r.reason, r.item, r.due, r.days_left]);

describe('needs attention on the seeded cases', () => {
	it('counts each reason, split overdue / due soon, over the 11 open cases', async () => {
		const r = await computeArea(engine, ctx(ds, S), 'attention');
		const got = Object.fromEntries(
			Object.values(r).map((x) => {
				const s = x as ScalarResult;
				return [x.id, [s.value, s.detail?.overdue, s.detail?.due_soon, s.n]];
			})
		);
		expect(got).toEqual({
			attention_deadline_due: [4, 2, 2, 11],
			attention_standard_breach: [2, 1, 1, 11],
			attention_review_due: [2, 2, 0, 11],
			attention_first_contact_due: [2, 1, 1, 11],
			attention_stale: [2, 1, 1, 11],
			attention_goal_overdue: [3, 2, 1, 11]
		});
	});

	it('lists the rows most urgent first, with worker, reason, item, date and days left', async () => {
		const rows = await engine.query(attentionListSql(ctx(ds, S), ALL));
		expect(asRows(rows)).toEqual(EXPECTED_LIST);
		expect(rows[0].status).toBe('overdue');
		expect(rows.at(-1)?.status).toBe('due soon');
	});

	it('drills into one reason and one side of the split', async () => {
		const c = ctx(ds, S);
		const deadlines = await drill(engine, c, 'attention_deadline_due');
		expect(deadlines.map((r) => [r.case_id, r.days_left])).toEqual([
			['A2', -5],
			['A9', -2],
			['A1', 3],
			['A11', 7]
		]);
		const soon = await drill(engine, c, 'attention_deadline_due', { part: 'due_soon' });
		expect(soon.map((r) => r.case_id)).toEqual(['A1', 'A11']);
		const late = await drill(engine, c, 'attention_goal_overdue', { part: 'overdue' });
		expect(late.map((r) => [r.case_id, r.item])).toEqual([
			['A8', 'goal G1'],
			['A2', 'goal G5']
		]);
		await expect(drill(engine, c, 'attention_stale', { part: 'late' })).rejects.toThrow(
			/unknown drill part/
		);
	});

	it('follows the worker filter and the horizon setting', async () => {
		const ana = await computeArea(
			engine,
			ctx(ds, scope(AS_OF, '2025-01-01', AS_OF, { worker: ['Ana'] })),
			'attention'
		);
		expect((ana.attention_deadline_due as ScalarResult).detail).toEqual({
			overdue: 0,
			due_soon: 2
		});
		expect((ana.attention_standard_breach as ScalarResult).value).toBe(1);
		expect((ana.attention_stale as ScalarResult).value).toBe(0);
		expect((ana.attention_deadline_due as ScalarResult).n).toBe(3);
		// Horizon 3 days: A11's hearing (in 7), A3's standard and A12's staleness (in 4), G3 (in 5) drop out.
		const near = await computeArea(engine, ctx(ds, S, { attentionHorizonDays: 3 }), 'attention');
		const v = (id: string) => (near[id] as ScalarResult).value;
		expect([
			v('attention_deadline_due'),
			v('attention_standard_breach'),
			v('attention_stale'),
			v('attention_goal_overdue'),
			v('attention_first_contact_due')
		]).toEqual([3, 1, 1, 2, 2]);
	});

	it('a case type with its own time standard uses it', async () => {
		// Housing: 200 days first; A3 (opened 2025-01-05) then reaches its first tier on 07-24, beyond.
		const settings = {
			timeStandards: {
				default: [
					{ days: 180, target: 0.75 },
					{ days: 365, target: 0.9 },
					{ days: 540, target: 0.98 }
				],
				byType: {
					housing: [
						{ days: 200, target: 0.75 },
						{ days: 365, target: 0.9 },
						{ days: 600, target: 0.98 }
					]
				}
			}
		};
		const rows = await drill(engine, ctx(ds, S, settings), 'attention_standard_breach');
		// A13 opened 2023-06-01 passes 600 days on 2025-01-21: 160 days overdue.
		expect(rows.map((r) => [r.case_id, r.item, r.due, r.days_left])).toEqual([
			['A13', '600-day standard', '2025-01-21', -160]
		]);
	});

	it('says "not available" and why when the columns are missing', async () => {
		const bare = await loadFixture(engine, {
			cases: [{ case_id: 'B1', opened_at: '2025-06-01', closed_at: null, worker: 'Ana' }]
		});
		const r = await computeArea(engine, ctx(bare, S), 'attention');
		expect(r.attention_deadline_due.unavailable).toMatch(/^not available: needs .*Due/);
		// A review event or a next-review date on the cases file would answer.
		expect(r.attention_review_due.unavailable).toBe(
			'not available: needs Events: Due or Next review'
		);
		expect(r.attention_goal_overdue.unavailable).toBe('not available: needs the goals file');
		expect(r.attention_first_contact_due.unavailable).toMatch(
			/^not available: needs .*First contact/
		);
		expect(r.attention_standard_breach).toMatchObject({
			value: 0,
			n: 1,
			detail: { overdue: 0, due_soon: 0 }
		});
		// B1, opened 2025-06-01 with no other activity, goes stale on 07-31: beyond the horizon.
		expect(r.attention_stale).toMatchObject({ value: 0, n: 1 });
		// Reload the seed for any test after this one.
		ds = await loadFixture(engine, SEED);
	});
});
