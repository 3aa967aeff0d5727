/**
 * How each value of a file becomes a canonical value, in SQL: white space trimmed, placeholders
 * ("N/A", "-") as NULL, labels spelled one way, dates parsed in the decided formats, numbers with a
 * decimal comma; and the checks that flag a kept row's odd values (a future opening date ...).
 */
import { ident, literal } from '../engine/sql';
import type { ColumnInfo } from '../model/dataset';
import { TABLES, type ColumnDecl } from '../model/tables';
import { CONTROL_CLASS_RE2 } from '../model/visible';
import { describeFormat, ISO, PLACEHOLDER_VALUES, withOrder, type DateOrder } from './dates';
import type { Issue } from './build';
import type { ColumnGuess } from './columns';
import type { Mapping } from './mapping';
import { DAY_FIRST_LANGUAGES, LANGUAGE_NAMES } from './synonyms-intl';

/** A date column's decision, shown to the user. */
export interface DateDecision {
	column: string;
	header: string;
	formats: string[];
	described: string[];
	hasTime: boolean;
	order?: DateOrder;
	/** The values could not tell the order and the user has not said: the default was used. */
	orderAmbiguous: boolean;
	orderReason?: string;
	parsed: number;
	present: number;
}

const SPACE_CHARS = [' ', '\t', '\r', '\n', '\u00a0'];
const SPACES = literal(SPACE_CHARS.join(''));

/**
 * A raw cell without surrounding white space, with placeholders ("N/A", "-" ...) and empty text as
 * NULL. It costs several times a plain copy in DuckDB-wasm: row-parse.ts runs it only on the cells
 * it may change.
 */
export function cleanSql(raw: string): string {
	const trimmed = `trim(${raw}, ${SPACES})`;
	// list_contains, not IN: DuckDB turns a long IN list into a join that computes its left side for
	// every row, even inside a CASE branch that no row takes.
	return `(CASE WHEN list_contains([${PLACEHOLDER_VALUES.map(literal).join(', ')}], lower(${trimmed}))
		THEN NULL ELSE ${trimmed} END)`;
}

/** A cleaned label with runs of white space made one space; the regular expression runs only where needed. */
export function labelSql(clean: string): string {
	const odd = ['  ', '\t', '\r', '\n', '\u00a0']
		.map((w) => `contains(${clean}, ${literal(w)})`)
		.join(' OR ');
	return `(CASE WHEN ${odd} THEN regexp_replace(${clean}, '\\s+', ' ', 'g') ELSE ${clean} END)`;
}

/** SQL that parses a cleaned text expression with a list of date formats. */
export function parseDateSql(expr: string, formats: string[]): string {
	const attempts = formats.map((f) =>
		f === ISO ? `TRY_CAST(${expr} AS TIMESTAMP)` : `try_strptime(${expr}, ${literal(f)})::TIMESTAMP`
	);
	return attempts.length === 1 ? attempts[0] : `coalesce(${attempts.join(', ')})`;
}

/** Why numeric dates are read day first when the headers are in a language whose exports write them so. */
export function languageOrder(mapping: Mapping): string | undefined {
	const { language } = mapping;
	if (!language || !DAY_FIRST_LANGUAGES.includes(language)) return undefined;
	return `the headers are ${LANGUAGE_NAMES[language]}, and ${LANGUAGE_NAMES[language]} exports write the day first`;
}

/** Each mapped date column's formats, with the user's answer where the values could not tell the order. */
export function decideDates(guesses: ColumnGuess[], mapping: Mapping): DateDecision[] {
	const decisions: DateDecision[] = [];
	for (const col of TABLES[mapping.table].columns) {
		const header = mapping.columns[col.name];
		if (col.kind !== 'date' || !header) continue;
		const guess = guesses.find((g) => g.header === header)!;
		if (!guess.date) {
			decisions.push({
				column: col.name,
				header,
				formats: [ISO],
				described: [describeFormat(ISO)],
				hasTime: false,
				orderAmbiguous: false,
				parsed: 0,
				present: 0
			});
			continue;
		}
		let { formats, order, orderAmbiguous, orderReason } = guess.date;
		if (orderAmbiguous && mapping.dateOrder) {
			[order, orderAmbiguous, orderReason] = [mapping.dateOrder, false, 'chosen by you'];
		} else if (orderAmbiguous && languageOrder(mapping)) {
			[order, orderAmbiguous, orderReason] = ['day-first', false, languageOrder(mapping)];
		}
		if (order) formats = withOrder(formats, order);
		decisions.push({
			column: col.name,
			header,
			formats,
			described: formats.map(describeFormat),
			hasTime: guess.date.hasTime,
			order,
			orderAmbiguous,
			orderReason,
			parsed: 0,
			present: 0
		});
	}
	return decisions;
}

/** What the dataset records of each mapped column: its source header, and for dates their formats and time of day. */
export function columnInfos(mapping: Mapping, dates: DateDecision[]): Record<string, ColumnInfo> {
	const columns: Record<string, ColumnInfo> = {};
	for (const c of TABLES[mapping.table].columns) {
		const source = mapping.columns[c.name];
		if (!source) continue;
		const d = dates.find((x) => x.column === c.name);
		columns[c.name] = d ? { source, hasTime: d.hasTime, formats: d.formats } : { source };
	}
	return columns;
}

