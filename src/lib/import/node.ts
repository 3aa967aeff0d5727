import { openAsBlob } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Engine } from '../engine/types';
import { EMPTY_DATASET, type DatasetInfo } from '../model/dataset';
import { TABLES, type TableName } from '../model/tables';
import { ImportError } from './errors';
import { completeImport, discardFiles, ensureModel, stageFiles, type ImportResult } from './import';
import { proposeMapping, type Mapping } from './mapping';
import type { ImportProfile } from './profiles';
import type { InputFile, StagedFile } from './stage';
import { isWorkbookName, sheetInputName, workbookToCsv, type ConvertedSheet } from './xlsx';

/**
 * A file on disk as an import input: a Blob backed by the file, read a slice at a time, so that a
 * file is never held whole in memory. A missing or unreadable file is named in the error.
 */
export async function readInputFile(
	filePath: string,
	workbook: WorkbookOptions = {}
): Promise<InputFile> {
	const name = path.basename(filePath);
	let size: number;
	try {
		const info = await stat(filePath);
		if (!info.isFile()) throw new Error('not a file');
		size = info.size;
	} catch (error) {
		const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
		throw new ImportError(
			filePath,
			missing ? 'There is no such file.' : 'This is not a file that can be read.',
			'Check the path and the file name.'
		);
	}
	if (isWorkbookName(name)) {
		// A workbook is read whole (its XML is zipped) and becomes CSV text with the sheet's rows.
		const converted = workbookToCsv(new Uint8Array(await readFile(filePath)), name, workbook.sheet);
		const { csv, ...sheet } = converted;
		workbook.onSheet?.(name, sheet);
		const data = new TextEncoder().encode(csv);
		return { name: sheetInputName(name, sheet.sheet), size: data.length, data };
	}
	return { name, size, data: await openAsBlob(filePath), path: path.resolve(filePath) };
}

export interface WorkbookOptions {
	/** The sheet to read from each workbook (default: the one that looks most like a table). */
	sheet?: string;
	/** Told which sheet of a workbook was read, and why. */
	onSheet?: (file: string, converted: Omit<ConvertedSheet, 'csv'>) => void;
}

export interface PathImportOptions extends WorkbookOptions {
	/** Mappings to use instead of the proposed ones, by table (e.g. from a `--mapping` JSON file). */
	mappings?: Partial<Record<TableName, Omit<Mapping, 'table'>>>;
	/** Saved import profiles (the app's export): a file whose headers match one is mapped by it. */
	profiles?: ImportProfile[];
	previous?: DatasetInfo;
	today?: string;
}

/** A given mapping must name the table's columns and the file's headers; says which does not. */
function checkGivenMapping(table: TableName, given: Omit<Mapping, 'table'>, staged: StagedFile) {
	const decl = TABLES[table];
	const headers = staged.sniff.headers;
	for (const [column, header] of Object.entries(given.columns)) {
		const declared = decl.columns.find((c) => c.name === column);
		if (!declared) {
			throw new ImportError(
				staged.file.name,
				`The mapping names a column "${column}" that ${decl.label.toLowerCase()} do not have.`,
				`Use one of: ${decl.columns.map((c) => c.name).join(', ')}.`
			);
		}
		if (!headers.includes(header)) {
			throw new ImportError(
				staged.file.name,
				`The mapping reads ${declared.label} (${column}) from the header "${header}", ` +
					'which this file does not have.',
				`Its headers are: ${headers.map((h) => `"${h}"`).join(', ')}.`
			);
		}
	}
}

/**
 * Imports files from disk with the same staging, mapping and validation as the browser: for tests
 * and the command line. Each file's table is given by its key; a key may hold several files of
 * one kind, in order.
 */
export async function importPaths(
	engine: Engine,
	files: Partial<Record<TableName, string | string[]>>,
	options: PathImportOptions = {}
): Promise<ImportResult> {
	await ensureModel(engine);
	const entries = (Object.entries(files) as [TableName, string | string[] | undefined][]).flatMap(
		([table, paths]) => [paths ?? []].flat().map((p) => [table, p] as const)
	);
	const inputs = await Promise.all(entries.map(([, p]) => readInputFile(p, options)));
	const staged = await stageFiles(engine, inputs, options.profiles ?? []);
	let mappings: Mapping[];
	try {
		mappings = staged.map((s, i) => {
			const table = entries[i][0];
			const given = options.mappings?.[table];
			if (given) {
				checkGivenMapping(table, given, s);
				return { ...given, table };
			}
			return s.mapping.table === table ? s.mapping : proposeMapping(table, s.guesses);
		});
	} catch (error) {
		await discardFiles(engine, staged);
		throw error;
	}
	return completeImport(engine, staged, mappings, options.previous ?? EMPTY_DATASET, {
		today: options.today
	});
}
