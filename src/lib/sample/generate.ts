/**
 * A deterministic sample of a US legal-aid case-management export: four CSV files (cases, goals,
 * events, staff) with the skews and gaps real exports have, so every metric has something to show.
 *
 * Pure and dependency-free, so it runs in Node and in the browser alike: the same options give
 * byte-identical output, and lines come out one at a time, so a million cases never sit in memory.
 */

export const CASE_HEADER = [
	'Matter Number',
	'Date Opened',
	'Date Closed',
	'Case Type',
	'Primary Advocate',
	'Office',
	'Priority',
	'Status',
	'Closing Code',
	'Intake Date',
	'First Contact',
	'Next Review Due',
	'Last Activity',
	'Satisfaction (0-10)'
] as const;

export const GOAL_HEADER = [
	'Matter Number',
	'Goal ID',
	'Goal Set',
	'Target Date',
	'Achieved Date',
	'Goal Status',
	'GAS Score',
	'Weight'
] as const;

export const EVENT_HEADER = ['Matter Number', 'Event Type', 'Due Date', 'Completed Date'] as const;

export const STAFF_HEADER = ['Advocate', 'Office', 'FTE', 'Capacity'] as const;

export const SAMPLE_FILES = ['cases', 'goals', 'events', 'staff'] as const;
export type SampleFile = (typeof SAMPLE_FILES)[number];

export const SAMPLE_HEADERS: Record<SampleFile, readonly string[]> = {
	cases: CASE_HEADER,
	goals: GOAL_HEADER,
	events: EVENT_HEADER,
	staff: STAFF_HEADER
};

export interface SampleOptions {
	/** How many cases to open over the period. */
	cases: number;
	/** Seed of the random stream, an unsigned 32-bit integer. */
	seed: number;
	/** The day of the export, 'YYYY-MM-DD': cases not closed by then are open. */
	end: string;
	/** How many years of openings precede `end`. */
	years: number;
}

/** The settings of the committed `sample-data/`. */
export const DEFAULT_SAMPLE: SampleOptions = {
	cases: 5000,
	seed: 20261129,
	end: '2026-09-30',
	years: 3
};

/** One line of one file, without its line ending. */
export interface SampleLine {
	file: SampleFile;
	text: string;
}

/**
 * Every line of the four files: first each file's header, then the staff, then the cases in the
 * order they were opened, each followed by its goals and events.
 */
export function* sampleLines(options: SampleOptions): Generator<SampleLine> {
	validate(options);
	const rng = mulberry32(options.seed);
	const end = dayNumber(options.end);
	const start = dayNumber(shiftYears(options.end, -options.years)) + 1;

	for (const file of SAMPLE_FILES) yield { file, text: csvRow(SAMPLE_HEADERS[file]) };
	for (const advocate of ADVOCATES) {
		const { name, office, fte, capacity } = advocate;
		yield { file: 'staff', text: csvRow([name, office, String(fte), optionalNumber(capacity)]) };
	}

	const world: World = {
		rng,
		end,
		advocates: activeFrom(end),
		nextGoalId: 1,
		sequenceByYear: new Map()
	};
	const openings = dailyOpenings(rng, start, end, options.cases);
	for (let day = start; day <= end; day++) {
		for (let n = openings[day - start]; n > 0; n--) {
			const c = simulateCase(world, day);
			yield { file: 'cases', text: caseRow(c) };
			for (const text of goalRows(world, c)) yield { file: 'goals', text };
			for (const text of eventRows(world, c)) yield { file: 'events', text };
		}
	}
}

/** The four files as text, for tests and for loading the sample in the browser. */
export function renderSample(options: SampleOptions): Record<SampleFile, string> {
	const parts: Record<SampleFile, string[]> = { cases: [], goals: [], events: [], staff: [] };
	for (const { file, text } of sampleLines(options)) parts[file].push(text, '\n');
	return {
		cases: parts.cases.join(''),
		goals: parts.goals.join(''),
		events: parts.events.join(''),
		staff: parts.staff.join('')
	};
}

