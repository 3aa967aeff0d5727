/** Goal-attainment chart: the share of goals due that were met, per worker. */
import type { ResultRow } from '../metrics/types';
import { countText, formatValue } from './format';
import { OKABE_ITO } from './palette';
import {
	axisName,
	base,
	category,
	categoryAxis,
	filterByRow,
	num,
	rowTooltip,
	otherValues,
	topRows,
	withOther,
	categoryMarks,
	FOCUS_SELF,
	DEFAULT_TOP,
	type ChartSpec
} from './spec';

/** Share of goals met per worker (bars) with the mean GAS T-score in the tooltip and table. Click: filter by worker. */
export function goalsByWorker(rows: ResultRow[], limit = DEFAULT_TOP): ChartSpec {
	const title = 'Goals met by worker';
	const all = rows
		.filter((r) => (num(r.due) ?? 0) > 0 || (num(r.gas_n) ?? 0) > 0)
		.sort((a, b) => (num(b.met_rate) ?? -1) - (num(a.met_rate) ?? -1));
	// The workers with the most goals due; the others are listed apart (the table keeps everyone).
	const { shown: sorted, rest } = topRows(all, (r) => num(r.due), limit);
	const other = otherValues(rest, (r) => category(r.worker), 'worker');
	const workers = [...sorted.map((r) => category(r.worker)), ...(other ? [other.label] : [])];
	return {
		id: 'goal_attainment_by_worker',
		title,
		description:
			`${title}: the share of goals due in the period that were met, ` +
			`for ${countText(all.length, 'worker')}` +
			(other
				? `; the ${sorted.length} with most goals due drawn, ${other.label} listed apart.`
				: '.'),
		height: Math.max(260, 70 + workers.length * 22),
		option: base(title, {
			grid: { left: 150, right: 24, top: 36, bottom: 48 },
			tooltip: rowTooltip(
				sorted,
				(r) => category(r.worker),
				(r) => [
					{ name: 'Goals due', value: formatValue(num(r.due), 'goals') },
					{ name: 'Goals met', value: formatValue(num(r.met), 'goals') },
					{ name: 'Share met', value: formatValue(num(r.met_rate), 'share') },
					{ name: 'Mean GAS T', value: formatValue(num(r.gas_t_mean), 'T score') }
				]
			),
			xAxis: {
				type: 'value',
				min: 0,
				max: 1,
				...axisName('Goals met (% of goals due)'),
				nameGap: 28,
				axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` }
			},
			yAxis: categoryAxis(workers, 20),
			series: [
				{
					name: 'Share met',
					type: 'bar',
					...FOCUS_SELF,
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
			rows: all.map((r) => ({ ...r, worker: category(r.worker) }))
		},
		empty: all.length === 0 ? 'No goal is due in the period.' : undefined,
		other,
		marks: categoryMarks(workers, [
			...sorted.map(
				(r) =>
					`${formatValue(num(r.met_rate), 'share')} of ${formatValue(num(r.due), 'goals')} goals met`
			),
			'select to list them'
		]),
		onClick: withOther(sorted.length, other, filterByRow(sorted, 'worker'))
	};
}
