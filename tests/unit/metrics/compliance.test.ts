/** Compliance gaps on hand-made cases and events. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import { computeArea, computeMetrics, drill } from '../../../src/lib/metrics/run';
import { defaultSettings } from '../../../src/lib/metrics/settings';
import type { ScalarResult, TableResult } from '../../../src/lib/metrics/types';
import { ctx, loadFixture, scope } from './fixture';

let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
});
afterAll(async () => engine.close());

const MARCH = scope('2025-03-31', '2025-03-01', '2025-03-31');

/*
 * First contact, SLA 3 days, March 2025, as of 2025-03-31. Intake dates have no time of day, so days are whole.
 *   F1 intake 03-01, first contact 03-04 15:00                  3 days: on time
 *   F2 no intake, opened 03-02, first contact 03-06 09:00       4 days: late
 *   F3 opened 03-10, contact event done 03-11                   1 day: on time
 *   F4 opened 03-10, first contact 03-20, contact event 03-12   the earliest, 2 days: on time
 *   F5 opened 03-20, no contact                                 11 days at the as-of date: breach
 *   F6 opened 03-30, no contact                                 1 day, SLA still running: left out
 *   F7 intake 02-27, opened 03-01                               intake before the period: left out
 *   F8 opened 03-25, contact event done 04-02 (after as-of)     no contact by then, 6 days: breach
 * on time F1 F3 F4 = 3; late F2 = 1; no contact F5 F8 = 2; rate 3 / 6 = 0.5
 */
const FIRST = {
	cases: [
		{
			case_id: 'F1',
			opened_at: '2025-03-01',
			intake_at: '2025-03-01',
			first_contact_at: '2025-03-04 15:00:00'
		},
		{
			case_id: 'F2',
			opened_at: '2025-03-02',
			intake_at: null,
			first_contact_at: '2025-03-06 09:00:00'
		},
		{ case_id: 'F3', opened_at: '2025-03-10', intake_at: null, first_contact_at: null },
		{
			case_id: 'F4',
			opened_at: '2025-03-10',
			intake_at: null,
			first_contact_at: '2025-03-20 10:00:00'
		},
		{ case_id: 'F5', opened_at: '2025-03-20', intake_at: null, first_contact_at: null },
		{ case_id: 'F6', opened_at: '2025-03-30', intake_at: null, first_contact_at: null },
		{
			case_id: 'F7',
			opened_at: '2025-03-01',
			intake_at: '2025-02-27',
			first_contact_at: '2025-03-01 10:00:00'
		},
		{ case_id: 'F8', opened_at: '2025-03-25', intake_at: null, first_contact_at: null }
	],
	events: [
		{ case_id: 'F3', kind: 'contact', due_at: null, done_at: '2025-03-11' },
		{ case_id: 'F4', kind: 'contact', due_at: null, done_at: '2025-03-12' },
		{ case_id: 'F8', kind: 'contact', due_at: null, done_at: '2025-04-02' },
		{ case_id: 'F5', kind: 'review', due_at: null, done_at: '2025-03-21' }
	]
};

describe('first contact on time', () => {
	it('earliest contact within the SLA; no contact after the SLA is a breach; still running is left out', async () => {
		const ds = await loadFixture(engine, FIRST);
		const r = await computeMetrics(engine, ctx(ds, MARCH), [
			'first_contact_on_time',
			'first_contact_monthly'
		]);
		expect(r.first_contact_on_time).toMatchObject({
			value: 0.5,
			n: 6,
			detail: { on_time: 3, late: 1, no_contact: 2, waiting: 1 }
		});
		expect((r.first_contact_monthly as TableResult).rows).toEqual([
			{ month: '2025-03-01', on_time: 3, late: 1, no_contact: 2, rate: 0.5 }
		]);
		const breaches = await drill(engine, ctx(ds, MARCH), 'first_contact_on_time');
		expect(breaches.map((x) => [x.case_id, x.outcome])).toEqual([
			['F2', 'late'],
			['F5', 'no_contact'],
			['F8', 'no_contact']
		]);
		// SLA 4 days: F2 becomes on time; F5 (11) and F8 (6) still breaches: 4 / 6
		const wider = await computeMetrics(engine, ctx(ds, MARCH, { firstContactSlaDays: 4 }), [
			'first_contact_on_time'
		]);
		expect((wider.first_contact_on_time as ScalarResult).value).toBe(4 / 6);
	});

	it('with only contact events (no first-contact column) and only the column (no events)', async () => {
		// Events only: F3 on time, F4 on time (03-12); F1 F2 F5 F8 no contact after 3 days (30, 29, 11, 6
		// days); F6 waiting: 2 / 6
		const eventsOnly = await loadFixture(engine, {
			cases: FIRST.cases.map(({ first_contact_at: _f, ...c }) => c),
			events: FIRST.events
		});
		const a = await computeMetrics(engine, ctx(eventsOnly, MARCH), ['first_contact_on_time']);
		expect(a.first_contact_on_time).toMatchObject({ value: 2 / 6, n: 6 });
		// Column only: F1 on time, F2 late, F4 late (10 days), F3 F5 F8 breaches: 1 / 6
		const columnOnly = await loadFixture(engine, { cases: FIRST.cases });
		const b = await computeMetrics(engine, ctx(columnOnly, MARCH), ['first_contact_on_time']);
		expect(b.first_contact_on_time).toMatchObject({
			value: 1 / 6,
			n: 6,
			detail: { on_time: 1, late: 2, no_contact: 3, waiting: 1 }
		});
		const neither = await loadFixture(engine, {
			cases: FIRST.cases.map(({ first_contact_at: _f, ...c }) => c)
		});
		const c = await computeMetrics(engine, ctx(neither, MARCH), ['first_contact_on_time']);
		expect(c.first_contact_on_time.unavailable).toBe(
			'not available: needs First contact or Events: Done'
		);
	});
});

