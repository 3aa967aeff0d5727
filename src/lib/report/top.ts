/**
 * Categorical tables on paper: the largest values and one "Other (N values)" row, so that a file
 * with thousands of distinct close reasons prints one table, not a hundred pages. The full lists
 * are an appendix the user can ask for.
 */
import { countText } from '../charts/format';
import { topRows } from '../charts/spec';
import type { ResultRow } from '../metrics/types';

/** How many values of a category the report prints before "Other". */
export const TOP_VALUES = 12;

export interface CategoryRule {
	/** The column naming the category (case type, close reason, worker). */
	key: string;
	/** The column that orders the values: the largest are kept. */
	size: string;
	/** Columns that add up across values, so that "Other" can state their sum. */
	additive: string[];
}

/** The report's categorical tables and how each is cut. */
export const CATEGORY_TABLES: Record<string, CategoryRule> = {
	outcome_mix: { key: 'close_reason', size: 'n', additive: ['n', 'share'] },
	days_to_close_by_type: { key: 'case_type', size: 'n', additive: ['n'] },
	km_median_by_type: { key: 'case_type', size: 'n', additive: ['n', 'events'] },
	goal_attainment_by_worker: { key: 'worker', size: 'due', additive: ['due', 'met', 'gas_n'] },
	utilisation_by_worker: { key: 'worker', size: 'active', additive: ['active', 'capacity'] }
};

const size = (row: ResultRow, column: string): number => {
	const v = row[column];
	return typeof v === 'number' && Number.isFinite(v) ? v : 0;
};

export interface TopCut {
	/** The largest values, in the table's own order. */
	kept: ResultRow[];
	/** The rest added up (additive columns; others empty), or null when nothing was cut. */
	other: ResultRow | null;
	/** How many values "Other" holds. */
	otherCount: number;
}

/** "Other (1 value)", "Other (4,988 values)". */
export function otherLabel(count: number): string {
	return `Other (${countText(count, 'value')})`;
}

/**
 * The `limit` largest rows by the rule's size column (ties keep the table's order) and the rest as
 * one row. A table with at most `limit + 1` rows is kept whole: "Other (1 value)" saves nothing.
 */
export function cutTop(rows: readonly ResultRow[], rule: CategoryRule, limit = TOP_VALUES): TopCut {
	if (rows.length <= limit + 1) return { kept: [...rows], other: null, otherCount: 0 };
	// The charts' own ranking (largest first, ties keep the table's order); the report adds the sums.
	const { shown, rest } = topRows([...rows], (r) => size(r, rule.size), limit);
	const other: ResultRow = {};
	for (const column of Object.keys(rows[0])) other[column] = null;
	for (const column of rule.additive) other[column] = rest.reduce((s, r) => s + size(r, column), 0);
	other[rule.key] = otherLabel(rest.length);
	return { kept: shown, other, otherCount: rest.length };
}