function validate({ cases, seed, end, years }: SampleOptions): void {
	if (!Number.isSafeInteger(cases) || cases < 0)
		throw new Error(`cases must be a whole number >= 0, not ${cases}`);
	if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
		throw new Error(`seed must be an integer from 0 to ${0xffffffff}, not ${seed}`);
	if (!/^\d{4}-\d{2}-\d{2}$/.test(end) || shiftYears(end, 0) !== end)
		throw new Error(`end must be a date 'YYYY-MM-DD', not '${end}'`);
	if (!Number.isInteger(years) || years < 1)
		throw new Error(`years must be a whole number >= 1, not ${years}`);
}

// ---------------------------------------------------------------------------------------------
// Reference data

interface CaseType {
	name: string;
	share: number;
	/** Median days from opening to closing for cases that get more than brief service. */
	medianDays: number;
	/** Chance of a filing deadline and of a court (or agency) hearing. */
	deadline: number;
	hearing: number;
}

const CASE_TYPES: readonly CaseType[] = [
	{ name: 'Housing - Eviction', share: 0.27, medianDays: 50, deadline: 0.5, hearing: 0.55 },
	{ name: 'Family - Custody', share: 0.16, medianDays: 170, deadline: 0.5, hearing: 0.6 },
	{ name: 'Consumer - Debt', share: 0.14, medianDays: 20, deadline: 0.3, hearing: 0.15 },
	{ name: 'Public Benefits', share: 0.15, medianDays: 50, deadline: 0.35, hearing: 0.3 },
	{ name: 'Employment', share: 0.07, medianDays: 60, deadline: 0.4, hearing: 0.2 },
	{ name: 'Immigration', share: 0.09, medianDays: 250, deadline: 0.6, hearing: 0.45 },
	{ name: 'Health', share: 0.07, medianDays: 45, deadline: 0.25, hearing: 0.15 },
	{ name: 'Education', share: 0.05, medianDays: 70, deadline: 0.3, hearing: 0.25 }
];

