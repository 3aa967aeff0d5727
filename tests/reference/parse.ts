/**
 * Reads raw export files (CSV, UTF-8) with papaparse into the reference's own rows, through an
 * explicit column mapping per export: which header holds the case id, the opened date, and so on.
 * Nothing here is detected: each export's mapping, date order and event labels are written down.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { moment, parseDate, type DateOrder, type Moment, type OffsetRule } from './dates';

export type RefTableName = 'cases' | 'goals' | 'events' | 'staff';
export type RefEventKind = 'contact' | 'review' | 'deadline' | 'hearing' | 'other';

/** Reference column name -> the export's header. Only the columns the export has. */
export type TableColumns = Record<string, string>;

export interface ExportColumns {
	cases: TableColumns;
	goals?: TableColumns;
	events?: TableColumns;
	staff?: TableColumns;
	/** Numeric dates: which of the first two numbers is the month. Default month-first. */
	dateOrder?: DateOrder;
	/** ISO times with an offset: keep the time as written (default) or convert to UTC. */
	offsets?: OffsetRule;
	/** The export's event labels -> kinds; a label not listed is 'other'. */
	eventKinds?: Record<string, RefEventKind>;
	/**
	 * Labels that differ only in letter case ("Other", "other"): one label spelled as the most used
	 * variant (ties: a mixed-case one, then the first in text order) (default), or kept as written.
	 */
	letterCase?: 'one-spelling' | 'as-written';
}

export type RefValue = string | number | Moment | null;
export type RefRow = Record<string, RefValue>;

export interface RefTable {
	rows: RefRow[];
	/** The reference columns this export has (from its mapping). */
	columns: string[];
	/** Date columns in which some value carries a time of day. */
	timed: Set<string>;
}

export interface RefData {
	cases: RefTable;
	goals?: RefTable;
	events?: RefTable;
	staff?: RefTable;
}

const DATE_COLUMNS = new Set([
	'opened_at',
	'closed_at',
	'intake_at',
	'first_contact_at',
	'due_at',
	'review_at',
	'last_activity_at',
	'set_at',
	'target_at',
	'achieved_at',
	'done_at'
]);
const NUMBER_COLUMNS = new Set(['satisfaction', 'gas_score', 'weight', 'fte', 'capacity']);
const LABEL_COLUMNS = new Set([
	'case_type',
	'worker',
	'office',
	'priority',
	'status',
	'close_reason'
]);

/** Gives each label that has letter-case variants its most used spelling, in place. */
function unifyLetterCase(rows: RefRow[], column: string): void {
	const counts = new Map<string, Map<string, number>>();
	for (const r of rows) {
		const v = r[column];
		if (typeof v !== 'string') continue;
		const variants = counts.get(v.toLowerCase()) ?? new Map<string, number>();
		variants.set(v, (variants.get(v) ?? 0) + 1);
		counts.set(v.toLowerCase(), variants);
	}
	const mixed = (v: string) => v !== v.toUpperCase() && v !== v.toLowerCase();
	const spelling = new Map<string, string>();
	for (const [key, variants] of counts) {
		if (variants.size < 2) continue;
		const best = [...variants].sort(
			(a, b) => b[1] - a[1] || Number(mixed(b[0])) - Number(mixed(a[0])) || (a[0] < b[0] ? -1 : 1)
		)[0][0];
		spelling.set(key, best);
	}
	if (spelling.size === 0) return;
	for (const r of rows) {
		const v = r[column];
		if (typeof v === 'string') r[column] = spelling.get(v.toLowerCase()) ?? v;
	}
}

/** Cells that mean "no value" in the test exports. */
const BLANKS = new Set(['', 'n/a', 'na', 'null', 'none', '-']);

/** The bundled sample (sample-data/*.csv), a legal-aid case-management export. */
export const SAMPLE_COLUMNS: ExportColumns = {
	cases: {
		case_id: 'Matter Number',
		opened_at: 'Date Opened',
		closed_at: 'Date Closed',
		case_type: 'Case Type',
		worker: 'Primary Advocate',
		office: 'Office',
		priority: 'Priority',
		status: 'Status',
		close_reason: 'Closing Code',
		intake_at: 'Intake Date',
		first_contact_at: 'First Contact',
		review_at: 'Next Review Due',
		last_activity_at: 'Last Activity',
		satisfaction: 'Satisfaction (0-10)'
	},
	goals: {
		case_id: 'Matter Number',
		goal_id: 'Goal ID',
		set_at: 'Goal Set',
		target_at: 'Target Date',
		achieved_at: 'Achieved Date',
		status: 'Goal Status',
		gas_score: 'GAS Score',
		weight: 'Weight'
	},
	events: {
		case_id: 'Matter Number',
		kind: 'Event Type',
		due_at: 'Due Date',
		done_at: 'Completed Date'
	},
	staff: { worker: 'Advocate', office: 'Office', fte: 'FTE', capacity: 'Capacity' },
	dateOrder: 'month-first',
	eventKinds: {
		'Client contact': 'contact',
		'Case review': 'review',
		'Court hearing': 'hearing',
		'Filing deadline': 'deadline',
		Other: 'other'
	}
};

