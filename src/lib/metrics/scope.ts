/**
 * The scope every metric takes: an as-of moment, a period of whole days and filters on cases.
 */
import { ident, literal } from '../engine/sql';
import type { Engine } from '../engine/types';
import { hasColumn, hasTime, type DatasetInfo } from '../model/dataset';

export interface Filters {
	office: (string | null)[];
	case_type: (string | null)[];
	worker: (string | null)[];
	priority: (string | null)[];
	status: (string | null)[];
}

export interface Scope {
	/**
	 * The moment the figures describe: 'YYYY-MM-DD' (a whole day: everything dated that day has
	 * happened) or 'YYYY-MM-DD hh:mm:ss' (an instant, compared with columns that have a time of day).
	 */
	asOf: string;
	/** First day of the period, inclusive ('YYYY-MM-DD'). */
	from: string;
	/** Last day of the period, inclusive ('YYYY-MM-DD'). */
	to: string;
	/** Each filter: empty = everything; `null` in a list matches cases where the column is blank. */
	filters: Filters;
}

export const NO_FILTERS: Filters = {
	office: [],
	case_type: [],
	worker: [],
	priority: [],
	status: []
};

export function emptyFilters(): Filters {
	return { office: [], case_type: [], worker: [], priority: [], status: [] };
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TS_RE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?$/;

export function isIsoDate(value: unknown): value is string {
	if (typeof value !== 'string') return false;
	const m = DATE_RE.exec(value);
	if (!m) return false;
	const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
	return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

export function isIsoTimestamp(value: unknown): value is string {
	if (typeof value !== 'string') return false;
	const m = TS_RE.exec(value);
	if (!m) return false;
	return isIsoDate(`${m[1]}-${m[2]}-${m[3]}`) && +m[4] < 24 && +m[5] < 60 && +m[6] < 60;
}

/** 'YYYY-MM-DD' plus n days. */
export function addDays(date: string, n: number): string {
	const [y, m, d] = date.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD' plus n months, the day clamped to the month's length. */
export function addMonths(date: string, n: number): string {
	const [y, m, d] = date.split('-').map(Number);
	const first = new Date(Date.UTC(y, m - 1 + n, 1));
	const days = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
	return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, days)))
		.toISOString()
		.slice(0, 10);
}

/** The date part of an as-of value. */
export function asOfDate(asOf: string): string {
	return asOf.slice(0, 10);
}

/** The period of `months` months ending on `date` inclusive (12 months ending 2026-09-30: 2025-10-01..2026-09-30). */
export function periodEnding(date: string, months = 12): { from: string; to: string } {
	return { from: addDays(addMonths(date, -months), 1), to: date };
}

/** The period of the same length just before `scope`'s, for comparisons. */
export function previousPeriod(scope: Scope): Scope {
	const days = Math.round((Date.parse(scope.to) - Date.parse(scope.from)) / 86_400_000) + 1;
	const to = addDays(scope.from, -1);
	return { ...scope, from: addDays(to, -(days - 1)), to, asOf: to };
}

/** The same period a year earlier. */
export function yearEarlier(scope: Scope): Scope {
	const asOf = isIsoTimestamp(scope.asOf)
		? `${addMonths(asOfDate(scope.asOf), -12)}${scope.asOf.slice(10)}`
		: addMonths(scope.asOf, -12);
	return { ...scope, from: addMonths(scope.from, -12), to: addMonths(scope.to, -12), asOf };
}

/** Problems with a scope, in words; empty when it is valid. */
export function validateScope(scope: Scope): string[] {
	const errors: string[] = [];
	if (!isIsoDate(scope.asOf) && !isIsoTimestamp(scope.asOf))
		errors.push(
			`as-of must be YYYY-MM-DD or YYYY-MM-DD hh:mm:ss, got ${JSON.stringify(scope.asOf)}`
		);
	if (!isIsoDate(scope.from))
		errors.push(`from must be YYYY-MM-DD, got ${JSON.stringify(scope.from)}`);
	if (!isIsoDate(scope.to)) errors.push(`to must be YYYY-MM-DD, got ${JSON.stringify(scope.to)}`);
	if (isIsoDate(scope.from) && isIsoDate(scope.to) && scope.from > scope.to)
		errors.push(`the period starts (${scope.from}) after it ends (${scope.to})`);
	for (const key of Object.keys(NO_FILTERS) as (keyof Filters)[]) {
		const values = scope.filters?.[key];
		if (!Array.isArray(values) || values.some((v) => v !== null && typeof v !== 'string'))
			errors.push(`filter ${key} must be a list of text values`);
	}
	return errors;
}

/**
 * The latest opened or closed moment in the data, at the precision of the column it came from; null when there
 * are no cases.
 */
export async function latestMoment(engine: Engine, dataset: DatasetInfo): Promise<string | null> {
	const closed = hasColumn(dataset, 'cases', 'closed_at');
	const rows = await engine.query<{ o: string | null; c: string | null }>(
		`SELECT max(opened_at) AS o, ${closed ? 'max(closed_at)' : 'NULL::TIMESTAMP'} AS c FROM cases`
	);
	const { o, c } = rows[0] ?? { o: null, c: null };
	if (o === null && c === null) return null;
	const useClosed = c !== null && (o === null || c > o);
	const value = (useClosed ? c : o) as string;
	const withTime = hasTime(dataset, 'cases', useClosed ? 'closed_at' : 'opened_at');
	return withTime ? value : value.slice(0, 10);
}

/** A filter column's values in the data with their case counts (the 500 most common), for the filter controls. */
export interface FilterValue {
	value: string | null;
	n: number;
}

export async function filterValues<C extends string>(
	engine: Engine,
	columns: readonly C[]
): Promise<Partial<Record<C, FilterValue[]>>> {
	if (columns.length === 0) return {};
	const sql = columns
		.map(
			(c) =>
				`(SELECT ${literal(c)} AS dim, ${ident(c)} AS value, count(*)::INTEGER AS n FROM cases GROUP BY ALL
					ORDER BY n DESC, value LIMIT 500)`
		)
		.join(' UNION ALL ');
	const out: Partial<Record<C, FilterValue[]>> = {};
	for (const r of await engine.query<{ dim: C; value: string | null; n: number }>(sql))
		(out[r.dim] ??= []).push({ value: r.value, n: r.n });
	for (const c of columns) out[c]?.sort((a, b) => (a.value ?? '').localeCompare(b.value ?? ''));
	return out;
}

/**
 * The default scope: as of the latest opened or closed moment in the data, over the 12 months
 * ending on that date, no filters. With no cases at all, as of `today` (UTC, from JavaScript).
 */
export async function defaultScope(
	engine: Engine,
	dataset: DatasetInfo,
	today: string = new Date().toISOString().slice(0, 10)
): Promise<Scope> {
	const asOf = (await latestMoment(engine, dataset)) ?? today;
	return { asOf, ...periodEnding(asOfDate(asOf)), filters: emptyFilters() };
}
