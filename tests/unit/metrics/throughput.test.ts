/** Throughput on hand-made cases; every expected figure is worked out in the comments. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import type { DatasetInfo } from '../../../src/lib/model/dataset';
import { computeArea, computeMetrics, drill } from '../../../src/lib/metrics/run';
import type { ScalarResult, TableResult } from '../../../src/lib/metrics/types';
import { ctx, loadFixture, scope, type FixtureRow } from './fixture';

let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
});
afterAll(async () => engine.close());

/*
 * Period 2025-01-01..2025-03-31, as of 2025-03-31, dates only.
 *   A  opened 2024-12-01 closed 2024-12-20  closed before the period: counts nowhere
 *   B  opened 2024-12-10 closed 2025-01-15  pending at start; closed (Jan)
 *   C  opened 2024-11-01 open               pending at start and at end
 *   D  opened 2025-01-05 closed 2025-02-10  opened (Jan); closed (Feb)
 *   E  opened 2025-02-01 open               opened (Feb); pending at end
 *   F  opened 2025-03-31 closed 2025-04-02  opened on the last day (Mar); closed after: pending at end
 *   G  opened 2025-04-01 open               after the period: counts nowhere
 *   H  opened 2025-03-10 closed 2025-03-05  closed before opened: treated as closed 2025-03-10; opened and closed (Mar)
 * opened = D E F H = 4; closed = B D H = 3; clearance = 3 / 4 = 0.75
 * pending_start = B C = 2; pending_end = C E F = 3 = 2 + 4 - 3
 * by month: Jan +1 (D) -1 (B) -> 2 (C D open at Feb 1); Feb +1 (E) -1 (D) -> 2 (C E); Mar +2 (F H) -1 (H) -> 3 (C E F)
 */
const CASES: FixtureRow[] = [
	{ case_id: 'A', opened_at: '2024-12-01', closed_at: '2024-12-20', worker: null },
	{ case_id: 'B', opened_at: '2024-12-10', closed_at: '2025-01-15', worker: 'Ann' },
	{ case_id: 'C', opened_at: '2024-11-01', closed_at: null, worker: 'Ann' },
	{ case_id: 'D', opened_at: '2025-01-05', closed_at: '2025-02-10', worker: 'Ann' },
	{ case_id: 'E', opened_at: '2025-02-01', closed_at: null, worker: 'Bob' },
	{ case_id: 'F', opened_at: '2025-03-31', closed_at: '2025-04-02', worker: 'Bob' },
	{ case_id: 'G', opened_at: '2025-04-01', closed_at: null, worker: null },
	{ case_id: 'H', opened_at: '2025-03-10', closed_at: '2025-03-05', worker: 'Bob' }
];
const Q1 = scope('2025-03-31', '2025-01-01', '2025-03-31');
const IDS = ['opened', 'closed', 'clearance_rate', 'pending_start', 'pending_end'];

async function scalars(dataset: DatasetInfo, s = Q1) {
	const r = await computeMetrics(engine, ctx(dataset, s), IDS);
	return Object.fromEntries(IDS.map((id) => [id, (r[id] as ScalarResult).value]));
}

