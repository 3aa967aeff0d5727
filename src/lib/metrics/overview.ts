/**
 * The overview's eleven headline figures for several scopes in one statement, fast enough to
 * follow every filter change.
 *
 * The catalogue's entries define each figure, and the area pages, the report and the drill-downs use
 * them. Here each figure is a measure declared once (headline/measures.ts: its fact relation, its
 * parts, how they make the value and n); from the declaration come the statement over the facts built
 * once per loaded dataset (`prepareOverview`, headline/facts.ts), the cube's tables for fixed dates
 * (`prepareCube`) and the statement over the cube (headline/statements.ts). Every scope's figures
 * come from `FILTER`ed aggregates over one scan of each fact table, and only the parts of the figures
 * the tiles show are computed. tests/unit/metrics/overview.test.ts holds every figure to the
 * catalogue's for many scopes, filters, settings and datasets.
 */
import type { Engine, Row } from '../engine/types';
import type { DatasetInfo } from '../model/dataset';
import { metricEntry, OVERVIEW_IDS } from './catalogue';
import { FACT_TABLES, factTablesSql, withFactsInlined } from './headline/facts';
import type { Measure } from './headline/measure';
import { HEADLINE_MEASURES } from './headline/measures';
import { partsOf } from './headline/sql';
import {
	cubeColumns,
	cubeQuery,
	cubeStatements,
	cubeTable,
	factsStatement
} from './headline/statements';
import { numOrNull } from './read';
import { computeForScopes, unavailableReason } from './run';
import { emptyFilters, type Scope } from './scope';
import type { MetricContext, MetricResult, ScalarResult } from './types';

export type OverviewId = (typeof OVERVIEW_IDS)[number];

const MEASURES = new Map(HEADLINE_MEASURES.map((m) => [m.id, m]));
const measuresOf = (ids: Iterable<string>): Measure[] =>
	[...ids].map((id) => MEASURES.get(id)).filter((m): m is Measure => m !== undefined);

/**
 * Builds the fact tables for the loaded data; call after every import, before `computeOverview`.
 * The earlier facts and cube go first, so that facts of other data can never answer: where a table
 * is missing, `computeOverview` falls back to the catalogue's queries.
 */
export async function prepareOverview(engine: Engine, dataset: DatasetInfo): Promise<void> {
	const cube = ['overview_cube', ...partsOf(HEADLINE_MEASURES).map(cubeTable)];
	await engine.exec([...FACT_TABLES, ...cube].map((t) => `DROP TABLE IF EXISTS ${t};`).join('\n'));
	if (!dataset.tables.cases) return;
	for (const [name, sql] of factTablesSql(dataset))
		await engine.exec(`CREATE OR REPLACE TABLE ${name} AS ${sql}`);
}

/**
 * A cube: for fixed dates and settings, every figure's additive parts per combination of filter
 * values (`overview_cube`, one row per row of `overview_dims` and scope, with its filter columns),
 * and what does not add up kept finer: the values of each median part and the times of each
 * Kaplan-Meier part (a table each). A filter change keeps the dates, so its figures are sums over
 * the combinations the filter selects: a few thousand rows instead of the cases.
 */
export interface OverviewCube {
	/**
	 * This build's number, written into the statements it answers: pages cache results by statement
	 * text, and a rebuild for other dates must not answer from an earlier cube's rows.
	 */
	id: string;
	/** The settings it was built with (JSON). */
	settings: string;
	/** Each built scope's dates (`datesKey`); its index is the tables' `sc`. */
	dates: string[];
	/** The figures it answers. */
	wanted: OverviewId[];
	/** The additive columns of `overview_cube`. */
	columns: string[];
}

/** Numbers each cube built, for its `id`. */
let cubesBuilt = 0;

/** What of a scope the cube depends on: its dates, not its filters. */
function datesKey(scope: Scope): string {
	return JSON.stringify([scope.from, scope.to, scope.asOf]);
}

/** The figures that can be computed for the context's data and settings. */
function availableIds(ctx: MetricContext): OverviewId[] {
	return OVERVIEW_IDS.filter((id) => unavailableReason(metricEntry(id), ctx) === null);
}

/** Whether `cube` answers the scopes' figures under the context's settings. */
export function cubeCovers(
	cube: OverviewCube | null,
	ctx: MetricContext,
	scopes: readonly Scope[]
): cube is OverviewCube {
	if (!cube || cube.settings !== JSON.stringify(ctx.settings)) return false;
	const available = availableIds({ ...ctx, scope: scopes[0] });
	return (
		scopes.every((s) => cube.dates.includes(datesKey(s))) &&
		available.every((id) => cube.wanted.includes(id))
	);
}

