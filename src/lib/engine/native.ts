import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import {
	arrayFromArrayValue,
	arrayFromListValue,
	DuckDBInstance,
	DuckDBTypeId,
	JSDuckDBValueConverter,
	objectFromStructValue,
	type DuckDBDateValue,
	type DuckDBTimestampValue,
	type DuckDBValueConverter,
	type JS
} from '@duckdb/node-api';
import { literal } from './sql';
import { CONNECTION_SETUP, type Engine, type Row } from './types';

export interface NativeOptions {
	/** DuckDB's memory limit, e.g. '4GB' (default: DuckDB's, 80% of the machine's memory). */
	memoryLimit?: string;
	/** Where DuckDB spills what does not fit in the memory limit (default: a private folder under the OS's). */
	tempDir?: string;
	/** Threads (default: every core). */
	threads?: number;
}

function isoFromMs(ms: number, withTime: boolean): string {
	const iso = new Date(ms).toISOString();
	return withTime ? iso.slice(0, 19).replace('T', ' ') : iso.slice(0, 10);
}

/**
 * Values as the wasm engine gives them (engine/arrow.ts): BIGINT and HUGEINT as number, DECIMAL as
 * number, DATE as 'YYYY-MM-DD', TIMESTAMP as 'YYYY-MM-DD hh:mm:ss' (to the second, as Arrow's
 * milliseconds become it), lists and structs as plain arrays and objects.
 */
const toPlain: DuckDBValueConverter<unknown> = (value, type, converter) => {
	if (value === null) return null;
	switch (type.typeId) {
		case DuckDBTypeId.BIGINT:
		case DuckDBTypeId.UBIGINT:
		case DuckDBTypeId.HUGEINT:
		case DuckDBTypeId.UHUGEINT:
			return Number(value as bigint);
		case DuckDBTypeId.DATE:
			return isoFromMs((value as DuckDBDateValue).days * 86_400_000, false);
		case DuckDBTypeId.TIMESTAMP:
			return isoFromMs(Number((value as DuckDBTimestampValue).micros) / 1000, true);
		case DuckDBTypeId.LIST:
			return arrayFromListValue(value, type, converter);
		case DuckDBTypeId.ARRAY:
			return arrayFromArrayValue(value, type, converter);
		case DuckDBTypeId.STRUCT:
			return objectFromStructValue(value, type, converter);
		default:
			return JSDuckDBValueConverter(value, type, converter as DuckDBValueConverter<JS>);
	}
};

/**
 * Native DuckDB (`@duckdb/node-api`) for the command line: every core, a memory limit with
 * spilling to a temporary folder, and no extension ever installed or loaded on its own. The same
 * interface and the same SQL as the wasm engines. Files on disk are read by their path; bytes
 * handed over are written to a private folder that DuckDB reads by name (`file_search_path`).
 */
export async function createNativeEngine(options: NativeOptions = {}): Promise<Engine> {
	const files = await mkdtemp(path.join(tmpdir(), 'casemetrics-files-'));
	const config: Record<string, string> = {
		threads: String(options.threads ?? availableParallelism()),
		autoinstall_known_extensions: 'false',
		autoload_known_extensions: 'false'
	};
	if (options.memoryLimit) config.memory_limit = options.memoryLimit;
	// DuckDB's own default is '.tmp' in the working folder: spill to our private folder instead.
	config.temp_directory = options.tempDir ?? path.join(files, 'spill');
	let instance: DuckDBInstance;
	try {
		instance = await DuckDBInstance.create(':memory:', config);
	} catch (error) {
		await rm(files, { recursive: true, force: true });
		throw error;
	}
	const conn = await instance.connect();
	for (const statement of CONNECTION_SETUP) await conn.run(statement);
	await conn.run(`SET file_search_path = ${literal(files)}`);
	const fileOf = (name: string) => path.join(files, path.basename(name));

	return {
		runtime: 'native',
		readsPaths: true,
		async query<T extends Row = Row>(sql: string) {
			const reader = await conn.runAndReadAll(sql);
			return reader.convertRowObjects(toPlain) as T[];
		},
		async exec(sql: string) {
			await conn.run(sql);
		},
		async registerFile(name: string, bytes: Uint8Array) {
			await writeFile(fileOf(name), bytes);
		},
		async dropFile(name: string) {
			await rm(fileOf(name), { force: true });
		},
		async insertArrow() {
			throw new Error(
				'The native engine reads files, not Arrow streams: import the CSV files instead.'
			);
		},
		async cancel() {
			conn.interrupt();
			return true;
		},
		async close() {
			conn.closeSync();
			instance.closeSync();
			await rm(files, { recursive: true, force: true });
		}
	};
}
