/**
 * SQL generated from the measures' declarations (measure.ts), at a grain:
 * - FACTS: the rows of the scopes' filters, aggregated to one row with `s{i}_{part}` per scope;
 * - CUBE: every row, grouped by its combination of filter values (`dkey`), for the cube's tables.
 * Each distinct term of a condition is computed once per row and scope in an inner projection of
 * flags, and counted outside.
 */
import { hasColumn } from '../../model/dataset';
import { standards } from '../standards';
import { addDays, asOfDate, type Scope } from '../scope';
import { asOfMoment, cmp, columnMoment, dateLit, filterWhere, inPeriod } from '../sql';
import type { MetricContext } from '../types';
import { daysSince, inDims, openAt, relevantSince } from './facts';
import type { Condition, JoinName, Measure, PartDecl, SourceName, Term } from './measure';
import { caseWeights } from './stats';

/** Which rows a statement reads (by the text columns of `overview_cases`, or by `dkey`) and its keys. */
export interface Grain {
	keys: string[];
	columns(scope: Scope): string;
	dims(scope: Scope): string;
}

export const FACTS: Grain = { keys: [], columns: (s) => filterWhere(s, 'c'), dims: inDims };
export const CUBE: Grain = { keys: ['dkey'], columns: () => 'TRUE', dims: () => 'TRUE' };

interface Source {
	from: string;
	/** A condition every row any scope counts meets (the facts' sort order makes it cheap). */
	where(ctx: MetricContext, scopes: readonly Scope[]): string;
	rows(grain: Grain, scope: Scope): string;
}

const SOURCES: Record<SourceName, Source> = {
	cases: {
		from: 'overview_cases c',
		where: (_, scopes) => relevantSince(scopes),
		rows: (grain, s) => grain.columns(s)
	},
	// Stale cases read only the cases open at some scope's as-of moment, so only those meet the events.
	open_cases: {
		from: 'overview_cases c',
		where: (ctx, scopes) =>
			`${relevantSince(scopes)} AND (${scopes.map((s) => openAt(ctx.dataset, s)).join(' OR ')})`,
		rows: (grain, s) => grain.columns(s)
	},
	goals: {
		from: 'overview_goals',
		where: (_, scopes) => `(${scopes.map((s) => inPeriod('target_at', s)).join(' OR ')})`,
		rows: (grain, s) => grain.dims(s)
	},
	deadlines: {
		from: 'overview_deadlines',
		where: (_, scopes) => `(${scopes.map((s) => inPeriod('due', s)).join(' OR ')})`,
		rows: (grain, s) => grain.dims(s)
	}
};

export interface NamedPart {
	name: string;
	source: SourceName;
	part: PartDecl;
}

/** The parts of the measures (a part two measures share, once), in order. */
export function partsOf(measures: readonly Measure[]): NamedPart[] {
	const out = new Map<string, NamedPart>();
	for (const m of measures)
		for (const [name, part] of Object.entries(m.parts))
			out.set(name, { name, source: m.source, part });
	return [...out.values()];
}

/** A condition's terms as one SQL boolean, for statements without a projection of flags. */
export function allOf(terms: Term[]): string {
	if (!terms.length) return 'TRUE';
	return terms.map((t) => (typeof t === 'string' ? `(${t})` : `NOT (${t.not})`)).join(' AND ');
}

/**
 * Events done in each scope's stale window (a day more on each side, which the sort order finds),
 * of the grain's rows: `recent(k, r0, r1 ...)`, r{i} true when case k had an event recent at scope i.
 */
function recentCte(ctx: MetricContext, scopes: readonly Scope[], grain: Grain): string | null {
	if (!hasColumn(ctx.dataset, 'events', 'done_at')) return null;
	const done = columnMoment(ctx.dataset, 'events', 'done_at');
	const days = ctx.settings.staleDays;
	const windows = scopes.map((s, i) => {
		const day = asOfDate(s.asOf);
		const asOf = asOfMoment(s);
		const from = dateLit(addDays(day, -Math.ceil(days) - 1));
		const range = `done_at >= ${from} AND done_at < ${dateLit(addDays(day, 2))}`;
		const within = `${cmp(done, '<=', asOf)} AND ${daysSince(done, asOf, '<=', days)}`;
		return `SELECT k, ${i} AS sc FROM overview_activity WHERE ${range} AND ${grain.dims(s)} AND ${within}`;
	});
	const flags = scopes.map((_, i) => `bool_or(sc = ${i}) AS r${i}`).join(', ');
	return `recent AS (SELECT k, ${flags} FROM (${windows.join('\n\tUNION ALL ')}) GROUP BY k)`;
}

/** The CTEs and joins the parts' terms read. */
export function joinsOf(
	ctx: MetricContext,
	scopes: readonly Scope[],
	grain: Grain,
	parts: readonly PartDecl[]
): { ctes: string[]; joins: string } {
	const names = new Set<JoinName>(parts.flatMap((p) => p.joins ?? []));
	const ctes: string[] = [];
	let joins = '';
	const std = standards(ctx.settings);
	if (names.has('std') && std.cte) {
		ctes.push(std.cte);
		joins += ' LEFT JOIN std ON lower(c.case_type) = std.type_key';
	}
	const weights = caseWeights(ctx.settings);
	if (names.has('wts') && weights) {
		ctes.push(weights.cte);
		joins += ' LEFT JOIN wts ON lower(c.case_type) = wts.type_key';
	}
	const recent = names.has('recent') ? recentCte(ctx, scopes, grain) : null;
	if (recent) {
		ctes.push(recent);
		joins += ' LEFT JOIN recent ON recent.k = c.k';
	}
	return { ctes, joins };
}

