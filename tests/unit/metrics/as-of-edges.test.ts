/**
 * As-of edge cases worked by hand from the definitions (the arithmetic is in the comments), asserted
 * on src's catalogue (rows loaded straight into DuckDB) and on the independent reference (the same
 * rows written as a CSV export and parsed by it). A date-only as-of means the whole day: everything
 * dated that day has happened, and observation ends at 00:00 the next day. Figures use only what was
 * known at the as-of moment.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import { computeMetrics } from '../../../src/lib/metrics/run';
import type { Scope } from '../../../src/lib/metrics/scope';
import type { MetricResult } from '../../../src/lib/metrics/types';
import {
	SYNTHETIC_COLUMNS,
	readExport,
	referenceMetrics,
	refSettings,
	type RefResult
} from '../../reference/reference';
import { ctx, loadFixture, scope, type Fixture } from './fixture';

let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
});
afterAll(async () => engine.close());

/** Writes the fixture's rows as CSV files and parses them with the reference (headers = column names). */
function referenceOf(fixture: Fixture, s: Scope): Record<string, RefResult> {
	const dir = mkdtempSync(path.join(tmpdir(), 'casemetrics-edges-'));
	const write = (name: 'cases' | 'events', rows: Fixture['cases']) => {
		const fields = [...new Set(rows.flatMap((r) => Object.keys(r)))];
		const file = path.join(dir, `${name}.csv`);
		writeFileSync(
			file,
			Papa.unparse({ fields, data: rows.map((r) => fields.map((f) => r[f] ?? '')) })
		);
		return { file, columns: Object.fromEntries(fields.map((f) => [f, f])) };
	};
	const cases = write('cases', fixture.cases);
	const events = fixture.events ? write('events', fixture.events) : undefined;
	const data = readExport(
		{ cases: cases.file, events: events?.file },
		{ cases: cases.columns, events: events?.columns, eventKinds: SYNTHETIC_COLUMNS.eventKinds }
	);
	return referenceMetrics(data, s, refSettings());
}

/** The same metrics from src and from the reference, as plain { value, n, detail, rows } objects. */
async function both(fixture: Fixture, s: Scope, ids: string[]) {
	const dataset = await loadFixture(engine, fixture);
	const src = await computeMetrics(engine, ctx(dataset, s), ids);
	const ref = referenceOf(fixture, s);
	const pick = (r: MetricResult | RefResult) => {
		const { value, n, detail, rows } = r as RefResult;
		return JSON.parse(JSON.stringify({ value, n, detail, rows }));
	};
	return ids.map((id) => ({ id, src: pick(src[id]), ref: pick(ref[id]) }));
}

/** Asserts src and the reference both equal the hand-computed results (within 1e-9 for fractions). */
async function expectBoth(fixture: Fixture, s: Scope, expected: Record<string, RefResult>) {
	for (const { id, src, ref } of await both(fixture, s, Object.keys(expected))) {
		const want = JSON.parse(JSON.stringify(expected[id]));
		expect(roundAll(ref), `reference ${id}`).toEqual(roundAll(want));
		expect(roundAll(src), `src ${id}`).toEqual(roundAll(want));
	}
}
const roundAll = (v: unknown): unknown =>
	typeof v === 'number'
		? Math.round(v * 1e9) / 1e9
		: Array.isArray(v)
			? v.map(roundAll)
			: v && typeof v === 'object'
				? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, roundAll(x)]))
				: v;

const JUNE = scope('2025-06-30', '2025-06-01', '2025-06-30');

describe('(a) three cases opened 2025-06-01 10:00, one closed 2025-06-30 18:00, as-of 2025-06-30', () => {
	const fixture: Fixture = {
		cases: [
			{ case_id: 'A', opened_at: '2025-06-01 10:00:00', closed_at: '2025-06-30 18:00:00' },
			{ case_id: 'B', opened_at: '2025-06-01 10:00:00', closed_at: null },
			{ case_id: 'C', opened_at: '2025-06-01 10:00:00', closed_at: null }
		]
	};

	it('counts: 3 opened, 1 closed after 29 1/3 days, 2 pending', async () => {
		// A: 2025-06-01 10:00 -> 2025-06-30 18:00 = 29 days + 8 h = 29.333... days
		await expectBoth(fixture, JUNE, {
			opened: { value: 3 },
			closed: { value: 1 },
			pending_end: { value: 2 },
			days_to_close_median: { value: 29 + 8 / 24, n: 1 }
		});
	});

	it('Kaplan-Meier: no median, the survival stays at 2/3', async () => {
		// Observation ends at 2025-07-01 00:00. B and C are censored there:
		//   t = 2025-07-01 00:00 - 2025-06-01 10:00 = 30 days - 10 h = 29.58333 days.
		// A closes at t = 29.33333 with 3 at risk: S = 1 - 1/3 = 2/3. B and C leave at 29.58333 without
		// a closing: S stays 2/3 > 1/2, so there is no median.
		// (Censoring at the START of 2025-06-30 put B and C at 29 days, before A's closing, leaving A
		// alone at risk: S = 0 and a "median" of 29.33 days.)
		await expectBoth(fixture, JUNE, {
			km_median_days: { value: null, n: 3, detail: { closed: 1, censored: 2 } },
			km_curve: {
				rows: [
					{ t: 29 + 8 / 24, at_risk: 3, events: 1, censored: 0, survival: 2 / 3 },
					{ t: 29 + 14 / 24, at_risk: 2, events: 0, censored: 2, survival: 2 / 3 }
				]
			}
		});
	});
});

