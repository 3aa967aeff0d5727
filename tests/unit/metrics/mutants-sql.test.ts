/**
 * Written from the Stryker survivors of metrics/sql.ts (tests/README.md). The building blocks are run
 * in a real DuckDB on hand-picked instants, and each answer is the one the definition gives (a
 * comparison at the coarser precision of the two moments, whole or fractional days, whole-day periods).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import type { DatasetInfo } from '../../../src/lib/model/dataset';
import {
	activeInScope,
	asOfMoment,
	censoredDays,
	cmp,
	columnMoment,
	dateLit,
	daysBetween,
	filterWhere,
	FILTER_COLUMNS,
	groupIs,
	inList,
	inPeriod,
	monthsSql,
	num,
	openAtAsOf,
	periodEnd,
	periodStart,
	timestampLit,
	type Moment
} from '../../../src/lib/metrics/sql';
import { scope } from './fixture';

let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
});
afterAll(async () => {
	await engine?.close();
});

/** The value of a SQL expression over one row whose columns are `t` and `u` (timestamps or NULL). */
async function value(
	expr: string,
	t: string | null = null,
	u: string | null = null
): Promise<unknown> {
	const lit = (v: string | null) => (v === null ? 'NULL::TIMESTAMP' : `TIMESTAMP '${v}'`);
	const rows = await engine.query(
		`SELECT (${expr}) AS v FROM (SELECT ${lit(t)} AS t, ${lit(u)} AS u)`
	);
	const v = rows[0].v;
	return typeof v === 'bigint' ? Number(v) : v;
}

const timed: Moment = { sql: 't', hasTime: true };
const dated: Moment = { sql: 't', hasTime: false };
const timedU: Moment = { sql: 'u', hasTime: true };
const datedU: Moment = { sql: 'u', hasTime: false };

describe('literals', () => {
	it('numbers keep their exact value and refuse what is not finite', async () => {
		expect(num(3)).toBe('3e+0::DOUBLE');
		expect(await value(num(0.1))).toBe(0.1);
		expect(await value(num(-1234.5))).toBe(-1234.5);
		expect(() => num(Number.NaN)).toThrow('not a finite number: NaN');
		expect(() => num('1' as never)).toThrow('not a finite number: 1');
	});
	it('dates and timestamps', async () => {
		expect(dateLit('2025-03-31')).toBe("TIMESTAMP '2025-03-31 00:00:00'");
		expect(() => dateLit('2025-3-31')).toThrow('not a date (YYYY-MM-DD): 2025-3-31');
		expect(timestampLit('2025-03-31 10:20:30')).toBe("TIMESTAMP '2025-03-31 10:20:30'");
		expect(() => timestampLit('2025-03-31 25:00:00')).toThrow(
			'not a timestamp (YYYY-MM-DD hh:mm:ss): 2025-03-31 25:00:00'
		);
	});
	it('a filter list: texts, blanks, both, none', async () => {
		expect(inList('x', ['a'])).toBe("x IN ('a')");
		expect(inList('x', [null])).toBe('x IS NULL');
		expect(inList('x', ['a', 'b', null])).toBe("(x IN ('a', 'b') OR x IS NULL)");
		expect(inList('x', [])).toBe('FALSE');
	});
	it('a drill group: none chosen, the blank group, a value', () => {
		expect(groupIs('office', undefined)).toBe('TRUE');
		expect(groupIs('office', null)).toBe('office IS NULL');
		expect(groupIs('office', "N'orth")).toBe("office = 'N''orth'");
	});
});