/*
 * Deadlines, March 2025, as of 2025-03-31. Cases' due dates have no time of day; closings do.
 *   D1 due 03-10, closed 03-10 15:00        met: the same day, at the coarser precision
 *   D2 due 03-12, closed 03-13 09:00        late
 *   D3 due 03-15, open                      not done
 *   D4 due 04-05                            after the period
 *   D5 due 02-20, closed 03-01              before the period
 *   E1 deadline due 03-05 done 03-05        met
 *   E2 hearing due 03-20 not done           not done
 *   E3 deadline due 03-25 done 03-24        met
 *   E4 contact due 03-01                    not a deadline
 * n = 6; met D1 E1 E3 = 3; late D2; not done D3 E2; rate 0.5
 * As of 2025-03-14 (same period): due by then D1 D2 E1: met 2 of 3.
 */
const DEADLINES = {
	cases: [
		{
			case_id: 'D1',
			opened_at: '2025-01-01',
			closed_at: '2025-03-10 15:00:00',
			due_at: '2025-03-10'
		},
		{
			case_id: 'D2',
			opened_at: '2025-01-01',
			closed_at: '2025-03-13 09:00:00',
			due_at: '2025-03-12'
		},
		{ case_id: 'D3', opened_at: '2025-01-01', closed_at: null, due_at: '2025-03-15' },
		{ case_id: 'D4', opened_at: '2025-01-01', closed_at: null, due_at: '2025-04-05' },
		{
			case_id: 'D5',
			opened_at: '2025-01-01',
			closed_at: '2025-03-01 08:00:00',
			due_at: '2025-02-20'
		}
	],
	events: [
		{ case_id: 'D3', kind: 'deadline', due_at: '2025-03-05', done_at: '2025-03-05' },
		{ case_id: 'D3', kind: 'hearing', due_at: '2025-03-20', done_at: null },
		{ case_id: 'D4', kind: 'deadline', due_at: '2025-03-25', done_at: '2025-03-24' },
		{ case_id: 'D4', kind: 'contact', due_at: '2025-03-01', done_at: '2025-03-09' }
	]
};

describe('deadlines met', () => {
	it('a date-only due date met on the day; late; not done', async () => {
		const ds = await loadFixture(engine, DEADLINES);
		expect(ds.tables.cases?.columns.closed_at.hasTime).toBe(true);
		expect(ds.tables.cases?.columns.due_at.hasTime).toBe(false);
		const r = await computeMetrics(engine, ctx(ds, MARCH), [
			'deadlines_met_rate',
			'deadlines_monthly'
		]);
		expect(r.deadlines_met_rate).toMatchObject({
			value: 0.5,
			n: 6,
			detail: { met: 3, late: 1, not_done: 2 }
		});
		expect((r.deadlines_monthly as TableResult).rows).toEqual([
			{ month: '2025-03-01', n: 6, met: 3, late: 1, not_done: 2, rate: 0.5 }
		]);
		const missed = await drill(engine, ctx(ds, MARCH), 'deadlines_met_rate');
		expect(missed.map((x) => [x.case_id, x.source, x.outcome])).toEqual([
			['D2', 'case', 'late'],
			['D3', 'case', 'not_done'],
			['D3', 'hearing', 'not_done']
		]);
		const mid = await computeMetrics(
			engine,
			ctx(ds, scope('2025-03-14', '2025-03-01', '2025-03-31')),
			['deadlines_met_rate']
		);
		expect(mid.deadlines_met_rate).toMatchObject({ value: 2 / 3, n: 3 });
	});

	it('when both dates have times of day, an hour late is late', async () => {
		const ds = await loadFixture(engine, {
			cases: [
				{
					case_id: 'T1',
					opened_at: '2025-03-01 08:00:00',
					closed_at: '2025-03-10 15:00:00',
					due_at: '2025-03-10 12:00:00'
				},
				{
					case_id: 'T2',
					opened_at: '2025-03-01 08:00:00',
					closed_at: '2025-03-10 11:59:59',
					due_at: '2025-03-10 12:00:00'
				}
			]
		});
		const r = await computeMetrics(engine, ctx(ds, MARCH), ['deadlines_met_rate']);
		expect(r.deadlines_met_rate).toMatchObject({
			value: 0.5,
			n: 2,
			detail: { met: 1, late: 1, not_done: 0 }
		});
	});

	it('no deadline due: the rate is null', async () => {
		const ds = await loadFixture(engine, DEADLINES);
		const r = await computeMetrics(
			engine,
			ctx(ds, scope('2025-06-30', '2025-06-01', '2025-06-30')),
			['deadlines_met_rate']
		);
		expect(r.deadlines_met_rate).toMatchObject({ value: null, n: 0 });
	});
});

