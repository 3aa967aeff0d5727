/**
 * Written from the Stryker survivors of metrics/{read,standards}.ts (tests/README.md): reading result
 * cells, the "not available" message, days open, and the per-type time standards, run in a real DuckDB
 * where they are SQL. Each expectation is worked out by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import type { DatasetInfo } from '../../../src/lib/model/dataset';
import {
	CASE_DRILL_COLUMNS,
	count,
	daysOpenSql,
	missingMessage,
	needLabel,
	numOrNull,
	plainRows
} from '../../../src/lib/metrics/read';
import { defaultSettings } from '../../../src/lib/metrics/settings';
import { standards } from '../../../src/lib/metrics/standards';
import { ctx, scope } from './fixture';

let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
});
afterAll(async () => {
	await engine?.close();
});

const dataset = (cases: Record<string, boolean>, goals?: string[]): DatasetInfo => ({
	tables: {
		cases: {
			fileName: 'cases.csv',
			importedAt: '2026-01-01T00:00:00Z',
			rows: 1,
			columns: Object.fromEntries(
				Object.entries(cases).map(([c, hasTime]) => [c, { source: c, hasTime }])
			)
		},
		...(goals
			? {
					goals: {
						fileName: 'goals.csv',
						importedAt: '2026-01-01T00:00:00Z',
						rows: 1,
						columns: Object.fromEntries(goals.map((c) => [c, { source: c }]))
					}
				}
			: {})
	}
});

describe('result cells', () => {
	it('a number, or null for what is not one', () => {
		expect(numOrNull(2.5)).toBe(2.5);
		expect(numOrNull(7n)).toBe(7);
		expect(numOrNull('3')).toBe(3);
		expect(numOrNull(0)).toBe(0);
		expect(numOrNull(null)).toBeNull();
		expect(numOrNull(undefined)).toBeNull();
		expect(numOrNull('x')).toBeNull();
		expect(numOrNull(Infinity)).toBeNull();
		expect(count(null)).toBe(0);
		expect(count(4n)).toBe(4);
	});
	it('plain rows: only the named columns, big integers as numbers, missing as null', () => {
		expect(plainRows([{ a: 1n, b: 'x', c: true, d: 9 }], ['a', 'b', 'c', 'e'])).toEqual([
			{ a: 1, b: 'x', c: true, e: null }
		]);
		expect(plainRows([], ['a'])).toEqual([]);
	});
});

describe('what a metric lacks, in words', () => {
	it('a case column by its label, another table prefixed', () => {
		expect(needLabel('cases', 'closed_at')).toBe('Closed');
		expect(needLabel('goals', 'achieved_at')).toBe('Goals: Achieved');
	});
	it('every missing column and every group with none present, or null', () => {
		const d = dataset({ opened_at: false }, ['set_at']);
		const c = ctx(d, scope('2025-03-31', '2025-01-01', '2025-03-31'));
		expect(missingMessage(c, [{ table: 'cases', column: 'opened_at' }])).toBeNull();
		expect(
			missingMessage(c, [
				{ table: 'cases', column: 'closed_at' },
				{ table: 'goals', column: 'achieved_at' }
			])
		).toBe('not available: needs Closed, Goals: Achieved');
		expect(
			missingMessage(
				c,
				[],
				[
					[
						{ table: 'cases', column: 'satisfaction' },
						{ table: 'cases', column: 'closed_at' }
					],
					[
						{ table: 'goals', column: 'set_at' },
						{ table: 'goals', column: 'achieved_at' }
					]
				]
			)
		).toBe('not available: needs Satisfaction or Closed');
	});
});

describe('days open', () => {
	/** days_open of one case opened `o` and closed `c` (or open), as of `asOf`. */
	async function daysOpen(
		o: string,
		c: string | null,
		asOf: string,
		hasTime: boolean
	): Promise<number> {
		const d = dataset({ opened_at: hasTime, closed_at: hasTime });
		const sql = daysOpenSql(ctx(d, scope(asOf, '2025-01-01', asOf.slice(0, 10))));
		const lit = (v: string | null) => (v === null ? 'NULL::TIMESTAMP' : `TIMESTAMP '${v}'`);
		const rows = await engine.query<{ v: number }>(
			`SELECT ${sql} AS v FROM (SELECT ${lit(o)} AS opened_at, ${lit(c)} AS closed_at)`
		);
		return Number(rows[0].v);
	}
	it('to the closing when closed by the as-of moment, else to the as-of moment', async () => {
		// closed before the as-of date: 2025-03-01 06:00 to 2025-03-03 18:00 is 2.5 days
		expect(
			await daysOpen('2025-03-01 06:00:00', '2025-03-03 18:00:00', '2025-03-31 12:00:00', true)
		).toBe(2.5);
		// closed after the as-of instant: open, 2025-03-01 06:00 to 2025-03-31 12:00 is 30.25 days
		expect(
			await daysOpen('2025-03-01 06:00:00', '2025-04-02 00:00:00', '2025-03-31 12:00:00', true)
		).toBe(30.25);
		// closed at the as-of instant itself counts as closed
		expect(
			await daysOpen('2025-03-01 06:00:00', '2025-03-31 12:00:00', '2025-03-31 12:00:00', true)
		).toBe(30.25);
		// open, date-only columns: whole days to the as-of date
		expect(await daysOpen('2025-03-01 00:00:00', null, '2025-03-31', false)).toBe(30);
		expect(await daysOpen('2025-03-01 00:00:00', '2025-03-11 00:00:00', '2025-03-31', false)).toBe(
			10
		);
	});
	it('the drill-down columns', () => {
		expect(CASE_DRILL_COLUMNS).toEqual([
			'case_id',
			'opened_at',
			'closed_at',
			'case_type',
			'worker',
			'office',
			'priority',
			'status'
		]);
	});
});

describe('time standards per case type', () => {
	it('without per-type standards: the default tiers as numbers', async () => {
		const std = standards(defaultSettings());
		expect(std.cte).toBeNull();
		expect(std.tiers).toBe(3);
		const rows = await engine.query(`SELECT ${std.days(0)} AS d0, ${std.target(2)} AS t2`);
		expect(rows[0]).toEqual({ d0: 180, t2: 0.98 });
	});
	it('per type, matched by trimmed lower-case type, missing tiers from the default', async () => {
		const settings = defaultSettings();
		settings.timeStandards.byType = {
			' Appeal ': [
				{ days: 30, target: 0.5 },
				{ days: 60, target: 0.6 }
			]
		};
		const std = standards(settings);
		expect(std.tiers).toBe(3);
		const sql = `WITH ${std.cte}
			SELECT k, ${std.days(0)} AS d0, ${std.target(0)} AS t0, ${std.days(1)} AS d1, ${std.target(1)} AS t1,
				${std.days(2)} AS d2, ${std.target(2)} AS t2
			FROM (VALUES ('appeal'), ('civil')) AS c(k) LEFT JOIN std ON std.type_key = c.k ORDER BY k`;
		expect(await engine.query(sql)).toEqual([
			{ k: 'appeal', d0: 30, t0: 0.5, d1: 60, t1: 0.6, d2: 540, t2: 0.98 },
			{ k: 'civil', d0: 180, t0: 0.75, d1: 365, t1: 0.9, d2: 540, t2: 0.98 }
		]);
	});
});
