/** Compliance chart: first contacts on time and deadlines met, by month. */
import type { ResultRow } from '../metrics/types';
import { monthLabel } from './format';
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

/** First contact on time and deadlines met by month (lines, 0-100%). Click: the breaches of that month. */
export function complianceMonthly(firstContact: ResultRow[], deadlines: ResultRow[]): ChartSpec {
	const title = 'Compliance by month';
	const months = [...new Set([...firstContact, ...deadlines].map((r) => String(r.month)))].sort();
	const pick = (rows: ResultRow[]) => {
		const by = new Map(rows.map((r) => [String(r.month), r]));
		return months.map((m) => num(by.get(m)?.rate));
	};
	// Each line differs by more than colour: solid with circles, dashed with triangles.
	const lines: { rows: ResultRow[]; name: string; look: Option }[] = [
		{
			rows: firstContact,
			name: 'First contact on time',
			look: { itemStyle: { color: OKABE_ITO.blue }, symbol: 'circle', symbolSize: 7 }
		},
		{
			rows: deadlines,
			name: 'Deadlines met',
			look: {
				itemStyle: { color: OKABE_ITO.vermillion },
				lineStyle: { type: 'dashed' },
				symbol: 'triangle',
				symbolSize: 8
			}
		}
	];
	const series: Option[] = lines
		.filter((l) => l.rows.length)
		.map((l) => ({ name: l.name, type: 'line', data: pick(l.rows), ...l.look }));
	const fc = new Map(firstContact.map((r) => [String(r.month), r]));
	const dl = new Map(deadlines.map((r) => [String(r.month), r]));
	return {
		id: 'compliance_monthly',
		title,
		description:
			`${title}: the share of first contacts within the SLA and of deadlines met, ` +
			'per month of the period.',
		option: base(title, {
			legend: { top: 0, right: 0 },
			grid: { left: 64, right: 16, top: 48, bottom: 48 },
			tooltip: monthAxisTooltip('share'),
			xAxis: monthAxis(months.map(monthLabel)),
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
