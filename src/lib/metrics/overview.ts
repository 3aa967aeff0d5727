/**
 * The overview's eleven headline figures for several scopes in one statement, fast enough to
 * follow every filter change.
 *
 * The catalogue's entries define each figure, and the area pages, the report and the drill-downs use
 * them. This module computes the same value and n for each figure, but from facts built once per loaded
 * dataset (`prepareOverview`):
 * - each case's earliest contact and GAS T-score, so no query joins events or goals to cases;
 * - goals and deadlines sorted by date, so a period reads only its own rows, and events as (case,
 *   moment) sorted by moment, so "active in the last N days" reads a window; they carry the number
 *   of their case's combination of filter values (`overview_dims`), to which a filter is applied;
 * - the cases themselves keep their filter columns, sorted by office (see `overview_cases`).
 * Every scope's figures come from `FILTER`ed aggregates over one scan of each fact table, and only
 * the aggregates the tiles show are computed. tests/unit/metrics/overview.test.ts holds every
 * figure to the catalogue's for many scopes, filters, settings and datasets.
 */
import type { Engine, Row } from '../engine/types';
import { hasColumn, hasTime, type DatasetInfo } from '../model/dataset';
import { metricEntry, OVERVIEW_IDS } from './catalogue';
import { GAS_RHO } from './goals';
import { count, numOrNull } from './read';
import { KM_EPSILON, standards } from './resolution';
import { computeForScopes, unavailableReason } from './run';
import { addDays, asOfDate, emptyFilters, type Scope } from './scope';
import {
	asOfMoment,
	caseMoments,
	censoredDays,
	cmp,
	columnMoment,
	daysBetween,
	FILTER_COLUMNS,
	filterWhere,
	inList,
	inPeriod,
	num,
	periodEnd,
	periodStart,
	type Moment
} from './sql';
import { literal } from '../engine/sql';
import type { MetricContext, MetricResult } from './types';

export type OverviewId = (typeof OVERVIEW_IDS)[number];

const FILTERS = FILTER_COLUMNS.join(', ');

/**
 * The statements that build the fact tables from the loaded tables. They replace earlier facts, so
 * running them after every import keeps the facts in step with the data.
 */
function overviewFactsSql(dataset: DatasetInfo): string[] {
	// The cases the metrics' `scoped` sees (an opening date; closed clamped to opened), keyed by their row.
	const scoped = `(SELECT rowid::INTEGER AS k, * REPLACE (CASE WHEN closed_at < opened_at THEN opened_at ELSE closed_at END AS closed_at) FROM cases WHERE opened_at IS NOT NULL)`;
	const contact = hasColumn(dataset, 'events', 'done_at')
		? `LEFT JOIN (SELECT case_id, min(done_at) AS t FROM events WHERE kind = 'contact' AND done_at IS NOT NULL GROUP BY case_id) ct ON ct.case_id = x.case_id`
		: '';
	// The T-score of a case over all its scored goals: the goals metric groups the same goals per case.
	const gas = dataset.tables.goals
		? `LEFT JOIN (SELECT case_id, 50 + 10 * sum(w * gas_score) / NULLIF(sqrt((1 - ${GAS_RHO}) * sum(w * w) + ${GAS_RHO} * pow(sum(w), 2)), 0) AS t
		FROM (SELECT case_id, gas_score, coalesce(weight, 1) AS w FROM goals WHERE gas_score IS NOT NULL) GROUP BY case_id) gt ON gt.case_id = x.case_id`
		: '';
	const m = caseMoments(dataset, 'x');
	const fc = firstContactSources(dataset);
	const fcColumns = fc.sources.map(
		(s) =>
			`coalesce(${s.build.sql}, 'infinity'::TIMESTAMP) AS ${s.key}, ${daysBetween(fc.intake, { ...s.build, hasTime: fc.daysTimed })} AS ${s.days}`
	);
	const statements = [
		// Each combination of the filter columns once, numbered: a filter is applied to this small table,
		// and a fact table that carries the number needs no text columns.
		`CREATE OR REPLACE TABLE overview_dims AS
SELECT row_number() OVER (ORDER BY ${FILTERS})::INTEGER AS dkey, * FROM (SELECT DISTINCT ${FILTERS} FROM cases WHERE opened_at IS NOT NULL)`,
		// Only the columns the figures read. Sorted by office, the filter supervisors use most, so that one
		// office reads its own row groups; then by the last moment a period can need a case (`relevantSince`).
		`CREATE OR REPLACE TABLE overview_cases AS
SELECT x.k, d.dkey, ${FILTER_COLUMNS.map((c) => `x.${c}`).join(', ')}, x.opened_at, coalesce(x.closed_at, 'infinity'::TIMESTAMP) AS closed_key,
	greatest(coalesce(x.closed_at, 'infinity'::TIMESTAMP), ${fc.intake.sql}) AS relevant_until,
	${daysBetween(m.opened, m.closed)} AS dur,
	${fc.intake.sql} AS intake, x.last_activity_at${fcColumns.map((c) => `,\n\t${c}`).join('')},
	${gas ? 'gt.t' : 'NULL::DOUBLE'} AS gas_t
FROM ${scoped} x
JOIN overview_dims d ON ${FILTER_COLUMNS.map((c) => `x.${c} IS NOT DISTINCT FROM d.${c}`).join(' AND ')}
${contact}
${gas}
ORDER BY x.office, relevant_until`
	];
	if (dataset.tables.goals) {
		const target = columnMoment(dataset, 'goals', 'target_at', 'g');
		const achieved = columnMoment(dataset, 'goals', 'achieved_at', 'g');
		statements.push(`CREATE OR REPLACE TABLE overview_goals AS
SELECT o.dkey, g.target_at, g.achieved_at, o.opened_at,
	CASE WHEN g.achieved_at IS NOT NULL THEN ${cmp(achieved, '<=', target)} WHEN g.gas_score IS NOT NULL THEN g.gas_score >= 0 ELSE FALSE END AS met
FROM goals g JOIN cases c ON c.case_id = g.case_id JOIN overview_cases o ON o.k = c.rowid
WHERE g.target_at IS NOT NULL
ORDER BY g.target_at`);
	}
	const deadlines: string[] = [];
	if (hasColumn(dataset, 'events', 'due_at')) {
		const due = columnMoment(dataset, 'events', 'due_at', 'e');
		const done = columnMoment(dataset, 'events', 'done_at', 'e');
		deadlines.push(`SELECT o.dkey, e.due_at AS due, e.done_at AS done, o.opened_at, TRUE AS from_event, (e.done_at IS NOT NULL AND ${cmp(done, '<=', due)}) AS met
	FROM events e JOIN cases c ON c.case_id = e.case_id JOIN overview_cases o ON o.k = c.rowid
	WHERE e.kind IN ('deadline', 'hearing') AND e.due_at IS NOT NULL`);
	}
	if (hasColumn(dataset, 'cases', 'due_at')) {
		const c = caseMoments(dataset, 'x');
		deadlines.push(`SELECT o.dkey, x.due_at AS due, x.closed_at AS done, x.opened_at, FALSE AS from_event, (x.closed_at IS NOT NULL AND ${cmp(c.closed, '<=', c.due)}) AS met
	FROM ${scoped} x JOIN overview_cases o ON o.k = x.k WHERE x.due_at IS NOT NULL`);
	}
	if (deadlines.length)
		statements.push(
			`CREATE OR REPLACE TABLE overview_deadlines AS SELECT * FROM (${deadlines.join('\nUNION ALL\n')}) ORDER BY due`
		);
	if (hasColumn(dataset, 'events', 'done_at')) {
		statements.push(`CREATE OR REPLACE TABLE overview_activity AS
SELECT o.k, o.dkey, e.done_at FROM events e JOIN cases c ON c.case_id = e.case_id JOIN overview_cases o ON o.k = c.rowid
WHERE e.done_at IS NOT NULL ORDER BY e.done_at`);
	}
	return statements;
}