describe('throughput', () => {
	let ds: DatasetInfo;
	beforeAll(async () => {
		ds = await loadFixture(engine, { cases: CASES });
	});

	it(
		'opened, closed, clearance, pending, and the identity pending_end = pending_start + opened - ' +
			'closed',
		async () => {
			const v = await scalars(ds);
			expect(v).toEqual({
				opened: 4,
				closed: 3,
				clearance_rate: 0.75,
				pending_start: 2,
				pending_end: 3
			});
			expect(v.pending_end).toBe(
				(v.pending_start as number) + (v.opened as number) - (v.closed as number)
			);
		}
	);

	it('monthly opened, closed and pending at month end', async () => {
		const r = (await computeMetrics(engine, ctx(ds, Q1), ['throughput_monthly']))
			.throughput_monthly as TableResult;
		expect(r.rows).toEqual([
			{ month: '2025-01-01', opened: 1, closed: 1, pending: 2 },
			{ month: '2025-02-01', opened: 1, closed: 1, pending: 2 },
			{ month: '2025-03-01', opened: 2, closed: 1, pending: 3 }
		]);
	});

	it('filters: a worker, blank workers, and a value that tries to break out of its quotes', async () => {
		// Ann: B C D. opened D = 1; closed B D = 2; pending_start B C = 2; pending_end C = 1 (= 2 + 1 - 2)
		expect(
			await scalars(ds, scope('2025-03-31', '2025-01-01', '2025-03-31', { worker: ['Ann'] }))
		).toEqual({
			opened: 1,
			closed: 2,
			clearance_rate: 2,
			pending_start: 2,
			pending_end: 1
		});
		// Blank worker: A and G, both outside the period.
		expect(
			await scalars(ds, scope('2025-03-31', '2025-01-01', '2025-03-31', { worker: [null] }))
		).toEqual({
			opened: 0,
			closed: 0,
			clearance_rate: null,
			pending_start: 0,
			pending_end: 0
		});
		expect(
			await scalars(
				ds,
				scope('2025-03-31', '2025-01-01', '2025-03-31', { worker: ["Ann' OR '1'='1"] })
			)
		).toEqual({
			opened: 0,
			closed: 0,
			clearance_rate: null,
			pending_start: 0,
			pending_end: 0
		});
	});

	it('nothing opened in the period: clearance is null, not 0 or infinite', async () => {
		// May 2025: nobody opened or closed; open through May: C E G (F closed 2025-04-02).
		const s = scope('2025-05-31', '2025-05-01', '2025-05-31');
		expect(await scalars(ds, s)).toEqual({
			opened: 0,
			closed: 0,
			clearance_rate: null,
			pending_start: 3,
			pending_end: 3
		});
		const m = (await computeMetrics(engine, ctx(ds, s), ['throughput_monthly']))
			.throughput_monthly as TableResult;
		expect(m.rows).toEqual([{ month: '2025-05-01', opened: 0, closed: 0, pending: 3 }]);
	});

	it('drill-downs list exactly the cases behind each figure', async () => {
		const ids = async (id: string, sel?: Parameters<typeof drill>[3]) =>
			(await drill(engine, ctx(ds, Q1), id, sel)).map((r) => r.case_id).sort();
		expect(await ids('opened')).toEqual(['D', 'E', 'F', 'H']);
		expect(await ids('closed')).toEqual(['B', 'D', 'H']);
		expect(await ids('clearance_rate', { part: 'opened' })).toEqual(['D', 'E', 'F', 'H']);
		expect(await ids('pending_start')).toEqual(['B', 'C']);
		expect(await ids('pending_end')).toEqual(['C', 'E', 'F']);
		expect(await ids('throughput_monthly', { month: '2025-02-01', part: 'pending' })).toEqual([
			'C',
			'E'
		]);
		expect(await ids('throughput_monthly', { month: '2025-03-01', part: 'opened' })).toEqual([
			'F',
			'H'
		]);
		const [h] = await drill(engine, ctx(ds, Q1), 'closed', undefined, { limit: 1, offset: 2 });
		expect(h).toMatchObject({
			case_id: 'H',
			opened_at: '2025-03-10 00:00:00',
			closed_at: '2025-03-10 00:00:00',
			days_open: 0
		});
	});

	it('one query for the throughput scalars, one for the clearance rate, one for the months', async () => {
		const seen: string[] = [];
		const counting = {
			...engine,
			query: (sql: string) => (seen.push(sql), engine.query(sql))
		} as Engine;
		const r = await computeArea(counting, ctx(ds, Q1), 'throughput');
		expect(Object.keys(r)).toEqual([...IDS, 'throughput_monthly']);
		// The clearance rate is a headline figure: its statement comes from its declaration.
		expect(seen).toHaveLength(3);
		expect(seen.filter((sql) => sql.includes('overview_cases'))).toHaveLength(1);
	});
});

describe('throughput edge cases', () => {
	it('empty scope: no cases at all', async () => {
		const ds = await loadFixture(engine, {
			cases: [],
			columns: { cases: ['case_id', 'opened_at', 'closed_at'] }
		});
		expect(await scalars(ds)).toEqual({
			opened: 0,
			closed: 0,
			clearance_rate: null,
			pending_start: 0,
			pending_end: 0
		});
		const m = (await computeMetrics(engine, ctx(ds, Q1), ['throughput_monthly']))
			.throughput_monthly as TableResult;
		expect(m.rows.map((r) => r.pending)).toEqual([0, 0, 0]);
	});

	it('everything open: closed 0, clearance 0, every case pending at the end', async () => {
		// X1 2024-12-31 (pending at start), X2 2025-01-01, X3 2025-03-31 23:59:59 (a time on the last day is in
		// the period),
		// X4 2025-04-01 00:00:00 (after). opened X2 X3 = 2; pending_end = X1 X2 X3 = 3 = 1 + 2 - 0
		const ds = await loadFixture(engine, {
			cases: [
				{ case_id: 'X1', opened_at: '2024-12-31 10:00:00', closed_at: null },
				{ case_id: 'X2', opened_at: '2025-01-01 00:00:00', closed_at: null },
				{ case_id: 'X3', opened_at: '2025-03-31 23:59:59', closed_at: null },
				{ case_id: 'X4', opened_at: '2025-04-01 00:00:00', closed_at: null }
			]
		});
		expect(ds.tables.cases?.columns.opened_at.hasTime).toBe(true);
		expect(await scalars(ds)).toEqual({
			opened: 2,
			closed: 0,
			clearance_rate: 0,
			pending_start: 1,
			pending_end: 3
		});
	});

	it('without a closed date column: opened is computed, the rest say what they need', async () => {
		const ds = await loadFixture(engine, { cases: [{ case_id: 'A', opened_at: '2025-02-01' }] });
		const r = await computeArea(engine, ctx(ds, Q1), 'throughput');
		expect((r.opened as ScalarResult).value).toBe(1);
		for (const id of [
			'closed',
			'clearance_rate',
			'pending_start',
			'pending_end',
			'throughput_monthly'
		]) {
			expect(r[id].unavailable).toBe('not available: needs Closed');
		}
		expect((r.closed as ScalarResult).value).toBeNull();
	});
});
