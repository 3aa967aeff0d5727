/**
 * The overview's eleven headline measures, each declared once: its fact relation, its parts and how
 * they make the value and n. The catalogue entries (throughput.ts, resolution.ts ...) define the
 * figures; tests/unit/metrics/overview.test.ts holds these to them for many scopes and datasets.
 */
import { hasColumn } from '../../model/dataset';
import { standards } from '../standards';
import {
	asOfMoment,
	caseMoments,
	censoredDays,
	cmp,
	columnMoment,
	daysBetween,
	inPeriod,
	num
} from '../sql';
import type { MetricContext } from '../types';
import type { Scope } from '../scope';
import {
	activeIn,
	closedIn,
	closedKey,
	daysSince,
	firstContactSources,
	knownAt,
	openAt,
	type ContactSource
} from './facts';
import { numOrNull } from '../read';
import { ratio, type Condition, type Measure, type PartDecl } from './measure';

const open: Condition = (ctx, s) => [openAt(ctx.dataset, s)];
const active: Condition = (ctx, s) => [activeIn(ctx.dataset, s)];

const opened: PartDecl = {
	kind: 'count',
	where: (ctx, s) => [`${inPeriod('opened_at', s)} AND ${knownAt(ctx.dataset, s)}`]
};
const closed: PartDecl = { kind: 'count', where: (ctx, s) => [closedIn(ctx.dataset, s)] };

/** Open at the as-of moment for longer than the last tier of the case type's time standard. */
const beyondLastTier: Condition = (ctx, s) => {
	const std = standards(ctx.settings);
	const last = std.tiers - 1;
	const opened = caseMoments(ctx.dataset).opened;
	const beyond = std.cte
		? `${daysBetween(opened, asOfMoment(s))} > ${std.days(last)}`
		: daysSince(opened, asOfMoment(s), '>', ctx.settings.timeStandards.default[last].days);
	return [openAt(ctx.dataset, s), beyond];
};

/** Known by the as-of moment: `key` is the source's moment in the facts, infinity where it has none. */
const contactKnown = (s: ContactSource, scope: Scope) =>
	cmp({ sql: s.key, hasTime: s.build.hasTime }, '<=', asOfMoment(scope));

/**
 * First contact, as compliance.ts defines the outcomes: on time, late (contacted, not on time), no
 * contact (not contacted and the SLA over). Days to the earliest source are the least of the days
 * to each source (the day count only grows with the moment), so the facts hold each source's days.
 */
const firstContact = {
	cohort: (ctx: MetricContext, s: Scope) =>
		`${inPeriod('intake', s)} AND ${knownAt(ctx.dataset, s)}`,
	contacted: (ctx: MetricContext, s: Scope) => {
		const { sources } = firstContactSources(ctx.dataset);
		return sources.length ? `(${sources.map((c) => contactKnown(c, s)).join(' OR ')})` : 'FALSE';
	},
	onTime: (ctx: MetricContext, s: Scope) => {
		const { sources } = firstContactSources(ctx.dataset);
		const sla = num(ctx.settings.firstContactSlaDays);
		const each = sources.map((c) => `(${contactKnown(c, s)} AND ${c.days} <= ${sla})`);
		return sources.length ? `(${each.join(' OR ')})` : 'FALSE';
	},
	slaOver: (ctx: MetricContext, s: Scope) => {
		const { intake } = firstContactSources(ctx.dataset);
		const moment = { sql: 'intake', hasTime: intake.hasTime };
		return daysSince(moment, asOfMoment(s), '>', ctx.settings.firstContactSlaDays);
	}
};

/**
 * Open at the as-of moment, and its age, its last activity date and its latest event up to the
 * as-of moment all more than the threshold ago (compliance.ts takes the least of them). The latest
 * event is more than the threshold ago exactly when no event falls in the threshold's window:
 * `recent.r{i}` (sql.ts reads each scope's window of `overview_activity`).
 */
