/**
 * The app's own bundled sample, imported in one typed read per table.
 *
 * The generic import stages every file as text, scans it, parses and repairs every value and
 * records every problem: needed for a stranger's export, and about a second and a half of a cold
 * start for the sample, whose files have none of those problems. Here each file is read once, its
 * columns typed from the canonical model and the mapping the generic import proposes (the same
 * sniffing and guessing), straight into its canonical table.
 *
 * This is valid only for files that need none of the generic import's repairs (no placeholders,
 * edge spaces, bad values, blank, total or duplicate rows, label spellings to unify): the bundled
 * sample. tests/unit/import/bundled.test.ts proves that it gives exactly the tables and dataset
 * information of the generic import of sample-data/. Files that do not look as expected are
 * refused (null), and the caller imports them the generic way.
 */
import { ident, literal } from '../engine/sql';
import type { Engine } from '../engine/types';
import type { DatasetInfo } from '../model/dataset';
import { SQL_TYPE, TABLES, type ColumnDecl, type TableName } from '../model/tables';
import { columnInfos, decideDates, ISSUES_TABLE, parseDateSql, type DateDecision } from './build';
import { guessColumns, type ColumnGuess } from './columns';
import { eventKindSql } from './event-kinds';
import { ImportCancelled } from './errors';
import type { ImportReport } from './import';
import { detectTable, missingRequired, type Mapping } from './mapping';
import { sniff, type SniffResult } from './sniff';
import { readHead, readRange, type InputFile } from './stage';

interface Plan {
	file: InputFile;
	sniffed: SniffResult;
	mapping: Mapping;
	dates: DateDecision[];
}

/** The generic import's proposal for one file, or null when the file needs the generic import. */
async function planFile(file: InputFile): Promise<Plan | null> {
	// A file that cannot be sniffed is the generic import's to explain.
	const sniffed = await readHead(file)
		.then((head) => sniff(file.name, head, file.size))
		.catch(() => null);
	if (!sniffed) return null;
	if (
		sniffed.encoding.encoding !== 'utf-8' ||
		sniffed.encoding.bomLength > 0 ||
		sniffed.skipLines > 0 ||
		sniffed.quotedLineBreaks
	)
		return null;
	const guesses = guessColumns(sniffed.headers, sniffed.sample);
	const mapping = detectTable(file.name, guesses);
	if (missingRequired(mapping).length > 0) return null;
	for (const col of TABLES[mapping.table].columns) {
		const guess = guessOf(guesses, mapping, col);
		// Day/month order the user would be asked about, or decimal commas: the generic import's.
		if (guess && (guess.decimalComma || guess.date?.orderAmbiguous)) return null;
	}
	const dates = decideDates(guesses, mapping);
	return { file, sniffed, mapping, dates };
}

function guessOf(
	guesses: ColumnGuess[],
	mapping: Mapping,
	col: ColumnDecl
): ColumnGuess | undefined {
	const header = mapping.columns[col.name];
	return header === undefined ? undefined : guesses.find((g) => g.header === header);
}

/** The canonical value of one column, from the file's column as read (text, or DOUBLE for numbers). */
function valueSql(plan: Plan, col: ColumnDecl): string {
	const header = plan.mapping.columns[col.name];
	if (header === undefined) return `NULL::${SQL_TYPE[col.kind]}`;
	const v = ident(header);
	if (col.kind === 'date')
		return parseDateSql(v, plan.dates.find((d) => d.column === col.name)!.formats);
	if (plan.mapping.table === 'events' && col.name === 'kind') return eventKindSql(v);
	return v;
}

const stageOf = (plan: Plan) => `bundled_${plan.mapping.table}`;
const rawOf = (d: DateDecision) => ident(`_raw_${d.column}`);

/** One typed read of the file into a staged canonical table (plus its date columns' text, to count what parsed). */
function stageSql(plan: Plan, registered: string): string {
	const decl = TABLES[plan.mapping.table];
	const numbers = new Set(
		decl.columns
			.filter((c) => c.kind === 'number' && plan.mapping.columns[c.name])
			.map((c) => plan.mapping.columns[c.name])
	);
	// A number that does not read as one fails the read, and the generic import takes over.
	const columns = plan.sniffed.headers
		.map((h) => `${literal(h)}: ${numbers.has(h) ? "'DOUBLE'" : "'VARCHAR'"}`)
		.join(', ');
	const read = `read_csv(${literal(registered)}, columns = {${columns}}, header = true, auto_detect = false,
		delim = ${literal(plan.sniffed.delimiter)}, quote = '"', escape = '"', parallel = false)`;
	const values = decl.columns.map((c) => `${valueSql(plan, c)} AS ${ident(c.name)}`);
	const raws = plan.dates.map((d) => `${ident(d.header)} AS ${rawOf(d)}`);
	return `CREATE OR REPLACE TEMP TABLE ${stageOf(plan)} AS SELECT ${[...values, ...raws].join(', ')} FROM ${read}`;
}

interface TableStats {
	rows: number;
	/** Rows without a required value: the generic import would leave them out. */
	incomplete: number;
	dates: { present: number; parsed: number; timed: number }[];
}

