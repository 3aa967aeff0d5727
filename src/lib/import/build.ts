import { ident, list, literal } from '../engine/sql';
import type { Engine } from '../engine/types';
import type { ColumnInfo, TableInfo } from '../model/dataset';
import { SQL_TYPE, TABLES, type ColumnDecl } from '../model/tables';
import { describeFormat, ISO, PLACEHOLDER_VALUES, withOrder, type DateOrder } from './dates';
import { ImportError } from './errors';
import { eventKindSql } from './event-kinds';
import { missingRequired, type Mapping } from './mapping';
import { rawColumn, type StagedFile } from './stage';

/** One problem found in one place of one file. */
export interface Issue {
	file: string;
	/** The line of the file where the record starts (the header is line 1); absent for file-wide problems. */
	line: number | null;
	column: string | null;
	value: string | null;
	problem: string;
	/** What happened to the row: it was kept with the value emptied or flagged, or left out. */
	action: 'kept' | 'value emptied' | 'row left out';
}

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

/** A staged file turned into a canonical table, not yet committed. */
export interface BuiltTable {
	staged: StagedFile;
	mapping: Mapping;
	stageTable: string;
	info: TableInfo;
	dates: DateDecision[];
	issueCounts: Record<string, number>;
}

export const ISSUES_TABLE = 'import_issues';

/** A table mapping raw rows to their lines in the file, for the ASOF join that numbers them. */
async function createLineTable(engine: Engine, staged: StagedFile): Promise<string> {
	const table = `lines_${staged.rawTable}`;
	await engine.exec(`CREATE OR REPLACE TEMP TABLE ${table} (idx INTEGER, off INTEGER)`);
	const points = staged.lineBreakpoints.length ? staged.lineBreakpoints : [[0, 2]];
	for (let i = 0; i < points.length; i += 10_000) {
		await engine.exec(`INSERT INTO ${table} VALUES ${points.slice(i, i + 10_000).map(([a, b]) => `(${a}, ${b})`).join(', ')}`);
	}
	return table;
}

const SPACES = "' \t\r\n\u00a0'";
const LONGEST_PLACEHOLDER = Math.max(...PLACEHOLDER_VALUES.map((p) => p.length));

/** A trimmed cell with placeholders ("N/A", "-" ...) and empty text as NULL. */
function cleanSql(trimmed: string): string {
	// The length test spares lower() and the list lookup for the many values too long to be a placeholder.
	return `(CASE WHEN length(${trimmed}) <= ${LONGEST_PLACEHOLDER} AND lower(${trimmed}) IN ${list(PLACEHOLDER_VALUES)} THEN NULL ELSE ${trimmed} END)`;
}

/** A cleaned label with runs of white space made one space; the regular expression runs only where needed. */
function labelSql(clean: string): string {
	const odd = ['  ', '\t', '\r', '\n', '\u00a0'].map((w) => `contains(${clean}, ${literal(w)})`).join(' OR ');
	return `(CASE WHEN ${odd} THEN regexp_replace(${clean}, '\\s+', ' ', 'g') ELSE ${clean} END)`;
}

/** SQL that parses a cleaned text expression with a list of date formats. */
export function parseDateSql(expr: string, formats: string[]): string {
	const attempts = formats.map((f) =>
		f === ISO ? `TRY_CAST(${expr} AS TIMESTAMP)` : `try_strptime(${expr}, ${literal(f)})::TIMESTAMP`
	);
	return attempts.length === 1 ? attempts[0] : `coalesce(${attempts.join(', ')})`;
}

/** Each mapped date column's formats, with the user's answer where the values could not tell the order. */
function decideDates(staged: StagedFile, mapping: Mapping): DateDecision[] {
	const decisions: DateDecision[] = [];
	for (const col of TABLES[mapping.table].columns) {
		const header = mapping.columns[col.name];
		if (col.kind !== 'date' || !header) continue;
		const guess = staged.guesses.find((g) => g.header === header)!;
		if (!guess.date) {
			decisions.push({ column: col.name, header, formats: [ISO], described: [describeFormat(ISO)], hasTime: false, orderAmbiguous: false, parsed: 0, present: 0 });
			continue;
		}
		let { formats, order, orderAmbiguous, orderReason } = guess.date;
		if (orderAmbiguous && mapping.dateOrder) {
			[order, orderAmbiguous, orderReason] = [mapping.dateOrder, false, 'chosen by you'];
		}
		if (order) formats = withOrder(formats, order);
		decisions.push({ column: col.name, header, formats, described: formats.map(describeFormat), hasTime: guess.date.hasTime, order, orderAmbiguous, orderReason, parsed: 0, present: 0 });
	}
	return decisions;
}

