/**
 * The shape of a metric entry and of its result. A metric entry is data: the catalogue lists them,
 * the dashboard, the report appendix and docs/metrics.md all read the same entries.
 */
import type { Row } from '../engine/types';
import type { DatasetInfo } from '../model/dataset';
import type { TableName } from '../model/tables';
import type { Polarity } from './polarity';
import type { Scope } from './scope';
import type { ChangeTest } from './significance';
import type { Settings } from './settings';

export type Area =
	'throughput' | 'resolution' | 'goals' | 'caseload' | 'compliance' | 'outcomes' | 'attention';

export const AREAS: { id: Area; title: string }[] = [
	{ id: 'throughput', title: 'Throughput' },
	{ id: 'resolution', title: 'Resolution times' },
	{ id: 'goals', title: 'Goal attainment' },
	{ id: 'caseload', title: 'Caseload balance' },
	{ id: 'compliance', title: 'Compliance gaps' },
	{ id: 'outcomes', title: 'Outcomes and client satisfaction' },
	{ id: 'attention', title: 'Needs attention' }
];

/** What a metric is measured in. Shares are 0..1; days are fractional where the source has times of day. */
export type Unit =
	| 'cases'
	| 'goals'
	| 'deadlines'
	| 'reviews'
	| 'workers'
	| 'ratio'
	| 'share'
	| 'days'
	| 'T score'
	| 'score'
	| 'table';

/** A column a metric reads. */
export interface Need {
	table: TableName;
	column: string;
}

/** The columns most metrics need, named once. */
export const OPENED: Need = { table: 'cases', column: 'opened_at' };
export const CLOSED: Need = { table: 'cases', column: 'closed_at' };
export const CASE_TYPE: Need = { table: 'cases', column: 'case_type' };
export const WORKER: Need = { table: 'cases', column: 'worker' };
export const CASE_DUE: Need = { table: 'cases', column: 'due_at' };
export const FIRST_CONTACT: Need = { table: 'cases', column: 'first_contact_at' };
export const REVIEW_AT: Need = { table: 'cases', column: 'review_at' };
export const EVENT_DUE: Need = { table: 'events', column: 'due_at' };
export const EVENT_DONE: Need = { table: 'events', column: 'done_at' };
export const GOAL_TARGET: Need = { table: 'goals', column: 'target_at' };
export const GOAL_ACHIEVED: Need = { table: 'goals', column: 'achieved_at' };

/** Everything a metric's SQL depends on. */
export interface MetricContext {
	scope: Scope;
	settings: Settings;
	dataset: DatasetInfo;
}

/** A plain value of a result row. */
export type Cell = string | number | boolean | null;
export type ResultRow = Record<string, Cell>;

export interface ScalarResult {
	id: string;
	kind: 'scalar';
	/** The number; null when undefined for this scope (e.g. a rate over nothing) or not available. */
	value: number | null;
	/** How many cases (goals, deadlines, workers ...) the value is computed over. */
	n?: number;
	/** Set instead of a value when the data lacks what the metric needs: "not available: needs ...". */
	unavailable?: string;
	/** Set when the metric's query failed (the message); the value is then null. */
	error?: string;
	/** Further figures behind the value (numerator, breakdowns, the detected scale ...). */
	detail?: Record<string, Cell>;
}

export interface TableResult {
	id: string;
	kind: 'table';
	rows: ResultRow[];
	unavailable?: string;
	error?: string;
	detail?: Record<string, Cell>;
}

export type MetricResult = ScalarResult | TableResult;

/** Which part of a metric's figure a drill-down lists (each metric documents the keys it honours). */
export interface DrillSelection {
	/** A group of a per-group metric: a worker, a case type, a close reason, an age bucket, a tier number as text. */
	group?: string | null;
	/** A month ('YYYY-MM-01') of a monthly series. */
	month?: string;
	/**
	 * A named part of the figure, e.g. 'opened' or 'closed' for the clearance rate, 'missed' or 'met' for
	 * deadlines.
	 */
	part?: string;
}

/** A column of a table result, for documentation and for the dashboard's table alternative. */
export interface ColumnDoc {
	name: string;
	label: string;
	unit?: string;
}

export interface MetricEntry {
	id: string;
	area: Area;
	title: string;
	/** One plain paragraph. */
	definition: string;
	formula: string;
	/** Where the definition comes from (a standard, a measure, a method). */
	source: string;
	/** Columns all of which the metric needs. */
	needs: Need[];
	/** Groups of columns of which the metric needs at least one per group. */
	needsOneOf?: Need[][];
	unit: Unit;
	/** Which way is better: a change's words, arrow and colour follow it (metrics/polarity.ts). */
	polarity: Polarity;
	/**
	 * How a change of the figure between two periods is tested against chance (metrics/significance.ts);
	 * by default from the unit: shares as proportions, counts as Poisson counts, anything else untested.
	 */
	changeTest?: ChangeTest;
	kind: 'scalar' | 'table';
	/** For tables: their columns. */
	columns?: ColumnDoc[];
	/** A further, settings- or data-dependent reason the metric cannot be computed. */
	unavailable?(ctx: MetricContext): string | null;
	/** The SQL whose rows `read` turns into the result. Entries of an area share SQL text; it runs once. */
	sql(ctx: MetricContext): string;
	read(
		rows: Row[],
		ctx: MetricContext
	): Omit<ScalarResult, 'id' | 'kind'> | Omit<TableResult, 'id' | 'kind'>;
	/** The cases (or goals, deadlines ...) behind the number; `case_id` is always a column. */
	drill?(ctx: MetricContext, selection?: DrillSelection): string;
	/** Drill selections this metric understands, for documentation. */
	drillParts?: string[];
}
