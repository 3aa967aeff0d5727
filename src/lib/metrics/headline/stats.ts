/**
 * Statistics over the overview's aggregates that are not sums: the Kaplan-Meier median from its
 * table of times, and the caseload spread over workers, as resolution.ts and caseload.ts define them.
 */
import { hasColumn } from '../../model/dataset';
import { literal } from '../../engine/sql';
import type { Scope } from '../scope';
import { inList, num } from '../sql';
import type { MetricContext } from '../types';

/**
 * Tolerance of "S(t) <= 0.5": a product of floating-point factors that is exactly 1/2 on paper may land a hair
 * above it.
 */
export const KM_EPSILON = 1e-10;

/**
 * The Kaplan-Meier median from `times` (sc, t, events, censored: one row per scope and time), as in
 * resolution.ts: one row per scope (sc, {name}: the median, {name}_n: the cohort).
 */
export function kmByScope(times: string, name: string): string {
	return `WITH times AS (${times}),
risk AS (SELECT *, sum(events + censored) OVER (PARTITION BY sc ORDER BY t DESC ROWS UNBOUNDED PRECEDING)::BIGINT AS
	at_risk
	FROM times),
km AS (SELECT *, product(1 - events / at_risk) OVER (PARTITION BY sc ORDER BY t ROWS UNBOUNDED PRECEDING) AS survival
	FROM risk)
SELECT sc, min(t) FILTER (WHERE survival <= 0.5 + ${KM_EPSILON}) AS ${name}, sum(events + censored)::BIGINT AS ${name}_n
FROM km GROUP BY sc`;
}

/** Rows of (sc, columns…) as one row of `s{sc}_{column}`, for scopes 0…n-1 (missing rows give NULL). */
export function toColumns(byScope: string, columns: readonly string[], n: number): string {
	const cells = Array.from({ length: n }, (_, i) =>
		columns.map((c) => `any_value(${c}) FILTER (WHERE sc = ${i}) AS s${i}_${c}`).join(', ')
	);
	return `SELECT ${cells.join(',\n\t')} FROM (${byScope})`;
}

/** The settings' case weights by lower-cased type (`wts`), and each case's weight; null when none are set. */
export function caseWeights(
	settings: MetricContext['settings']
): { cte: string; weight: string } | null {
	const weights = Object.entries(settings.caseWeights);
	if (!weights.length) return null;
	return {
		cte: `wts AS (SELECT * FROM (VALUES ${weights
			.map(([k, v]) => `(${literal(k.trim().toLowerCase())}, ` + `${num(v)})`)
			.join(', ')}) AS v(type_key, weight))`,
		weight: 'coalesce(wts.weight, 1.0)::DOUBLE'
	};
}

/**
 * The staff file's workers the filters select (worker, capacity), as caseload.ts counts them; null without a
 * staff file.
 */
export function staffWorkers(ctx: MetricContext, filters: Scope['filters']): string | null {
	const { dataset, settings } = ctx;
	if (!dataset.tables.staff) return null;
	const where = ['worker IS NOT NULL'];
	if (filters.worker.length) where.push(inList('worker', filters.worker));
	if (filters.office.length && hasColumn(dataset, 'staff', 'office'))
		where.push(inList('office', filters.office));
	return `SELECT worker, max(coalesce(capacity, ${num(settings.defaultCapacity)} * coalesce(fte, 1)))::DOUBLE AS
		capacity FROM staff WHERE ${where.join(' AND ')} GROUP BY worker`;
}

/**
 * Caseload from `act` (worker, sc, a: weighted cases open at the scope's as-of moment; without a
 * staff file also in_scope: on a case active in the scope) and `workers` (staffWorkers; null
 * without a staff file) for the scopes `sc`: per scope the number of workers, the spread of their
 * loads and who is over capacity, as in caseload.ts. One row per scope (sc, n_workers, cv, over).
 */
export function caseloadByScope(
	ctx: MetricContext,
	sc: readonly number[],
	ctes: string[],
	act: string,
	workers: string | null
): string {
	let per: string;
	if (workers) {
		per = `per AS (SELECT s.sc, w.capacity, TRUE AS in_scope, coalesce(a.a, 0)::DOUBLE AS a
	FROM (${workers}) w CROSS JOIN (SELECT unnest([${sc.join(', ')}]) AS sc) s LEFT JOIN act a ON a.worker =
		w.worker AND a.sc = s.sc)`;
	} else {
		// Without a staff file the workers are those on a case active in the scope (caseload.ts).
		per = `per AS (SELECT sc, ${num(ctx.settings.defaultCapacity)} AS capacity, in_scope, coalesce(a, 0)::DOUBLE
			AS a FROM act)`;
	}
	const mean = `avg(a) FILTER (WHERE in_scope)`;
	return `WITH ${[...ctes, `act AS (${act})`, per].join(',\n')}
SELECT sc, count(*) FILTER (WHERE in_scope) AS n_workers,
	CASE WHEN ${mean} > 0 THEN stddev_pop(a) FILTER (WHERE in_scope) / ${mean} END AS cv,
	count(*) FILTER (WHERE in_scope AND capacity > 0 AND a / capacity > 1) AS over
FROM per GROUP BY sc`;
}
