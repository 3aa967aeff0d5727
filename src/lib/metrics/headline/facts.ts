/**
 * The overview's fact tables, built once per loaded dataset (`prepareOverview`), and the conditions
 * the headline measures (measures.ts) state over them:
 * - each case's earliest contact and GAS T-score, so no query joins events or goals to cases;
 * - goals and deadlines sorted by date, so a period reads only its own rows, and events as (case,
 *   moment) sorted by moment, so "active in the last N days" reads a window; they carry the number
 *   of their case's combination of filter values (`overview_dims`), to which a filter is applied;
 * - the cases themselves keep their filter columns, sorted by office (see `overview_cases`).
 */
import { hasColumn, hasTime, type DatasetInfo } from '../../model/dataset';
import { GAS_RHO } from '../gas';
import { addDays, asOfDate, type Scope } from '../scope';
import {
	dateLit,
	asOfMoment,
	caseMoments,
	cmp,
	columnMoment,
	daysBetween,
	FILTER_COLUMNS,
	filterWhere,
	inPeriod,
	periodEnd,
	periodStart,
	num,
	type Moment
} from '../sql';

export const FILTERS = FILTER_COLUMNS.join(', ');

/**
 * The fact tables for the loaded tables, in order: each name with the query that builds it. Built
 * after every import (`prepareOverview`), or inlined as CTEs (`withFactsInlined`) where none are
 * built: then unsorted, and without the columns of `overview_cases` that cost a join and that the
 * one statement does not read (`reads`: its filter number, contact and GAS columns).
 */
export function factTablesSql(
	dataset: DatasetInfo,
	inline: { reads: (column: string) => boolean } | null = null
): [string, string][] {
	const orderBy = (keys: string) => (inline ? '' : `\nORDER BY ${keys}`);
	const reads = (column: string) => !inline || inline.reads(column);
	// The cases the metrics' `scoped` sees (an opening date; closed clamped to opened), keyed by their row.
	const scoped = `(SELECT rowid::INTEGER AS k, * REPLACE (CASE WHEN closed_at < opened_at THEN opened_at ELSE
		closed_at END AS closed_at) FROM cases WHERE opened_at IS NOT NULL)`;
	const fc = firstContactSources(dataset);
	const sources = fc.sources.filter((s) => reads(s.key) || reads(s.days));
	const contact = sources.some((s) => s.key === 'contact_key')
		? `LEFT JOIN (SELECT case_id, min(done_at) AS t FROM events WHERE kind = 'contact' AND done_at IS NOT NULL
			GROUP BY case_id) ct ON ct.case_id = x.case_id`
		: '';
	// The T-score of a case over all its scored goals: the goals metric groups the same goals per case.
	const gas =
		dataset.tables.goals && reads('gas_t')
			? `LEFT JOIN (SELECT case_id, 50 + 10 * sum(w * gas_score) / NULLIF(sqrt((1 - ${GAS_RHO}) * sum(w * w) +
			${GAS_RHO} * pow(sum(w), 2)), 0) AS t
		FROM (SELECT case_id, gas_score, coalesce(weight, 1) AS w FROM goals WHERE gas_score IS NOT NULL) GROUP BY
			case_id) gt ON gt.case_id = x.case_id`
			: '';
	const m = caseMoments(dataset, 'x');
	const dims = reads('dkey');
	const dimsJoin = dims
		? `JOIN overview_dims d ON ${FILTER_COLUMNS.map((c) => `x.${c} IS NOT DISTINCT FROM d.${c}`).join(' AND ')}`
		: '';
	const fcColumns = sources.map(
		(s) =>
			`coalesce(${s.build.sql}, 'infinity'::TIMESTAMP) AS ${s.key},
				${daysBetween(fc.intake, { ...s.build, hasTime: fc.daysTimed })} AS ${s.days}`
	);
	const statements: [string, string][] = [
		// Each combination of the filter columns once, numbered: a filter is applied to this small table,
		// and a fact table that carries the number needs no text columns.
		[
			'overview_dims',
			`SELECT row_number() OVER (ORDER BY ${FILTERS})::INTEGER AS dkey, * FROM (SELECT DISTINCT ${FILTERS}
				FROM cases WHERE opened_at IS NOT NULL)`
		],
		// Only the columns the figures read. Sorted by office, the filter supervisors use most, so that one
		// office reads its own row groups; then by the last moment a period can need a case (`relevantSince`).
		[
			'overview_cases',
			`SELECT x.k, ${dims ? 'd.dkey' : 'NULL::INTEGER AS dkey'},
				${FILTER_COLUMNS.map((c) => `x.${c}`).join(', ')}, x.opened_at,
	coalesce(x.closed_at, 'infinity'::TIMESTAMP) AS closed_key,
	greatest(coalesce(x.closed_at, 'infinity'::TIMESTAMP), ${fc.intake.sql}) AS relevant_until,
	${daysBetween(m.opened, m.closed)} AS dur,
	${fc.intake.sql} AS intake, x.last_activity_at${fcColumns.map((c) => `,\n\t${c}`).join('')},
	${gas ? 'gt.t' : 'NULL::DOUBLE'} AS gas_t
FROM ${scoped} x
${dimsJoin}
${contact}
${gas}${orderBy('x.office, relevant_until')}`
		]
	];
	if (dataset.tables.goals) {
		const target = columnMoment(dataset, 'goals', 'target_at', 'g');
		const achieved = columnMoment(dataset, 'goals', 'achieved_at', 'g');
		statements.push([
			'overview_goals',
			`SELECT o.dkey, g.target_at, g.achieved_at, o.opened_at,
	CASE WHEN g.achieved_at IS NOT NULL THEN ${cmp(achieved, '<=', target)} WHEN g.gas_score IS NOT NULL THEN
		g.gas_score >= 0 ELSE FALSE END AS met
FROM goals g JOIN cases c ON c.case_id = g.case_id JOIN overview_cases o ON o.k = c.rowid
WHERE g.target_at IS NOT NULL${orderBy('g.target_at')}`
		]);
	}
	const deadlines: string[] = [];
	if (hasColumn(dataset, 'events', 'due_at')) {
		const due = columnMoment(dataset, 'events', 'due_at', 'e');
		const done = columnMoment(dataset, 'events', 'done_at', 'e');
		deadlines.push(`SELECT o.dkey, e.due_at AS due, e.done_at AS done, o.opened_at, TRUE AS from_event,
			(e.done_at IS NOT NULL AND ${cmp(done, '<=', due)}) AS met
	FROM events e JOIN cases c ON c.case_id = e.case_id JOIN overview_cases o ON o.k = c.rowid
	WHERE e.kind IN ('deadline', 'hearing') AND e.due_at IS NOT NULL`);
	}
	if (hasColumn(dataset, 'cases', 'due_at')) {
		const c = caseMoments(dataset, 'x');
		deadlines.push(`SELECT o.dkey, x.due_at AS due, x.closed_at AS done, x.opened_at, FALSE AS from_event,
			(x.closed_at IS NOT NULL AND ${cmp(c.closed, '<=', c.due)}) AS met
	FROM ${scoped} x JOIN overview_cases o ON o.k = x.k WHERE x.due_at IS NOT NULL`);
	}
	if (deadlines.length)
		statements.push([
			'overview_deadlines',
			`SELECT * FROM (${deadlines.join('\nUNION ALL\n')})${orderBy('due')}`
		]);
	if (hasColumn(dataset, 'events', 'done_at')) {
		statements.push([
			'overview_activity',
			`SELECT o.k, o.dkey, e.done_at FROM events e JOIN cases c ON c.case_id = e.case_id JOIN overview_cases o
				ON o.k = c.rowid
WHERE e.done_at IS NOT NULL${orderBy('e.done_at')}`
		]);
	}
	return statements;
}

