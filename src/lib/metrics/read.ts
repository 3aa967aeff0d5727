/** Helpers for turning query rows into results, and for drill queries. */
import type { Row } from '../engine/types';
import { columnLabel, hasColumn, nearEmptyText } from '../model/dataset';
import type { TableName } from '../model/tables';
import { asOfMoment, caseMoments, cmp, daysBetween, scopedCte } from './sql';
import type { Cell, MetricContext, Need, ResultRow } from './types';

/** A number cell, or null. */
export function numOrNull(value: unknown): number | null {
	if (value === null || value === undefined) return null;
	const n = typeof value === 'number' ? value : Number(value);
	return Number.isFinite(n) ? n : null;
}

/** A count cell (0 when missing). */
export function count(value: unknown): number {
	return numOrNull(value) ?? 0;
}

/** Rows as plain result rows (numbers, text, booleans, null), only the named columns. */
export function plainRows(rows: Row[], columns: string[]): ResultRow[] {
	return rows.map((r) => {
		const out: ResultRow = {};
		for (const c of columns) {
			const v = r[c];
			out[c] = v === undefined ? null : typeof v === 'bigint' ? Number(v) : (v as Cell);
		}
		return out;
	});
}

/** SQL for a case's days open: to its closing when closed by the as-of moment, else to the as-of moment. */
export function daysOpenSql(ctx: MetricContext, alias?: string): string {
	const c = caseMoments(ctx.dataset, alias);
	const asOf = asOfMoment(ctx.scope);
	return `CASE WHEN ${c.closed.sql} IS NOT NULL AND ${cmp(c.closed, '<=', asOf)} THEN
		${daysBetween(c.opened, c.closed)} ELSE ${daysBetween(c.opened, asOf)} END`;
}

export const CASE_DRILL_COLUMNS = [
	'case_id',
	'opened_at',
	'closed_at',
	'case_type',
	'worker',
	'office',
	'priority',
	'status'
];

/** The standard drill-down list over `scoped`: the case columns, days open, and `extra` columns. */
export function caseDrillSql(
	ctx: MetricContext,
	where: string,
	extra: string[] = [],
	order = 'opened_at, case_id'
): string {
	return `WITH ${scopedCte(ctx)}
SELECT ${CASE_DRILL_COLUMNS.join(', ')}, ${daysOpenSql(ctx)} AS days_open${extra.length ? ', ' + extra.join(', ') : ''}
FROM scoped WHERE ${where} ORDER BY ${order}`;
}

/** A column's label for messages, prefixed by its table unless it is a case column. */
export function needLabel(table: TableName, column: string): string {
	const prefix = table === 'cases' ? '' : `${table[0].toUpperCase()}${table.slice(1)}: `;
	return `${prefix}${columnLabel(table, column)}`;
}

/** Columns a metric reads when they are loaded (besides its needs): a mostly empty one makes it unavailable. */
export const OPTIONAL_INPUTS: Record<string, Need[]> = {
	stale_cases: [{ table: 'cases', column: 'last_activity_at' }],
	attention_stale: [{ table: 'cases', column: 'last_activity_at' }]
};

/**
 * "not available: needs X, Y" for the needed columns the data lacks (and groups with none present), or
 * "not available: Last activity is empty in 10,000 of 10,000 rows" where a needed or optional column is
 * loaded but mostly empty; null when the metric can be computed.
 */
export function missingMessage(
	ctx: MetricContext,
	needs: Need[],
	needsOneOf: Need[][] = [],
	optional: Need[] = []
): string | null {
	const missing: string[] = [];
	const empty = new Set<string>();
	const emptyText = (n: Need) => nearEmptyText(ctx.dataset, n.table, n.column);
	for (const n of needs) {
		if (hasColumn(ctx.dataset, n.table, n.column)) continue;
		const text = emptyText(n);
		if (text) empty.add(text);
		else missing.push(needLabel(n.table, n.column));
	}
	for (const group of needsOneOf) {
		if (group.some((n) => hasColumn(ctx.dataset, n.table, n.column))) continue;
		const texts = group.map(emptyText).filter((t): t is string => t !== null);
		if (texts.length) texts.forEach((t) => empty.add(t));
		else missing.push(group.map((n) => needLabel(n.table, n.column)).join(' or '));
	}
	for (const n of optional) {
		const text = emptyText(n);
		if (text) empty.add(text);
	}
	const parts = [missing.length ? `needs ${missing.join(', ')}` : '', ...empty].filter(Boolean);
	return parts.length ? `not available: ${parts.join('; ')}` : null;
}
