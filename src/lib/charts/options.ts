/**
 * Chart option builders: pure functions from metric results (plain rows) to an ECharts option, the
 * table that is the chart's accessible alternative (and its CSV), and what a click on a mark means
 * (a cross-filter on a dimension, or a drill-down to the cases behind the mark).
 *
 * Every builder sets a title, axis names with units, `aria` and a tooltip whose formatter escapes
 * every value (ECharts renders tooltips as HTML; worker names and case types are data).
 */
export {
	BLANK_LABEL,
	tooltipHtml,
	type ChartAction,
	type ChartClick,
	type ChartSpec,
	type ChartTable,
	type Option,
	type TableColumn
} from './spec';
export { outcomeMix, throughputMonthly } from './throughput';
export { CENSOR_SYMBOL, ageBuckets, closeByType, kmCurves } from './resolution';
export { caseloadByWorker, caseloadHeatmap } from './caseload';
export { goalsByWorker } from './goals';
export { complianceMonthly } from './compliance';
export { sparklinePaths } from './sparkline';