const FACT_TABLES = [
	'overview_dims',
	'overview_cases',
	'overview_goals',
	'overview_deadlines',
	'overview_activity',
	'overview_cube',
	'overview_cube_durations',
	'overview_cube_km'
];

/**
 * Builds the fact tables for the loaded data; call after every import, before `computeOverview`.
 * The earlier facts go first, so that facts of other data can never answer: where a table is
 * missing, `computeOverview` falls back to the catalogue's queries.
 */
export async function prepareOverview(engine: Engine, dataset: DatasetInfo): Promise<void> {
	await engine.exec(FACT_TABLES.map((t) => `DROP TABLE IF EXISTS ${t};`).join('\n'));
	if (!dataset.tables.cases) return;
	for (const sql of overviewFactsSql(dataset)) await engine.exec(sql);
}

/**
 * The facts' "still open" test. `closed_key` is `closed_at`, or infinity for a case not closed, so
 * that "not closed, or closed after X" is one comparison instead of a NULL test and an OR.
 */
function closedKey(dataset: DatasetInfo, alias?: string): Moment {
	return {
		sql: alias ? `${alias}.closed_key` : 'closed_key',
		hasTime: hasTime(dataset, 'cases', 'closed_at')
	};
}

/** openAtAsOf (sql.ts) over the facts. */
function openAt(dataset: DatasetInfo, scope: Scope, alias?: string): string {
	const asOf = asOfMoment(scope);
	return `(${cmp(caseMoments(dataset, alias).opened, '<=', asOf)} AND ${cmp(closedKey(dataset, alias), '>', asOf)})`;
}

/** The case was known at the as-of moment (opened by it), as scoped (sql.ts) keeps it. */
function knownAt(dataset: DatasetInfo, scope: Scope, alias?: string): string {
	return cmp(caseMoments(dataset, alias).opened, '<=', asOfMoment(scope));
}

/** Closed in the scope's period and by its as-of moment (scoped's closed_at is NULL after it). */
function closedIn(dataset: DatasetInfo, scope: Scope, alias?: string): string {
	const p = alias ? `${alias}.` : '';
	const closedByAsOf = cmp(closedKey(dataset, alias), '<=', asOfMoment(scope));
	return `(${inPeriod(`${p}closed_key`, scope)} AND ${closedByAsOf} AND ${knownAt(dataset, scope, alias)})`;
}

/** activeInScope (sql.ts) over the facts, a closing after the as-of moment not yet happened. */
function activeIn(dataset: DatasetInfo, scope: Scope, alias?: string): string {
	const p = alias ? `${alias}.` : '';
	const notClosed = `(${p}closed_key >= ${periodStart(scope)} OR ${cmp(closedKey(dataset, alias), '>', asOfMoment(scope))})`;
	return `(${knownAt(dataset, scope, alias)} AND ((${p}opened_at < ${periodEnd(scope)} AND ${notClosed}) OR ${openAt(dataset, scope, alias)}))`;
}

/**
 * A condition every case that any figure of the scopes counts meets: each counts cases opened,
 * closed, taken in or open at a moment no earlier than the scopes' earliest start or as-of date, and
 * such a case is closed (or taken in) no earlier than that. The facts are sorted by that moment, so
 * a recent period reads only the row groups of cases still relevant to it.
 */
function relevantSince(scopes: readonly Scope[]): string {
	const earliest = scopes.flatMap((s) => [s.from, asOfDate(s.asOf)]).sort()[0];
	return `relevant_until >= TIMESTAMP '${earliest} 00:00:00'`;
}

/** The scope's filters on a fact table that carries `dkey` (TRUE when there are none). */
function inDims(scope: Scope): string {
	const filters = filterWhere(scope);
	return filters === 'TRUE' ? 'TRUE' : `dkey IN (SELECT dkey FROM overview_dims WHERE ${filters})`;
}

/** Which of the eleven figures each part of the statement answers. */
export const OVERVIEW_PARTS = {
	cases: [
		'clearance_rate',
		'days_to_close_median',
		'backlog_share',
		'gas_t_mean',
		'first_contact_on_time'
	],
	stale: ['stale_cases'],
	km: ['km_median_days'],
	caseload: ['caseload_cv', 'over_capacity_workers'],
	goals: ['goals_met_rate'],
	deadlines: ['deadlines_met_rate']
} as const satisfies Record<string, readonly OverviewId[]>;
type Part = keyof typeof OVERVIEW_PARTS;

