/**
 * Real exports nobody on this project wrote (tests/fixtures/realdata): the Baltimore deadline figure the
 * issue states, and the whole catalogue against the reference on both cities' files.
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
import { readTables, referenceMetrics } from '../../reference/reference';
import { ctx, scope } from './fixture';

const REAL = new URL('../../fixtures/realdata/', import.meta.url).pathname;

let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
});
afterAll(async () => engine.close());

describe('Baltimore 311 (due date = DueDate, done = CloseDate, times kept)', () => {
	let dataset: DatasetInfo;
	beforeAll(async () => {
		dataset = (
			await importPaths(
				engine,
				{ cases: REAL + 'baltimore_311_sample.csv' },
				{ today: '2026-11-29' }
			)
		).dataset;
	});

	it('1,567 of the 9,555 closed cases that have a due date closed after it', async () => {
		const cases = dataset.tables.cases!.columns;
		expect(cases.due_at).toMatchObject({ source: 'DueDate', hasTime: true });
		expect(cases.closed_at).toMatchObject({ source: 'CloseDate', hasTime: true });
		// Every due date (2014 to 2019) in the period and before the as-of date.
		const all = scope('2019-12-31', '2014-01-01', '2019-12-31');
		const r = (await computeMetrics(engine, ctx(dataset, all), ['deadlines_met_rate']))
			.deadlines_met_rate as ScalarResult;
		const d = r.detail as { met: number; late: number; not_done: number };
		expect(d.late).toBe(1567);
		expect(d.met + d.late).toBe(9555);
		expect(r.n).toBe(d.met + d.late + d.not_done);
		expect(r.value).toBeCloseTo(d.met / (r.n as number), 12);
		const late = await drill(engine, ctx(dataset, all), 'deadlines_met_rate', { part: 'late' });
		expect(late).toHaveLength(1567);
		expect(late.every((x) => (x.done as string) > (x.due as string))).toBe(true);
	});

	it('compared at whole days (as if the export had dates only), fewer are late: same day is on time', async () => {
		const dateOnly: DatasetInfo = structuredClone(dataset);
		dateOnly.tables.cases!.columns.due_at.hasTime = false;
		const all = scope('2019-12-31', '2014-01-01', '2019-12-31');
		const r = (await computeMetrics(engine, ctx(dateOnly, all), ['deadlines_met_rate']))
			.deadlines_met_rate as ScalarResult;
		const d = r.detail as { met: number; late: number };
		expect(d.met + d.late).toBe(9555);
		expect(d.late).toBeLessThan(1567);
		const ref = referenceMetrics(await readTables(engine, dateOnly), all, defaultSettings());
		expect(ref.deadlines_met_rate.detail).toEqual(r.detail);
	});

	it('the whole catalogue equals the reference (default scope, and the whole sample)', async () => {
		const data = await readTables(engine, dataset);
		const base = await defaultScope(engine, dataset);
		expect(base.asOf).toMatch(/^2019-02-13 \d\d:\d\d:\d\d$/);
		for (const s of [base, scope('2019-12-31', '2014-01-01', '2019-12-31')]) {
			const sql = await computeAll(engine, { scope: s, settings: defaultSettings(), dataset });
			const c = compareResults(sql, referenceMetrics(data, s, defaultSettings()));
			expect(c.differences).toEqual([]);
			expect(c.compared).toBeGreaterThan(20);
			// no goals, events or staff file, no satisfaction scores in a 311 export
			expect(sql.goals_met_rate.unavailable).toBe('not available: needs the goals file');
			expect(sql.satisfaction_mean.unavailable).toBe('not available: needs Satisfaction');
		}
	});
});

describe('San Francisco 311 (17 cases closed before they were opened)', () => {
	it('the whole catalogue equals the reference, and the identity holds', async () => {
		const dataset = (
			await importPaths(engine, { cases: REAL + 'sf_311_sample.csv' }, { today: '2026-11-29' })
		).dataset;
		const data = await readTables(engine, dataset);
		const base = await defaultScope(engine, dataset);
		for (const s of [base, { ...base, from: '2000-01-01' }]) {
			const sql = await computeAll(engine, { scope: s, settings: defaultSettings(), dataset });
			expect(compareResults(sql, referenceMetrics(data, s, defaultSettings())).differences).toEqual(
				[]
			);
			const v = (id: string) => (sql[id] as ScalarResult).value as number;
			expect(v('pending_end')).toBe(v('pending_start') + v('opened') - v('closed'));
			expect(v('days_to_close_median')).toBeGreaterThanOrEqual(0);
		}
	});
});