export const FACT_TABLES = [
	'overview_dims',
	'overview_cases',
	'overview_goals',
	'overview_deadlines',
	'overview_activity'
];

/**
 * `statement` with the fact tables it reads inlined as CTEs over the loaded tables (they shadow built
 * tables of the same names), unsorted: a statement that is run once gains nothing from the order.
 */
export function withFactsInlined(dataset: DatasetInfo, statement: string): string {
	const reads = (sql: string, name: string) => new RegExp(`\\b${name}\\b`).test(sql);
	const tables = factTablesSql(dataset, { reads: (column) => reads(statement, column) });
	// A table reads only tables before it: from the last, keep those the statement or a kept table reads.
	const kept: [string, string][] = [];
	for (const [name, sql] of [...tables].reverse())
		if ([statement, ...kept.map(([, k]) => k)].some((s) => reads(s, name)))
			kept.unshift([name, sql]);
	if (!kept.length) return statement;
	return `WITH ${kept.map(([name, sql]) => `${name} AS (${sql})`).join(',\n')}\n${statement}`;
}

/**
 * The facts' "still open" test. `closed_key` is `closed_at`, or infinity for a case not closed, so
 * that "not closed, or closed after X" is one comparison instead of a NULL test and an OR.
 */
export function closedKey(dataset: DatasetInfo, alias?: string): Moment {
	return {
		sql: alias ? `${alias}.closed_key` : 'closed_key',
		hasTime: hasTime(dataset, 'cases', 'closed_at')
	};
}

/** openAtAsOf (sql.ts) over the facts. */
export function openAt(dataset: DatasetInfo, scope: Scope, alias?: string): string {
	const asOf = asOfMoment(scope);
	return `(${cmp(caseMoments(dataset, alias).opened, '<=', asOf)} AND ${cmp(closedKey(dataset, alias), '>', asOf)})`;
}