/*
 * Reviews, as of 2025-03-31:
 *   R1 due 03-01 done 03-01    on time
 *   R2 due 03-10 done 03-15    done late: overdue
 *   R3 due 03-20 not done      overdue
 *   R4 due 04-10               not yet due
 *   R5 due 03-25 done 04-03    not done by the as-of date: overdue
 * 4 due, 3 overdue (2 not done, 1 done late)
 */
describe('overdue reviews', () => {
	it('counts reviews due by the as-of date not done by their due date', async () => {
		const ds = await loadFixture(engine, {
			cases: [{ case_id: 'R', opened_at: '2025-01-01' }],
			events: [
				{ case_id: 'R', kind: 'review', due_at: '2025-03-01', done_at: '2025-03-01' },
				{ case_id: 'R', kind: 'review', due_at: '2025-03-10', done_at: '2025-03-15' },
				{ case_id: 'R', kind: 'review', due_at: '2025-03-20', done_at: null },
				{ case_id: 'R', kind: 'review', due_at: '2025-04-10', done_at: null },
				{ case_id: 'R', kind: 'review', due_at: '2025-03-25', done_at: '2025-04-03' },
				{ case_id: 'R', kind: 'deadline', due_at: '2025-03-25', done_at: null }
			]
		});
		const r = await computeMetrics(engine, ctx(ds, MARCH), ['reviews_overdue']);
		expect(r.reviews_overdue).toMatchObject({
			value: 3,
			n: 4,
			detail: { not_done: 2, done_late: 1 }
		});
		const list = await drill(engine, ctx(ds, MARCH), 'reviews_overdue', { part: 'not_done' });
		expect(list.map((x) => x.due)).toEqual(['2025-03-20 00:00:00', '2025-03-25 00:00:00']);
	});
});

/*
 * Stale cases, threshold 60 days, as of 2025-06-30:
 *   S1 open, last activity 06-01                                  29 days: active
 *   S2 open, last activity 04-01                                  90 days: stale
 *   S3 open, last activity 03-01 but an event done 06-15          15 days: active
 *   S4 open, opened 05-15, nothing since                          46 days: active
 *   S5 open, opened 04-01, nothing since                          90 days: stale
 *   S6 closed 06-01                                               not open
 *   S7 open, opened 01-01, last activity 07-15 (after as-of)      180 days since opening: stale
 *   S8 open, opened 05-01                                         exactly 60 days: not over the threshold
 * stale S2 S5 S7 = 3 of 7 open
 */
describe('stale cases', () => {
	it('open cases whose last activity is older than the threshold', async () => {
		const ds = await loadFixture(engine, {
			cases: [
				{ case_id: 'S1', opened_at: '2025-01-01', closed_at: null, last_activity_at: '2025-06-01' },
				{ case_id: 'S2', opened_at: '2025-01-01', closed_at: null, last_activity_at: '2025-04-01' },
				{ case_id: 'S3', opened_at: '2025-01-01', closed_at: null, last_activity_at: '2025-03-01' },
				{ case_id: 'S4', opened_at: '2025-05-15', closed_at: null, last_activity_at: null },
				{ case_id: 'S5', opened_at: '2025-04-01', closed_at: null, last_activity_at: null },
				{
					case_id: 'S6',
					opened_at: '2025-01-01',
					closed_at: '2025-06-01',
					last_activity_at: '2025-01-02'
				},
				{ case_id: 'S7', opened_at: '2025-01-01', closed_at: null, last_activity_at: '2025-07-15' },
				{ case_id: 'S8', opened_at: '2025-05-01', closed_at: null, last_activity_at: null }
			],
			events: [
				{ case_id: 'S3', kind: 'other', due_at: null, done_at: '2025-06-15' },
				{ case_id: 'S2', kind: 'review', due_at: '2025-06-20', done_at: null }
			]
		});
		const s = scope('2025-06-30', '2025-01-01', '2025-06-30');
		const r = await computeMetrics(engine, ctx(ds, s), ['stale_cases']);
		expect(r.stale_cases).toMatchObject({ value: 3, n: 7, detail: { share: 3 / 7 } });
		const list = await drill(engine, ctx(ds, s), 'stale_cases');
		expect(list.map((x) => [x.case_id, x.days_idle])).toEqual([
			['S7', 180],
			['S2', 90],
			['S5', 90]
		]);
		// Threshold 90: only S7 (180 days) is over it.
		const r90 = await computeMetrics(engine, ctx(ds, s, { staleDays: 90 }), ['stale_cases']);
		expect((r90.stale_cases as ScalarResult).value).toBe(1);
	});
});

