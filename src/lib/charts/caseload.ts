/** Caseload charts: active caseload against capacity per worker, and the worker-by-month heatmap. */
import { CASELOAD_MONTHLY_COLUMNS } from '../metrics/caseload';
import type { ResultRow } from '../metrics/types';
import { countText, formatMonth, formatValue, monthLabel } from './format';
import { MISSED, OKABE_ITO, SEQUENTIAL, WITHIN } from './palette';
import {
	categoryChart,
	topCategories,
	columnsOf,
	base,
	category,
	categoryAxis,
	monthAxis,
	categoryValue,
	filterByRow,
	num,
	tooltipHtml,
	otherValues,
	topRows,
	withOther,
	categoryMarks,
	DEFAULT_TOP,
	FOCUS_SELF,
	type ChartSpec,
	type Param
} from './spec';

/**
 * Weighted active caseload per worker with the worker's capacity; over-capacity bars marked.
 * Click: filter by worker.
 */
export function caseloadByWorker(rows: ResultRow[], limit = DEFAULT_TOP): ChartSpec {
	const title = 'Active caseload per worker against capacity';
	const all = [...rows].sort((a, b) => (num(b.active) ?? 0) - (num(a.active) ?? 0));
	// The heaviest caseloads; the lighter ones are listed apart (a sum of caseloads has no capacity to show).
	const { shown, other, labels } = topCategories(all, 'worker', (r) => num(r.active), limit);
	return {
		id: 'utilisation_by_worker',
		title,
		hint: 'Select a bar to filter by that worker.',
		description:
			`${title} at the as-of date, ${countText(all.length, 'worker')}; ` +
			`${all.filter((r) => r.over_capacity === true).length} over capacity` +
			(other ? `; the ${shown.length} heaviest drawn, ${other.label} listed apart.` : '.'),
		...categoryChart(
			title,
			{
				rows: shown,
				labels,
				header: (r) => category(r.worker),
				lines: (r) => [
					{ name: 'Active (weighted)', value: formatValue(num(r.active), 'cases') },
					{ name: 'Capacity', value: formatValue(num(r.capacity), 'cases') },
					{ name: 'Utilisation', value: formatValue(num(r.utilisation), 'share') }
				],
				valueAxis: 'Active cases (weighted count)',
				labelWidth: 150,
				labelChars: 20,
				top: 40,
				size: { min: 260, pad: 70, perRow: 22 }
			},
			{
				legend: { top: 0, right: 0, data: ['Within capacity', 'Over capacity', 'Capacity'] },
				series: [
					{
						name: 'Within capacity',
						type: 'bar',
						...FOCUS_SELF,
						stack: 'load',
						itemStyle: { color: WITHIN },
						data: shown.map((r) => (r.over_capacity === true ? null : num(r.active)))
					},
					{
						name: 'Over capacity',
						type: 'bar',
						...FOCUS_SELF,
						stack: 'load',
						itemStyle: { color: MISSED },
						data: shown.map((r) => (r.over_capacity === true ? num(r.active) : null))
					},
					{
						name: 'Capacity',
						type: 'scatter',
						symbol: 'rect',
						symbolSize: [3, 16],
						itemStyle: { color: OKABE_ITO.black },
						data: shown.map((r) => num(r.capacity))
					}
				]
			}
		),
		table: {
			columns: [
				{ key: 'worker', label: 'Worker' },
				{ key: 'active', label: 'Active (weighted)', unit: 'cases' },
				{ key: 'capacity', label: 'Capacity', unit: 'cases' },
				{ key: 'utilisation', label: 'Utilisation', unit: 'share' },
				{ key: 'over_capacity', label: 'Over capacity' }
			],
			rows: all.map((r) => ({ ...r, worker: category(r.worker) }))
		},
		empty: rows.length === 0 ? 'No worker in scope.' : undefined,
		other,
		marks: categoryMarks(labels, [
			...shown.map(
				(r) =>
					`${formatValue(num(r.active), 'cases')} active, capacity ${formatValue(num(r.capacity), 'cases')}` +
					(r.over_capacity === true ? ', over capacity' : '')
			),
			'select to list them'
		]),
		onClick: withOther(shown.length, other, filterByRow(shown, 'worker'))
	};
}

