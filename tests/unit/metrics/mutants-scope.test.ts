/**
 * Written from the Stryker survivors of metrics/{scope,periods,targets,monthly}.ts (tests/README.md):
 * each expectation is worked out by hand from the calendar or the definition, not read off the code.
 * No database.
 */
import { describe, expect, it } from 'vitest';
import { monthStart, monthly, overall } from '../../../src/lib/metrics/monthly';
import { comparedScopes, cubeSteps, monthlyScopes } from '../../../src/lib/metrics/periods';
import {
	addDays,
	addMonths,
	asOfDate,
	emptyFilters,
	isIsoDate,
	isIsoTimestamp,
	NO_FILTERS,
	previousPeriod,
	validateScope,
	yearEarlier
} from '../../../src/lib/metrics/scope';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/lib/metrics/settings';
import { TARGETS, targetMissed } from '../../../src/lib/metrics/targets';
import { scope } from './fixture';

describe('ISO dates and timestamps', () => {
	it('accepts real calendar days only, in exactly YYYY-MM-DD', () => {
		expect(isIsoDate('2024-02-29')).toBe(true);
		expect(isIsoDate('2025-12-31')).toBe(true);
		expect(isIsoDate('2025-01-01')).toBe(true);
		expect(isIsoDate('2023-02-29')).toBe(false); // not a leap year
		expect(isIsoDate('2025-04-31')).toBe(false); // April has 30 days
		expect(isIsoDate('2025-13-01')).toBe(false);
		expect(isIsoDate('2025-00-10')).toBe(false);
		expect(isIsoDate('2025-01-00')).toBe(false);
		expect(isIsoDate('2025-1-01')).toBe(false);
		expect(isIsoDate('x2025-01-01')).toBe(false);
		expect(isIsoDate('2025-01-01x')).toBe(false);
		expect(isIsoDate('2025-01-01 10:00:00')).toBe(false);
		expect(isIsoDate('abcd-ef-gh')).toBe(false);
		expect(isIsoDate(20250101)).toBe(false);
		expect(isIsoDate(null)).toBe(false);
		// a list whose text is a date is still not a date (URL parameters can repeat)
		expect(isIsoDate(['2025-01-01'])).toBe(false);
		// years 0000-0099 are refused: Date.UTC would read them as 1900-1999
		expect(isIsoDate('0050-01-01')).toBe(false);
	});
	it('a timestamp is a real day and a real time of day, T or space, optional fraction', () => {
		expect(isIsoTimestamp('2025-03-31 23:59:59')).toBe(true);
		expect(isIsoTimestamp('2025-03-31T00:00:00')).toBe(true);
		expect(isIsoTimestamp('2025-03-31 12:00:00.123456')).toBe(true);
		expect(isIsoTimestamp('2025-03-31 12:00:00.1234567')).toBe(false);
		expect(isIsoTimestamp('2025-03-31 12:00:00.')).toBe(false);
		expect(isIsoTimestamp('2025-03-31 24:00:00')).toBe(false);
		expect(isIsoTimestamp('2025-03-31 10:60:00')).toBe(false);
		expect(isIsoTimestamp('2025-03-31 10:00:60')).toBe(false);
		expect(isIsoTimestamp('2025-02-30 10:00:00')).toBe(false);
		expect(isIsoTimestamp('2025-03-31x10:00:00')).toBe(false);
		expect(isIsoTimestamp('2025-03-31 1:00:00')).toBe(false);
		expect(isIsoTimestamp('x2025-03-31 10:00:00')).toBe(false);
		expect(isIsoTimestamp('2025-03-31 10:00:00x')).toBe(false);
		expect(isIsoTimestamp('2025-03-31')).toBe(false);
		expect(isIsoTimestamp(undefined)).toBe(false);
		expect(isIsoTimestamp(['2025-03-31 10:00:00'])).toBe(false);
	});
});

describe('calendar arithmetic', () => {
	it('adds days across months and years, both ways', () => {
		expect(addDays('2025-01-31', 1)).toBe('2025-02-01');
		expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
		expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
		expect(addDays('2025-06-15', 0)).toBe('2025-06-15');
		expect(addDays('2025-06-15', 30)).toBe('2025-07-15');
	});
	it('adds months with the day clamped to the target month', () => {
		expect(addMonths('2025-01-15', 1)).toBe('2025-02-15');
		expect(addMonths('2025-03-31', 1)).toBe('2025-04-30');
		expect(addMonths('2025-12-31', 2)).toBe('2026-02-28');
		expect(addMonths('2025-01-31', -2)).toBe('2024-11-30');
		expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
		expect(addMonths('2025-05-10', 0)).toBe('2025-05-10');
	});
	it('the date of an as-of value is its first ten characters', () => {
		expect(asOfDate('2025-06-30 18:00:00')).toBe('2025-06-30');
		expect(asOfDate('2025-06-30')).toBe('2025-06-30');
	});
});