describe('(b) a case opened on the as-of day', () => {
	const fixture: Fixture = {
		cases: [
			{ case_id: 'B1', opened_at: '2025-06-30', closed_at: null },
			{ case_id: 'B2', opened_at: '2025-06-10', closed_at: '2025-06-30' },
			{ case_id: 'B3', opened_at: '2025-06-20', closed_at: null },
			{ case_id: 'B4', opened_at: '2025-06-30', closed_at: '2025-06-30' }
		]
	};

	it('is opened, pending and 0 days old at the as-of date', async () => {
		// opened in June: B1-B4 = 4; closed in June: B2 and B4 (on the as-of day itself) = 2;
		// open at the end of 2025-06-30: B1, B3 = 2; ages at the as-of date: B1 0, B3 10 -> median 5
		await expectBoth(fixture, JUNE, {
			opened: { value: 4 },
			closed: { value: 2 },
			pending_end: { value: 2 },
			pending_age_median: { value: 5, n: 2 },
			clearance_rate: { value: 0.5, n: 4, detail: { opened: 4, closed: 2 } }
		});
	});

	it('Kaplan-Meier, dates only: censored at 0 whole days and at risk at 0', async () => {
		// Durations are whole days. B1, open at the end of 06-30, is known to take more than 0 days:
		// censored at t = 0 and at risk at 0 (a censoring tied with a closing is at risk). B3: more than
		// 10 days. B4 closes at 0, B2 at 20.
		// t = 0: at risk 4 (all), 1 closing (B4), 1 censored (B1): S = 1 - 1/4 = 3/4
		// t = 10: at risk 2 (B3, B2), 1 censored: S = 3/4
		// t = 20: at risk 1 (B2), 1 closing: S = 0 -> median 20
		await expectBoth(fixture, JUNE, {
			km_median_days: { value: 20, n: 4, detail: { closed: 2, censored: 2 } },
			km_curve: {
				rows: [
					{ t: 0, at_risk: 4, events: 1, censored: 1, survival: 0.75 },
					{ t: 10, at_risk: 2, events: 0, censored: 1, survival: 0.75 },
					{ t: 20, at_risk: 1, events: 1, censored: 0, survival: 0 }
				]
			}
		});
	});

	it('Kaplan-Meier, times of day: observed until the end of the as-of day', async () => {
		// E2 opened 06-30 00:00, closed 12:00: t = 0.5. E1 (opened 09:00) and E3 (06:00) are still open
		// at the end of 2025-06-30 (07-01 00:00): censored at 15 h = 0.625 and 18 h = 0.75 days.
		// t = 0.5: at risk 3, 1 closing: S = 2/3; then two censorings: no median.
		// (Censored at the START of the day, E1 and E3 would sit at 0 days, before E2's closing,
		// leaving E2 alone at risk: S = 0 and a "median" of half a day.)
		const timed: Fixture = {
			cases: [
				{ case_id: 'E1', opened_at: '2025-06-30 09:00:00', closed_at: null },
				{ case_id: 'E2', opened_at: '2025-06-30 00:00:00', closed_at: '2025-06-30 12:00:00' },
				{ case_id: 'E3', opened_at: '2025-06-30 06:00:00', closed_at: null }
			]
		};
		await expectBoth(timed, JUNE, {
			km_median_days: { value: null, n: 3, detail: { closed: 1, censored: 2 } },
			km_curve: {
				rows: [
					{ t: 0.5, at_risk: 3, events: 1, censored: 0, survival: 2 / 3 },
					{ t: 0.625, at_risk: 2, events: 0, censored: 1, survival: 2 / 3 },
					{ t: 0.75, at_risk: 1, events: 0, censored: 1, survival: 2 / 3 }
				]
			},
			pending_age_median: { value: 0, n: 2 } // whole days: the as-of date has no time of day
		});
	});
});

