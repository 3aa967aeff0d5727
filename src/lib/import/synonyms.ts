import type { TableName } from '../model/tables';
import { LOCALIZED, type Language } from './synonyms-intl';

/**
 * Column names real case systems export, per canonical column, most specific first. Matching
 * ignores case, spaces and punctuation ("Case ID#" = "caseid"). Collected from legal-aid systems
 * (LegalServer, Kemps), court case management, social-service systems and 311 open-data exports.
 */
/** How the tables that point at a case (goals, events) name the case they belong to. */
const CASE_LINK_NAMES = [
	'case id',
	'case number',
	'matter number',
	'matter id',
	'case',
	'case ref',
	'file number'
];

export const SYNONYMS: Record<TableName, Record<string, string[]>> = {
	cases: {
		case_id: [
			'case id',
			'case id#',
			'case number',
			'case no',
			'case #',
			'case ref',
			'case reference',
			'matter number',
			'matter id',
			'matter no',
			'matter',
			'file number',
			'file no',
			'docket number',
			'docket no',
			'court case number',
			'cause number',
			'client matter number',
			'referral number',
			'child case id',
			'family case id',
			'servicerequestnum',
			'service request number',
			'service request id',
			'sr number',
			'request id',
			'ticket id',
			'ticket number',
			'unique key',
			'case_enquiry_id',
			'referral id',
			'record id',
			'case',
			'id'
		],
		opened_at: [
			'open date',
			'date opened',
			'opened date',
			'opened',
			'opened at',
			'opened on',
			'case opened',
			'createddate',
			'created date',
			'created_date',
			'created',
			'created at',
			'open_dt',
			'date received',
			'received date',
			'start date',
			'date of application',
			'filed date',
			'filing date',
			'date filed',
			'matter opened',
			'open',
			'requested datetime',
			'open datetime'
		],
		closed_at: [
			'close date',
			'date closed',
			'closed date',
			'closedate',
			'closed_date',
			'closed_dt',
			'closed',
			'closed at',
			'closed on',
			'case closed',
			'resolved date',
			'date resolved',
			'resolution date',
			'disposition date',
			'matter closed',
			'case closure date',
			'end date',
			'closed datetime'
		],
		case_type: [
			'case type',
			'matter type',
			'practice area',
			'area of law',
			'case subtype',
			'case category code',
			'legal problem code',
			'problem code',
			'problem type',
			'problem category',
			'srtype',
			'sr type',
			'request type',
			'service request type',
			'complaint type',
			'service name',
			'case category',
			'category',
			'type',
			'subject'
		],
		worker: [
			'responsible attorney',
			'responsible lawyer',
			'originating attorney',
			'handling attorney',
			'assigned judge',
			'judge',
			'judicial officer',
			'primary advocate',
			'advocate',
			'attorney',
			'assigned to',
			'assigned_to',
			'assignee',
			'assigned worker',
			'caseworker',
			'case worker',
			'case manager',
			'case handler',
			'handler',
			'worker',
			'social worker',
			'assigned social worker',
			'primary worker',
			'service worker',
			'key worker',
			'counselor',
			'counsellor',
			'case owner',
			'owner',
			'agency',
			'agency_name',
			'agency name',
			'responsible agency',
			'queue',
			'team',
			'department'
		],
		office: [
			'office',
			'office name',
			'branch',
			'unit',
			'site',
			'location',
			'program office',
			'region',
			'court',
			'court location',
			'courthouse',
			'district office',
			'county office',
			'local office'
		],
		priority: ['priority', 'urgency', 'severity', 'priority level'],
		status: ['status', 'case status', 'srstatus', 'sr status', 'matter status', 'state'],
		close_reason: [
			'closing code',
			'close reason',
			'closing reason',
			'reason closed',
			'closure reason',
			'close code',
			'outcome',
			'case outcome',
			'disposition',
			'resolution'
		],
		intake_at: [
			'intake date',
			'date of intake',
			'intake',
			'intake at',
			'referral date',
			'date referred',
			'date of referral',
			'referral received',
			'report received date',
			'application date'
		],
		first_contact_at: [
			'first contact',
			'first contact date',
			'date of first contact',
			'first contact at',
			'first response',
			'first response date',
			'first_response_at',
			'initial contact'
		],
		due_at: [
			'due date',
			'duedate',
			'due',
			'due at',
			'due by',
			'deadline',
			'sla target',
			'sla_target_dt',
			'sla date',
			'target date',
			'limitation date',
			'statute of limitations',
			'limitation deadline',
			'sla due date',
			'expected close date'
		],
		review_at: [
			'next review due',
			'next review date',
			'next review',
			'review due',
			'review due date',
			'date of next review',
			'review date',
			'next case review'
		],
		last_activity_at: [
			'last activity date',
			'lastactivitydate',
			'last activity',
			'last action date',
			'last updated',
			'last update',
			'updated',
			'updated at',
			'last modified',
			'date last modified'
		],
		satisfaction: [
			'satisfaction',
			'satisfaction (0-10)',
			'satisfaction (1-5)',
			'satisfaction score',
			'client satisfaction',
			'csat',
			'survey score',
			'nps score',
			'rating'
		]
	},
	goals: {
		case_id: CASE_LINK_NAMES,
		goal_id: ['goal id', 'goal number', 'goal no', 'goal ref', 'objective id', 'id'],
		set_at: [
			'goal set',
			'date set',
			'set date',
			'goal set date',
			'set on',
			'start date',
			'created'
		],
		target_at: ['target date', 'goal target date', 'target', 'due date', 'goal due', 'review date'],
		achieved_at: [
			'achieved date',
			'date achieved',
			'achieved',
			'achieved on',
			'met date',
			'completed date',
			'date met'
		],
		status: ['goal status', 'status'],
		gas_score: ['gas score', 'gas', 'attainment score', 'gas level', 'attainment level', 'score'],
		weight: ['weight', 'gas weight', 'goal weight', 'importance']
	},
	events: {
		case_id: CASE_LINK_NAMES,
		kind: [
			'event type',
			'activity type',
			'type',
			'kind',
			'event kind',
			'event',
			'activity',
			'task type'
		],
		due_at: ['due date', 'due', 'due at', 'scheduled date', 'scheduled', 'deadline', 'date due'],
		done_at: [
			'completed date',
			'date completed',
			'completed',
			'done',
			'done date',
			'done at',
			'held date',
			'actual date',
			'date done'
		]
	},
	staff: {
		worker: [
			'advocate',
			'attorney',
			'worker',
			'caseworker',
			'case worker',
			'staff',
			'staff name',
			'staff member',
			'name',
			'employee',
			'agency',
			'team',
			'queue'
		],
		office: ['office', 'branch', 'unit', 'site', 'location'],
		fte: ['fte', 'full time equivalent', 'fte %', 'hours ratio'],
		capacity: ['capacity', 'max caseload', 'caseload cap', 'caseload limit', 'maximum cases']
	}
};

