/**
 * The SQL that turns the rows DuckDB's reader gives (every column as text) into one table's values,
 * with `_out` (why a row cannot be a record) and the texts the reports show.
 *
 * Most cells need no cleaning: a date that parses as it stands, a label without odd spaces. Each
 * value is first taken as the cell stands, and the costly cleaning (trim, placeholders, white space
 * runs, control characters) runs only where that is not conclusive: a text cell that one regular
 * expression finds odd, a date or number that did not parse. The result is the same as cleaning
 * every cell (values.ts), at about half the cost (100k cases, duckdb-wasm: 1,663 ms -> 893 ms).
 */
import { ident, literal } from '../engine/sql';
import { SQL_TYPE, TABLES, type ColumnDecl } from '../model/tables';
import { CONTROL_CLASS_RE2 } from '../model/visible';
import type { ColumnGuess } from './columns';
import { PLACEHOLDER_VALUES } from './dates';
import { eventKindSql } from './event-kinds';
import type { Mapping } from './mapping';
import { rawColumn } from './read';
import {
	cleanSql,
	isParsed,
	keepsRaw,
	rawName,
	rawWhen,
	valueExpr,
	type DateDecision,
	type ValueCheck
} from './values';

const re2Escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A text cell that cleaning may change: a space at either end or two in a row, a tab, line break or
 * no-break space anywhere, a control character, or a placeholder ("N/A", "-", empty ...). A cell
 * that does not match is its own cleaned text and its own label.
 */
export const ODD_TEXT_RE2 =
	`^ | $|  |[\\t\\r\\n\\x{00A0}]|${CONTROL_CLASS_RE2}|` +
	`^(?i:${PLACEHOLDER_VALUES.map(re2Escape).join('|')})$`;

/** A reason a row cannot be a record; `_out` holds the first that applies (1-based). */
export interface LeaveOut {
	problem: string;
	where: string;
	column?: string;
}

export interface RowParse {
	/** The parse of DuckDB's reader `read`: `_out`, the mapped values, and the kept raw texts. */
	sql: (read: string) => string;
	leaveOut: LeaveOut[];
	/** The columns with a kept raw text (`_raw_<name>`). */
	rawCols: ColumnDecl[];
}

export function rowParse(
	mapping: Mapping,
	guesses: ColumnGuess[],
	dates: DateDecision[],
	checks: ValueCheck[],
	keyCol: string | null
): RowParse {
	const decl = TABLES[mapping.table];
	const mapped = decl.columns.filter((c) => mapping.columns[c.name]);
	const guessOf = (c: ColumnDecl) => guesses.find((g) => g.header === mapping.columns[c.name])!;
	const raw = (c: ColumnDecl) => rawColumn(guessOf(c).index);
	const at = (c: ColumnDecl) => mapped.indexOf(c);
	const valueOf = (c: ColumnDecl, cell: string) =>
		valueExpr(
			c,
			cell,
			dates.find((d) => d.column === c.name),
			Boolean(guessOf(c).decimalComma)
		);

	// Layer 1: whether a text cell is odd (`_o`); a date or number parsed as it stands (`_f`).
	const firstLook = mapped.map((c) =>
		isParsed(c)
			? `${valueOf(c, raw(c))} AS _f${at(c)}`
			: `regexp_matches(${raw(c)}, ${literal(ODD_TEXT_RE2)}) AS _o${at(c)}`
	);
	// Layer 2: the cleaned text (`_c`), cleaned only where the first look was not conclusive. A date
	// or number that parses as it stands parses the same cleaned: strptime and casts skip edge
	// spaces, and no placeholder parses.
	const cleanedText = mapped.map((c) => {
		const needs = isParsed(c) ? `_f${at(c)} IS NULL AND ${raw(c)} IS NOT NULL` : `_o${at(c)}`;
		return `CASE WHEN ${needs} THEN ${cleanSql(raw(c))} ELSE ${raw(c)} END AS _c${at(c)}`;
	});
	// Layer 3: the values. An event's kind is read from its label, lowercased once below it.
	const isKind = (c: ColumnDecl) => mapping.table === 'events' && c.name === 'kind';
	const values = mapped.map((c) => {
		const value = isParsed(c)
			? `coalesce(_f${at(c)}, ${valueOf(c, `_c${at(c)}`)})`
			: `CASE WHEN _o${at(c)} THEN ${valueOf(c, `_c${at(c)}`)} ELSE ${raw(c)} END`;
		return `${value} AS ${isKind(c) ? '_kind_label' : ident(c.name)}`;
	});
	const valued = (read: string) => {
		const looked = `(SELECT *, ${firstLook.join(', ')} FROM ${read})`;
		const cleaned = `(SELECT *, ${cleanedText.join(', ')} FROM ${looked})`;
		const rows = `(SELECT *, ${values.join(', ')} FROM ${cleaned})`;
		return mapped.some(isKind)
			? `(SELECT *, ${eventKindSql('_kind_lower')} AS kind
				FROM (SELECT *, lower(_kind_label) AS _kind_lower FROM ${rows}))`
			: rows;
	};

	const id = decl.columns.find((c) => c.required)!;
	const leaveOut: LeaveOut[] = [
		{ problem: 'blank row', where: mapped.map((c) => `_c${at(c)} IS NULL`).join(' AND ') },
		{
			problem: 'totals or summary row',
			where: `regexp_matches(lower(coalesce(_c${at(id)}, '')),
				'^(grand )?(total|totals|sum|count|subtotal)\\b')`
		},
		...decl.columns
			.filter((c) => c.required)
			.map((c) => ({
				problem: c.kind === 'date' ? `no valid ${c.label.toLowerCase()} date` : `no ${c.label}`,
				where: `${ident(c.name)} IS NULL`,
				column: c.name
			}))
	];
	const out = `CASE ${leaveOut.map((l, i) => `WHEN ${l.where} THEN ${i + 1}`).join(' ')} END::UTINYINT AS _out`;

	// Raw text is kept only where a report shows it (NULL elsewhere costs next to nothing). A date's
	// `_c` is its cell as it stands where it parsed: the text shown is cleaned here.
	const rawCols = mapped.filter((c) => keepsRaw(c, keyCol));
	const raws = rawCols.map((c) => {
		const when = rawWhen(c, checks, `_c${at(c)}`);
		const text = isParsed(c) ? cleanSql(`_c${at(c)}`) : `_c${at(c)}`;
		return `CASE WHEN ${when} THEN ${text} END AS ${rawName(c.name)}`;
	});
	// Every column of the table in its order (unmapped ones empty), so that it can become the table.
	const columns = decl.columns.map((c) =>
		mapping.columns[c.name] ? ident(c.name) : `NULL::${SQL_TYPE[c.kind]} AS ${ident(c.name)}`
	);
	const sql = (read: string) =>
		`SELECT ${[out, ...columns, ...raws].join(', ')} FROM ${valued(read)}`;
	return { sql, leaveOut, rawCols };
}
