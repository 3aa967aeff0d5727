/**
 * Dates and numbers follow the settings' `dateStyle`: the browser's locale (here given explicitly)
 * or ISO. One formatter (charts/format.ts) writes the dashboard's and the report's figures; the
 * expectations are written by hand from each locale's conventions.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
	countText,
	formatChange,
	formatDate,
	formatMoment,
	formatMonth,
	formatNumber,
	formatPeriod,
	formatValue,
	setFormatStyle
} from '../../../src/lib/charts/format';
import { cellText } from '../../../src/lib/charts/table';
import { trendChart } from '../../../src/lib/charts/trend';
import { metricEntry } from '../../../src/lib/metrics/catalogue';
import { pChart } from '../../../src/lib/metrics/trends';
import { cellFor } from '../../../src/lib/report/tables';
import { changeText, dayText, instantText } from '../../../src/lib/report/format';
import { Disclosure } from '../../../src/lib/report/disclosure';

afterEach(() => setFormatStyle({ dateStyle: 'locale' }));

describe('German (de-DE)', () => {
	it('a point groups thousands, a comma marks decimals, dates day first', () => {
		setFormatStyle({ dateStyle: 'locale', locale: 'de-DE' });
		expect(formatValue(1234.5)).toBe('1.234,5');
		expect(formatValue(1234)).toBe('1.234');
		expect(formatValue(0.846, 'share')).toBe('84,6%');
		expect(formatValue(0.93, 'ratio')).toBe('0,93');
		expect(formatValue(12.5, 'days')).toBe('12,5 days');
		expect(countText(1234, 'case')).toBe('1.234 cases');
		expect(formatChange(-0.041, 'share')).toBe('−4,1 pp');
		expect(formatDate('2026-12-07')).toBe('07.12.2026');
		expect(dayText('2026-12-07 16:49:00')).toBe('07.12.2026');
		expect(changeText(4.1, 8.2, 'days')).toBe('−4,1 days (−50%)');
		// The case lists' and import screens' plain numbers: grouped, two decimals at most.
		expect(formatNumber(12345)).toBe('12.345');
		expect(formatNumber(3.14159)).toBe('3,14');
	});
});

describe('American English (en-US)', () => {
	it('a comma groups thousands, dates month first', () => {
		setFormatStyle({ dateStyle: 'locale', locale: 'en-US' });
		expect(formatValue(1234.5)).toBe('1,234.5');
		expect(formatValue(0.846, 'share')).toBe('84.6%');
		expect(countText(1234, 'case')).toBe('1,234 cases');
		expect(formatDate('2026-12-07')).toBe('12/07/2026');
	});
});

describe('ISO', () => {
	it('YYYY-MM-DD and plain numbers, whatever the locale', () => {
		setFormatStyle({ dateStyle: 'iso', locale: 'de-DE' });
		expect(formatValue(1234.5)).toBe('1234.5');
		expect(formatValue(1234567)).toBe('1234567');
		expect(formatValue(0.846, 'share')).toBe('84.6%');
		expect(countText(1234, 'case')).toBe('1234 cases');
		expect(formatNumber(12345)).toBe('12345');
		expect(formatNumber(3.14159)).toBe('3.14');
		expect(formatDate('2026-12-07')).toBe('2026-12-07');
		expect(dayText('2026-12-07 16:49:00')).toBe('2026-12-07');
		// Not a date: left as it is.
		expect(formatDate('14-00087496')).toBe('14-00087496');
	});
});

describe('the report writes through the same formatter', () => {
	it("a report table's date and count cells follow the style; the .xlsx value stays ISO", () => {
		const d = new Disclosure({ enabled: false, threshold: 5, pseudonymise: false }, []);
		setFormatStyle({ dateStyle: 'locale', locale: 'de-DE' });
		expect(cellFor('2026-12-07 00:00:00', { name: 'due' }, false, d)).toMatchObject({
			text: '07.12.2026',
			value: '2026-12-07'
		});
		expect(cellFor(12345, { name: 'n', unit: 'cases' }, false, d).text).toBe('12.345');
		// A month cell reads as the month axes do; the .xlsx value stays the month's first day.
		expect(cellFor('2026-12-01', { name: 'month' }, false, d)).toMatchObject({
			text: 'Dez. 2026',
			value: '2026-12-01'
		});
		expect(cellText('2026-12', { key: 'month', label: 'Month' })).toBe('Dez. 2026');
		setFormatStyle({ dateStyle: 'iso' });
		expect(cellFor('2026-12-07', { name: 'due' }, false, d).text).toBe('2026-12-07');
		expect(cellFor(12345, { name: 'n', unit: 'cases' }, false, d).text).toBe('12345');
		expect(cellFor('2026-12-01', { name: 'month' }, false, d).text).toBe('2026-12');
		expect(cellText('2026-12', { key: 'month', label: 'Month' })).toBe('2026-12');
	});
});

describe('months, periods and the as-of moment', () => {
	const months = (dateStyle: 'locale' | 'iso', locale?: string) => {
		setFormatStyle({ dateStyle, locale });
		return ['2026-01-01', '2026-03', '2026-12-01'].map(formatMonth);
	};
	it('German abbreviates months with a point ("Dez."), and writes März whole', () => {
		expect(months('locale', 'de-DE')).toEqual(['Jan. 2026', 'März 2026', 'Dez. 2026']);
		expect(formatPeriod('2025-10-01', '2026-09-30')).toBe('01.10.2025 to 30.09.2026');
		expect(formatMoment('2026-09-30 10:00:00')).toBe('30.09.2026 10:00');
		expect(formatMoment('2026-09-30 00:00:00')).toBe('30.09.2026');
		// The report's import and print times: the date as the locale writes it, the time in UTC.
		expect(instantText('2026-12-07T03:46:10.120Z')).toBe('07.12.2026 03:46 UTC');
	});
	it('American English: "Dec 2026", dates month first', () => {
		expect(months('locale', 'en-US')).toEqual(['Jan 2026', 'Mar 2026', 'Dec 2026']);
		expect(formatPeriod('2025-10-01', '2026-09-30')).toBe('10/01/2025 to 09/30/2026');
		expect(formatMoment('2026-09-30T10:00')).toBe('09/30/2026 10:00');
	});
	it('ISO whatever the locale', () => {
		expect(months('iso', 'de-DE')).toEqual(['2026-01', '2026-03', '2026-12']);
		expect(formatPeriod('2025-10-01', '2026-09-30')).toBe('2025-10-01 to 2026-09-30');
		expect(formatMoment('2026-09-30 10:00:00')).toBe('2026-09-30 10:00');
		expect(instantText('2026-12-07T03:46:10.120Z')).toBe('2026-12-07 03:46 UTC');
	});
	it("a chart's month axis keeps ISO months as data and labels them as the style writes months", () => {
		const entry = metricEntry('deadlines_met_rate');
		const chart = pChart(
			['2025-11-01', '2025-12-01'].map((month) => ({ month, value: 0.5, n: 10 }))
		);
		setFormatStyle({ dateStyle: 'locale', locale: 'de-DE' });
		const spec = trendChart(entry.id, entry.title, entry.unit, entry.polarity, chart);
		const axis = spec.option.xAxis as {
			data: string[];
			axisLabel: { formatter: (v: string) => string };
		};
		expect(axis.data).toEqual(['2025-11', '2025-12']);
		expect(axis.data.map(axis.axisLabel.formatter)).toEqual(['Nov. 2025', 'Dez. 2025']);
		expect(spec.description).toContain('Nov. 2025 50,0%, Dez. 2025 50,0%');
		setFormatStyle({ dateStyle: 'iso' });
		expect(axis.data.map(axis.axisLabel.formatter)).toEqual(['2025-11', '2025-12']);
	});
});
