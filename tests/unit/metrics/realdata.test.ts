/**
 * Real exports nobody on this project wrote (tests/fixtures/realdata): src's catalogue (the files
 * imported by src's importer) against the independent reference, which parses the same raw files
 * itself (BALTIMORE_COLUMNS, SF_COLUMNS), and exact figures from the reference where the tests used
 * to accept a range.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import { importPaths } from '../../../src/lib/import/node';
import type { DatasetInfo } from '../../../src/lib/model/dataset';
import { computeAll, computeMetrics, drill } from '../../../src/lib/metrics/run';
import { defaultScope } from '../../../src/lib/metrics/scope';
import { defaultSettings } from '../../../src/lib/metrics/settings';
import type { ScalarResult } from '../../../src/lib/metrics/types';
import { compareResults } from '../../reference/compare';
import {
	BALTIMORE_COLUMNS,
	SF_COLUMNS,
	readExport,
	referenceMetrics,
	refSettings,
	type RefData
} from '../../reference/reference';
import { ctx, scope } from './fixture';

const REAL = new URL('../../fixtures/realdata/', import.meta.url).pathname;
const BALTIMORE = { cases: REAL + 'baltimore_311_sample.csv' };
const SF = { cases: REAL + 'sf_311_sample.csv' };

let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
});
afterAll(async () => engine.close());

/** The same export as if its due dates had no time of day (derived at test time, the file untouched). */
function dueDatesOnly(data: RefData): RefData {
	const rows = data.cases.rows.map((r) => {
		const due = r.due_at as { ms: number; day: number } | null;
		return due ? { ...r, due_at: { ...due, timed: false } } : r;
	});
	const timed = new Set([...data.cases.timed].filter((c) => c !== 'due_at'));
	return { ...data, cases: { ...data.cases, rows, timed } };
}

describe('Baltimore 311 (due date = DueDate, done = CloseDate, times kept)', () => {
	let dataset: DatasetInfo;
	const data = readExport(BALTIMORE, BALTIMORE_COLUMNS);
	const all = scope('2019-12-31', '2014-01-01', '2019-12-31');
	beforeAll(async () => {
		dataset = (await importPaths(engine, BALTIMORE, { today: '2026-11-29' })).dataset;
	});

	it('1,567 of the 9,555 closed cases that have a due date closed after it', async () => {
		const cases = dataset.tables.cases!.columns;
		expect(cases.due_at).toMatchObject({ source: 'DueDate', hasTime: true });
		expect(cases.closed_at).toMatchObject({ source: 'CloseDate', hasTime: true });
		// Every due date (2014 to 2019) in the period and before the as-of date.
		const r = (await computeMetrics(engine, ctx(dataset, all), ['deadlines_met_rate']))
			.deadlines_met_rate as ScalarResult;
		const ref = referenceMetrics(data, all, refSettings()).deadlines_met_rate;
		expect(ref.detail).toMatchObject({ late: 1567 });
		expect(r.detail).toEqual(ref.detail);
		expect(r.n).toBe(ref.n);
		const d = r.detail as { met: number; late: number; not_done: number };
		expect(d.met + d.late).toBe(9555);
		// the drill-down lists exactly the cases the reference finds late, from the raw file
		const late = await drill(engine, ctx(dataset, all), 'deadlines_met_rate', { part: 'late' });
		const lateIds = data.cases.rows
			.filter((row) => {
				const [due, closed] = [row.due_at, row.closed_at] as ({ ms: number } | null)[];
				return due !== null && closed !== null && closed.ms > due.ms;
			})
			.map((row) => row.case_id as string)
			.sort();
		expect(lateIds).toHaveLength(1567);
		expect(late.map((x) => x.case_id as string).sort()).toEqual(lateIds);
	});

	it('compared at whole days (as if the export had dates only), fewer are late: same day is on time', async () => {
		const dateOnly: DatasetInfo = structuredClone(dataset);
		dateOnly.tables.cases!.columns.due_at.hasTime = false;
		const r = (await computeMetrics(engine, ctx(dateOnly, all), ['deadlines_met_rate']))
			.deadlines_met_rate as ScalarResult;
		const ref = referenceMetrics(dueDatesOnly(data), all, refSettings()).deadlines_met_rate;
		expect(r.detail).toEqual(ref.detail);
		// by hand from the raw rows: late at whole days = closed on a later calendar day than due
		const dayOf = (v: unknown) => (v as { day: number }).day;
		const lateByDay = data.cases.rows.filter(
			(row) => row.due_at && row.closed_at && dayOf(row.closed_at) > dayOf(row.due_at)
		).length;
		expect((r.detail as { late: number }).late).toBe(lateByDay);
		expect(lateByDay).toBeLessThan(1567);
	});

	it('the whole catalogue equals the reference (default scope, and the whole sample)', async () => {
		const base = await defaultScope(engine, dataset);
		expect(base.asOf).toBe('2019-02-13 16:18:56');
		for (const s of [base, all]) {
			const sql = await computeAll(engine, { scope: s, settings: defaultSettings(), dataset });
			const c = compareResults(sql, referenceMetrics(data, s, refSettings()));
			expect(c.differences).toEqual([]);
			// LastActivityDate and Outcome are blank in all 10,000 rows (counted from the raw file in
			// tests/unit/import/mapping-values.test.ts): stale cases (also as a reason for attention) and the
			// outcome mix are not available.
			expect(c.compared).toBe(30);
			expect(c.unavailable).toEqual(
				expect.arrayContaining(['stale_cases', 'attention_stale', 'outcome_mix'])
			);
			expect(sql.stale_cases.unavailable).toBe(
				'not available: Last activity is empty in 10,000 of 10,000 rows'
			);
			expect(sql.outcome_mix.unavailable).toBe(
				'not available: Close reason is empty in 10,000 of 10,000 rows'
			);
			// no goals, events or staff file, no satisfaction scores in a 311 export
			expect(sql.goals_met_rate.unavailable).toBe('not available: needs the goals file');
			expect(sql.satisfaction_mean.unavailable).toBe('not available: needs Satisfaction');
		}
	});

	it('Kaplan-Meier median at a date-only as-of: open cases censored at the end of 2019-02-13', async () => {
		const s = scope('2019-02-13', '2018-02-14', '2019-02-13');
		const sql = await computeMetrics(engine, ctx(dataset, s), ['km_median_days']);
		const ref = referenceMetrics(data, s, refSettings()).km_median_days;
		expect(ref.value).toBeCloseTo(1.150498, 6);
		expect((sql.km_median_days as ScalarResult).value).toBeCloseTo(ref.value as number, 9);
		expect((sql.km_median_days as ScalarResult).detail).toEqual(ref.detail);
	});
});