/** Each staged table's rows, rows missing a required value, and per date column the values present, parsed and with a time of day. */
async function measure(engine: Engine, plans: Plan[]): Promise<TableStats[]> {
	const selects = plans.map((p, t) => {
		const required = TABLES[p.mapping.table].columns
			.filter((c) => c.required)
			.map((c) => `${ident(c.name)} IS NULL`);
		const counts = [
			`count(*)::INTEGER AS rows_${t}`,
			`count(*) FILTER (WHERE ${required.join(' OR ')})::INTEGER AS incomplete_${t}`
		];
		p.dates.forEach((d, i) => {
			counts.push(
				`count(${rawOf(d)})::INTEGER AS present_${t}_${i}`,
				`count(${ident(d.column)})::INTEGER AS parsed_${t}_${i}`
			);
			counts.push(
				`count(*) FILTER (WHERE ${ident(d.column)}::TIME <> TIME '00:00:00')::INTEGER AS timed_${t}_${i}`
			);
		});
		return `(SELECT ${counts.join(', ')} FROM ${stageOf(p)})`;
	});
	const [row] = await engine.query<Record<string, number>>(
		`SELECT * FROM ${selects.join(' CROSS JOIN ')}`
	);
	return plans.map((p, t) => ({
		rows: row[`rows_${t}`],
		incomplete: row[`incomplete_${t}`],
		dates: p.dates.map((_, i) => ({
			present: row[`present_${t}_${i}`],
			parsed: row[`parsed_${t}_${i}`],
			timed: row[`timed_${t}_${i}`]
		}))
	}));
}

async function dropStaged(engine: Engine, plans: Plan[]): Promise<void> {
	await engine.exec(plans.map((p) => `DROP TABLE IF EXISTS ${stageOf(p)}`).join('; '));
}

/**
 * Makes staged tables the canonical tables (each column cast to the model's type), and empties the
 * tables they do not replace and the issues: in one transaction, so that a failure changes nothing.
 * A cancel is honoured up to here; once the tables are swapped in, the import has happened.
 */
export async function replaceTables(
	engine: Engine,
	staged: { table: TableName; from: string }[],
	signal?: AbortSignal
): Promise<void> {
	if (signal?.aborted) throw new ImportCancelled();
	const swap = staged.map(({ table, from }) => {
		const columns = TABLES[table].columns.map(
			(c) => `CAST(${ident(c.name)} AS ${SQL_TYPE[c.kind]}) AS ${ident(c.name)}`
		);
		return `CREATE OR REPLACE TABLE ${ident(table)} AS SELECT ${columns.join(', ')} FROM ${from}`;
	});
	const emptied = (Object.keys(TABLES) as TableName[])
		.filter((t) => !staged.some((s) => s.table === t))
		.map((t) => `DELETE FROM ${ident(t)}`);
	await engine.exec('BEGIN TRANSACTION');
	try {
		await engine.exec([...swap, ...emptied, `DELETE FROM ${ISSUES_TABLE}`].join('; '));
		await engine.exec('COMMIT');
	} catch (error) {
		await engine.exec('ROLLBACK');
		throw error;
	}
}

/** A bundled import prepared from the files alone (JavaScript only: it needs no database yet). */
export interface BundledPlan {
	plans: Plan[];
}

/** Sniffs the files and proposes their mappings as the generic import would; null when they need the generic import. */
export async function planBundled(files: InputFile[]): Promise<BundledPlan | null> {
	const plans: Plan[] = [];
	for (const file of files) {
		const plan = await planFile(file);
		if (!plan || plans.some((p) => p.mapping.table === plan.mapping.table)) return null;
		plans.push(plan);
	}
	return plans.some((p) => p.mapping.table === 'cases') ? { plans } : null;
}

/**
 * Imports the planned files into the canonical tables, replacing what was loaded, in one
 * transaction. Returns null, having changed nothing, when the files need the generic import.
 */
export async function importBundled(
	engine: Engine,
	{ plans }: BundledPlan,
	signal?: AbortSignal
): Promise<ImportReport | null> {
	let stats: TableStats[];
	try {
		for (const plan of plans) {
			const registered = `${stageOf(plan)}.csv`;
			await engine.registerFile(registered, await readRange(plan.file, 0, plan.file.size));
			try {
				await engine.exec(stageSql(plan, registered));
			} finally {
				await engine.dropFile(registered);
			}
		}
		stats = await measure(engine, plans);
	} catch {
		await dropStaged(engine, plans);
		return null;
	}
	const clean = stats.every(
		(s) => s.incomplete === 0 && s.dates.every((d) => d.parsed === d.present)
	);
	if (!clean) {
		await dropStaged(engine, plans);
		return null;
	}
	try {
		await replaceTables(
			engine,
			plans.map((p) => ({ table: p.mapping.table, from: stageOf(p) })),
			signal
		);
	} finally {
		await dropStaged(engine, plans);
	}
	const importedAt = new Date().toISOString();
	const dataset: DatasetInfo = { tables: {} };
	const tables = plans.map((p, t) => {
		const dates = p.dates.map((d, i) => ({
			...d,
			present: stats[t].dates[i].present,
			parsed: stats[t].dates[i].parsed,
			hasTime: d.hasTime && stats[t].dates[i].timed > 0
		}));
		const columns = columnInfos(p.mapping, dates);
		const info = { fileName: p.file.name, importedAt, rows: stats[t].rows, columns };
		dataset.tables[p.mapping.table] = info;
		return { mapping: p.mapping, info, dates };
	});
	return { dataset, tables, issueCounts: {}, issueTotal: 0 };
}
