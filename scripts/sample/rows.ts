/**
 * A simulated case as CSV text: its cases.csv row, its goals and its diary of events.
 */
import {
	CHANCE,
	CONTACT_SLA_DAYS,
	REVIEW_EVERY_DAYS,
	pickAchievedGas,
	pickGoalCount,
	pickGoalWeight,
	pickInProgressGas,
	pickMissedGas
} from './population';
import { DAY_MS, between, chance, clamp, normal, type Rng } from './random';
import type { Case, DayTime, World } from './simulate';

export function* goalRows(world: World, c: Case): Generator<string> {
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
export function* eventRows(world: World, c: Case): Generator<string> {
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

export function caseRow(c: Case): string {
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

export function csvRow(fields: readonly string[]): string {
	return fields.map(csvField).join(',');
}

function csvField(value: string): string {
	return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function optionalNumber(value: number | undefined): string {
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
