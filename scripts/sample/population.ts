/**
 * Who and what the sample is made of: case types, advocates, offices, and the chances and pickers
 * that shape each case's lifecycle.
 */
import { weighted } from './random';

export interface CaseType {
	name: string;
	share: number;
	/** Median days from opening to closing for cases that get more than brief service. */
	medianDays: number;
	/** Chance of a filing deadline and of a court (or agency) hearing. */
	deadline: number;
	hearing: number;
}

export const CASE_TYPES: readonly CaseType[] = [
	{ name: 'Housing - Eviction', share: 0.27, medianDays: 50, deadline: 0.5, hearing: 0.55 },
	{ name: 'Family - Custody', share: 0.16, medianDays: 170, deadline: 0.5, hearing: 0.6 },
	{ name: 'Consumer - Debt', share: 0.14, medianDays: 20, deadline: 0.3, hearing: 0.15 },
	{ name: 'Public Benefits', share: 0.15, medianDays: 50, deadline: 0.35, hearing: 0.3 },
	{ name: 'Employment', share: 0.07, medianDays: 60, deadline: 0.4, hearing: 0.2 },
	{ name: 'Immigration', share: 0.09, medianDays: 250, deadline: 0.6, hearing: 0.45 },
	{ name: 'Health', share: 0.07, medianDays: 45, deadline: 0.25, hearing: 0.15 },
	{ name: 'Education', share: 0.05, medianDays: 70, deadline: 0.3, hearing: 0.25 }
];

export interface Advocate {
	name: string;
	/** Home office: where their cases are recorded, bar the odd cover for a colleague. */
	office: string;
	fte: number;
	/** Active cases they can carry, when not the default of 40 × FTE (supervisors carry fewer). */
	capacity?: number;
	/** Relative share of new cases. */
	load: number;
	/** Started this many days before the end date; absent for those there throughout. */
	joinedDaysAgo?: number;
}

// Four offices of different size, two advocates carrying about twice the median, part-timers,
// two supervisors with a reduced capacity and one newcomer.
export const ADVOCATES: readonly Advocate[] = [
	{ name: 'Maria Gonzalez', office: 'Downtown', fte: 1, capacity: 20, load: 0.5 },
	{ name: 'James Carter', office: 'Downtown', fte: 1, load: 1 },
	{ name: 'Aisha Rahman', office: 'Downtown', fte: 1, load: 2 },
	{ name: 'Daniel Kim', office: 'Downtown', fte: 1, load: 1.1 },
	{ name: 'Rachel Goldberg', office: 'Downtown', fte: 1, load: 0.9 },
	{ name: 'Luis Ortega', office: 'Downtown', fte: 0.6, load: 0.6 },
	{ name: 'Priya Natarajan', office: 'Downtown', fte: 1, load: 1, joinedDaysAgo: 75 },
	{ name: 'Samuel Okafor', office: 'Northside', fte: 1, capacity: 20, load: 0.5 },
	{ name: 'Emily Nguyen', office: 'Northside', fte: 1, load: 1 },
	{ name: 'Thomas Reilly', office: 'Northside', fte: 1, load: 1.9 },
	{ name: 'Grace Lee', office: 'Northside', fte: 1, load: 1.1 },
	{ name: 'Hannah Schwartz', office: 'Northside', fte: 0.8, load: 0.8 },
	{ name: 'Marcus Johnson', office: 'Riverside', fte: 1, load: 1 },
	{ name: 'Sofia Rossi', office: 'Riverside', fte: 1, load: 0.9 },
	{ name: "Kevin O'Brien", office: 'Riverside', fte: 1, load: 1.1 },
	{ name: 'Fatima Haddad', office: 'Riverside', fte: 1, load: 1 },
	{ name: 'Jennifer Walsh', office: 'Riverside', fte: 0.5, load: 0.5 },
	{ name: 'Andre Baptiste', office: 'Eastgate', fte: 1, load: 1 },
	{ name: 'Laura Chen', office: 'Eastgate', fte: 1, load: 0.9 },
	{ name: 'Michael Brennan', office: 'Eastgate', fte: 0.8, load: 0.8 }
];

export const OFFICES = [...new Set(ADVOCATES.map((a) => a.office))];

export type Priority = 'Low' | 'Normal' | 'High' | 'Urgent';

/** Urgent matters are contacted sooner and resolved faster; low-priority ones drag. */
export const DURATION_FACTOR: Record<Priority, number> = {
	Low: 1.25,
	Normal: 1,
	High: 0.9,
	Urgent: 0.7
};

