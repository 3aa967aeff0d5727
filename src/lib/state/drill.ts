/**
 * The drill-down list at the SQL level: the metric's drill query (from the metric module), searched,
 * sorted and cut into pages with LIMIT/OFFSET, so 100,000+ rows never reach the page at once.
 */
import type { Engine, Row } from '../engine/types';
import { ident, literal } from '../engine/sql';

export interface DrillView {
	search?: string;
	sort?: string | null;
	dir?: 'asc' | 'desc';
	limit: number;
	offset: number;
}

/** The columns of a query's result, in order. */
export async function queryColumns(engine: Engine, sql: string): Promise<string[]> {
	const rows = await engine.query<{ column_name: string }>(`DESCRIBE ${sql}`);
	return rows.map((r) => r.column_name);
}

/** `%text%` for ILIKE, with the pattern characters of the text escaped. */
export function likePattern(text: string): string {
	return `%${text.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
}

/** The WHERE condition of a search over every column (as text), or TRUE. */
export function searchWhere(columns: string[], search: string | undefined): string {
	const q = (search ?? '').trim();
	if (!q || columns.length === 0) return 'TRUE';
	const text = columns.map((c) => `CAST(${ident(c)} AS VARCHAR)`).join(', ');
	return `concat_ws(' ', ${text}) ILIKE ${literal(likePattern(q))} ESCAPE '\\'`;
}

/** The view's SQL (without LIMIT): searched and sorted, the drill query's own order otherwise. */
export function viewSql(
	sql: string,
	columns: string[],
	view: Omit<DrillView, 'limit' | 'offset'>
): string {
	const sort =
		view.sort && columns.includes(view.sort)
			? `${ident(view.sort)} ${view.dir === 'desc' ? 'DESC' : 'ASC'} NULLS LAST, `
			: '';
	// row_number keeps the drill query's order as the tie-break (and as the order when unsorted).
	return `SELECT * EXCLUDE (__n) FROM (SELECT *, row_number() OVER () AS __n FROM (${sql}))
		WHERE ${searchWhere(columns, view.search)} ORDER BY ${sort}__n`;
}

export async function drillPage(
	engine: Engine,
	sql: string,
	columns: string[],
	view: DrillView
): Promise<{ rows: Row[]; total: number }> {
	const base = viewSql(sql, columns, view);
	const limit = Math.max(1, Math.floor(view.limit));
	const offset = Math.max(0, Math.floor(view.offset));
	const [count] = await engine.query<{ n: number }>(
		`SELECT count(*)::INTEGER AS n FROM (${sql}) WHERE ${searchWhere(columns, view.search)}`
	);
	const rows = await engine.query(`${base} LIMIT ${limit} OFFSET ${offset}`);
	return { rows, total: Number(count?.n ?? 0) };
}

/** Every row of the view, for the CSV export. */
export function drillAll(
	engine: Engine,
	sql: string,
	columns: string[],
	view: Omit<DrillView, 'limit' | 'offset'>
): Promise<Row[]> {
	return engine.query(viewSql(sql, columns, view));
}
