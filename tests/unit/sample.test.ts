import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, it, expect } from 'vitest';
import {
	CASE_HEADER,
	DEFAULT_SAMPLE,
	EVENT_HEADER,
	GOAL_HEADER,
	SAMPLE_FILES,
	STAFF_HEADER,
	renderSample,
	sampleLines
} from '../../scripts/sample/generate';

// The generated text is parsed with papaparse and every property is counted here from scratch,
// so the checks do not lean on the generator's own notion of what it made. The seed fixes the
// output, so the counts are exact; they were counted separately with Python's csv module over
// sample-data/*.csv (which a test below requires to equal a fresh generation).

type Row = Record<string, string>;

function parse(text: string, header: readonly string[]): Row[] {
	const result = Papa.parse<Row>(text, { header: true, skipEmptyLines: true });
	expect(result.errors).toEqual([]);
	expect(result.meta.fields).toEqual([...header]);
	return result.data;
}

/** Days since 1970-01-01 of 'MM/DD/YYYY' or 'MM/DD/YYYY HH:MM', after checking the format strictly. */
function day(text: string): number {
	const match = /^(\d{2})\/(\d{2})\/(\d{4})(?: ([01]\d|2[0-3]):([0-5]\d))?$/.exec(text);
	if (!match) throw new Error(`not a date: '${text}'`);
	const [, month, dayOfMonth, year] = match.map(Number);
	const date = new Date(Date.UTC(year, month - 1, dayOfMonth));
	if (date.getUTCDate() !== dayOfMonth) throw new Error(`no such day: '${text}'`);
	return date.getTime() / 86_400_000;
}

/** Minutes since 1970-01-01 of 'MM/DD/YYYY HH:MM'. */
function minuteOf(text: string): number {
	expect(text).toMatch(/ \d{2}:\d{2}$/);
	return day(text) * 1440 + Number(text.slice(11, 13)) * 60 + Number(text.slice(14, 16));
}

function countBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, number> {
	const counts = new Map<string, number>();
	for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1);
	return counts;
}

function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

const sample = renderSample(DEFAULT_SAMPLE);
const cases = parse(sample.cases, CASE_HEADER);
const goals = parse(sample.goals, GOAL_HEADER);
const events = parse(sample.events, EVENT_HEADER);
const staff = parse(sample.staff, STAFF_HEADER);

const END = day('09/30/2026');
const START = day('10/01/2023');
const isOpen = (c: Row) => c['Date Closed'] === '';
const open = cases.filter(isOpen);
const closed = cases.filter((c) => !isOpen(c));
const caseByMatter = new Map(cases.map((c) => [c['Matter Number'], c]));
/** The last day anything can have happened on a case. */
const lastDayOf = (c: Row) => (isOpen(c) ? END : day(c['Date Closed']));
const durationOf = (c: Row) => day(c['Date Closed']) - day(c['Date Opened']);

describe('sample generation', () => {
	it('gives byte-identical output for the same seed', () => {
		expect(renderSample(DEFAULT_SAMPLE)).toEqual(sample);
	});

	it('gives different cases, goals and events for a different seed', () => {
		const other = renderSample({ ...DEFAULT_SAMPLE, seed: DEFAULT_SAMPLE.seed + 1 });
		expect(other.cases).not.toBe(sample.cases);
		expect(other.goals).not.toBe(sample.goals);
		expect(other.events).not.toBe(sample.events);
		expect(other.cases.slice(0, other.cases.indexOf('\n'))).toBe(CASE_HEADER.join(','));
	});

	it('opens exactly the number of cases asked for', () => {
		const small = renderSample({ ...DEFAULT_SAMPLE, cases: 137, years: 1 });
		expect(parse(small.cases, CASE_HEADER)).toHaveLength(137);
		expect(parse(renderSample({ ...DEFAULT_SAMPLE, cases: 0 }).cases, CASE_HEADER)).toHaveLength(0);
	});

	it('streams the headers, then the staff, then each case followed by its own goals and events', () => {
		const lines = [...sampleLines({ ...DEFAULT_SAMPLE, cases: 200 })];
		expect(lines.slice(0, 4).map((line) => line.file)).toEqual([...SAMPLE_FILES]);
		expect(lines.slice(4, 24).every((line) => line.file === 'staff')).toBe(true);
		let currentCase = '';
		let followers = 0;
		for (const { file, text } of lines.slice(24)) {
			const matter = text.slice(0, text.indexOf(','));
			if (file === 'cases') currentCase = matter;
			else {
				expect(matter).toBe(currentCase);
				followers++;
			}
		}
		const small = renderSample({ ...DEFAULT_SAMPLE, cases: 200 });
		expect(followers).toBe(
			parse(small.goals, GOAL_HEADER).length + parse(small.events, EVENT_HEADER).length
		);
	});

	it('rejects options it cannot honour', () => {
		const attempt = (changes: object) => () => renderSample({ ...DEFAULT_SAMPLE, ...changes });
		expect(attempt({ cases: -1 })).toThrow(/cases/);
		expect(attempt({ seed: 2 ** 32 })).toThrow(/seed/);
		expect(attempt({ end: '2026-02-30' })).toThrow(/end/);
		expect(attempt({ years: 0 })).toThrow(/years/);
	});
});

