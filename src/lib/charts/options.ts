/**
 * Chart option builders: pure functions from metric results (plain rows) to an ECharts option, the
 * table that is the chart's accessible alternative (and its CSV), and what a click on a mark means
 * (a cross-filter on a dimension, or a drill-down to the cases behind the mark).
 *
 * Every builder sets a title, axis names with units, `aria` and a tooltip whose formatter escapes
 * every value (ECharts renders tooltips as HTML; worker names and case types are data).
 */
import type { Cell, DrillSelection, ResultRow } from '../metrics/types';
import type { Dimension } from '../state/filters';
import { escapeHtml } from './escape';
import { formatValue, monthLabel } from './format';
import { MISSED, OKABE_ITO, SEQUENTIAL, SERIES_COLOURS, WITHIN, seriesColour } from './palette';

/** An ECharts option object (kept loose: builders are checked by their tests, not by ECharts' types). */
export type Option = Record<string, unknown>;

export interface TableColumn {
	key: string;
	label: string;
	/** 'share' and 'days' format the cells; other units are shown in the header. */
	unit?: string;
}

export interface ChartTable {
	columns: TableColumn[];
	rows: Record<string, Cell>[];
}

/** What a click on a chart mark asks for. */
export type ChartAction =
	| { kind: 'filter'; dim: Dimension; value: string | null }
	| { kind: 'drill'; metric: string; selection: DrillSelection };

/** The part of an ECharts click event the builders read. */
export interface ChartClick {
	componentType?: string;
	seriesName?: string;
	seriesIndex?: number;
	name?: string;
	dataIndex?: number;
	value?: unknown;
	data?: unknown;
}

export interface ChartSpec {
	id: string;
	title: string;
	/** One sentence for screen readers and the figure caption. */
	description: string;
	option: Option;
	table: ChartTable;
	/** Set when there is nothing to draw: what the chart would show. */
	empty?: string;
	/** The action of a click on a mark (null: nothing). */
	onClick?: (click: ChartClick) => ChartAction | null;
	/** The action of a legend entry (e.g. a case type): a cross-filter. */
	onLegend?: (name: string) => ChartAction | null;
	/** Pixel height for the chart. */
	height?: number;
}

/** The label shown for a blank category, and its filter value. */
export const BLANK_LABEL = '(blank)';
const category = (v: Cell): string =>
	v === null || v === undefined || v === '' ? BLANK_LABEL : String(v);
const categoryValue = (label: string): string | null => (label === BLANK_LABEL ? null : label);

const num = (v: Cell | undefined): number | null =>
	typeof v === 'number' && Number.isFinite(v) ? v : null;

interface TooltipLine {
	colour?: string;
	name: unknown;
	value: unknown;
}

/** Tooltip HTML: every piece escaped; colours come from our palette only. */
export function tooltipHtml(header: unknown, lines: TooltipLine[]): string {
	const body = lines
		.map((l) => {
			const swatch =
				l.colour && /^#[0-9a-fA-F]{3,8}$/.test(l.colour)
					? `<span style="display:inline-block;width:8px;height:8px;border-radius:50%;margin-right:6px;background:${l.colour}"></span>`
					: '';
			return `<div>${swatch}${escapeHtml(l.name)}: <b>${escapeHtml(l.value)}</b></div>`;
		})
		.join('');
	return `<div><b>${escapeHtml(header)}</b></div>${body}`;
}

interface Param {
	seriesName?: string;
	seriesIndex?: number;
	name?: string;
	axisValueLabel?: string;
	value?: unknown;
	data?: unknown;
	color?: unknown;
	dataIndex?: number;
}

const paramColour = (p: Param): string | undefined =>
	typeof p.color === 'string' ? p.color : undefined;

function base(title: string, extra: Option): Option {
	return {
		animation: false,
		aria: { enabled: true },
		color: SERIES_COLOURS,
		textStyle: { fontFamily: 'system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif' },
		// The card's heading shows the title; the picture export switches this on.
		title: {
			show: false,
			text: title,
			left: 0,
			top: 0,
			textStyle: { fontSize: 14, fontWeight: 600, color: '#1c2330' }
		},
		...extra
	};
}

