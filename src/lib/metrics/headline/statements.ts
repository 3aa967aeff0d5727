/**
 * The overview's statements, generated from the measures' declarations: over the facts (one row,
 * `s{i}_{part}` per scope), the cube's tables for a set of dates, and over the cube (one row per
 * scope `sc`, `{part}` columns). The same parts under the same names: reading is one function.
 */
import type { Scope } from '../scope';
import { filterWhere } from '../sql';
import type { MetricContext } from '../types';
import { FILTERS, inDims } from './facts';
import type { Measure } from './measure';
import {
	additive,
	CUBE,
	FACTS,
	kmTimesSql,
	medianValuesSql,
	partsOf,
	sourceSql,
	type Aggregator,
	type NamedPart
} from './sql';
import { caseloadByScope, kmByScope, staffWorkers, toColumns } from './stats';

/** The statement of the measures over the facts for scopes that share their filters: one row. */
export function factsStatement(
	ctx: MetricContext,
	scopes: readonly Scope[],
	measures: readonly Measure[]
): string | null {
	const parts = partsOf(measures);
	const selects: string[] = [];
	const aggregate: Aggregator = (p, _s, i, at) => {
		if (p.part.kind === 'median')
			return [
				`quantile_cont(${at.value(p.part.value)}, 0.5) FILTER (WHERE ${at.cond(p.part.where)}) AS
					s${i}_${p.name}`
			];
		return additive(p, i, at, ctx);
	};
	for (const source of new Set(parts.map((p) => p.source))) {
		const own = parts.filter((p) => p.source === source);
		const sql = sourceSql(ctx, source, scopes, FACTS, own, aggregate);
		if (sql) selects.push(sql);
	}
	for (const p of parts) {
		if (p.part.kind === 'km')
			selects.push(
				toColumns(
					kmByScope(kmTimesSql(ctx, p, scopes, FACTS), p.name),
					[p.name, `${p.name}_n`],
					scopes.length
				)
			);
		if (p.part.kind === 'workers') selects.push(factsWorkers(ctx, p, scopes));
	}
	if (!selects.length) return null;
	return `SELECT * FROM ${selects.map((s, i) => `(${s}) AS p${i}`).join(' CROSS JOIN ')}`;
}

const WORKER_STATS = ['n_workers', 'cv', 'over'];

/** Renames caseloadByScope's columns to the part's. */
function workerColumns(name: string, byScope: string): string {
	return `SELECT sc, ${WORKER_STATS.map((c) => `${c} AS ${name}_${c}`).join(', ')} FROM (${byScope})`;
}

/** A workers part over the facts: each scope's weighted open cases per worker. */
function factsWorkers(ctx: MetricContext, p: NamedPart, scopes: readonly Scope[]): string {
	const { part } = p;
	if (part.kind !== 'workers') throw new Error(`${p.name} is not a workers part`);
	const staff = Boolean(ctx.dataset.tables.staff);
	const grain = {
		...FACTS,
		keys: ['worker'],
		columns: (s: Scope) => `c.worker IS NOT NULL AND ${FACTS.columns(s)}`
	};
	const wide = sourceSql(ctx, p.source, scopes, grain, [p], (_p, _s, i, at) => [
		`sum(${at.value(part.weight(ctx))}) FILTER (WHERE ${at.cond(part.open)}) AS a${i}`,
		...(staff ? [] : [`bool_or(${at.cond(part.active)}) AS in${i}`])
	]);
	const act = `WITH wide AS (${wide}) ${scopes
		.map(
			(_, i) => `SELECT worker, ${i} AS sc, a${i} AS
		a${staff ? '' : `, in${i} AS in_scope`} FROM wide`
		)
		.join(' UNION ALL ')}`;
	const sc = scopes.map((_, i) => i);
	const byScope = caseloadByScope(ctx, sc, [], act, staffWorkers(ctx, scopes[0].filters));
	return toColumns(
		workerColumns(p.name, byScope),
		WORKER_STATS.map((c) => `${p.name}_${c}`),
		scopes.length
	);
}

/** The table of a median or Kaplan-Meier part in the cube. */
export const cubeTable = (p: { name: string }) => `overview_cube_${p.name}`;

/** The additive columns of `overview_cube` the parts give. */
export function cubeColumns(ctx: MetricContext, measures: readonly Measure[]): string[] {
	return partsOf(measures).flatMap((p) => {
		if (p.part.kind === 'count' || p.part.kind === 'sum') return [p.name];
		if (p.part.kind === 'workers')
			return ctx.dataset.tables.staff ? [`${p.name}_load`] : [`${p.name}_load`, `${p.name}_active`];
		return [];
	});
}

/**
 * The cube's tables for the scopes `built` (their dates; numbered from `firstSc`), as `write(table,
 * select)` makes them: `overview_cube`, one row per combination (`dkey`, with its filter columns)
 * and scope with the additive parts, and a table per median or Kaplan-Meier part, kept finer.
 */
