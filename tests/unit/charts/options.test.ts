import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../src/lib/charts/escape';
import {
	ageBuckets,
	caseloadByWorker,
	caseloadHeatmap,
	closeByType,
	complianceMonthly,
	goalsByWorker,
	kmCurves,
	outcomeMix,
	sparklinePaths,
	throughputMonthly,
	tooltipHtml,
	type ChartSpec
} from '../../../src/lib/charts/options';
import { SERIES_COLOURS } from '../../../src/lib/charts/palette';
import { tableCsv } from '../../../src/lib/charts/table';

const XSS = '<img src=x onerror=alert(1)>';
const SCRIPT = '<script>alert("x")</script>';

type Fmt = (p: unknown) => string;
const tooltip = (spec: ChartSpec): Fmt => (spec.option.tooltip as { formatter: Fmt }).formatter;
const axis = (spec: ChartSpec, a: 'xAxis' | 'yAxis') =>
	spec.option[a] as { name?: string; data?: string[] };

/** Every builder's common promises: title, aria, named axes, a table, escaped tooltips. */
function common(spec: ChartSpec) {
	expect(spec.title.length).toBeGreaterThan(5);
	expect((spec.option.title as { text: string }).text).toBe(spec.title);
	expect(spec.option.aria).toEqual({ enabled: true });
	expect(spec.option.color).toEqual(SERIES_COLOURS);
	expect(spec.table.columns.length).toBeGreaterThan(1);
	const named = [axis(spec, 'xAxis').name, axis(spec, 'yAxis').name].filter(Boolean);
	expect(named.length).toBeGreaterThanOrEqual(1);
}

describe('escaping', () => {
	it('escapes every HTML-significant character', () => {
		expect(escapeHtml(`<a href="x" onclick='y'>&\`</a>`)).toBe(
			'&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&#96;&lt;/a&gt;'
		);
		expect(escapeHtml(null)).toBe('');
		expect(escapeHtml(42)).toBe('42');
	});
	it('tooltip HTML holds no raw tag from data, and drops colours that are not hex', () => {
		const html = tooltipHtml(XSS, [{ name: SCRIPT, value: XSS, colour: 'red;background:url(x)' }]);
		expect(html).not.toContain('<img');
		expect(html).not.toContain('<script');
		expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
		expect(html).not.toContain('url(x)');
	});
});

describe('throughputMonthly', () => {
	const rows = [
		{ month: '2026-01-01', opened: 10, closed: 8, pending: 52 },
		{ month: '2026-02-01', opened: 7, closed: 9, pending: 50 }
	];
	const spec = throughputMonthly(rows);
	it('has bars for opened and closed and a pending line, months as categories, counts as unit', () => {
		common(spec);
		expect(axis(spec, 'xAxis').data).toEqual(['2026-01', '2026-02']);
		expect(axis(spec, 'yAxis').name).toBe('Cases (count)');
		const series = spec.option.series as { name: string; type: string; data: number[] }[];
		expect(series.map((s) => [s.name, s.type])).toEqual([
			['Opened', 'bar'],
			['Closed', 'bar'],
			['Pending at month end', 'line']
		]);
		expect(series[1].data).toEqual([8, 9]);
		expect(spec.table.rows[1]).toEqual({ month: '2026-02', opened: 7, closed: 9, pending: 50 });
	});
	it('a click on a bar drills into that month and part', () => {
		expect(spec.onClick!({ seriesName: 'Closed', dataIndex: 1 })).toEqual({
			kind: 'drill',
			metric: 'throughput_monthly',
			selection: { month: '2026-02-01', part: 'closed' }
		});
		expect(spec.onClick!({ seriesName: 'Pending at month end', dataIndex: 0 })).toEqual({
			kind: 'drill',
			metric: 'throughput_monthly',
			selection: { month: '2026-01-01', part: 'pending' }
		});
		expect(spec.onClick!({ dataIndex: 9 })).toBeNull();
	});
	it('says so when there is nothing to draw', () => {
		expect(throughputMonthly([]).empty).toBeTruthy();
	});
});

describe('closeByType', () => {
	const rows = [
		{ case_type: XSS, n: 3, min: 1, q1: 2, median: 3, q3: 4, p90: 4.8, max: 5, mean: 3 },
		{ case_type: null, n: 1, min: 7, q1: 7, median: 7, q3: 7, p90: 7, max: 7, mean: 7 }
	];
	const spec = closeByType(rows);
	it('box plot data is min, q1, median, q3, max per type, blank shown as (blank)', () => {
		common(spec);
		expect(axis(spec, 'xAxis').name).toBe('Days to close (days)');
		expect(axis(spec, 'yAxis').data).toEqual([XSS, '(blank)']);
		expect((spec.option.series as { data: number[][] }[])[0].data).toEqual([
			[1, 2, 3, 4, 5],
			[7, 7, 7, 7, 7]
		]);
	});
	it('the tooltip escapes the case type', () => {
		const html = tooltip(spec)({ dataIndex: 0 });
		expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
		expect(html).not.toContain('<img');
		expect(html).toContain('Median: <b>3.0 days</b>');
		expect(html).toContain('Minimum: <b>1.0 day</b>');
	});
	it('a click filters by the case type, blank as null', () => {
		expect(spec.onClick!({ dataIndex: 0 })).toEqual({
			kind: 'filter',
			dim: 'case_type',
			value: XSS
		});
		expect(spec.onClick!({ dataIndex: 1 })).toEqual({
			kind: 'filter',
			dim: 'case_type',
			value: null
		});
	});
});

