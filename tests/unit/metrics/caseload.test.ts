/** Caseload balance on hand-made cases and staff. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import type { DatasetInfo } from '../../../src/lib/model/dataset';
import { computeArea, drill } from '../../../src/lib/metrics/run';
import { defaultSettings } from '../../../src/lib/metrics/settings';
import type { ScalarResult, TableResult } from '../../../src/lib/metrics/types';
import { ctx, loadFixture, scope, type FixtureRow } from './fixture';

let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
});
afterAll(async () => engine.close());

const Q2 = scope('2025-06-30', '2025-04-01', '2025-06-30');
const value = (r: Record<string, unknown>, id: string) => (r[id] as ScalarResult).value;
const rows = (r: Record<string, unknown>, id: string) => (r[id] as TableResult).rows;

/*
 * As of 2025-06-30, period 2025-04-01..2025-06-30.
 * Staff: Ann (FTE 1: capacity 40), Bob (FTE 0.5: 20), Cy (capacity 2), Dee (nothing given: 40, and no cases at all).
 * Open at the as-of date: Ann a1 a2 (Housing) a3 (Debt) = 3; Bob b1 = 1; Cy c1 c2 c3 = 3; Dee 0.
 *   mean = 7 / 4 = 1.75; squared deviations 1.5625 + 0.5625 + 1.5625 + 3.0625 = 6.75; sd = sqrt(6.75 / 4) = 1.299038
 *   CV = 1.299038 / 1.75 = 0.742307
 * Gini = sum over ordered pairs |ai - aj| / (2 n^2 mean): unordered 2 + 0 + 3 + 2 + 1 + 3 = 11, ordered 22; 22
 * / (2 x 16 x 1.75) = 22 / 56
 *   median (0 1 3 3) = 2; max / median = 3 / 2 = 1.5
 *   utilisation Ann 3/40 = 0.075, Bob 1/20 = 0.05, Cy 3/2 = 1.5 (over), Dee 0
 * Zed is not in the staff file; Eve's case closed in the period; Old's before it.
 */
const CASES: FixtureRow[] = [
	{
		case_id: 'a1',
		opened_at: '2025-01-10',
		closed_at: null,
		worker: 'Ann',
		case_type: 'Housing',
		office: 'N'
	},
	{
		case_id: 'a2',
		opened_at: '2025-05-15',
		closed_at: null,
		worker: 'Ann',
		case_type: 'Housing',
		office: 'N'
	},
	{
		case_id: 'a3',
		opened_at: '2025-06-30',
		closed_at: null,
		worker: 'Ann',
		case_type: 'Debt',
		office: 'N'
	},
	{
		case_id: 'a4',
		opened_at: '2025-03-01',
		closed_at: '2025-05-31',
		worker: 'Ann',
		case_type: 'Debt',
		office: 'N'
	},
	{
		case_id: 'b1',
		opened_at: '2025-02-01',
		closed_at: null,
		worker: 'Bob',
		case_type: 'Debt',
		office: 'S'
	},
	{
		case_id: 'b2',
		opened_at: '2025-01-01',
		closed_at: '2025-04-15',
		worker: 'Bob',
		case_type: 'Debt',
		office: 'S'
	},
	{
		case_id: 'c1',
		opened_at: '2025-04-01',
		closed_at: null,
		worker: 'Cy',
		case_type: 'Debt',
		office: 'N'
	},
	{
		case_id: 'c2',
		opened_at: '2025-04-02',
		closed_at: null,
		worker: 'Cy',
		case_type: 'Debt',
		office: 'N'
	},
	{
		case_id: 'c3',
		opened_at: '2025-04-03',
		closed_at: null,
		worker: 'Cy',
		case_type: 'Debt',
		office: 'N'
	},
	{
		case_id: 'z1',
		opened_at: '2025-01-01',
		closed_at: null,
		worker: 'Zed',
		case_type: 'Debt',
		office: 'S'
	},
	{
		case_id: 'e1',
		opened_at: '2025-01-01',
		closed_at: '2025-04-10',
		worker: 'Eve',
		case_type: 'Debt',
		office: 'S'
	},
	{
		case_id: 'o1',
		opened_at: '2024-01-01',
		closed_at: '2024-12-01',
		worker: 'Old',
		case_type: 'Debt',
		office: 'S'
	},
	{
		case_id: 'u1',
		opened_at: '2025-01-01',
		closed_at: null,
		worker: null,
		case_type: 'Debt',
		office: 'S'
	}
];
const STAFF: FixtureRow[] = [
	{ worker: 'Ann', office: 'N', fte: 1, capacity: null },
	{ worker: 'Bob', office: 'S', fte: 0.5, capacity: null },
	{ worker: 'Cy', office: 'N', fte: 1, capacity: 2 },
	{ worker: 'Dee', office: 'S', fte: null, capacity: null }
];

