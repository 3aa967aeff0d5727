/** Caseload charts: active caseload against capacity per worker, and the worker-by-month heatmap. */
import type { ResultRow } from '../metrics/types';
import { countText, formatValue, monthLabel } from './format';
import { MISSED, OKABE_ITO, SEQUENTIAL, WITHIN } from './palette';
import {
	axisName,
	base,
	category,
	categoryAxis,
	categoryValue,
	filterByRow,
	num,
	rowTooltip,
	tooltipHtml,
	type ChartSpec,
	type Param
} from './spec';

/**
 * Weighted active caseload per worker with the worker's capacity; over-capacity bars marked.
 * Click: filter by worker.
 */
export function caseloadByWorker(rows: ResultRow[]): ChartSpec {
	const title = 'Active caseload per worker against capacity';
	const sorted = [...rows].sort((a, b) => (num(b.active) ?? 0) - (num(a.active) ?? 0));
	const workers = sorted.map((r) => category(r.worker));
	return {
		id: 'utilisation_by_worker',
		title,
		description:
			`${title} at the as-of date, ${countText(workers.length, 'worker')}; ` +
			`${sorted.filter((r) => r.over_capacity === true).length} over capacity.`,
		height: Math.max(260, 70 + workers.length * 22),
		option: base(title, {
			legend: { top: 0, right: 0, data: ['Within capacity', 'Over capacity', 'Capacity'] },
			grid: { left: 150, right: 24, top: 40, bottom: 48 },
			tooltip: rowTooltip(
				sorted,
				(r) => category(r.worker),
				(r) => [
					{ name: 'Active (weighted)', value: formatValue(num(r.active), 'cases') },
					{ name: 'Capacity', value: formatValue(num(r.capacity), 'cases') },
					{ name: 'Utilisation', value: formatValue(num(r.utilisation), 'share') }
				]
			),
			xAxis: { type: 'value', ...axisName('Active cases (weighted count)'), nameGap: 28 },
			yAxis: categoryAxis(workers, 20),
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
		onClick: filterByRow(sorted, 'worker')
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
		description:
			`${title}: ${countText(workers.length, 'worker')} by ${countText(months.length, 'month')}, ` +
			'darker is more cases.',
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
