import { describe, expect, it } from 'vitest';
import {
	countText,
	durationParts,
	formatChange,
	formatDuration,
	formatValue,
	oneDecimal,
	plural
} from '../../../src/lib/charts/format';
import { CATALOGUE } from '../../../src/lib/metrics/catalogue';
import type { MetricResult } from '../../../src/lib/metrics/types';
import { formatTable } from '../../../scripts/metrics';

describe('figures as text', () => {
	it('values by unit', () => {
		expect(formatValue(0.1543, 'share')).toBe('15.4%');
		expect(formatValue(0.956, 'ratio')).toBe('0.96');
		expect(formatValue(41.96, 'days')).toBe('42.0 days');
		expect(formatValue(1234, 'cases')).toBe('1,234');
		expect(formatValue(null, 'days')).toBe('–');
	});
	it('writes each unit one way, so a whole share never drops its decimal beside one that has it', () => {
		// 0.88 is 88 per cent: "88.0%" beside 0.879 as "87.9%", never "88%".
		expect(formatValue(0.88, 'share')).toBe('88.0%');
		expect(formatValue(0.879, 'share')).toBe('87.9%');
		expect(formatValue(1, 'share')).toBe('100.0%');
		expect(formatValue(0, 'share')).toBe('0.0%');
		expect(formatValue(50, 'T score')).toBe('50.0');
		expect(formatValue(4, 'score')).toBe('4.0');
		expect(formatValue(1, 'ratio')).toBe('1.00');
		expect(formatValue(3, 'days')).toBe('3.0 days');
		// Counts are whole; a count that is not whole (an average, a weighted caseload) keeps one decimal.
		expect(formatValue(12, 'cases')).toBe('12');
		expect(formatValue(12.5, 'cases')).toBe('12.5');
		expect(formatValue(12.04, 'cases')).toBe('12.0');
		expect(oneDecimal(4)).toBe('4.0');
		expect(oneDecimal(4.25)).toBe('4.3');
	});
	it('changes carry the sign of what is shown, so a change that rounds to zero is ±0', () => {
		expect(formatChange(-0.02, 'T score')).toBe('±0.0');
		expect(formatChange(0.0004, 'share')).toBe('±0.0 pp');
		expect(formatChange(-0.05, 'share')).toBe('−5.0 pp');
		expect(formatChange(-0.065, 'share')).toBe('−6.5 pp');
		expect(formatChange(4, 'days')).toBe('+4.0 days');
		expect(formatChange(-0.5, 'days')).toBe('−12.0 hours');
		expect(formatChange(0.001, 'days')).toBe('±0.0 hours');
		expect(formatChange(-48, 'cases')).toBe('−48');
	});
});

describe('durations: under one day in hours, else days, one decimal', () => {
	it('reads a duration under a day in hours', () => {
		// 0.0708 days × 24 = 1.6992 hours.
		expect(formatDuration(0.0708)).toBe('1.7 hours');
		expect(formatValue(0.0708, 'days')).toBe('1.7 hours');
		// 1/24 day is exactly one hour.
		expect(formatDuration(1 / 24)).toBe('1.0 hour');
		expect(formatDuration(0)).toBe('0.0 hours');
		expect(formatDuration(0.5)).toBe('12.0 hours');
	});
	it('reads a day or more in days, singular only for 1.0', () => {
		expect(formatDuration(1)).toBe('1.0 day');
		expect(formatDuration(1.5)).toBe('1.5 days');
		expect(formatDuration(1.04)).toBe('1.0 day');
		expect(formatDuration(41.23)).toBe('41.2 days');
		expect(formatDuration(1234.5)).toBe('1,234.5 days');
	});
	it('puts the boundary on what is shown: 23.99 hours would show as 24.0, so it reads 1.0 day', () => {
		expect(formatDuration(23.9 / 24)).toBe('23.9 hours');
		expect(formatDuration(23.99 / 24)).toBe('1.0 day');
	});
	it('gives the number and the word apart for the tiles, and a dash when missing', () => {
		expect(durationParts(0.0708)).toEqual({ number: '1.7', word: 'hours' });
		expect(durationParts(3)).toEqual({ number: '3.0', word: 'days' });
		expect(durationParts(null)).toEqual({ number: '–', word: '' });
		expect(formatDuration(Number.NaN)).toBe('–');
	});
});

describe('words follow numbers', () => {
	it('is singular for one only', () => {
		expect(plural(1, 'case')).toBe('case');
		expect(plural(0, 'case')).toBe('cases');
		expect(plural(2, 'case')).toBe('cases');
		expect(plural(1.5, 'day')).toBe('days');
		expect(plural(2, 'is', 'are')).toBe('are');
		expect(plural(1, 'is', 'are')).toBe('is');
	});
	it('writes a count with its word, thousands separated', () => {
		expect(countText(1, 'case')).toBe('1 case');
		expect(countText(2, 'case')).toBe('2 cases');
		expect(countText(0, 'worker')).toBe('0 workers');
		expect(countText(1234, 'goal')).toBe('1,234 goals');
		expect(countText(1, 'deadline')).toBe('1 deadline');
	});
});

describe('the command line writes durations and counts the same way', () => {
	it('prints a median under a day in hours, and a long table as its rows', () => {
		const results: Record<string, MetricResult> = {};
		for (const e of CATALOGUE)
			results[e.id] =
				e.kind === 'scalar'
					? { id: e.id, kind: 'scalar', value: e.unit === 'days' ? 0.0708 : 1, n: 1 }
					: { id: e.id, kind: 'table', rows: Array.from({ length: 25 }, () => ({ x: 1 })) };
		const text = formatTable(results);
		const km = text.split('\n').find((l) => l.includes('Kaplan-Meier median days to close'));
		expect(km).toMatch(/ 1\.7 hours {2}\(n = 1\)$/);
		expect(text).toContain(' 25 rows (see --json)');
	});
});