/*
 * Documentation, required: case type, worker, close reason for closed cases; period H1 2025, as of 2025-06-30.
 *   X1 open, type and worker                             2 required, 2 filled
 *   X2 closed 03-01, no type, worker, reason             3 required, 2 filled: gap (Case type)
 *   X3 closed 04-01, type, no worker, no reason          3 required, 1 filled: gap (Worker or team, Close reason)
 *   X4 closed 2024-06-01                                 not in scope
 * 5 / 8 = 0.625; 2 cases with gaps
 */
describe('documentation completeness', () => {
	const cases = [
		{
			case_id: 'X1',
			opened_at: '2025-01-01',
			closed_at: null,
			case_type: 'T',
			worker: 'W',
			close_reason: null
		},
		{
			case_id: 'X2',
			opened_at: '2025-01-01',
			closed_at: '2025-03-01',
			case_type: null,
			worker: 'W',
			close_reason: 'R'
		},
		{
			case_id: 'X3',
			opened_at: '2025-01-01',
			closed_at: '2025-04-01',
			case_type: 'T',
			worker: null,
			close_reason: null
		},
		{
			case_id: 'X4',
			opened_at: '2024-01-01',
			closed_at: '2024-06-01',
			case_type: null,
			worker: null,
			close_reason: null
		}
	];
	const H1 = scope('2025-06-30', '2025-01-01', '2025-06-30');

	it('share of required fields filled, and the cases with gaps', async () => {
		const ds = await loadFixture(engine, { cases });
		const r = await computeMetrics(engine, ctx(ds, H1), ['documentation_completeness']);
		expect(r.documentation_completeness).toMatchObject({
			value: 5 / 8,
			n: 3,
			detail: {
				cases: 3,
				with_gaps: 2,
				required_case_type: 3,
				filled_case_type: 2,
				required_worker: 3,
				filled_worker: 2,
				required_close_reason: 2,
				filled_close_reason: 1
			}
		});
		const gaps = await drill(engine, ctx(ds, H1), 'documentation_completeness');
		expect(gaps.map((x) => [x.case_id, x.missing])).toEqual([
			['X2', 'Case type'],
			['X3', 'Worker or team, Close reason']
		]);
	});

	it('a required field the export lacks is left out and named; settings change the list', async () => {
		// Without a close reason column: 2 + 2 + 2 = 6 required, 2 + 1 + 1 = 4 filled
		const ds = await loadFixture(engine, { cases: cases.map(({ close_reason: _r, ...c }) => c) });
		const r = await computeMetrics(engine, ctx(ds, H1), ['documentation_completeness']);
		expect(r.documentation_completeness).toMatchObject({
			value: 4 / 6,
			detail: { not_in_export: 'Close reason' }
		});
		// Only the worker: 2 of 3
		const only = await computeMetrics(
			engine,
			ctx(ds, H1, { requiredFields: [{ column: 'worker' }] }),
			['documentation_completeness']
		);
		expect((only.documentation_completeness as ScalarResult).value).toBe(2 / 3);
		// Only a column the export lacks: not available
		const none = await computeMetrics(
			engine,
			ctx(ds, H1, { requiredFields: [{ column: 'priority' }] }),
			['documentation_completeness']
		);
		expect(none.documentation_completeness.unavailable).toBe('not available: needs Priority');
	});
});

describe('empty and partial data', () => {
	it('no events file: the metrics that need it say so, the others still compute', async () => {
		const ds = await loadFixture(engine, { cases: DEADLINES.cases });
		const r = await computeArea(engine, ctx(ds, MARCH, defaultSettings()), 'compliance');
		expect(r.reviews_overdue.unavailable).toBe('not available: needs Events: Due or Next review');
		// Cases' due dates alone: D1 met, D2 late, D3 not done
		expect(r.deadlines_met_rate).toMatchObject({ value: 1 / 3, n: 3 });
		expect(r.stale_cases.error).toBeUndefined();
	});
});
