/**
 * A deterministic sample of a US legal-aid case-management export: four CSV files (cases, goals,
 * events, staff) with the skews and gaps real exports have, so every metric has something to show.
 *
 * Pure and dependency-free, so it runs in Node and in the browser alike: the same options give
 * byte-identical output, and lines come out one at a time, so a million cases never sit in memory.
 */
import { ADVOCATES } from './population';
import { dayNumber, mulberry32, shiftYears } from './random';
import { caseRow, csvRow, eventRows, goalRows, optionalNumber } from './rows';
import { activeFrom, dailyOpenings, simulateCase, type World } from './simulate';

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
