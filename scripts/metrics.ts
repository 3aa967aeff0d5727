/**
 * The metric engine on the command line: imports exports as the browser does and prints every
 * metric, as JSON keyed by metric id (--json; the mapping used under `mapping`) or as a readable table.
 *
 *   npm run metrics -- --cases FILE [--cases FILE ...] [--goals FILE] [--events FILE] [--staff FILE]
 *                      [--mapping FILE.json] [--settings FILE.json] [--as-of YYYY-MM-DD[ hh:mm:ss]]
 *                      [--from YYYY-MM-DD --to YYYY-MM-DD] [--json]
 *                      [--engine native|wasm] [--memory-limit 4GB] [--temp-dir DIR] [--export-model DIR]
 *
 * It runs native DuckDB (every core, files read from disk a slice at a time, spilling to --temp-dir
 * past --memory-limit); --engine wasm runs the browser's duckdb-wasm instead, for checking.
 * --mapping: a JSON object keyed by table (cases, goals, events, staff), each { "columns": { canonical
 * column: the file's header }, "dateOrder"?: ... }, used instead of the proposed mapping; or import
 * profiles, or the app's "Export settings, profiles and templates" file (its profiles).
 * --settings: the metric settings as exported by the app (partial is fine; the rest are defaults), or
 * that same settings file.
 * --export-model DIR: the canonical tables and the import report as Parquet (docs/scale.md).
 * The mapping and scope go to standard error, the figures to standard output. Exit code 2: bad
 * arguments; 1: failure.
 */
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { formatDuration, plural } from '../src/lib/charts/format';
import { createNativeEngine } from '../src/lib/engine/native';
import { createNodeEngine } from '../src/lib/engine/node';
import type { Engine } from '../src/lib/engine/types';
import { importPaths } from '../src/lib/import/node';
import { sheetInputName } from '../src/lib/import/xlsx';
import { CATALOGUE } from '../src/lib/metrics/catalogue';
import { computeAll, metricContext } from '../src/lib/metrics/run';
import { asOfDate, defaultScope, periodEnding, validateScope } from '../src/lib/metrics/scope';
import { defaultSettings, validateSettings, type Settings } from '../src/lib/metrics/settings';
import { AREAS, type MetricResult } from '../src/lib/metrics/types';
import { parseArgs, UsageError, type CliArgs } from './cli/args';
import { describeMapping, mappingText } from './cli/describe';
import { exportModel } from './cli/export';
import { readMappingFile, type MappingFile } from './cli/mapping';

export { parseArgs, UsageError, type CliArgs };

async function readJson(file: string, what: string): Promise<unknown> {
	try {
		return JSON.parse(await readFile(file, 'utf8'));
	} catch (err) {
		throw new UsageError(`cannot read ${what} ${file}: ${(err as Error).message}`);
	}
}

/** A scalar as text: durations as the app writes them ("1.7 hours", "12.5 days"); the JSON keeps days. */
function fmt(value: number | null, unit: string): string {
	if (value === null) return '-';
	if (unit === 'share') return `${(value * 100).toFixed(1)}%`;
	if (unit === 'ratio') return value.toFixed(3);
	if (unit === 'days') return formatDuration(value);
	if (unit === 'T score' || unit === 'score') return value.toFixed(1);
	return String(value);
}

function cell(v: unknown): string {
	if (v === null || v === undefined) return '-';
	if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(3);
	return String(v);
}

/** The readable report: one line per scalar, small tables in full, long ones summarised. */
export function formatTable(results: Record<string, MetricResult>): string {
	const lines: string[] = [];
	for (const area of AREAS) {
		lines.push('', area.title.toUpperCase());
		for (const e of CATALOGUE.filter((x) => x.area === area.id)) {
			const r = results[e.id];
			const note = r.unavailable ?? (r.error ? `error: ${r.error}` : '');
			if (r.kind === 'scalar') {
				const n = r.n !== undefined ? `  (n = ${r.n})` : '';
				const scale = typeof r.detail?.scale === 'string' ? `  scale ${r.detail.scale}` : '';
				lines.push(`  ${e.title.padEnd(46)} ${note ? note : fmt(r.value, e.unit) + n + scale}`);
				continue;
			}
			if (note) {
				lines.push(`  ${e.title.padEnd(46)} ${note}`);
				continue;
			}
			if (r.rows.length > 24) {
				lines.push(
					`  ${e.title.padEnd(46)} ${r.rows.length} ${plural(r.rows.length, 'row')} (see --json)`
				);
				continue;
			}
			lines.push(`  ${e.title}`);
			const cols = e.columns?.map((c) => c.name) ?? Object.keys(r.rows[0] ?? {});
			const table = [cols, ...r.rows.map((row) => cols.map((c) => cell(row[c])))];
			const widths = cols.map((_, i) => Math.max(...table.map((t) => String(t[i]).length)));
			for (const t of table)
				lines.push(`    ${t.map((c, i) => String(c).padEnd(widths[i])).join('  ')}`);
			if (!r.rows.length) lines.push('    (no rows)');
		}
	}
	return lines.join('\n').slice(1) + '\n';
}

