/** The command line's arguments: parsed and checked before any file is opened. */
import type { TableName } from '../../src/lib/model/tables';
import { isIsoDate, isIsoTimestamp } from '../../src/lib/metrics/scope';

export interface CliArgs {
	/** The files of each kind, in the order given (several monthly exports make one history). */
	files: Partial<Record<TableName, string[]>>;
	mapping?: string;
	settings?: string;
	asOf?: string;
	from?: string;
	to?: string;
	json: boolean;
	/** 'native' (DuckDB itself, the default) or 'wasm' (the browser's engine, for checking). */
	engine?: 'native' | 'wasm';
	memoryLimit?: string;
	tempDir?: string;
	exportModel?: string;
	/** The sheet of an .xlsx workbook to read. */
	sheet?: string;
}

export class UsageError extends Error {}

export const USAGE = `usage: npm run metrics -- --cases FILE [--cases FILE ...]
  [--goals FILE] [--events FILE] [--staff FILE] [--mapping FILE.json] [--settings FILE.json]
  [--as-of YYYY-MM-DD] [--from YYYY-MM-DD --to YYYY-MM-DD]
  [--json] [--engine native|wasm] [--memory-limit 4GB] [--temp-dir DIR] [--export-model DIR] [--sheet NAME]`;

const MEMORY = /^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i;

export function parseArgs(argv: string[]): CliArgs {
	const args: CliArgs = { files: {}, json: false };
	const value = (i: number, flag: string) => {
		const v = argv[i + 1];
		if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
		return v;
	};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const [flag, inline] = a.includes('=')
			? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
			: [a, undefined];
		const take = () => (inline !== undefined ? inline : value(i++, flag));
		switch (flag) {
			case '--cases':
			case '--goals':
			case '--events':
			case '--staff': {
				const table = flag.slice(2) as TableName;
				(args.files[table] ??= []).push(take());
				break;
			}
			case '--mapping':
				args.mapping = take();
				break;
			case '--settings':
				args.settings = take();
				break;
			case '--as-of':
				args.asOf = take();
				break;
			case '--from':
				args.from = take();
				break;
			case '--to':
				args.to = take();
				break;
			case '--json':
				args.json = true;
				break;
			case '--engine': {
				const engine = take();
				if (engine !== 'native' && engine !== 'wasm')
					throw new UsageError(`--engine must be native or wasm, got ${engine}`);
				args.engine = engine;
				break;
			}
			case '--memory-limit': {
				const limit = take();
				if (!MEMORY.test(limit))
					throw new UsageError(`--memory-limit must be a size such as 4GB or 512MB, got ${limit}`);
				args.memoryLimit = limit;
				break;
			}
			case '--temp-dir':
				args.tempDir = take();
				break;
			case '--export-model':
				args.exportModel = take();
				break;
			case '--sheet':
				args.sheet = take();
				break;
			case '--help':
			case '-h':
				throw new UsageError(USAGE);
			default:
				throw new UsageError(`unknown argument ${a}\n${USAGE}`);
		}
	}
	if (!args.files.cases) throw new UsageError(`--cases is required\n${USAGE}`);
	if ((args.from === undefined) !== (args.to === undefined))
		throw new UsageError('--from and --to go together');
	if (args.asOf !== undefined && !isIsoDate(args.asOf) && !isIsoTimestamp(args.asOf))
		throw new UsageError(`--as-of must be YYYY-MM-DD or "YYYY-MM-DD hh:mm:ss", got ${args.asOf}`);
	for (const [k, v] of [
		['--from', args.from],
		['--to', args.to]
	] as const)
		if (v !== undefined && !isIsoDate(v)) throw new UsageError(`${k} must be YYYY-MM-DD, got ${v}`);
	if (args.engine === 'wasm' && (args.memoryLimit || args.tempDir))
		throw new UsageError(
			'--memory-limit and --temp-dir apply to the native engine, not --engine wasm'
		);
	if (args.engine === 'wasm' && args.exportModel)
		throw new UsageError(
			'--export-model needs the native engine (duckdb-wasm has no Parquet writer): leave out --engine wasm'
		);
	return args;
}