/** Counts each date column's values and parsed dates, and whether any has a time of day, in one pass. */
async function measureDates(engine: Engine, parsedTable: string, dates: DateDecision[]): Promise<void> {
	if (dates.length === 0) return;
	const parts = dates.flatMap((d, i) => [
		`count(${ident(`_raw_${d.column}`)})::INTEGER AS present_${i}`,
		`count(${ident(d.column)})::INTEGER AS parsed_${i}`,
		`count(*) FILTER (WHERE ${ident(d.column)}::TIME <> TIME '00:00:00')::INTEGER AS timed_${i}`
	]);
	const [stats] = await engine.query<Record<string, number>>(`SELECT ${parts.join(', ')} FROM ${parsedTable}`);
	dates.forEach((d, i) => {
		d.present = stats[`present_${i}`];
		d.parsed = stats[`parsed_${i}`];
		// A datetime column whose times are all midnight is a date column exported with a time format.
		d.hasTime = d.hasTime && stats[`timed_${i}`] > 0;
	});
}

/** The SQL expression that turns a cleaned raw value into a canonical value. */
function valueExpr(col: ColumnDecl, clean: string, decision: DateDecision | undefined, decimalComma: boolean): string {
	switch (col.kind) {
		case 'date':
			return parseDateSql(clean, decision!.formats);
		case 'number':
			return decimalComma ? `TRY_CAST(replace(${clean}, ',', '.') AS DOUBLE)` : `TRY_CAST(${clean} AS DOUBLE)`;
		case 'category':
			return labelSql(clean);
		default:
			return clean;
	}
}

/** DuckDB's reader's rejection types, told for a person. */
const REJECTION: Record<string, string> = {
	'TOO MANY COLUMNS': 'more fields than the header',
	'UNQUOTED VALUE': 'a quote inside a value that is not quoted',
	'INVALID UNICODE': 'characters that are not valid text in this encoding',
	'LINE SIZE OVER MAXIMUM': 'line longer than 64 MB',
	'MISSING COLUMNS': 'fewer fields than the header'
};

/** Dates that cannot lie in the future (due and target dates can). */
const PAST_DATES = new Set(['opened_at', 'closed_at', 'intake_at', 'first_contact_at', 'last_activity_at', 'set_at', 'achieved_at', 'done_at']);

/**
 * Builds one canonical table from a staged file: parses every mapped column, records every
 * problem in the issues table with its row, and leaves out only rows that cannot be a record
 * (blank, totals, no id, no opened date, earlier duplicates). Nothing is dropped silently.
 */
