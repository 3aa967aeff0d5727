/** Resolution-time charts: days to close by case type, Kaplan-Meier curves, pending cases by age. */
import { KM_CURVE_BY_TYPE_COLUMNS } from '../metrics/km';
import { AGE_BUCKET_COLUMNS, CLOSE_BY_TYPE_COLUMNS } from '../metrics/resolution';
import type { ResultRow } from '../metrics/types';
import { countText, formatValue, plural } from './format';
import { MISSED, OKABE_ITO, SERIES_COLOURS, WITHIN, seriesColour } from './palette';
import {
	categoryChart,
	topCategories,
	axisName,
	columnsOf,
	base,
	category,
	categoryValue,
	filterByRow,
	num,
	rowTooltip,
	tooltipHtml,
	type ChartSpec,
	type Option,
	type Param,
	type TooltipLine,
	DEFAULT_TOP,
	withOther,
	categoryMarks
} from './spec';

/** Box plot of days to close per case type (min, quartiles, max); click: filter by the case type. */
export function closeByType(rows: ResultRow[], limit = DEFAULT_TOP): ChartSpec {
	const title = 'Days to close by case type';
	// The most-closed types; the rest are one "Other" row without a box (their quartiles do not combine).
	const { shown, rest, other, labels } = topCategories(rows, 'case_type', (r) => num(r.n), limit);
	const closedInOther = rest.reduce((sum, r) => sum + (num(r.n) ?? 0), 0);
	return {
		id: 'days_to_close_by_type',
		title,
		hint: 'Select a box to filter by that case type.',
		description:
			`${title}: minimum, quartiles and maximum of the cases closed in the period, ` +
			`for ${countText(rows.length, 'case type')}` +
			(other
				? `, the ${shown.length} with most closings drawn and ${other.label} listed apart.`
				: '.'),
		...categoryChart(
			title,
			{
				rows: other ? [...shown, { case_type: other.label, n: closedInOther }] : shown,
				labels,
				header: (r) => category(r.case_type),
				lines: (r) => [
					{ name: 'Closed', value: formatValue(num(r.n), 'cases') },
					{ name: 'Minimum', value: formatValue(num(r.min), 'days') },
					{ name: 'First quartile', value: formatValue(num(r.q1), 'days') },
					{ name: 'Median', value: formatValue(num(r.median), 'days') },
					{ name: 'Third quartile', value: formatValue(num(r.q3), 'days') },
					{ name: 'Maximum', value: formatValue(num(r.max), 'days') }
				],
				valueAxis: 'Days to close (days)',
				labelWidth: 170,
				size: { min: 260, pad: 60, perRow: 30 }
			},
			{
				series: [
					{
						name: 'Days to close',
						type: 'boxplot',
						itemStyle: { color: '#cfe3f3', borderColor: OKABE_ITO.blue },
						data: [
							...shown.map((r) => [num(r.min), num(r.q1), num(r.median), num(r.q3), num(r.max)]),
							...(other ? [[null, null, null, null, null]] : [])
						]
					}
				]
			}
		),
		table: {
			// The table leaves out the mean: the box plot's figures are order statistics.
			columns: columnsOf(CLOSE_BY_TYPE_COLUMNS.filter((c) => c.name !== 'mean')),
			rows: rows.map((r) => ({ ...r, case_type: category(r.case_type) }))
		},
		empty: rows.length === 0 ? 'No case closed in the period.' : undefined,
		other,
		marks: categoryMarks(labels, [
			...shown.map(
				(r) =>
					`median ${formatValue(num(r.median), 'days')} over ${formatValue(num(r.n), 'cases')} closed`
			),
			`${formatValue(closedInOther, 'cases')} closed; select to list them`
		]),
		onClick: withOther(shown.length, other, filterByRow(shown, 'case_type'))
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
		description:
			`${title}, for the ${countText(types.length, 'largest case type', 'largest case types')}; ` +
			'ticks mark cases still open at the as-of date (censored).',
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
			columns: columnsOf(KM_CURVE_BY_TYPE_COLUMNS),
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
	const within = `Within ${countText(firstTierDays, 'day')}`;
	const older = `Older than ${countText(firstTierDays, 'day')}`;
	return {
		id: 'pending_age_buckets',
		title,
		description:
			`${title}; buckets older than the ${firstTierDays}-day standard are marked; ` +
			`${backlog.count === null ? '– cases' : countText(backlog.count, 'case')} ` +
			`${plural(backlog.count ?? 0, 'is', 'are')} older than ${countText(backlog.days, 'day')} (backlog).`,
		option: base(title, {
			legend: {
				top: 0,
				right: 0,
				data: [within, older]
			},
			grid: { left: 64, right: 16, top: 48, bottom: 48 },
			tooltip: rowTooltip(
				rows,
				(r) => `${category(r.bucket)} days`,
				(r) => [
					{ name: 'Open cases', value: formatValue(num(r.n), 'cases') },
					{ name: 'Share of open cases', value: formatValue(num(r.share), 'share') }
				]
			),
			xAxis: {
				type: 'category',
				data: rows.map((r) => category(r.bucket)),
				...axisName('Age since opening (days)'),
				nameGap: 28
			},
			yAxis: { type: 'value', ...axisName('Open cases (count)'), nameGap: 44 },
			series: [
				{
					name: within,
					type: 'bar',
					stack: 'age',
					itemStyle: { color: WITHIN },
					data: rows.map((r) => (beyond(String(r.bucket)) ? null : num(r.n)))
				},
				{
					name: older,
					type: 'bar',
					stack: 'age',
					itemStyle: { color: MISSED },
					data: rows.map((r) => (beyond(String(r.bucket)) ? num(r.n) : null))
				}
			]
		}),
		table: {
			columns: columnsOf(AGE_BUCKET_COLUMNS),
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
