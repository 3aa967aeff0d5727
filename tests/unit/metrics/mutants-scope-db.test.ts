/**
 * Written from the Stryker survivors of metrics/scope.ts (tests/README.md): the data's latest moment
 * and the default scope, read by a real DuckDB from hand-made cases (the other tests give these a
 * stub engine that ignores the SQL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import {
	defaultScope,
	emptyFilters,
	filterValues,
	latestMoment
} from '../../../src/lib/metrics/scope';
import { loadFixture, type Fixture } from './fixture';

let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
});
afterAll(async () => {
	await engine?.close();
});

/** Loads `fixture`, replacing what was there. */
async function load(fixture: Fixture) {
	for (const t of ['cases', 'goals', 'events', 'staff'])
		await engine.exec(`DROP TABLE IF EXISTS ${t}`);
	return loadFixture(engine, fixture);
}
const latest = async (fixture: Fixture) => latestMoment(engine, await load(fixture));

describe('the latest moment in the data', () => {
	it('the later of the last opening and the last closing, at its column precision', async () => {
		// the last closing (2025-05-20 17:30) is after the last opening (2025-05-01 09:00)
		expect(
			await latest({
				cases: [
					{ case_id: '1', opened_at: '2025-05-01 09:00:00', closed_at: '2025-05-20 17:30:00' },
					{ case_id: '2', opened_at: '2025-04-01 09:00:00', closed_at: null }
				]
			})
		).toBe('2025-05-20 17:30:00');
		// the last opening is later than every closing
		expect(
			await latest({
				cases: [
					{ case_id: '1', opened_at: '2025-06-02 08:15:00', closed_at: '2025-05-20 17:30:00' },
					{ case_id: '2', opened_at: '2025-04-01 09:00:00', closed_at: null }
				]
			})
		).toBe('2025-06-02 08:15:00');
	});
	it('a date-only column gives a date', async () => {
		expect(
			await latest({
				cases: [
					{ case_id: '1', opened_at: '2025-05-01', closed_at: '2025-05-20' },
					{ case_id: '2', opened_at: '2025-04-01', closed_at: null }
				]
			})
		).toBe('2025-05-20');
		// closings with a time, openings without: the later opening is a date
		expect(
			await latest({
				cases: [{ case_id: '1', opened_at: '2025-07-01', closed_at: '2025-05-20 10:00:00' }]
			})
		).toBe('2025-07-01');
	});
	it('without a closed_at column, the last opening; no cases, null', async () => {
		expect(
			await latest({
				cases: [
					{ case_id: '1', opened_at: '2025-03-03' },
					{ case_id: '2', opened_at: '2025-03-09' }
				]
			})
		).toBe('2025-03-09');
		// closed_at declared but every case open
		expect(
			await latest({ cases: [{ case_id: '1', opened_at: '2025-03-03', closed_at: null }] })
		).toBe('2025-03-03');
		expect(await latest({ cases: [] })).toBeNull();
	});
	it('the default scope: 12 months ending on the latest date, or on today without cases', async () => {
		const dataset = await load({ cases: [] });
		expect(await defaultScope(engine, dataset, '2026-03-01')).toEqual({
			asOf: '2026-03-01',
			from: '2025-03-02',
			to: '2026-03-01',
			filters: emptyFilters()
		});
		expect((await defaultScope(engine, dataset)).asOf).toBe(new Date().toISOString().slice(0, 10));
		const full = await load({
			cases: [{ case_id: '1', opened_at: '2025-01-10 10:00:00', closed_at: '2025-02-28 16:00:00' }]
		});
		expect(await defaultScope(engine, full, '2026-03-01')).toEqual({
			asOf: '2025-02-28 16:00:00',
			// 12 months back from 2025-02-28 is 2024-02-28 (a leap year), the day after it 2024-02-29
			from: '2024-02-29',
			to: '2025-02-28',
			filters: emptyFilters()
		});
	});
	it('filter values: none asked, none given', async () => {
		expect(await filterValues(engine, [])).toEqual({});
	});
});