describe('derived periods', () => {
	it('the previous period has the same number of days and ends the day before', () => {
		// 2025-03-01..2025-03-31 is 31 days; the 31 days before end on 2025-02-28 and start on 2025-01-29.
		expect(previousPeriod(scope('2025-03-31', '2025-03-01', '2025-03-31'))).toEqual(
			scope('2025-02-28', '2025-01-29', '2025-02-28')
		);
		// a single day
		expect(previousPeriod(scope('2025-03-01', '2025-03-01', '2025-03-01'))).toEqual(
			scope('2025-02-28', '2025-02-28', '2025-02-28')
		);
	});
	it('a year earlier keeps an as-of instant time of day, and a plain date stays a date', () => {
		expect(yearEarlier(scope('2025-02-28 09:30:00', '2024-03-01', '2025-02-28'))).toEqual(
			scope('2024-02-28 09:30:00', '2023-03-01', '2024-02-28')
		);
		expect(yearEarlier(scope('2024-02-29', '2023-03-01', '2024-02-29'))).toEqual(
			scope('2023-02-28', '2022-03-01', '2023-02-28')
		);
	});
	it('the twelve sparkline months end on the as-of date, each as of its last day', () => {
		const s = scope('2025-03-15 10:00:00', '2024-03-16', '2025-03-15', { worker: ['Ann'] });
		const months = monthlyScopes(s);
		expect(months).toHaveLength(12);
		expect(months[0]).toEqual({ ...s, from: '2024-04-01', to: '2024-04-30', asOf: '2024-04-30' });
		expect(months[10]).toEqual({ ...s, from: '2025-02-01', to: '2025-02-28', asOf: '2025-02-28' });
		expect(months[11]).toEqual({
			...s,
			from: '2025-03-01',
			to: '2025-03-15',
			asOf: '2025-03-15 10:00:00'
		});
		expect(monthlyScopes(s, 2).map((m) => [m.from, m.to])).toEqual([
			['2025-02-01', '2025-02-28'],
			['2025-03-01', '2025-03-15']
		]);
	});
	it('compared scopes and the cube steps', () => {
		const s = scope('2025-06-30', '2025-04-01', '2025-06-30');
		expect(comparedScopes(s)).toEqual([
			s,
			scope('2025-03-31', '2024-12-31', '2025-03-31'),
			scope('2024-06-30', '2024-04-01', '2024-06-30')
		]);
		const steps = cubeSteps(s);
		expect(steps.map((x) => x.length)).toEqual([3, 4, 4, 4]);
		expect(steps[1][0].from).toBe('2024-07-01');
		expect(steps[2][0].from).toBe('2024-11-01');
		expect(steps[3][0].from).toBe('2025-03-01');
		expect(steps[3][3]).toEqual({ ...s, from: '2025-06-01', to: '2025-06-30', asOf: '2025-06-30' });
	});
});

describe('scope validation names each problem', () => {
	const ok = scope('2025-06-30', '2025-01-01', '2025-06-30');
	it('a valid scope has none; equal from and to is a one-day period', () => {
		expect(validateScope(ok)).toEqual([]);
		expect(validateScope(scope('2025-06-30', '2025-06-30', '2025-06-30'))).toEqual([]);
	});
	it('each bad part, in words', () => {
		expect(validateScope({ ...ok, asOf: '2025-06-31' })).toEqual([
			'as-of must be YYYY-MM-DD or YYYY-MM-DD hh:mm:ss, got "2025-06-31"'
		]);
		expect(validateScope({ ...ok, from: '2025/01/01' })).toEqual([
			'from must be YYYY-MM-DD, got "2025/01/01"'
		]);
		expect(validateScope({ ...ok, to: '' })).toEqual(['to must be YYYY-MM-DD, got ""']);
		expect(validateScope({ ...ok, from: '2025-07-01' })).toEqual([
			'the period starts (2025-07-01) after it ends (2025-06-30)'
		]);
		expect(
			validateScope({ ...ok, filters: { ...emptyFilters(), office: 'North' as never } })
		).toEqual(['filter office must be a list of text values']);
		expect(
			validateScope({ ...ok, filters: { ...emptyFilters(), status: ['Open', null] } })
		).toEqual([]);
		expect(validateScope({ ...ok, filters: undefined as never })).toEqual(
			Object.keys(NO_FILTERS).map((k) => `filter ${k} must be a list of text values`)
		);
	});
	it('the filter keys are the five filter columns, empty', () => {
		expect(NO_FILTERS).toEqual({ office: [], case_type: [], worker: [], priority: [], status: [] });
		expect(emptyFilters()).toEqual(NO_FILTERS);
		expect(emptyFilters()).not.toBe(emptyFilters());
	});
});

