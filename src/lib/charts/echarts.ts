/**
 * ECharts, module by module: only the chart types, components and the SVG renderer the dashboard
 * uses are bundled (not the whole library). The SVG renderer draws crisp charts that print and
 * export as SVG; the canvas renderer is registered too, for PNG export.
 */
import { init, use, type EChartsType } from 'echarts/core';
import { BarChart, BoxplotChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import {
	AriaComponent,
	GridComponent,
	LegendComponent,
	MarkLineComponent,
	TitleComponent,
	TooltipComponent,
	VisualMapComponent
} from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

use([
	BarChart,
	BoxplotChart,
	HeatmapChart,
	LineChart,
	ScatterChart,
	AriaComponent,
	GridComponent,
	LegendComponent,
	MarkLineComponent,
	TitleComponent,
	TooltipComponent,
	VisualMapComponent,
	CanvasRenderer,
	SVGRenderer
]);

export { init };
export type { EChartsType };