/** Worker x month heatmap of cases open at each month end. Click: filter by the worker. */
export function caseloadHeatmap(rows: ResultRow[], limit = DEFAULT_TOP): ChartSpec {
	const title = 'Open cases per worker at each month end';
	const months = [...new Set(rows.map((r) => monthLabel(r.month)))];
	const everyone = [...new Set(rows.map((r) => category(r.worker)))].sort((a, b) =>
		a.localeCompare(b)
	);
	// The workers with the most open cases over the months; the others share one "Other" row (their sum).
	const total = new Map<string, number>();
	for (const r of rows)
		total.set(category(r.worker), (total.get(category(r.worker)) ?? 0) + (num(r.cases) ?? 0));
	const { shown, rest } = topRows(everyone, (w) => total.get(w) ?? 0, limit);
	const other = otherValues(rest, (w) => w, 'worker');
	const workers = [...shown, ...(other ? [other.label] : [])];
	const mi = new Map(months.map((m, i) => [m, i]));
	const wi = new Map(workers.map((w, i) => [w, i]));
	const cells = new Map<string, number>();
	for (const r of rows) {
		const w = wi.get(category(r.worker)) ?? shown.length;
		const key = `${mi.get(monthLabel(r.month))},${w}`;
		cells.set(key, (cells.get(key) ?? 0) + (num(r.cases) ?? 0));
	}
	const data = [...cells].map(([key, cases]) => [...key.split(',').map(Number), cases]);
	const max = Math.max(1, ...data.map((d) => d[2]));
	return {
		id: 'active_monthly_by_worker',
		title,
		hint: 'Select a cell to filter by that worker.',
		description:
			`${title}: ${countText(everyone.length, 'worker')} by ${countText(months.length, 'month')}, ` +
			'darker is more cases' +
			(other
				? `; the ${shown.length} with most open cases drawn, ${other.label} as one row.`
				: '.'),
		height: Math.max(280, 110 + workers.length * 20),
		option: base(title, {
			grid: { left: 150, right: 24, top: 40, bottom: 90 },
			tooltip: {
				trigger: 'item',
				formatter: (p: Param) => {
					const v = (p.value ?? []) as number[];
					return tooltipHtml(workers[v[1]] ?? '', [
						{ name: 'Month', value: formatMonth(months[v[0]] ?? '') },
						{ name: 'Open cases at month end', value: formatValue(v[2], 'cases') }
					]);
				}
			},
			xAxis: monthAxis(months, { splitArea: { show: true } }),
			yAxis: categoryAxis(workers, 20),
			visualMap: {
				min: 0,
				max,
				calculable: false,
				orient: 'horizontal',
				left: 'center',
				bottom: 0,
				inRange: { color: SEQUENTIAL },
				text: [countText(max, 'case'), '0']
			},
			series: [{ name: 'Open cases', type: 'heatmap', data, label: { show: false } }]
		}),
		table: {
			columns: columnsOf(CASELOAD_MONTHLY_COLUMNS, { month: 'Month' }),
			rows: rows.map((r) => ({
				month: monthLabel(r.month),
				worker: category(r.worker),
				cases: r.cases,
				active: r.active
			}))
		},
		empty: rows.length === 0 ? 'No worker in scope.' : undefined,
		other,
		onClick: (c) => {
			const v = c.value as number[] | undefined;
			if (other && v?.[1] === shown.length) return { kind: 'other' };
			const w = v ? workers[v[1]] : undefined;
			return w === undefined ? null : { kind: 'filter', dim: 'worker', value: categoryValue(w) };
		}
	};
}
