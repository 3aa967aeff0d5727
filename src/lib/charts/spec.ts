/**
 * What every chart builder returns (a ChartSpec: the ECharts option, the table that is the chart's
 * accessible alternative, what a click on a mark means) and the helpers they share.
 *
 * Every builder sets a title, axis names with units, `aria` and a tooltip whose formatter escapes
 * every value (ECharts renders tooltips as HTML; worker names and case types are data).
 */
import type { Cell, ColumnDoc, DrillSelection, ResultRow } from '../metrics/types';
import type { FilterColumn as Dimension } from '../metrics/sql';
import { escapeHtml } from './escape';
import { countText, formatMonth, formatValue } from './format';
import { SERIES_COLOURS } from './palette';

/** An ECharts option object (kept loose: builders are checked by their tests, not by ECharts' types). */
export type Option = Record<string, unknown>;

export interface TableColumn {
	key: string;
	label: string;
	/** 'share' and 'days' format the cells; other units are shown in the header. */
	unit?: string;
}

/** A metric's documented columns as the chart's table columns, with labels the chart shows differently. */
export function columnsOf(
	docs: readonly ColumnDoc[],
	relabel: Record<string, string> = {}
): TableColumn[] {
	return docs.map((d) => ({
		key: d.name,
		label: relabel[d.name] ?? d.label,
		...(d.unit ? { unit: d.unit } : {})
	}));
}

export interface ChartTable {
	columns: TableColumn[];
	rows: Record<string, Cell>[];
}

/** What a click on a chart mark asks for. */
export type ChartAction =
	| { kind: 'filter'; dim: Dimension; value: string | null }
	| { kind: 'drill'; metric: string; selection: DrillSelection }
	/** Open the list of the values the chart folds into "Other". */
	| { kind: 'other' };

/** The part of an ECharts click event the builders read. */
export interface ChartClick {
	componentType?: string;
	seriesName?: string;
	seriesIndex?: number;
	name?: string;
	dataIndex?: number;
	value?: unknown;
	data?: unknown;
}

export interface ChartSpec {
	id: string;
	title: string;
	/** One sentence for screen readers and the figure caption. */
	description: string;
	/** What selecting a mark does, in a sentence ("Select a bar to filter by that worker."). */
	hint?: string;
	option: Option;
	table: ChartTable;
	/** Set when there is nothing to draw: what the chart would show. */
	empty?: string;
	/** The action of a click on a mark (null: nothing). */
	onClick?: (click: ChartClick) => ChartAction | null;
	/** The action of a legend entry (e.g. a case type): a cross-filter. */
	onLegend?: (name: string) => ChartAction | null;
	/** Pixel height for the chart. */
	height?: number;
	/** The values drawn as one "Other (N values)" mark, listed when it is selected. */
	other?: OtherValues | null;
	/** The marks a keyboard reaches, in order: what each reads and the click it stands for. */
	marks?: ChartMark[];
}

/** A mark reachable by keyboard: its label ("Ann: 45 cases") and the click it stands for. */
export interface ChartMark {
	label: string;
	click: ChartClick;
}

/** The marks of a chart with one mark per category of its first series. */
export function categoryMarks(labels: string[], values: string[]): ChartMark[] {
	return labels.map((label, i) => ({
		label: `${label}: ${values[i] ?? '–'}`,
		click: { componentType: 'series', seriesIndex: 0, dataIndex: i, name: label }
	}));
}

/** Hovering or selecting a mark highlights it and dims the others. */
export const FOCUS_SELF: Option = {
	emphasis: { focus: 'self' },
	blur: { itemStyle: { opacity: 0.35 } }
};

/** The label shown for a blank category, and its filter value. */
export const BLANK_LABEL = '(blank)';
export const category = (v: Cell): string =>
	v === null || v === undefined || v === '' ? BLANK_LABEL : String(v);
export const categoryValue = (label: string): string | null =>
	label === BLANK_LABEL ? null : label;

export const num = (v: Cell | undefined): number | null =>
	typeof v === 'number' && Number.isFinite(v) ? v : null;