interface Advocate {
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
const ADVOCATES: readonly Advocate[] = [
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

const OFFICES = [...new Set(ADVOCATES.map((a) => a.office))];

type Priority = 'Low' | 'Normal' | 'High' | 'Urgent';

/** Urgent matters are contacted sooner and resolved faster; low-priority ones drag. */
const DURATION_FACTOR: Record<Priority, number> = { Low: 1.25, Normal: 1, High: 0.9, Urgent: 0.7 };

const pickPriority = weighted<Priority>([
	['Low', 0.15],
	['Normal', 0.55],
	['High', 0.22],
	['Urgent', 0.08]
]);

const pickCaseType = weighted(CASE_TYPES.map((t) => [t, t.share] as const));

/** Share of cases opened in each month, January first: busy after New Year and in the autumn. */
const MONTH_FACTOR = [1.25, 1.2, 1.15, 1, 1, 0.95, 0.9, 0.7, 1.15, 1.15, 0.95, 0.65];
/** Offices are closed at weekends; the odd case is still opened on a Saturday. */
const WEEKEND_FACTOR = 0.06;
/** Openings grow by this fraction from the first to the last day. */
const TREND = 0.2;

// Legal Services Corporation closing codes, by how long the case ran.
const pickBriefClosing = weighted([
	['A - Counsel and Advice', 0.6],
	['B - Limited Action', 0.3],
	['K - Other', 0.07],
	['F - Negotiated Settlement without Litigation', 0.03]
]);
const pickMediumClosing = weighted([
	['B - Limited Action', 0.25],
	['A - Counsel and Advice', 0.1],
	['F - Negotiated Settlement without Litigation', 0.2],
	['G - Negotiated Settlement with Litigation', 0.1],
	['H - Administrative Agency Decision', 0.15],
	['IA - Uncontested Court Decision', 0.1],
	['K - Other', 0.05],
	['L - Extensive Service', 0.05]
]);
const pickLongClosing = weighted([
	['L - Extensive Service', 0.25],
	['G - Negotiated Settlement with Litigation', 0.15],
	['IA - Uncontested Court Decision', 0.2],
	['IB - Contested Court Decision', 0.15],
	['H - Administrative Agency Decision', 0.1],
	['F - Negotiated Settlement without Litigation', 0.1],
	['K - Other', 0.05]
]);

/** Days from intake (or opening) to first contact, as a range; the SLA is 3 days, so the tail breaches it. */
const pickContactDelay = weighted<readonly [number, number]>([
	[[0, 0], 0.35],
	[[1, 1], 0.25],
	[[2, 2], 0.14],
	[[3, 3], 0.1],
	[[4, 5], 0.08],
	[[6, 25], 0.08]
]);

/** Survey scores lean high, with a tail of detractors (0 to 6). */
const pickSatisfaction = weighted(
	[2, 1, 1, 2, 2, 4, 6, 10, 17, 22, 33].map((weight, score) => [score, weight] as const)
);

const pickGoalCount = weighted([
	[1, 0.5],
	[2, 0.33],
	[3, 0.17]
]);
const pickAchievedGas = weighted([
	[0, 0.5],
	[1, 0.3],
	[2, 0.2]
]);
const pickMissedGas = weighted([
	[-2, 0.45],
	[-1, 0.55]
]);
const pickInProgressGas = weighted([
	[-1, 0.5],
	[0, 0.5]
]);
const pickGoalWeight = weighted([
	[1, 0.2],
	[2, 0.3],
	[3, 0.3],
	[4, 0.12],
	[5, 0.08]
]);

/** Chances that shape the lifecycle; sample-data/README.md states what they add up to. */
const CHANCE = {
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

const REVIEW_EVERY_DAYS = 90;
const CONTACT_SLA_DAYS = 3;
const STALE_AFTER_DAYS = 60;

// ---------------------------------------------------------------------------------------------
// Simulation

interface World {
	rng: Rng;
	end: number;
	advocates: readonly ActiveAdvocate[];
	nextGoalId: number;
	sequenceByYear: Map<number, number>;
}

interface ActiveAdvocate {
	advocate: Advocate;
	fromDay: number;
}

/** One case, its days counted from 1970-01-01. */
interface Case {
	matter: string;
	type: CaseType;
	advocate: Advocate;
	office: string;
	priority: Priority;
	opened: number;
	/** When the work ends: the closing day, or beyond the end date while still open. */
	finishes: number;
	/** Blank while open. */
	closed?: number;
	status: 'Open' | 'Pending Review' | 'Closed';
	closingCode?: string;
	intake?: number;
	firstContact?: DayTime;
	nextReview?: number;
	/** Open cases only: the scheduled review that did not happen. */
	missedReview?: number;
	lastActivity: DayTime;
	satisfaction?: number;
}

interface DayTime {
	day: number;
	minute: number;
}

/** How many cases open on each day: seasonal, weekday-bound, trending up, with daily noise. */
function dailyOpenings(rng: Rng, start: number, end: number, total: number): number[] {
	const weights: number[] = [];
	for (let day = start; day <= end; day++) {
		const date = new Date(day * DAY_MS);
		const weekday = date.getUTCDay();
		const weekend = weekday === 0 || weekday === 6 ? WEEKEND_FACTOR : 1;
		const trend = 1 + (TREND * (day - start)) / Math.max(1, end - start);
		weights.push(MONTH_FACTOR[date.getUTCMonth()] * weekend * trend * (0.75 + 0.5 * rng()));
	}
	// Rounding the running total hands out exactly `total` cases, in date order.
	const sum = weights.reduce((a, b) => a + b, 0);
	let running = 0;
	let handedOut = 0;
	return weights.map((weight) => {
		running += weight;
		const upTo = Math.round((total * running) / sum);
		const count = upTo - handedOut;
		handedOut = upTo;
		return count;
	});
}

function activeFrom(end: number): ActiveAdvocate[] {
	return ADVOCATES.map((advocate) => ({
		advocate,
		fromDay: end - (advocate.joinedDaysAgo ?? Infinity)
	}));
}

function pickAdvocate(rng: Rng, advocates: readonly ActiveAdvocate[], day: number): Advocate {
	let total = 0;
	for (const a of advocates) if (day >= a.fromDay) total += a.advocate.load;
	let u = rng() * total;
	let chosen = advocates[0].advocate;
	for (const a of advocates) {
		if (day < a.fromDay) continue;
		chosen = a.advocate;
		u -= a.advocate.load;
		if (u < 0) break;
	}
	return chosen;
}

function matterNumber(world: World, opened: number): string {
	const year = new Date(opened * DAY_MS).getUTCFullYear();
	const sequence = (world.sequenceByYear.get(year) ?? 0) + 1;
	world.sequenceByYear.set(year, sequence);
	return `${String(year % 100).padStart(2, '0')}-${String(sequence).padStart(7, '0')}`;
}

function simulateCase(world: World, opened: number): Case {
	const { rng, end } = world;
	const type = pickCaseType(rng);
	const priority = pickPriority(rng);
	const advocate = pickAdvocate(rng, world.advocates, opened);
	const office = chance(rng, CHANCE.crossOffice)
		? otherOffice(rng, advocate.office)
		: advocate.office;

	const abandoned = chance(rng, CHANCE.abandoned);
	const finishes = abandoned ? Infinity : opened + durationDays(rng, type, priority);
	const closed = finishes <= end ? finishes : undefined;

	const intake = chance(rng, CHANCE.intakeMissing)
		? undefined
		: opened - (chance(rng, CHANCE.intakeSameDay) ? 0 : between(rng, 1, 7));
	const firstContact = contact(rng, intake ?? opened, priority, closed, end);

	let status: Case['status'] = 'Closed';
	let nextReview: number | undefined;
	let missedReview: number | undefined;
	if (closed === undefined) {
		status = chance(rng, CHANCE.pendingReview) ? 'Pending Review' : 'Open';
		const reviewsDue = Math.floor((end - opened) / REVIEW_EVERY_DAYS);
		if ((abandoned || chance(rng, CHANCE.reviewOverdue)) && reviewsDue > 0) {
			missedReview = opened + reviewsDue * REVIEW_EVERY_DAYS;
			nextReview = missedReview;
		} else if (!chance(rng, CHANCE.reviewUnscheduled)) {
			nextReview = opened + (reviewsDue + 1) * REVIEW_EVERY_DAYS;
		}
	}

	const stale =
		closed === undefined && (abandoned || (end - opened > 90 && chance(rng, CHANCE.stale)));
	const lastActivity = activity(rng, opened, closed, end, stale, firstContact);

	let closingCode: string | undefined;
	let satisfaction: number | undefined;
	if (closed !== undefined) {
		const days = closed - opened;
		const pickClosing =
			days <= 14 ? pickBriefClosing : days <= 120 ? pickMediumClosing : pickLongClosing;
		closingCode = chance(rng, CHANCE.closingCodeMissing) ? undefined : pickClosing(rng);
		satisfaction = chance(rng, CHANCE.satisfactionSurveyed) ? pickSatisfaction(rng) : undefined;
	}

	return {
		matter: matterNumber(world, opened),
		type,
		advocate,
		office,
		priority,
		opened,
		finishes,
		closed,
		status,
		closingCode,
		intake,
		firstContact,
		nextReview,
		missedReview,
		lastActivity,
		satisfaction
	};
}

/** Brief advice closes within days; the rest is lognormal around the type's median. */
function durationDays(rng: Rng, type: CaseType, priority: Priority): number {
	if (chance(rng, CHANCE.brief)) return between(rng, 0, 10);
	const median = type.medianDays * DURATION_FACTOR[priority];
	return Math.max(1, Math.round(median * Math.exp(0.9 * normal(rng))));
}

function otherOffice(rng: Rng, home: string): string {
	const others = OFFICES.filter((o) => o !== home);
	return others[between(rng, 0, others.length - 1)];
}

/** First contact after intake, by closing at the latest; blank when unrecorded or not yet made. */
function contact(
	rng: Rng,
	from: number,
	priority: Priority,
	closed: number | undefined,
	end: number
): DayTime | undefined {
	const [fewest, most] = pickContactDelay(rng);
	let delay = between(rng, fewest, most);
	if (priority === 'Urgent') delay = Math.floor(delay / 2);
	const day = Math.min(from + delay, closed ?? Infinity);
	const minute = officeMinute(rng);
	if (chance(rng, CHANCE.contactUnrecorded) || day > end) return undefined;
	return { day, minute };
}

/** A minute of the working day, 08:00 to 17:59. */
function officeMinute(rng: Rng): number {
	return between(rng, 8 * 60, 18 * 60 - 1);
}

/** The latest activity: near the closing day, or near the end date unless the case went stale. */
function activity(
	rng: Rng,
	opened: number,
	closed: number | undefined,
	end: number,
	stale: boolean,
	firstContact?: DayTime
): DayTime {
	// First contact may precede opening (made at intake); the last activity follows both.
	const earliest = Math.max(opened, firstContact?.day ?? opened);
	let day: number;
	if (closed !== undefined)
		day = closed - (chance(rng, CHANCE.activeOnClosing) ? 0 : between(rng, 1, 10));
	else if (stale && earliest < end - STALE_AFTER_DAYS)
		day = between(rng, earliest, end - STALE_AFTER_DAYS - 1);
	else day = end - Math.floor(Math.min(end - opened, STALE_AFTER_DAYS - 1) * rng() ** 2);
	day = Math.max(day, earliest);
	const minute =
		day === firstContact?.day
			? Math.max(officeMinute(rng), firstContact.minute)
			: officeMinute(rng);
	return { day, minute };
}

function* goalRows(world: World, c: Case): Generator<string> {
	const { rng, end } = world;
	if (!chance(rng, CHANCE.hasGoals)) return;
	const lastDay = c.closed ?? end;
	for (let n = pickGoalCount(rng); n > 0; n--) {
		const set = Math.min(c.opened + between(rng, 0, 14), lastDay);
		const target = set + between(rng, 30, 180);
		const achievedChance =
			c.closed === undefined ? CHANCE.goalAchievedOpen : CHANCE.goalAchievedClosed;
		const achieved = chance(rng, achievedChance)
			? clamp(target + Math.round(25 * normal(rng)) - 10, set, lastDay)
			: undefined;
		const status =
			achieved !== undefined ? 'Achieved' : c.closed !== undefined ? 'Not achieved' : 'In progress';
		const pickGas =
			status === 'Achieved'
				? pickAchievedGas
				: status === 'Not achieved'
					? pickMissedGas
					: pickInProgressGas;
		const gas = chance(rng, CHANCE.gasScored) ? pickGas(rng) : undefined;
		const weight = chance(rng, CHANCE.goalWeighted) ? pickGoalWeight(rng) : undefined;
		const id = `G-${String(world.nextGoalId++).padStart(6, '0')}`;
		yield csvRow([
			c.matter,
			id,
			dateText(set),
			dateText(target),
			optionalDate(achieved),
			status,
			optionalNumber(gas),
			optionalNumber(weight)
		]);
	}
}

/**
 * The case's diary: the first-contact deadline, reviews every 90 days, filing deadlines, hearings
 * and the odd other task. Nothing is completed after the case closed or after the end date.
 */
function* eventRows(world: World, c: Case): Generator<string> {
	const { rng, end } = world;
	const lastDay = c.closed ?? end;
	const row = (type: string, due: number, completed: number | undefined) =>
		csvRow([
			c.matter,
			type,
			dateText(due),
			completed !== undefined && completed <= lastDay ? dateText(completed) : ''
		]);
	/** How far into the case an event falls: closed cases end on closing, open ones run on. */
	const span = (cap: number) => Math.min(c.finishes - c.opened, cap);

	yield row('Client contact', (c.intake ?? c.opened) + CONTACT_SLA_DAYS, c.firstContact?.day);

	for (let due = c.opened + REVIEW_EVERY_DAYS; due <= lastDay; due += REVIEW_EVERY_DAYS) {
		yield row('Case review', due, due === c.missedReview ? undefined : reviewed(rng, due));
	}
	if (c.nextReview !== undefined && c.nextReview > end)
		yield row('Case review', c.nextReview, undefined);

	if (chance(rng, c.type.deadline)) {
		const due = c.opened + Math.floor(span(180) * (0.2 + 0.6 * rng()));
		yield row('Filing deadline', due, filed(rng, due, c.opened));
	}
	if (chance(rng, c.type.hearing)) {
		const due = c.opened + Math.floor(span(365) * (0.4 + 0.6 * rng()));
		yield row('Court hearing', due, chance(rng, CHANCE.hearingHeld) ? due : undefined);
	}
	if (chance(rng, CHANCE.otherEvent)) {
		const due = c.opened + Math.floor(span(60) * rng());
		yield row(
			'Other',
			due,
			chance(rng, CHANCE.otherDone) ? Math.max(c.opened, due + between(rng, -2, 5)) : undefined
		);
	}
}

/** Most reviews happen in the ten days before they are due; some late, a few never. */
function reviewed(rng: Rng, due: number): number | undefined {
	const u = rng();
	if (u < 0.7) return due - between(rng, 0, 10);
	if (u < 0.84) return due + between(rng, 1, 7);
	if (u < 0.96) return due + between(rng, 8, 45);
	return undefined;
}

/** Most filings go in a few days early; some miss the deadline, some are never made. */
function filed(rng: Rng, due: number, opened: number): number | undefined {
	const u = rng();
	if (u < 0.84) return Math.max(opened, due - between(rng, 0, 5));
	if (u < 0.93) return due + between(rng, 1, 10);
	return undefined;
}

// ---------------------------------------------------------------------------------------------
// Text

function caseRow(c: Case): string {
	return csvRow([
		c.matter,
		dateText(c.opened),
		optionalDate(c.closed),
		c.type.name,
		c.advocate.name,
		c.office,
		c.priority,
		c.status,
		c.closingCode ?? '',
		optionalDate(c.intake),
		c.firstContact ? dateTimeText(c.firstContact) : '',
		optionalDate(c.nextReview),
		dateTimeText(c.lastActivity),
		optionalNumber(c.satisfaction)
	]);
}

function csvRow(fields: readonly string[]): string {
	return fields.map(csvField).join(',');
}

function csvField(value: string): string {
	return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function optionalNumber(value: number | undefined): string {
	return value === undefined ? '' : String(value);
}

function optionalDate(day: number | undefined): string {
	return day === undefined ? '' : dateText(day);
}

// Formatting a date is the costliest step per row, and a few thousand distinct days recur millions of times.
const dateTexts = new Map<number, string>();

/** MM/DD/YYYY */
function dateText(day: number): string {
	let text = dateTexts.get(day);
	if (text === undefined) {
		const date = new Date(day * DAY_MS);
		text = `${pad2(date.getUTCMonth() + 1)}/${pad2(date.getUTCDate())}/${date.getUTCFullYear()}`;
		dateTexts.set(day, text);
	}
	return text;
}

/** MM/DD/YYYY HH:MM, 24-hour. */
function dateTimeText({ day, minute }: DayTime): string {
	return `${dateText(day)} ${pad2(Math.floor(minute / 60))}:${pad2(minute % 60)}`;
}

function pad2(n: number): string {
	return n < 10 ? `0${n}` : String(n);
}

// ---------------------------------------------------------------------------------------------
// Days and randomness

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date. */
function dayNumber(iso: string): number {
	const [year, month, day] = iso.split('-').map(Number);
	return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** The same calendar day `years` later, as 'YYYY-MM-DD' (29 February becomes 1 March). */
function shiftYears(iso: string, years: number): string {
	const [year, month, day] = iso.split('-').map(Number);
	return new Date(Date.UTC(year + years, month - 1, day)).toISOString().slice(0, 10);
}

/** Uniform numbers in [0, 1). */
type Rng = () => number;

/** mulberry32: tiny, fast, and plenty for sample data; one seed gives one stream on every platform. */
function mulberry32(seed: number): Rng {
	let state = seed | 0;
	return () => {
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), state | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function chance(rng: Rng, p: number): boolean {
	return rng() < p;
}

/** A whole number from `low` to `high`, both included. */
function between(rng: Rng, low: number, high: number): number {
	return low + Math.floor(rng() * (high - low + 1));
}

function clamp(value: number, low: number, high: number): number {
	return Math.min(Math.max(value, low), high);
}

/** A standard normal draw (Box-Muller). */
function normal(rng: Rng): number {
	return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/** A picker of one of `entries`, each as likely as its weight. */
function weighted<T>(entries: ReadonlyArray<readonly [T, number]>): (rng: Rng) => T {
	const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
	return (rng) => {
		let u = rng() * total;
		for (const [value, weight] of entries) {
			u -= weight;
			if (u < 0) return value;
		}
		return entries[entries.length - 1][0];
	};
}
