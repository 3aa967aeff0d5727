/**
 * The scorecards against the independent reference (tests/reference, which imports nothing from src):
 * on a seeded synthetic export, each worker's figures equal the reference's catalogue figures for a
 * scope filtered to that worker, read from the raw CSV files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine, Row } from '../../../src/lib/engine/types';
import { importPaths } from '../../../src/lib/import/node';
import type { DatasetInfo } from '../../../src/lib/model/dataset';
import { defaultSettings } from '../../../src/lib/metrics/settings';
import { workersSql } from '../../../src/lib/metrics/workers';
import { readExport, referenceMetrics, type RefData } from '../../reference/reference';
import { SYNTHETIC_COLUMNS } from '../../reference/parse';
import { WORKERS, writeSyntheticExport } from '../../reference/synthetic';
import { ctx, scope } from './fixture';

let engine: Engine;
let dataset: DatasetInfo;
let data: RefData;
beforeAll(async () => {
	engine = await createNodeEngine();
	const files = writeSyntheticExport({
		seed: 29,
		cases: 600,
		timed: { opened: false, closed: false, other: false, events: false, goals: false }
	});
	dataset = (await importPaths(engine, files, { today: '2026-11-29' })).dataset;
	data = readExport(files, SYNTHETIC_COLUMNS);
}, 120_000);
afterAll(async () => engine.close());

const S = scope('2025-06-30', '2024-07-01', '2025-06-30');

describe('worker scorecards against the reference', () => {
	it("gives every worker the reference's figures for that worker alone", async () => {
		const rows = await engine.query(workersSql(ctx(dataset, S)));
		const byWorker = new Map(rows.map((r) => [r.worker as string, r]));
		// The case workers and the staff file's (Gil has no case).
		const staff = referenceMetrics(data, S, defaultSettings()).utilisation_by_worker.rows ?? [];
		const names = [...new Set([...WORKERS, ...staff.map((r) => r.worker as string)])].sort();
		expect([...byWorker.keys()].sort()).toEqual(names);
		expect(names.length).toBeGreaterThan(WORKERS.length);
		let compared = 0;
		for (const worker of names) {
			const ref = referenceMetrics(
				data,
				{ ...S, filters: { ...S.filters, worker: [worker] } },
				defaultSettings()
			);
			const row = byWorker.get(worker) as Row;
			const util = (ref.utilisation_by_worker.rows ?? []).find((r) => r.worker === worker);
			const expected = {
				utilisation: util?.utilisation ?? null,
				opened: ref.opened.value,
				closed: ref.closed.value,
				days_to_close: ref.days_to_close_median.value ?? null,
				first_contact: ref.first_contact_on_time.value ?? null,
				deadlines_met: ref.deadlines_met_rate.value ?? null,
				goals_met: ref.goals_met_rate.value ?? null,
				stale: ref.stale_cases.value
			};
			for (const [key, value] of Object.entries(expected)) {
				const got = row[key] as number | null;
				if (value === null || got === null) expect(got, `${worker} ${key}`).toBe(value);
				else expect(got, `${worker} ${key}`).toBeCloseTo(value as number, 9);
				compared++;
			}
			// Not trivially empty: every case worker has cases of each kind in this scope.
			if (WORKERS.includes(worker)) {
				expect(row.opened, worker).toBeGreaterThan(10);
				expect(row.first_contact_n, worker).toBeGreaterThan(5);
			}
		}
		expect(compared).toBe(names.length * 8);
	});
});