export interface TooltipLine {
	colour?: string;
	name: unknown;
	value: unknown;
}

const SWATCH_STYLE =
	'display:inline-block;width:8px;height:8px;border-radius:50%;margin-right:6px;';

/** Tooltip HTML: every piece escaped; colours come from our palette only. */
export function tooltipHtml(header: unknown, lines: TooltipLine[]): string {
	const body = lines
		.map((l) => {
			const swatch =
				l.colour && /^#[0-9a-fA-F]{3,8}$/.test(l.colour)
					? `<span style="${SWATCH_STYLE}background:${l.colour}"></span>`
					: '';
			return `<div>${swatch}${escapeHtml(l.name)}: <b>${escapeHtml(l.value)}</b></div>`;
		})
		.join('');
	return `<div><b>${escapeHtml(header)}</b></div>${body}`;
}

export interface Param {
	seriesName?: string;
	seriesIndex?: number;
	name?: string;
	/** The category under the pointer, as the axis holds it (an axis tooltip's ISO month). */
	axisValue?: string | number;
	axisValueLabel?: string;
	value?: unknown;
	data?: unknown;
	color?: unknown;
	dataIndex?: number;
}

export const paramColour = (p: Param): string | undefined =>
	typeof p.color === 'string' ? p.color : undefined;

/** Tooltip for marks drawn one per row: header and lines come from the row under the pointer. */
export function rowTooltip(
	rows: ResultRow[],
	header: (r: ResultRow) => unknown,
	lines: (r: ResultRow) => TooltipLine[]
): Option {
	return {
		trigger: 'item',
		formatter: (p: Param) => {
			const r = rows[p.dataIndex ?? -1] ?? {};
			return tooltipHtml(header(r), lines(r));
		}
	};
}

/** Tooltip for a month axis: every series' value at the month, in one unit. */
export const monthAxisTooltip = (unit: string): Option => ({
	trigger: 'axis',
	formatter: (ps: Param[]) =>
		tooltipHtml(
			formatMonth(ps[0]?.axisValue ?? ''),
			ps.map((p) => ({
				colour: paramColour(p),
				name: p.seriesName,
				value: formatValue(num(p.value as Cell), unit)
			}))
		)
});

/** A click on a row's mark cross-filters by that row's value of `dim`. */
export const filterByRow =
	(rows: ResultRow[], dim: Dimension) =>
	(c: ChartClick): ChartAction | null => {
		const r = c.dataIndex === undefined ? undefined : rows[c.dataIndex];
		return r ? { kind: 'filter', dim, value: (r[dim] ?? null) as string | null } : null;
	};

export function base(title: string, extra: Option): Option {
	return {
		animation: false,
		aria: { enabled: true },
		color: SERIES_COLOURS,
		textStyle: { fontFamily: 'system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif' },
		// The card's heading shows the title; the picture export switches this on.
		title: {
			show: false,
			text: title,
			left: 0,
			top: 0,
			textStyle: { fontSize: 14, fontWeight: 600, color: '#1c2330' }
		},
		...extra
	};
}

export const axisName = (name: string): Option => ({
	name,
	nameLocation: 'middle',
	nameTextStyle: { color: '#5b6475' }
});

/**
 * A month axis: its data stay the ISO months ('2026-09', what a click selects); its labels are
 * written as the settings write months ("Sep 2026", or ISO).
 */
export const monthAxis = (months: string[], extra: Option = {}): Option => ({
	type: 'category',
	data: months,
	axisLabel: { formatter: (month: string) => formatMonth(month) },
	...axisName('Month'),
	nameGap: 28,
	...extra
});

