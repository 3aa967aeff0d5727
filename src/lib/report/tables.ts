/**
 * Metric results as report cells: a catalogue table with its columns and disclosure control applied,
 * and one headline figure with its comparison, change and target.
 */
import { formatMonth } from '../charts/format';
import { metricEntry } from '../metrics/catalogue';
import type { Settings } from '../metrics/settings';
import type { Cell, ColumnDoc, MetricResult, ResultRow, ScalarResult } from '../metrics/types';
import { TARGETS, targetMissed } from '../metrics/targets';
import { Disclosure, TABLE_RULES, discloseRows, isCountUnit } from './disclosure';
import { changeText, dayText, figureText, formatValue } from './format';
import type { ReportData } from './gather';
import type { FigureRow, ReportCell, ReportTable } from './model-types';
import { CATEGORY_TABLES, cutTop } from './top';
import { judgeChange } from './judge';

export const scalarOf = (r: MetricResult | undefined): ScalarResult | null =>
	r && r.kind === 'scalar' ? r : null;
export const rowsOf = (r: MetricResult | undefined): ResultRow[] =>
	r && r.kind === 'table' ? r.rows : [];
export const num = (v: Cell | undefined): number | null =>
	typeof v === 'number' && Number.isFinite(v) ? v : null;

/** A column's heading: shares say "%"; durations say nothing, as each cell reads "1.7 hours" or "12.5 days". */
export function headerLabel(c: { label: string; unit?: string }): string {
	if (c.label.includes('(')) return c.label;
	if (c.unit === 'share') return `${c.label} (%)`;
	return c.label;
}

export function cellFor(
	value: Cell | undefined,
	column: { name: string; unit?: string },
	suppressed: boolean,
	d: Disclosure
): ReportCell {
	const count = isCountUnit(column.unit);
	const numeric = Boolean(column.unit) || typeof value === 'number';
	if (suppressed)
		return { text: count ? d.marker : `n<${d.threshold}`, numeric: true, count, suppressed: true };
	const cell = (text: string, raw?: number | string, unit = column.unit): ReportCell =>
		raw === undefined
			? { text, numeric, count, suppressed: false }
			: { text, numeric, count, suppressed: false, value: raw, unit };
	if (value === null || value === undefined) return cell('–');
	if (typeof value === 'boolean') return cell(value ? 'yes' : 'no');
	if (typeof value === 'number') return cell(formatValue(value, column.unit), value);
	// As the charts label months ("Oct 2025", or ISO); the .xlsx keeps the month itself.
	if (column.name === 'month') return cell(formatMonth(value), value, 'month');
	if (/^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:|$)/.test(value))
		return cell(dayText(value), value.slice(0, 10));
	return cell(String(value));
}

/**
 * A table result of the catalogue as a report table, with its catalogue columns and disclosure
 * applied. `top`: a categorical table keeps its largest values and adds them up the rest as
 * "Other (N values)" (the rest added after disclosure control, which judges the sum as one row).
 */
export function resultTable(
	id: string,
	result: MetricResult | undefined,
	d: Disclosure,
	options: { title?: string; limit?: number; top?: boolean } = {}
): ReportTable {
	const entry = metricEntry(id);
	const hide = d.enabled ? (TABLE_RULES[id]?.hide ?? []) : [];
	const columns: ColumnDoc[] = (entry.columns ?? []).filter((c) => !hide.includes(c.name));
	const rule = CATEGORY_TABLES[id];
	const cut = options.top && rule ? cutTop(rowsOf(result), rule) : null;
	const disclosed = discloseRows(cut ? cut.kept : rowsOf(result), columns, d, TABLE_RULES[id]);
	const rows = [...disclosed.rows];
	const suppressed = [...disclosed.suppressed];
	if (cut?.other) {
		const other = discloseRows([cut.other], columns, d, TABLE_RULES[id]);
		rows.push({ ...other.rows[0], [rule.key]: cut.other[rule.key] });
		suppressed.push(other.suppressed[0]);
	}
	const limit = options.limit ?? rows.length;
	return {
		id,
		title: options.title ?? entry.title,
		columns: columns.map((c) => ({ key: c.name, label: headerLabel(c), numeric: Boolean(c.unit) })),
		rows: rows
			.slice(0, limit)
			.map((r, i) => columns.map((c) => cellFor(r[c.name], c, suppressed[i].has(c.name), d))),
		note:
			rows.length > limit
				? `First ${limit} of ${rows.length} rows.`
				: cut?.other
					? `The ${cut.kept.length} largest of ${cut.kept.length + cut.otherCount} values.`
					: null,
		empty:
			result?.unavailable ??
			(result?.error
				? `could not be computed: ${result.error}`
				: rows.length === 0
					? 'Nothing to list for this scope.'
					: null)
	};
}

/**
 * One figure of the brief or an area: value, comparison, change, its judgement, target. With
 * `noComparison` the comparison period holds no data: no value, change or judgement is claimed.
 */
export function figureRow(
	id: string,
	data: Pick<ReportData, 'now' | 'compare'> & Partial<Pick<ReportData, 'changeStats'>>,
	d: Disclosure,
	settings: Settings,
	noComparison = false
): FigureRow {
	const entry = metricEntry(id);
	const r = scalarOf(data.now[id]);
	const b = noComparison ? null : scalarOf(data.compare[id]);
	const now = d.figure(r?.value ?? null, entry.unit, r?.n);
	const before = d.figure(b?.value ?? null, entry.unit, b?.n);
	const note = r?.unavailable ?? (r?.error ? `could not be computed: ${r.error}` : null);
	const suppressed = now.suppressed || before.suppressed;
	const judged =
		suppressed || noComparison
			? { direction: null, significant: null, words: '' }
			: judgeChange({
					entry,
					now: { value: now.value, n: r?.n },
					before: { value: before.value, n: b?.n },
					minN: settings.minCompareN,
					stats: data.changeStats?.[id],
					shownZero: changeText(now.value, before.value, entry.unit).startsWith('±')
				});
	const judgement = [judged.direction === 'same' ? '' : (judged.direction ?? ''), judged.words]
		.filter(Boolean)
		.join(', ');
	return {
		id,
		title: entry.title,
		unit: entry.unit,
		value: now.value,
		text: note ? 'not available' : (now.text ?? figureText(now.value, entry.unit)),
		before: before.value,
		beforeText: noComparison
			? 'no data'
			: b?.unavailable
				? 'not available'
				: (before.text ?? figureText(before.value, entry.unit)),
		change: suppressed || noComparison ? '–' : changeText(now.value, before.value, entry.unit),
		direction: judged.direction,
		significant: judged.significant,
		judgement,
		target: TARGETS[id]?.text(settings) ?? null,
		missed: !now.suppressed && targetMissed(id, now.value, settings),
		suppressed,
		note
	};
}