export async function buildTable(
	engine: Engine,
	staged: StagedFile,
	mapping: Mapping,
	today: string
): Promise<BuiltTable> {
	const decl = TABLES[mapping.table];
	const fileName = staged.file.name;
	const missing = missingRequired(mapping);
	if (missing.length > 0) {
		const labels = missing.map((c) => decl.columns.find((d) => d.name === c)!.label);
		throw new ImportError(
			fileName,
			`No column is mapped to ${labels.join(' and ')}, which ${decl.label.toLowerCase()} need.`,
			`Choose the column that holds ${labels.join(' and ').toLowerCase()} on the mapping screen${mapping.table === 'cases' && missing.includes('opened_at') ? ' (the file needs a date column for when each case was opened)' : ''}.`
		);
	}
	const dates = decideDates(staged, mapping);
	const mapped = decl.columns.filter((c) => mapping.columns[c.name]);
	const guessOf = (c: ColumnDecl) => staged.guesses.find((g) => g.header === mapping.columns[c.name])!;
	const parsedTable = `parsed_${staged.rawTable}`;
	const stageTable = `stage_${mapping.table}_${staged.rawTable}`;
	const keyCol = decl.key && mapping.columns[decl.key] ? decl.key : null;
	const idCol = decl.columns.find((c) => c.required)!.name;

	// Two layers: each raw cell is cleaned once, then parsed from the cleaned value.
	const raws = mapped.map((c) => ident(`_raw_${c.name}`));
	const trimmed = mapped.map((c, i) => `trim(${rawColumn(guessOf(c).index)}, ${SPACES}) AS _t${i}`);
	const cleaned = mapped.map((_, i) => `${cleanSql(`_t${i}`)} AS ${raws[i]}`);
	const values = mapped.map((c, i) => {
		let expr = valueExpr(c, raws[i], dates.find((d) => d.column === c.name), Boolean(guessOf(c).decimalComma));
		if (mapping.table === 'events' && c.name === 'kind') expr = eventKindSql(expr);
		return `${expr} AS ${ident(c.name)}`;
	});
	const blank = raws.map((r) => `${r} IS NULL`).join(' AND ');
	const breakpoints = staged.lineBreakpoints.length ? staged.lineBreakpoints : [[0, 2]];
	let source: string;
	let lines: string | null = null;
	if (breakpoints.length === 1) {
		// The usual file: every record is one line, so its line is its position plus a constant.
		source = `(SELECT (rowid + ${breakpoints[0][1]})::INTEGER AS _line, ${trimmed.join(', ')} FROM ${staged.rawTable})`;
	} else {
		lines = await createLineTable(engine, staged);
		source = `(SELECT (r._idx + l.off)::INTEGER AS _line, ${trimmed.join(', ')}
			FROM (SELECT rowid AS _idx, * FROM ${staged.rawTable}) r ASOF JOIN ${lines} l ON r._idx >= l.idx)`;
	}
	source = `(SELECT _line, ${cleaned.join(', ')} FROM ${source})`;
	await engine.exec(`CREATE OR REPLACE TEMP TABLE ${parsedTable} AS
		SELECT _line, ${blank} AS _blank, ${values.join(', ')}, ${raws.join(', ')} FROM ${source}`);
	if (lines) await engine.exec(`DROP TABLE ${lines}`);
	// The parsed table holds every raw value too: the raw table is no longer needed, and memory is the limit.
	await engine.exec(`DROP TABLE ${staged.rawTable}`);
	await measureDates(engine, parsedTable, dates);

	// Rows that cannot be a record, in the order they are judged.
	const required = decl.columns.filter((c) => c.required);
	const leaveOut: { problem: string; where: string; column?: string }[] = [
		{ problem: 'blank row', where: '_blank' },
		{
			problem: 'totals or summary row',
			where: `regexp_matches(lower(coalesce(${ident(`_raw_${idCol}`)}, '')), '^(grand )?(total|totals|sum|count|subtotal)\\b')`
		},
		...required.map((c) => ({
			problem: c.kind === 'date' ? `no valid ${c.label.toLowerCase()} date` : `no ${c.label}`,
			where: `${ident(c.name)} IS NULL`,
			column: c.name
		}))
	];
	const leftOut = leaveOut.map((l) => `(${l.where})`).join(' OR ');
	const issues: string[] = [];
	const issue = (where: string, problem: string, action: Issue['action'], column: string | null, valueSql: string) =>
		issues.push(`SELECT ${literal(fileName)} AS file, _line AS line, ${column ? literal(mapping.columns[column]) : 'NULL'} AS column,
			${valueSql} AS value, ${literal(problem)} AS problem, ${literal(action)} AS action FROM ${parsedTable} WHERE ${where}`);
	let earlier = 'FALSE';
	for (const l of leaveOut) {
		issue(`(${l.where}) AND NOT (${earlier})`, l.problem, 'row left out', l.column ?? null, l.column ? `${ident(`_raw_${l.column}`)}` : 'NULL');
		earlier = `${earlier} OR (${l.where})`;
	}
	for (const c of mapped) {
		const raw = ident(`_raw_${c.name}`);
		// Required columns' bad values already left their rows out.
		if (c.kind === 'date' && !c.required) issue(`NOT (${leftOut}) AND ${raw} IS NOT NULL AND ${ident(c.name)} IS NULL`, 'not a valid date', 'value emptied', c.name, raw);
		if (c.kind === 'number' && !c.required) issue(`NOT (${leftOut}) AND ${raw} IS NOT NULL AND ${ident(c.name)} IS NULL`, 'not a number', 'value emptied', c.name, raw);
		if (c.kind === 'date' && PAST_DATES.has(c.name)) {
			issue(`NOT (${leftOut}) AND ${ident(c.name)}::DATE > ${literal(today)}::DATE`, 'date in the future', 'kept', c.name, raw);
		}
	}
	if (mapping.columns.closed_at && mapping.table === 'cases') {
		issue(`NOT (${leftOut}) AND closed_at < opened_at`, 'closed before opened', 'kept', 'closed_at', `_raw_closed_at || ' < ' || _raw_opened_at`);
	}
	if (mapping.columns.gas_score) {
		issue(`NOT (${leftOut}) AND (gas_score NOT BETWEEN -2 AND 2 OR gas_score <> round(gas_score))`, 'GAS score outside -2..+2', 'value emptied', 'gas_score', '_raw_gas_score');
	}
	// Duplicates are rare: one count tells whether the costly windowed pass is needed at all.
	const duplicated = keyCol
		? (await engine.query<{ n: number }>(
				`SELECT (count(${ident(keyCol)}) - count(DISTINCT ${ident(keyCol)}))::INTEGER AS n FROM ${parsedTable} WHERE NOT (${leftOut})`
			))[0].n > 0
		: false;
	if (keyCol && duplicated) {
		// The last row of a duplicated id wins: exports list later versions of a record further down.
		issue(
			`NOT (${leftOut}) QUALIFY _line < max(_line) OVER (PARTITION BY ${ident(keyCol)})`,
			`duplicate ${decl.columns.find((c) => c.name === keyCol)!.label}: a later row has the same value and is kept`,
			'row left out',
			keyCol,
			ident(`_raw_${keyCol}`)
		);
	}
	await engine.exec(`INSERT INTO ${ISSUES_TABLE} ${issues.map((s) => `(${s})`).join(' UNION ALL ')}`);
	const fileIssues = [
		...staged.rejected.map((r) => `(${literal(fileName)}, ${r.line}, NULL, ${literal(r.problem.split('\n')[0])}, ${literal(REJECTION[r.kind] ?? 'line could not be read')}, 'row left out')`),
		...staged.shortLines.map((line) => `(${literal(fileName)}, ${line}, NULL, NULL, 'fewer fields than the header: the missing values are empty', 'kept')`)
	];
	if (fileIssues.length) await engine.exec(`INSERT INTO ${ISSUES_TABLE} VALUES ${fileIssues.join(', ')}`);

	const outCols = decl.columns.map((c) => {
		if (!mapping.columns[c.name]) return `NULL::${SQL_TYPE[c.kind]} AS ${ident(c.name)}`;
		if (c.name === 'gas_score') return `CASE WHEN gas_score BETWEEN -2 AND 2 AND gas_score = round(gas_score) THEN gas_score END AS gas_score`;
		return ident(c.name);
	});
	const dedupe = duplicated ? `QUALIFY _line = max(_line) OVER (PARTITION BY ${ident(keyCol!)}) ORDER BY _line` : '';
	await engine.exec(`CREATE OR REPLACE TEMP TABLE ${stageTable} AS
		SELECT ${outCols.join(', ')} FROM ${parsedTable} WHERE NOT (${leftOut}) ${dedupe}`);
	await engine.exec(`DROP TABLE ${parsedTable}`);

	const [{ rows }] = await engine.query<{ rows: number }>(`SELECT count(*)::INTEGER AS rows FROM ${stageTable}`);
	if (rows === 0) {
		await engine.exec(`DROP TABLE ${stageTable}`);
		const top = await engine.query<{ problem: string; n: number }>(
			`SELECT problem, count(*)::INTEGER AS n FROM ${ISSUES_TABLE} WHERE file = ${literal(fileName)} GROUP BY problem ORDER BY n DESC LIMIT 1`
		);
		throw new ImportError(
			fileName,
			`No row could be imported${top[0] ? `: ${top[0].n} rows have "${top[0].problem}"` : ''}.`,
			'Check the column mapping and the date format, or fix the file and import it again.'
		);
	}
	const counts = await engine.query<{ problem: string; n: number }>(
		`SELECT problem, count(*)::INTEGER AS n FROM ${ISSUES_TABLE} WHERE file = ${literal(fileName)} GROUP BY problem`
	);
	const columns: Record<string, ColumnInfo> = {};
	for (const c of mapped) {
		const d = dates.find((x) => x.column === c.name);
		columns[c.name] = d ? { source: d.header, hasTime: d.hasTime, formats: d.formats } : { source: mapping.columns[c.name] };
	}
	return {
		staged,
		mapping,
		stageTable,
		dates,
		info: { fileName, importedAt: new Date().toISOString(), rows, columns },
		issueCounts: Object.fromEntries(counts.map((c) => [c.problem, c.n]))
	};
}