describe('comparing moments at the coarser precision', () => {
	const asOfDay = asOfMoment(scope('2025-03-31', '2025-01-01', '2025-03-31'));
	const asOfInstant = asOfMoment(scope('2025-03-31 12:00:00', '2025-01-01', '2025-03-31'));
	it('the as-of moment', () => {
		expect(asOfDay).toEqual({
			sql: "TIMESTAMP '2025-03-31 00:00:00'",
			hasTime: false,
			day: '2025-03-31'
		});
		expect(asOfInstant).toEqual({
			sql: "TIMESTAMP '2025-03-31 12:00:00'",
			hasTime: true,
			day: '2025-03-31'
		});
	});
	// Instants on the day before, the as-of day (morning and last second) and the day after.
	const instants = [
		'2025-03-30 23:59:59',
		'2025-03-31 00:00:00',
		'2025-03-31 23:59:59',
		'2025-04-01 00:00:00'
	];
	const ops = ['<', '<=', '>', '>=', '='] as const;
	it('a timed column against a date-only as-of compares calendar days', async () => {
		// day of each instant relative to 2025-03-31: -1, 0, 0, +1
		const rel = [-1, 0, 0, 1];
		const expected = {
			'<': rel.map((r) => r < 0),
			'<=': rel.map((r) => r <= 0),
			'>': rel.map((r) => r > 0),
			'>=': rel.map((r) => r >= 0),
			'=': rel.map((r) => r === 0)
		};
		for (const op of ops) {
			const got = [];
			for (const t of instants) got.push(await value(cmp(timed, op, asOfDay), t));
			expect(got, op).toEqual(expected[op]);
			// the same with the as-of on the left: the operator reads the other way
			const flipped = [];
			for (const t of instants) flipped.push(await value(cmp(asOfDay, op, timed), t));
			const back = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=' } as const;
			expect(flipped, `as-of ${op}`).toEqual(expected[back[op]]);
		}
	});
	it('two timed moments compare to the second', async () => {
		// 2025-03-31 12:00:00 against: before, equal, after
		const cases: [string, Record<(typeof ops)[number], boolean>][] = [
			['2025-03-31 11:59:59', { '<': true, '<=': true, '>': false, '>=': false, '=': false }],
			['2025-03-31 12:00:00', { '<': false, '<=': true, '>': false, '>=': true, '=': true }],
			['2025-03-31 12:00:01', { '<': false, '<=': false, '>': true, '>=': true, '=': false }]
		];
		for (const [t, want] of cases)
			for (const op of ops)
				expect(await value(cmp(timed, op, asOfInstant), t), `${t} ${op}`).toBe(want[op]);
	});
	it('a date-only column against a timed as-of, and two columns, compare their days', async () => {
		expect(await value(cmp(dated, '=', asOfInstant), '2025-03-31 00:00:00')).toBe(true);
		expect(await value(cmp(dated, '>', asOfInstant), '2025-03-31 00:00:00')).toBe(false);
		expect(await value(cmp(dated, '<', timedU), '2025-03-31 00:00:00', '2025-03-31 18:00:00')).toBe(
			false
		);
		expect(await value(cmp(timed, '<', timedU), '2025-03-31 08:00:00', '2025-03-31 18:00:00')).toBe(
			true
		);
		expect(await value(cmp(timed, '<', datedU), '2025-03-31 08:00:00', '2025-03-31 00:00:00')).toBe(
			false
		);
	});
	it('a column moment: quoted, with its alias, with the precision the import recorded', () => {
		const dataset: DatasetInfo = {
			tables: {
				cases: {
					fileName: 'c.csv',
					importedAt: '2026-01-01T00:00:00Z',
					rows: 1,
					columns: {
						opened_at: { source: 'Opened', hasTime: true },
						closed_at: { source: 'Closed' }
					}
				}
			}
		};
		expect(columnMoment(dataset, 'cases', 'opened_at')).toEqual({
			sql: '"opened_at"',
			hasTime: true
		});
		expect(columnMoment(dataset, 'cases', 'closed_at', 's')).toEqual({
			sql: 's."closed_at"',
			hasTime: false
		});
	});
});

describe('durations', () => {
	it('fractional days when both have a time, else whole calendar days', async () => {
		// 2025-03-30 18:00 to 2025-04-01 06:00 is 36 hours: 1.5 days, or 2 calendar days
		const [a, b] = ['2025-03-30 18:00:00', '2025-04-01 06:00:00'];
		expect(await value(daysBetween(timed, timedU), a, b)).toBe(1.5);
		expect(await value(daysBetween(dated, timedU), a, b)).toBe(2);
		expect(await value(daysBetween(timed, datedU), a, b)).toBe(2);
		expect(await value(daysBetween(timedU, timed), a, b)).toBe(-1.5);
	});
	it('censoring: at the as-of instant, the end of the as-of day, or whole days', async () => {
		const opened = '2025-06-01 10:00:00';
		// as of the day 2025-06-30, timed columns: observation ends at 2025-07-01 00:00, 29 days 14 hours later
		const day = scope('2025-06-30', '2025-06-01', '2025-06-30');
		expect(await value(censoredDays(timed, timedU, day), opened)).toBeCloseTo(29 + 14 / 24, 12);
		// as of 2025-06-30 18:00: 29 days 8 hours
		const instant = scope('2025-06-30 18:00:00', '2025-06-01', '2025-06-30');
		expect(await value(censoredDays(timed, timedU, instant), opened)).toBeCloseTo(29 + 8 / 24, 12);
		// a date-only opening or closing: whole days from the opening date to the as-of date
		expect(await value(censoredDays(dated, timedU, day), opened)).toBe(29);
		expect(await value(censoredDays(timed, datedU, instant), opened)).toBe(29);
	});
});