export const pickPriority = weighted<Priority>([
	['Low', 0.15],
	['Normal', 0.55],
	['High', 0.22],
	['Urgent', 0.08]
]);

export const pickCaseType = weighted(CASE_TYPES.map((t) => [t, t.share] as const));

/** Share of cases opened in each month, January first: busy after New Year and in the autumn. */
export const MONTH_FACTOR = [1.25, 1.2, 1.15, 1, 1, 0.95, 0.9, 0.7, 1.15, 1.15, 0.95, 0.65];
/** Offices are closed at weekends; the odd case is still opened on a Saturday. */
export const WEEKEND_FACTOR = 0.06;
/** Openings grow by this fraction from the first to the last day. */
export const TREND = 0.2;

// Legal Services Corporation closing codes, by how long the case ran.
export const pickBriefClosing = weighted([
	['A - Counsel and Advice', 0.6],
	['B - Limited Action', 0.3],
	['K - Other', 0.07],
	['F - Negotiated Settlement without Litigation', 0.03]
]);
export const pickMediumClosing = weighted([
	['B - Limited Action', 0.25],
	['A - Counsel and Advice', 0.1],
	['F - Negotiated Settlement without Litigation', 0.2],
	['G - Negotiated Settlement with Litigation', 0.1],
	['H - Administrative Agency Decision', 0.15],
	['IA - Uncontested Court Decision', 0.1],
	['K - Other', 0.05],
	['L - Extensive Service', 0.05]
]);
export const pickLongClosing = weighted([
	['L - Extensive Service', 0.25],
	['G - Negotiated Settlement with Litigation', 0.15],
	['IA - Uncontested Court Decision', 0.2],
	['IB - Contested Court Decision', 0.15],
	['H - Administrative Agency Decision', 0.1],
	['F - Negotiated Settlement without Litigation', 0.1],
	['K - Other', 0.05]
]);

/** Days from intake (or opening) to first contact, as a range; the SLA is 3 days, so the tail breaches it. */
export const pickContactDelay = weighted<readonly [number, number]>([
	[[0, 0], 0.35],
	[[1, 1], 0.25],
	[[2, 2], 0.14],
	[[3, 3], 0.1],
	[[4, 5], 0.08],
	[[6, 25], 0.08]
]);

/** Survey scores lean high, with a tail of detractors (0 to 6). */
export const pickSatisfaction = weighted(
	[2, 1, 1, 2, 2, 4, 6, 10, 17, 22, 33].map((weight, score) => [score, weight] as const)
);

export const pickGoalCount = weighted([
	[1, 0.5],
	[2, 0.33],
	[3, 0.17]
]);
export const pickAchievedGas = weighted([
	[0, 0.5],
	[1, 0.3],
	[2, 0.2]
]);
export const pickMissedGas = weighted([
	[-2, 0.45],
	[-1, 0.55]
]);
export const pickInProgressGas = weighted([
	[-1, 0.5],
	[0, 0.5]
]);
export const pickGoalWeight = weighted([
	[1, 0.2],
	[2, 0.3],
	[3, 0.3],
	[4, 0.12],
	[5, 0.08]
]);

/** Chances that shape the lifecycle; sample-data/README.md states what they add up to. */
export const CHANCE = {
	/** Advice-only matters, closed within ten days. */
	brief: 0.18,
	/** Forgotten cases: never closed, no recent activity. */
	abandoned: 0.01,
	/** Recorded at another office, covering for a colleague. */
	crossOffice: 0.02,
	intakeMissing: 0.1,
	intakeSameDay: 0.5,
	/** First contact happened but was never recorded. */
	contactUnrecorded: 0.025,
	pendingReview: 0.15,
	closingCodeMissing: 0.02,
	satisfactionSurveyed: 0.4,
	/** Open cases without a next review date. */
	reviewUnscheduled: 0.2,
	/** Open cases whose last scheduled review was missed. */
	reviewOverdue: 0.25,
	/** Open cases older than 90 days that have gone quiet (besides the abandoned). */
	stale: 0.04,
	hasGoals: 0.6,
	goalAchievedClosed: 0.65,
	goalAchievedOpen: 0.3,
	gasScored: 0.7,
	goalWeighted: 0.5,
	otherEvent: 0.08,
	otherDone: 0.8,
	hearingHeld: 0.92,
	/** Closed cases whose last activity is the closing itself. */
	activeOnClosing: 0.7
};

export const REVIEW_EVERY_DAYS = 90;
export const CONTACT_SLA_DAYS = 3;
export const STALE_AFTER_DAYS = 60;
