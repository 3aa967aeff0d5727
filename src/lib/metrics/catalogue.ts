/**
 * The catalogue: every metric entry, in the order the documentation and the report appendix list
 * them. The dashboard, the report and docs/metrics.md read these entries; a definition lives here once.
 */
import { ATTENTION } from './attention';
import { CASELOAD } from './caseload';
import { COMPLIANCE } from './compliance';
import { GOALS } from './goals';
import { OUTCOMES } from './outcomes';
import { RESOLUTION } from './resolution';
import { THROUGHPUT } from './throughput';
import type { Area, MetricEntry } from './types';

export const CATALOGUE: readonly MetricEntry[] = [
	...THROUGHPUT,
	...RESOLUTION,
	...GOALS,
	...CASELOAD,
	...COMPLIANCE,
	...OUTCOMES,
	...ATTENTION
];

const BY_ID = new Map(CATALOGUE.map((e) => [e.id, e]));
if (BY_ID.size !== CATALOGUE.length) throw new Error('metric ids must be unique');

export function metricEntry(id: string): MetricEntry {
	const entry = BY_ID.get(id);
	if (!entry) throw new Error(`no metric "${id}"`);
	return entry;
}

export function hasMetric(id: string): boolean {
	return BY_ID.has(id);
}

export function areaEntries(area: Area): MetricEntry[] {
	return CATALOGUE.filter((e) => e.area === area);
}

/** The headline figures of the overview page, in tile order. */
export const OVERVIEW_IDS = [
	'clearance_rate',
	'days_to_close_median',
	'km_median_days',
	'backlog_share',
	'goals_met_rate',
	'gas_t_mean',
	'caseload_cv',
	'over_capacity_workers',
	'first_contact_on_time',
	'deadlines_met_rate',
	'stale_cases'
] as const;
