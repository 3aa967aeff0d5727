import { ident, literal } from '../engine/sql';
import type { Engine } from '../engine/types';
import type { DatasetInfo } from '../model/dataset';
import { createTableSql, TABLES, type TableName } from '../model/tables';
import { buildTable, ISSUES_TABLE, type BuiltTable, type Issue } from './build';
import { ImportCancelled, ImportError } from './errors';
import type { Mapping } from './mapping';
import {
	mergeParts,
	namesSql,
	soleOutcome,
	type FileOutcome,
	type Merged,
	type MergePart
} from './merge';
import {
	recordOrphans,
	relatedQuestion,
	type RelatedAnswer,
	type RelatedQuestion
} from './related';
import { checkBrowserFileSet } from './limits';
import { withProfile, type ImportProfile } from './profiles';
import {
	discardStaged,
	needsReadAhead,
	readStagedFile,
	stageFile,
	type InputFile,
	type StagedFile,
	type StageOptions,
	type StageProgress
} from './stage';

export type ImportStep = 'reading' | 'checking' | 'building' | 'saving';
export interface ImportProgress {
	step: ImportStep;
	file: string;
	/** Files done out of all files, counting the step. */
	done: number;
	total: number;
	/** While reading: bytes of this file read so far, of how many, and rows loaded. */
	bytes?: number;
	totalBytes?: number;
	rows?: number;
}

export interface ImportOptions {
	onProgress?: (p: ImportProgress) => void;
	/** Checked between steps; the engine's running statement is cancelled separately. */
	signal?: AbortSignal;
	/** Today's date (YYYY-MM-DD) for "date in the future" checks; DuckDB-wasm has no time zone. */
	today?: string;
	/** Sizes of the reads (tests make them small to reach the large-file paths). */
	reads?: Pick<StageOptions, 'sniffBytes' | 'spreadBytes' | 'sliceBytes'>;
}

export interface ImportResult {
	dataset: DatasetInfo;
	tables: BuiltTable[];
	/** Per new file, in the order given: how many rows it added and updated. */
	files: FileOutcome[];
	/** Goals and events whose case ID has no case, by table (listed in the issues). */
	orphans: Partial<Record<TableName, number>>;
	/** Problems by kind, over everything loaded (the files kept from earlier imports too). */
	issueCounts: Record<string, number>;
	issueTotal: number;
}

/** What the import report shows: an ImportResult, or the bundled sample's as the build prepared it. */
export interface ImportReport extends Omit<ImportResult, 'tables' | 'files' | 'orphans'> {
	tables: Pick<BuiltTable, 'mapping' | 'info' | 'dates'>[];
	files?: FileOutcome[];
	orphans?: Partial<Record<TableName, number>>;
}

/** The files behind each loaded table, so that an import keeps the problems of the files it keeps. */
export const FILES_TABLE = 'import_files';

/** Creates the empty canonical tables and the issues table, so that every query has its tables. */
export async function ensureModel(engine: Engine): Promise<void> {
	for (const decl of Object.values(TABLES)) {
		await engine.exec(
			createTableSql(decl).replace('CREATE OR REPLACE TABLE', 'CREATE TABLE IF NOT EXISTS')
		);
	}
	await engine.exec(
		`CREATE TABLE IF NOT EXISTS ${ISSUES_TABLE}
		(file VARCHAR, line INTEGER, "column" VARCHAR, value VARCHAR, problem VARCHAR, action VARCHAR);
		CREATE TABLE IF NOT EXISTS ${FILES_TABLE} (file VARCHAR, "table" VARCHAR)`
	);
}

function checkCancelled(signal?: AbortSignal) {
	if (signal?.aborted) throw new ImportCancelled();
}

/**
 * Step one: sniffs each file from samples (a small file is read whole) and proposes its mapping (a
 * saved profile for the same columns wins over synonyms). Nothing loaded before is touched.
 */
