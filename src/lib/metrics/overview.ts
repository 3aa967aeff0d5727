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
import { addDays, asOfDate, type Scope } from './scope';
import { asOfMoment, caseMoments, cmp, columnMoment, daysBetween, FILTER_COLUMNS, filterWhere, inList, inPeriod, num, periodEnd, periodStart, type Moment } from './sql';
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
		(s) => `coalesce(${s.build.sql}, 'infinity'::TIMESTAMP) AS ${s.key}, ${daysBetween(fc.intake, { ...s.build, hasTime: fc.daysTimed })} AS ${s.days}`
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
SELECT o.dkey, g.target_at,
	CASE WHEN g.achieved_at IS NOT NULL THEN ${cmp(achieved, '<=', target)} WHEN g.gas_score IS NOT NULL THEN g.gas_score >= 0 ELSE FALSE END AS met
FROM goals g JOIN cases c ON c.case_id = g.case_id JOIN overview_cases o ON o.k = c.rowid
WHERE g.target_at IS NOT NULL
ORDER BY g.target_at`);
	}
	const deadlines: string[] = [];
	if (hasColumn(dataset, 'events', 'due_at')) {
		const due = columnMoment(dataset, 'events', 'due_at', 'e');
		const done = columnMoment(dataset, 'events', 'done_at', 'e');
		deadlines.push(`SELECT o.dkey, e.due_at AS due, TRUE AS from_event, (e.done_at IS NOT NULL AND ${cmp(done, '<=', due)}) AS met
	FROM events e JOIN cases c ON c.case_id = e.case_id JOIN overview_cases o ON o.k = c.rowid
	WHERE e.kind IN ('deadline', 'hearing') AND e.due_at IS NOT NULL`);
	}
	if (hasColumn(dataset, 'cases', 'due_at')) {
		const c = caseMoments(dataset, 'x');
		deadlines.push(`SELECT o.dkey, x.due_at AS due, FALSE AS from_event, (x.closed_at IS NOT NULL AND ${cmp(c.closed, '<=', c.due)}) AS met
	FROM ${scoped} x JOIN overview_cases o ON o.k = x.k WHERE x.due_at IS NOT NULL`);
	}
	if (deadlines.length) statements.push(`CREATE OR REPLACE TABLE overview_deadlines AS SELECT * FROM (${deadlines.join('\nUNION ALL\n')}) ORDER BY due`);
	if (hasColumn(dataset, 'events', 'done_at')) {
		statements.push(`CREATE OR REPLACE TABLE overview_activity AS