describe('kmCurves', () => {
	const rows = [
		{ case_type: 'A', t: 1, at_risk: 4, events: 1, censored: 0, survival: 0.75 },
		{ case_type: 'A', t: 2, at_risk: 3, events: 0, censored: 1, survival: 0.75 },
		{ case_type: 'A', t: 3, at_risk: 2, events: 2, censored: 0, survival: 0 },
		{ case_type: SCRIPT, t: 5, at_risk: 2, events: 1, censored: 1, survival: 0.5 }
	];
	const spec = kmCurves(rows);
	const series = spec.option.series as {
		name: string;
		type: string;
		step?: string;
		data: number[][];
	}[];
	it('one step line from (0, 1) and one censoring-tick series per type, largest cohort first', () => {
		common(spec);
		expect(series.map((s) => [s.name, s.type])).toEqual([
			['A', 'line'],
			['A', 'scatter'],
			[SCRIPT, 'line'],
			[SCRIPT, 'scatter']
		]);
		expect(series[0].step).toBe('end');
		expect(series[0].data).toEqual([
			[0, 1],
			[1, 0.75],
			[2, 0.75],
			[3, 0]
		]);
		expect(series[1].data).toEqual([[2, 0.75, 1]]);
		expect(axis(spec, 'xAxis').name).toBe('Days since opening (days)');
		expect(axis(spec, 'yAxis').name).toBe('Estimated share still open (%)');
	});
	it('legend entries and curves cross-filter by case type; the tooltip escapes the name', () => {
		expect(spec.onLegend!(SCRIPT)).toEqual({ kind: 'filter', dim: 'case_type', value: SCRIPT });
		expect(spec.onClick!({ seriesName: 'A' })).toEqual({
			kind: 'filter',
			dim: 'case_type',
			value: 'A'
		});
		const html = tooltip(spec)({ seriesName: SCRIPT, value: [5, 0.5, 1] });
		expect(html).not.toContain('<script');
		expect(html).toContain('Estimated still open: <b>50.0%</b>');
		expect(html).toContain('Censored here: <b>1</b>');
	});
});

describe('ageBuckets', () => {
	const rows = [
		{ bucket: '0-30', n: 5, share: 0.5 },
		{ bucket: '31-90', n: 2, share: 0.2 },
		{ bucket: '91-180', n: 1, share: 0.1 },
		{ bucket: '181-365', n: 1, share: 0.1 },
		{ bucket: 'over 365', n: 1, share: 0.1 }
	];
	it('buckets beyond the first tier go to the "older" series', () => {
		const spec = ageBuckets(rows, 180, { days: 540, count: 0 });
		common(spec);
		const s = spec.option.series as { name: string; data: (number | null)[] }[];
		expect(s[0].data).toEqual([5, 2, 1, null, null]);
		expect(s[1].data).toEqual([null, null, null, 1, 1]);
		expect(spec.onClick!({ dataIndex: 4 })).toEqual({
			kind: 'drill',
			metric: 'pending_age_buckets',
			selection: { group: 'over 365' }
		});
	});
	it('words follow numbers in the description and the legend', () => {
		const one = ageBuckets(rows, 1, { days: 540, count: 1 });
		expect(one.description).toContain('1 case is older than 540 days (backlog)');
		expect((one.option.legend as { data: string[] }).data).toEqual([
			'Within 1 day',
			'Older than 1 day'
		]);
		const two = ageBuckets(rows, 180, { days: 1, count: 2 });
		expect(two.description).toContain('2 cases are older than 1 day (backlog)');
	});
	it('a 90-day first tier moves 91-180 to "older"', () => {
		const s = ageBuckets(rows, 90, { days: 540, count: 0 }).option.series as {
			data: (number | null)[];
		}[];
		expect(s[1].data).toEqual([null, null, 1, 1, 1]);
	});
});