describe('with a staff file', () => {
	let ds: DatasetInfo;
	beforeAll(async () => {
		ds = await loadFixture(engine, { cases: CASES, staff: STAFF });
	});

	it('active caseload per worker, including a worker with zero cases', async () => {
		const r = await computeArea(engine, ctx(ds, Q2), 'caseload');
		expect(rows(r, 'active_by_worker')).toEqual([
			{ worker: 'Ann', cases: 3, active: 3 },
			{ worker: 'Bob', cases: 1, active: 1 },
			{ worker: 'Cy', cases: 3, active: 3 },
			{ worker: 'Dee', cases: 0, active: 0 }
		]);
		expect(rows(r, 'utilisation_by_worker')).toEqual([
			{ worker: 'Ann', active: 3, capacity: 40, utilisation: 0.075, over_capacity: false },
			{ worker: 'Bob', active: 1, capacity: 20, utilisation: 0.05, over_capacity: false },
			{ worker: 'Cy', active: 3, capacity: 2, utilisation: 1.5, over_capacity: true },
			{ worker: 'Dee', active: 0, capacity: 40, utilisation: 0, over_capacity: false }
		]);
		expect(r.over_capacity_workers).toMatchObject({ value: 1, n: 4 });
		expect(value(r, 'caseload_cv')).toBeCloseTo(Math.sqrt(6.75 / 4) / 1.75, 12);
		expect(value(r, 'caseload_gini')).toBeCloseTo(22 / 56, 12);
		expect(value(r, 'caseload_max_median_ratio')).toBe(1.5);
	});

	it('monthly active caseload per worker at each month end', async () => {
		// Ann: April end a1 a4 = 2; May end a1 a2 = 2 (a4 closed 2025-05-31); June end a1 a2 a3 = 3.
		// Bob: b1 throughout (b2 closed 2025-04-15). Cy: 3 from April. Dee: 0.
		const r = await computeArea(engine, ctx(ds, Q2), 'caseload');
		const m = rows(r, 'active_monthly_by_worker');
		const grid = (month: string) =>
			m.filter((x) => x.month === month).map((x) => [x.worker, x.cases]);
		expect(grid('2025-04-01')).toEqual([
			['Ann', 2],
			['Bob', 1],
			['Cy', 3],
			['Dee', 0]
		]);
		expect(grid('2025-05-01')).toEqual([
			['Ann', 2],
			['Bob', 1],
			['Cy', 3],
			['Dee', 0]
		]);
		expect(grid('2025-06-01')).toEqual([
			['Ann', 3],
			['Bob', 1],
			['Cy', 3],
			['Dee', 0]
		]);
		const may = await drill(engine, ctx(ds, Q2), 'active_monthly_by_worker', {
			month: '2025-05-01',
			group: 'Ann'
		});
		expect(may.map((x) => x.case_id)).toEqual(['a1', 'a2']);
	});

	it('case weights by type (matched ignoring letter case)', async () => {
		// housing = 2: Ann 2 + 2 + 1 = 5; loads (5 1 3 0), mean 2.25, squared deviations 7.5625 + 1.5625 +
		// 0.5625 + 5.0625 = 14.75
		// Gini: unordered |differences| 4 + 2 + 5 + 2 + 1 + 3 = 17, 34 / (2 x 16 x 2.25) = 34 / 72; median (0 1
		// 3 5) = 2, max / median = 2.5
		const settings = { ...defaultSettings(), caseWeights: { housing: 2 } };
		const r = await computeArea(engine, ctx(ds, Q2, settings), 'caseload');
		expect(rows(r, 'active_by_worker')[0]).toEqual({ worker: 'Ann', cases: 3, active: 5 });
		expect(rows(r, 'utilisation_by_worker')[0]).toMatchObject({ utilisation: 5 / 40 });
		expect(value(r, 'caseload_cv')).toBeCloseTo(Math.sqrt(14.75 / 4) / 2.25, 12);
		expect(value(r, 'caseload_gini')).toBeCloseTo(34 / 72, 12);
		expect(value(r, 'caseload_max_median_ratio')).toBe(2.5);
		expect(
			rows(r, 'active_monthly_by_worker').find(
				(x) => x.month === '2025-06-01' && x.worker === 'Ann'
			)
		).toEqual({
			month: '2025-06-01',
			worker: 'Ann',
			cases: 3,
			active: 5
		});
	});

	it('filters: by office (the staff file has offices) and by worker', async () => {
		const north = await computeArea(
			engine,
			ctx(ds, scope('2025-06-30', '2025-04-01', '2025-06-30', { office: ['N'] })),
			'caseload'
		);
		expect(rows(north, 'active_by_worker').map((x) => [x.worker, x.cases])).toEqual([
			['Ann', 3],
			['Cy', 3]
		]);
		expect(value(north, 'caseload_cv')).toBe(0);
		expect(value(north, 'caseload_gini')).toBe(0);
		const bob = await computeArea(
			engine,
			ctx(ds, scope('2025-06-30', '2025-04-01', '2025-06-30', { worker: ['Bob'] })),
			'caseload'
		);
		expect(rows(bob, 'active_by_worker')).toEqual([{ worker: 'Bob', cases: 1, active: 1 }]);
	});

	it('a scope with no workers: empty lists, figures null', async () => {
		const r = await computeArea(
			engine,
			ctx(ds, scope('2025-06-30', '2025-04-01', '2025-06-30', { worker: ['Nobody'] })),
			'caseload'
		);
		expect(rows(r, 'active_by_worker')).toEqual([]);
		expect(r.over_capacity_workers).toMatchObject({ value: 0, n: 0 });
		for (const id of ['caseload_cv', 'caseload_gini', 'caseload_max_median_ratio'])
			expect(value(r, id)).toBeNull();
		expect(rows(r, 'active_monthly_by_worker')).toEqual([]);
	});
});