describe('committed sample-data/', () => {
	it.each(SAMPLE_FILES)('%s.csv equals a fresh generation with the default settings', (file) => {
		const committed = readFileSync(
			new URL(`../../sample-data/${file}.csv`, import.meta.url),
			'utf8'
		);
		expect(committed).toBe(sample[file]);
	});

	it('is plain UTF-8 with \\n line endings and no byte-order mark', () => {
		for (const file of SAMPLE_FILES) {
			expect(sample[file].charCodeAt(0)).not.toBe(0xfeff);
			expect(sample[file]).not.toContain('\r');
			expect(sample[file].endsWith('\n')).toBe(true);
		}
	});
});

describe('cases.csv', () => {
	it('has 5,000 uniquely numbered matters, prefixed with the year they opened', () => {
		expect(cases).toHaveLength(5000);
		expect(new Set(cases.map((c) => c['Matter Number'])).size).toBe(5000);
		for (const c of cases) {
			expect(c['Matter Number']).toMatch(/^\d{2}-\d{7}$/);
			expect(c['Matter Number'].slice(0, 2)).toBe(c['Date Opened'].slice(8, 10));
		}
	});

	it('writes dates as MM/DD/YYYY and contact and activity times as MM/DD/YYYY HH:MM', () => {
		const dateOnly = /^\d{2}\/\d{2}\/\d{4}$/;
		const dateTime = /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/;
		for (const c of cases) {
			for (const column of ['Date Opened', 'Date Closed', 'Intake Date', 'Next Review Due']) {
				if (c[column] !== '') expect(c[column]).toMatch(dateOnly);
			}
			for (const column of ['First Contact', 'Last Activity']) {
				if (c[column] !== '') expect(c[column]).toMatch(dateTime);
			}
			expect(() => [c['Date Opened'], c['Last Activity']].map(day)).not.toThrow();
		}
	});

	it('opens cases over the three years to the end date and closes none before opening or after the end', () => {
		for (const c of cases) {
			expect(day(c['Date Opened'])).toBeGreaterThanOrEqual(START);
			expect(day(c['Date Opened'])).toBeLessThanOrEqual(END);
			if (!isOpen(c)) {
				expect(durationOf(c)).toBeGreaterThanOrEqual(0);
				expect(day(c['Date Closed'])).toBeLessThanOrEqual(END);
			}
		}
	});

	it('uses 8 case types, 4 offices, 20 advocates and the stated priorities and statuses', () => {
		expect(countBy(cases, (c) => c['Case Type']).size).toBe(8);
		expect(new Set(cases.map((c) => c.Office))).toEqual(
			new Set(['Northside', 'Riverside', 'Downtown', 'Eastgate'])
		);
		expect(countBy(cases, (c) => c['Primary Advocate']).size).toBe(20);
		expect(new Set(cases.map((c) => c.Priority))).toEqual(
			new Set(['Low', 'Normal', 'High', 'Urgent'])
		);
		expect(new Set(cases.map((c) => c.Status))).toEqual(
			new Set(['Open', 'Pending Review', 'Closed'])
		);
	});

	it('leaves 8-15% of cases open, some of them more than a year old', () => {
		expect(open).toHaveLength(519); // 10.4%
		for (const c of open) expect(['Open', 'Pending Review']).toContain(c.Status);
		for (const c of closed) expect(c.Status).toBe('Closed');
		expect(open.filter((c) => END - day(c['Date Opened']) > 365)).toHaveLength(119);
		expect(open.filter((c) => c.Status === 'Pending Review')).toHaveLength(83);
	});

	it('gives closed cases a legal-aid closing code, bar about 2% documentation gaps', () => {
		for (const c of open) expect(c['Closing Code']).toBe('');
		const coded = closed.filter((c) => c['Closing Code'] !== '');
		for (const c of coded) expect(c['Closing Code']).toMatch(/^[A-L]{1,2} - [A-Z][a-z]/);
		expect([closed.length, coded.length]).toEqual([4481, 4403]); // 78 gaps, 1.7%
		expect(countBy(coded, (c) => c['Closing Code']).size).toBe(9);
	});

	it('has long-tailed durations that differ by case type', () => {
		const medianDays = (type: string) =>
			median(closed.filter((c) => c['Case Type'] === type).map(durationOf));
		// the upper median (element n/2 of the sorted durations), in days
		expect(
			['Consumer - Debt', 'Housing - Eviction', 'Family - Custody', 'Immigration'].map(medianDays)
		).toEqual([14, 35, 93, 161]);
		expect(closed.filter((c) => durationOf(c) > 540)).toHaveLength(29);
		expect(closed.filter((c) => durationOf(c) <= 1)).toHaveLength(161);
	});

	it('opens more cases in January-March and September-October than in August and December, trending up', () => {
		const byMonth = countBy(cases, (c) => c['Date Opened'].slice(0, 2));
		const months = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];
		expect(months.map((m) => byMonth.get(m))).toEqual([
			525, 457, 471, 413, 427, 391, 411, 297, 491, 482, 365, 270
		]);
		const firstYear = cases.filter((c) => day(c['Date Opened']) < START + 365).length;
		const lastYear = cases.filter((c) => day(c['Date Opened']) > END - 365).length;
		expect([firstYear, lastYear]).toEqual([1550, 1743]);
	});

	it('puts intake on or up to a week before opening, blank for some', () => {
		const withIntake = cases.filter((c) => c['Intake Date'] !== '');
		for (const c of withIntake) {
			const lead = day(c['Date Opened']) - day(c['Intake Date']);
			expect(lead).toBeGreaterThanOrEqual(0);
			expect(lead).toBeLessThanOrEqual(7);
		}
		expect(withIntake).toHaveLength(4481); // 519 blank
	});

	it('makes first contact mostly within the 3-day SLA, some late, a few unrecorded while the SLA has passed', () => {
		const from = (c: Row) => day(c['Intake Date'] || c['Date Opened']);
		const contacted = cases.filter((c) => c['First Contact'] !== '');
		for (const c of contacted) {
			expect(day(c['First Contact'])).toBeGreaterThanOrEqual(from(c));
			expect(day(c['First Contact'])).toBeLessThanOrEqual(lastDayOf(c));
		}
		expect(contacted.filter((c) => day(c['First Contact']) - from(c) > 3)).toHaveLength(691);
		expect(contacted).toHaveLength(4878);
		expect(open.filter((c) => c['First Contact'] === '' && END - from(c) > 3)).toHaveLength(16);
	});

	it('schedules a next review for most open cases, some of them overdue, none for closed cases', () => {
		for (const c of closed) expect(c['Next Review Due']).toBe('');
		const scheduled = open.filter((c) => c['Next Review Due'] !== '');
		expect(scheduled).toHaveLength(440);
		expect(scheduled.filter((c) => day(c['Next Review Due']) < END)).toHaveLength(109);
	});

	it('records the last activity between opening and closing (or the end date), 61 open cases stale', () => {
		for (const c of cases) {
			expect(day(c['Last Activity'])).toBeGreaterThanOrEqual(day(c['Date Opened']));
			expect(day(c['Last Activity'])).toBeLessThanOrEqual(lastDayOf(c));
			if (c['First Contact'])
				expect(minuteOf(c['Last Activity'])).toBeGreaterThanOrEqual(minuteOf(c['First Contact']));
		}
		expect(open.filter((c) => END - day(c['Last Activity']) > 60)).toHaveLength(61); // 11.8%
	});

	it('has a satisfaction score for about 40% of closed cases, skewed high with detractors', () => {
		for (const c of open) expect(c['Satisfaction (0-10)']).toBe('');
		const scores = closed
			.filter((c) => c['Satisfaction (0-10)'] !== '')
			.map((c) => Number(c['Satisfaction (0-10)']));
		for (const score of scores)
			expect(Number.isInteger(score) && score >= 0 && score <= 10).toBe(true);
		expect(scores).toHaveLength(1744); // 38.9% of 4,481
		expect(scores.reduce((a, b) => a + b, 0)).toBe(14213); // mean 8.15
		expect(scores.filter((s) => s <= 6)).toHaveLength(288);
	});

	it('spreads caseloads unevenly: two advocates at about twice the median, one newcomer with few', () => {
		const loads = [...countBy(cases, (c) => c['Primary Advocate']).values()].sort((a, b) => a - b);
		// median 245; the two busiest at 499 and 546 (2.0 and 2.2 times), the newcomer at 15
		expect(loads).toEqual([
			15, 131, 131, 137, 162, 215, 231, 236, 245, 245, 245, 254, 255, 279, 282, 282, 296, 314, 499,
			546
		]);
		expect(median(loads)).toBe(245);
		expect(Object.fromEntries(countBy(cases, (c) => c.Office))).toEqual({
			Downtown: 1648,
			Eastgate: 779,
			Northside: 1379,
			Riverside: 1194
		});
	});

	it("records almost every case at its advocate's home office", () => {
		const home = new Map(staff.map((s) => [s.Advocate, s.Office]));
		expect(cases.filter((c) => home.get(c['Primary Advocate']) !== c.Office)).toHaveLength(108);
	});
});

