/**
 * Running metrics: one, an area, the overview or the whole catalogue for a scope. Entries that share
 * SQL text (an area's scalars come from one query) run it once.
 */
import type { Engine, Row } from '../engine/types';
import type { DatasetInfo } from '../model/dataset';
import { CATALOGUE, areaEntries, metricEntry } from './catalogue';
import { missingMessage, OPTIONAL_INPUTS } from './read';
import { validateScope, type Scope } from './scope';
import type { Settings } from './settings';
import type {
	Area,
	DrillSelection,
	MetricContext,
	MetricEntry,
	MetricResult,
	ResultRow
} from './types';

/** A table result's rows; none for a scalar, an unavailable or a failed metric. */
export function tableRows(result: MetricResult | undefined): ResultRow[] {
	return result && result.kind === 'table' ? result.rows : [];
}

export function metricContext(
	scope: Scope,
	settings: Settings,
	dataset: DatasetInfo
): MetricContext {
	const errors = validateScope(scope);
	if (errors.length) throw new Error(`invalid scope: ${errors.join('; ')}`);
	return { scope, settings, dataset };
}

/** "not available: ..." when the data lacks what the metric needs, else null. */
export function unavailableReason(entry: MetricEntry, ctx: MetricContext): string | null {
	if (!ctx.dataset.tables.cases) return 'not available: no cases are loaded';
	for (const table of new Set(entry.needs.map((n) => n.table))) {
		if (!ctx.dataset.tables[table]) return `not available: needs the ${table} file`;
	}
	return (
		missingMessage(ctx, entry.needs, entry.needsOneOf, OPTIONAL_INPUTS[entry.id]) ??
		entry.unavailable?.(ctx) ??
		null
	);
}

function emptyResult(
	entry: MetricEntry,
	extra: { unavailable?: string; error?: string }
): MetricResult {
	return entry.kind === 'scalar'
		? { id: entry.id, kind: 'scalar', value: null, ...extra }
		: { id: entry.id, kind: 'table', rows: [], ...extra };
}

interface Plan {
	entry: MetricEntry;
	unavailable: string | null;
	sql: string | null;
}

function plan(ctx: MetricContext, entries: readonly MetricEntry[]): Plan[] {
	return entries.map((entry) => {
		const unavailable = unavailableReason(entry, ctx);
		return { entry, unavailable, sql: unavailable ? null : entry.sql(ctx) };
	});
}

function results(
	plans: Plan[],
	ctx: MetricContext,
	rowsBySql: Map<string, Row[] | Error>
): Record<string, MetricResult> {
	const out: Record<string, MetricResult> = {};
	for (const p of plans) {
		if (p.unavailable) {
			out[p.entry.id] = emptyResult(p.entry, { unavailable: p.unavailable });
			continue;
		}
		const rows = rowsBySql.get(p.sql as string);
		if (rows instanceof Error) {
			out[p.entry.id] = emptyResult(p.entry, { error: rows.message });
			continue;
		}
		const read = p.entry.read(rows as Row[], ctx);
		out[p.entry.id] = { id: p.entry.id, kind: p.entry.kind, ...read } as MetricResult;
	}
	return out;
}

async function run(engine: Engine, sql: string): Promise<Row[] | Error> {
	try {
		return await engine.query(sql);
	} catch (err) {
		return err instanceof Error ? err : new Error(String(err));
	}
}

/** Computes the given entries; each distinct SQL text runs once, in order. */
export async function computeEntries(
	engine: Engine,
	ctx: MetricContext,
	entries: readonly MetricEntry[]
): Promise<Record<string, MetricResult>> {
	const plans = plan(ctx, entries);
	const rowsBySql = new Map<string, Row[] | Error>();
	for (const p of plans) {
		if (p.sql !== null && !rowsBySql.has(p.sql)) rowsBySql.set(p.sql, await run(engine, p.sql));
	}
	return results(plans, ctx, rowsBySql);
}

/**
 * Scopes per batched query. A UNION ALL of many scopes' SQL keeps every branch's intermediate
 * results until the query ends: twelve branches of the goals query over 1,000,000 goals took 1.9 GB
 * of wasm memory (which never shrinks again) and longer than four batches of three.
 */
const SCOPES_PER_QUERY = 3;