/** "Case ID#" → "caseid", "Eröffnet am" → "eroffnetam": the form headers and synonyms are compared in. */
export function normaliseHeader(header: string): string {
	return header
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/ß/g, 'ss')
		.replace(/[^a-z0-9]+/g, '');
}

/** A header that matches a known name: the name as listed, its language and its place in the list. */
export interface SynonymMatch {
	name: string;
	language: Language;
	/** 0 for the most specific name of the column's list. */
	rank: number;
}

/** Every known name of a canonical column, English first, then each other language. */
export function synonymsOf(table: TableName, column: string): SynonymMatch[] {
	const english = (SYNONYMS[table][column] ?? []).map((name, rank) => ({
		name,
		language: 'en' as Language,
		rank
	}));
	const others = Object.entries(LOCALIZED).flatMap(([language, names]) =>
		(names[table]?.[column] ?? []).map((name, rank) => ({
			name,
			language: language as Language,
			rank
		}))
	);
	return [...english, ...others];
}

const INDEX = new Map<string, Map<string, SynonymMatch>>();

/** The known name a header matches for a canonical column (the most specific, English first), or null. */
export function matchSynonym(
	table: TableName,
	column: string,
	header: string
): SynonymMatch | null {
	const key = `${table}.${column}`;
	let index = INDEX.get(key);
	if (!index) {
		index = new Map();
		for (const m of synonymsOf(table, column)) {
			const norm = normaliseHeader(m.name);
			if (!index.has(norm)) index.set(norm, m);
		}
		INDEX.set(key, index);
	}
	return index.get(normaliseHeader(header)) ?? null;
}