/** Shortens long category labels on axes (the tooltip and the table show them whole). */
export function shorten(text: string, max = 22): string {
	return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

/** A vertical category axis, first label on top, long labels shortened to `max` characters. */
export const categoryAxis = (labels: string[], max?: number): Option => ({
	type: 'category',
	data: labels,
	inverse: true,
	axisLabel: { formatter: (v: string) => shorten(v, max) }
});

/** How many categories a chart draws before "Other" unless told (the setting's default). */
export const DEFAULT_TOP = 12;

/** The categories a chart folds into "Other": its label, the values (as shown) and what they filter. */
export interface OtherValues {
	label: string;
	values: string[];
	dim: Dimension | null;
}

/**
 * The `limit` largest rows by `size` (kept in their order; equal sizes keep the earlier row) and the
 * rest, which a chart draws as one "Other (N values)" mark; all rows stay in the chart's table.
 */
export function topRows<T>(
	rows: T[],
	size: (r: T) => number | null,
	limit: number
): { shown: T[]; rest: T[] } {
	if (rows.length <= limit) return { shown: rows, rest: [] };
	const ranked = rows
		.map((r, i) => ({ i, s: size(r) ?? -Infinity }))
		.sort((a, b) => b.s - a.s || a.i - b.i);
	const keep = new Set(ranked.slice(0, limit).map((x) => x.i));
	return { shown: rows.filter((_, i) => keep.has(i)), rest: rows.filter((_, i) => !keep.has(i)) };
}

/** "Other (3 values)", or null when nothing is folded. */
export function otherValues<T>(
	rest: T[],
	label: (r: T) => string,
	dim: Dimension | null
): OtherValues | null {
	if (!rest.length) return null;
	return { label: `Other (${countText(rest.length, 'value')})`, values: rest.map(label), dim };
}

/**
 * One mark per value of `column` for the `limit` largest rows by `size`; the rest fold into "Other",
 * which filters by `column`. `labels` are the marks' labels in drawing order, "Other" last.
 */
export function topCategories(
	rows: ResultRow[],
	column: Dimension,
	size: (r: ResultRow) => number | null,
	limit: number
): { shown: ResultRow[]; rest: ResultRow[]; other: OtherValues | null; labels: string[] } {
	const { shown, rest } = topRows(rows, size, limit);
	const other = otherValues(rest, (r) => category(r[column]), column);
	return {
		shown,
		rest,
		other,
		labels: [...shown.map((r) => category(r[column])), ...(other ? [other.label] : [])]
	};
}

/** How a horizontal chart of one row of marks per category lays out. */
export interface CategoryFrame {
	/** The rows under the marks, in drawing order (the tooltip reads them). */
	rows: ResultRow[];
	labels: string[];
	header: (r: ResultRow) => unknown;
	lines: (r: ResultRow) => TooltipLine[];
	valueAxis: string;
	/** Further options of the value axis (bounds, label format). */
	valueAxisExtra?: Option;
	/** Room for the category labels (px), and how many characters of a label show. */
	labelWidth: number;
	labelChars?: number;
	top?: number;
	/** Height: at least `min`, else `pad` plus `perRow` for each category. */
	size: { min: number; pad: number; perRow: number };
}

/**
 * A horizontal per-category chart's height and option: the frame (grid, tooltip, both axes) from `f`,
 * the series and legend from `marks`.
 */
export function categoryChart(
	title: string,
	f: CategoryFrame,
	marks: Option
): { height: number; option: Option } {
	return {
		height: Math.max(f.size.min, f.size.pad + f.labels.length * f.size.perRow),
		option: base(title, {
			grid: { left: f.labelWidth, right: 24, top: f.top ?? 36, bottom: 48 },
			tooltip: rowTooltip(f.rows, f.header, f.lines),
			xAxis: { type: 'value', ...axisName(f.valueAxis), nameGap: 28, ...f.valueAxisExtra },
			yAxis: categoryAxis(f.labels, f.labelChars),
			...marks
		})
	};
}

/**
 * A click on the "Other" mark (drawn after the `shown` rows) opens its list; any other mark does what
 * `onRow` says.
 */
export const withOther =
	(shown: number, other: OtherValues | null, onRow: (c: ChartClick) => ChartAction | null) =>
	(c: ChartClick): ChartAction | null =>
		other && c.dataIndex === shown ? { kind: 'other' } : onRow(c);
