/**
 * The needs-attention list as the page, the overview panel and the CSV export show it: which reasons
 * the loaded data can answer, the rows most urgent first, and "in 3 days" / "5 days overdue".
 */
import { countText } from '$lib/charts/format';
import type { Engine, Row } from '$lib/engine/types';
import { ATTENTION_REASONS, attentionListSql, type AttentionReason } from '$lib/metrics/attention';
import { computeArea } from '$lib/metrics/run';
import type { MetricContext, MetricResult } from '$lib/metrics/types';

export interface AttentionData {
	/** The as-of moment the list is for. */
	asOf: string;
	results: Record<string, MetricResult>;
	/** The reasons whose metrics are available, in catalogue order. */
	reasons: AttentionReason[];
	/** The rows (all of them, or the first `limit`), most urgent first. */
	rows: Row[];
}

/** The six counts and the list (its first `limit` rows when given) for the scope. */
export async function attentionData(
	engine: Engine,
	ctx: MetricContext,
	limit?: number
): Promise<AttentionData> {
	const results = await computeArea(engine, ctx, 'attention');
	const reasons = availableReasons(results);
	const sql = attentionListSql(ctx, reasons);
	const rows = await engine.query(
		limit === undefined ? sql : `SELECT * FROM (${sql}) LIMIT ${limit}`
	);
	return { asOf: ctx.scope.asOf, results, reasons, rows };
}

export function availableReasons(results: Record<string, MetricResult>): AttentionReason[] {
	return ATTENTION_REASONS.filter((r) => {
		const result = results[r.id];
		return result && !result.unavailable && !result.error;
	}).map((r) => r.reason);
}

/** Days left as words: "due today", "in 1 day", "5 days overdue". */
export function whenText(daysLeft: unknown): string {
	if (typeof daysLeft !== 'number' || !Number.isFinite(daysLeft)) return '';
	const days = daysLeft;
	if (days === 0) return 'due today';
	return days > 0 ? `in ${countText(days, 'day')}` : `${countText(-days, 'day')} overdue`;
}

/** The columns of the list and of its CSV export. */
export const ATTENTION_COLUMNS = [
	{ key: 'case_id', label: 'Case' },
	{ key: 'worker', label: 'Worker' },
	{ key: 'reason', label: 'Reason' },
	{ key: 'item', label: 'What' },
	{ key: 'due', label: 'Date' },
	{ key: 'when', label: 'Days left or overdue' }
] as const;

/** The rows as the CSV export writes them: the shown columns, days left as a number, case type and office. */
export function csvRows(rows: Row[]): { columns: string[]; headers: string[]; rows: Row[] } {
	const columns = [
		...ATTENTION_COLUMNS.map((c) => c.key),
		'days_left',
		'status',
		'case_type',
		'office'
	];
	const headers = [
		...ATTENTION_COLUMNS.map((c) => c.label),
		'Days left (negative: overdue)',
		'Status',
		'Case type',
		'Office'
	];
	return { columns, headers, rows: rows.map((r) => ({ ...r, when: whenText(r.days_left) })) };
}
