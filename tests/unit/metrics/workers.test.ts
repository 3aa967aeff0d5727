/** Worker scorecards on the seeded dataset (workers-fixture.ts), every figure worked out by hand there. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine, Row } from '../../../src/lib/engine/types';
import type { DatasetInfo } from '../../../src/lib/model/dataset';
import {
	figurePolarity,
	unordered,
	workerFigure,
	workersSql
} from '../../../src/lib/metrics/workers';
import {
	cellMarks,
	figureMarks,
	marksText,
	usualRange
} from '../../../src/lib/metrics/workers-marks';
import { trendScopes, workerTrend } from '../../../src/lib/metrics/workers-trend';
import { DEFAULT_WORKER_TARGETS, targetsFor } from '../../../src/lib/metrics/workers-targets';
import { validateSettings } from '../../../src/lib/metrics/settings';
import { ctx, loadFixture, scope } from './fixture';
import { WORKERS_FIXTURE } from './workers-fixture';

let engine: Engine;
let dataset: DatasetInfo;
beforeAll(async () => {
	engine = await createNodeEngine();
	dataset = await loadFixture(engine, WORKERS_FIXTURE);
});
afterAll(async () => engine.close());

const H1 = scope('2025-06-30', '2025-01-01', '2025-06-30');

async function table(filters = {}): Promise<Map<string, Row>> {
	const rows = await engine.query(
		workersSql(ctx(dataset, scope('2025-06-30', '2025-01-01', '2025-06-30', filters)))
	);
	return new Map(rows.map((r) => [r.worker as string, r]));
}

describe('worker scorecards', () => {
	it('gives each worker the figures worked out by hand', async () => {
		const t = await table();
		expect([...t.keys()]).toEqual(['Ann', 'Ben', 'Cat', 'Dan', 'Eve', 'Sam']);
		const pick = (w: string) => {
			const r = t.get(w) as Row;
			return [
				r.team,
				r.utilisation,
				r.opened,
				r.closed,
				r.days_to_close,
				r.first_contact,
				r.deadlines_met,
				r.goals_met,
				r.stale,
				r.attention
			];
		};
		expect(pick('Ann')).toEqual(['North', 0.25, 3, 2, 15, 1, 0.5, 1, 0, 0]);
		expect(pick('Ben')).toEqual(['North', 0.25, 2, 1, 10, 0.5, null, null, 1, 1]);
		expect(pick('Cat')).toEqual(['North', 0.25, 2, 1, 12, 1, null, 0, 0, 0]);
		expect(pick('Dan')).toEqual(['North', 1.5, 4, 1, 120, 0.75, null, null, 1, 1]);
		expect(pick('Eve')).toEqual(['North', 0.25, 2, 1, 14, 1, null, null, 0, 0]);
		expect(pick('Sam')).toEqual(['South', 0.1, 2, 1, 40, 0.5, 1, 0, 0, 0]);
		expect([
			t.get('Dan')?.capacity,
			t.get('Dan')?.utilisation_n,
			t.get('Dan')?.first_contact_n
		]).toEqual([2, 3, 4]);
	});

	it('gives the team quartiles of each figure (continuous quantiles, as the catalogue)', async () => {
		const dan = (await table()).get('Dan') as Row;
		// North days to close 10 12 14 15 120: positions 1, 2, 3 of 0..4.
		expect([dan.days_to_close_q1, dan.days_to_close_median, dan.days_to_close_q3]).toEqual([
			12, 14, 15
		]);
		// North opened 2 2 2 3 4.
		expect([dan.opened_q1, dan.opened_median, dan.opened_q3, dan.opened_team]).toEqual([
			2, 2, 3, 5
		]);
		// Deadlines: Ann alone in North has any.
		expect([dan.deadlines_met_median, dan.deadlines_met_team]).toEqual([0.5, 1]);
		const sam = (await table()).get('Sam') as Row;
		expect([sam.utilisation_median, sam.utilisation_team]).toEqual([0.1, 1]);
	});

	it('marks the cells outside the usual range or past the target, and no others', async () => {
		const t = await table();
		const settings = ctx(dataset, H1).settings;
		const marked: string[] = [];
		for (const [worker, row] of t)
			for (const key of [
				'utilisation',
				'opened',
				'closed',
				'days_to_close',
				'first_contact',
				'stale'
			] as const) {
				const m = figureMarks(row, workerFigure(key), targetsFor(settings, row.team as string));
				if (m.outside || m.missesTarget)
					marked.push(`${worker} ${key} ${m.outside ?? ''}${m.missesTarget ? ' target' : ''}`);
			}
		// Utilisation: North 0.25 x4 and 1.5 (IQR 0: fences at 0.25); above capacity misses the 100% target.
		// Closed: North 1 1 1 1 2 (IQR 0): Ann's 2 is above. Days: fences 12 - 4.5 and 15 + 4.5: Dan's 120 above.
		// Sam is a team of one: no usual range; 10% is within capacity.
		expect(marked.sort()).toEqual([
			'Ann closed above',
			'Dan days_to_close above',
			'Dan utilisation above target'
		]);
	});

	it('takes an office target before the organisation one', async () => {
		const t = await table();
		const settings = {
			...ctx(dataset, H1).settings,
			workerTargets: { ...ctx(dataset, H1).settings.workerTargets, first_contact: 0.6 },
			officeTargets: { South: { first_contact: 0.4 } }
		};
		const misses = (w: string) =>
			figureMarks(
				t.get(w) as Row,
				workerFigure('first_contact'),
				targetsFor(settings, t.get(w)?.team as string)
			).missesTarget;
		// Ben 50% < 60% (North: the organisation's); Sam 50% >= 40% (South's own).
		expect([misses('Ben'), misses('Sam'), misses('Dan')]).toEqual([true, false, false]);
	});

	it('shows only the filtered worker, still compared with the whole team', async () => {
		const t = await table({ worker: ['Dan'] });
		expect([...t.keys()]).toEqual(['Dan']);
		expect(t.get('Dan')?.days_to_close_median).toBe(14);
	});

	it('applies the office filter to the cases', async () => {
		const t = await table({ office: ['South'] });
		// The staff file's office picks the staff: North's workers are not rows.
		expect([...t.keys()]).toEqual(['Sam']);
		expect([t.get('Sam')?.opened, t.get('Sam')?.first_contact]).toEqual([2, 0.5]);
	});
});

describe('the usual range', () => {
	it('is 1.5 interquartile ranges beyond the quartiles, for teams of four or more', () => {
		// q1 10, q3 18: IQR 8, fences 10 - 12 = -2 and 18 + 12 = 30.
		expect(usualRange({ q1: 10, median: 14, q3: 18, n: 4 })).toEqual({ low: -2, high: 30 });
		expect(usualRange({ q1: 10, median: 14, q3: 18, n: 3 })).toBeNull();
		const stats = { q1: 10, median: 14, q3: 18, n: 6 };
		expect(cellMarks(30, stats, null, undefined)).toEqual({ outside: null, missesTarget: false });
		expect(cellMarks(30.5, stats, null, undefined)).toEqual({
			outside: 'above',
			missesTarget: false
		});
		expect(cellMarks(-2.5, stats, 0, 'min')).toEqual({ outside: 'below', missesTarget: true });
		// A target is missed only past it: at most 20 holds at 20, at least 0.9 fails at 0.89.
		expect(cellMarks(20, stats, 20, 'max').missesTarget).toBe(false);
		expect(cellMarks(0.89, stats, 0.9, 'min').missesTarget).toBe(true);
		expect(cellMarks(null, stats, 0.9, 'min')).toEqual({ outside: null, missesTarget: false });
		// In words, with the better or worse side where the figure has one (days to close: lower is better).
		expect(marksText({ outside: 'above', missesTarget: true }, 'lower')).toEqual([
			'above team range (worse)',
			'misses target'
		]);
		expect(marksText({ outside: 'above', missesTarget: false }, 'higher')).toEqual([
			'above team range (better)'
		]);
		expect(marksText({ outside: 'below', missesTarget: false }, 'neutral')).toEqual([
			'below team range'
		]);
		expect(figurePolarity(workerFigure('days_to_close'))).toBe('lower');
		expect(figurePolarity(workerFigure('first_contact'))).toBe('higher');
	});
});

describe("a worker's 12-month trend", () => {
	it('covers the 12 calendar months to the end of the period, the last one to the as-of date', () => {
		const s = trendScopes(scope('2025-06-15', '2024-06-16', '2025-06-15'), 'Dan');
		expect(s.map((m) => m.from)).toEqual([
			'2024-07-01',
			'2024-08-01',
			'2024-09-01',
			'2024-10-01',
			'2024-11-01',
			'2024-12-01',
			'2025-01-01',
			'2025-02-01',
			'2025-03-01',
			'2025-04-01',
			'2025-05-01',
			'2025-06-01'
		]);
		expect([s[0].to, s[0].asOf, s[11].to, s[11].asOf]).toEqual([
			'2024-07-31',
			'2024-07-31',
			'2025-06-15',
			'2025-06-15'
		]);
		expect(s[11].filters.worker).toEqual(['Dan']);
	});

	it("gives each month's figures as known at its end", async () => {
		const rows = await workerTrend(engine, ctx(dataset, H1), 'Dan');
		const col = (k: string) => rows.slice(6).map((r) => r[k]);
		expect(rows.length).toBe(12);
		// Jul-Dec 2024: Dan is on the staff file with no case.
		expect(rows.slice(0, 6).map((r) => [r.utilisation, r.opened, r.closed, r.stale])).toEqual(
			Array(6).fill([0, 0, 0, 0])
		);
		// Open at month end Jan-Jun: d1; d1; d1 d2; d1 d2 d3; d2 d3 (d1 closed 05-05); d2 d3 d4 — of capacity 2.
		expect(col('utilisation')).toEqual([0.5, 0.5, 1, 1.5, 1, 1.5]);
		expect(col('opened')).toEqual([1, 0, 1, 1, 0, 1]);
		expect(col('closed')).toEqual([0, 0, 0, 0, 1, 0]);
		expect(col('days_to_close')).toEqual([null, null, null, null, 120, null]);
		// Intake months: Jan d1 on time; Mar d2 never contacted (SLA passed by 03-31); Apr d3, Jun d4 on time.
		expect(col('first_contact')).toEqual([1, null, 0, 1, null, 1]);
		// Idle over 60 days at month end: d1 at 03-31 (85) and 04-30 (115; its closing on 05-05 was not known);
		// d2 at 05-31 (90) and 06-30 (120); d3 at 05-31 is 60 days old, not over.
		expect(col('stale')).toEqual([0, 0, 1, 1, 1, 1]);
		// Needs attention (horizon 7 days) at month end: Feb d1 goes stale 03-06 (within 03-07); Mar d1 stale and
		// d2 never contacted; Apr the same two; May d2, and d3 going stale 05-31 (its 06-29 activity unknown);
		// Jun d2 alone.
		expect(col('attention')).toEqual([0, 1, 2, 2, 2, 1]);
	});
});

describe('worker target settings', () => {
	it('keep the organisation defaults for what an import leaves out, and check every value', () => {
		const ok = validateSettings({
			workerTargets: { first_contact: 0.9 },
			officeTargets: { South: { stale: 2 } }
		});
		expect(ok).toEqual({
			ok: true,
			settings: expect.objectContaining({
				workerTargets: { ...DEFAULT_WORKER_TARGETS, first_contact: 0.9 },
				officeTargets: { South: { stale: 2 } }
			})
		});
		expect(DEFAULT_WORKER_TARGETS.utilisation).toBe(1);
		const bad = validateSettings({
			workerTargets: { first_contact: 90, speed: 1 },
			officeTargets: { North: { utilisation: -1 }, ' ': {} }
		});
		expect(bad).toEqual({
			ok: false,
			errors: [
				'workerTargets.first_contact must be null or a share >= 0 and <= 1',
				'unknown setting "workerTargets.speed"',
				'officeTargets["North"].utilisation must be null or a share >= 0',
				'officeTargets has an empty office'
			]
		});
	});
});

describe("a drill-down's rows for a figure", () => {
	it('lose the final ORDER BY only, and keep it where a LIMIT needs it', () => {
		expect(unordered('WITH a AS (SELECT 1 AS x ORDER BY x) SELECT x FROM a ORDER BY x DESC')).toBe(
			'WITH a AS (SELECT 1 AS x ORDER BY x) SELECT x FROM a '
		);
		const inner = `SELECT row_number() OVER (ORDER BY x) AS r, 'a ORDER BY b' AS t FROM a`;
		expect(unordered(inner)).toBe(inner);
		expect(unordered('SELECT x FROM a ORDER BY x LIMIT 5')).toBe(
			'SELECT x FROM a ORDER BY x LIMIT 5'
		);
		expect(unordered(`SELECT 'it''s' AS q FROM a\nORDER BY q`)).toBe(
			`SELECT 'it''s' AS q FROM a\n`
		);
	});
});