describe('without a staff file', () => {
	it('the workers are those on cases in scope, zero where none is open', async () => {
		// Ann 3, Bob 1, Cy 3, Eve 0 (closed in the period), Zed 1; Old's case closed before the period;
		// capacity 40 each.
		const ds = await loadFixture(engine, { cases: CASES });
		const r = await computeArea(engine, ctx(ds, Q2), 'caseload');
		expect(rows(r, 'active_by_worker').map((x) => [x.worker, x.cases])).toEqual([
			['Ann', 3],
			['Bob', 1],
			['Cy', 3],
			['Eve', 0],
			['Zed', 1]
		]);
		expect(rows(r, 'utilisation_by_worker').map((x) => x.capacity)).toEqual([40, 40, 40, 40, 40]);
		expect(r.over_capacity_workers).toMatchObject({ value: 0, n: 5 });
		// loads 3 1 3 0 1: mean 1.6, median 1, max / median 3
		expect(value(r, 'caseload_max_median_ratio')).toBe(3);
		expect((r.active_by_worker as TableResult).detail).toEqual({ workers: 5, total_active: 8 });
	});

	it('without a worker column the caseload metrics say so', async () => {
		const ds = await loadFixture(engine, { cases: CASES.map(({ worker: _w, ...rest }) => rest) });
		const r = await computeArea(engine, ctx(ds, Q2), 'caseload');
		expect(r.caseload_cv.unavailable).toBe('not available: needs Worker or team');
	});
});