/**
 * The same entries for several scopes (previous period, a year earlier, each month of a sparkline),
 * with one query per entry for up to three scopes instead of one per entry and scope: each scope's
 * SQL runs as one branch of a UNION ALL, tagged and numbered so that every scope gets its own rows in
 * their own order. A batch that fails runs again scope by scope, so one scope's error stays its own.
 */
export async function computeForScopes(
	engine: Engine,
	ctx: MetricContext,
	scopes: readonly Scope[],
	ids: readonly string[]
): Promise<Record<string, MetricResult>[]> {
	const entries = ids.map(metricEntry);
	const contexts = scopes.map((scope) => ({ ...ctx, scope }));
	const plans = contexts.map((c) => plan(c, entries));
	const rowsBySql = new Map<string, Row[] | Error>();
	for (let j = 0; j < entries.length; j++) {
		const texts = [
			...new Set(
				plans.map((p) => p[j].sql).filter((q): q is string => q !== null && !rowsBySql.has(q))
			)
		];
		for (let from = 0; from < texts.length; from += SCOPES_PER_QUERY)
			await runBatch(engine, texts.slice(from, from + SCOPES_PER_QUERY), rowsBySql);
	}
	return plans.map((p, s) => results(p, contexts[s], rowsBySql));
}

/** Runs the distinct SQL texts in one query and records each one's rows (or error) under its text. */
async function runBatch(
	engine: Engine,
	texts: string[],
	rowsBySql: Map<string, Row[] | Error>
): Promise<void> {
	if (texts.length === 1) {
		rowsBySql.set(texts[0], await run(engine, texts[0]));
		return;
	}
	const union = texts
		.map((q, i) => `SELECT ${i} AS _cm_scope, row_number() OVER () AS _cm_row, * FROM (${q})`)
		.join('\nUNION ALL\n');
	const batch = await run(engine, `SELECT * FROM (${union}) ORDER BY _cm_scope, _cm_row`);
	if (batch instanceof Error) {
		for (const q of texts) rowsBySql.set(q, await run(engine, q));
		return;
	}
	const split: Row[][] = texts.map(() => []);
	for (const { _cm_scope, _cm_row, ...row } of batch) split[Number(_cm_scope)].push(row);
	texts.forEach((q, i) => rowsBySql.set(q, split[i]));
}

export async function computeMetrics(
	engine: Engine,
	ctx: MetricContext,
	ids: readonly string[]
): Promise<Record<string, MetricResult>> {
	return computeEntries(engine, ctx, ids.map(metricEntry));
}

export async function computeMetric(
	engine: Engine,
	ctx: MetricContext,
	id: string
): Promise<MetricResult> {
	return (await computeEntries(engine, ctx, [metricEntry(id)]))[id];
}

export async function computeArea(
	engine: Engine,
	ctx: MetricContext,
	area: Area
): Promise<Record<string, MetricResult>> {
	return computeEntries(engine, ctx, areaEntries(area));
}

export async function computeAll(
	engine: Engine,
	ctx: MetricContext
): Promise<Record<string, MetricResult>> {
	return computeEntries(engine, ctx, CATALOGUE);
}

/** The drill-down SQL of a metric (the rows behind the number), or null when it has none or is unavailable. */
export function drillSql(
	ctx: MetricContext,
	id: string,
	selection?: DrillSelection
): string | null {
	const entry = metricEntry(id);
	if (!entry.drill || unavailableReason(entry, ctx)) return null;
	return entry.drill(ctx, selection);
}

/** Runs a metric's drill-down; `page` limits the rows (the query's own order is kept). */
export async function drill(
	engine: Engine,
	ctx: MetricContext,
	id: string,
	selection?: DrillSelection,
	page?: { limit: number; offset?: number }
): Promise<Row[]> {
	const sql = drillSql(ctx, id, selection);
	if (sql === null) return [];
	if (!page) return engine.query(sql);
	const limit = Math.max(0, Math.floor(page.limit));
	const offset = Math.max(0, Math.floor(page.offset ?? 0));
	return engine.query(`SELECT * FROM (${sql}) LIMIT ${limit} OFFSET ${offset}`);
}

/** How many rows a drill-down has. */
export async function drillCount(
	engine: Engine,
	ctx: MetricContext,
	id: string,
	selection?: DrillSelection
): Promise<number> {
	const sql = drillSql(ctx, id, selection);
	if (sql === null) return 0;
	const rows = await engine.query<{ n: number }>(`SELECT count(*) AS n FROM (${sql})`);
	return Number(rows[0]?.n ?? 0);
}
