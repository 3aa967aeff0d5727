/**
 * Outcomes and client satisfaction: how closed cases ended (close reasons), and what clients said.
 */
import { caseDrillSql, count, numOrNull, plainRows } from './read';
import { groupIs, inPeriod, scopedCte } from './sql';
import { literal } from '../engine/sql';
import { CLOSED } from './types';
import type { ColumnDoc, MetricContext, MetricEntry } from './types';

const REASON = { table: 'cases', column: 'close_reason' } as const;
const SATISFACTION = { table: 'cases', column: 'satisfaction' } as const;

export function outcomeMixSql(ctx: MetricContext): string {
	return `WITH ${scopedCte(ctx)}
SELECT close_reason, count(*) AS n, count(*) / sum(count(*)) OVER () AS share
FROM scoped WHERE ${inPeriod('closed_at', ctx.scope)} GROUP BY close_reason ORDER BY n DESC, close_reason NULLS LAST`;
}

/**
 * Mean score and NPS counts over cases closed in the period with a score; the scale is detected
 * from every score in the data (not only the scope's, so that a filter cannot change it):
 * lowest score in [0, 1) and highest <= 10: 0-10; lowest >= 1 and highest <= 5: 1-5; lowest >= 1
 * and highest <= 10: 1-10; anything else: unknown. A setting other than 'auto' overrides it.
 */
export function satisfactionSql(ctx: MetricContext): string {
	const setting = ctx.settings.satisfactionScale;
	const detected = `CASE WHEN sc.lo >= 0 AND sc.lo < 1 AND sc.hi <= 10 THEN '0-10' WHEN sc.lo >= 1 AND sc.hi <= 5
		THEN '1-5' WHEN sc.lo >= 1 AND sc.hi <= 10 THEN '1-10' END`;
	return `WITH ${scopedCte(ctx)},
sc AS (SELECT min(satisfaction) AS lo, max(satisfaction) AS hi FROM cases),
x AS (SELECT satisfaction AS score FROM scoped WHERE ${inPeriod('closed_at', ctx.scope)} AND satisfaction IS NOT NULL),
agg AS (SELECT avg(score) AS mean, count(*) AS n, count(*) FILTER (WHERE score >= 9) AS promoters, count(*) FILTER
	(WHERE score <= 6) AS detractors FROM x)
SELECT agg.*, sc.lo, sc.hi, ${setting === 'auto' ? detected : literal(setting)} AS scale,
	CASE WHEN agg.n > 0 THEN (agg.promoters - agg.detractors) / agg.n END AS nps
FROM agg CROSS JOIN sc`;
}

function closedDrill(ctx: MetricContext, extra: string): string {
	return caseDrillSql(
		ctx,
		`${inPeriod('closed_at', ctx.scope)} AND ${extra}`,
		['close_reason', 'satisfaction'],
		'closed_at, case_id'
	);
}

/** The columns of outcome_mix (the chart's table shows them too). */
export const OUTCOME_MIX_COLUMNS: ColumnDoc[] = [
	{ name: 'close_reason', label: 'Close reason' },
	{ name: 'n', label: 'Closed', unit: 'cases' },
	{ name: 'share', label: 'Share', unit: 'share' }
];

export const OUTCOMES: MetricEntry[] = [
	{
		id: 'outcome_mix',
		area: 'outcomes',
		title: 'Outcome mix',
		definition:
			'The cases closed during the period by close reason (outcome or closing code, such as legal-aid closing ' +
			'codes), as counts and shares; cases closed without a reason form their own row.',
		formula:
			'per close_reason: n = count(closed in period); share = n / count(all closed in period)',
		source: 'Closing-code reporting (e.g. Legal Services Corporation case closing categories)',
		needs: [CLOSED, REASON],
		polarity: 'neutral',
		unit: 'table',
		kind: 'table',
		columns: OUTCOME_MIX_COLUMNS,
		sql: outcomeMixSql,
		read: (rows) => {
			const out = plainRows(
				rows,
				OUTCOME_MIX_COLUMNS.map((c) => c.name)
			);
			return { rows: out, detail: { closed: out.reduce((s, r) => s + count(r.n), 0) } };
		},
		drill: (ctx, sel) => closedDrill(ctx, groupIs('close_reason', sel?.group)),
		drillParts: ['group = close reason']
	},
	{
		id: 'satisfaction_mean',
		area: 'outcomes',
		title: 'Client satisfaction',
		definition:
			'The mean client satisfaction score of the cases closed during the period that have a score, with their ' +
			'number. The survey scale (1-5, 1-10 or 0-10) is detected from all scores in the data, or set in the ' +
			'settings, and shown beside the mean.',
		formula:
			'mean of satisfaction over cases closed in the period with a score; scale: lowest score in [0,1) and ' +
			'highest <= 10: 0-10; lowest >= 1, highest <= 5: 1-5; lowest >= 1, highest <= 10: 1-10',
		source: 'Client satisfaction surveys (legal-aid and social-service outcome monitoring)',
		needs: [CLOSED, SATISFACTION],
		polarity: 'higher',
		unit: 'score',
		kind: 'scalar',
		sql: satisfactionSql,
		read: (rows) => {
			const r = rows[0] ?? {};
			return {
				value: numOrNull(r.mean),
				n: count(r.n),
				detail: { scale: (r.scale as string | null) ?? null }
			};
		},
		drill: (ctx) => closedDrill(ctx, 'satisfaction IS NOT NULL')
	},
	{
		id: 'net_promoter_score',
		area: 'outcomes',
		title: 'Net promoter score',
		definition:
			'On a 0-10 satisfaction scale only: the share of scored cases closed during the period that scored 9 or ' +
			'10 (promoters) minus the share that scored 0 to 6 (detractors), from -1 to +1 (multiply by 100 for ' +
			'the usual NPS points).',
		formula:
			'(count(score >= 9) - count(score <= 6)) / count(scored), over cases closed in the period with a score; ' +
			'only when the scale is 0-10',
		source: 'Reichheld (2003), Net Promoter Score',
		needs: [CLOSED, SATISFACTION],
		polarity: 'higher',
		changeTest: 'none',
		unit: 'share',
		kind: 'scalar',
		sql: satisfactionSql,
		read: (rows) => {
			const r = rows[0] ?? {};
			const scale = (r.scale as string | null) ?? null;
			const detail = { promoters: count(r.promoters), detractors: count(r.detractors), scale };
			if (scale !== '0-10')
				return {
					value: null,
					n: count(r.n),
					detail,
					unavailable:
						`not available: needs satisfaction scores on a 0-10 scale (scale: ` +
						`${scale ?? 'unknown'})`
				};
			return { value: numOrNull(r.nps), n: count(r.n), detail };
		},
		drill: (ctx, sel) => {
			const part =
				sel?.part === 'promoters'
					? 'satisfaction >= 9'
					: sel?.part === 'detractors'
						? 'satisfaction <= 6'
						: 'satisfaction IS NOT NULL';
			return closedDrill(ctx, part);
		},
		drillParts: ['part = "promoters" or "detractors" (default all scored)']
	}
];