const axisName = (name: string): Option => ({
	name,
	nameLocation: 'middle',
	nameTextStyle: { color: '#5b6475' }
});

/** Shortens long category labels on axes (the tooltip and the table show them whole). */
function shorten(text: string, max = 22): string {
	return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

// ---------------------------------------------------------------- throughput

/** Opened and closed per month (bars) with pending at month end (line). Click: the cases behind the mark. */
export function throughputMonthly(rows: ResultRow[]): ChartSpec {
	const title = 'Opened, closed and pending by month';
	const months = rows.map((r) => monthLabel(r.month));
	const series = [
		{
			name: 'Opened',
			type: 'bar',
			data: rows.map((r) => num(r.opened)),
			itemStyle: { color: OKABE_ITO.blue }
		},
		{
			name: 'Closed',
			type: 'bar',
			data: rows.map((r) => num(r.closed)),
			itemStyle: { color: OKABE_ITO.orange }
		},
		{
			name: 'Pending at month end',
			type: 'line',
			data: rows.map((r) => num(r.pending)),
			itemStyle: { color: OKABE_ITO.green },
			lineStyle: { width: 2 },
			symbolSize: 6
		}
	];
	const parts: Record<string, string> = {
		Opened: 'opened',
		Closed: 'closed',
		'Pending at month end': 'pending'
	};
	return {
		id: 'throughput_monthly',
		title,
		description: `${title}, ${months[0] ?? ''} to ${months[months.length - 1] ?? ''}.`,
		option: base(title, {
			legend: { top: 0, right: 0 },
			grid: { left: 64, right: 16, top: 48, bottom: 48 },
			tooltip: {
				trigger: 'axis',
				formatter: (ps: Param[]) =>
					tooltipHtml(
						ps[0]?.axisValueLabel ?? '',
						ps.map((p) => ({
							colour: paramColour(p),
							name: p.seriesName,
							value: formatValue(num(p.value as Cell), 'cases')
						}))
					)
			},
			xAxis: { type: 'category', data: months, ...axisName('Month'), nameGap: 28 },
			yAxis: { type: 'value', ...axisName('Cases (count)'), nameGap: 44 },
			series
		}),
		table: {
			columns: [
				{ key: 'month', label: 'Month' },
				{ key: 'opened', label: 'Opened', unit: 'cases' },
				{ key: 'closed', label: 'Closed', unit: 'cases' },
				{ key: 'pending', label: 'Pending at month end', unit: 'cases' }
			],
			rows: rows.map((r) => ({
				month: monthLabel(r.month),
				opened: r.opened,
				closed: r.closed,
				pending: r.pending
			}))
		},
		empty: rows.length === 0 ? 'No months in the period.' : undefined,
		onClick: (c) => {
			const row = c.dataIndex === undefined ? undefined : rows[c.dataIndex];
			if (!row || typeof row.month !== 'string') return null;
			return {
				kind: 'drill',
				metric: 'throughput_monthly',
				selection: { month: row.month, part: parts[c.seriesName ?? ''] ?? 'opened' }
			};
		}
	};
}

// ---------------------------------------------------------------- resolution

/** Box plot of days to close per case type (min, quartiles, max); click: filter by the case type. */
export function closeByType(rows: ResultRow[]): ChartSpec {
	const title = 'Days to close by case type';
	const types = rows.map((r) => category(r.case_type));
	return {
		id: 'days_to_close_by_type',
		title,
		description: `${title}: minimum, quartiles and maximum of the cases closed in the period, for ${types.length} case types.`,
		height: Math.max(260, 60 + types.length * 30),
		option: base(title, {
			grid: { left: 170, right: 24, top: 36, bottom: 48 },
			tooltip: {
				trigger: 'item',
				formatter: (p: Param) => {
					const r = rows[p.dataIndex ?? -1] ?? {};
					return tooltipHtml(category(r.case_type), [
						{ name: 'Closed', value: formatValue(num(r.n), 'cases') },
						{ name: 'Minimum', value: formatValue(num(r.min), 'days') },
						{ name: 'First quartile', value: formatValue(num(r.q1), 'days') },
						{ name: 'Median', value: formatValue(num(r.median), 'days') },
						{ name: 'Third quartile', value: formatValue(num(r.q3), 'days') },
						{ name: 'Maximum', value: formatValue(num(r.max), 'days') }
					]);
				}
			},
			xAxis: { type: 'value', ...axisName('Days to close (days)'), nameGap: 28 },
			yAxis: {
				type: 'category',
				data: types,
				inverse: true,
				axisLabel: { formatter: (v: string) => shorten(v) }
			},
			series: [
				{
					name: 'Days to close',
					type: 'boxplot',
					itemStyle: { color: '#cfe3f3', borderColor: OKABE_ITO.blue },
					data: rows.map((r) => [num(r.min), num(r.q1), num(r.median), num(r.q3), num(r.max)])
				}
			]
		}),
		table: {
			columns: [
				{ key: 'case_type', label: 'Case type' },
				{ key: 'n', label: 'Closed', unit: 'cases' },
				{ key: 'min', label: 'Minimum', unit: 'days' },
				{ key: 'q1', label: 'First quartile', unit: 'days' },
				{ key: 'median', label: 'Median', unit: 'days' },
				{ key: 'q3', label: 'Third quartile', unit: 'days' },
				{ key: 'p90', label: '90th percentile', unit: 'days' },
				{ key: 'max', label: 'Maximum', unit: 'days' }
			],
			rows: rows.map((r) => ({ ...r, case_type: category(r.case_type) }))
		},
		empty: rows.length === 0 ? 'No case closed in the period.' : undefined,
		onClick: (c) => {
			const r = c.dataIndex === undefined ? undefined : rows[c.dataIndex];
			return r
				? {
						kind: 'filter',
						dim: 'case_type',
						value: r.case_type === undefined ? null : (r.case_type as string | null)
					}
				: null;
		}
	};
}

/** A vertical tick, the usual mark of a censored observation on a survival curve. */
export const CENSOR_SYMBOL = 'path://M0,0L1,0L1,10L0,10Z';

/**
 * Kaplan-Meier curves (step lines) per case type with censoring ticks. Rows: case_type, t,
 * censored, survival (the km_curve_by_type table). Legend entries and marks cross-filter by type.
 */
export function kmCurves(rows: ResultRow[], maxTypes = 8): ChartSpec {
	const title = 'Kaplan-Meier: share of cases still open by days since opening';
	const byType = new Map<string, ResultRow[]>();
	for (const r of rows) {
		const key = category(r.case_type ?? null);
		if (!byType.has(key)) byType.set(key, []);
		byType.get(key)!.push(r);
	}
	// The largest cohorts first; the rest stay in the table.
	const cohort = (list: ResultRow[]) => num(list[0]?.at_risk) ?? 0;
	const types = [...byType.entries()]
		.sort((a, b) => cohort(b[1]) - cohort(a[1]) || a[0].localeCompare(b[0]))
		.slice(0, maxTypes)
		.map(([k]) => k);
	const series: Option[] = [];
	types.forEach((type, i) => {
		const list = byType.get(type)!;
		const colour = seriesColour(i);
		series.push({
			name: type,
			type: 'line',
			step: 'end',
			showSymbol: false,
			lineStyle: {
				width: 2,
				color: colour,
				type: i >= SERIES_COLOURS.length / 2 ? 'dashed' : 'solid'
			},
			itemStyle: { color: colour },
			data: [[0, 1], ...list.map((r) => [num(r.t), num(r.survival)])]
		});
		series.push({
			name: type,
			type: 'scatter',
			symbol: CENSOR_SYMBOL,
			symbolSize: [2, 9],
			itemStyle: { color: colour, borderColor: colour, borderWidth: 1 },
			data: list
				.filter((r) => (num(r.censored) ?? 0) > 0)
				.map((r) => [num(r.t), num(r.survival), num(r.censored)])
		});
	});
	return {
		id: 'km_curve_by_type',
		title,
		description: `${title}, for the ${types.length} largest case types; ticks mark cases still open at the as-of date (censored).`,
		height: 380,
		option: base(title, {
			legend: { type: 'scroll', bottom: 0, data: types },
			grid: { left: 64, right: 24, top: 40, bottom: 80 },
			tooltip: {
				trigger: 'item',
				formatter: (p: Param) => {
					const v = (p.value ?? []) as number[];
					const lines: TooltipLine[] = [
						{ name: 'Days since opening', value: formatValue(v[0], 'days') },
						{ name: 'Estimated still open', value: formatValue(v[1], 'share') }
					];
					if (v.length > 2)
						lines.push({ name: 'Censored here', value: formatValue(v[2], 'cases') });
					return tooltipHtml(p.seriesName, lines);
				}
			},
			xAxis: { type: 'value', min: 0, ...axisName('Days since opening (days)'), nameGap: 28 },
			yAxis: {
				type: 'value',
				min: 0,
				max: 1,
				...axisName('Estimated share still open (%)'),
				nameGap: 44,
				axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` }
			},
			series
		}),
		table: {
			columns: [
				{ key: 'case_type', label: 'Case type' },
				{ key: 't', label: 'Days', unit: 'days' },
				{ key: 'at_risk', label: 'At risk', unit: 'cases' },
				{ key: 'events', label: 'Closed at t', unit: 'cases' },
				{ key: 'censored', label: 'Censored at t', unit: 'cases' },
				{ key: 'survival', label: 'Still open (estimate)', unit: 'share' }
			],
			rows: rows.map((r) => ({ ...r, case_type: category(r.case_type ?? null) }))
		},
		empty: rows.length === 0 ? 'No case opened in the period.' : undefined,
		onClick: (c) =>
			c.seriesName
				? { kind: 'filter', dim: 'case_type', value: categoryValue(c.seriesName) }
				: null,
		onLegend: (name) => ({ kind: 'filter', dim: 'case_type', value: categoryValue(name) })
	};
}

/**
 * Pending cases by age bucket, split at the first tier of the time standard: buckets whose cases
 * are all older than the first tier's days are drawn in the "missed" colour. Click: those cases.
 */
export function ageBuckets(
	rows: ResultRow[],
	firstTierDays: number,
	backlog: { days: number; count: number | null }
): ChartSpec {
	const title = 'Pending cases by age at the as-of date';
	const lower = (label: string): number => {
		const m = /^(\d+)/.exec(label);
		if (m) return Number(m[1]);
		const o = /over (\d+)/.exec(label);
		return o ? Number(o[1]) + 1 : 0;
	};
	const beyond = (label: string) => lower(label) > firstTierDays;
	return {
		id: 'pending_age_buckets',
		title,
		description: `${title}; buckets older than the ${firstTierDays}-day standard are marked; ${backlog.count ?? '–'} cases are older than ${backlog.days} days (backlog).`,
		option: base(title, {
			legend: {
				top: 0,
				right: 0,
				data: [`Within ${firstTierDays} days`, `Older than ${firstTierDays} days`]
			},
			grid: { left: 64, right: 16, top: 48, bottom: 48 },
			tooltip: {
				trigger: 'item',
				formatter: (p: Param) => {
					const r = rows[p.dataIndex ?? -1] ?? {};
					return tooltipHtml(`${category(r.bucket)} days`, [
						{ name: 'Open cases', value: formatValue(num(r.n), 'cases') },
						{ name: 'Share of open cases', value: formatValue(num(r.share), 'share') }
					]);
				}
			},
			xAxis: {
				type: 'category',
				data: rows.map((r) => category(r.bucket)),
				...axisName('Age since opening (days)'),
				nameGap: 28
			},
			yAxis: { type: 'value', ...axisName('Open cases (count)'), nameGap: 44 },
			series: [
				{
					name: `Within ${firstTierDays} days`,
					type: 'bar',
					stack: 'age',
					itemStyle: { color: WITHIN },
					data: rows.map((r) => (beyond(String(r.bucket)) ? null : num(r.n)))
				},
				{
					name: `Older than ${firstTierDays} days`,
					type: 'bar',
					stack: 'age',
					itemStyle: { color: MISSED },
					data: rows.map((r) => (beyond(String(r.bucket)) ? num(r.n) : null))
				}
			]
		}),
		table: {
			columns: [
				{ key: 'bucket', label: 'Age (days)' },
				{ key: 'n', label: 'Open cases', unit: 'cases' },
				{ key: 'share', label: 'Share', unit: 'share' }
			],
			rows: rows.map((r) => ({ bucket: r.bucket, n: r.n, share: r.share }))
		},
		empty: rows.every((r) => !num(r.n)) ? 'No case is open at the as-of date.' : undefined,
		onClick: (c) => {
			const r = c.dataIndex === undefined ? undefined : rows[c.dataIndex];
			return r
				? { kind: 'drill', metric: 'pending_age_buckets', selection: { group: String(r.bucket) } }
				: null;
		}
	};
}

// ---------------------------------------------------------------- caseload

/** Weighted active caseload per worker with the worker's capacity; over-capacity bars marked. Click: filter by worker. */
export function caseloadByWorker(rows: ResultRow[]): ChartSpec {
	const title = 'Active caseload per worker against capacity';
	const sorted = [...rows].sort((a, b) => (num(b.active) ?? 0) - (num(a.active) ?? 0));
	const workers = sorted.map((r) => category(r.worker));
	return {
		id: 'utilisation_by_worker',
		title,
		description: `${title} at the as-of date, ${workers.length} workers; ${sorted.filter((r) => r.over_capacity === true).length} over capacity.`,
		height: Math.max(260, 70 + workers.length * 22),
		option: base(title, {
			legend: { top: 0, right: 0, data: ['Within capacity', 'Over capacity', 'Capacity'] },
			grid: { left: 150, right: 24, top: 40, bottom: 48 },
			tooltip: {
				trigger: 'item',
				formatter: (p: Param) => {
					const r = sorted[p.dataIndex ?? -1] ?? {};
					return tooltipHtml(category(r.worker), [
						{ name: 'Active (weighted)', value: formatValue(num(r.active), 'cases') },
						{ name: 'Capacity', value: formatValue(num(r.capacity), 'cases') },
						{ name: 'Utilisation', value: formatValue(num(r.utilisation), 'share') }
					]);
				}
			},
			xAxis: { type: 'value', ...axisName('Active cases (weighted count)'), nameGap: 28 },
			yAxis: {
				type: 'category',
				data: workers,
				inverse: true,
				axisLabel: { formatter: (v: string) => shorten(v, 20) }
			},
			series: [
				{
					name: 'Within capacity',
					type: 'bar',
					stack: 'load',
					itemStyle: { color: WITHIN },
					data: sorted.map((r) => (r.over_capacity === true ? null : num(r.active)))
				},
				{
					name: 'Over capacity',
					type: 'bar',
					stack: 'load',
					itemStyle: { color: MISSED },
					data: sorted.map((r) => (r.over_capacity === true ? num(r.active) : null))
				},
				{
					name: 'Capacity',
					type: 'scatter',
					symbol: 'rect',
					symbolSize: [3, 16],
					itemStyle: { color: OKABE_ITO.black },
					data: sorted.map((r) => num(r.capacity))
				}
			]
		}),
		table: {
			columns: [
				{ key: 'worker', label: 'Worker' },
				{ key: 'active', label: 'Active (weighted)', unit: 'cases' },
				{ key: 'capacity', label: 'Capacity', unit: 'cases' },
				{ key: 'utilisation', label: 'Utilisation', unit: 'share' },
				{ key: 'over_capacity', label: 'Over capacity' }
			],
			rows: sorted.map((r) => ({ ...r, worker: category(r.worker) }))
		},
		empty: rows.length === 0 ? 'No worker in scope.' : undefined,
		onClick: (c) => {
			const r = c.dataIndex === undefined ? undefined : sorted[c.dataIndex];
			return r
				? { kind: 'filter', dim: 'worker', value: (r.worker ?? null) as string | null }
				: null;
		}
	};
}

/** Worker x month heatmap of cases open at each month end. Click: filter by the worker. */
export function caseloadHeatmap(rows: ResultRow[]): ChartSpec {
	const title = 'Open cases per worker at each month end';
	const months = [...new Set(rows.map((r) => monthLabel(r.month)))];
	const workers = [...new Set(rows.map((r) => category(r.worker)))].sort((a, b) =>
		a.localeCompare(b)
	);
	const mi = new Map(months.map((m, i) => [m, i]));
	const wi = new Map(workers.map((w, i) => [w, i]));
	const data = rows.map((r) => [
		mi.get(monthLabel(r.month)),
		wi.get(category(r.worker)),
		num(r.cases)
	]);
	const max = Math.max(1, ...rows.map((r) => num(r.cases) ?? 0));
	return {
		id: 'active_monthly_by_worker',
		title,
		description: `${title}: ${workers.length} workers by ${months.length} months, darker is more cases.`,
		height: Math.max(280, 110 + workers.length * 20),
		option: base(title, {
			grid: { left: 150, right: 24, top: 40, bottom: 90 },
			tooltip: {
				trigger: 'item',
				formatter: (p: Param) => {
					const v = (p.value ?? []) as number[];
					return tooltipHtml(workers[v[1]] ?? '', [
						{ name: 'Month', value: months[v[0]] ?? '' },
						{ name: 'Open cases at month end', value: formatValue(v[2], 'cases') }
					]);
				}
			},
			xAxis: {
				type: 'category',
				data: months,
				...axisName('Month'),
				nameGap: 28,
				splitArea: { show: true }
			},
			yAxis: {
				type: 'category',
				data: workers,
				inverse: true,
				axisLabel: { formatter: (v: string) => shorten(v, 20) }
			},
			visualMap: {
				min: 0,
				max,
				calculable: false,
				orient: 'horizontal',
				left: 'center',
				bottom: 0,
				inRange: { color: SEQUENTIAL },
				text: [`${max} cases`, '0']
			},
			series: [{ name: 'Open cases', type: 'heatmap', data, label: { show: false } }]
		}),
		table: {
			columns: [
				{ key: 'month', label: 'Month' },
				{ key: 'worker', label: 'Worker' },
				{ key: 'cases', label: 'Open cases at month end', unit: 'cases' },
				{ key: 'active', label: 'Weighted', unit: 'cases' }
			],
			rows: rows.map((r) => ({
				month: monthLabel(r.month),
				worker: category(r.worker),
				cases: r.cases,
				active: r.active
			}))
		},
		empty: rows.length === 0 ? 'No worker in scope.' : undefined,
		onClick: (c) => {
			const v = c.value as number[] | undefined;
			const w = v ? workers[v[1]] : undefined;
			return w === undefined ? null : { kind: 'filter', dim: 'worker', value: categoryValue(w) };
		}
	};
}

// ---------------------------------------------------------------- goals

/** Share of goals met per worker (bars) with the mean GAS T-score in the tooltip and table. Click: filter by worker. */
export function goalsByWorker(rows: ResultRow[]): ChartSpec {
	const title = 'Goals met by worker';
	const sorted = rows
		.filter((r) => (num(r.due) ?? 0) > 0 || (num(r.gas_n) ?? 0) > 0)
		.sort((a, b) => (num(b.met_rate) ?? -1) - (num(a.met_rate) ?? -1));
	const workers = sorted.map((r) => category(r.worker));
	return {
		id: 'goal_attainment_by_worker',
		title,
		description: `${title}: the share of goals due in the period that were met, for ${workers.length} workers.`,
		height: Math.max(260, 70 + workers.length * 22),
		option: base(title, {
			grid: { left: 150, right: 24, top: 36, bottom: 48 },
			tooltip: {
				trigger: 'item',
				formatter: (p: Param) => {
					const r = sorted[p.dataIndex ?? -1] ?? {};
					return tooltipHtml(category(r.worker), [
						{ name: 'Goals due', value: formatValue(num(r.due), 'goals') },
						{ name: 'Goals met', value: formatValue(num(r.met), 'goals') },
						{ name: 'Share met', value: formatValue(num(r.met_rate), 'share') },
						{ name: 'Mean GAS T', value: formatValue(num(r.gas_t_mean), 'T score') }
					]);
				}
			},
			xAxis: {
				type: 'value',
				min: 0,
				max: 1,
				...axisName('Goals met (% of goals due)'),
				nameGap: 28,
				axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` }
			},
			yAxis: {
				type: 'category',
				data: workers,
				inverse: true,
				axisLabel: { formatter: (v: string) => shorten(v, 20) }
			},
			series: [
				{
					name: 'Share met',
					type: 'bar',
					itemStyle: { color: OKABE_ITO.green },
					data: sorted.map((r) => num(r.met_rate))
				}
			]
		}),
		table: {
			columns: [
				{ key: 'worker', label: 'Worker' },
				{ key: 'due', label: 'Goals due', unit: 'goals' },
				{ key: 'met', label: 'Goals met', unit: 'goals' },
				{ key: 'met_rate', label: 'Share met', unit: 'share' },
				{ key: 'gas_n', label: 'Cases with GAS scores', unit: 'cases' },
				{ key: 'gas_t_mean', label: 'Mean T', unit: 'T score' }
			],
			rows: sorted.map((r) => ({ ...r, worker: category(r.worker) }))
		},
		empty: sorted.length === 0 ? 'No goal is due in the period.' : undefined,
		onClick: (c) => {
			const r = c.dataIndex === undefined ? undefined : sorted[c.dataIndex];
			return r
				? { kind: 'filter', dim: 'worker', value: (r.worker ?? null) as string | null }
				: null;
		}
	};
}

