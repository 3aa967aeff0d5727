/**
 * The command line's native DuckDB against the browser's duckdb-wasm: every catalogue metric, over
 * the bundled sample, both real city exports and a seeded random dataset, imported through the same
 * importer by each engine. Counts must be equal, rates and days within 1e-9; the canonical tables
 * themselves must hold the same rows.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderSample } from '../../../scripts/sample/generate';
import { createNativeEngine } from '../../../src/lib/engine/native';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import { importPaths } from '../../../src/lib/import/node';
import type { TableName } from '../../../src/lib/model/tables';
import { CATALOGUE } from '../../../src/lib/metrics/catalogue';
import { computeAll, metricContext } from '../../../src/lib/metrics/run';
import { defaultScope, periodEnding, type Scope } from '../../../src/lib/metrics/scope';
import { defaultSettings } from '../../../src/lib/metrics/settings';
import type { MetricResult } from '../../../src/lib/metrics/types';
import { sameValues } from './same';
import { mulberry32 } from '../../../scripts/sample/random';

const ROOT = new URL('../../../', import.meta.url).pathname;
const REAL = ROOT + 'tests/fixtures/realdata/';
const TODAY = '2026-12-01';

let wasm: Engine;
let native: Engine;
let dir: string;
beforeAll(async () => {
	[wasm, native] = await Promise.all([createNodeEngine(), createNativeEngine({ threads: 2 })]);
	dir = await mkdtemp(path.join(tmpdir(), 'casemetrics-equality-'));
}, 120_000);
afterAll(async () => {
	await Promise.all([wasm?.close(), native?.close()]);
	if (dir) await rm(dir, { recursive: true, force: true });
});

/**
 * A generated export (another seed and size than the sample's) with random damage: cells blanked,
 * dates made impossible, numbers made text, a case repeated, so that both engines take the
 * importer's every path for bad values.
 */
async function randomDataset(): Promise<Partial<Record<TableName, string>>> {
	const files = renderSample({ cases: 1200, seed: 4242, end: '2026-06-30', years: 2 });
	const rng = mulberry32(99);
	const out: Partial<Record<TableName, string>> = {};
	for (const [table, text] of Object.entries(files) as [TableName, string][]) {
		const [header, ...lines] = text.trimEnd().split('\n');
		const damaged = lines.map((line) => {
			if (table === 'staff' || line.includes('"')) return line;
			const cells = line.split(',').map((cell, i) => {
				if (i === 0) return cell;
				const roll = rng();
				if (roll < 0.03) return '';
				if (roll < 0.04 && /\d{2}\/\d{2}\/\d{4}/.test(cell)) return '13/45/2025';
				if (roll < 0.045 && /^\d+(\.\d+)?$/.test(cell)) return 'n/a';
				return cell;
			});
			return cells.join(',');
		});
		if (table === 'cases') damaged.push(damaged[10], damaged[20]);
		out[table] = path.join(dir, `random-${table}.csv`);
		await writeFile(out[table]!, [header, ...damaged].join('\n') + '\n');
	}
	return out;
}

type Loaded = { results: MetricResult[]; tables: Record<string, unknown[]>; issues: unknown };

/** Imports `files` into `engine` and runs the whole catalogue for each scope. */
async function load(
	engine: Engine,
	files: Partial<Record<TableName, string>>,
	scopes: (first: Scope) => Scope[]
): Promise<Loaded> {
	const imported = await importPaths(engine, files, { today: TODAY });
	const first = await defaultScope(engine, imported.dataset, TODAY);
	const results: MetricResult[] = [];
	for (const scope of scopes(first)) {
		const all = await computeAll(engine, metricContext(scope, defaultSettings(), imported.dataset));
		results.push(...CATALOGUE.map((e) => all[e.id]));
	}
	const tables: Record<string, unknown[]> = {};
	for (const name of Object.keys(imported.dataset.tables)) {
		tables[name] = await engine.query(`SELECT * FROM ${name} ORDER BY ALL`);
	}
	tables.import_issues = await engine.query(
		'SELECT file, line, "column", value, problem FROM import_issues ORDER BY ALL'
	);
	return { results, tables, issues: imported.issueCounts };
}

