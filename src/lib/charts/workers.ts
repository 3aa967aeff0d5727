/** A worker's scorecard chart: one figure by month over 12 months, with the team median and the target. */
import type { ResultRow, Unit } from '../metrics/types';
import { formatMonth, formatValue, monthLabel, unitLabel } from './format';
import { OKABE_ITO } from './palette';
import {
	axisName,
	base,
	monthAxis,
	monthAxisTooltip,
	num,
	type ChartSpec,
	type Option
} from './spec';

export interface TrendFigure {
	key: string;
	title: string;
	unit: Unit;
}

/** A horizontal reference line (ECharts markLine) with its label in words. */
function reference(name: string, value: number, unit: Unit, colour: string, dash: string): Option {
	return {
		name,
		yAxis: value,
		lineStyle: { color: colour, type: dash, width: 1.5 },
		label: {
			formatter: `${name}: ${formatValue(value, unit)}`,
			position: 'insideEndTop',
			color: '#1c2330'
		}
	};
}

/**
 * The worker's monthly values of `figure` (rows: `month` and the figure's key), with the team's
 * median now and the target as labelled reference lines. No click action: the months are the worker's.
 */
export function workerTrend(
	rows: ResultRow[],
	figure: TrendFigure,
	worker: string,
	teamMedian: number | null,
	target: number | null
): ChartSpec {
	const title = `${figure.title} by month`;
	const months = rows.map((r) => monthLabel(r.month));
	const values = rows.map((r) => num(r[figure.key]));
	const lines: Option[] = [];
	if (teamMedian !== null)
		lines.push(reference('Team median', teamMedian, figure.unit, OKABE_ITO.orange, 'dashed'));
	if (target !== null)
		lines.push(reference('Target', target, figure.unit, OKABE_ITO.vermillion, 'dotted'));
	const shown = values.filter((v): v is number => v !== null);
	const share = figure.unit === 'share';
	const described = shown.length
		? `from ${formatValue(values.find((v) => v !== null) ?? null, figure.unit)} in ` +
			`${formatMonth(months[values.findIndex((v) => v !== null)])} to ${formatValue(
				[...values].reverse().find((v) => v !== null) ?? null,
				figure.unit
			)} in ${formatMonth(months[values.length - 1 - [...values].reverse().findIndex((v) => v !== null)])}`
		: 'no value in any month';
	const refs = [
		teamMedian !== null ? `team median ${formatValue(teamMedian, figure.unit)}` : null,
		target !== null ? `target ${formatValue(target, figure.unit)}` : null
	].filter(Boolean);
	return {
		id: `worker_${figure.key}`,
		title,
		description:
			`${title} for ${worker}, ${formatMonth(months[0] ?? '')} to ` +
			`${formatMonth(months.at(-1) ?? '')}: ${described}` +
			`${refs.length ? `; ${refs.join(', ')}` : ''}.`,
		option: base(title, {
			grid: { left: 64, right: 24, top: 24, bottom: 48 },
			tooltip: monthAxisTooltip(figure.unit),
			xAxis: monthAxis(months),
			yAxis: {
				type: 'value',
				min: 0,
				...(figure.unit === 'cases' ? { minInterval: 1 } : {}),
				...(share ? { axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } } : {}),
				...axisName(
					`${figure.title} (${figure.unit === 'days' ? 'days' : unitLabel(figure.unit)})`
				),
				nameGap: 44
			},
			series: [
				{
					name: figure.title,
					type: 'line',
					data: values,
					connectNulls: false,
					itemStyle: { color: OKABE_ITO.blue },
					symbol: 'circle',
					symbolSize: 7,
					markLine: lines.length ? { silent: true, symbol: 'none', data: lines } : undefined
				}
			]
		}),
		table: {
			columns: [
				{ key: 'month', label: 'Month' },
				{ key: 'value', label: figure.title, unit: figure.unit }
			],
			rows: rows.map((r, i) => ({ month: months[i], value: values[i] }))
		},
		empty: shown.length === 0 ? `No value for ${worker} in any of these months.` : undefined,
		height: 220
	};
}
