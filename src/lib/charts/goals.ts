/** Goal-attainment chart: the share of goals due that were met, per worker. */
import { GOALS_BY_WORKER_COLUMNS } from '../metrics/goals';
import type { ResultRow } from '../metrics/types';
import { countText, formatValue } from './format';
import { OKABE_ITO } from './palette';
import {
	categoryChart,
	topCategories,
	columnsOf,
	category,
	filterByRow,
	num,
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
	const { shown, other, labels } = topCategories(all, 'worker', (r) => num(r.due), limit);
	return {
		id: 'goal_attainment_by_worker',
		title,
		hint: 'Select a bar to filter by that worker.',
		description:
			`${title}: the share of goals due in the period that were met, ` +
			`for ${countText(all.length, 'worker')}` +
			(other
				? `; the ${shown.length} with most goals due drawn, ${other.label} listed apart.`
				: '.'),
		...categoryChart(
			title,
			{
				rows: shown,
				labels,
				header: (r) => category(r.worker),
				lines: (r) => [
					{ name: 'Goals due', value: formatValue(num(r.due), 'goals') },
					{ name: 'Goals met', value: formatValue(num(r.met), 'goals') },
					{ name: 'Share met', value: formatValue(num(r.met_rate), 'share') },
					{ name: 'Mean GAS T', value: formatValue(num(r.gas_t_mean), 'T score') }
				],
				valueAxis: 'Goals met (% of goals due)',
				valueAxisExtra: {
					min: 0,
					max: 1,
					axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` }
				},
				labelWidth: 150,
				labelChars: 20,
				size: { min: 260, pad: 70, perRow: 22 }
			},
			{
				series: [
					{
						name: 'Share met',
						type: 'bar',
						...FOCUS_SELF,
						itemStyle: { color: OKABE_ITO.green },
						data: shown.map((r) => num(r.met_rate))
					}
				]
			}
		),
		table: {
			columns: columnsOf(GOALS_BY_WORKER_COLUMNS),
			rows: all.map((r) => ({ ...r, worker: category(r.worker) }))
		},
		empty: all.length === 0 ? 'No goal is due in the period.' : undefined,
		other,
		marks: categoryMarks(labels, [
			...shown.map(
				(r) =>
					`${formatValue(num(r.met_rate), 'share')} of ${formatValue(num(r.due), 'goals')} goals met`
			),
			'select to list them'
		]),
		onClick: withOther(shown.length, other, filterByRow(shown, 'worker'))
	};
}