async function bothEngines(
	files: Partial<Record<TableName, string>>,
	scopes: (first: Scope) => Scope[] = (s) => [s]
) {
	const a = await load(wasm, files, scopes);
	const b = await load(native, files, scopes);
	return { wasm: a, native: b };
}

/** Every metric equal; a mismatch names the metric and the path of the first differing value. */
function expectSameResults(a: Loaded, b: Loaded) {
	expect(b.issues).toEqual(a.issues);
	expect(b.results.length).toBe(a.results.length);
	for (const [i, r] of a.results.entries()) {
		const diff = sameValues(r, b.results[i]);
		expect(diff, `${r.id}: ${diff}`).toBeNull();
	}
	for (const [name, rows] of Object.entries(a.tables)) {
		expect(b.tables[name]?.length, name).toBe(rows.length);
		const diff = sameValues(rows, b.tables[name]);
		expect(diff, `table ${name}: ${diff}`).toBeNull();
	}
}

// Generous: the whole file takes about 35 s on an idle 2-core machine, many times that on a busy one.
describe('native DuckDB gives the browser engine’s figures', { timeout: 900_000 }, () => {
	it('on the bundled sample, at its last date and a year earlier', async () => {
		const sample = Object.fromEntries(
			['cases', 'goals', 'events', 'staff'].map((t) => [t, `${ROOT}sample-data/${t}.csv`])
		);
		const { wasm: a, native: b } = await bothEngines(sample, (s) => {
			const asOf = `${Number(s.asOf.slice(0, 4)) - 1}${s.asOf.slice(4, 10)}`;
			return [s, { ...s, asOf, ...periodEnding(asOf) }];
		});
		// Not vacuous: most metrics have a figure, and the tables are full.
		const figures = a.results.filter((r) => !r.unavailable && !r.error);
		expect(figures.length).toBeGreaterThan(CATALOGUE.length);
		expect(a.results.filter((r) => r.error)).toEqual([]);
		expect(a.tables.cases).toHaveLength(5000);
		expectSameResults(a, b);
	});

	it('on the Baltimore and San Francisco 311 exports', async () => {
		for (const file of ['baltimore_311_sample.csv', 'sf_311_sample.csv']) {
			const { wasm: a, native: b } = await bothEngines({ cases: REAL + file });
			expect(a.tables.cases).toHaveLength(10_000);
			expect(a.results.filter((r) => r.error)).toEqual([]);
			expectSameResults(a, b);
		}
	});

	it('on a seeded random dataset with damaged cells', async () => {
		const { wasm: a, native: b } = await bothEngines(await randomDataset());
		expect(Object.values(a.issues as Record<string, number>).some((n) => n > 0)).toBe(true);
		expect(a.results.filter((r) => r.error)).toEqual([]);
		expectSameResults(a, b);
	});
});

describe('the comparison itself', () => {
	it('tells counts, rates, text and row order apart', () => {
		expect(sameValues({ n: 3, rate: 0.25 }, { n: 3, rate: 0.25 + 1e-12 })).toBeNull();
		expect(sameValues({ n: 3 }, { n: 4 })).toBe('$.n: 3 vs 4');
		expect(sameValues({ rate: 0.25 }, { rate: 0.25 + 1e-8 })).toMatch(/^\$\.rate: /);
		expect(sameValues([{ a: 'x' }, { a: 'y' }], [{ a: 'y' }, { a: 'x' }])).toBe(
			'$[0].a: "x" vs "y"'
		);
		expect(sameValues({ a: null }, { a: 0 })).toBe('$.a: null vs 0');
		expect(sameValues([1], [1, 2])).toBe('$: 1 vs 2 items');
	});
});