// ---------------------------------------------------------------- compliance

/** First contact on time and deadlines met by month (lines, 0-100%). Click: the breaches of that month. */
export function complianceMonthly(firstContact: ResultRow[], deadlines: ResultRow[]): ChartSpec {
	const title = 'Compliance by month';
	const months = [...new Set([...firstContact, ...deadlines].map((r) => String(r.month)))].sort();
	const pick = (rows: ResultRow[]) => {
		const by = new Map(rows.map((r) => [String(r.month), r]));
		return months.map((m) => num(by.get(m)?.rate));
	};
	const series: Option[] = [];
	if (firstContact.length)
		series.push({
			name: 'First contact on time',
			type: 'line',
			data: pick(firstContact),
			itemStyle: { color: OKABE_ITO.blue },
			symbol: 'circle',
			symbolSize: 7
		});
	if (deadlines.length)
		series.push({
			name: 'Deadlines met',
			type: 'line',
			data: pick(deadlines),
			itemStyle: { color: OKABE_ITO.vermillion },
			lineStyle: { type: 'dashed' },
			symbol: 'triangle',
			symbolSize: 8
		});
	const fc = new Map(firstContact.map((r) => [String(r.month), r]));
	const dl = new Map(deadlines.map((r) => [String(r.month), r]));
	return {
		id: 'compliance_monthly',
		title,
		description: `${title}: the share of first contacts within the SLA and of deadlines met, per month of the period.`,
		option: base(title, {
			legend: { top: 0, right: 0 },
			grid: { left: 64, right: 16, top: 48, bottom: 48 },
			tooltip: {
				trigger: 'axis',
				formatter: (ps: Param[]) =>
					tooltipHtml(
						ps[0]?.axisValueLabel ?? '',
						ps.map((p) => ({
							colour: paramColour(p),
							name: p.seriesName,
							value: formatValue(num(p.value as Cell), 'share')
						}))
					)
			},
			xAxis: { type: 'category', data: months.map(monthLabel), ...axisName('Month'), nameGap: 28 },
			yAxis: {
				type: 'value',
				min: 0,
				max: 1,
				...axisName('Share on time (%)'),
				nameGap: 44,
				axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` }
			},
			series
		}),
		table: {
			columns: [
				{ key: 'month', label: 'Month' },
				{ key: 'fc_rate', label: 'First contact on time', unit: 'share' },
				{ key: 'fc_breaches', label: 'First-contact breaches', unit: 'cases' },
				{ key: 'dl_rate', label: 'Deadlines met', unit: 'share' },
				{ key: 'dl_missed', label: 'Deadlines missed', unit: 'deadlines' }
			],
			rows: months.map((m) => {
				const f = fc.get(m);
				const d = dl.get(m);
				return {
					month: monthLabel(m),
					fc_rate: f ? f.rate : null,
					fc_breaches: f ? (num(f.late) ?? 0) + (num(f.no_contact) ?? 0) : null,
					dl_rate: d ? d.rate : null,
					dl_missed: d ? (num(d.late) ?? 0) + (num(d.not_done) ?? 0) : null
				};
			})
		},
		empty:
			series.length === 0
				? 'Neither first contacts nor deadlines can be computed from the loaded files.'
				: undefined,
		onClick: (c) => {
			const month = c.dataIndex === undefined ? undefined : months[c.dataIndex];
			if (!month) return null;
			return c.seriesName === 'Deadlines met'
				? { kind: 'drill', metric: 'deadlines_met_rate', selection: { month, part: 'missed' } }
				: { kind: 'drill', metric: 'first_contact_on_time', selection: { month, part: 'breach' } };
		}
	};
}

/** Closed cases by close reason (horizontal bars). Click: the cases with that reason. */
export function outcomeMix(rows: ResultRow[]): ChartSpec {
	const title = 'Closed cases by close reason';
	const reasons = rows.map((r) => category(r.close_reason));
	return {
		id: 'outcome_mix',
		title,
		description: `${title}: ${reasons.length} reasons.`,
		height: Math.max(240, 70 + reasons.length * 24),
		option: base(title, {
			grid: { left: 220, right: 24, top: 36, bottom: 48 },
			tooltip: {
				trigger: 'item',
				formatter: (p: Param) => {
					const r = rows[p.dataIndex ?? -1] ?? {};
					return tooltipHtml(category(r.close_reason), [
						{ name: 'Closed', value: formatValue(num(r.n), 'cases') },
						{ name: 'Share', value: formatValue(num(r.share), 'share') }
					]);
				}
			},
			xAxis: { type: 'value', ...axisName('Closed cases (count)'), nameGap: 28 },
			yAxis: {
				type: 'category',
				data: reasons,
				inverse: true,
				axisLabel: { formatter: (v: string) => shorten(v, 32) }
			},
			series: [
				{
					name: 'Closed',
					type: 'bar',
					itemStyle: { color: OKABE_ITO.sky },
					data: rows.map((r) => num(r.n))
				}
			]
		}),
		table: {
			columns: [
				{ key: 'close_reason', label: 'Close reason' },
				{ key: 'n', label: 'Closed', unit: 'cases' },
				{ key: 'share', label: 'Share', unit: 'share' }
			],
			rows: rows.map((r) => ({ close_reason: category(r.close_reason), n: r.n, share: r.share }))
		},
		empty: rows.length === 0 ? 'No case closed in the period.' : undefined,
		onClick: (c) => {
			const r = c.dataIndex === undefined ? undefined : rows[c.dataIndex];
			return r
				? {
						kind: 'drill',
						metric: 'outcome_mix',
						selection: { group: (r.close_reason ?? null) as string | null }
					}
				: null;
		}
	};
}

// ---------------------------------------------------------------- sparkline

/**
 * A sparkline as an SVG polyline: `points` for a `width` x `height` box, nulls skipped (the line
 * breaks into segments). Tiny and static, so the overview needs no chart instance per tile.
 */
export function sparklinePaths(
	values: (number | null)[],
	width = 100,
	height = 24,
	pad = 2
): { segments: string[]; last: { x: number; y: number } | null } {
	const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
	if (finite.length === 0) return { segments: [], last: null };
	const min = Math.min(...finite);
	const max = Math.max(...finite);
	const span = max - min || 1;
	const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
	const segments: string[] = [];
	let current: string[] = [];
	let last: { x: number; y: number } | null = null;
	values.forEach((v, i) => {
		if (v === null || !Number.isFinite(v)) {
			if (current.length) segments.push(current.join(' '));
			current = [];
			return;
		}
		const x = pad + i * step;
		const y = max === min ? height / 2 : pad + (1 - (v - min) / span) * (height - 2 * pad);
		const point = `${x.toFixed(1)},${y.toFixed(1)}`;
		current.push(point);
		last = { x: +x.toFixed(1), y: +y.toFixed(1) };
	});
	if (current.length) segments.push(current.join(' '));
	return { segments, last };
}
