/**
 * `--mapping FILE.json`: the command line's own mapping (keyed by table), one import profile or a
 * list of them, or the app's "Export settings, profiles and templates" file. Every way it can be
 * wrong gets a message that says where and what to write instead.
 */
import type { ImportProfile } from '../../src/lib/import/profiles';
import type { Mapping } from '../../src/lib/import/mapping';
import { TABLES, type TableName } from '../../src/lib/model/tables';
import { UsageError } from './args';

export interface MappingFile {
	mappings?: Partial<Record<TableName, Omit<Mapping, 'table'>>>;
	profiles?: ImportProfile[];
	/** The settings an exported settings file carries (null: the app's defaults). */
	settings?: unknown;
}

const BUNDLE_MARK = 'casemetrics-settings';
const DATE_ORDERS = ['day-first', 'month-first'];
const KINDS = Object.keys(TABLES).join(', ');

const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

function columnsProblem(table: TableName, columns: unknown): string | null {
	if (!isObject(columns))
		return 'needs "columns": an object from our column name to the header in your file';
	const names = TABLES[table].columns.map((c) => c.name);
	for (const [column, header] of Object.entries(columns)) {
		if (!names.includes(column))
			return `names a column "${column}" that ${table} do not have (use one of: ${names.join(', ')})`;
		if (typeof header !== 'string' || !header)
			return `reads "${column}" from ${JSON.stringify(header)}: give the header as text`;
	}
	return null;
}

function dateOrderProblem(order: unknown): string | null {
	if (order === undefined || order === null || DATE_ORDERS.includes(order as string)) return null;
	return `has dateOrder ${JSON.stringify(order)}: use "day-first" or "month-first"`;
}

function checkProfile(p: unknown, where: string): ImportProfile {
	if (!isObject(p)) throw new UsageError(`${where} is not an object`);
	const name = typeof p.name === 'string' ? ` ("${p.name}")` : '';
	const fail = (problem: string) => new UsageError(`${where}${name} ${problem}`);
	if (typeof p.table !== 'string' || !(p.table in TABLES))
		throw fail(`has the kind of data ${JSON.stringify(p.table)}: use one of ${KINDS}`);
	if (!Array.isArray(p.signature) || !p.signature.every((s) => typeof s === 'string'))
		throw fail('has no "signature" (the list of the export\'s headers it was saved for)');
	const problem = columnsProblem(p.table as TableName, p.columns) ?? dateOrderProblem(p.dateOrder);
	if (problem) throw fail(problem);
	return {
		name: typeof p.name === 'string' ? p.name : 'profile',
		table: p.table as TableName,
		signature: p.signature as string[],
		columns: p.columns as Record<string, string>,
		dateOrder: (p.dateOrder ?? undefined) as ImportProfile['dateOrder'],
		savedAt: typeof p.savedAt === 'string' ? p.savedAt : ''
	};
}

/** Reads the parsed JSON of a `--mapping` file; `file` names it in messages. */
export function readMappingFile(value: unknown, file: string): MappingFile {
	const where = `--mapping ${file}:`;
	if (Array.isArray(value))
		return { profiles: value.map((p, i) => checkProfile(p, `${where} profile ${i + 1}`)) };
	if (!isObject(value))
		throw new UsageError(
			`${where} expected a JSON object keyed by kind of data (${KINDS}), ` +
				'an import profile, or the app\'s "Export settings, profiles and templates" file'
		);
	if (value.format === BUNDLE_MARK) {
		if (value.version !== 1)
			throw new UsageError(
				`${where} a settings file of version ${JSON.stringify(value.version)}; this reads 1`
			);
		if (!Array.isArray(value.profiles))
			throw new UsageError(`${where} the settings file has no list of import profiles`);
		return {
			profiles: value.profiles.map((p, i) => checkProfile(p, `${where} profile ${i + 1}`)),
			settings: value.settings ?? null
		};
	}
	if ('signature' in value && 'table' in value)
		return { profiles: [checkProfile(value, `${where} the profile`)] };
	const mappings: MappingFile['mappings'] = {};
	for (const [table, entry] of Object.entries(value)) {
		if (!(table in TABLES))
			throw new UsageError(`${where} "${table}" is not a kind of data: use ${KINDS}`);
		const t = table as TableName;
		if (!isObject(entry))
			throw new UsageError(`${where} ${table} must be an object with "columns"`);
		const problem = columnsProblem(t, entry.columns) ?? dateOrderProblem(entry.dateOrder);
		if (problem) throw new UsageError(`${where} ${table} ${problem}`);
		mappings[t] = {
			columns: entry.columns as Record<string, string>,
			...(entry.dateOrder ? { dateOrder: entry.dateOrder as Mapping['dateOrder'] } : {})
		};
	}
	return { mappings };
}
