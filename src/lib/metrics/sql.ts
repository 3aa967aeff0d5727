/**
 * SQL building blocks shared by every metric. Every value that comes from a user (filters, dates,
 * settings) reaches SQL through one of the quoting functions below, never by concatenation.
 */
import { ident, literal } from '../engine/sql';
import { hasTime, type DatasetInfo } from '../model/dataset';
import type { TableName } from '../model/tables';
import type { Scope } from './scope';
import { addDays, isIsoDate, isIsoTimestamp } from './scope';

/** A finite number as a SQL DOUBLE literal. */
export function num(value: number): string {
	if (typeof value !== 'number' || !Number.isFinite(value))
		throw new Error(`not a finite number: ${String(value)}`);
	// Exponent form keeps the exact double value; DuckDB reads it as DOUBLE.
	return `${value.toExponential()}::DOUBLE`;
}

/** A calendar date as a TIMESTAMP literal at midnight. */
export function dateLit(date: string): string {
	if (!isIsoDate(date)) throw new Error(`not a date (YYYY-MM-DD): ${date}`);
	return `TIMESTAMP '${date} 00:00:00'`;
}

/** A date or timestamp as a TIMESTAMP literal. */
export function timestampLit(value: string): string {
	if (isIsoDate(value)) return dateLit(value);
	if (!isIsoTimestamp(value)) throw new Error(`not a timestamp (YYYY-MM-DD hh:mm:ss): ${value}`);
	return `TIMESTAMP '${value}'`;
}