describe('San Francisco 311 (17 cases closed before they were opened)', () => {
	it('the whole catalogue equals the reference, and the identity holds', async () => {
		const dataset = (await importPaths(engine, SF, { today: '2026-11-29' })).dataset;
		const data = readExport(SF, SF_COLUMNS);
		const base = await defaultScope(engine, dataset);
		expect(base.asOf).toBe('2018-01-24 23:41:00');
		for (const s of [base, { ...base, from: '2000-01-01' }]) {
			const sql = await computeAll(engine, { scope: s, settings: defaultSettings(), dataset });
			const ref = referenceMetrics(data, s, refSettings());
			const c = compareResults(sql, ref);
			expect(c.differences).toEqual([]);
			expect(c.compared).toBe(29);
			const v = (id: string) => (sql[id] as ScalarResult).value as number;
			expect(v('pending_end')).toBe(v('pending_start') + v('opened') - v('closed'));
			expect(v('days_to_close_median')).toBeCloseTo(ref.days_to_close_median.value as number, 9);
			expect((sql.days_to_close_median as ScalarResult).n).toBe(ref.days_to_close_median.n);
		}
	});

	it('the 17 closings before openings count as closed on the opening (a named choice of the reference)', async () => {
		const data = readExport(SF, SF_COLUMNS);
		const s = scope('2018-01-24 23:41:00', '2000-01-01', '2018-01-24');
		const moved = referenceMetrics(data, s, refSettings());
		const left = referenceMetrics(data, s, refSettings(), { closedBeforeOpened: 'leave-out' });
		// leaving them out removes 17 closed cases, and their zero durations, from the closed count
		expect((moved.closed.value as number) - (left.closed.value as number)).toBe(17);
		expect(
			moved.days_to_close_by_type.rows!.reduce((m, r) => Math.min(m, r.min as number), Infinity)
		).toBe(0);
	});
});
