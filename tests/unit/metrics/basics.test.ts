/**
 * Pure parts of the metric engine: quoting, dates, scope, settings, catalogue, docs, command-line arguments. No
 * database.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, OVERVIEW_IDS, metricEntry } from '../../../src/lib/metrics/catalogue';
import { renderMetricsDoc } from '../../../src/lib/metrics/doc';
import {
	addDays,
	addMonths,
	periodEnding,
	previousPeriod,
	validateScope,
	yearEarlier
} from '../../../src/lib/metrics/scope';
import {
	DEFAULT_SETTINGS,
	defaultSettings,
	settingsToJson,
	validateSettings
} from '../../../src/lib/metrics/settings';
import {
	asOfMoment,
	cmp,
	daysBetween,
	filterWhere,
	inList,
	num,
	timestampLit
} from '../../../src/lib/metrics/sql';
import { literal } from '../../../src/lib/engine/sql';
import { parseArgs, UsageError } from '../../../scripts/metrics';
import { scope } from './fixture';

describe('SQL literals', () => {
	it('quotes text so that a value can never end the literal', () => {
		expect(literal("O'Brien")).toBe("'O''Brien'");
		expect(literal("x' OR '1'='1")).toBe("'x'' OR ''1''=''1'");
		expect(() => literal('a\u0000b')).toThrow(/NUL/);
	});
	it('filters: values quoted, null matches blank, empty list means no filter', () => {
		expect(inList('worker', ['Ann', null])).toBe("(worker IN ('Ann') OR worker IS NULL)");
		expect(inList('worker', [])).toBe('FALSE');
		expect(filterWhere(scope('2025-01-01', '2024-01-01', '2024-12-31'))).toBe('TRUE');
		expect(
			filterWhere(
				scope('2025-01-01', '2024-01-01', '2024-12-31', { office: ["N'orth"], status: [null] })
			)
		).toBe(`"office" IN ('N''orth') AND "status" IS NULL`);
	});
	it('numbers and dates are validated before they reach SQL', () => {
		expect(num(0.75)).toBe('7.5e-1::DOUBLE');
		expect(() => num(Number.NaN)).toThrow();
		expect(() => num(Infinity)).toThrow();
		expect(timestampLit('2025-02-28')).toBe("TIMESTAMP '2025-02-28 00:00:00'");
		expect(timestampLit('2025-02-28 13:45:00')).toBe("TIMESTAMP '2025-02-28 13:45:00'");
		expect(() => timestampLit('2025-02-30')).toThrow(/not a date|not a timestamp/);
		expect(() => timestampLit("2025-01-01'; DROP TABLE cases; --")).toThrow();
	});
	it('compares and measures at the coarser precision', () => {
		const timed = { sql: 'a', hasTime: true };
		const timed2 = { sql: 'b', hasTime: true };
		const dateOnly = { sql: 'b', hasTime: false };
		expect(cmp(timed, '<=', timed2)).toBe('(a <= b)');
		expect(cmp(timed, '<=', dateOnly)).toBe('(a::DATE <= b::DATE)');
		// against the as-of date (a constant), a day-precision comparison becomes a range on the stored timestamp
		const asOf = asOfMoment(scope('2025-03-31', '2025-01-01', '2025-03-31'));
		expect(cmp(timed, '<=', asOf)).toBe("(a < TIMESTAMP '2025-04-01 00:00:00')");
		expect(cmp(timed, '>', asOf)).toBe("(a >= TIMESTAMP '2025-04-01 00:00:00')");
		expect(cmp(timed, '<', asOf)).toBe("(a < TIMESTAMP '2025-03-31 00:00:00')");
		expect(cmp(asOf, '<', timed)).toBe("(a >= TIMESTAMP '2025-04-01 00:00:00')");
		expect(
			cmp(timed, '<=', asOfMoment(scope('2025-03-31 12:00:00', '2025-01-01', '2025-03-31')))
		).toBe("(a <= TIMESTAMP '2025-03-31 12:00:00')");
		expect(
			cmp(dateOnly, '<=', asOfMoment(scope('2025-03-31 12:00:00', '2025-01-01', '2025-03-31')))
		).toBe("(b < TIMESTAMP '2025-04-01 00:00:00')");
		expect(daysBetween(timed, timed2)).toContain('86400000000.0');
		expect(daysBetween(timed, dateOnly)).toBe("date_diff('day', a::DATE, b::DATE)::DOUBLE");
	});
});

describe('scope', () => {
	it('date arithmetic: months clamp to the month end', () => {
		expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
		expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
		expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
		expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
	});
	it('the default period is the 12 months ending on the as-of date', () => {
		expect(periodEnding('2026-09-30')).toEqual({ from: '2025-10-01', to: '2026-09-30' });
		expect(periodEnding('2024-02-29')).toEqual({ from: '2023-03-01', to: '2024-02-29' });
	});
	it('previous period and a year earlier', () => {
		const s = scope('2026-09-30', '2026-07-01', '2026-09-30');
		// 92 days (Jul 31 + Aug 31 + Sep 30): the 92 days before 2026-07-01 start on 2026-03-31.
		expect(previousPeriod(s)).toMatchObject({
			from: '2026-03-31',
			to: '2026-06-30',
			asOf: '2026-06-30'
		});
		expect(yearEarlier({ ...s, asOf: '2026-09-30 10:00:00' })).toMatchObject({
			from: '2025-07-01',
			to: '2025-09-30',
			asOf: '2025-09-30 10:00:00'
		});
	});
	it('validation names each problem', () => {
		expect(validateScope(scope('2026-09-30', '2025-10-01', '2026-09-30'))).toEqual([]);
		expect(validateScope(scope('2026-09-30 12:00:00', '2025-10-01', '2026-09-30'))).toEqual([]);
		const bad = validateScope({
			...scope('30/09/2026', '2026-10-01', '2026-09-30'),
			filters: { ...scope('2026-01-01', '2026-01-01', '2026-01-01').filters, worker: [1 as never] }
		});
		expect(bad).toHaveLength(3);
		expect(bad.join('\n')).toMatch(/as-of/);
		expect(bad.join('\n')).toMatch(/starts \(2026-10-01\) after it ends/);
		expect(bad.join('\n')).toMatch(/filter worker/);
	});
});

describe('settings', () => {
	it('defaults: the Model Time Standards tiers, SLA 3, stale 60, capacity 40', () => {
		expect(DEFAULT_SETTINGS.timeStandards.default).toEqual([
			{ days: 180, target: 0.75 },
			{ days: 365, target: 0.9 },
			{ days: 540, target: 0.98 }
		]);
		expect(DEFAULT_SETTINGS).toMatchObject({
			firstContactSlaDays: 3,
			staleDays: 60,
			defaultCapacity: 40,
			caseWeights: {}
		});
	});
	it('round-trips its own JSON and fills missing keys with defaults', () => {
		const s = defaultSettings();
		s.caseWeights = { Housing: 2 };
		s.timeStandards.byType = {
			Family: [
				{ days: 200, target: 0.7 },
				{ days: 400, target: 0.9 },
				{ days: 600, target: 0.99 }
			]
		};
		const back = validateSettings(JSON.parse(settingsToJson(s)));
		expect(back).toEqual({ ok: true, settings: s });
		expect(validateSettings({ staleDays: 30 })).toEqual({
			ok: true,
			settings: { ...defaultSettings(), staleDays: 30 }
		});
	});
	it('rejects what it cannot use, saying why', () => {
		const r = validateSettings({
			staleDays: -1,
			defaultCapacity: 0,
			colour: 'red',
			caseWeights: { housing: 2, Housing: 3, Debt: 'x' },
			timeStandards: {
				default: [
					{ days: 180, target: 0.75 },
					{ days: 100, target: 0.9 }
				],
				byType: { Family: [{ days: 10, target: 1.5 }] }
			},
			requiredFields: [{ column: 'nonsense' }],
			satisfactionScale: '1-7'
		});
		expect(r.ok).toBe(false);
		const text = r.ok ? '' : r.errors.join('\n');
		for (const part of [
			'staleDays',
			'defaultCapacity',
			'unknown setting "colour"',
			'the same case type',
			'caseWeights["Debt"]',
			'ascending',
			'timeStandards.byType["Family"][0] must be',
			'must have 2 tiers',
			'requiredFields[0]',
			'satisfactionScale'
		]) {
			expect(text).toContain(part);
		}
		expect(validateSettings([])).toEqual({ ok: false, errors: ['settings must be a JSON object'] });
	});
});

describe('catalogue', () => {
	it('has every metric the issue names, each fully described', () => {
		const ids = CATALOGUE.map((e) => e.id);
		for (const id of [
			'opened',
			'closed',
			'clearance_rate',
			'pending_start',
			'pending_end',
			'throughput_monthly',
			'days_to_close_median',
			'days_to_close_mean',
			'days_to_close_p90',
			'time_standard_compliance',
			'km_median_days',
			'km_curve',
			'km_curve_by_type',
			'pending_age_median',
			'pending_age_buckets',
			'backlog_share',
			'goals_met_rate',
			'gas_t_mean',
			'goals_overdue',
			'active_by_worker',
			'utilisation_by_worker',
			'over_capacity_workers',
			'caseload_cv',
			'caseload_gini',
			'caseload_max_median_ratio',
			'active_monthly_by_worker',
			'first_contact_on_time',
			'deadlines_met_rate',
			'reviews_overdue',
			'stale_cases',
			'documentation_completeness',
			'outcome_mix',
			'satisfaction_mean',
			'net_promoter_score'
		])
			expect(ids).toContain(id);
		for (const e of CATALOGUE) {
			expect(e.definition.length, e.id).toBeGreaterThan(40);
			expect(e.definition, e.id).not.toContain('\n');
			expect(e.formula.length, e.id).toBeGreaterThan(5);
			expect(e.source.length, e.id).toBeGreaterThan(5);
			expect(typeof e.drill, e.id).toBe('function');
			if (e.kind === 'table') expect(e.columns?.length, e.id).toBeGreaterThan(0);
		}
		for (const id of OVERVIEW_IDS) expect(metricEntry(id).kind).toBe('scalar');
		expect(() => metricEntry('nope')).toThrow(/no metric/);
	});
	it('docs/metrics.md is the catalogue as generated now', () => {
		const committed = readFileSync(new URL('../../../docs/metrics.md', import.meta.url), 'utf8');
		expect(committed).toBe(renderMetricsDoc());
		for (const e of CATALOGUE) expect(committed).toContain(`(\`${e.id}\`)`);
	});
});

describe('command-line arguments', () => {
	it('reads files, scope and output flags', () => {
		expect(
			parseArgs([
				'--cases',
				'c.csv',
				'--events=e.csv',
				'--as-of',
				'2026-06-30',
				'--from',
				'2026-01-01',
				'--to',
				'2026-06-30',
				'--json'
			])
		).toEqual({
			files: { cases: ['c.csv'], events: ['e.csv'] },
			asOf: '2026-06-30',
			from: '2026-01-01',
			to: '2026-06-30',
			json: true
		});
	});
	it('refuses what it cannot run', () => {
		expect(() => parseArgs([])).toThrow(UsageError);
		expect(() => parseArgs(['--cases', 'c.csv', '--from', '2026-01-01'])).toThrow(/go together/);
		expect(() => parseArgs(['--cases', 'c.csv', '--as-of', '06/30/2026'])).toThrow(/--as-of/);
		expect(() => parseArgs(['--cases', 'c.csv', '--colour'])).toThrow(/unknown argument/);
		expect(() => parseArgs(['--cases'])).toThrow(/needs a value/);
	});
});
