/**
 * Control limits of the monthly trends (metrics/trends.ts) against values worked out by hand, and the
 * chart that draws them (charts/trend.ts): real numbers in its description, never "NaN".
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setFormatStyle } from '../../../src/lib/charts/format';
import { trendChart } from '../../../src/lib/charts/trend';
import { metricEntry } from '../../../src/lib/metrics/catalogue';
import { cChart, centreOnly, controlChart, pChart, uChart } from '../../../src/lib/metrics/trends';

const month = (i: number) => `2025-${String(i + 1).padStart(2, '0')}-01`;

describe('control limits', () => {
	it('p-chart: 10, 20, 15 and 35 of 50 each', () => {
		// p̄ = 80 / 200 = 0.4; se = sqrt(0.4 × 0.6 / 50) = 0.0692820; limits 0.4 ± 0.207846.
		const chart = pChart(
			[0.2, 0.4, 0.3, 0.7].map((value, i) => ({ month: month(i), value, n: 50 }))
		);
		expect(chart.centre).toBeCloseTo(0.4, 12);
		expect(chart.points[0].lower).toBeCloseTo(0.192154, 6);
		expect(chart.points[0].upper).toBeCloseTo(0.607846, 6);
		// 0.2 is inside (just); 0.7 is above the upper limit.
		expect(chart.points.map((p) => p.outside)).toEqual([false, false, false, true]);
	});
	it('p-chart: a month of fewer cases has wider limits, and one without cases none', () => {
		// p̄ = (0.5 × 100 + 0.5 × 25) / 125 = 0.5; se(25) = sqrt(0.25 / 25) = 0.1: limits 0.2 .. 0.8.
		const chart = pChart([
			{ month: month(0), value: 0.5, n: 100 },
			{ month: month(1), value: 0.5, n: 25 },
			{ month: month(2), value: null, n: 0 }
		]);
		expect(chart.points[1].lower).toBeCloseTo(0.2, 12);
		expect(chart.points[1].upper).toBeCloseTo(0.8, 12);
		expect(chart.points[2]).toEqual({
			month: month(2),
			value: null,
			lower: null,
			upper: null,
			outside: false
		});
	});
	it('c-chart: counts 4, 9, 5, 2, 15', () => {
		// c̄ = 35 / 5 = 7; limits 7 ± 3 sqrt(7) = 7 ± 7.937254: 0 .. 14.937254; 15 is above.
		const chart = cChart([4, 9, 5, 2, 15].map((value, i) => ({ month: month(i), value })));
		expect(chart.centre).toBe(7);
		expect(chart.points[0].lower).toBe(0);
		expect(chart.points[0].upper).toBeCloseTo(14.937254, 6);
		expect(chart.points.map((p) => p.outside)).toEqual([false, false, false, false, true]);
	});
	it('u-chart of the clearance rate: closed 45 of 50 opened and 60 of 50', () => {
		// ū = 105 / 100 = 1.05; se = sqrt(1.05 / 50) = 0.144914; limits 1.05 ± 0.434741.
		const chart = uChart([
			{ month: month(0), value: 0.9, n: 50 },
			{ month: month(1), value: 1.2, n: 50 }
		]);
		expect(chart.centre).toBeCloseTo(1.05, 12);
		expect(chart.points[0].upper).toBeCloseTo(1.484741, 6);
	});
	it('medians: the centre line only, the median of the months', () => {
		const chart = centreOnly([30, 10, null, 20].map((value, i) => ({ month: month(i), value })));
		expect(chart.centre).toBe(20);
		expect(chart.points.every((p) => p.lower === null && p.upper === null)).toBe(true);
		expect(controlChart(metricEntry('days_to_close_median'), []).kind).toBe('centre');
		expect(controlChart(metricEntry('deadlines_met_rate'), []).kind).toBe('p');
		expect(controlChart(metricEntry('stale_cases'), []).kind).toBe('c');
		expect(controlChart(metricEntry('clearance_rate'), []).kind).toBe('u');
	});
});

describe('the trend chart', () => {
	afterEach(() => setFormatStyle({ dateStyle: 'locale' }));
	it('reads real numbers, names the months outside the limits, and never says NaN', () => {
		// Months read as the locale writes them (en-US: "Jan 2025"); the table keeps ISO months.
		setFormatStyle({ dateStyle: 'locale', locale: 'en-US' });
		const entry = metricEntry('deadlines_met_rate');
		const chart = pChart(
			[0.2, 0.4, null, 0.7].map((value, i) => ({
				month: month(i),
				value,
				n: value === null ? 0 : 50
			}))
		);
		const spec = trendChart(entry.id, entry.title, entry.unit, entry.polarity, chart);
		// p̄ = (10 + 20 + 35) / 150 = 0.433333; se = sqrt(0.433333 × 0.566667 / 50) = 0.070079;
		// limits 0.223095 .. 0.643572: 20% (January) is below, 70% (April) above.
		expect(spec.description).toContain(
			'Jan 2025 20.0%, Feb 2025 40.0%, Mar 2025 –, Apr 2025 70.0%'
		);
		expect(spec.description).toContain('Centre line 43.3%');
		expect(spec.description).toContain('unlikely to be noise: Jan 2025, Apr 2025.');
		expect(spec.description).toContain('Higher is better.');
		expect(spec.description).not.toMatch(/NaN|undefined/);
		expect(spec.table.rows[3]).toMatchObject({ month: '2025-04', value: 0.7, outside: 'yes' });
		expect(spec.table.rows[3].upper as number).toBeCloseTo(0.643572, 5);
	});
});