/** The case was known at the as-of moment (opened by it), as scoped (sql.ts) keeps it. */
export function knownAt(dataset: DatasetInfo, scope: Scope, alias?: string): string {
	return cmp(caseMoments(dataset, alias).opened, '<=', asOfMoment(scope));
}

/** Closed in the scope's period and by its as-of moment (scoped's closed_at is NULL after it). */
export function closedIn(dataset: DatasetInfo, scope: Scope, alias?: string): string {
	const p = alias ? `${alias}.` : '';
	const closedByAsOf = cmp(closedKey(dataset, alias), '<=', asOfMoment(scope));
	return `(${inPeriod(`${p}closed_key`, scope)} AND ${closedByAsOf} AND ${knownAt(dataset, scope, alias)})`;
}

/** activeInScope (sql.ts) over the facts, a closing after the as-of moment not yet happened. */
export function activeIn(dataset: DatasetInfo, scope: Scope, alias?: string): string {
	const p = alias ? `${alias}.` : '';
	const notClosed =
		`(${p}closed_key >= ${periodStart(scope)} OR ` +
		`${cmp(closedKey(dataset, alias), '>', asOfMoment(scope))})`;
	return (
		`(${knownAt(dataset, scope, alias)} AND ((${p}opened_at < ${periodEnd(scope)} AND ${notClosed}) OR ` +
		`${openAt(dataset, scope, alias)}))`
	);
}

/**
 * A condition every case that any figure of the scopes counts meets: each counts cases opened,
 * closed, taken in or open at a moment no earlier than the scopes' earliest start or as-of date, and
 * such a case is closed (or taken in) no earlier than that. The facts are sorted by that moment, so
 * a recent period reads only the row groups of cases still relevant to it.
 */
export function relevantSince(scopes: readonly Scope[]): string {
	const earliest = scopes.flatMap((s) => [s.from, asOfDate(s.asOf)]).sort()[0];
	return `relevant_until >= ${dateLit(earliest)}`;
}

/** The scope's filters on a fact table that carries `dkey` (TRUE when there are none). */
export function inDims(scope: Scope): string {
	const filters = filterWhere(scope);
	return filters === 'TRUE' ? 'TRUE' : `dkey IN (SELECT dkey FROM overview_dims WHERE ${filters})`;
}

/**
 * `days(moment, as-of) > days` or `<= days` for a constant threshold. At whole days the count only
 * changes at midnight, so it is a comparison of the stored moment with one midnight, with no cast per
 * row; with times of day on both sides it is the fractional count of daysBetween.
 */
export function daysSince(moment: Moment, asOf: Moment, op: '>' | '<=', days: number): string {
	if (moment.hasTime && asOf.hasTime) return `${daysBetween(moment, asOf)} ${op} ${num(days)}`;
	// date_diff(day of m, D) > T  <=>  day of m < D - T  <=>  day of m < D - floor(T)  (days are whole)
	const midnight = dateLit(addDays(asOfDate(asOf.day ?? ''), -Math.floor(days)));
	return op === '>' ? `(${moment.sql} < ${midnight})` : `(${moment.sql} >= ${midnight})`;
}

/**
 * The first-contact sources of the loaded data: the case's first-contact date and its earliest
 * contact event, each with its own precision (for "known by the as-of moment"), the name of its key
 * in the facts (the moment, or infinity when there is none) and of its days from intake there.
 */
export interface ContactSource {
	/** The source's moment in the facts' build (alias `x`, the earliest contact event as `ct.t`). */
	build: Moment;
	key: string;
	days: string;
}

export function firstContactSources(
	dataset: DatasetInfo,
	alias = 'x'
): {
	intake: Moment;
	sources: ContactSource[];
	daysTimed: boolean;
} {
	const c = caseMoments(dataset, alias);
	const intake: Moment = hasColumn(dataset, 'cases', 'intake_at')
		? {
				sql: `coalesce(${alias}.intake_at, ${alias}.opened_at)`,
				hasTime: c.intake.hasTime && c.opened.hasTime
			}
		: c.opened;
	const sources: ContactSource[] = [];
	if (hasColumn(dataset, 'cases', 'first_contact_at'))
		sources.push({ build: c.firstContact, key: 'first_contact_key', days: 'first_contact_days' });
	if (hasColumn(dataset, 'events', 'done_at'))
		sources.push({
			build: { sql: 'ct.t', hasTime: hasTime(dataset, 'events', 'done_at') },
			key: 'contact_key',
			days: 'contact_days'
		});
	// compliance.ts counts days to the earliest source at the coarsest precision of them all.
	return { intake, sources, daysTimed: sources.every((s) => s.build.hasTime) };
}