describe('goals.csv', () => {
	const goalsPerCase = countBy(goals, (g) => g['Matter Number']);

	it('belongs to existing cases: about 60% of them, up to 3 goals each, each goal uniquely numbered', () => {
		for (const g of goals) expect(caseByMatter.has(g['Matter Number'])).toBe(true);
		expect(goalsPerCase.size).toBe(2993); // 59.9%
		expect(goals).toHaveLength(4975);
		expect(Math.max(...goalsPerCase.values())).toBe(3);
		expect(new Set(goals.map((g) => g['Goal ID'])).size).toBe(goals.length);
		for (const g of goals) expect(g['Goal ID']).toMatch(/^G-\d{6,}$/);
	});

	it('dates achievement only for achieved goals, within the case, some after the target', () => {
		for (const g of goals) {
			const c = caseByMatter.get(g['Matter Number'])!;
			expect(day(g['Goal Set'])).toBeGreaterThanOrEqual(day(c['Date Opened']));
			expect(day(g['Target Date'])).toBeGreaterThan(day(g['Goal Set']));
			expect(g['Achieved Date'] !== '').toBe(g['Goal Status'] === 'Achieved');
			if (g['Achieved Date']) {
				expect(day(g['Achieved Date'])).toBeGreaterThanOrEqual(day(g['Goal Set']));
				expect(day(g['Achieved Date'])).toBeLessThanOrEqual(lastDayOf(c));
			}
			// Goals still in progress belong to open cases; closed cases' goals were settled.
			expect(g['Goal Status'] === 'In progress').toBe(isOpen(c) && g['Goal Status'] !== 'Achieved');
		}
		const late = goals.filter(
			(g) => g['Achieved Date'] && day(g['Achieved Date']) > day(g['Target Date'])
		).length;
		expect(late).toBe(259);
		expect(new Set(goals.map((g) => g['Goal Status']))).toEqual(
			new Set(['Achieved', 'Not achieved', 'In progress'])
		);
	});

	it('scores about 70% of goals on the GAS scale and weights about half', () => {
		const scored = goals.filter((g) => g['GAS Score'] !== '');
		expect(scored).toHaveLength(3469); // 69.7%
		expect(new Set(scored.map((g) => g['GAS Score']))).toEqual(
			new Set(['-2', '-1', '0', '1', '2'])
		);
		for (const g of scored)
			if (g['Goal Status'] === 'Achieved') expect(Number(g['GAS Score'])).toBeGreaterThanOrEqual(0);
		const weighted = goals.filter((g) => g.Weight !== '');
		expect(weighted).toHaveLength(2490); // 50.1%
		expect(new Set(weighted.map((g) => g.Weight))).toEqual(new Set(['1', '2', '3', '4', '5']));
	});
});