/** `expr IN (...)` for filter values; `null` in the list matches SQL NULL. */
export function inList(expr: string, values: readonly (string | null)[]): string {
	const texts = values.filter((v): v is string => v !== null);
	const parts: string[] = [];
	if (texts.length > 0) parts.push(`${expr} IN (${texts.map((t) => literal(t)).join(', ')})`);
	if (texts.length < values.length) parts.push(`${expr} IS NULL`);
	if (parts.length === 0) return 'FALSE';
	return parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`;
}

/**
 * A point in time as SQL, with its precision: `hasTime` is false for values that came from a
 * date-only source (stored at midnight). Comparisons and durations between two moments happen at
 * the coarser precision of the two.
 */
export interface Moment {
	sql: string;
	hasTime: boolean;
	/** For a constant (the as-of moment): its calendar day, so that day-precision comparisons need no cast per row. */
	day?: string;
}

/** A column of a canonical table as a moment, with the precision the import recorded. */
export function columnMoment(
	dataset: DatasetInfo,
	table: TableName,
	column: string,
	alias?: string
): Moment {
	return {
		sql: alias ? `${alias}.${ident(column)}` : ident(column),
		hasTime: hasTime(dataset, table, column)
	};
}

/** The as-of moment of a scope: a timestamp when given with a time of day, else the date. */
export function asOfMoment(scope: Scope): Moment {
	return {
		sql: timestampLit(scope.asOf),
		hasTime: isIsoTimestamp(scope.asOf),
		day: scope.asOf.slice(0, 10)
	};
}

const FLIP = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=' } as const;

/** Compares two moments at the coarser precision of the two. */
export function cmp(a: Moment, op: '<' | '<=' | '>' | '>=' | '=', b: Moment): string {
	if (a.hasTime && b.hasTime) return `(${a.sql} ${op} ${b.sql})`;
	if (b.day !== undefined && a.day === undefined) {
		// x::DATE <= D is x < D + 1 day, and so on: a range on the stored timestamp, no cast per row.
		const d = dateLit(b.day);
		const next = dateLit(addDays(b.day, 1));
		switch (op) {
			case '<=':
				return `(${a.sql} < ${next})`;
			case '<':
				return `(${a.sql} < ${d})`;
			case '>':
				return `(${a.sql} >= ${next})`;
			case '>=':
				return `(${a.sql} >= ${d})`;
			case '=':
				return `(${a.sql} >= ${d} AND ${a.sql} < ${next})`;
		}
	}
	if (a.day !== undefined && b.day === undefined) return cmp(b, FLIP[op], a);
	return `(${a.sql}::DATE ${op} ${b.sql}::DATE)`;
}

/**
 * Days from `a` to `b`: fractional (seconds / 86,400) when both have a time of day, else whole
 * calendar days. Always DOUBLE.
 */
export function daysBetween(a: Moment, b: Moment): string {
	if (a.hasTime && b.hasTime) return `((epoch_us(${b.sql}) - epoch_us(${a.sql})) / 86400000000.0)`;
	return `date_diff('day', ${a.sql}::DATE, ${b.sql}::DATE)::DOUBLE`;
}

/**
 * Kaplan-Meier's censored time of a case still open at the as-of moment: days from its opening to
 * the end of observation, at the precision of the durations it is compared with. With times of day
 * on opened_at and closed_at (fractional durations) observation ends at the as-of instant, or, for a
 * date-only as-of, at the end of the as-of day (midnight after it: everything dated that day has
 * happened). Otherwise durations are whole days and the time is the whole days from the opening date
 * to the as-of date: a case not closed on the as-of day is still at risk at that day count.
 */
export function censoredDays(opened: Moment, closed: Moment, scope: Scope): string {
	const asOf = asOfMoment(scope);
	if (!opened.hasTime || !closed.hasTime) return daysBetween({ ...opened, hasTime: false }, asOf);
	const end = asOf.hasTime ? asOf : { sql: dateLit(addDays(scope.asOf, 1)), hasTime: true };
	return daysBetween(opened, end);
}

/** `expr` falls on a day of the scope's period (from..to inclusive, whole days). */
export function inPeriod(expr: string, scope: Scope): string {
	return `(${expr} >= ${dateLit(scope.from)} AND ${expr} < ${dateLit(addDays(scope.to, 1))})`;
}

/** The first instant after the period (midnight after `to`). */
export function periodEnd(scope: Scope): string {
	return dateLit(addDays(scope.to, 1));
}

export function periodStart(scope: Scope): string {
	return dateLit(scope.from);
}

/** The first day of each month the period touches, as a one-column (`month` DATE) relation. */
export function monthsSql(scope: Scope): string {
	const first = `${scope.from.slice(0, 7)}-01`;
	const last = `${scope.to.slice(0, 7)}-01`;
	return `SELECT unnest(generate_series(DATE '${first}', DATE '${last}', INTERVAL 1 MONTH))::DATE AS month`;
}

/** `column` is a drill-down's chosen group: the value, NULL for the blank group; TRUE when none is chosen. */
export function groupIs(column: string, group: string | null | undefined): string {
	if (group === undefined) return 'TRUE';
	return group === null ? `${column} IS NULL` : `${column} = ${literal(group)}`;
}

/** The canonical filter columns of cases. */
export const FILTER_COLUMNS = ['office', 'case_type', 'worker', 'priority', 'status'] as const;
export type FilterColumn = (typeof FILTER_COLUMNS)[number];

/** The WHERE conditions of the scope's filters on `cases` (TRUE when there are none). */
export function filterWhere(scope: Scope, alias?: string): string {
	const parts: string[] = [];
	for (const column of FILTER_COLUMNS) {
		const values = scope.filters[column];
		if (values && values.length > 0)
			parts.push(inList(alias ? `${alias}.${ident(column)}` : ident(column), values));
	}
	return parts.length ? parts.join(' AND ') : 'TRUE';
}

/**
 * The `scoped` CTE: the cases that pass the scope's filters, as they were known at the as-of moment.
 * - A case opened after the as-of moment is left out: nothing about it was known.
 * - A closing after the as-of moment had not happened: `closed_at` is NULL, so every metric counts
 *   the case as open (its close reason, satisfaction and duration are not read).
 * - `closed_at` is clamped to `opened_at` where a case was recorded as closed before it was opened
 *   (the import reports those; here they count as closed the moment they were opened, so durations
 *   are never negative and pending_end = pending_start + opened - closed holds).
 * NOT MATERIALIZED: a CTE used twice would otherwise be copied whole, every column of every case,
 * before each query.
 */
export function scopedCte(ctx: { scope: Scope; dataset: DatasetInfo }): string {
	const { scope, dataset } = ctx;
	const asOf = asOfMoment(scope);
	const c = caseMoments(dataset);
	const closed = `CASE WHEN closed_at < opened_at THEN opened_at WHEN ${cmp(c.closed, '<=', asOf)} THEN closed_at
		END`;
	return `scoped AS NOT MATERIALIZED (SELECT * REPLACE (${closed} AS closed_at)
		FROM cases WHERE opened_at IS NOT NULL AND ${cmp(c.opened, '<=', asOf)} AND ${filterWhere(scope)})`;
}

/** The moments of the cases table's date columns, inside a query over `scoped` (or `cases`). */
export function caseMoments(dataset: DatasetInfo, alias?: string) {
	const m = (c: string) => columnMoment(dataset, 'cases', c, alias);
	return {
		opened: m('opened_at'),
		closed: m('closed_at'),
		intake: m('intake_at'),
		firstContact: m('first_contact_at'),
		due: m('due_at'),
		lastActivity: m('last_activity_at')
	};
}

/** Condition: the case (columns of `scoped`) is open at the as-of moment. */
export function openAtAsOf(dataset: DatasetInfo, scope: Scope, alias?: string): string {
	const c = caseMoments(dataset, alias);
	const asOf = asOfMoment(scope);
	return `(${cmp(c.opened, '<=', asOf)} AND (${c.closed.sql} IS NULL OR ${cmp(c.closed, '>', asOf)}))`;
}

/** Condition: the case was open at some time in the period, or is open at the as-of moment. */
export function activeInScope(dataset: DatasetInfo, scope: Scope, alias?: string): string {
	const p = alias ? `${alias}.` : '';
	return (
		`((${p}opened_at < ${periodEnd(scope)} AND (${p}closed_at IS NULL OR ${p}closed_at >= ` +
		`${periodStart(scope)})) OR ${openAtAsOf(dataset, scope, alias)})`
	);
}
