/**
 * The overview's eleven headline measures, each declared once: its fact relation, its parts, how
 * they make the value and n, and the detail its catalogue entry shows. The catalogue's entry
 * (`headlineEntry`), the overview's facts and its cube are all generated from these declarations;
 * the area files give each entry its words, needs and drill-down.
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

const kmCohort: Condition = (ctx, s) => [
	`${inPeriod('opened_at', s)} AND ${knownAt(ctx.dataset, s)}`
];
const kmClosed: Condition = (ctx, s) => [cmp(closedKey(ctx.dataset), '<=', asOfMoment(s))];

/** Done by the as-of moment, on time or not. */
const deadlineDone: Condition = (ctx, s) => {
	const asOf = asOfMoment(s);
	const eventDone = { ...columnMoment(ctx.dataset, 'events', 'done_at'), sql: 'done' };
	const caseDone = { ...columnMoment(ctx.dataset, 'cases', 'closed_at'), sql: 'done' };
	const byAsOf = `CASE WHEN from_event THEN ${cmp(eventDone, '<=', asOf)} ELSE ${cmp(caseDone, '<=', asOf)} END`;
	return [...deadlineDue(ctx, s, 0), `done IS NOT NULL AND ${byAsOf}`];
};

/** Met, and done by the as-of moment: a later completion was not known then. */
const deadlineMet: Condition = (ctx, s, i) => [...deadlineDone(ctx, s, i), 'met'];

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
		read: (p) => ({ value: ratio(p('closed'), p('opened')), n: p('opened') ?? 0 }),
		detail: { read: (p) => ({ opened: p('opened') ?? 0, closed: p('closed') ?? 0 }) }
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
				cohort: kmCohort,
				event: kmClosed,
				eventTime: 'dur',
				censoredTime: (ctx, s) => {
					const m = caseMoments(ctx.dataset);
					return censoredDays(m.opened, m.closed, s);
				}
			}
		},
		read: (p) => ({ value: p('km'), n: p('km_n') ?? 0 }),
		detail: {
			parts: {
				km_closed: {
					kind: 'count',
					where: (ctx, s, i) => [...kmCohort(ctx, s, i), ...kmClosed(ctx, s, i)]
				}
			},
			read: (p) => ({
				closed: p('km_closed') ?? 0,
				censored: (p('km_n') ?? 0) - (p('km_closed') ?? 0)
			})
		}
	},
	{
		id: 'backlog_share',
		source: 'cases',
		parts: {
			n_open: { kind: 'count', where: open },
			backlog: { kind: 'count', where: beyondLastTier, joins: ['std'] }
		},
		read: (p) => ({ value: ratio(p('backlog'), p('n_open')), n: p('n_open') ?? 0 }),
		detail: { read: (p) => ({ backlog: p('backlog') ?? 0 }) }
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
		read: (p) => ({ value: ratio(p('met'), p('due')), n: p('due') ?? 0 }),
		detail: { read: (p) => ({ met: p('met') ?? 0 }) }
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
		},
		detail: {
			parts: {
				waiting: {
					kind: 'count',
					where: (ctx, s) => [
						firstContact.cohort(ctx, s),
						{ not: firstContact.contacted(ctx, s) },
						{ not: firstContact.slaOver(ctx, s) }
					]
				}
			},
			read: (p) => ({
				on_time: p('on_time') ?? 0,
				late: (p('contacted') ?? 0) - (p('on_time') ?? 0),
				no_contact: p('no_contact') ?? 0,
				waiting: p('waiting') ?? 0
			})
		}
	},
	{
		id: 'deadlines_met_rate',
		source: 'deadlines',
		parts: {
			deadlines: { kind: 'count', where: deadlineDue },
			deadlines_met: { kind: 'count', where: deadlineMet }
		},
		read: (p) => ({ value: ratio(p('deadlines_met'), p('deadlines')), n: p('deadlines') ?? 0 }),
		// Late: done by the as-of moment but after the due date; not done: not done by the as-of moment.
		detail: {
			parts: { deadlines_done: { kind: 'count', where: deadlineDone } },
			read: (p) => ({
				met: p('deadlines_met') ?? 0,
				late: (p('deadlines_done') ?? 0) - (p('deadlines_met') ?? 0),
				not_done: (p('deadlines') ?? 0) - (p('deadlines_done') ?? 0)
			})
		}
	},
	{
		id: 'stale_cases',
		source: 'open_cases',
		parts: {
			open: { kind: 'count', where: open },
			stale: { kind: 'count', where: idle, joins: ['recent'] }
		},
		read: (p) => ({ value: p('stale') ?? 0, n: p('open') ?? 0 }),
		detail: { read: (p) => ({ share: ratio(p('stale'), p('open')) }) }
	}
];