const idle: Condition = (ctx, s, i) => {
	const { dataset, settings } = ctx;
	const c = caseMoments(dataset);
	const asOf = asOfMoment(s);
	const terms = [openAt(dataset, s), daysSince(c.opened, asOf, '>', settings.staleDays)];
	if (hasColumn(dataset, 'cases', 'last_activity_at')) {
		const recent =
			`${cmp(c.lastActivity, '<=', asOf)} AND ` +
			`${daysSince(c.lastActivity, asOf, '<=', settings.staleDays)}`;
		terms.push(`NOT coalesce(last_activity_at IS NOT NULL AND ${recent}, FALSE)`);
	}
	if (hasColumn(dataset, 'events', 'done_at')) terms.push(`NOT coalesce(recent.r${i}, FALSE)`);
	return terms;
};

const goalDue: Condition = (ctx, s) => [
	`${inPeriod('target_at', s)} AND ${knownAt(ctx.dataset, s)}`
];

/** A deadline due in the period by the as-of moment (each source at its own precision). */
const deadlineDue: Condition = (ctx, s) => {
	const asOf = asOfMoment(s);
	const eventDue = { ...columnMoment(ctx.dataset, 'events', 'due_at'), sql: 'due' };
	const caseDue = { ...columnMoment(ctx.dataset, 'cases', 'due_at'), sql: 'due' };
	const byAsOf = `CASE WHEN from_event THEN ${cmp(eventDue, '<=', asOf)} ELSE ${cmp(caseDue, '<=', asOf)} END`;
	return [`${inPeriod('due', s)} AND ${byAsOf} AND ${knownAt(ctx.dataset, s)}`];
};

/** Met, and done by the as-of moment: a later completion was not known then. */
const deadlineMet: Condition = (ctx, s) => {
	const asOf = asOfMoment(s);
	const eventDone = { ...columnMoment(ctx.dataset, 'events', 'done_at'), sql: 'done' };
	const caseDone = { ...columnMoment(ctx.dataset, 'cases', 'closed_at'), sql: 'done' };
	const byAsOf = `CASE WHEN from_event THEN ${cmp(eventDone, '<=', asOf)} ELSE ${cmp(caseDone, '<=', asOf)} END`;
	return [...deadlineDue(ctx, s, 0), `met AND ${byAsOf}`];
};

const workers: PartDecl = {
	kind: 'workers',
	joins: ['wts'],
	weight: (ctx) =>
		Object.keys(ctx.settings.caseWeights).length
			? 'coalesce(wts.weight, 1.0)::DOUBLE'
			: '1.0::DOUBLE',
	open,
	active
};