export interface CliIo {
	out(text: string): void;
	err(text: string): void;
}

const SETTINGS_BUNDLE = 'casemetrics-settings';

/** The settings file: plain settings, or the app's settings export (its settings part). */
async function readSettings(file: string): Promise<Settings> {
	let value = await readJson(file, 'settings');
	if (
		typeof value === 'object' &&
		value &&
		(value as { format?: unknown }).format === SETTINGS_BUNDLE
	)
		value = (value as { settings?: unknown }).settings ?? {};
	const checked = validateSettings(value);
	if (!checked.ok) throw new UsageError(`settings ${file}: ${checked.errors.join('; ')}`);
	return checked.settings;
}

function createEngine(args: CliArgs): Promise<Engine> {
	if (args.engine === 'wasm') return createNodeEngine();
	return createNativeEngine({ memoryLimit: args.memoryLimit, tempDir: args.tempDir });
}

/** Runs the command line; returns the exit code. `engine` may be given (tests); otherwise one is created and closed. */
export async function main(
	argv: string[],
	io: CliIo,
	options: { engine?: Engine } = {}
): Promise<number> {
	let args: CliArgs;
	let settings: Settings = defaultSettings();
	let mapping: MappingFile = {};
	try {
		args = parseArgs(argv);
		if (args.settings) settings = await readSettings(args.settings);
		if (args.mapping)
			mapping = readMappingFile(await readJson(args.mapping, 'mapping'), args.mapping);
	} catch (err) {
		if (err instanceof UsageError) {
			io.err(err.message + '\n');
			return 2;
		}
		throw err;
	}
	let engine: Engine | undefined = options.engine;
	try {
		engine ??= await createEngine(args);
		const sheets = new Map<string, string>();
		const imported = await importPaths(engine, args.files, {
			mappings: mapping.mappings,
			profiles: mapping.profiles,
			sheet: args.sheet,
			onSheet: (file, c) => {
				sheets.set(sheetInputName(file, c.sheet), c.sheet);
				const others = c.sheets.filter((s) => s.name !== c.sheet).map((s) => `"${s.name}"`);
				io.err(
					`sheet: ${file} "${c.sheet}" (${c.chosen === 'proposed' ? 'looks most like a table' : c.chosen})` +
						`${others.length ? `; other sheets ${others.join(', ')} (--sheet NAME)` : ''}\n`
				);
			}
		});
		const used = describeMapping(imported, new Set(Object.keys(mapping.mappings ?? {})), sheets);
		io.err(mappingText(used));
		if (imported.issueTotal > 0) {
			io.err(
				`import: ${Object.entries(imported.issueCounts)
					.map(([k, n]) => `${n} ${k}`)
					.join(', ')}\n`
			);
		}
		if (args.exportModel) {
			const written = await exportModel(engine, args.exportModel, imported);
			io.err(`export: ${written.length} Parquet files in ${args.exportModel}\n`);
		}
		const dataset = imported.dataset;
		const scope = await defaultScope(engine, dataset);
		if (args.asOf) Object.assign(scope, { asOf: args.asOf }, periodEnding(asOfDate(args.asOf)));
		if (args.from && args.to) Object.assign(scope, { from: args.from, to: args.to });
		const problems = validateScope(scope);
		if (problems.length) {
			io.err(problems.join('\n') + '\n');
			return 2;
		}
		const cases = dataset.tables.cases?.rows ?? 0;
		io.err(
			`scope: as of ${scope.asOf}, period ${scope.from} to ${scope.to}, ` +
				`${cases} ${plural(cases, 'case')}\n`
		);
		const results = await computeAll(engine, metricContext(scope, settings, dataset));
		io.out(
			args.json
				? JSON.stringify({ ...results, mapping: used }, null, 2) + '\n'
				: formatTable(results)
		);
		return 0;
	} catch (err) {
		io.err(`${(err as Error).message}\n`);
		return 1;
	} finally {
		if (!options.engine) await engine?.close();
	}
}

/** Writes `text` and resolves once it is handed to the system: a pipe gets all of it before exit. */
function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
	return new Promise((resolve, reject) =>
		stream.write(text, (error) => (error ? reject(error) : resolve()))
	);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const pending: Promise<void>[] = [];
	main(process.argv.slice(2), {
		out: (t) => void pending.push(write(process.stdout, t)),
		err: (t) => void pending.push(write(process.stderr, t))
	})
		.catch((err) => {
			pending.push(write(process.stderr, `${(err as Error).message ?? err}\n`));
			return 1;
		})
		.then(async (code) => {
			// A closed pipe (| head) is the reader's choice, not a failure to report.
			await Promise.all(pending).catch(() => {});
			process.exit(code);
		});
}