/**
 * Builds the cube of `measures` for the scopes' dates (their filters do not matter) on facts
 * `prepareOverview` built, replacing any earlier cube; or, given the cube built last (`extend`, same
 * data, settings and measures), adds the dates it lacks to it, so that a cube can grow in steps the
 * queue can take turns with. Each step is one call: no query runs between its tables.
 */
export async function prepareMeasuresCube(
	engine: Engine,
	ctx: MetricContext,
	scopes: readonly Scope[],
	measures: readonly Measure[],
	extend: OverviewCube | null = null
): Promise<OverviewCube> {
	const settings = JSON.stringify(ctx.settings);
	const earlier = extend?.settings === settings ? extend : null;
	const dates = [...new Set(scopes.map(datesKey))].filter((key) => !earlier?.dates.includes(key));
	if (earlier && !dates.length) return earlier;
	const built = dates.map((key) => scopes.find((s) => datesKey(s) === key) as Scope);
	const base = { ...ctx, scope: { ...built[0], filters: emptyFilters() } };
	const write = (table: string, select: string) =>
		earlier
			? `INSERT INTO ${table} BY NAME ${select};`
			: `CREATE OR REPLACE TEMP TABLE ${table} AS ${select};`;
	const first = earlier?.dates.length ?? 0;
	await engine.exec(cubeStatements(base, built, measures, first, write).join('\n'));
	return {
		id: String(++cubesBuilt),
		settings,
		dates: [...(earlier?.dates ?? []), ...dates],
		wanted: measures.map((m) => m.id) as OverviewId[],
		columns: cubeColumns(base, measures)
	};
}

/** The headline figures' cube (prepareMeasuresCube) of the figures available for the data. */
export async function prepareCube(
	engine: Engine,
	ctx: MetricContext,
	scopes: readonly Scope[],
	extend: OverviewCube | null = null
): Promise<OverviewCube> {
	const base = { ...ctx, scope: { ...scopes[0], filters: emptyFilters() } };
	return prepareMeasuresCube(engine, ctx, scopes, measuresOf(availableIds(base)), extend);
}

/** The scopes' figures differ only in their dates; the filters are the first scope's (as on the overview). */
function sameFilters(scopes: readonly Scope[]): boolean {
	const f = JSON.stringify(scopes[0].filters);
	return scopes.every((s) => JSON.stringify(s.filters) === f);
}

/**
 * Scopes per statement: each scope adds its aggregates to every scan, and more than a few at once is slower
 * than two scans.
 */
const SCOPES_PER_STATEMENT = 3;

type Figures = Record<string, { value: number | null; n: number }>;

/**
 * Where the facts' statement reads the facts: the tables `prepareOverview` built, or the same
 * relations inlined as CTEs, for the first figures after an import, before the tables are built.
 * Inlined, every figure and scope still comes from one statement: the catalogue's queries, one per
 * figure and scope, built the same relations again each time (1M cases, duckdb-wasm in Node: 5.5 s
 * against 2.5 s).
 */
export type FactsFrom = 'tables' | 'inline';

/**
 * The measures' value and n for scopes sharing their filters: from `cube` when given (it must hold
 * the scopes' dates and the measures), else from the facts (`facts`: their tables or inlined). A
 * statement that fails throws.
 */
export async function computeMeasures(
	engine: Engine,
	ctx: MetricContext,
	scopes: readonly Scope[],
	measures: readonly Measure[],
	cube: OverviewCube | null = null,
	facts: FactsFrom = 'tables'
): Promise<Figures[]> {
	const base = { ...ctx, scope: scopes[0] };
	// The facts' statement gives one row (`s{i}_` per scope), the cube's one row per scope (`sc`).
	let part: (i: number) => (name: string) => number | null;
	if (cube) {
		const sc = scopes.map((s) => cube.dates.indexOf(datesKey(s)));
		const rows = await engine.query(
			`/* cube ${cube.id} */ ${cubeQuery(base, sc, scopes[0].filters, measures)}`
		);
		const rowOf = (i: number): Row => rows.find((r) => Number(r.sc) === sc[i]) ?? {};
		part = (i) => (name) => numOrNull(rowOf(i)[name]);
	} else {
		const sql = factsStatement(base, scopes, measures);
		const statement = sql && facts === 'inline' ? withFactsInlined(ctx.dataset, sql) : sql;
		const row = statement ? ((await engine.query(statement))[0] ?? {}) : {};
		part = (i) => (name) => numOrNull(row[`s${i}_${name}`]);
	}
	return scopes.map((_, i) => Object.fromEntries(measures.map((m) => [m.id, m.read(part(i))])));
}