/** The scopes' figures differ only in their dates; the filters are the first scope's (as on the overview). */
function sameFilters(scopes: readonly Scope[]): boolean {
	const f = JSON.stringify(scopes[0].filters);
	return scopes.every((s) => JSON.stringify(s.filters) === f);
}

/** One aggregate per scope: `expr(scope, i)` AS `s{i}_{name}`. */
function perScope(
	scopes: readonly Scope[],
	name: string,
	expr: (scope: Scope, i: number) => string
): string {
	return scopes.map((s, i) => `${expr(s, i)} AS s${i}_${name}`).join(',\n\t');
}

/**
 * `days(moment, as-of) > days` or `<= days` for a constant threshold. At whole days the count only
 * changes at midnight, so it is a comparison of the stored moment with one midnight, with no cast per
 * row; with times of day on both sides it is the fractional count of daysBetween.
 */
function daysSince(moment: Moment, asOf: Moment, op: '>' | '<=', days: number): string {
	if (moment.hasTime && asOf.hasTime) return `${daysBetween(moment, asOf)} ${op} ${num(days)}`;
	// date_diff(day of m, D) > T  <=>  day of m < D - T  <=>  day of m < D - floor(T)  (days are whole)
	const midnight = `TIMESTAMP '${addDays(asOfDate(asOf.day ?? ''), -Math.floor(days))} 00:00:00'`;
	return op === '>' ? `(${moment.sql} < ${midnight})` : `(${moment.sql} >= ${midnight})`;
}

/**
 * Cases: clearance, median days to close, backlog, GAS T and first contact counts. Each
 * scope's conditions are computed once per case (an inner projection of flags) and counted outside.
 */
function casesPart(
	ctx: MetricContext,
	scopes: readonly Scope[],
	wanted: Set<OverviewId>,
	cube = false
): string {
	const { dataset, settings } = ctx;
	const m = caseMoments(dataset);
	const flags = new Map<string, string>();
	const aggs: string[] = [];
	const ctes: string[] = [];
	let joins = '';
	const flag = (name: string, i: number, sql: string) => {
		flags.set(`${name}${i}`, sql);
		return `${name}${i}`;
	};
	const counted = (name: string, condition: (s: Scope, i: number) => string) =>
		aggs.push(perScope(scopes, name, (s, i) => `count_if(${condition(s, i)})`));
	const closedInFlag = (s: Scope, i: number) => flag('closed_in', i, closedIn(dataset, s));
	const open = (s: Scope, i: number) => flag('open', i, openAt(dataset, s));
	if (wanted.has('clearance_rate'))
		counted('opened', (s, i) =>
			flag('opened_in', i, `${inPeriod('opened_at', s)} AND ${knownAt(dataset, s)}`)
		);
	if (wanted.has('clearance_rate') || wanted.has('days_to_close_median'))
		counted('closed', closedInFlag);
	// A median does not add up over combinations: the cube keeps the durations themselves (prepareCube).
	if (wanted.has('days_to_close_median') && !cube)
		aggs.push(
			perScope(
				scopes,
				'dur_median',
				(s, i) => `quantile_cont(dur, 0.5) FILTER (WHERE ${closedInFlag(s, i)})`
			)
		);
	if (wanted.has('backlog_share')) counted('n_open', open);
	if (wanted.has('backlog_share')) {
		const std = standards(settings);
		const last = std.tiers - 1;
		const uniform = !std.cte;
		if (!uniform) {
			ctes.push(std.cte as string);
			joins += ' LEFT JOIN std ON lower(c.case_type) = std.type_key';
		}
		const lastDays = settings.timeStandards.default[last].days;
		counted(
			'backlog',
			(s, i) =>
				`${open(s, i)} AND ${flag('beyond', i, uniform ? daysSince(m.opened, asOfMoment(s), '>', lastDays) : `${daysBetween(m.opened, asOfMoment(s))} > ${std.days(last)}`)}`
		);
	}
	if (wanted.has('gas_t_mean')) {
		const active = (s: Scope, i: number) => flag('active', i, activeIn(dataset, s));
		if (cube)
			aggs.push(perScope(scopes, 'gas_sum', (s, i) => `sum(gas_t) FILTER (WHERE ${active(s, i)})`));
		else
			aggs.push(
				perScope(scopes, 'gas_t_mean', (s, i) => `avg(gas_t) FILTER (WHERE ${active(s, i)})`)
			);
		aggs.push(perScope(scopes, 'gas_n', (s, i) => `count(gas_t) FILTER (WHERE ${active(s, i)})`));
	}
	// The cube's caseload: each combination's weighted open cases (and, with no staff file, its cases
	// active in the scope), added up per worker when a filter is applied (cubeSql).
	if (cube && (wanted.has('caseload_cv') || wanted.has('over_capacity_workers'))) {
		const weights = caseWeights(settings);
		if (weights) {
			ctes.push(weights.cte);
			joins += ' LEFT JOIN wts ON lower(c.case_type) = wts.type_key';
		}
		flags.set('wt', weights ? weights.weight : '1.0::DOUBLE');
		aggs.push(perScope(scopes, 'load', (s, i) => `sum(wt) FILTER (WHERE ${open(s, i)})`));
		if (!dataset.tables.staff)
			aggs.push(
				perScope(scopes, 'active', (s, i) => `count_if(${flag('active', i, activeIn(dataset, s))})`)
			);
	}
	if (wanted.has('first_contact_on_time')) {
		const fc = firstContactConditions(ctx);
		const cohort = (s: Scope, i: number) => flag('cohort', i, fc.cohort(s));
		const contacted = (s: Scope, i: number) => flag('contacted', i, fc.contacted(s));
		counted('contacted', (s, i) => `${cohort(s, i)} AND ${contacted(s, i)}`);
		counted('on_time', (s, i) => `${cohort(s, i)} AND ${flag('on_time', i, fc.onTime(s))}`);
		counted(
			'no_contact',
			(s, i) =>
				`${cohort(s, i)} AND NOT ${contacted(s, i)} AND ${flag('sla_over', i, fc.slaOver(s))}`
		);
	}
	const inner = `SELECT ${cube ? 'c.dkey, ' : ''}dur, gas_t${[...flags].map(([name, sql]) => `,\n\t\t${sql} AS ${name}`).join('')}
	FROM overview_cases c${joins} WHERE ${relevantSince(scopes)} AND ${cube ? 'TRUE' : filterWhere(scopes[0], 'c')}`;
	return `${ctes.length ? `WITH ${ctes.join(',\n')}\n` : ''}SELECT ${cube ? 'dkey, ' : ''}${aggs.join(',\n\t')} FROM (${inner})${cube ? ' GROUP BY dkey' : ''}`;
}

