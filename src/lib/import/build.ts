import { countText, plural } from '../charts/format';
import { ident, list, literal } from '../engine/sql';
import type { Engine } from '../engine/types';
import type { ColumnInfo, TableInfo } from '../model/dataset';
import { SQL_TYPE, TABLES, type ColumnDecl } from '../model/tables';
import { describeFormat, ISO, PLACEHOLDER_VALUES, withOrder, type DateOrder } from './dates';
import type { ColumnGuess } from './columns';
import { ImportError } from './errors';
import { eventKindSql } from './event-kinds';
import { missingRequired, type Mapping } from './mapping';
import { parsedTableOf, rawColumn, readStaged, type StagedFile } from './stage';

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

/** A table mapping records to their lines in the file, for the ASOF join that numbers them. */
async function createLineTable(
	engine: Engine,
	staged: StagedFile,
	points: [number, number][]
): Promise<string> {
	const table = `lines_${staged.key}`;
	await engine.exec(`CREATE OR REPLACE TEMP TABLE ${table} (idx INTEGER, off INTEGER)`);
	for (let i = 0; i < points.length; i += 10_000) {
		await engine.exec(
			`INSERT INTO ${table} VALUES ${points
				.slice(i, i + 10_000)
				.map(([a, b]) => `(${a}, ${b})`)
				.join(', ')}`
		);
	}
	return table;
}

/**
 * Rows of the parsed table (a query with `_idx`, the record's position) with `_line`, the line of
 * the file where the record starts. Only reported rows need it, so it is not stored.
 */
function withLines(rows: string, lines: string | null, points: [number, number][]): string {
	if (!lines) return `(SELECT (_idx + ${points[0][1]})::INTEGER AS _line, * FROM ${rows})`;
	return `(SELECT (r._idx + l.off)::INTEGER AS _line, r.* FROM ${rows} r ASOF JOIN ${lines} l ON r._idx >= l.idx)`;
}

const SPACE_CHARS = [' ', '\t', '\r', '\n', '\u00a0'];
const SPACES = literal(SPACE_CHARS.join(''));
const LONGEST_PLACEHOLDER = Math.max(...PLACEHOLDER_VALUES.map((p) => p.length));

/**
 * A raw cell without surrounding white space. trim() with a character list costs several times a
 * plain copy in DuckDB-wasm, so it runs only on the few values that start or end with white space.
 */
function trimSql(raw: string): string {
	const edge = [
		`ascii(${raw}) IN ${list(SPACE_CHARS.map((c) => c.charCodeAt(0)))}`,
		...SPACE_CHARS.map((c) => `ends_with(${raw}, ${literal(c)})`)
	].join(' OR ');
	return `(CASE WHEN ${edge} THEN trim(${raw}, ${SPACES}) ELSE ${raw} END)`;
}

/** A trimmed cell with placeholders ("N/A", "-" ...) and empty text as NULL. */
function cleanSql(trimmed: string): string {
	// The length test spares lower() and the list lookup for the many values too long to be a placeholder.
	return `(CASE WHEN length(${trimmed}) <= ${LONGEST_PLACEHOLDER}
		AND lower(${trimmed}) IN ${list(PLACEHOLDER_VALUES)} THEN NULL ELSE ${trimmed} END)`;
}

