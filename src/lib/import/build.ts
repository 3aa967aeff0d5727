/**
 * The build of one canonical table from a staged file: the file read with every value typed and
 * checked (row-parse.ts, by the rules of values.ts), every problem recorded with its line in the
 * issues table, bad rows then deleted, and the table left where it is for the swap.
 */
import { countText, plural } from '../charts/format';
import { ident, literal } from '../engine/sql';
import type { Engine } from '../engine/types';
import type { TableInfo } from '../model/dataset';
import { TABLES } from '../model/tables';
import { ImportError } from './errors';
import { recordNearEmpty } from './findings';
import { missingRequired, type Mapping } from './mapping';
import { readStaged } from './read';
import { parsedTableOf, readStagedFile, type StagedFile, type StageOptions } from './stage';
import { rowParse } from './row-parse';
import {
	GAS_IN_RANGE,
	columnInfos,
	decideDates,
	isParsed,
	keepsRaw,
	rawName,
	valueChecks,
	type DateDecision
} from './values';

// Where callers found them before the value SQL moved to values.ts.
export { columnInfos, decideDates, parseDateSql, type DateDecision } from './values';

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

/**
 * Reads a file that was read ahead of the build again, as that read did, so that its rows and their
 * order are the same, and parses it (`write`) in the same pass: a row's position is its record's.
 */
async function rereadStaged(
	engine: Engine,
	staged: StagedFile,
	parsedTable: string,
	write: (read: string, first: boolean) => string
): Promise<void> {
	await readStaged(engine, staged, write);
	// Both reads must see the same rows: a difference would shift every line number and lose rows unseen.
	const [{ reread }] = await engine.query<{ reread: number }>(
		`SELECT count(*)::INTEGER AS reread FROM ${parsedTable}`
	);
	if (reread !== staged.rows) {
		throw new ImportError(
			staged.file.name,
			`The file read differently the second time (${reread.toLocaleString('en-US')} rows instead of ` +
				`${staged.rows.toLocaleString('en-US')}), so nothing of it was imported.`,
			'Check that the file is not being changed or moved, and import it again.'
		);
	}
}

/** DuckDB's reader's rejection types, told for a person. */
const REJECTION: Record<string, string> = {
	'TOO MANY COLUMNS': 'more fields than the header',
	'UNQUOTED VALUE': 'a quote inside a value that is not quoted',
	'INVALID UNICODE': 'characters that are not valid text in this encoding',
	'INVALID ENCODING': 'characters that are not valid text in this encoding',
	'LINE SIZE OVER MAXIMUM': 'line longer than 64 MB',
	'MISSING COLUMNS': 'fewer fields than the header'
};

/**
 * Builds one canonical table from a staged file: parses every mapped column, records every
 * problem in the issues table with its row, and leaves out only rows that cannot be a record
 * (blank, totals, no id, no opened date, earlier duplicates). Nothing is dropped silently.
 */
export async function buildTable(
	engine: Engine,
	staged: StagedFile,
	mapping: Mapping,
	today: string,
	reads: StageOptions = {}
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
	// A table of the main schema, so that the swap renames it instead of copying it.
	const table = parsedTableOf(staged);
	const keyCol = decl.key && mapping.columns[decl.key] ? decl.key : null;
	const header = (column: string) => literal(mapping.columns[column]);

	const checks = valueChecks(mapping, mapped, today);
	const {
		sql: parse,
		leaveOut,
		rawCols
	} = rowParse(mapping, staged.guesses, dates, checks, keyCol);
	const write = (read: string, first: boolean) =>
		(first ? `CREATE OR REPLACE TABLE ${table} AS ` : `INSERT INTO ${table} `) + parse(read);
	if (staged.rowsCounted) await rereadStaged(engine, staged, table, write);
	else {
		// One pass: the file is read and parsed at once, its rows and rejected lines taken from this read.
		let before = 0;
		await readStagedFile(engine, staged, reads, mapping, async (read, first) => {
			await engine.exec(write(read, first));
			const [{ n }] = await engine.query<{ n: number }>(
				`SELECT count(*)::INTEGER AS n FROM ${table}`
			);
			const rows = first ? n : n - before;
			before = n;
			return rows;
		});
	}
	const duplicated = (await measure(engine, table, dates, keyCol)) > 0;
	const points: [number, number][] = staged.lineBreakpoints.length
		? staged.lineBreakpoints
		: [[0, 2]];
	const lines = points.length > 1 ? await createLineTable(engine, staged, points) : null;
	const numbered = (where: string) =>
		withLines(`(SELECT rowid AS _idx, * FROM ${table} WHERE ${where})`, lines, points);

	const reportValue = (column: string) => {
		const c = mapped.find((m) => m.name === column)!;
		return !keepsRaw(c, keyCol)
			? ident(column)
			: isParsed(c)
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
		const earlier = `(SELECT rowid AS _idx, * FROM ${table} WHERE _out IS NULL
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

	// The parsed table becomes the canonical table where it stands (a copy cost as much as the parse):
	// rows left out and earlier duplicates are deleted, the report's columns dropped.
	if (duplicated)
		await engine.exec(`DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table}
			WHERE _out IS NULL QUALIFY rowid < max(rowid) OVER (PARTITION BY ${ident(keyCol!)}))`);
	await engine.exec(`DELETE FROM ${table} WHERE _out IS NOT NULL`);
	if (mapping.columns.gas_score)
		await engine.exec(`UPDATE ${table} SET gas_score = NULL WHERE NOT (${GAS_IN_RANGE})`);
	for (const column of ['_out', ...rawCols.map((c) => rawName(c.name))])
		await engine.exec(`ALTER TABLE ${table} DROP COLUMN ${column}`);
	if (lines) await engine.exec(`DROP TABLE ${lines}`);

	const [{ rows }] = await engine.query<{ rows: number }>(
		`SELECT count(*)::INTEGER AS rows FROM ${table}`
	);
	if (rows === 0) {
		await engine.exec(`DROP TABLE ${table}`);
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
	const built = {
		table: mapping.table,
		builtTable: table,
		fileName,
		rows,
		issues: ISSUES_TABLE
	};
	const columns = await recordNearEmpty(engine, built, columnInfos(mapping, dates), staged.guesses);
	const counts = await engine.query<{ problem: string; n: number }>(
		`SELECT problem, count(*)::INTEGER AS n FROM ${ISSUES_TABLE} WHERE file = ${literal(fileName)} GROUP BY problem`
	);
	return {
		staged,
		mapping,
		stageTable: table,
		dates,
		info: { fileName, importedAt: new Date().toISOString(), rows, columns },
		issueCounts: Object.fromEntries(counts.map((c) => [c.problem, c.n]))
	};
}