SELECT o.k, o.dkey, e.done_at FROM events e JOIN cases c ON c.case_id = e.case_id JOIN overview_cases o ON o.k = c.rowid
WHERE e.done_at IS NOT NULL ORDER BY e.done_at`);
	}
	return statements;
}

const FACT_TABLES = ['overview_dims', 'overview_cases', 'overview_goals', 'overview_deadlines', 'overview_activity'];

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
	return { sql: alias ? `${alias}.closed_key` : 'closed_key', hasTime: hasTime(dataset, 'cases', 'closed_at') };
}

/** openAtAsOf (sql.ts) over the facts. */
function openAt(dataset: DatasetInfo, scope: Scope, alias?: string): string {
	const asOf = asOfMoment(scope);
	return `(${cmp(caseMoments(dataset, alias).opened, '<=', asOf)} AND ${cmp(closedKey(dataset, alias), '>', asOf)})`;
}

/** activeInScope (sql.ts) over the facts. */
function activeIn(dataset: DatasetInfo, scope: Scope, alias?: string): string {
	const p = alias ? `${alias}.` : '';
	return `((${p}opened_at < ${periodEnd(scope)} AND ${p}closed_key >= ${periodStart(scope)}) OR ${openAt(dataset, scope, alias)})`;
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
	cases: ['clearance_rate', 'days_to_close_median', 'backlog_share', 'gas_t_mean', 'first_contact_on_time'],
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
function perScope(scopes: readonly Scope[], name: string, expr: (scope: Scope, i: number) => string): string {
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
function casesPart(ctx: MetricContext, scopes: readonly Scope[], wanted: Set<OverviewId>): string {
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
	const counted = (name: string, condition: (s: Scope, i: number) => string) => aggs.push(perScope(scopes, name, (s, i) => `count_if(${condition(s, i)})`));
	const closedIn = (s: Scope, i: number) => flag('closed_in', i, inPeriod('closed_key', s));
	const open = (s: Scope, i: number) => flag('open', i, openAt(dataset, s));
	if (wanted.has('clearance_rate')) counted('opened', (s, i) => flag('opened_in', i, inPeriod('opened_at', s)));
	if (wanted.has('clearance_rate') || wanted.has('days_to_close_median')) counted('closed', closedIn);
	if (wanted.has('days_to_close_median')) aggs.push(perScope(scopes, 'dur_median', (s, i) => `quantile_cont(dur, 0.5) FILTER (WHERE ${closedIn(s, i)})`));
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
		counted('backlog', (s, i) => `${open(s, i)} AND ${flag('beyond', i, uniform ? daysSince(m.opened, asOfMoment(s), '>', lastDays) : `${daysBetween(m.opened, asOfMoment(s))} > ${std.days(last)}`)}`);
	}
	if (wanted.has('gas_t_mean')) {
		const active = (s: Scope, i: number) => flag('active', i, activeIn(dataset, s));
		aggs.push(perScope(scopes, 'gas_t_mean', (s, i) => `avg(gas_t) FILTER (WHERE ${active(s, i)})`));
		aggs.push(perScope(scopes, 'gas_n', (s, i) => `count(gas_t) FILTER (WHERE ${active(s, i)})`));
	}
	if (wanted.has('first_contact_on_time')) {
		const fc = firstContactConditions(ctx);
		const cohort = (s: Scope, i: number) => flag('cohort', i, fc.cohort(s));
		const contacted = (s: Scope, i: number) => flag('contacted', i, fc.contacted(s));
		counted('contacted', (s, i) => `${cohort(s, i)} AND ${contacted(s, i)}`);
		counted('on_time', (s, i) => `${cohort(s, i)} AND ${flag('on_time', i, fc.onTime(s))}`);
		counted('no_contact', (s, i) => `${cohort(s, i)} AND NOT ${contacted(s, i)} AND ${flag('sla_over', i, fc.slaOver(s))}`);
	}
	const inner = `SELECT dur, gas_t${[...flags].map(([name, sql]) => `,\n\t\t${sql} AS ${name}`).join('')}
	FROM overview_cases c${joins} WHERE ${relevantSince(scopes)} AND ${filterWhere(scopes[0], 'c')}`;
	return `${ctes.length ? `WITH ${ctes.join(',\n')}\n` : ''}SELECT ${aggs.join(',\n\t')} FROM (${inner})`;
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

function firstContactSources(dataset: DatasetInfo): { intake: Moment; sources: ContactSource[]; daysTimed: boolean } {
	const c = caseMoments(dataset, 'x');
	const intake: Moment = hasColumn(dataset, 'cases', 'intake_at') ? { sql: 'coalesce(x.intake_at, x.opened_at)', hasTime: c.intake.hasTime && c.opened.hasTime } : c.opened;
	const sources: ContactSource[] = [];
	if (hasColumn(dataset, 'cases', 'first_contact_at')) sources.push({ build: c.firstContact, key: 'first_contact_key', days: 'first_contact_days' });
	if (hasColumn(dataset, 'events', 'done_at')) sources.push({ build: { sql: 'ct.t', hasTime: hasTime(dataset, 'events', 'done_at') }, key: 'contact_key', days: 'contact_days' });
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
	const known = (s: ContactSource, scope: Scope) => cmp({ sql: s.key, hasTime: s.build.hasTime }, '<=', asOfMoment(scope));
	return {
		cohort: (scope: Scope) => inPeriod('intake', scope),
		contacted: (scope: Scope) => (sources.length ? `(${sources.map((s) => known(s, scope)).join(' OR ')})` : 'FALSE'),
		onTime: (scope: Scope) => (sources.length ? `(${sources.map((s) => `(${known(s, scope)} AND ${s.days} <= ${sla})`).join(' OR ')})` : 'FALSE'),
		slaOver: (scope: Scope) => daysSince({ sql: 'intake', hasTime: intake.hasTime }, asOfMoment(scope), '>', settings.firstContactSlaDays)
	};
}

/**
 * A case open at the as-of moment is stale when its age, its last activity date and its latest event
 * up to the as-of moment are all more than the threshold ago (compliance.ts takes the least of them).
 * The latest event is more than the threshold ago exactly when no event falls in the threshold's
 * window, so the events are read for each scope's window only (`recent`: one flag per scope and case).
 */
function staleCondition(ctx: MetricContext, scopes: readonly Scope[]): { recent: string | null; idle: (scope: Scope, i: number) => string } {
	const { dataset, settings } = ctx;
	const c = caseMoments(dataset);
	const days = settings.staleDays;
	const within = (moment: Moment, scope: Scope) => `${cmp(moment, '<=', asOfMoment(scope))} AND ${daysSince(moment, asOfMoment(scope), '<=', days)}`;
	let recent: string | null = null;
	if (hasColumn(dataset, 'events', 'done_at')) {
		const done = columnMoment(dataset, 'events', 'done_at');
		// Each scope reads its own window (and a day more on each side), which the sort order finds, and
		// only its filtered cases' events in it are grouped.
		const windows = scopes.map((s, i) => {
			const day = asOfDate(s.asOf);
			const range = `done_at >= TIMESTAMP '${addDays(day, -Math.ceil(days) - 1)} 00:00:00' AND done_at < TIMESTAMP '${addDays(day, 2)} 00:00:00'`;
			return `SELECT k, ${i} AS sc FROM overview_activity WHERE ${range} AND ${inDims(s)} AND ${within(done, s)}`;
		});
		recent = `recent AS (SELECT k, ${scopes.map((_, i) => `bool_or(sc = ${i}) AS r${i}`).join(', ')} FROM (${windows.join('\n\tUNION ALL ')}) GROUP BY k)`;
	}
	const lastActivity = hasColumn(dataset, 'cases', 'last_activity_at');
	return {
		recent,
		idle: (scope, i) => {
			const parts = [daysSince(c.opened, asOfMoment(scope), '>', days)];
			if (lastActivity) parts.push(`NOT coalesce(last_activity_at IS NOT NULL AND ${within(c.lastActivity, scope)}, FALSE)`);
			if (recent) parts.push(`NOT coalesce(recent.r${i}, FALSE)`);
			return parts.join(' AND ');
		}
	};
}

/**
 * Stale cases: their own scan of the cases open at some scope's as-of moment, so that only those
 * meet the window's events.
 */
function stalePart(ctx: MetricContext, scopes: readonly Scope[]): string {
	const stale = staleCondition(ctx, scopes);
	const open = scopes.map((s) => openAt(ctx.dataset, s));
	const flags = scopes.map((s, i) => `${open[i]} AS open${i}, ${stale.idle(s, i)} AS idle${i}`);
	const aggs = scopes.map((_, i) => `count_if(open${i}) AS s${i}_open, count_if(open${i} AND idle${i}) AS s${i}_stale`);
	return `${stale.recent ? `WITH ${stale.recent}\n` : ''}SELECT ${aggs.join(', ')} FROM (SELECT ${flags.join(', ')}
	FROM overview_cases c${stale.recent ? ' LEFT JOIN recent ON recent.k = c.k' : ''}
	WHERE ${relevantSince(scopes)} AND ${filterWhere(scopes[0], 'c')} AND (${open.join(' OR ')}))`;
}

/** The Kaplan-Meier median of each scope's opening cohort, as in resolution.ts. */
function kmPart(ctx: MetricContext, scopes: readonly Scope[]): string {
	const m = caseMoments(ctx.dataset);
	const cohorts = scopes.map((s, i) => {
		const asOf = asOfMoment(s);
		const event = cmp(closedKey(ctx.dataset), '<=', asOf);
		return `SELECT ${i} AS sc, ${event} AS ev, CASE WHEN ${event} THEN dur ELSE ${daysBetween(m.opened, asOf)} END AS t
	FROM overview_cases WHERE ${relevantSince([s])} AND ${filterWhere(s)} AND ${inPeriod('opened_at', s)} AND ${cmp(m.opened, '<=', asOf)}`;
	});
	return `WITH cohort AS (${cohorts.join('\n\tUNION ALL\n\t')}),