export async function stageFiles(
	engine: Engine,
	files: InputFile[],
	profiles: ImportProfile[] = [],
	options: ImportOptions = {}
): Promise<StagedFile[]> {
	// The browser's memory bounds what it can import; the command line (native DuckDB) has no such limit.
	if (engine.runtime === 'browser') checkBrowserFileSet(files);
	// Every file at once: while one file's head is sniffed on this thread, the next one's is read from
	// disk and a small file is read whole by the database (in its worker), so those waits overlap.
	let done = 0;
	const settled = await Promise.allSettled(
		files.map(async (file) => {
			checkCancelled(options.signal);
			const report = (p: Partial<ImportProgress>) =>
				options.onProgress?.({
					step: 'reading',
					file: file.name,
					done,
					total: files.length,
					...p
				});
			report({ bytes: 0, totalBytes: file.size, rows: 0 });
			const { reads, signal } = options;
			const s = await stageFile(engine, file, { ...reads, signal, onProgress: report });
			done++;
			return withProfile(s, profiles);
		})
	);
	// In the order given; a failure is the first in that order, and nothing staged is kept.
	const staged = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
	const failed = settled.find((s) => s.status === 'rejected');
	if (failed || options.signal?.aborted) {
		await discardFiles(engine, staged);
		throw failed ? failed.reason : new ImportCancelled();
	}
	return staged;
}

export async function discardFiles(engine: Engine, staged: StagedFile[]): Promise<void> {
	for (const s of staged) await discardStaged(engine, s);
}

/** How new files meet the loaded data: each of their tables replaces the loaded one, or adds to it. */
export type ImportMode = 'replace' | 'add';

export interface CompleteOptions extends ImportOptions {
	mode?: ImportMode;
	/**
	 * Asked when new cases replace the loaded ones while goals, events or staff from earlier files
	 * stay loaded; without it they are kept. The import waits for the answer (a cancel still works).
	 */
	decideRelated?: (question: RelatedQuestion) => Promise<RelatedAnswer>;
}

/**
 * Step two: builds the canonical tables from staged files with the confirmed mappings, validates
 * them, merges several files of one kind (merge.ts) and swaps them in at once. Any failure before
 * the swap leaves the loaded data as it was.
 */
