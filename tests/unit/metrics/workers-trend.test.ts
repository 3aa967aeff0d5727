/**
 * The month-grouped worker trend against the scorecard computed month by month (each month's scope
 * through `perWorkerSql` in a statement of its own), on seeded data built here: four workers in two
 * offices over 18 months, open and closed cases, events (contacts, deadlines, reviews) and goals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32, between, chance } from '../../../scripts/sample/random';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine, Row } from '../../../src/lib/engine/types';
import type { DatasetInfo } from '../../../src/lib/model/dataset';
import { addDays } from '../../../src/lib/metrics/scope';
import { WORKER_FIGURES } from '../../../src/lib/metrics/workers';
import {
	PER_MONTH_FIGURES,
	monthGroupedSql,
	trendScopes,
	workerMonthSql,
	workerTrend
} from '../../../src/lib/metrics/workers-trend';
import { ctx, loadFixture, scope, type Fixture, type FixtureRow } from './fixture';

const WORKERS = [
	{ worker: 'Ana', office: 'North', capacity: 12 },
	{ worker: 'Bo', office: 'North', capacity: 8 },
	{ worker: 'Cy', office: 'South', capacity: 10 },
	{ worker: 'Di', office: 'South', capacity: 6 }
];
const FIRST_DAY = '2024-01-01';
const DAYS = 548; // to 2025-07-01: 18 months

/** The seeded cases, events and goals: every date a whole day, each case's dates in order. */
function seeded(): Fixture {
	const rng = mulberry32(20251207);
	const cases: FixtureRow[] = [];
	const events: FixtureRow[] = [];
	const goals: FixtureRow[] = [];
	for (let i = 0; i < 240; i++) {
		const w = WORKERS[between(rng, 0, WORKERS.length - 1)];
		const opened = addDays(FIRST_DAY, between(rng, 0, DAYS - 1));
		const length = between(rng, 0, 200);
		const closed = chance(rng, 0.7) ? addDays(opened, length) : null;
		const contact = chance(rng, 0.85) ? addDays(opened, between(rng, 0, 8)) : null;
		const id = `k${i}`;
		cases.push({
			case_id: id,
			worker: w.worker,
			office: w.office,
			case_type: chance(rng, 0.5) ? 'Housing' : 'Benefits',
			opened_at: opened,
			closed_at: closed,
			first_contact_at: contact,
			last_activity_at: addDays(opened, between(rng, 0, length)),
			due_at: chance(rng, 0.5) ? addDays(opened, between(rng, 10, 120)) : null,
			review_at: chance(rng, 0.3) ? addDays(opened, between(rng, 20, 150)) : null
		});
		for (const kind of ['contact', 'deadline', 'review', 'hearing']) {
			if (!chance(rng, 0.5)) continue;
			const due = addDays(opened, between(rng, 1, 150));
			const done = chance(rng, 0.7) ? addDays(due, between(rng, -10, 15)) : null;
			events.push({ case_id: id, kind, due_at: due, done_at: done });
		}
		for (let g = 0; g < between(rng, 0, 2); g++) {
			const target = addDays(opened, between(rng, 15, 180));
			const achieved = chance(rng, 0.6) ? addDays(opened, between(rng, 5, 200)) : null;
			goals.push({ case_id: id, goal_id: `${id}g${g}`, target_at: target, achieved_at: achieved });
		}
	}
	return { cases, events, goals, staff: WORKERS };
}

const FIXTURE = seeded();
let engine: Engine;
let dataset: DatasetInfo;
beforeAll(async () => {
	engine = await createNodeEngine();
	dataset = await loadFixture(engine, FIXTURE);
});
afterAll(async () => engine.close());

/** The figures' columns of `perWorkerSql`. */
const COLUMNS = ['team', 'capacity', ...WORKER_FIGURES.flatMap((f) => [f.key, `${f.key}_n`])];

/** Each month through `perWorkerSql` on its own (the scorecard's meaning), counts 0 where nothing. */
async function perMonth(s: ReturnType<typeof scope>, worker: string): Promise<Row[]> {
	const c = ctx(dataset, s);
	const out: Row[] = [];
	for (const month of trendScopes(s, worker)) {
		const [row] = await engine.query(workerMonthSql(c, month, worker));
		out.push({ month: month.from, ...row });
	}
	return out;
}