times AS (SELECT sc, t, count(*) FILTER (WHERE ev) AS events, count(*) FILTER (WHERE NOT ev) AS censored FROM cohort GROUP BY sc, t),
risk AS (SELECT *, sum(events + censored) OVER (PARTITION BY sc ORDER BY t DESC ROWS UNBOUNDED PRECEDING)::BIGINT AS at_risk FROM times),
km AS (SELECT *, product(1 - events / at_risk) OVER (PARTITION BY sc ORDER BY t ROWS UNBOUNDED PRECEDING) AS survival FROM risk),
per AS (SELECT sc, min(t) FILTER (WHERE survival <= 0.5 + ${KM_EPSILON}) AS median, sum(events + censored)::BIGINT AS n FROM km GROUP BY sc)
SELECT ${scopes.map((_, i) => `any_value(median) FILTER (WHERE sc = ${i}) AS s${i}_km_median, coalesce(any_value(n) FILTER (WHERE sc = ${i}), 0) AS s${i}_km_n`).join(', ')} FROM per`;
}

/** Caseload: each scope's active cases per worker at its as-of moment, their spread and who is over capacity, as in caseload.ts. */
function caseloadPart(ctx: MetricContext, scopes: readonly Scope[]): string {
	const { dataset, settings } = ctx;
	const scope = scopes[0];
	const weights = Object.entries(settings.caseWeights);
	const wts = weights.length ? `wts AS (SELECT * FROM (VALUES ${weights.map(([k, v]) => `(${literal(k.trim().toLowerCase())}, ${num(v)})`).join(', ')}) AS v(type_key, weight)),` : '';
	const wt = weights.length ? 'coalesce(wts.weight, 1.0)::DOUBLE' : '1.0::DOUBLE';
	const act = scopes.map((s, i) => `sum(${wt}) FILTER (WHERE ${openAt(dataset, s, 'c')}) AS a${i}`);
	let per: string;
	if (dataset.tables.staff) {
		const where = ['worker IS NOT NULL'];
		if (scope.filters.worker.length) where.push(inList('worker', scope.filters.worker));
		if (scope.filters.office.length && hasColumn(dataset, 'staff', 'office')) where.push(inList('office', scope.filters.office));
		per = `workers AS (SELECT worker, max(coalesce(capacity, ${num(settings.defaultCapacity)} * coalesce(fte, 1))) AS capacity FROM staff WHERE ${where.join(' AND ')} GROUP BY worker),
