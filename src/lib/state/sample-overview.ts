/**
 * The bundled sample's overview at its default view (no filters, the default period and settings),
 * computed when the app is built, by the same import and metric code in Node
 * (scripts/sample-build.ts). On a first visit the overview shows it while the database starts;
 * once the sample is in the database it stands as the engine's answer for that one view, which is
 * then not computed again. The browser tests hold it equal to the engine's figures.
 */
import type { OverviewId } from '../metrics/overview';
import type { MetricResult } from '../metrics/types';

export interface SampleOverview {
	/** The scope it is for (JSON, as `dashboard.scope`). */
	scope: string;
	/** The settings it was computed with (JSON): the defaults. */
	settings: string;
	now: Record<OverviewId, MetricResult>;
	prev: Record<OverviewId, MetricResult>;
	year: Record<OverviewId, MetricResult>;
	/** Each figure for each of the 12 months (the sparklines). */
	series: Record<OverviewId, (number | null)[]>;
}