export async function completeImport(
	engine: Engine,
	staged: StagedFile[],
	mappings: Mapping[],
	previous: DatasetInfo,
	options: CompleteOptions = {}
): Promise<ImportResult> {
	const today = options.today ?? new Date().toISOString().slice(0, 10);
	const mode = options.mode ?? 'replace';
	const importing = [...new Set(mappings.map((m) => m.table))];
	if (!importing.includes('cases') && !previous.tables.cases) {
		throw new ImportError(
			staged[0].file.name,
			`This file holds ${TABLES[mappings[0].table].label.toLowerCase()}, ` +
				'but no cases are loaded to link them to.',
			'Import the cases export too (you can drop several files at once).'
		);
	}
	const built: BuiltTable[] = [];
	const merged: Merged[] = [];
	const names = staged.map((s) => s.file.name);
	let removed: TableName[] = [];
	try {
		await engine.exec(`DELETE FROM ${ISSUES_TABLE} WHERE file IN (${namesSql(names)})`);
		for (const [i, s] of staged.entries()) {
			checkCancelled(options.signal);
			// A file staged from a sample is read whole now, by its build's own pass, or ahead of it where
			// the order of its dates is still open: an error here leaves the loaded data as it was.
			const progress = { file: s.file.name, done: i, total: staged.length };
			const reads = {
				...options.reads,
				signal: options.signal,
				onProgress: (p: StageProgress) =>
					options.onProgress?.({ step: 'reading', ...progress, ...p })
			};
			if (needsReadAhead(s, mappings[i])) await readStagedFile(engine, s, reads, mappings[i]);
			checkCancelled(options.signal);
			options.onProgress?.({ step: s.rowsCounted ? 'building' : 'reading', ...progress });
			built.push(await buildTable(engine, s, mappings[i], today, reads));
		}
		for (const table of importing) {
			checkCancelled(options.signal);
			const own = built.filter((b) => b.mapping.table === table);
			const loaded = mode === 'add' ? previous.tables[table] : undefined;
			if (own.length === 1 && !loaded) {
				const b = own[0];
				merged.push({
					stageTable: b.stageTable,
					info: b.info,
					outcomes: [soleOutcome(b.info.fileName, table, b.info.rows)]
				});
				continue;
			}
			const parts: MergePart[] = own.map((b) => ({
				name: b.info.fileName,
				source: b.stageTable,
				loaded: false,
				info: b.info
			}));
			if (loaded)
				parts.unshift({ name: loaded.fileName, source: ident(table), loaded: true, info: loaded });
			merged.push(await mergeParts(engine, table, parts));
			for (const b of own) await engine.exec(`DROP TABLE ${b.stageTable}`);
		}
		const newCases = merged[importing.indexOf('cases')];
		if (newCases && mode === 'replace' && options.decideRelated) {
			const question = await relatedQuestion(engine, previous, importing, newCases.stageTable);
			if (question && (await options.decideRelated(question)) === 'remove')
				removed = question.tables.map((t) => t.table);
		}
		checkCancelled(options.signal);
		options.onProgress?.({ step: 'saving', file: '', done: staged.length, total: staged.length });
		const swaps = importing.map((table, i) => ({ table, from: merged[i].stageTable }));
		const files = staged.map((s, i) => ({ file: s.file.name, table: mappings[i].table }));
		await swapIn(engine, { swaps, files, previous, removed, mode });
	} catch (error) {
		for (const b of built) await engine.exec(`DROP TABLE IF EXISTS ${b.stageTable}`);
		for (const m of merged) await engine.exec(`DROP TABLE IF EXISTS ${m.stageTable}`);
		await engine
			.exec(
				`DELETE FROM ${ISSUES_TABLE} WHERE file IN (${namesSql(names)})
				AND file NOT IN (SELECT file FROM ${FILES_TABLE})`
			)
			.catch(() => {});
		throw error;
	} finally {
		await discardFiles(engine, staged);
	}
	const dataset: DatasetInfo = { tables: { ...previous.tables } };
	for (const [i, table] of importing.entries()) dataset.tables[table] = merged[i].info;
	for (const table of removed) delete dataset.tables[table];
	const orphans = await recordOrphans(engine, dataset);
	const issueCounts = await countIssues(engine);
	return {
		dataset,
		tables: built,
		files: merged.flatMap((m) => m.outcomes),
		orphans,
		issueCounts,
		issueTotal: Object.values(issueCounts).reduce((a, b) => a + b, 0)
	};
}

/** Stages and completes in one go with the proposed mappings: for tests and the command line. */
export async function importAll(
	engine: Engine,
	files: InputFile[],
	previous: DatasetInfo,
	options: CompleteOptions & { mappings?: (Mapping | undefined)[] } = {}
): Promise<ImportResult> {
	const staged = await stageFiles(engine, files, [], options);
	return completeImport(
		engine,
		staged,
		staged.map((s, i) => options.mappings?.[i] ?? s.mapping),
		previous,
		options
	);
}

/** Category columns that name the same thing across tables and must be spelled alike. */
const SHARED_LABELS: { column: string; tables: TableName[] }[] = [
	{ column: 'worker', tables: ['cases', 'staff'] },
	{ column: 'office', tables: ['cases', 'staff'] }
];

interface Swap {
	swaps: { table: TableName; from: string }[];
	/** Each new file and its table. */
	files: { file: string; table: TableName }[];
	previous: DatasetInfo;
	/** Loaded tables the user chose to remove with the cases they belonged to. */
	removed: TableName[];
	mode: ImportMode;
}

/**
 * Replaces the imported tables in one transaction and empties those the new dataset does not
 * keep, keeps the problems of the files still loaded only, then gives every label one spelling.
 */