per AS (SELECT w.worker, w.capacity::DOUBLE AS capacity, ${scopes.map((_, i) => `TRUE AS in${i}, coalesce(a.a${i}, 0)::DOUBLE AS a${i}`).join(', ')}
	FROM workers w LEFT JOIN act a ON a.worker = w.worker)`;
	} else {
		// Without a staff file the workers are those on a case active in the scope (caseload.ts).
		act.push(...scopes.map((s, i) => `bool_or(${activeIn(dataset, s, 'c')}) AS in${i}`));
		per = `per AS (SELECT worker, ${num(settings.defaultCapacity)} AS capacity, ${scopes.map((_, i) => `in${i}, coalesce(a${i}, 0)::DOUBLE AS a${i}`).join(', ')} FROM act)`;
	}
	const stats = scopes.map((_, i) => {
		const mean = `avg(a${i}) FILTER (WHERE in${i})`;
		return `count(*) FILTER (WHERE in${i}) AS s${i}_n_workers,
	CASE WHEN ${mean} > 0 THEN stddev_pop(a${i}) FILTER (WHERE in${i}) / ${mean} END AS s${i}_cv,
	count(*) FILTER (WHERE in${i} AND capacity > 0 AND a${i} / capacity > 1) AS s${i}_over`;
	});
	return `WITH ${wts}
act AS (SELECT c.worker, ${act.join(', ')} FROM overview_cases c${weights.length ? ' LEFT JOIN wts ON lower(c.case_type) = wts.type_key' : ''}
	WHERE ${relevantSince(scopes)} AND c.worker IS NOT NULL AND ${filterWhere(scope, 'c')} GROUP BY c.worker),
