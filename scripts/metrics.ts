/**
 * The metric engine on the command line: imports CSV exports as the browser does and prints every
 * metric, as JSON keyed by metric id (--json) or as a readable table.
 *
 *   npm run metrics -- --cases FILE [--goals FILE] [--events FILE] [--staff FILE]
 *                      [--mapping FILE.json] [--settings FILE.json] [--as-of YYYY-MM-DD[ hh:mm:ss]]
 *                      [--from YYYY-MM-DD --to YYYY-MM-DD] [--json]
 *
 * --mapping: a JSON object keyed by table (cases, goals, events, staff), each { "columns": { canonical
 * column: the file's header }, "dateOrder"?: ... }, used instead of the proposed mapping.
 * --settings: the metric settings as exported by the app (partial is fine; the rest are defaults).
 * The scope goes to standard error, the figures to standard output. Exit code 2: bad arguments; 1: failure.
 */
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { formatDuration, plural } from '../src/lib/charts/format';
import { createNodeEngine } from '../src/lib/engine/node';
import type { Engine } from '../src/lib/engine/types';
import { importPaths } from '../src/lib/import/node';
import type { TableName } from '../src/lib/model/tables';
import { CATALOGUE } from '../src/lib/metrics/catalogue';
import { computeAll, metricContext } from '../src/lib/metrics/run';
import {
	asOfDate,
	defaultScope,
	isIsoDate,
	isIsoTimestamp,
	periodEnding,
	validateScope
} from '../src/lib/metrics/scope';
import { defaultSettings, validateSettings, type Settings } from '../src/lib/metrics/settings';
import { AREAS, type MetricResult } from '../src/lib/metrics/types';

export interface CliArgs {
	files: Partial<Record<TableName, string>>;
	mapping?: string;
	settings?: string;
	asOf?: string;
	from?: string;
	to?: string;
	json: boolean;
}

export class UsageError extends Error {}

const USAGE =
	'usage: npm run metrics -- --cases FILE [--goals FILE] [--events FILE] [--staff FILE] ' +
	'[--mapping FILE.json] [--settings FILE.json] [--as-of YYYY-MM-DD] [--from YYYY-MM-DD --to YYYY-MM-DD] [--json]';

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
			case '--staff':
				args.files[flag.slice(2) as TableName] = take();
				break;
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
	return args;
}

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

/** Runs the command line; returns the exit code. `engine` may be given (tests); otherwise one is created and closed. */
export async function main(
	argv: string[],
	io: CliIo,
	options: { engine?: Engine } = {}
): Promise<number> {
	let args: CliArgs;
	let settings: Settings = defaultSettings();
	let mappings: Record<string, unknown> | undefined;
	try {
		args = parseArgs(argv);
		if (args.settings) {
			const checked = validateSettings(await readJson(args.settings, 'settings'));
			if (!checked.ok)
				throw new UsageError(`settings ${args.settings}: ${checked.errors.join('; ')}`);
			settings = checked.settings;
		}
		if (args.mapping) {
			const m = await readJson(args.mapping, 'mapping');
			if (typeof m !== 'object' || m === null || Array.isArray(m))
				throw new UsageError('--mapping must be a JSON object keyed by table');
			mappings = m as Record<string, unknown>;
		}
	} catch (err) {
		if (err instanceof UsageError) {
			io.err(err.message + '\n');
			return 2;
		}
		throw err;
	}
	const engine = options.engine ?? (await createNodeEngine());
	try {
		const imported = await importPaths(
			engine,
			args.files,
			mappings ? { mappings: mappings as never } : {}
		);
		if (imported.issueTotal > 0) {
			io.err(
				`import: ${Object.entries(imported.issueCounts)
					.map(([k, n]) => `${n} ${k}`)
					.join(', ')}\n`
			);
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
		io.out(args.json ? JSON.stringify(results, null, 2) + '\n' : formatTable(results));
		return 0;
	} catch (err) {
		io.err(`${(err as Error).message}\n`);
		return 1;
	} finally {
		if (!options.engine) await engine.close();
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	main(process.argv.slice(2), {
		out: (t) => process.stdout.write(t),
		err: (t) => process.stderr.write(t)
	}).then(
		(code) => process.exit(code),
		(err) => {
			console.error(err);
			process.exit(1);
		}
	);
}
