/**
 * The canonical case model. Every import is mapped onto these four tables; every metric is written
 * against them. Only `cases.case_id` and `cases.opened_at` are required: any other column may be
 * missing from an export, and whatever needs it says so instead of failing.
 */

export type ColumnKind =
	/** An identifier, kept as text exactly as exported (trimmed). */
	| 'id'
	/**
	 * A label to group by (worker, office, type ...): trimmed, inner spaces collapsed, one spelling
	 * per letter case.
	 */
	| 'category'
	/** Free text. */
	| 'text'
	/** A date, with or without a time of day (stored as TIMESTAMP; see `ColumnInfo.hasTime`). */
	| 'date'
	/** A number (decimal point or decimal comma in the source). */
	| 'number';

export interface ColumnDecl {
	name: string;
	kind: ColumnKind;
	label: string;
	description: string;
	required?: boolean;
}

export interface TableDecl {
	name: TableName;
	label: string;
	description: string;
	/** The column rows are matched and de-duplicated on (none for events, which are many per case). */
	key?: string;
	/** The column that links this table to cases or workers. */
	joinsOn?: 'case_id' | 'worker';
	columns: ColumnDecl[];
}

export type TableName = 'cases' | 'goals' | 'events' | 'staff';

export const CASES: TableDecl = {
	name: 'cases',
	label: 'Cases',
	description: 'One row per case (matter, service request, referral).',
	key: 'case_id',
	columns: [
		{
			name: 'case_id',
			kind: 'id',
			label: 'Case ID',
			description: 'The case or matter number.',
			required: true
		},
		{
			name: 'opened_at',
			kind: 'date',
			label: 'Opened',
			description: 'When the case was opened.',
			required: true
		},
		{
			name: 'closed_at',
			kind: 'date',
			label: 'Closed',
			description: 'When the case was closed; blank while open.'
		},
		{
			name: 'case_type',
			kind: 'category',
			label: 'Case type',
			description: 'Problem code, matter type or request type.'
		},
		{
			name: 'worker',
			kind: 'category',
			label: 'Worker or team',
			description: 'The responsible worker, advocate, attorney, team or queue.'
		},
		{
			name: 'office',
			kind: 'category',
			label: 'Office',
			description: 'Office, branch, unit or district.'
		},
		{ name: 'priority', kind: 'category', label: 'Priority', description: 'Priority or urgency.' },
		{
			name: 'status',
			kind: 'category',
			label: 'Status',
			description: 'The case status as exported.'
		},
		{
			name: 'close_reason',
			kind: 'category',
			label: 'Close reason',
			description: 'Outcome or closing code.'
		},
		{
			name: 'intake_at',
			kind: 'date',
			label: 'Intake',
			description: 'When the request first came in, if earlier than opening.'
		},
		{
			name: 'first_contact_at',
			kind: 'date',
			label: 'First contact',
			description: 'First contact with the client.'
		},
		{
			name: 'due_at',
			kind: 'date',
			label: 'Due',
			description: 'Deadline, due date, SLA target or limitation date.'
		},
		{
			name: 'review_at',
			kind: 'date',
			label: 'Next review',
			description: 'When the case is next due for review: one review per case.'
		},
		{
			name: 'last_activity_at',
			kind: 'date',
			label: 'Last activity',
			description: 'Date of the latest recorded activity.'
		},
		{
			name: 'satisfaction',
			kind: 'number',
			label: 'Satisfaction',
			description: 'Client satisfaction survey score.'
		}
	]
};

export const GOALS: TableDecl = {
	name: 'goals',
	label: 'Goals',
	description: 'Goals set for cases (service plans, Goal Attainment Scaling).',
	key: 'goal_id',
	joinsOn: 'case_id',
	columns: [
		{
			name: 'case_id',
			kind: 'id',
			label: 'Case ID',
			description: 'The case the goal belongs to.',
			required: true
		},
		{ name: 'goal_id', kind: 'id', label: 'Goal ID', description: 'The goal identifier.' },
		{ name: 'set_at', kind: 'date', label: 'Set', description: 'When the goal was set.' },
		{
			name: 'target_at',
			kind: 'date',
			label: 'Target',
			description: 'When the goal should be achieved.'
		},
		{
			name: 'achieved_at',
			kind: 'date',
			label: 'Achieved',
			description: 'When the goal was achieved; blank if not.'
		},
		{ name: 'status', kind: 'category', label: 'Status', description: 'Goal status as exported.' },
		{
			name: 'gas_score',
			kind: 'number',
			label: 'GAS score',
			description: 'Goal Attainment Scaling score from -2 to +2.'
		},
		{ name: 'weight', kind: 'number', label: 'Weight', description: 'GAS weight (1 when absent).' }
	]
};

export const EVENTS: TableDecl = {
	name: 'events',
	label: 'Events',
	description: 'Contacts, reviews, deadlines and hearings of cases.',
	joinsOn: 'case_id',
	columns: [
		{
			name: 'case_id',
			kind: 'id',
			label: 'Case ID',
			description: 'The case the event belongs to.',
			required: true
		},
		{
			name: 'kind',
			kind: 'category',
			label: 'Kind',
			description: 'contact, review, deadline, hearing or other.',
			required: true
		},
		{ name: 'due_at', kind: 'date', label: 'Due', description: 'When the event was due.' },
		{
			name: 'done_at',
			kind: 'date',
			label: 'Done',
			description: 'When it happened or was completed.'
		}
	]
};

export const STAFF: TableDecl = {
	name: 'staff',
	label: 'Staff',
	description: 'Workers with their office, FTE and capacity.',
	key: 'worker',
	joinsOn: 'worker',
	columns: [
		{
			name: 'worker',
			kind: 'category',
			label: 'Worker',
			description: 'Worker name as it appears on cases.',
			required: true
		},
		{ name: 'office', kind: 'category', label: 'Office', description: "The worker's office." },
		{
			name: 'fte',
			kind: 'number',
			label: 'FTE',
			description: 'Full-time equivalent (1 = full time).'
		},
		{
			name: 'capacity',
			kind: 'number',
			label: 'Capacity',
			description: 'Active cases this worker can carry.'
		}
	]
};

export const TABLES: Record<TableName, TableDecl> = {
	cases: CASES,
	goals: GOALS,
	events: EVENTS,
	staff: STAFF
};

/** The event kinds the metrics know; anything else is stored as 'other'. */
export const EVENT_KINDS = ['contact', 'review', 'deadline', 'hearing', 'other'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export function column(table: TableName, name: string): ColumnDecl {
	const found = TABLES[table].columns.find((c) => c.name === name);
	if (!found) throw new Error(`${table} has no column ${name}`);
	return found;
}

/** The DuckDB type each kind is stored as. */
export const SQL_TYPE: Record<ColumnKind, string> = {
	id: 'VARCHAR',
	category: 'VARCHAR',
	text: 'VARCHAR',
	date: 'TIMESTAMP',
	number: 'DOUBLE'
};

/** DDL for a canonical table; every declared column exists, NULL where the export lacks it. */
export function createTableSql(table: TableDecl, name: string = table.name): string {
	const cols = table.columns.map((c) => `"${c.name}" ${SQL_TYPE[c.kind]}`).join(', ');
	return `CREATE OR REPLACE TABLE "${name}" (${cols})`;
}