/**
 * The first-contact sources of the loaded data: the case's first-contact date and its earliest
 * contact event, each with its own precision (for "known by the as-of moment"), the name of its key
 * in the facts (the moment, or infinity when there is none) and of its days from intake there.
 */
interface ContactSource {
	/** The source's moment in the facts' build (alias `x`, the earliest contact event as `ct.t`). */
	build: Moment;
	key: string;
	days: string;
}

function firstContactSources(dataset: DatasetInfo): {
	intake: Moment;
	sources: ContactSource[];
	daysTimed: boolean;
} {
	const c = caseMoments(dataset, 'x');
	const intake: Moment = hasColumn(dataset, 'cases', 'intake_at')
		? { sql: 'coalesce(x.intake_at, x.opened_at)', hasTime: c.intake.hasTime && c.opened.hasTime }
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

/**
 * The first-contact conditions of a scope, as compliance.ts defines the outcomes: on time, late
 * (contacted, not on time), no contact (not contacted and the SLA over). Days to the earliest source
 * are the least of the days to each source (the day count only grows with the moment), so each
 * source's days are computed once, in the facts, and a scope only compares.
 */
function firstContactConditions(ctx: MetricContext) {
	const { dataset, settings } = ctx;
	const { intake, sources } = firstContactSources(dataset);
	const sla = num(settings.firstContactSlaDays);
	// Infinity where a source is missing: "known by the as-of moment" is one comparison, never NULL.
	const known = (s: ContactSource, scope: Scope) =>
		cmp({ sql: s.key, hasTime: s.build.hasTime }, '<=', asOfMoment(scope));
	return {
		cohort: (scope: Scope) => `${inPeriod('intake', scope)} AND ${knownAt(dataset, scope)}`,
		contacted: (scope: Scope) =>
			sources.length ? `(${sources.map((s) => known(s, scope)).join(' OR ')})` : 'FALSE',
		onTime: (scope: Scope) =>
			sources.length
				? `(${sources.map((s) => `(${known(s, scope)} AND ${s.days} <= ${sla})`).join(' OR ')})`
				: 'FALSE',
		slaOver: (scope: Scope) =>
			daysSince(
				{ sql: 'intake', hasTime: intake.hasTime },
				asOfMoment(scope),
				'>',
				settings.firstContactSlaDays
			)
	};
}

/**
 * A case open at the as-of moment is stale when its age, its last activity date and its latest event
 * up to the as-of moment are all more than the threshold ago (compliance.ts takes the least of them).
 * The latest event is more than the threshold ago exactly when no event falls in the threshold's
 * window, so the events are read for each scope's window only (`recent`: one flag per scope and case).
 */
function staleCondition(
	ctx: MetricContext,
	scopes: readonly Scope[],
	cube: boolean
): { recent: string | null; idle: (scope: Scope, i: number) => string } {
	const { dataset, settings } = ctx;
	const c = caseMoments(dataset);
	const days = settings.staleDays;
	const within = (moment: Moment, scope: Scope) =>
		`${cmp(moment, '<=', asOfMoment(scope))} AND ${daysSince(moment, asOfMoment(scope), '<=', days)}`;
	let recent: string | null = null;
	if (hasColumn(dataset, 'events', 'done_at')) {
		const done = columnMoment(dataset, 'events', 'done_at');
		// Each scope reads its own window (and a day more on each side), which the sort order finds, and
		// only its filtered cases' events in it are grouped.
		const windows = scopes.map((s, i) => {
			const day = asOfDate(s.asOf);
			const range = `done_at >= TIMESTAMP '${addDays(day, -Math.ceil(days) - 1)} 00:00:00' AND done_at < TIMESTAMP '${addDays(day, 2)} 00:00:00'`;
			return `SELECT k, ${i} AS sc FROM overview_activity WHERE ${range} AND ${cube ? 'TRUE' : inDims(s)} AND ${within(done, s)}`;
		});
		recent = `recent AS (SELECT k, ${scopes.map((_, i) => `bool_or(sc = ${i}) AS r${i}`).join(', ')} FROM (${windows.join('\n\tUNION ALL ')}) GROUP BY k)`;
	}
	const lastActivity = hasColumn(dataset, 'cases', 'last_activity_at');
	return {
		recent,
		idle: (scope, i) => {
			const parts = [daysSince(c.opened, asOfMoment(scope), '>', days)];
			if (lastActivity)
				parts.push(
					`NOT coalesce(last_activity_at IS NOT NULL AND ${within(c.lastActivity, scope)}, FALSE)`
				);
			if (recent) parts.push(`NOT coalesce(recent.r${i}, FALSE)`);
			return parts.join(' AND ');
		}
	};
}

/**
 * Stale cases: their own scan of the cases open at some scope's as-of moment, so that only those
 * meet the window's events.
 */
function stalePart(ctx: MetricContext, scopes: readonly Scope[], cube = false): string {
	const stale = staleCondition(ctx, scopes, cube);
	const open = scopes.map((s) => openAt(ctx.dataset, s));
	const flags = scopes.map((s, i) => `${open[i]} AS open${i}, ${stale.idle(s, i)} AS idle${i}`);
	const aggs = scopes.map(
		(_, i) => `count_if(open${i}) AS s${i}_open, count_if(open${i} AND idle${i}) AS s${i}_stale`
	);
	return `${stale.recent ? `WITH ${stale.recent}\n` : ''}SELECT ${cube ? 'dkey, ' : ''}${aggs.join(', ')} FROM (SELECT ${cube ? 'c.dkey, ' : ''}${flags.join(', ')}
	FROM overview_cases c${stale.recent ? ' LEFT JOIN recent ON recent.k = c.k' : ''}
	WHERE ${relevantSince(scopes)} AND ${cube ? 'TRUE' : filterWhere(scopes[0], 'c')} AND (${open.join(' OR ')}))${cube ? ' GROUP BY dkey' : ''}`;
}

/**
 * Each scope's opening cohort as in resolution.ts: `sc` (the scope's index), whether the case closed
 * by the as-of moment, and its time (to the closing, else to the as-of moment). The cube keeps `dkey`
 * and applies no filter.
 */
function kmCohorts(ctx: MetricContext, scopes: readonly Scope[], cube: boolean): string {
	const m = caseMoments(ctx.dataset);
	return scopes
		.map((s, i) => {
			const asOf = asOfMoment(s);
			const event = cmp(closedKey(ctx.dataset), '<=', asOf);
			return `SELECT ${i} AS sc, ${cube ? 'dkey, ' : ''}${event} AS ev, CASE WHEN ${event} THEN dur ELSE ${censoredDays(m.opened, m.closed, s)} END AS t
	FROM overview_cases WHERE ${relevantSince([s])} AND ${cube ? 'TRUE' : filterWhere(s)} AND ${inPeriod('opened_at', s)} AND ${cmp(m.opened, '<=', asOf)}`;
		})
		.join('\n\tUNION ALL\n\t');
}

/**
 * The Kaplan-Meier median from `times` (sc, t, events, censored: one row per scope and time), as in
 * resolution.ts: one row per scope (sc, km_median, km_n).
 */
function kmByScope(times: string): string {
	return `WITH times AS (${times}),
risk AS (SELECT *, sum(events + censored) OVER (PARTITION BY sc ORDER BY t DESC ROWS UNBOUNDED PRECEDING)::BIGINT AS at_risk FROM times),
km AS (SELECT *, product(1 - events / at_risk) OVER (PARTITION BY sc ORDER BY t ROWS UNBOUNDED PRECEDING) AS survival FROM risk)
SELECT sc, min(t) FILTER (WHERE survival <= 0.5 + ${KM_EPSILON}) AS km_median, sum(events + censored)::BIGINT AS km_n FROM km GROUP BY sc`;
}

/** Rows of (sc, columns…) as one row of `s{sc}_{column}`, for scopes 0…n-1 (missing rows give NULL). */
function toColumns(byScope: string, columns: readonly string[], n: number): string {
	const cells = Array.from({ length: n }, (_, i) =>
		columns.map((c) => `any_value(${c}) FILTER (WHERE sc = ${i}) AS s${i}_${c}`).join(', ')
	);
	return `SELECT ${cells.join(',\n\t')} FROM (${byScope})`;
}

/** The Kaplan-Meier median of each scope's opening cohort. */
function kmPart(ctx: MetricContext, scopes: readonly Scope[]): string {
	const times = `SELECT sc, t, count(*) FILTER (WHERE ev) AS events, count(*) FILTER (WHERE NOT ev) AS censored FROM (${kmCohorts(ctx, scopes, false)}) GROUP BY sc, t`;
	return toColumns(kmByScope(times), ['km_median', 'km_n'], scopes.length);
}

/** The settings' case weights by lower-cased type (`wts`), and each case's weight; null when none are set. */
function caseWeights(settings: MetricContext['settings']): { cte: string; weight: string } | null {
	const weights = Object.entries(settings.caseWeights);
	if (!weights.length) return null;
	return {
		cte: `wts AS (SELECT * FROM (VALUES ${weights.map(([k, v]) => `(${literal(k.trim().toLowerCase())}, ${num(v)})`).join(', ')}) AS v(type_key, weight))`,
		weight: 'coalesce(wts.weight, 1.0)::DOUBLE'
	};
}

/** The staff file's workers the filters select (worker, capacity), as caseload.ts counts them; null without a staff file. */
function staffWorkers(ctx: MetricContext, filters: Scope['filters']): string | null {
	const { dataset, settings } = ctx;
	if (!dataset.tables.staff) return null;
	const where = ['worker IS NOT NULL'];
	if (filters.worker.length) where.push(inList('worker', filters.worker));
	if (filters.office.length && hasColumn(dataset, 'staff', 'office'))
		where.push(inList('office', filters.office));
	return `SELECT worker, max(coalesce(capacity, ${num(settings.defaultCapacity)} * coalesce(fte, 1)))::DOUBLE AS capacity FROM staff WHERE ${where.join(' AND ')} GROUP BY worker`;
}

/**
 * Caseload from `act` (worker, sc, a: weighted cases open at the scope's as-of moment; without a
 * staff file also in_scope: on a case active in the scope) and `workers` (staffWorkers; null
 * without a staff file) for the scopes `sc`: per scope the number of workers, the spread of their
 * loads and who is over capacity, as in caseload.ts. One row per scope (sc, n_workers, cv, over).
 */
function caseloadByScope(
	ctx: MetricContext,
	sc: readonly number[],
	ctes: string[],
	act: string,
	workers: string | null
): string {
	let per: string;
	if (workers) {
		per = `per AS (SELECT s.sc, w.capacity, TRUE AS in_scope, coalesce(a.a, 0)::DOUBLE AS a
	FROM (${workers}) w CROSS JOIN (SELECT unnest([${sc.join(', ')}]) AS sc) s LEFT JOIN act a ON a.worker = w.worker AND a.sc = s.sc)`;
	} else {
		// Without a staff file the workers are those on a case active in the scope (caseload.ts).
		per = `per AS (SELECT sc, ${num(ctx.settings.defaultCapacity)} AS capacity, in_scope, coalesce(a, 0)::DOUBLE AS a FROM act)`;
	}
	const mean = `avg(a) FILTER (WHERE in_scope)`;
	return `WITH ${[...ctes, `act AS (${act})`, per].join(',\n')}
SELECT sc, count(*) FILTER (WHERE in_scope) AS n_workers,
	CASE WHEN ${mean} > 0 THEN stddev_pop(a) FILTER (WHERE in_scope) / ${mean} END AS cv,
	count(*) FILTER (WHERE in_scope AND capacity > 0 AND a / capacity > 1) AS over
FROM per GROUP BY sc`;
}

/** Caseload: each scope's active cases per worker at its as-of moment. */
function caseloadPart(ctx: MetricContext, scopes: readonly Scope[]): string {
	const { dataset } = ctx;
	const weights = caseWeights(ctx.settings);
	const staff = Boolean(dataset.tables.staff);
	const loads = scopes.map(
		(s, i) =>
			`sum(${weights ? weights.weight : '1.0::DOUBLE'}) FILTER (WHERE ${openAt(dataset, s, 'c')}) AS a${i}`
	);
	const active = scopes.map((s, i) => `bool_or(${activeIn(dataset, s, 'c')}) AS in${i}`);
	const wide = `SELECT c.worker, ${[...loads, ...(staff ? [] : active)].join(', ')} FROM overview_cases c${weights ? ' LEFT JOIN wts ON lower(c.case_type) = wts.type_key' : ''}
	WHERE ${relevantSince(scopes)} AND c.worker IS NOT NULL AND ${filterWhere(scopes[0], 'c')} GROUP BY c.worker`;
	const act = `WITH wide AS (${wide}) ${scopes.map((_, i) => `SELECT worker, ${i} AS sc, a${i} AS a${staff ? '' : `, in${i} AS in_scope`} FROM wide`).join(' UNION ALL ')}`;
	const byScope = caseloadByScope(
		ctx,
		scopes.map((_, i) => i),
		weights ? [weights.cte] : [],
		act,
		staffWorkers(ctx, scopes[0].filters)
	);
	return toColumns(byScope, ['n_workers', 'cv', 'over'], scopes.length);
}

/** Goals due in each scope's period, and how many of them were met, as in goals.ts. */
function goalsPart(ctx: MetricContext, scopes: readonly Scope[], cube = false): string {
	const achieved = columnMoment(ctx.dataset, 'goals', 'achieved_at');
	const aggs = scopes.map((s, i) => {
		const due = `${inPeriod('target_at', s)} AND ${knownAt(ctx.dataset, s)}`;
		const met = `met AND (achieved_at IS NULL OR ${cmp(achieved, '<=', asOfMoment(s))})`;
		return `count_if(${due}) AS s${i}_due, count_if(${due} AND ${met}) AS s${i}_met`;
	});
	const where = `${cube ? 'TRUE' : inDims(scopes[0])} AND (${scopes.map((s) => inPeriod('target_at', s)).join(' OR ')})`;
	return `SELECT ${cube ? 'dkey, ' : ''}${aggs.join(',\n\t')} FROM overview_goals WHERE ${where}${cube ? ' GROUP BY dkey' : ''}`;
}

/** Deadlines due in each scope's period by its as-of moment, and how many were met, as in compliance.ts. */
function deadlinesPart(ctx: MetricContext, scopes: readonly Scope[], cube = false): string {
	const { dataset } = ctx;
	const eventDue = columnMoment(dataset, 'events', 'due_at');
	const caseDue = columnMoment(dataset, 'cases', 'due_at');
	const eventDone = columnMoment(dataset, 'events', 'done_at');
	const caseDone = columnMoment(dataset, 'cases', 'closed_at');
	const due = (s: Scope) => {
		const asOf = asOfMoment(s);
		const byAsOf = `CASE WHEN from_event THEN ${cmp({ ...eventDue, sql: 'due' }, '<=', asOf)} ELSE ${cmp({ ...caseDue, sql: 'due' }, '<=', asOf)} END`;
		return `${inPeriod('due', s)} AND ${byAsOf} AND ${knownAt(dataset, s)}`;
	};
	// Met only when done by the as-of moment: a later completion was not known then.
	const doneByAsOf = (s: Scope) => {
		const asOf = asOfMoment(s);
		return `CASE WHEN from_event THEN ${cmp({ ...eventDone, sql: 'done' }, '<=', asOf)} ELSE ${cmp({ ...caseDone, sql: 'done' }, '<=', asOf)} END`;
	};
	const aggs = scopes.map(
		(s, i) =>
			`count_if(${due(s)}) AS s${i}_deadlines, count_if(${due(s)} AND met AND ${doneByAsOf(s)}) AS s${i}_deadlines_met`
	);
	const where = `${cube ? 'TRUE' : inDims(scopes[0])} AND (${scopes.map((s) => inPeriod('due', s)).join(' OR ')})`;
	return `SELECT ${cube ? 'dkey, ' : ''}${aggs.join(',\n\t')} FROM overview_deadlines WHERE ${where}${cube ? ' GROUP BY dkey' : ''}`;
}

function partSql(
	part: Part,
	ctx: MetricContext,
	scopes: readonly Scope[],
	wanted: Set<OverviewId>
): string {
	switch (part) {
		case 'cases':
			return casesPart(ctx, scopes, wanted);
		case 'stale':
			return stalePart(ctx, scopes);
		case 'km':
			return kmPart(ctx, scopes);
		case 'caseload':
			return caseloadPart(ctx, scopes);
		case 'goals':
			return goalsPart(ctx, scopes);
		case 'deadlines':
			return deadlinesPart(ctx, scopes);
	}
}

/** The one statement of the figures that `wanted` lists, for `scopes` (which share their filters); one row. */
export function overviewSql(
	ctx: MetricContext,
	scopes: readonly Scope[],
	wanted: Set<OverviewId>
): string | null {
	const parts = (Object.keys(OVERVIEW_PARTS) as Part[]).filter((p) =>
		OVERVIEW_PARTS[p].some((id) => wanted.has(id))
	);
	if (!parts.length) return null;
	const selects = parts.map((p) => `(${partSql(p, ctx, scopes, wanted)}) AS ${p}`);
	return `SELECT ${parts.map((p) => `${p}.*`).join(', ')} FROM ${selects.join(' CROSS JOIN ')}`;
}

/**
 * A cube: for fixed dates and settings, every figure's additive parts per combination of filter
 * values (`overview_cube`, one row per row of `overview_dims`, with its filter columns), and what does
 * not add up kept finer: the durations of the cases closed in each period (`overview_cube_durations`)
 * and each cohort's Kaplan-Meier times (`overview_cube_km`). A filter change keeps the dates, so its
 * figures are sums over the combinations the filter selects: a few thousand rows instead of the cases.
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
 * Builds the cube for the scopes' dates (their filters do not matter) on facts `prepareOverview`
 * built, replacing any earlier cube; or, given the cube built last (`extend`, same data and
 * settings), adds the dates it lacks to it, so that a cube can grow in steps the queue can take
 * turns with. Each step is one call: no query runs between its tables.
 */
export async function prepareCube(
	engine: Engine,
	ctx: MetricContext,
	scopes: readonly Scope[],
	extend: OverviewCube | null = null
): Promise<OverviewCube> {
	const settings = JSON.stringify(ctx.settings);
	const earlier = extend?.settings === settings ? extend : null;
	const dates = [...new Set(scopes.map(datesKey))].filter((key) => !earlier?.dates.includes(key));
	if (earlier && !dates.length) return earlier;
	const built = dates.map((key) => scopes.find((s) => datesKey(s) === key) as Scope);
	const first = earlier?.dates.length ?? 0;
	const base = { ...ctx, scope: { ...built[0], filters: emptyFilters() } };
	const wanted = new Set(availableIds(base));
	const sources: [string, string][] = [];
	const has = (part: Part) => OVERVIEW_PARTS[part].some((id) => wanted.has(id));
	if (has('cases') || has('caseload'))
		sources.push(['cases', casesPart(base, built, wanted, true)]);
	if (has('stale')) sources.push(['stale', stalePart(base, built, true)]);
	if (has('goals')) sources.push(['goals', goalsPart(base, built, true)]);
	if (has('deadlines')) sources.push(['deadlines', deadlinesPart(base, built, true)]);
	const write = (table: string, select: string) =>
		earlier
			? `INSERT INTO ${table} BY NAME ${select};`
			: `CREATE OR REPLACE TEMP TABLE ${table} AS ${select};`;
	// Built per scope as columns (one pass over the facts), kept as one row per combination and scope.
	const wide = `SELECT d.*${sources.map(([name]) => `, ${name}.* EXCLUDE (dkey)`).join('')}
FROM overview_dims d${sources.map(([name, sql]) => `\nLEFT JOIN (${sql}) ${name} ON ${name}.dkey = d.dkey`).join('')}`;
	const rows = built.map(
		(_, i) =>
			`SELECT dkey, ${FILTERS}, ${first + i} AS sc, COLUMNS('^s${i}_(.*)$') AS '\\1' FROM wide`
	);
	const statements = [
		write(
			'overview_cube',
			`WITH wide AS (${wide}) ${rows.join('\nUNION ALL BY NAME ')} ORDER BY sc, dkey`
		)
	];
	// The two tables with a row per case or time are not sorted: each step adds its own scopes' rows,
	// and sorting them took 13-33% of a step at 1,000,000 cases (Node) without making the sums over them faster.
	if (wanted.has('days_to_close_median')) {
		const closed = built.map(
			(s, i) =>
				`SELECT ${first + i} AS sc, dkey, dur FROM overview_cases WHERE ${relevantSince([s])} AND ${closedIn(base.dataset, s)}`
		);
		statements.push(write('overview_cube_durations', closed.join('\nUNION ALL ')));
	}
	if (wanted.has('km_median_days')) {
		const times = `SELECT sc + ${first} AS sc, dkey, t, count(*) FILTER (WHERE ev) AS events, count(*) FILTER (WHERE NOT ev) AS censored
FROM (${kmCohorts(base, built, true)}) GROUP BY sc, dkey, t`;
		statements.push(write('overview_cube_km', times));
	}
	await engine.exec(statements.join('\n'));
	// An added step has the same columns as the first.
	const columns = earlier?.columns ?? (await cubeColumns(engine));
	return {
		id: String(++cubesBuilt),
		settings,
		dates: [...(earlier?.dates ?? []), ...dates],
		wanted: [...wanted],
		columns
	};
}

/** The additive columns of `overview_cube`: all but its keys. */
async function cubeColumns(engine: Engine): Promise<string[]> {
	const described = await engine.query<{ column_name: string }>(
		`SELECT column_name FROM (DESCRIBE overview_cube)`
	);
	const keys = new Set(['dkey', 'sc', ...FILTER_COLUMNS]);
	return described.map((r) => r.column_name).filter((c) => !keys.has(c));
}

/**
 * The statement of the figures from the cube, for scopes whose dates it holds (sharing their
 * filters): one row per scope (`sc`), its columns named as `readScope` reads them. Planning it costs
 * about as much as running it, yet it is not prepared: with parameters DuckDB 1.4 plans it again on
 * every EXECUTE, and a statement prepared over a table of filter values kept answering from that
 * table's contents at PREPARE time (wrong counts after the table changed).
 */
function cubeSql(
	ctx: MetricContext,
	cube: OverviewCube,
	scopes: readonly Scope[],
	wanted: Set<OverviewId>
): string {
	const sc = scopes.map((s) => cube.dates.indexOf(datesKey(s)));
	const filters = filterWhere(scopes[0]);
	const rows = `sc IN (${sc.join(', ')}) AND ${filters === 'TRUE' ? 'TRUE' : `dkey IN (SELECT dkey FROM overview_dims WHERE ${filters})`}`;
	const sums = cube.columns
		.filter((c) => c !== 'load' && c !== 'active' && c !== 'gas_sum')
		.map((c) => `sum(${c})::BIGINT AS ${c}`);
	if (cube.columns.includes('gas_sum'))
		sums.push('sum(gas_sum) / nullif(sum(gas_n), 0) AS gas_t_mean');
	const parts: [string, string][] = [
		[
			'counts',
			`SELECT sc${sums.map((c) => `, ${c}`).join('')} FROM overview_cube WHERE sc IN (${sc.join(', ')}) AND ${filters} GROUP BY sc`
		]
	];
	if (wanted.has('days_to_close_median')) {
		parts.push([
			'durations',
			`SELECT sc, quantile_cont(dur, 0.5) AS dur_median FROM overview_cube_durations WHERE ${rows} GROUP BY sc`
		]);
	}
	if (wanted.has('km_median_days')) {
		parts.push([
			'km',
			kmByScope(
				`SELECT sc, t, sum(events)::BIGINT AS events, sum(censored)::BIGINT AS censored FROM overview_cube_km WHERE ${rows} GROUP BY sc, t`
			)
		]);
	}
	if (wanted.has('caseload_cv') || wanted.has('over_capacity_workers')) {
		const act = `SELECT worker, sc, sum(load) AS a${ctx.dataset.tables.staff ? '' : ', coalesce(sum(active), 0) > 0 AS in_scope'}
	FROM overview_cube WHERE worker IS NOT NULL AND sc IN (${sc.join(', ')}) AND ${filters} GROUP BY worker, sc`;
		parts.push([
			'caseload',
			caseloadByScope(ctx, sc, [], act, staffWorkers(ctx, scopes[0].filters))
		]);
	}
	return `/* cube ${cube.id} */ SELECT s.sc${parts.map(([name]) => `, ${name}.* EXCLUDE (sc)`).join('')}
FROM (SELECT unnest([${sc.join(', ')}]) AS sc) s${parts.map(([name, sql]) => `\nLEFT JOIN (${sql}) ${name} ON ${name}.sc = s.sc`).join('')}`;
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

/** A scope's figures from a row of the statement, its columns named `{prefix}{name}`. */
function readScope(row: Row, prefix: string, id: OverviewId): { value: number | null; n: number } {
	const v = (name: string) => row[`${prefix}${name}`];
	switch (id) {
		case 'clearance_rate':
			return { value: ratio(count(v('closed')), count(v('opened'))), n: count(v('opened')) };
		case 'days_to_close_median':
			return { value: numOrNull(v('dur_median')), n: count(v('closed')) };
		case 'km_median_days':
			return { value: numOrNull(v('km_median')), n: count(v('km_n')) };
		case 'backlog_share':
			return { value: ratio(count(v('backlog')), count(v('n_open'))), n: count(v('n_open')) };
		case 'goals_met_rate':
			return { value: ratio(count(v('met')), count(v('due'))), n: count(v('due')) };
		case 'gas_t_mean':
			return { value: numOrNull(v('gas_t_mean')), n: count(v('gas_n')) };
		case 'caseload_cv':
			return { value: numOrNull(v('cv')), n: count(v('n_workers')) };
		case 'over_capacity_workers':
			return { value: count(v('over')), n: count(v('n_workers')) };
		case 'first_contact_on_time': {
			// on time + late (= contacted) + no contact
			const n = count(v('contacted')) + count(v('no_contact'));
			return { value: ratio(count(v('on_time')), n), n };
		}
		case 'deadlines_met_rate':
			return {
				value: ratio(count(v('deadlines_met')), count(v('deadlines'))),
				n: count(v('deadlines'))
			};
		case 'stale_cases':
			return { value: count(v('stale')), n: count(v('open')) };
	}
}

/** Scopes per statement: each scope adds its aggregates to every scan, and more than a few at once is slower than two scans. */
const SCOPES_PER_STATEMENT = 3;

/**
 * The overview's figures (value and n, as the catalogue's entries give them) for each scope: from
 * `cube` when it holds the scopes' dates, else from the facts `prepareOverview` built. Scopes with
 * other filters than the first, or a statement that fails, are computed by the catalogue's own
 * queries instead.
 */
export async function computeOverview(
	engine: Engine,
	ctx: MetricContext,
	scopes: readonly Scope[],
	cube: OverviewCube | null = null
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
		results.push(
			...(await computeChunk(
				engine,
				ctx,
				distinct.slice(from, from + chunkSize),
				covered ? cube : null
			))
		);
	}
	return keys.map((key) => results[distinctKeys.indexOf(key)]);
}

async function computeChunk(
	engine: Engine,
	ctx: MetricContext,
	scopes: readonly Scope[],
	cube: OverviewCube | null
): Promise<Record<OverviewId, MetricResult>[]> {
	const base = { ...ctx, scope: scopes[0] };
	const unavailable = new Map(
		OVERVIEW_IDS.map((id) => [id, unavailableReason(metricEntry(id), base)])
	);
	const wanted = new Set(OVERVIEW_IDS.filter((id) => unavailable.get(id) === null));
	// The facts' statement gives one row (`s{i}_` per scope), the cube's one row per scope (`sc`).
	let rowOf: (i: number) => [Row, string] = () => [{}, ''];
	try {
		if (cube) {
			const sc = scopes.map((s) => cube.dates.indexOf(datesKey(s)));
			const rows = await engine.query(cubeSql(base, cube, scopes, wanted));
			rowOf = (i) => [rows.find((r) => Number(r.sc) === sc[i]) ?? {}, ''];
		} else {
			const sql = overviewSql(base, scopes, wanted);
			const row = sql ? ((await engine.query(sql))[0] ?? {}) : {};
			rowOf = (i) => [row, `s${i}_`];
		}
	} catch {
		// Should the cube's statement fail, the facts answer.
		if (cube) return computeChunk(engine, ctx, scopes, null);
		return (await computeForScopes(engine, ctx, scopes, OVERVIEW_IDS)) as Record<
			OverviewId,
			MetricResult
		>[];
	}
	return scopes.map((_, i) => {
		const results = {} as Record<OverviewId, MetricResult>;
		for (const id of OVERVIEW_IDS) {
			const reason = unavailable.get(id);
			results[id] = reason
				? { id, kind: 'scalar', value: null, unavailable: reason }
				: { id, kind: 'scalar', ...readScope(...rowOf(i), id) };
		}
		return results;
	});
}