describe('the period', () => {
	const s = scope('2025-03-31', '2025-02-01', '2025-03-31');
	it('whole days from the first to the last, inclusive', async () => {
		expect(periodStart(s)).toBe("TIMESTAMP '2025-02-01 00:00:00'");
		expect(periodEnd(s)).toBe("TIMESTAMP '2025-04-01 00:00:00'");
		const inside = async (t: string) => value(inPeriod('t', s), t);
		expect(await inside('2025-01-31 23:59:59')).toBe(false);
		expect(await inside('2025-02-01 00:00:00')).toBe(true);
		expect(await inside('2025-03-31 23:59:59')).toBe(true);
		expect(await inside('2025-04-01 00:00:00')).toBe(false);
	});
	it('every month it touches', async () => {
		const months = monthsSql(scope('2025-02-10', '2024-11-15', '2025-02-10'));
		const rows = await engine.query<{ month: string }>(
			`SELECT strftime(month, '%Y-%m-%d') AS month FROM (${months})`
		);
		expect(rows.map((r) => r.month)).toEqual([
			'2024-11-01',
			'2024-12-01',
			'2025-01-01',
			'2025-02-01'
		]);
	});
	it('the filters, each column once, quoted, with an alias', () => {
		expect(FILTER_COLUMNS).toEqual(['office', 'case_type', 'worker', 'priority', 'status']);
		const f = scope('2025-03-31', '2025-01-01', '2025-03-31', {
			case_type: ['Appeal'],
			worker: [null],
			priority: ['High'],
			office: []
		});
		expect(filterWhere(f)).toBe(
			`"case_type" IN ('Appeal') AND "worker" IS NULL AND "priority" IN ('High')`
		);
		expect(filterWhere(f, 'c')).toBe(
			`c."case_type" IN ('Appeal') AND c."worker" IS NULL AND c."priority" IN ('High')`
		);
	});
});

describe('open at the as-of moment, active in the scope', () => {
	const dataset: DatasetInfo = {
		tables: {
			cases: {
				fileName: 'c.csv',
				importedAt: '2026-01-01T00:00:00Z',
				rows: 1,
				columns: {
					opened_at: { source: 'o', hasTime: true },
					closed_at: { source: 'c', hasTime: true }
				}
			}
		}
	};
	const s = scope('2025-03-31', '2025-03-01', '2025-03-31');
	/** [opened_at, closed_at] as columns of a one-row query. */
	const open = (o: string, c: string | null) =>
		value(`SELECT ${openAtAsOf(dataset, s)} FROM (SELECT t AS opened_at, u AS closed_at)`, o, c);
	const active = (o: string, c: string | null, alias?: string) =>
		value(
			`SELECT ${activeInScope(dataset, s, alias)} FROM (SELECT t AS opened_at, u AS closed_at) ${alias ?? ''}`,
			o,
			c
		);
	it('open: opened by the end of the as-of day, not closed by then', async () => {
		expect(await open('2025-03-31 23:00:00', null)).toBe(true);
		expect(await open('2025-04-01 00:00:00', null)).toBe(false);
		expect(await open('2025-03-01 00:00:00', '2025-03-31 23:59:59')).toBe(false);
		expect(await open('2025-03-01 00:00:00', '2025-04-01 00:00:00')).toBe(true);
	});
	it('active: open at some time in the period, or open at the as-of moment', async () => {
		expect(await active('2025-02-01 00:00:00', '2025-03-01 00:00:00')).toBe(true);
		expect(await active('2025-02-01 00:00:00', '2025-02-28 23:59:59')).toBe(false);
		expect(await active('2025-03-31 23:59:59', null)).toBe(true);
		expect(await active('2025-04-01 00:00:00', null)).toBe(false);
		expect(await active('2025-01-01 00:00:00', null, 'x')).toBe(true);
		expect(await active('2025-01-01 00:00:00', '2025-01-02 00:00:00', 'x')).toBe(false);
	});
	it('active with an as-of after the period: still open then counts', async () => {
		const later = scope('2025-06-30', '2025-03-01', '2025-03-31');
		// opened after the period, open at the as-of date
		expect(
			await value(
				`SELECT ${activeInScope(dataset, later)} FROM (SELECT t AS opened_at, u AS closed_at)`,
				'2025-05-01 00:00:00',
				null
			)
		).toBe(true);
		// opened after the period and closed before the as-of date
		expect(
			await value(
				`SELECT ${activeInScope(dataset, later)} FROM (SELECT t AS opened_at, u AS closed_at)`,
				'2025-05-01 00:00:00',
				'2025-06-01 00:00:00'
			)
		).toBe(false);
	});
});
