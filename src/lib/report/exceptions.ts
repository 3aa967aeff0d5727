/** The exception lists of the report: the cases that need attention, with disclosure control applied. */
import type { Settings } from '../metrics/settings';
import type { ResultRow } from '../metrics/types';
import { Disclosure, TABLE_RULES, discloseRows } from './disclosure';
import { dayText, formatValue, isoDay } from './format';
import type { ExceptionData, ExceptionId } from './gather';
import type { ExceptionSection, ReportCell } from './model-types';
import { cellFor, headerLabel, num } from './tables';

interface ExceptionColumn {
	name: string;
	label: string;
	unit?: string;
	kind?: 'date' | 'case' | 'outcome';
}

/** A case list's columns: the case first, then `middle`, then who and what the case is. */
const caseColumns = (...middle: ExceptionColumn[]): ExceptionColumn[] => [
	{ name: 'case_id', label: 'Case', kind: 'case' },
	...middle,
	{ name: 'worker', label: 'Worker' },
	{ name: 'case_type', label: 'Case type' },
	{ name: 'office', label: 'Office' }
];

const EXCEPTIONS: Record<
	ExceptionId,
	{ title: string; description: (s: Settings) => string; columns: ExceptionColumn[] }
> = {
	deadlines: {
		title: 'Overdue deadlines',
		description: () =>
			'Deadlines (deadline and hearing events, and cases’ due dates) due in the period and not done ' +
			'by the as-of date, oldest first.',
		columns: caseColumns(
			{ name: 'due', label: 'Due', kind: 'date' },
			{ name: 'source', label: 'Kind' }
		)
	},
	reviews: {
		title: 'Overdue reviews',
		description: () =>
			'Reviews due by the as-of date that were not done by their due date (still not done, or done late), ' +
			'oldest first.',
		columns: caseColumns(
			{ name: 'due', label: 'Due', kind: 'date' },
			{ name: 'done', label: 'Done', kind: 'date' },
			{ name: 'outcome', label: 'Status', kind: 'outcome' }
		)
	},
	stale: {
		title: 'Stale cases',
		description: (s) =>
			`Cases open at the as-of date with no activity for more than ${s.staleDays} days, longest idle first.`,
		columns: caseColumns(
			{ name: 'opened_at', label: 'Opened', kind: 'date' },
			{ name: 'last_activity_at', label: 'Last activity', kind: 'date' },
			{ name: 'days_idle', label: 'Days idle', unit: 'days' }
		)
	},
	over_capacity: {
		title: 'Workers over capacity',
		description: () =>
			'Workers whose weighted active caseload at the as-of date exceeds their capacity, ' +
			'highest utilisation first.',
		columns: [
			{ name: 'worker', label: 'Worker' },
			{ name: 'active', label: 'Active (weighted)', unit: 'cases' },
			{ name: 'capacity', label: 'Capacity', unit: 'capacity' },
			{ name: 'utilisation', label: 'Utilisation', unit: 'ratio' }
		]
	}
};

const OUTCOME_WORDS: Record<string, string> = {
	not_done: 'not done',
	done_late: 'done late',
	late: 'done late',
	met: 'met'
};

/** A cell shown as given: not a count, so disclosure control leaves it alone. */
const textCell = (text: string, numeric = false): ReportCell => ({
	text,
	numeric,
	count: false,
	suppressed: false
});

export function exceptionSection(
	e: ExceptionData,
	d: Disclosure,
	settings: Settings
): ExceptionSection {
	const def = EXCEPTIONS[e.id];
	const hideAll = d.isSmall(e.total);
	const disclosed =
		e.id === 'over_capacity'
			? discloseRows(e.rows as ResultRow[], def.columns, d, TABLE_RULES.utilisation_by_worker)
			: discloseRows(e.rows as ResultRow[], [], d);
	const rows = hideAll ? [] : disclosed.rows;
	const cells = rows.map((r, i) =>
		def.columns.map((c): ReportCell => {
			const v = r[c.name];
			if (disclosed.suppressed[i]?.has(c.name)) return cellFor(v, c, true, d);
			if (c.kind === 'date') {
				const day = isoDay(v);
				return day === null ? textCell(dayText(v)) : { ...textCell(dayText(v)), value: day };
			}
			if (c.kind === 'case')
				return textCell(String(d.caseId(v === null || v === undefined ? null : String(v)) ?? '–'));
			if (c.kind === 'outcome') return textCell(OUTCOME_WORDS[String(v)] ?? String(v ?? '–'));
			if (c.unit === 'capacity') {
				const capacity = num(v);
				const cell = textCell(formatValue(capacity, 'cases'), true);
				return capacity === null ? cell : { ...cell, value: capacity, unit: 'cases' };
			}
			return cellFor(v, c, false, d);
		})
	);
	const totalText = d.count(e.total).text ?? formatValue(e.total, 'cases');
	let note: string | null = null;
	if (hideAll) note = null;
	else if (e.total > rows.length)
		note = `The first ${formatValue(rows.length, 'cases')} of ${totalText} are listed.`;
	return {
		id: e.id,
		title: def.title,
		description: def.description(settings),
		total: e.total,
		totalText,
		table: {
			id: `exceptions-${e.id}`,
			title: def.title,
			columns: def.columns.map((c) => ({
				key: c.name,
				label: headerLabel(c),
				numeric: Boolean(c.unit)
			})),
			rows: cells,
			note,
			empty: e.unavailable
				? e.unavailable
				: hideAll
					? `Fewer than ${d.threshold}: not listed under disclosure control.`
					: e.total === 0
						? 'None.'
						: null
		}
	};
}
