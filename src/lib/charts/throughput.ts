/** Throughput and outcome charts: cases opened, closed and pending by month; closed cases by reason. */
import { OUTCOME_MIX_COLUMNS } from '../metrics/outcomes';
import { THROUGHPUT_MONTHLY_COLUMNS } from '../metrics/throughput';
import type { ResultRow } from '../metrics/types';
import { countText, formatMonth, formatValue, monthLabel } from './format';
import { OKABE_ITO } from './palette';
import {
	categoryChart,
	axisName,
	columnsOf,
	base,
	category,
	monthAxis,
	monthAxisTooltip,
	num,
	otherValues,
	topRows,
	withOther,
	categoryMarks,
	FOCUS_SELF,
	DEFAULT_TOP,
	type ChartSpec
} from './spec';

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
		description: `${title}, ${formatMonth(months[0] ?? '')} to ${formatMonth(months[months.length - 1] ?? '')}.`,
		option: base(title, {
			legend: { top: 0, right: 0 },
			grid: { left: 64, right: 16, top: 48, bottom: 48 },
			tooltip: monthAxisTooltip('cases'),
			xAxis: monthAxis(months),
			yAxis: { type: 'value', ...axisName('Cases (count)'), nameGap: 44 },
			series
		}),
		table: {
			columns: columnsOf(THROUGHPUT_MONTHLY_COLUMNS, { month: 'Month' }),
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

/** Closed cases by close reason (horizontal bars). Click: the cases with that reason. */
export function outcomeMix(rows: ResultRow[], limit = DEFAULT_TOP): ChartSpec {
	const title = 'Closed cases by close reason';
	const { shown, rest } = topRows(rows, (r) => num(r.n), limit);
	const other = otherValues(rest, (r) => category(r.close_reason), null);
	const sum = (key: string) => rest.reduce((s, r) => s + (num(r[key]) ?? 0), 0);
	// "Other" is the sum of the folded reasons: counts and shares add up.
	const drawn: ResultRow[] = other
		? [...shown, { close_reason: other.label, n: sum('n'), share: sum('share') }]
		: shown;
	const reasons = drawn.map((r) => category(r.close_reason));
	return {
		id: 'outcome_mix',
		title,
		hint: 'Select a bar for its cases.',
		description:
			`${title}: ${countText(rows.length, 'reason')}` +
			(other ? `, the ${shown.length} most frequent drawn and ${other.label} as one bar.` : '.'),
		...categoryChart(
			title,
			{
				rows: drawn,
				labels: reasons,
				header: (r) => category(r.close_reason),
				lines: (r) => [
					{ name: 'Closed', value: formatValue(num(r.n), 'cases') },
					{ name: 'Share', value: formatValue(num(r.share), 'share') }
				],
				valueAxis: 'Closed cases (count)',
				labelWidth: 220,
				labelChars: 32,
				size: { min: 240, pad: 70, perRow: 24 }
			},
			{
				series: [
					{
						name: 'Closed',
						type: 'bar',
						itemStyle: { color: OKABE_ITO.sky },
						...FOCUS_SELF,
						data: drawn.map((r) => num(r.n))
					}
				]
			}
		),
		table: {
			columns: columnsOf(OUTCOME_MIX_COLUMNS),
			rows: rows.map((r) => ({ close_reason: category(r.close_reason), n: r.n, share: r.share }))
		},
		empty: rows.length === 0 ? 'No case closed in the period.' : undefined,
		other,
		marks: categoryMarks(
			reasons,
			drawn.map(
				(r) => `${formatValue(num(r.n), 'cases')} closed, ${formatValue(num(r.share), 'share')}`
			)
		),
		onClick: withOther(shown.length, other, (c) => {
			const r = c.dataIndex === undefined ? undefined : shown[c.dataIndex];
			return r
				? {
						kind: 'drill',
						metric: 'outcome_mix',
						selection: { group: (r.close_reason ?? null) as string | null }
					}
				: null;
		})
	};
}