${per}
SELECT ${stats.join(',\n\t')} FROM per`;
}

/** Goals due in each scope's period, and how many of them were met, as in goals.ts. */
function goalsPart(scopes: readonly Scope[]): string {
	const aggs = scopes.map((s, i) => `count_if(${inPeriod('target_at', s)}) AS s${i}_due, count_if(${inPeriod('target_at', s)} AND met) AS s${i}_met`);
	return `SELECT ${aggs.join(',\n\t')} FROM overview_goals WHERE ${inDims(scopes[0])} AND (${scopes.map((s) => inPeriod('target_at', s)).join(' OR ')})`;
}

/** Deadlines due in each scope's period by its as-of moment, and how many were met, as in compliance.ts. */
function deadlinesPart(ctx: MetricContext, scopes: readonly Scope[]): string {
	const { dataset } = ctx;
	const eventDue = columnMoment(dataset, 'events', 'due_at');
	const caseDue = columnMoment(dataset, 'cases', 'due_at');
	const due = (s: Scope) => {
		const asOf = asOfMoment(s);
		const byAsOf = `CASE WHEN from_event THEN ${cmp({ ...eventDue, sql: 'due' }, '<=', asOf)} ELSE ${cmp({ ...caseDue, sql: 'due' }, '<=', asOf)} END`;
		return `${inPeriod('due', s)} AND ${byAsOf}`;
	};
	const aggs = scopes.map((s, i) => `count_if(${due(s)}) AS s${i}_deadlines, count_if(${due(s)} AND met) AS s${i}_deadlines_met`);
	return `SELECT ${aggs.join(',\n\t')} FROM overview_deadlines WHERE ${inDims(scopes[0])} AND (${scopes.map((s) => inPeriod('due', s)).join(' OR ')})`;
}

function partSql(part: Part, ctx: MetricContext, scopes: readonly Scope[], wanted: Set<OverviewId>): string {
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
			return goalsPart(scopes);
		case 'deadlines':
			return deadlinesPart(ctx, scopes);
	}
}

/** The one statement of the figures that `wanted` lists, for `scopes` (which share their filters); one row. */
export function overviewSql(ctx: MetricContext, scopes: readonly Scope[], wanted: Set<OverviewId>): string | null {
	const parts = (Object.keys(OVERVIEW_PARTS) as Part[]).filter((p) => OVERVIEW_PARTS[p].some((id) => wanted.has(id)));
	if (!parts.length) return null;
	const selects = parts.map((p) => `(${partSql(p, ctx, scopes, wanted)}) AS ${p}`);
	return `SELECT ${parts.map((p) => `${p}.*`).join(', ')} FROM ${selects.join(' CROSS JOIN ')}`;
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

/** A scope's figures from the statement's row. */
function readScope(row: Row, i: number, id: OverviewId): { value: number | null; n: number } {
	const v = (name: string) => row[`s${i}_${name}`];
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
			return { value: ratio(count(v('deadlines_met')), count(v('deadlines'))), n: count(v('deadlines')) };
		case 'stale_cases':
			return { value: count(v('stale')), n: count(v('open')) };
	}
}

/** Scopes per statement: each scope adds its aggregates to every scan, and more than a few at once is slower than two scans. */
const SCOPES_PER_STATEMENT = 3;

/**
 * The overview's figures (value and n, as the catalogue's entries give them) for each scope, from
 * the facts `prepareOverview` built. Scopes with other filters than the first, or a statement that
 * fails, are computed by the catalogue's own queries instead.
 */
export async function computeOverview(engine: Engine, ctx: MetricContext, scopes: readonly Scope[]): Promise<Record<OverviewId, MetricResult>[]> {
	if (!scopes.length) return [];
	if (!sameFilters(scopes)) return (await computeForScopes(engine, ctx, scopes, OVERVIEW_IDS)) as Record<OverviewId, MetricResult>[];
	// Equal scopes are computed once (a 12-month period's previous period is the same period a year earlier).
	const keys = scopes.map((s) => JSON.stringify(s));
	const distinct = [...new Set(keys)];
	const results: Record<OverviewId, MetricResult>[] = [];
	for (let from = 0; from < distinct.length; from += SCOPES_PER_STATEMENT) {
		const chunk = distinct.slice(from, from + SCOPES_PER_STATEMENT).map((key) => scopes[keys.indexOf(key)]);
		results.push(...(await computeChunk(engine, ctx, chunk)));
	}
	return keys.map((key) => results[distinct.indexOf(key)]);
}

async function computeChunk(engine: Engine, ctx: MetricContext, scopes: readonly Scope[]): Promise<Record<OverviewId, MetricResult>[]> {
	const base = { ...ctx, scope: scopes[0] };
	const unavailable = new Map(OVERVIEW_IDS.map((id) => [id, unavailableReason(metricEntry(id), base)]));
	const wanted = new Set(OVERVIEW_IDS.filter((id) => unavailable.get(id) === null));
	const sql = overviewSql(base, scopes, wanted);
	let row: Row = {};
	if (sql) {
		try {
			row = (await engine.query(sql))[0] ?? {};
		} catch {
			return (await computeForScopes(engine, ctx, scopes, OVERVIEW_IDS)) as Record<OverviewId, MetricResult>[];
		}
	}
	return scopes.map((_, i) => {
		const results = {} as Record<OverviewId, MetricResult>;
		for (const id of OVERVIEW_IDS) {
			const reason = unavailable.get(id);
			results[id] = reason ? { id, kind: 'scalar', value: null, unavailable: reason } : { id, kind: 'scalar', ...readScope(row, i, id) };
		}
		return results;
	});
}
