import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Engine } from '../engine/types';
import { EMPTY_DATASET, type DatasetInfo } from '../model/dataset';
import type { TableName } from '../model/tables';
import { completeImport, ensureModel, stageFiles, type ImportResult } from './import';
import { proposeMapping, type Mapping } from './mapping';
import type { InputFile } from './stage';

export async function readInputFile(filePath: string): Promise<InputFile> {
	const data = new Uint8Array(await readFile(filePath));
	return { name: path.basename(filePath), size: data.length, data };
}

export interface PathImportOptions {
	/** Mappings to use instead of the proposed ones, by table (e.g. from a `--mapping` JSON file). */
	mappings?: Partial<Record<TableName, Omit<Mapping, 'table'>>>;
	previous?: DatasetInfo;
	today?: string;
}

/**
 * Imports CSV files from disk with the same staging, mapping and validation as the browser:
 * for tests and the command line. Each file's table is given by its key.
 */
export async function importPaths(
	engine: Engine,
	files: Partial<Record<TableName, string>>,
	options: PathImportOptions = {}
): Promise<ImportResult> {
	await ensureModel(engine);
	const entries = Object.entries(files).filter(([, p]) => p) as [TableName, string][];
	const inputs = await Promise.all(entries.map(([, p]) => readInputFile(p)));
	const staged = await stageFiles(engine, inputs);
	const mappings = staged.map((s, i) => {
		const table = entries[i][0];
		const given = options.mappings?.[table];
		if (given) return { ...given, table };
		return s.mapping.table === table ? s.mapping : proposeMapping(table, s.guesses);
	});
	return completeImport(engine, staged, mappings, options.previous ?? EMPTY_DATASET, {
		today: options.today
	});
}
