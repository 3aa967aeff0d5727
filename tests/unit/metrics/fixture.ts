/**
 * Test helpers: load hand-made rows into the canonical tables of a real DuckDB (no importer) and
 * describe them with a DatasetInfo as the importer would.
 */
import type { Engine } from '../../../src/lib/engine/types';
import type { ColumnInfo, DatasetInfo } from '../../../src/lib/model/dataset';
import { TABLES, createTableSql, type TableName } from '../../../src/lib/model/tables';
import { defaultSettings, type Settings } from '../../../src/lib/metrics/settings';
import { emptyFilters, type Filters, type Scope } from '../../../src/lib/metrics/scope';
import type { MetricContext } from '../../../src/lib/metrics/types';

export type FixtureRow = Record<string, string | number | null>;
export interface Fixture {
	cases: FixtureRow[];
	goals?: FixtureRow[];
	events?: FixtureRow[];
	staff?: FixtureRow[];
	/** Columns to declare as provided even though no row has them (or to force); default: every key used in a row. */
	columns?: Partial<Record<TableName, string[]>>;
}

function literal(value: string | number | null, kind: string): string {
	if (value === null) return 'NULL';
	if (typeof value === 'number') return String(value);
	if (kind === 'date') return `TIMESTAMP '${value.length === 10 ? value + ' 00:00:00' : value}'`;
	return `'${value.replace(/'/g, "''")}'`;
}

/** Creates all four canonical tables (empty where not given), fills them, and returns the DatasetInfo. */
export async function loadFixture(engine: Engine, fixture: Fixture): Promise<DatasetInfo> {
	const dataset: DatasetInfo = { tables: {} };
	for (const name of Object.keys(TABLES) as TableName[]) {
		const decl = TABLES[name];
		await engine.exec(createTableSql(decl));
		const rows = fixture[name];
		if (!rows) continue;
		const used = new Set<string>(fixture.columns?.[name] ?? []);
		for (const r of rows) for (const k of Object.keys(r)) used.add(k);
		const columns: Record<string, ColumnInfo> = {};
		for (const c of decl.columns) {
			if (!used.has(c.name)) continue;
			const info: ColumnInfo = { source: c.name };
			if (c.kind === 'date')
				info.hasTime = rows.some(
					(r) => typeof r[c.name] === 'string' && (r[c.name] as string).length > 10
				);
			columns[c.name] = info;
		}
		for (const k of used)
			if (!decl.columns.some((c) => c.name === k)) throw new Error(`${name} has no column ${k}`);
		dataset.tables[name] = {
			fileName: `${name}.csv`,
			importedAt: '2026-01-01T00:00:00Z',
			rows: rows.length,
			columns
		};
		if (rows.length === 0) continue;
		const cols = decl.columns.filter((c) => used.has(c.name));
		const values = rows.map(
			(r) => `(${cols.map((c) => literal(r[c.name] ?? null, c.kind)).join(', ')})`
		);
		await engine.exec(
			`INSERT INTO ${name} (${cols.map((c) => `"${c.name}"`).join(', ')}) VALUES ${values.join(', ')}`
		);
	}
	return dataset;
}

export function scope(
	asOf: string,
	from: string,
	to: string,
	filters: Partial<Filters> = {}
): Scope {
	return { asOf, from, to, filters: { ...emptyFilters(), ...filters } };
}

export function ctx(
	dataset: DatasetInfo,
	s: Scope,
	settings: Partial<Settings> = {}
): MetricContext {
	return { dataset, scope: s, settings: { ...defaultSettings(), ...settings } };
}