describe('(c) a case closed after the as-of date', () => {
	const fixture: Fixture = {
		cases: [
			{ case_id: 'C1', opened_at: '2025-06-05', closed_at: '2025-07-03', due_at: '2025-06-25' },
			{ case_id: 'C2', opened_at: '2025-06-01', closed_at: '2025-06-15', due_at: '2025-06-20' },
			{ case_id: 'C3', opened_at: '2025-07-10', closed_at: null, due_at: '2025-07-20' }
		]
	};

	it('is open at the as-of date and not in the closed counts', async () => {
		// closed in June: C2 only; open at the as-of date: C1, 06-30 - 06-05 = 25 days old
		await expectBoth(fixture, JUNE, {
			opened: { value: 2 },
			closed: { value: 1 },
			pending_end: { value: 1 },
			pending_age_median: { value: 25, n: 1 },
			days_to_close_median: { value: 14, n: 1 }
		});
	});

	it('nor when the period runs past the as-of date: its closing, and C3, were not known yet', async () => {
		// Period June-July, as of 06-30: C1's closing on 07-03 and C3's opening on 07-10 had not
		// happened. opened: C1, C2 = 2; closed: C2 = 1; pending at the end of July: C1 = 1.
		await expectBoth(fixture, scope('2025-06-30', '2025-06-01', '2025-07-31'), {
			opened: { value: 2 },
			closed: { value: 1 },
			pending_end: { value: 1 },
			days_to_close_mean: { value: 14, n: 1 }
		});
	});

	it('its due date was "not done" at the as-of date, not "late"', async () => {
		// C2: due 06-20, closed 06-15: met. C1: due 06-25 (in June, before the as-of date); on 06-30 it
		// was not closed: not done (its closing on 07-03 was not known yet). 1 met of 2 = 0.5.
		await expectBoth(fixture, JUNE, {
			deadlines_met_rate: { value: 0.5, n: 2, detail: { met: 1, late: 0, not_done: 1 } }
		});
	});

	it('Kaplan-Meier: censored after the 25 whole days it was seen open', async () => {
		// C2 closes at 14 days with 2 at risk: S = 1/2, median 14. C1 is known to take more than
		// 06-30 - 06-05 = 25 days: censored at 25.
		await expectBoth(fixture, JUNE, {
			km_median_days: { value: 14, n: 2, detail: { closed: 1, censored: 1 } },
			km_curve: {
				rows: [
					{ t: 14, at_risk: 2, events: 1, censored: 0, survival: 0.5 },
					{ t: 25, at_risk: 1, events: 0, censored: 1, survival: 0.5 }
				]
			}
		});
	});
});

describe('(d) an event due on the as-of day', () => {
	const fixture: Fixture = {
		cases: [{ case_id: 'D1', opened_at: '2025-06-01', closed_at: null }],
		events: [
			{ case_id: 'D1', kind: 'deadline', due_at: '2025-06-30', done_at: null },
			{ case_id: 'D1', kind: 'deadline', due_at: '2025-06-30', done_at: '2025-06-30' },
			{ case_id: 'D1', kind: 'hearing', due_at: '2025-07-01', done_at: null },
			{ case_id: 'D1', kind: 'review', due_at: '2025-06-30', done_at: null }
		]
	};
	// Both deadlines due 06-30 are due by the as-of date; the hearing on 07-01 is not yet.
	// One done that day (met), one not: 1 of 2. The review due 06-30 and not done is overdue.
	const expected = {
		deadlines_met_rate: { value: 0.5, n: 2, detail: { met: 1, late: 0, not_done: 1 } },
		reviews_overdue: { value: 1, n: 1, detail: { not_done: 1, done_late: 0 } }
	};

	it('is due at a date-only as-of of that day', async () => {
		await expectBoth(fixture, JUNE, expected);
	});

	it('is due at 09:00 that day too: a date-only due date compares at whole days', async () => {
		await expectBoth(fixture, scope('2025-06-30 09:00:00', '2025-06-01', '2025-06-30'), expected);
	});

	it('is not yet due the day before', async () => {
		// as-of 06-29: nothing due yet (the June period runs past it, but due dates must be by the as-of)
		await expectBoth(fixture, scope('2025-06-29', '2025-06-01', '2025-06-30'), {
			deadlines_met_rate: { value: null, n: 0, detail: { met: 0, late: 0, not_done: 0 } },
			reviews_overdue: { value: 0, n: 0, detail: { not_done: 0, done_late: 0 } }
		});
	});
});