export const HEADLINE_MEASURES: Measure[] = [
	{
		id: 'clearance_rate',
		source: 'cases',
		parts: { opened, closed },
		read: (p) => ({ value: ratio(p('closed'), p('opened')), n: p('opened') ?? 0 })
	},
	{
		id: 'days_to_close_median',
		source: 'cases',
		parts: {
			closed,
			dur_median: { kind: 'median', value: 'dur', where: (ctx, s) => [closedIn(ctx.dataset, s)] }
		},
		read: (p) => ({ value: p('dur_median'), n: p('closed') ?? 0 })
	},
	{
		id: 'km_median_days',
		source: 'cases',
		parts: {
			km: {
				kind: 'km',
				cohort: (ctx, s) => [`${inPeriod('opened_at', s)} AND ${knownAt(ctx.dataset, s)}`],
				event: (ctx, s) => [cmp(closedKey(ctx.dataset), '<=', asOfMoment(s))],
				eventTime: 'dur',
				censoredTime: (ctx, s) => {
					const m = caseMoments(ctx.dataset);
					return censoredDays(m.opened, m.closed, s);
				}
			}
		},
		read: (p) => ({ value: p('km'), n: p('km_n') ?? 0 })
	},
	{
		id: 'backlog_share',
		source: 'cases',
		parts: {
			n_open: { kind: 'count', where: open },
			backlog: { kind: 'count', where: beyondLastTier, joins: ['std'] }
		},
		read: (p) => ({ value: ratio(p('backlog'), p('n_open')), n: p('n_open') ?? 0 })
	},
	{
		id: 'goals_met_rate',
		source: 'goals',
		parts: {
			due: { kind: 'count', where: goalDue },
			met: {
				kind: 'count',
				where: (ctx, s, i) => {
					const achieved = columnMoment(ctx.dataset, 'goals', 'achieved_at');
					const known = cmp(achieved, '<=', asOfMoment(s));
					return [...goalDue(ctx, s, i), `met AND (achieved_at IS NULL OR ${known})`];
				}
			}
		},
		read: (p) => ({ value: ratio(p('met'), p('due')), n: p('due') ?? 0 })
	},
	{
		id: 'gas_t_mean',
		source: 'cases',
		parts: {
			gas_sum: { kind: 'sum', value: () => 'gas_t', where: active },
			gas_n: { kind: 'count', where: (ctx, s) => [activeIn(ctx.dataset, s), 'gas_t IS NOT NULL'] }
		},
		read: (p) => ({ value: ratio(p('gas_sum'), p('gas_n')), n: p('gas_n') ?? 0 })
	},
	{
		id: 'caseload_cv',
		source: 'cases',
		parts: { caseload: workers },
		read: (p) => ({ value: p('caseload_cv'), n: p('caseload_n_workers') ?? 0 })
	},
	{
		id: 'over_capacity_workers',
		source: 'cases',
		parts: { caseload: workers },
		read: (p) => ({ value: p('caseload_over') ?? 0, n: p('caseload_n_workers') ?? 0 })
	},
	{
		id: 'first_contact_on_time',
		source: 'cases',
		parts: {
			contacted: {
				kind: 'count',
				where: (ctx, s) => [firstContact.cohort(ctx, s), firstContact.contacted(ctx, s)]
			},
			on_time: {
				kind: 'count',
				where: (ctx, s) => [firstContact.cohort(ctx, s), firstContact.onTime(ctx, s)]
			},
			no_contact: {
				kind: 'count',
				where: (ctx, s) => [
					firstContact.cohort(ctx, s),
					{ not: firstContact.contacted(ctx, s) },
					firstContact.slaOver(ctx, s)
				]
			}
		},
		// on time + late (= contacted) + no contact
		read: (p) => {
			const n = (p('contacted') ?? 0) + (p('no_contact') ?? 0);
			return { value: ratio(p('on_time'), n), n };
		}
	},
	{
		id: 'deadlines_met_rate',
		source: 'deadlines',
		parts: {
			deadlines: { kind: 'count', where: deadlineDue },
			deadlines_met: { kind: 'count', where: deadlineMet }
		},
		read: (p) => ({ value: ratio(p('deadlines_met'), p('deadlines')), n: p('deadlines') ?? 0 })
	},
	{
		id: 'stale_cases',
		source: 'open_cases',
		parts: {
			open: { kind: 'count', where: open },
			stale: { kind: 'count', where: idle, joins: ['recent'] }
		},
		read: (p) => ({ value: p('stale') ?? 0, n: p('open') ?? 0 })
	}
];

/**
 * A headline figure's value and n as its measure reads them, from the values of its parts in a
 * catalogue entry's own query (`parts`: each part by name). So the catalogue, the facts and the cube
 * make the value and n from the same declared parts by the same function.
 */
export function readHeadline(
	id: string,
	parts: Record<string, unknown>
): { value: number | null; n: number } {
	const measure = HEADLINE_MEASURES.find((m) => m.id === id);
	if (!measure) throw new Error(`no headline measure ${id}`);
	const missing = Object.keys(measure.parts).filter(
		(name) => !partColumns(name, measure).every((c) => c in parts)
	);
	if (missing.length)
		throw new Error(`headline ${id}: the catalogue gives no value for ${missing.join(', ')}`);
	return measure.read((name) => numOrNull(parts[name]));
}

/** The names a part's values go by: a Kaplan-Meier or workers part gives several. */
function partColumns(name: string, measure: Measure): string[] {
	const part = measure.parts[name];
	if (part.kind === 'km') return [name, `${name}_n`];
	if (part.kind === 'workers') return [`${name}_n_workers`, `${name}_cv`, `${name}_over`];
	return [name];
}