function expectSame(got: Row[], want: Row[], label: string) {
	expect(got.map((r) => r.month)).toEqual(want.map((r) => r.month));
	for (const [i, w] of want.entries()) {
		for (const col of COLUMNS) {
			const where = `${label} ${String(w.month)} ${col}`;
			const a = got[i][col] ?? null;
			// A month without the worker's rows: the trend fills the counts with 0.
			const b =
				w[col] ?? (WORKER_FIGURES.some((f) => f.key === col && f.source.none === 0) ? 0 : null);
			if (typeof b === 'number' && !Number.isInteger(b)) {
				expect(typeof a, where).toBe('number');
				expect(Math.abs((a as number) - b), where).toBeLessThan(1e-9);
			} else expect(a, where).toEqual(b);
		}
	}
}

describe("a worker's month-grouped trend", () => {
	// The period ends before the as-of date; the last month ends mid-month; the current month's as-of has a
	// time of day.
	it.each([
		['2025-06-30', '2024-07-01', '2025-06-30'],
		['2025-06-30', '2024-05-01', '2025-04-30'],
		['2025-06-18', '2024-06-19', '2025-06-18'],
		['2025-06-18 12:00:00', '2024-06-19', '2025-06-18']
	])(
		'equals the scorecard computed month by month, for every worker and figure (as of %s, %s..%s)',
		async (asOf, from, to) => {
			const s = scope(asOf, from, to);
			let compared = 0;
			for (const { worker } of WORKERS) {
				const want = await perMonth(s, worker);
				const got = await workerTrend(engine, ctx(dataset, s), worker);
				expectSame(got, want, `${worker} as of ${s.asOf}`);
				compared += want.filter((r) => Number(r.opened_n) > 0).length;
			}
			// The data are not empty: most worker-months have cases opened in them.
			expect(compared).toBeGreaterThan(30);
		},
		180_000
	);

	it('computes all but the per-month figures in one statement', async () => {
		const s = scope('2025-06-30', '2024-07-01', '2025-06-30');
		const statements: string[] = [];
		const recording: Engine = {
			...engine,
			query: (sql) => (statements.push(sql), engine.query(sql))
		};
		await workerTrend(recording, ctx(dataset, s), 'Bo');
		expect(statements.length).toBe(13);
		expect(statements[0]).toContain('LATERAL');
		const grouped = WORKER_FIGURES.filter((f) => !PER_MONTH_FIGURES.includes(f.key));
		const sql = monthGroupedSql(ctx(dataset, s), trendScopes(s, 'Bo'), 'Bo', grouped);
		// Every date of the template month became a column of the months: no date is left in it.
		expect(sql).not.toBeNull();
		expect(sql?.split('LATERAL')[1]).not.toMatch(/(DATE|TIMESTAMP) '\d{4}/);
	});

	it("gives one month's opened, closed and median days to close as the definition does", async () => {
		const s = scope('2025-06-30', '2024-07-01', '2025-06-30');
		const rows = await workerTrend(engine, ctx(dataset, s), 'Cy');
		const month = rows.find((r) => r.month === '2025-02-01') as Row;
		const own = FIXTURE.cases.filter((c) => c.worker === 'Cy');
		const inFeb = (d: unknown) => typeof d === 'string' && d >= '2025-02-01' && d <= '2025-02-28';
		const closed = own.filter((c) => inFeb(c.closed_at));
		const days = closed
			.map((c) => (Date.parse(String(c.closed_at)) - Date.parse(String(c.opened_at))) / 86_400_000)
			.sort((a, b) => a - b);
		const mid = days.length / 2;
		const median = days.length % 2 ? days[Math.floor(mid)] : (days[mid - 1] + days[mid]) / 2;
		expect(closed.length).toBeGreaterThan(1);
		expect(month.opened).toBe(own.filter((c) => inFeb(c.opened_at)).length);
		expect(month.closed).toBe(closed.length);
		expect(month.days_to_close).toBe(median);
	});
});
