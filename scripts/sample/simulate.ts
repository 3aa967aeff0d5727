/**
 * The simulation of one case, from opening to closing (or still open at the end date): who holds
 * it, when it was contacted, reviewed and last active.
 */
import {
	ADVOCATES,
	CHANCE,
	DURATION_FACTOR,
	MONTH_FACTOR,
	OFFICES,
	REVIEW_EVERY_DAYS,
	STALE_AFTER_DAYS,
	TREND,
	WEEKEND_FACTOR,
	pickBriefClosing,
	pickCaseType,
	pickContactDelay,
	pickLongClosing,
	pickMediumClosing,
	pickPriority,
	pickSatisfaction,
	type Advocate,
	type CaseType,
	type Priority
} from './population';
import { DAY_MS, between, chance, normal, type Rng } from './random';

export interface World {
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
export interface Case {
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

export interface DayTime {
	day: number;
	minute: number;
}

/** How many cases open on each day: seasonal, weekday-bound, trending up, with daily noise. */
export function dailyOpenings(rng: Rng, start: number, end: number, total: number): number[] {
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

export function activeFrom(end: number): ActiveAdvocate[] {
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

export function simulateCase(world: World, opened: number): Case {
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