describe('events.csv', () => {
	const overdue = (e: Row) => e['Completed Date'] === '' && day(e['Due Date']) < END;

	it('belongs to existing cases, with the five event types and a first-contact deadline per case', () => {
		for (const e of events) expect(caseByMatter.has(e['Matter Number'])).toBe(true);
		expect(new Set(events.map((e) => e['Event Type']))).toEqual(
			new Set(['Client contact', 'Case review', 'Filing deadline', 'Court hearing', 'Other'])
		);
		const contacts = events.filter((e) => e['Event Type'] === 'Client contact');
		expect(new Set(contacts.map((e) => e['Matter Number'])).size).toBe(cases.length);
	});

	it('completes nothing after the case closed or after the end date', () => {
		for (const e of events.filter((e) => e['Completed Date'] !== '')) {
			expect(day(e['Completed Date'])).toBeLessThanOrEqual(
				lastDayOf(caseByMatter.get(e['Matter Number'])!)
			);
		}
	});

	it('has missed deadlines, undone events and a few events due after the end date', () => {
		const deadlines = events.filter(
			(e) => e['Event Type'] === 'Filing deadline' && e['Completed Date'] !== ''
		);
		expect(deadlines.filter((e) => day(e['Completed Date']) > day(e['Due Date']))).toHaveLength(
			135
		);
		expect(events.filter(overdue)).toHaveLength(852);
		expect(events).toHaveLength(12884);
		expect(events.filter((e) => day(e['Due Date']) > END)).toHaveLength(534); // 4.1%
	});

	it('reviews long cases every 90 days, with overdue reviews on open cases', () => {
		const reviews = countBy(
			events.filter((e) => e['Event Type'] === 'Case review' && day(e['Due Date']) <= END),
			(e) => e['Matter Number']
		);
		const longClosed = closed.filter((c) => durationOf(c) >= 360);
		expect(longClosed).toHaveLength(124);
		for (const c of longClosed)
			expect(reviews.get(c['Matter Number'])).toBe(Math.floor(durationOf(c) / 90));
		const overdueOpen = events.filter(
			(e) =>
				e['Event Type'] === 'Case review' &&
				overdue(e) &&
				isOpen(caseByMatter.get(e['Matter Number'])!)
		);
		expect(overdueOpen).toHaveLength(164);
	});
});

describe('staff.csv', () => {
	it('lists each of the 20 advocates once, in one of the 4 offices, and every one has cases', () => {
		expect(staff).toHaveLength(20);
		const names = new Set(staff.map((s) => s.Advocate));
		expect(names.size).toBe(20);
		expect(new Set(cases.map((c) => c['Primary Advocate']))).toEqual(names);
		expect(new Set(staff.map((s) => s.Office))).toEqual(
			new Set(['Northside', 'Riverside', 'Downtown', 'Eastgate'])
		);
	});

	it('has some part-timers and a capacity only for a few', () => {
		const fte = staff.map((s) => Number(s.FTE));
		for (const f of fte) expect(f > 0 && f <= 1).toBe(true);
		expect(fte.filter((f) => f < 1)).toHaveLength(4);
		const capacities = staff.filter((s) => s.Capacity !== '');
		expect(capacities).toHaveLength(2);
		for (const s of capacities) expect(Number(s.Capacity)).toBe(20);
	});
});