export function cubeStatements(
	ctx: MetricContext,
	built: readonly Scope[],
	measures: readonly Measure[],
	firstSc: number,
	write: (table: string, select: string) => string
): string[] {
	const parts = partsOf(measures);
	const staff = Boolean(ctx.dataset.tables.staff);
	const aggregate: Aggregator = (p, _s, i, at) => {
		if (p.part.kind !== 'workers') return additive(p, i, at, ctx);
		return [
			`sum(${at.value(p.part.weight(ctx))}) FILTER (WHERE ${at.cond(p.part.open)}) AS s${i}_${p.name}_load`,
			...(staff ? [] : [`count_if(${at.cond(p.part.active)}) AS s${i}_${p.name}_active`])
		];
	};
	const sources: string[] = [];
	for (const source of new Set(parts.map((p) => p.source))) {
		const sql = sourceSql(
			ctx,
			source,
			built,
			CUBE,
			parts.filter((p) => p.source === source),
			aggregate
		);
		if (sql) sources.push(sql);
	}
	// Built per scope as columns (one pass over the facts), kept as one row per combination and scope.
	const wide = `SELECT d.*${sources.map((_, i) => `, p${i}.* EXCLUDE (dkey)`).join('')}
FROM overview_dims d${sources.map((sql, i) => `\nLEFT JOIN (${sql}) p${i} ON p${i}.dkey = d.dkey`).join('')}`;
	const rows = built.map(
		(_, i) =>
			`SELECT dkey, ${FILTERS}, ${firstSc + i} AS sc, COLUMNS('^s${i}_(.*)$') AS '\\1' FROM wide`
	);
	const statements = [
		write(
			'overview_cube',
			`WITH wide AS (${wide}) ${rows.join('\nUNION ALL BY NAME ')} ORDER BY sc, dkey`
		)
	];
	// The tables with a row per case or time are not sorted: each step adds its own scopes' rows, and
	// sorting them took 13-33% of a step at 1,000,000 cases (Node) without making the sums faster.
	for (const p of parts) {
		if (p.part.kind === 'median')
			statements.push(write(cubeTable(p), medianValuesSql(ctx, p, built, CUBE, firstSc)));
		if (p.part.kind === 'km')
			statements.push(write(cubeTable(p), kmTimesSql(ctx, p, built, CUBE, firstSc)));
	}
	return statements;
}

/**
 * The statement of the measures from the cube, for scopes whose dates it holds (`sc`, sharing their
 * filters): one row per scope (`sc`), a column per part.
 */
export function cubeQuery(
	ctx: MetricContext,
	sc: readonly number[],
	filters: Scope['filters'],
	measures: readonly Measure[]
): string {
	const parts = partsOf(measures);
	const where = filterWhere({ filters } as Scope);
	const inSc = `sc IN (${sc.join(', ')})`;
	const rows = `${inSc} AND ${inDims({ filters } as Scope)}`;
	const sums = parts.flatMap((p) =>
		p.part.kind === 'count'
			? [`sum(${p.name})::BIGINT AS ${p.name}`]
			: p.part.kind === 'sum'
				? [`sum(${p.name}) AS ${p.name}`]
				: []
	);
	const selects: string[] = [];
	if (sums.length)
		selects.push(
			`SELECT sc, ${sums.join(', ')} FROM overview_cube WHERE ${inSc} AND ${where} GROUP BY sc`
		);
	for (const p of parts) {
		const table = cubeTable(p);
		if (p.part.kind === 'median')
			selects.push(
				`SELECT sc, quantile_cont(v, 0.5) AS ${p.name} FROM ${table} WHERE ${rows} GROUP BY sc`
			);
		if (p.part.kind === 'km') {
			const times = `SELECT sc, t, sum(events)::BIGINT AS events, sum(censored)::BIGINT AS censored
	FROM ${table} WHERE ${rows} GROUP BY sc, t`;
			selects.push(kmByScope(times, p.name));
		}
		if (p.part.kind === 'workers') {
			// Each combination's weighted open cases, added up per worker (the worker is a filter column).
			const staff = Boolean(ctx.dataset.tables.staff);
			const act = `SELECT worker, sc, sum(${p.name}_load) AS a${
				staff
					? ''
					: `,
				coalesce(sum(${p.name}_active), 0) > 0 AS in_scope`
			}
	FROM overview_cube WHERE worker IS NOT NULL AND ${inSc} AND ${where} GROUP BY worker, sc`;
			selects.push(
				workerColumns(p.name, caseloadByScope(ctx, sc, [], act, staffWorkers(ctx, filters)))
			);
		}
	}
	return `SELECT s.sc${selects.map((_, i) => `, p${i}.* EXCLUDE (sc)`).join('')}
FROM (SELECT unnest([${sc.join(', ')}]) AS sc) s${selects
		.map(
			(sql, i) => `\nLEFT JOIN (${sql}) p${i} ON p${i}.sc =
	s.sc`
		)
		.join('')}`;
}
