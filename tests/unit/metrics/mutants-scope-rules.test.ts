/**
 * Written from the Stryker survivors of metrics/scope-rules.ts (tests/README.md): the period presets
 * worked out on the calendar by hand, the resolved scope, and each period problem in words. No database.
 */
import { describe, expect, it } from 'vitest';
import {
	DEFAULT_PRESET,
	PRESETS,
	defaultFilterState,
	isPreset,
	periodProblems,
	presetPeriod,
	resolveScope,
	type FilterState
} from '../../../src/lib/metrics/scope-rules';
import { emptyFilters } from '../../../src/lib/metrics/scope';

describe('presets', () => {
	it('are the nine choices, 12 months by default', () => {
		expect(PRESETS.map((p) => [p.id, p.label])).toEqual([
			['30d', 'Last 30 days'],
			['90d', 'Last 90 days'],
			['12m', 'Last 12 months'],
			['last-month', 'Last month'],
			['last-quarter', 'Last quarter'],
			['last-year', 'Last year'],
			['quarter', 'Quarter to date'],
			['ytd', 'Year to date'],
			['custom', 'Custom']
		]);
		expect(DEFAULT_PRESET).toBe('12m');
		expect(isPreset('ytd')).toBe(true);
		expect(isPreset('7d')).toBe(false);
		expect(isPreset(null)).toBe(false);
	});
	it('each ends on the as-of date and starts where the calendar says', () => {
		// 30 days ending 2025-03-10 inclusive: 2025-02-09..2025-03-10 (20 days of February, 10 of March)
		expect(presetPeriod('30d', '2025-03-10')).toEqual({ from: '2025-02-09', to: '2025-03-10' });
		// 90 days ending 2025-03-31: January (31) + February (28) + March (31)
		expect(presetPeriod('90d', '2025-03-31')).toEqual({ from: '2025-01-01', to: '2025-03-31' });
		expect(presetPeriod('ytd', '2025-08-15')).toEqual({ from: '2025-01-01', to: '2025-08-15' });
		expect(presetPeriod('12m', '2025-08-15')).toEqual({ from: '2024-08-16', to: '2025-08-15' });
	});
	it('quarter to date starts on the first day of the calendar quarter', () => {
		const starts = [
			['2025-01-01', '2025-01-01'],
			['2025-03-31', '2025-01-01'],
			['2025-04-01', '2025-04-01'],
			['2025-06-30', '2025-04-01'],
			['2025-07-15', '2025-07-01'],
			['2025-09-30', '2025-07-01'],
			['2025-10-01', '2025-10-01'],
			['2025-12-31', '2025-10-01']
		];
		for (const [end, from] of starts)
			expect(presetPeriod('quarter', end)).toEqual({ from, to: end });
	});
});

describe('the resolved scope', () => {
	const state = (over: Partial<FilterState>): FilterState => ({ ...defaultFilterState(), ...over });
	it('the default state: 12 months, no as-of, no filters', () => {
		expect(defaultFilterState()).toEqual({
			preset: '12m',
			from: null,
			to: null,
			asOf: null,
			filters: emptyFilters()
		});
	});
	it('as of the chosen moment, else the latest in the data, else today', () => {
		expect(
			resolveScope(
				state({ asOf: '2025-05-31 17:00:00', preset: 'ytd' }),
				'2025-06-30',
				'2026-01-01'
			)
		).toEqual({
			asOf: '2025-05-31 17:00:00',
			from: '2025-01-01',
			to: '2025-05-31',
			filters: emptyFilters()
		});
		expect(
			resolveScope(state({ preset: '30d' }), '2025-06-30 08:00:00', '2026-01-01')
		).toMatchObject({
			asOf: '2025-06-30 08:00:00',
			from: '2025-06-01',
			to: '2025-06-30'
		});
		expect(resolveScope(state({ preset: '30d' }), null, '2026-01-30')).toMatchObject({
			asOf: '2026-01-30',
			from: '2026-01-01',
			to: '2026-01-30'
		});
		// without a given today it is today's UTC date
		expect(resolveScope(state({}), null).asOf).toBe(new Date().toISOString().slice(0, 10));
	});
	it('a custom period needs both days, else the default preset', () => {
		expect(
			resolveScope(state({ preset: 'custom', from: '2025-02-01', to: '2025-02-10' }), '2025-06-30')
		).toMatchObject({ from: '2025-02-01', to: '2025-02-10' });
		expect(
			resolveScope(state({ preset: 'custom', from: '2025-02-01' }), '2025-06-30')
		).toMatchObject({
			from: '2024-07-01',
			to: '2025-06-30'
		});
		expect(resolveScope(state({ preset: 'custom', to: '2025-02-10' }), '2025-06-30')).toMatchObject(
			{
				from: '2024-07-01',
				to: '2025-06-30'
			}
		);
		// from and to are used only with the custom preset
		expect(
			resolveScope(state({ preset: 'ytd', from: '2025-02-01', to: '2025-02-10' }), '2025-06-30')
		).toMatchObject({ from: '2025-01-01', to: '2025-06-30' });
	});
	it('the filters are copied, not shared', () => {
		const filters = { ...emptyFilters(), office: ['North', null], status: ['Open'] };
		const s = resolveScope(state({ filters }), '2025-06-30');
		expect(s.filters).toEqual(filters);
		expect(s.filters.office).not.toBe(filters.office);
	});
});

describe('period problems in words', () => {
	it('none for a valid choice or nothing given', () => {
		expect(periodProblems({})).toEqual([]);
		expect(
			periodProblems({ period: 'custom', from: '2025-01-01', to: '2025-01-01', asOf: '2025-02-01' })
		).toEqual([]);
		expect(periodProblems({ asOf: '2025-02-01 10:00:00' })).toEqual([]);
	});
	it('each problem named', () => {
		expect(periodProblems({ period: '7d' })).toEqual([
			'the period must be one of 30d, 90d, 12m, last-month, last-quarter, last-year, quarter, ytd, ' +
				'custom, not "7d"'
		]);
		expect(periodProblems({ period: null })).toEqual([
			'the period must be one of 30d, 90d, 12m, last-month, last-quarter, last-year, quarter, ytd, ' +
				'custom, not null'
		]);
		expect(periodProblems({ from: '2025-02-30' })).toEqual([
			`the period's first day must be a date (YYYY-MM-DD), not "2025-02-30"`
		]);
		expect(periodProblems({ to: 'soon' })).toEqual([
			`the period's last day must be a date (YYYY-MM-DD), not "soon"`
		]);
		expect(periodProblems({ from: '2025-03-02', to: '2025-03-01' })).toEqual([
			'the period starts (2025-03-02) after it ends (2025-03-01)'
		]);
		// a first day that is not a date is not compared with the last (text 'soon' sorts after '2025')
		expect(periodProblems({ from: 'soon', to: '2025-03-01' })).toEqual([
			`the period's first day must be a date (YYYY-MM-DD), not "soon"`
		]);
		expect(periodProblems({ period: 'custom', from: '2025-03-01' })).toEqual([
			'a custom period needs its first and last day (from and to)'
		]);
		expect(periodProblems({ period: 'custom', to: '2025-03-01' })).toEqual([
			'a custom period needs its first and last day (from and to)'
		]);
		expect(periodProblems({ asOf: '2025-03-01T25:00:00' })).toEqual([
			'the as-of date must be YYYY-MM-DD or YYYY-MM-DD hh:mm:ss, not "2025-03-01T25:00:00"'
		]);
	});
});