/** What an aggregate of a part may use: its conditions as flags, its per-row values as columns. */
export interface AggregateInput {
	cond(condition: Condition): string;
	value(sql: string): string;
}

/** The aggregates (`expr AS alias`) of one part for scope i, at some grain. */
export type Aggregator = (p: NamedPart, s: Scope, i: number, at: AggregateInput) => string[];

/** One statement over a source: each part's aggregates for each scope, grouped by the grain's keys. */
export function sourceSql(
	ctx: MetricContext,
	source: SourceName,
	scopes: readonly Scope[],
	grain: Grain,
	parts: readonly NamedPart[],
	aggregator: Aggregator
): string | null {
	const flags = new Map<string, string>();
	const values = new Map<string, string>();
	const named = (map: Map<string, string>, prefix: string, sql: string) => {
		if (!map.has(sql)) map.set(sql, `${prefix}${map.size}`);
		return map.get(sql) as string;
	};
	const aggs = scopes.flatMap((s, i) =>
		parts.flatMap((p) =>
			aggregator(p, s, i, {
				cond: (c) => {
					const terms = c(ctx, s, i).map((t) =>
						typeof t === 'string' ? named(flags, 'f', t) : `NOT ${named(flags, 'f', t.not)}`
					);
					return terms.length ? terms.join(' AND ') : 'TRUE';
				},
				value: (sql) => named(values, 'v', sql)
			})
		)
	);
	if (!aggs.length) return null;
	const src = SOURCES[source];
	const { ctes, joins } = joinsOf(
		ctx,
		scopes,
		grain,
		parts.map((p) => p.part)
	);
	const projected = [
		...grain.keys,
		...[...values, ...flags].map(([sql, name]) => `${sql} AS ${name}`)
	];
	const inner = `SELECT ${projected.join(',\n\t\t') || 'TRUE AS one'}
	FROM ${src.from}${joins} WHERE ${src.where(ctx, scopes)} AND ${src.rows(grain, scopes[0])}`;
	const keys = grain.keys.map((k) => `${k}, `).join('');
	const group = grain.keys.length ? ` GROUP BY ${grain.keys.join(', ')}` : '';
	const withCtes = ctes.length ? `WITH ${ctes.join(',\n')}\n` : '';
	return `${withCtes}SELECT ${keys}${aggs.join(',\n\t')} FROM (${inner})${group}`;
}

/** Counts and sums, the same at every grain. */
export function additive(
	p: NamedPart,
	i: number,
	at: AggregateInput,
	ctx: MetricContext
): string[] {
	const { part, name } = p;
	if (part.kind === 'count') return [`count_if(${at.cond(part.where)}) AS s${i}_${name}`];
	if (part.kind === 'sum')
		return [
			`sum(${at.value(part.value(ctx))}) FILTER (WHERE ${at.cond(part.where)}) AS s${i}_${name}`
		];
	return [];
}

/**
 * A Kaplan-Meier part's times: per scope (`sc`), the grain's keys and time t, the events and the
 * censored cases of the cohort.
 */
export function kmTimesSql(
	ctx: MetricContext,
	p: NamedPart,
	scopes: readonly Scope[],
	grain: Grain,
	firstSc = 0
): string {
	const { part } = p;
	if (part.kind !== 'km') throw new Error(`${p.name} is not a Kaplan-Meier part`);
	const src = SOURCES[p.source];
	const keys = grain.keys.map((k) => `${k}, `).join('');
	const cohorts = scopes.map((s, i) => {
		const ev = allOf(part.event(ctx, s, i));
		const t = `CASE WHEN ${ev} THEN ${part.eventTime} ELSE ${part.censoredTime(ctx, s)} END`;
		return `SELECT ${firstSc + i} AS sc, ${keys}${ev} AS ev, ${t} AS t
	FROM ${src.from} WHERE ${src.where(ctx, [s])} AND ${src.rows(grain, s)} AND ${allOf(part.cohort(ctx, s, i))}`;
	});
	return `SELECT sc, ${keys}t, count(*) FILTER (WHERE ev) AS events, count(*) FILTER (WHERE NOT ev) AS censored
FROM (${cohorts.join('\n\tUNION ALL\n\t')}) GROUP BY sc, ${keys}t`;
}

/** A median part's values at the grain: per scope (`sc`), the grain's keys and the value `v`. */
export function medianValuesSql(
	ctx: MetricContext,
	p: NamedPart,
	scopes: readonly Scope[],
	grain: Grain,
	firstSc = 0
): string {
	const { part } = p;
	if (part.kind !== 'median') throw new Error(`${p.name} is not a median part`);
	const src = SOURCES[p.source];
	const keys = grain.keys.map((k) => `${k}, `).join('');
	return scopes
		.map(
			(s, i) => `SELECT ${firstSc + i} AS sc, ${keys}${part.value} AS v FROM ${src.from}
	WHERE ${src.where(ctx, [s])} AND ${src.rows(grain, s)} AND ${allOf(part.where(ctx, s, i))}`
		)
		.join('\nUNION ALL ');
}
