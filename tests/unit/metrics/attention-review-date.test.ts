/**
 * A next-review date on the cases file (cases.review_at) feeds "review due" as one review per case,
 * not done, as it feeds the reviews metric; a review event due the same day is that review and
 * decides. Hand-computed at as-of 2025-06-30 with the default 7-day horizon (due on or before 07-07).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import { attentionListSql } from '../../../src/lib/metrics/attention';
import { computeArea } from '../../../src/lib/metrics/run';
import type { ScalarResult } from '../../../src/lib/metrics/types';
import { ctx, loadFixture, scope, type Fixture, type FixtureRow } from './fixture';

const AS_OF = '2025-06-30';
const S = scope(AS_OF, '2025-01-01', AS_OF);
const kase = (case_id: string, review_at: string, closed_at: string | null = null): FixtureRow => ({
	case_id,
	worker: 'Ana',
	case_type: 'Housing',
	opened_at: '2025-06-01',
	closed_at,
	first_contact_at: '2025-06-02',
	last_activity_at: '2025-06-29',
	review_at
});

/*
 *   R1 review date 06-25                                   overdue by 5
 *   R2 review date 07-03                                   due in 3
 *   R3 review date 07-20                                   past the horizon: not listed
 *   R4 review date 06-20, closed 06-25                     not open: not listed
 *   R5 review date 06-28 = review event done 06-27         that review is done: not listed
 *   R6 review date 06-29 = review event not done           one review, overdue by 1
 *   R7 review date 07-01, review event 06-26 not done      one case, its most urgent: overdue by 4
 */
const WITH_EVENTS: Fixture = {
	cases: [
		kase('R1', '2025-06-25'),
		kase('R2', '2025-07-03'),
		kase('R3', '2025-07-20'),
		kase('R4', '2025-06-20', '2025-06-25'),
		kase('R5', '2025-06-28'),
		kase('R6', '2025-06-29'),
		kase('R7', '2025-07-01')
	],
	events: [
		{ case_id: 'R5', kind: 'review', due_at: '2025-06-28', done_at: '2025-06-27' },
		{ case_id: 'R6', kind: 'review', due_at: '2025-06-29', done_at: null },
		{ case_id: 'R7', kind: 'review', due_at: '2025-06-26', done_at: null }
	]
};

let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
});
afterAll(async () => engine.close());

async function reviewDue(fixture: Fixture) {
	const ds = await loadFixture(engine, fixture);
	const r = (await computeArea(engine, ctx(ds, S), 'attention'))
		.attention_review_due as ScalarResult;
	const rows = await engine.query(attentionListSql(ctx(ds, S), ['review']));
	return {
		figure: [r.unavailable ?? null, r.value, r.detail?.overdue, r.detail?.due_soon],
		rows: rows.map((x) => [x.case_id, x.item, x.days_left])
	};
}

describe('review due from the cases file', () => {
	it('counts a review date once per case, the same-day review event deciding', async () => {
		const got = await reviewDue(WITH_EVENTS);
		expect(got.figure).toEqual([null, 4, 3, 1]);
		expect(got.rows).toEqual([
			['R1', 'review date', -5],
			['R7', 'review', -4],
			['R6', 'review', -1],
			['R2', 'review date', 3]
		]);
	});

	it('with no events file at all, the review dates alone answer', async () => {
		const got = await reviewDue({ cases: WITH_EVENTS.cases.slice(0, 4) });
		expect(got.figure).toEqual([null, 2, 1, 1]);
		expect(got.rows).toEqual([
			['R1', 'review date', -5],
			['R2', 'review date', 3]
		]);
	});
});