describe('targets', () => {
	const s = DEFAULT_SETTINGS;
	it('clearance below 100% misses; 100% meets', () => {
		expect(targetMissed('clearance_rate', 0.99, s)).toBe(true);
		expect(targetMissed('clearance_rate', 1, s)).toBe(false);
	});
	it('backlog share misses above 1 minus the last tier target (98%: 2%)', () => {
		expect(targetMissed('backlog_share', 0.03, s)).toBe(true);
		expect(targetMissed('backlog_share', 0.01, s)).toBe(false);
		expect(TARGETS.backlog_share.text(s)).toBe(
			'time standard: 98% of cases within 540 days, so at most 2% older'
		);
		const none: Settings = { ...s, timeStandards: { default: [], byType: {} } };
		expect(TARGETS.backlog_share.text(none)).toBe('time standard');
		// with no tier the target is 100% within, so any backlog misses
		expect(targetMissed('backlog_share', 0.001, none)).toBe(true);
		expect(targetMissed('backlog_share', 0, none)).toBe(false);
	});
	it('GAS below T = 50 misses; a worker over capacity misses', () => {
		expect(targetMissed('gas_t_mean', 49.9, s)).toBe(true);
		expect(targetMissed('gas_t_mean', 50, s)).toBe(false);
		expect(targetMissed('over_capacity_workers', 1, s)).toBe(true);
		expect(targetMissed('over_capacity_workers', 0, s)).toBe(false);
	});
	it('no value, a value that is not finite, or a metric without a target never misses', () => {
		expect(targetMissed('clearance_rate', null, s)).toBe(false);
		expect(targetMissed('clearance_rate', Number.NaN, s)).toBe(false);
		expect(targetMissed('clearance_rate', -Infinity, s)).toBe(false);
		expect(targetMissed('days_to_close_median', 1e9, s)).toBe(false);
	});
	it('the targets in words', () => {
		expect(TARGETS.clearance_rate.text(s)).toMatch(/^CourTools Measure 2: close at least as many/);
		expect(TARGETS.gas_t_mean.text(s)).toBe(
			'Goal Attainment Scaling: T = 50 is the expected level of attainment'
		);
		expect(TARGETS.over_capacity_workers.text(s)).toBe('no worker above capacity');
	});
});

describe('monthly compliance rows', () => {
	it('the month start of a month or of a date in it, and a named error otherwise', () => {
		expect(monthStart('2025-07')).toBe('2025-07-01');
		expect(monthStart('2025-12-19')).toBe('2025-12-01');
		expect(monthStart('2025-01')).toBe('2025-01-01');
		expect(() => monthStart('2025-13')).toThrow('not a month: 2025-13');
		expect(() => monthStart('2025-00')).toThrow('not a month: 2025-00');
		expect(() => monthStart('25-07')).toThrow('not a month: 25-07');
		expect(() => monthStart('x2025-07')).toThrow('not a month: x2025-07');
		expect(() => monthStart('2025-7')).toThrow('not a month: 2025-7');
		expect(() => monthStart('July')).toThrow('not a month: July');
	});
	it('overall is the total row wherever it is; monthly are the others, in order', () => {
		const rows = [
			{ total: 0, month: '2025-01-01', rate: 0.5 },
			{ total: 1n, month: null, rate: 0.6 },
			{ total: 0, month: '2025-02-01', rate: 0.7 }
		];
		expect(overall(rows)).toBe(rows[1]);
		expect(monthly(rows)).toEqual([rows[0], rows[2]]);
		expect(overall([rows[0]])).toEqual({});
	});
});