describe('caseload charts', () => {
	const util = [
		{ worker: 'B', active: 10, capacity: 20, utilisation: 0.5, over_capacity: false },
		{ worker: XSS, active: 30, capacity: 20, utilisation: 1.5, over_capacity: true }
	];
	it('bars sorted by load, over capacity in their own series, capacity markers', () => {
		const spec = caseloadByWorker(util);
		common(spec);
		expect(axis(spec, 'yAxis').data).toEqual([XSS, 'B']);
		const s = spec.option.series as { name: string; data: (number | null)[] }[];
		expect(s.map((x) => x.name)).toEqual(['Within capacity', 'Over capacity', 'Capacity']);
		expect(s[0].data).toEqual([null, 10]);
		expect(s[1].data).toEqual([30, null]);
		expect(s[2].data).toEqual([20, 20]);
		expect(spec.onClick!({ dataIndex: 0 })).toEqual({ kind: 'filter', dim: 'worker', value: XSS });
		expect(tooltip(spec)({ dataIndex: 0 })).not.toContain('<img');
	});
	it('heatmap cells are [month, worker, cases]; a click filters by the worker', () => {
		const spec = caseloadHeatmap([
			{ month: '2026-01-01', worker: 'B', cases: 3, active: 3 },
			{ month: '2026-01-01', worker: 'A', cases: 1, active: 1 },
			{ month: '2026-02-01', worker: 'A', cases: 2, active: 2 }
		]);
		common(spec);
		expect(axis(spec, 'xAxis').data).toEqual(['2026-01', '2026-02']);
		expect(axis(spec, 'yAxis').data).toEqual(['A', 'B']);
		expect((spec.option.series as { data: unknown[] }[])[0].data).toEqual([
			[0, 1, 3],
			[0, 0, 1],
			[1, 0, 2]
		]);
		expect(spec.onClick!({ value: [1, 1, 3] })).toEqual({
			kind: 'filter',
			dim: 'worker',
			value: 'B'
		});
	});
});

describe('goals, compliance and outcomes', () => {
	it('goals by worker: share met per worker, workers with nothing due left out', () => {
		const spec = goalsByWorker([
			{ worker: 'A', due: 4, met: 1, met_rate: 0.25, gas_n: 2, gas_t_mean: 45 },
			{ worker: 'B', due: 2, met: 2, met_rate: 1, gas_n: 1, gas_t_mean: 60 },
			{ worker: 'C', due: 0, met: 0, met_rate: null, gas_n: 0, gas_t_mean: null }
		]);
		common(spec);
		expect(axis(spec, 'yAxis').data).toEqual(['B', 'A']);
		expect((spec.option.series as { data: number[] }[])[0].data).toEqual([1, 0.25]);
		expect(spec.onClick!({ dataIndex: 1 })).toEqual({ kind: 'filter', dim: 'worker', value: 'A' });
	});
	it("compliance by month: both rates on one month axis; clicks open that month's breaches", () => {
		const spec = complianceMonthly(
			[{ month: '2026-01-01', on_time: 8, late: 1, no_contact: 1, rate: 0.8 }],
			[
				{ month: '2026-01-01', n: 4, met: 3, late: 1, not_done: 0, rate: 0.75 },
				{ month: '2026-02-01', n: 2, met: 2, late: 0, not_done: 0, rate: 1 }
			]
		);
		common(spec);
		const s = spec.option.series as { name: string; data: (number | null)[] }[];
		expect(s[0].data).toEqual([0.8, null]);
		expect(s[1].data).toEqual([0.75, 1]);
		expect(spec.table.rows[0]).toEqual({
			month: '2026-01',
			fc_rate: 0.8,
			fc_breaches: 2,
			dl_rate: 0.75,
			dl_missed: 1
		});
		expect(spec.onClick!({ seriesName: 'Deadlines met', dataIndex: 1 })).toEqual({
			kind: 'drill',
			metric: 'deadlines_met_rate',
			selection: { month: '2026-02-01', part: 'missed' }
		});
		expect(spec.onClick!({ seriesName: 'First contact on time', dataIndex: 0 })).toEqual({
			kind: 'drill',
			metric: 'first_contact_on_time',
			selection: { month: '2026-01-01', part: 'breach' }
		});
		expect(complianceMonthly([], []).empty).toBeTruthy();
	});
	it('outcome mix: counts per reason; a click lists the cases of that reason', () => {
		const spec = outcomeMix([{ close_reason: '=HYPERLINK("x")', n: 3, share: 1 }]);
		common(spec);
		expect(spec.onClick!({ dataIndex: 0 })).toEqual({
			kind: 'drill',
			metric: 'outcome_mix',
			selection: { group: '=HYPERLINK("x")' }
		});
		// The chart's CSV neutralises the formula.
		expect(tableCsv(spec.table).split('\r\n')[1]).toBe(`"'=HYPERLINK(""x"")",3,1`);
	});
});

describe('sparkline', () => {
	it('maps the range onto the box, top = max', () => {
		const { segments, last } = sparklinePaths([0, 5, 10], 100, 24, 2);
		expect(segments).toEqual(['2.0,22.0 50.0,12.0 98.0,2.0']);
		expect(last).toEqual({ x: 98, y: 2 });
	});
	it('breaks at nulls and draws a flat line for constant values', () => {
		expect(sparklinePaths([1, null, 1, 1], 100, 20, 0).segments).toEqual([
			'0.0,10.0',
			'66.7,10.0 100.0,10.0'
		]);
		expect(sparklinePaths([null, null]).segments).toEqual([]);
	});
});