async function swapIn(engine: Engine, s: Swap): Promise<void> {
	await engine.exec('BEGIN TRANSACTION');
	try {
		for (const { table, from } of s.swaps) {
			// The staged table becomes the canonical one by name: a million rows are not copied again.
			await engine.exec(
				`DROP TABLE IF EXISTS ${ident(table)}; ALTER TABLE ${from} RENAME TO ${ident(table)}`
			);
			if (s.mode === 'replace')
				await engine.exec(`DELETE FROM ${FILES_TABLE} WHERE "table" = ${literal(table)}`);
		}
		for (const name of Object.keys(TABLES) as TableName[]) {
			const kept = s.previous.tables[name] || s.swaps.some((w) => w.table === name);
			if (!kept || s.removed.includes(name)) {
				await engine.exec(
					`DELETE FROM ${ident(name)}; DELETE FROM ${FILES_TABLE} WHERE "table" = ${literal(name)}`
				);
			}
		}
		for (const { file, table } of s.files) {
			await engine.exec(`DELETE FROM ${FILES_TABLE} WHERE file = ${literal(file)} AND "table" = ${literal(table)};
				INSERT INTO ${FILES_TABLE} VALUES (${literal(file)}, ${literal(table)})`);
		}
		await engine.exec(
			`DELETE FROM ${ISSUES_TABLE} WHERE file NOT IN (SELECT file FROM ${FILES_TABLE})`
		);
		await unifyLabels(engine);
		await engine.exec('COMMIT');
	} catch (error) {
		await engine.exec('ROLLBACK');
		throw error;
	}
}

/** Problems by kind, over everything loaded. */
async function countIssues(engine: Engine): Promise<Record<string, number>> {
	const rows = await engine.query<{ problem: string; n: number }>(
		`SELECT problem, count(*)::INTEGER AS n FROM ${ISSUES_TABLE} GROUP BY problem`
	);
	return Object.fromEntries(rows.map((r) => [r.problem, r.n]));
}

/**
 * "  ANA RUIZ " and "Ana Ruiz" are one worker: per label column, every letter-case variant takes
 * one spelling across the tables that share it: the staff list's, else the most used, else the one
 * in mixed case ("Ana Ruiz" over "ANA RUIZ").
 */
async function unifyLabels(engine: Engine): Promise<void> {
	const groups: { column: string; tables: TableName[] }[] = [...SHARED_LABELS];
	for (const decl of Object.values(TABLES)) {
		for (const c of decl.columns) {
			if (
				c.kind === 'category' &&
				!SHARED_LABELS.some((s) => s.column === c.name && s.tables.includes(decl.name))
			) {
				groups.push({ column: c.name, tables: [decl.name] });
			}
		}
	}
	for (const g of groups) {
		const col = ident(g.column);
		const union = g.tables
			.map((t) => `SELECT ${col} AS v, ${t === 'staff'} AS listed FROM ${ident(t)}`)
			.join(' UNION ALL ');
		await engine.exec(`CREATE OR REPLACE TEMP TABLE label_spelling AS
			SELECT lower(v) AS k,
				first(v ORDER BY listed DESC, n DESC, v <> upper(v) AND v <> lower(v) DESC, v) AS spelling
			FROM (SELECT v, bool_or(listed) AS listed, count(*) AS n FROM (${union}) WHERE v IS NOT NULL GROUP BY v)
			GROUP BY k HAVING count(*) > 1`);
		for (const t of g.tables) {
			await engine.exec(`UPDATE ${ident(t)} SET ${col} = s.spelling FROM label_spelling s
				WHERE lower(${ident(t)}.${col}) = s.k AND ${ident(t)}.${col} <> s.spelling`);
		}
	}
	await engine.exec('DROP TABLE IF EXISTS label_spelling');
}

/** The first `limit` problems of the last import, in file and row order, for the validation report. */
export async function listIssues(engine: Engine, limit = 500, offset = 0): Promise<Issue[]> {
	return engine.query<Issue & Record<string, unknown>>(
		`SELECT file, line, "column", value, problem, action FROM ${ISSUES_TABLE}
		ORDER BY file, line NULLS FIRST, problem LIMIT ${limit} OFFSET ${offset}`
	);
}

export async function listIssuesFor(
	engine: Engine,
	problem: string,
	limit = 500
): Promise<Issue[]> {
	return engine.query<Issue & Record<string, unknown>>(
		`SELECT file, line, "column", value, problem, action FROM ${ISSUES_TABLE}
		WHERE problem = ${literal(problem)} ORDER BY file, line LIMIT ${limit}`
	);
}