/** A cleaned label with runs of white space made one space; the regular expression runs only where needed. */
function labelSql(clean: string): string {
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

/**
 * One pass over the parsed table: each date column's values, parsed dates and whether any has a
 * time of day; and how many kept rows repeat an earlier key (duplicates are rare, and the windowed
 * pass that finds them is costly).
 */
async function measure(
	engine: Engine,
	parsedTable: string,
	dates: DateDecision[],
	keyCol: string | null
): Promise<number> {
	const parts = dates.flatMap((d, i) => {
		const [value, raw] = [ident(d.column), rawName(d.column)];
		// The text of a date is kept where it did not parse; where it did, the date counts.
		return [
			`(count(${value}) + count(${raw}) FILTER (WHERE ${value} IS NULL))::INTEGER AS present_${i}`,
			`count(${value})::INTEGER AS parsed_${i}`,
			`count(*) FILTER (WHERE ${value}::TIME <> TIME '00:00:00')::INTEGER AS timed_${i}`
		];
	});
	const key = keyCol ? ident(keyCol) : null;
	parts.push(
		key
			? `(count(${key}) FILTER (WHERE _out IS NULL)
				- count(DISTINCT ${key}) FILTER (WHERE _out IS NULL))::INTEGER AS duplicates`
			: '0 AS duplicates'
	);
	const [stats] = await engine.query<Record<string, number>>(
		`SELECT ${parts.join(', ')} FROM ${parsedTable}`
	);
	dates.forEach((d, i) => {
		d.present = stats[`present_${i}`];
		d.parsed = stats[`parsed_${i}`];
		// A datetime column whose times are all midnight is a date column exported with a time format.
		d.hasTime = d.hasTime && stats[`timed_${i}`] > 0;
	});
	return stats.duplicates;
}

/** The SQL expression that turns a cleaned raw value into a canonical value. */
function valueExpr(
	col: ColumnDecl,
	clean: string,
	decision: DateDecision | undefined,
	decimalComma: boolean
): string {
	switch (col.kind) {
		case 'date':
			return parseDateSql(clean, decision!.formats);
		case 'number':
			return decimalComma
				? `TRY_CAST(replace(${clean}, ',', '.') AS DOUBLE)`
				: `TRY_CAST(${clean} AS DOUBLE)`;
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

const GAS_IN_RANGE = 'gas_score BETWEEN -2 AND 2 AND gas_score = round(gas_score)';

const rawName = (column: string) => ident(`_raw_${column}`);

/**
 * A problem in a row that is kept. `raws` are the columns whose text it shows although their value
 * parsed (a date in the future ...): its `where` reads values only, so the parse pass can keep
 * those texts exactly where it holds. Emptied values keep their text anyway (see `rawWhen`).
 */
interface ValueCheck {
	column: string;
	problem: string;
	action: Issue['action'];
	where: string;
	value: (reportValue: (column: string) => string) => string;
	raws?: string[];
}

function valueChecks(mapping: Mapping, mapped: ColumnDecl[], today: string): ValueCheck[] {
	const checks: ValueCheck[] = [];
	for (const c of mapped) {
		const [value, raw] = [ident(c.name), rawName(c.name)];
		const shown = (r: (column: string) => string) => r(c.name);
		// Required columns' bad values already left their rows out.
		if (c.kind === 'date' && !c.required)
			checks.push({
				column: c.name,
				problem: 'not a valid date',
				action: 'value emptied',
				where: `${raw} IS NOT NULL AND ${value} IS NULL`,
				value: shown
			});
		if (c.kind === 'number' && !c.required)
			checks.push({
				column: c.name,
				problem: 'not a number',
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
function keepsRaw(c: ColumnDecl, keyCol: string | null): boolean {
	return c.kind === 'date' || c.kind === 'number' || (c.kind === 'category' && c.name === keyCol);
}

/** Where a column's cleaned text is kept: where it did not parse, or a report on kept rows shows it. */
function rawWhen(c: ColumnDecl, checks: ValueCheck[], cleaned: string): string {
	const value = ident(c.name);
	if (c.kind === 'category') return `${value} <> ${cleaned}`;
	return [
		`${value} IS NULL`,
		...checks.filter((k) => k.raws?.includes(c.name)).map((k) => `(${k.where})`)
	].join(' OR ');
}

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
			`Choose the column that holds ${labels.join(' and ').toLowerCase()} on the mapping screen` +
				(mapping.table === 'cases' && missing.includes('opened_at')
					? ' (the file needs a date column for when each case was opened)'
					: '') +
				'.'
		);
	}
	const dates = decideDates(staged.guesses, mapping);
	const mapped = decl.columns.filter((c) => mapping.columns[c.name]);
	const guessOf = (c: ColumnDecl) =>
		staged.guesses.find((g) => g.header === mapping.columns[c.name])!;
	const parsedTable = parsedTableOf(staged);
	const stageTable = `stage_${mapping.table}_${staged.key}`;
	const keyCol = decl.key && mapping.columns[decl.key] ? decl.key : null;
	const idCol = decl.columns.find((c) => c.required)!.name;
	const header = (column: string) => literal(mapping.columns[column]);

	// Layers: each raw cell is trimmed and cleaned once, parsed from the cleaned text, then judged.
	const clean = (c: ColumnDecl) => `_c${mapped.indexOf(c)}`;
	const values = mapped.map((c) => {
		let expr = valueExpr(
			c,
			clean(c),
			dates.find((d) => d.column === c.name),
			Boolean(guessOf(c).decimalComma)
		);
		if (mapping.table === 'events' && c.name === 'kind') expr = eventKindSql(expr);
		return `${expr} AS ${ident(c.name)}`;
	});
	const checks = valueChecks(mapping, mapped, today);
	const rawCols = mapped.filter((c) => keepsRaw(c, keyCol));
	const raws = rawCols.map(
		(c) => `CASE WHEN ${rawWhen(c, checks, clean(c))} THEN ${clean(c)} END AS ${rawName(c.name)}`
	);

	// Rows that cannot be a record, in the order they are judged: `_out` is the first that applies.
	const leaveOut: { problem: string; where: string; column?: string }[] = [
		{ problem: 'blank row', where: mapped.map((c) => `${clean(c)} IS NULL`).join(' AND ') },
		{
			problem: 'totals or summary row',
			where: `regexp_matches(lower(coalesce(${clean(decl.columns.find((c) => c.name === idCol)!)}, '')),
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

	const trimmed = mapped.map(
		(c) => `${trimSql(rawColumn(guessOf(c).index))} AS _t${mapped.indexOf(c)}`
	);
	const cleaned = mapped.map((c, i) => `${cleanSql(`_t${i}`)} AS ${clean(c)}`);
	// Raw text is kept only where a report shows it (NULL elsewhere costs next to nothing).
	const parse = (
		read: string
	) => `SELECT ${out}, ${mapped.map((c) => ident(c.name)).join(', ')}${raws.map((r) => `, ${r}`).join('')}
		FROM (SELECT *, ${values.join(', ')}
		FROM (SELECT ${cleaned.join(', ')}
		FROM (SELECT ${trimmed.join(', ')} FROM ${read})))`;
	// The file is read again as staging read it and parsed in the same pass: its rows keep their order,
	// so a row's position is its record's.
	await readStaged(
		engine,
		staged,
		(read, first) =>
			(first ? `CREATE OR REPLACE TEMP TABLE ${parsedTable} AS ` : `INSERT INTO ${parsedTable} `) +
			parse(read)
	);
	// Both reads must see the same rows: a difference would shift every line number and lose rows unseen.
	const [{ reread }] = await engine.query<{ reread: number }>(
		`SELECT count(*)::INTEGER AS reread FROM ${parsedTable}`
	);
	if (reread !== staged.rows) {
		throw new ImportError(
			fileName,
			`The file read differently the second time (${reread.toLocaleString('en-US')} rows instead of ` +
				`${staged.rows.toLocaleString('en-US')}), so nothing of it was imported.`,
			'Check that the file is not being changed or moved, and import it again.'
		);
	}
	const duplicated = (await measure(engine, parsedTable, dates, keyCol)) > 0;
	const points: [number, number][] = staged.lineBreakpoints.length
		? staged.lineBreakpoints
		: [[0, 2]];
	const lines = points.length > 1 ? await createLineTable(engine, staged, points) : null;
	const numbered = (where: string) =>
		withLines(`(SELECT rowid AS _idx, * FROM ${parsedTable} WHERE ${where})`, lines, points);

	const reportValue = (column: string) => {
		const c = mapped.find((m) => m.name === column)!;
		return !keepsRaw(c, keyCol)
			? ident(column)
			: c.kind === 'date' || c.kind === 'number'
				? rawName(column)
				: `coalesce(${rawName(column)}, ${ident(column)})`;
	};
	/** A CASE on the reason a row is left out: the first of `leaveOut` that applies. */
	const byReason = (sql: (l: (typeof leaveOut)[number]) => string) =>
		`CASE _out ${leaveOut.map((l, i) => `WHEN ${i + 1} THEN ${sql(l)}`).join(' ')} END`;
	const issues = [
		`SELECT _line, ${byReason((l) => (l.column ? header(l.column) : 'NULL'))},
			${byReason((l) => (l.column ? reportValue(l.column) : 'NULL'))},
			${byReason((l) => literal(l.problem))}, 'row left out' FROM candidates WHERE _out IS NOT NULL`,
		...checks.map(
			(k) =>
				`SELECT _line, ${header(k.column)}, ${k.value(reportValue)}, ${literal(k.problem)}, ${literal(k.action)}
				FROM candidates WHERE _out IS NULL AND ${k.where}`
		)
	];
	// Every reported row has its `_out` or a kept raw text: one scan picks them, the reports read only those.
	const candidates = [
		'_out IS NOT NULL',
		...rawCols.map((c) => `${rawName(c.name)} IS NOT NULL`)
	].join(' OR ');
	await engine.exec(`INSERT INTO ${ISSUES_TABLE}
		WITH candidates AS MATERIALIZED (SELECT * FROM ${numbered(candidates)})
		SELECT ${literal(fileName)}, * FROM (${issues.join(' UNION ALL ')})`);
	if (duplicated) {
		// The last row of a duplicated id wins: exports list later versions of a record further down.
		const label = decl.columns.find((c) => c.name === keyCol)!.label;
		const earlier = `(SELECT rowid AS _idx, * FROM ${parsedTable} WHERE _out IS NULL
			QUALIFY _idx < max(_idx) OVER (PARTITION BY ${ident(keyCol!)}))`;
		await engine.exec(`INSERT INTO ${ISSUES_TABLE}
			SELECT ${literal(fileName)}, _line, ${header(keyCol!)}, ${reportValue(keyCol!)},
			${literal(`duplicate ${label}: a later row has the same value and is kept`)}, 'row left out'
			FROM ${withLines(earlier, lines, points)}`);
	}
	const fileIssues = [
		...staged.rejected.map(
			(r) =>
				`(${literal(fileName)}, ${r.line}, NULL, ${literal(r.problem.split('\n')[0])}, ` +
				`${literal(REJECTION[r.kind] ?? 'line could not be read')}, 'row left out')`
		),
		...staged.shortLines.map(
			(line) =>
				`(${literal(fileName)}, ${line}, NULL, NULL, ` +
				"'fewer fields than the header: the missing values are empty', 'kept')"
		)
	];
	if (fileIssues.length)
		await engine.exec(`INSERT INTO ${ISSUES_TABLE} VALUES ${fileIssues.join(', ')}`);

	const outCols = decl.columns.map((c) => {
		if (!mapping.columns[c.name]) return `NULL::${SQL_TYPE[c.kind]} AS ${ident(c.name)}`;
		if (c.name === 'gas_score') return `CASE WHEN ${GAS_IN_RANGE} THEN gas_score END AS gas_score`;
		return ident(c.name);
	});
	const dedupe = duplicated
		? `QUALIFY _idx = max(_idx) OVER (PARTITION BY ${ident(keyCol!)}) ORDER BY _idx`
		: '';
	// A table of the main schema, so that the swap renames it instead of copying it.
	await engine.exec(`CREATE OR REPLACE TABLE ${stageTable} AS
		SELECT ${outCols.join(', ')} FROM (SELECT rowid AS _idx, * FROM ${parsedTable}) WHERE _out IS NULL ${dedupe}`);
	await engine.exec(`DROP TABLE ${parsedTable}`);
	if (lines) await engine.exec(`DROP TABLE ${lines}`);

	const [{ rows }] = await engine.query<{ rows: number }>(
		`SELECT count(*)::INTEGER AS rows FROM ${stageTable}`
	);
	if (rows === 0) {
		await engine.exec(`DROP TABLE ${stageTable}`);
		const top = await engine.query<{ problem: string; n: number }>(
			`SELECT problem, count(*)::INTEGER AS n FROM ${ISSUES_TABLE} WHERE file = ${literal(fileName)}
			GROUP BY problem ORDER BY n DESC LIMIT 1`
		);
		const most = top[0]
			? `: ${countText(top[0].n, 'row')} ${plural(top[0].n, 'has', 'have')} "${top[0].problem}"`
			: '';
		throw new ImportError(
			fileName,
			`No row could be imported${most}.`,
			'Check the column mapping and the date format, or fix the file and import it again.'
		);
	}
	const counts = await engine.query<{ problem: string; n: number }>(
		`SELECT problem, count(*)::INTEGER AS n FROM ${ISSUES_TABLE} WHERE file = ${literal(fileName)} GROUP BY problem`
	);
	const columns = columnInfos(mapping, dates);
	return {
		staged,
		mapping,
		stageTable,
		dates,
		info: { fileName, importedAt: new Date().toISOString(), rows, columns },
		issueCounts: Object.fromEntries(counts.map((c) => [c.problem, c.n]))
	};
}
