/**
 * A cross-filter that keeps context: a chart filtered on its own dimension still draws every
 * category (its page computes it without that one filter), the selected categories keep their
 * colour and the others are dimmed, and its marks and description say which are selected.
 */
import { category, type ChartSpec, type Option } from './spec';

/** The opacity of a mark that is not selected. */
export const DIMMED = 0.3;

function dim(item: unknown): unknown {
	if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
		const o = item as Option;
		return { ...o, itemStyle: { ...(o.itemStyle as Option), opacity: DIMMED } };
	}
	return { value: item, itemStyle: { opacity: DIMMED } };
}

/** Dims the data of a series drawn one item per category (a heatmap: by its row). */
function dimSeries(series: Option, picked: boolean[]): Option {
	const data = series.data;
	if (!Array.isArray(data)) return series;
	const row = (item: unknown, i: number) =>
		series.type === 'heatmap' ? Number((item as number[])[1]) : i;
	return { ...series, data: data.map((d, i) => (picked[row(d, i)] ? d : dim(d))) };
}

/**
 * `spec` (a chart with its categories on the vertical axis) with the categories whose value is in
 * `selected` highlighted; unchanged when nothing drawn is selected.
 */
export function withSelection(spec: ChartSpec, selected: readonly (string | null)[]): ChartSpec {
	const labels = (spec.option.yAxis as Option | undefined)?.data;
	if (!selected.length || !Array.isArray(labels)) return spec;
	const chosen = new Set(selected.map((v) => category(v)));
	const picked = labels.map((l) => chosen.has(String(l)));
	if (!picked.some(Boolean)) return spec;
	const names = labels.filter((_, i) => picked[i]).join(', ');
	return {
		...spec,
		description: `${spec.description} Selected: ${names}; the others are dimmed.`,
		option: {
			...spec.option,
			series: ((spec.option.series as Option[] | undefined) ?? []).map((s) => dimSeries(s, picked))
		},
		marks: spec.marks?.map((m, i) => (picked[i] ? { ...m, label: `${m.label} (selected)` } : m))
	};
}