/**
 * Baltimore 311 (tests/fixtures/realdata/baltimore_311_sample.csv): a service request is a case, the
 * agency its "worker", DueDate its deadline. ServiceRequestNum, not SRRecordID (two id formats).
 * Outcome and LastActivityDate are mapped although blank in every row: the export has them.
 */
export const BALTIMORE_COLUMNS: ExportColumns = {
	cases: {
		case_id: 'ServiceRequestNum',
		opened_at: 'CreatedDate',
		closed_at: 'CloseDate',
		case_type: 'SRType',
		worker: 'Agency',
		status: 'SRStatus',
		close_reason: 'Outcome',
		due_at: 'DueDate',
		last_activity_at: 'LastActivityDate'
	},
	dateOrder: 'month-first'
};

/**
 * San Francisco 311 (tests/fixtures/realdata/sf_311_sample.csv): the queue is the "worker". `location`
 * (coordinates) is not mapped as an office, although src's importer proposes it: no metric but the
 * office filter reads it.
 */
export const SF_COLUMNS: ExportColumns = {
	cases: {
		case_id: 'unique_key',
		opened_at: 'created_date',
		closed_at: 'closed_date',
		case_type: 'complaint_type',
		worker: 'agency_name',
		status: 'status'
	},
	offsets: 'wall-time'
};

/** The seeded synthetic exports (tests/reference/synthetic.ts): headers are the reference's names but three. */
export const SYNTHETIC_COLUMNS: ExportColumns = {
	cases: {
		...Object.fromEntries(
			[
				'case_id',
				'opened_at',
				'closed_at',
				'case_type',
				'worker',
				'office',
				'priority',
				'status',
				'close_reason',
				'intake_at',
				'first_contact_at',
				'due_at',
				'satisfaction'
			].map((c) => [c, c])
		),
		last_activity_at: 'last activity'
	},
	goals: {
		case_id: 'case_id',
		goal_id: 'goal_id',
		target_at: 'target date',
		achieved_at: 'achieved date',
		gas_score: 'gas_score',
		weight: 'weight'
	},
	events: Object.fromEntries(['case_id', 'kind', 'due_at', 'done_at'].map((c) => [c, c])),
	staff: Object.fromEntries(['worker', 'office', 'fte', 'capacity'].map((c) => [c, c])),
	eventKinds: {
		contact: 'contact',
		review: 'review',
		deadline: 'deadline',
		hearing: 'hearing',
		other: 'other'
	}
};

function readTable(
	file: string,
	columns: TableColumns,
	table: RefTableName,
	exp: ExportColumns
): RefTable {
	const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
	const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
	const headers = parsed.meta.fields ?? [];
	for (const [name, header] of Object.entries(columns))
		if (!headers.includes(header))
			throw new Error(`reference: ${file} has no column ${header} (${name})`);
	const timed = new Set<string>();
	const raw: Record<string, { ms: number; hasTime: boolean } | string | number | null>[] = [];
	for (const record of parsed.data) {
		const row: (typeof raw)[number] = {};
		for (const [name, header] of Object.entries(columns)) {
			const cell = (record[header] ?? '').trim();
			if (BLANKS.has(cell.toLowerCase())) {
				row[name] = null;
			} else if (DATE_COLUMNS.has(name)) {
				const d = parseDate(cell, exp.dateOrder, exp.offsets);
				if (d === null) throw new Error(`reference: ${file}: ${name} "${cell}" is not a date`);
				if (d.hasTime) timed.add(name);
				row[name] = d;
			} else if (NUMBER_COLUMNS.has(name)) {
				const n = Number(cell);
				if (!Number.isFinite(n))
					throw new Error(`reference: ${file}: ${name} "${cell}" is not a number`);
				row[name] = n;
			} else if (name === 'kind') {
				row[name] = exp.eventKinds?.[cell] ?? 'other';
			} else {
				// labels and ids: inner runs of white space are one space
				row[name] = cell.replace(/\s+/g, ' ');
			}
		}
		raw.push(row);
	}
	// A date's precision is its column's: a column with any time of day compares at times of day.
	const rows: RefRow[] = raw.map((r) => {
		const out: RefRow = {};
		for (const [k, v] of Object.entries(r))
			out[k] = v !== null && typeof v === 'object' ? moment(v.ms, timed.has(k)) : v;
		return out;
	});
	if (exp.letterCase !== 'as-written')
		for (const c of Object.keys(columns)) if (LABEL_COLUMNS.has(c)) unifyLetterCase(rows, c);
	if (table === 'cases') {
		// A case needs an id and an opening; a repeated id: the later row is the later version.
		const byId = new Map<string, RefRow>();
		for (const r of rows)
			if (r.case_id !== null && r.opened_at !== null) byId.set(r.case_id as string, r);
		return { rows: [...byId.values()], columns: Object.keys(columns), timed };
	}
	return { rows, columns: Object.keys(columns), timed };
}

/** Parses the export's raw files (each path optional but cases) through its column mapping. */
export function readExport(
	paths: { cases: string; goals?: string; events?: string; staff?: string },
	columns: ExportColumns
): RefData {
	const data: RefData = { cases: readTable(paths.cases, columns.cases, 'cases', columns) };
	for (const t of ['goals', 'events', 'staff'] as const) {
		const p = paths[t];
		const c = columns[t];
		if (p && c) data[t] = readTable(p, c, t, columns);
	}
	return data;
}
