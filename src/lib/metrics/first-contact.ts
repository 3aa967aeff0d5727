/**
 * First contact within the SLA (compliance gaps): the rate and its monthly series from one query.
 */
import { headlineEntry } from './headline/entry';
import { firstContactSources } from './headline/facts';
import { hasColumn } from '../model/dataset';
import { drillWhere, monthly, withMonths } from './monthly';
import { count, numOrNull } from './read';
import {
	asOfMoment,
	caseMoments,
	cmp,
	columnMoment,
	daysBetween,
	inPeriod,
	num,
	scopedCte,
	type Moment
} from './sql';
import { EVENT_DONE, FIRST_CONTACT, OPENED } from './types';
import type { DrillSelection, MetricContext, MetricEntry } from './types';

const SOURCE_SLA =
	'Service-level agreement on first client contact (legal-aid and social-service intake standards)';

/** The `x` relation: cases with intake in the period and their first-contact status. */
function firstContactX(ctx: MetricContext): string {
	const { scope, dataset, settings } = ctx;
	const c = caseMoments(dataset, 's');
	const asOf = asOfMoment(scope);
	// The intake and the precision of days to the first contact, as the overview's facts take them.
	const { intake, daysTimed } = firstContactSources(dataset, 's');
	const parts: string[] = [];
	if (hasColumn(dataset, 'cases', 'first_contact_at')) {
		parts.push(`CASE WHEN ${cmp(c.firstContact, '<=', asOf)} THEN s.first_contact_at END`);
	}
	let evCte = '';
	if (hasColumn(ctx.dataset, 'events', 'done_at')) {
		const done = columnMoment(dataset, 'events', 'done_at');
		// Only the period's intake cohort needs a first contact: filtering the events to it before
		// grouping avoids grouping every contact event of every case.
		evCte = `ev AS (SELECT case_id, min(done_at) AS t FROM events WHERE kind = 'contact' AND done_at IS NOT NULL
			AND ${cmp(done, '<=', asOf)}
		AND case_id IN (SELECT s.case_id FROM scoped s WHERE ${inPeriod(intake.sql, scope)}) GROUP BY case_id),`;
		parts.push('ev.t');
	}
	const first: Moment = { sql: 'first_contact', hasTime: daysTimed };
	const firstSql =
		parts.length === 0
			? 'NULL::TIMESTAMP'
			: parts.length === 1
				? parts[0]
				: `least(${parts.join(', ')})`;
	const intakeCol: Moment = { sql: 'intake', hasTime: intake.hasTime };
	const sla = num(settings.firstContactSlaDays);
	const body = `WITH ${scopedCte(ctx)},
${evCte}
fc AS (
	SELECT s.case_id, ${intake.sql} AS intake, ${firstSql} AS first_contact
	FROM scoped s${evCte ? ' LEFT JOIN ev ON ev.case_id = s.case_id' : ''}
	WHERE ${inPeriod(intake.sql, scope)}),
x AS (
	SELECT *, CASE
		WHEN first_contact IS NOT NULL THEN CASE WHEN ${daysBetween(intakeCol, first)} <= ${sla} THEN 'on_time' ELSE
			'late' END
		WHEN ${daysBetween(intakeCol, asOf)} > ${sla} THEN 'no_contact'
		ELSE 'waiting' END AS outcome,
		CASE WHEN first_contact IS NOT NULL THEN ${daysBetween(intakeCol, first)} END AS days_to_contact
	FROM fc)`;
	return body;
}

export function firstContactSql(ctx: MetricContext): string {
	const body = firstContactX(ctx);
	return withMonths(
		ctx,
		body,
		`date_trunc('month', intake)::DATE`,
		`count(*) FILTER (WHERE outcome = 'on_time') AS on_time, count(*) FILTER (WHERE outcome = 'late') AS late,
		count(*) FILTER (WHERE outcome = 'no_contact') AS no_contact, count(*) FILTER (WHERE outcome = 'waiting') AS
			waiting`,
		`CASE WHEN coalesce(agg.on_time + agg.late + agg.no_contact, 0) = 0 THEN NULL ELSE agg.on_time /
			(agg.on_time + agg.late + agg.no_contact) END`
	);
}

function firstContactDrill(ctx: MetricContext, sel?: DrillSelection): string {
	const body = firstContactX(ctx);
	const parts: Record<string, string> = {
		breach: "outcome IN ('late', 'no_contact')",
		on_time: "outcome = 'on_time'",
		late: "outcome = 'late'",
		no_contact: "outcome = 'no_contact'",
		waiting: "outcome = 'waiting'",
		all: 'TRUE'
	};
	return `${body}
SELECT x.case_id, s.worker, s.case_type, s.office, x.intake, x.first_contact, x.days_to_contact, x.outcome
FROM x JOIN scoped s ON s.case_id = x.case_id WHERE ${drillWhere(parts, 'breach', 'intake', sel)}
ORDER BY x.intake, x.case_id`;
}

export const FIRST_CONTACT_ENTRIES: MetricEntry[] = [
	headlineEntry('first_contact_on_time', {
		area: 'compliance',
		title: 'First contact on time',
		definition:
			'Of the cases whose intake (the intake date, else the opening date) falls in the period, the share whose ' +
			'first contact with the client came within the first-contact SLA (by default 3 days). The first ' +
			"contact is the earliest of the case's first-contact date and its contact events up to the as-of " +
			'date. A case with no contact whose SLA had already run out at the as-of date counts as a ' +
			'breach; one with no contact and the SLA still running is left out.',
		formula:
			'on_time / (on_time + late + no_contact); on_time: days(intake, first contact) <= SLA; late: > SLA; ' +
			'no_contact: no contact and days(intake, as-of) > SLA',
		source: SOURCE_SLA,
		needs: [OPENED],
		needsOneOf: [[FIRST_CONTACT, EVENT_DONE]],
		polarity: 'higher',
		unit: 'share',
		drill: firstContactDrill,
		drillParts: [
			'part = "breach" (default), "on_time", "late", "no_contact", "waiting" or "all"; month'
		]
	}),
	{
		id: 'first_contact_monthly',
		area: 'compliance',
		title: 'First contact on time by month',
		definition:
			'The first-contact rate (as above) for the cases whose intake falls in each month of the period.',
		formula: 'first_contact_on_time within each month of intake',
		source: SOURCE_SLA,
		needs: [OPENED],
		needsOneOf: [[FIRST_CONTACT, EVENT_DONE]],
		polarity: 'higher',
		unit: 'table',
		kind: 'table',
		columns: [
			{ name: 'month', label: 'Month of intake (first day)' },
			{ name: 'on_time', label: 'On time', unit: 'cases' },
			{ name: 'late', label: 'Late', unit: 'cases' },
			{ name: 'no_contact', label: 'No contact, SLA passed', unit: 'cases' },
			{ name: 'rate', label: 'Share on time', unit: 'share' }
		],
		sql: firstContactSql,
		read: (rows) => ({
			rows: monthly(rows).map((r) => ({
				month: r.month as string,
				on_time: count(r.on_time),
				late: count(r.late),
				no_contact: count(r.no_contact),
				rate: numOrNull(r.rate)
			}))
		}),
		drill: firstContactDrill,
		drillParts: ['month; part as first_contact_on_time']
	}
];