/** A column whose value is parsed from its text (a date or a number), not the text itself. */
export function isParsed(c: ColumnDecl): boolean {
	return c.kind === 'date' || c.kind === 'number';
}

/** The SQL expression that turns a cleaned raw value into a canonical value. */
export function valueExpr(
	col: ColumnDecl,
	clean: string,
	decision: DateDecision | undefined,
	decimalComma: boolean
): string {
	switch (col.kind) {
		case 'date':
			return parseDateSql(clean, decision!.formats);
		case 'number':
			// 1.234,5 and 1 234,5: the grouping goes, then the comma becomes a point.
			return decimalComma
				? `TRY_CAST(replace(regexp_replace(${clean}, '[. \u00a0]', '', 'g'), ',', '.') AS DOUBLE)`
				: `TRY_CAST(${clean} AS DOUBLE)`;
		case 'category':
			return visibleSql(labelSql(clean));
		default:
			return visibleSql(clean);
	}
}

/**
 * Text with its control characters shown as their code ("Ann[U+202E]yrrab", see model/visible.ts): a
 * right-to-left override in a worker's name must not reverse it on any screen, report or export. The
 * per-character rewrite runs only on the rare values that hold one.
 */
export function visibleSql(text: string): string {
	const code = `'[U+' || upper(lpad(to_hex(unicode(ch)), 4, '0')) || ']'`;
	return `(CASE WHEN regexp_matches(${text}, ${literal(CONTROL_CLASS_RE2)})
		THEN array_to_string(list_transform(string_split(${text}, ''),
			ch -> CASE WHEN regexp_matches(ch, ${literal(CONTROL_CLASS_RE2)}) THEN ${code} ELSE ch END), '')
		ELSE ${text} END)`;
}

/** Dates that cannot lie in the future (due and target dates can). */
const PAST_DATES = new Set([
	'opened_at',
	'closed_at',
	'intake_at',
	'first_contact_at',
	'last_activity_at',
	'set_at',
	'achieved_at',
	'done_at'
]);

export const GAS_IN_RANGE = 'gas_score BETWEEN -2 AND 2 AND gas_score = round(gas_score)';

export const rawName = (column: string) => ident(`_raw_${column}`);

/**
 * A problem in a row that is kept. `raws` are the columns whose text it shows although their value
 * parsed (a date in the future ...): its `where` reads values only, so the parse pass can keep
 * those texts exactly where it holds. Emptied values keep their text anyway (see `rawWhen`).
 */
export interface ValueCheck {
	column: string;
	problem: string;
	action: Issue['action'];
	where: string;
	value: (reportValue: (column: string) => string) => string;
	raws?: string[];
}

export function valueChecks(mapping: Mapping, mapped: ColumnDecl[], today: string): ValueCheck[] {
	const checks: ValueCheck[] = [];
	for (const c of mapped) {
		const [value, raw] = [ident(c.name), rawName(c.name)];
		const shown = (r: (column: string) => string) => r(c.name);
		// Required columns' bad values already left their rows out.
		if (isParsed(c) && !c.required)
			checks.push({
				column: c.name,
				problem: c.kind === 'date' ? 'not a valid date' : 'not a number',
				action: 'value emptied',
				where: `${raw} IS NOT NULL AND ${value} IS NULL`,
				value: shown
			});
		if (c.kind === 'date' && PAST_DATES.has(c.name)) {
			checks.push({
				column: c.name,
				problem: 'date in the future',
				action: 'kept',
				where: `${value}::DATE > ${literal(today)}::DATE`,
				value: shown,
				raws: [c.name]
			});
		}
	}
	if (mapping.columns.closed_at && mapping.table === 'cases') {
		checks.push({
			column: 'closed_at',
			problem: 'closed before opened',
			action: 'kept',
			where: 'closed_at < opened_at',
			value: (r) => `${r('closed_at')} || ' < ' || ${r('opened_at')}`,
			raws: ['closed_at', 'opened_at']
		});
	}
	if (mapping.columns.gas_score) {
		checks.push({
			column: 'gas_score',
			problem: 'GAS score outside -2..+2',
			action: 'value emptied',
			where: `NOT (${GAS_IN_RANGE})`,
			value: (r) => r('gas_score'),
			raws: ['gas_score']
		});
	}
	return checks;
}

/**
 * Whether a column keeps its cleaned text next to its value for the reports: dates and numbers
 * (whose text is lost in parsing), and a label key (a duplicate shows its label as written). An id
 * or other text is its own cleaned text.
 */
export function keepsRaw(c: ColumnDecl, keyCol: string | null): boolean {
	return isParsed(c) || (c.kind === 'category' && c.name === keyCol);
}

/** Where a column's cleaned text is kept: where it did not parse, or a report on kept rows shows it. */
export function rawWhen(c: ColumnDecl, checks: ValueCheck[], cleaned: string): string {
	const value = ident(c.name);
	if (c.kind === 'category') return `${value} <> ${cleaned}`;
	return [
		`${value} IS NULL`,
		...checks.filter((k) => k.raws?.includes(c.name)).map((k) => `(${k.where})`)
	].join(' OR ');
}