/**
 * The overview's figures (value and n, as the catalogue's entries give them) for each scope: from
 * `cube` when it holds the scopes' dates, else from the facts (`facts`: the tables `prepareOverview`
 * built, or inlined before they are). Scopes with other filters than the first are computed by the
 * catalogue's own queries instead, and so is a chunk whose statements fail (the error is kept in
 * each figure's `error`).
 */
export async function computeOverview(
	engine: Engine,
	ctx: MetricContext,
	scopes: readonly Scope[],
	cube: OverviewCube | null = null,
	facts: FactsFrom = 'tables'
): Promise<Record<OverviewId, MetricResult>[]> {
	if (!scopes.length) return [];
	if (!sameFilters(scopes))
		return (await computeForScopes(engine, ctx, scopes, OVERVIEW_IDS)) as Record<
			OverviewId,
			MetricResult
		>[];
	// Equal scopes are computed once (a 12-month period's previous period is the same period a year earlier).
	const keys = scopes.map((s) => JSON.stringify(s));
	const distinctKeys = [...new Set(keys)];
	const distinct = distinctKeys.map((key) => scopes[keys.indexOf(key)]);
	// From the cube every scope is a few sums, so all go in one statement.
	const covered = cubeCovers(cube, ctx, scopes);
	const chunkSize = covered ? distinct.length : SCOPES_PER_STATEMENT;
	const results: Record<OverviewId, MetricResult>[] = [];
	for (let from = 0; from < distinct.length; from += chunkSize) {
		const chunk = distinct.slice(from, from + chunkSize);
		results.push(...(await computeChunk(engine, ctx, chunk, covered ? cube : null, facts)));
	}
	return keys.map((key) => results[distinctKeys.indexOf(key)]);
}

async function computeChunk(
	engine: Engine,
	ctx: MetricContext,
	scopes: readonly Scope[],
	cube: OverviewCube | null,
	facts: FactsFrom
): Promise<Record<OverviewId, MetricResult>[]> {
	const base = { ...ctx, scope: scopes[0] };
	const unavailable = new Map(
		OVERVIEW_IDS.map((id) => [id, unavailableReason(metricEntry(id), base)])
	);
	const measures = measuresOf(OVERVIEW_IDS.filter((id) => unavailable.get(id) === null));
	let figures: Figures[];
	try {
		figures = await computeMeasures(engine, ctx, scopes, measures, cube, facts);
	} catch (e) {
		// Should the cube's statement fail, the facts answer; should theirs, the catalogue's queries.
		// The failure is not dropped: each figure keeps it unless the fallback fails too.
		const failure = `overview ${cube ? 'cube' : 'facts'} statement failed: ${(e as Error).message ?? String(e)}`;
		const fallback = cube
			? await computeChunk(engine, ctx, scopes, null, facts)
			: ((await computeForScopes(engine, ctx, scopes, OVERVIEW_IDS)) as Record<
					OverviewId,
					MetricResult
				>[]);
		return fallback.map((results) => noteFailure(results, failure));
	}
	return figures.map((byId) => {
		const results = {} as Record<OverviewId, MetricResult>;
		for (const id of OVERVIEW_IDS) {
			const reason = unavailable.get(id);
			results[id] = reason
				? { id, kind: 'scalar', value: null, unavailable: reason }
				: { id, kind: 'scalar', ...byId[id] };
		}
		return results;
	});
}

/** The figures with the fast path's failure recorded in `detail.fallback` (their own `error` stays theirs). */
function noteFailure(
	results: Record<OverviewId, MetricResult>,
	failure: string
): Record<OverviewId, MetricResult> {
	const out = {} as Record<OverviewId, MetricResult>;
	for (const id of OVERVIEW_IDS) {
		const r = results[id] as ScalarResult;
		const earlier = r.detail?.fallback;
		out[id] = {
			...r,
			detail: { ...r.detail, fallback: earlier ? `${failure}; then ${earlier}` : failure }
		};
	}
	return out;
}
