/**
 * Running metrics: one, an area, the overview or the whole catalogue for a scope. Entries that share
 * SQL text (an area's scalars come from one query) run it once.
 */
import type { Engine, Row } from '../engine/types';
import type { DatasetInfo } from '../model/dataset';
import { CATALOGUE, areaEntries, metricEntry } from './catalogue';
import { missingMessage } from './read';
import { validateScope, type Scope } from './scope';
import type { Settings } from './settings';
import type { Area, DrillSelection, MetricContext, MetricEntry, MetricResult } from './types';

export function metricContext(scope: Scope, settings: Settings, dataset: DatasetInfo): MetricContext {
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
	return missingMessage(ctx, entry.needs, entry.needsOneOf) ?? entry.unavailable?.(ctx) ?? null;
}

function emptyResult(entry: MetricEntry, extra: { unavailable?: string; error?: string }): MetricResult {
	return entry.kind === 'scalar' ? { id: entry.id, kind: 'scalar', value: null, ...extra } : { id: entry.id, kind: 'table', rows: [], ...extra };
}

/** Computes the given entries; each distinct SQL text runs once, in order. */
export async function computeEntries(engine: Engine, ctx: MetricContext, entries: readonly MetricEntry[]): Promise<Record<string, MetricResult>> {
	const plans = entries.map((entry) => {
		const unavailable = unavailableReason(entry, ctx);
		return { entry, unavailable, sql: unavailable ? null : entry.sql(ctx) };
	});
	const rowsBySql = new Map<string, Row[] | Error>();
	for (const p of plans) {
		if (p.sql === null || rowsBySql.has(p.sql)) continue;
		try {
			rowsBySql.set(p.sql, await engine.query(p.sql));
		} catch (err) {
			rowsBySql.set(p.sql, err instanceof Error ? err : new Error(String(err)));
		}
	}
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

export async function computeMetrics(engine: Engine, ctx: MetricContext, ids: readonly string[]): Promise<Record<string, MetricResult>> {
	return computeEntries(engine, ctx, ids.map(metricEntry));
}

export async function computeMetric(engine: Engine, ctx: MetricContext, id: string): Promise<MetricResult> {
	return (await computeEntries(engine, ctx, [metricEntry(id)]))[id];
}

export async function computeArea(engine: Engine, ctx: MetricContext, area: Area): Promise<Record<string, MetricResult>> {
	return computeEntries(engine, ctx, areaEntries(area));
}

export async function computeAll(engine: Engine, ctx: MetricContext): Promise<Record<string, MetricResult>> {
	return computeEntries(engine, ctx, CATALOGUE);
}

/** The drill-down SQL of a metric (the rows behind the number), or null when it has none or is unavailable. */
export function drillSql(ctx: MetricContext, id: string, selection?: DrillSelection): string | null {
	const entry = metricEntry(id);
	if (!entry.drill || unavailableReason(entry, ctx)) return null;
	return entry.drill(ctx, selection);
}

/** Runs a metric's drill-down; `page` limits the rows (the query's own order is kept). */
export async function drill(engine: Engine, ctx: MetricContext, id: string, selection?: DrillSelection, page?: { limit: number; offset?: number }): Promise<Row[]> {
	const sql = drillSql(ctx, id, selection);
	if (sql === null) return [];
	if (!page) return engine.query(sql);
	const limit = Math.max(0, Math.floor(page.limit));
	const offset = Math.max(0, Math.floor(page.offset ?? 0));
	return engine.query(`SELECT * FROM (${sql}) LIMIT ${limit} OFFSET ${offset}`);
}

/** How many rows a drill-down has. */
export async function drillCount(engine: Engine, ctx: MetricContext, id: string, selection?: DrillSelection): Promise<number> {
	const sql = drillSql(ctx, id, selection);
	if (sql === null) return 0;
	const rows = await engine.query<{ n: number }>(`SELECT count(*) AS n FROM (${sql})`);
	return Number(rows[0]?.n ?? 0);
}
