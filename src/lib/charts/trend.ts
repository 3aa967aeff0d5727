/**
 * A headline figure by month with its centre line and control limits (metrics/trends.ts): a month
 * outside the limits is drawn as a larger diamond and named in the description, so the signal never
 * rests on colour alone.
 */
import type { Polarity } from '../metrics/polarity';
import type { ControlChart } from '../metrics/trends';
import { formatMonth, formatValue, monthLabel } from './format';
import { MISSED, OKABE_ITO } from './palette';
import { axisName, base, monthAxis, monthAxisTooltip, type ChartSpec, type Option } from './spec';

const KIND_TEXT: Record<ControlChart['kind'], string> = {
	p: 'p-chart limits (3 standard errors)',
	c: 'c-chart (Poisson) limits (3 standard errors)',
	u: 'u-chart (Poisson rate) limits (3 standard errors)',
	centre: 'no control limits for this figure'
};

/** A control limit: a dotted step line, so that it reads apart from the series and its centre line. */
function limitLine(name: string, data: (number | null)[]): Option {
	return {
		name,
		type: 'line',
		step: 'middle',
		symbol: 'none',
		lineStyle: { type: 'dotted', color: OKABE_ITO.vermillion },
		itemStyle: { color: OKABE_ITO.vermillion },
		data
	};
}

export function trendChart(
	id: string,
	title: string,
	unit: string,
	polarity: Polarity,
	chart: ControlChart
): ChartSpec {
	const months = chart.points.map((p) => monthLabel(p.month));
	const show = (v: number | null) => formatValue(v, unit);
	const outside = chart.points.filter((p) => p.outside).map((p) => formatMonth(p.month));
	const values = chart.points.map((p) => `${formatMonth(p.month)} ${show(p.value)}`).join(', ');
	const limits =
		chart.kind === 'centre' ? '' : ' Months outside the limits are unlikely to be noise:';
	const better =
		polarity === 'neutral' ? '' : ` ${polarity === 'higher' ? 'Higher' : 'Lower'} is better.`;
	const share = unit === 'share';
	const axisValue = (v: number | null) => (v === null ? null : v);
	const hasValues = chart.points.some((p) => p.value !== null);
	return {
		id: `trend-${id}`,
		title: `${title} by month`,
		description:
			`${title} by month: ${values}. Centre line ${show(chart.centre)}; ${KIND_TEXT[chart.kind]}.` +
			`${limits}${chart.kind === 'centre' ? '' : outside.length ? ` ${outside.join(', ')}.` : ' none.'}${better}`,
		height: 260,
		option: base(`${title} by month`, {
			legend: { top: 0, right: 0 },
			grid: { left: 64, right: 24, top: 36, bottom: 48 },
			tooltip: monthAxisTooltip(unit),
			xAxis: monthAxis(months),
			yAxis: {
				type: 'value',
				scale: !share,
				...(share
					? { min: 0, max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } }
					: {}),
				...axisName(share ? `${title} (%)` : `${title} (${unit})`),
				nameGap: 48
			},
			series: [
				{
					name: title,
					type: 'line',
					itemStyle: { color: OKABE_ITO.blue },
					data: chart.points.map((p) =>
						p.outside
							? {
									value: axisValue(p.value),
									symbol: 'diamond',
									symbolSize: 12,
									itemStyle: { color: MISSED }
								}
							: axisValue(p.value)
					)
				},
				{
					name: 'Centre line',
					type: 'line',
					symbol: 'none',
					lineStyle: { type: 'dashed', color: OKABE_ITO.black },
					itemStyle: { color: OKABE_ITO.black },
					data: chart.points.map(() => chart.centre)
				},
				...(chart.kind === 'centre'
					? []
					: [
							limitLine(
								'Upper limit',
								chart.points.map((p) => p.upper)
							),
							limitLine(
								'Lower limit',
								chart.points.map((p) => p.lower)
							)
						])
			]
		}),
		table: {
			columns: [
				{ key: 'month', label: 'Month' },
				{ key: 'value', label: title, unit },
				{ key: 'lower', label: 'Lower limit', unit },
				{ key: 'upper', label: 'Upper limit', unit },
				{ key: 'outside', label: 'Outside the limits' }
			],
			rows: chart.points.map((p) => ({
				month: monthLabel(p.month),
				value: p.value,
				lower: p.lower,
				upper: p.upper,
				outside: p.outside ? 'yes' : 'no'
			}))
		},
		empty: hasValues ? undefined : 'No month of the last 12 has a value.'
	};
}
