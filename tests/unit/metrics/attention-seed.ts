/**
 * The seeded "needs attention" dataset, built at test time: as of 2025-06-30, default settings
 * (time standards 180/365/540 days, first-contact SLA 3 days, stale after 60 days), horizon 7 days
 * (up to 2025-07-07). Expected rows worked out by hand from the definitions:
 *
 *   A13 Cy   opened 2023-06-01: 540-day date 2024-11-22              standard      220 days overdue
 *   A6  Cy   last activity 2025-04-01: stale date 2025-05-31         stale          30 days overdue
 *   A9  Dee  opened 06-01, contact 07-01 (after as-of): SLA 06-04    first contact  26 days overdue
 *   A8  Dee  goal G1 target 06-15, not achieved                      goal           15 days overdue
 *   A4  Cy   review due 06-20, not done                              review         10 days overdue
 *   A2  Ben  goal G5 target 06-20, achieved 07-02 (after as-of)      goal           10 days overdue
 *   A2  Ben  case due 06-25                                          deadline        5 days overdue
 *   A9  Dee  case due 06-28, closed 07-05 (after as-of: open)        deadline        2 days overdue
 *   A8  Dee  review due 06-29, done 07-02 (after as-of)              review          1 day overdue
 *   A5  Ben  opened 06-28, no contact: SLA ends 07-01                first contact  in 1 day
 *   A1  Ana  case due 07-03                                          deadline       in 3 days
 *   A3  Ana  opened 2025-01-05: 180-day date 07-04                   standard       in 4 days
 *   A12 Ben  last activity 05-05: stale date 07-04                   stale          in 4 days
 *   A1  Ana  goal G3 target 07-05                                    goal           in 5 days
 *   A11 Ana  hearing due 07-07 (its case due 07-08 is beyond)         deadline       in 7 days
 *
 * Left out: A7 (closed 06-10, with an overdue due date and goal), A10 (opened after the as-of date),
 * A2's hearing (done), A4's earlier review (done), A12's review due 07-09 (beyond the horizon),
 * A8's goal G2 (achieved). Open at the as-of date: 11 cases.
 */
import type { Fixture } from './fixture';

const open = (
	case_id: string,
	worker: string,
	opened_at: string,
	more: Record<string, string | null> = {}
) => ({
	case_id,
	worker,
	opened_at,
	closed_at: null,
	case_type: 'Housing',
	due_at: null,
	first_contact_at: addDay(opened_at),
	last_activity_at: '2025-06-29',
	...more
});

function addDay(date: string): string {
	const d = new Date(`${date}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + 1);
	return d.toISOString().slice(0, 10);
}

export const AS_OF = '2025-06-30';

export const SEED: Fixture = {
	cases: [
		open('A1', 'Ana', '2025-05-01', { due_at: '2025-07-03', last_activity_at: '2025-06-25' }),
		open('A2', 'Ben', '2025-04-01', { due_at: '2025-06-25', last_activity_at: '2025-06-20' }),
		open('A3', 'Ana', '2025-01-05', { last_activity_at: '2025-06-28' }),
		open('A4', 'Cy', '2025-03-01'),
		open('A5', 'Ben', '2025-06-28', { first_contact_at: null, last_activity_at: null }),
		open('A6', 'Cy', '2025-02-01', { last_activity_at: '2025-04-01' }),
		open('A7', 'Ana', '2025-01-10', { closed_at: '2025-06-10', due_at: '2025-06-01' }),
		open('A8', 'Dee', '2025-05-20'),
		open('A9', 'Dee', '2025-06-01', {
			closed_at: '2025-07-05',
			due_at: '2025-06-28',
			first_contact_at: '2025-07-01'
		}),
		open('A10', 'Ana', '2025-07-02', { due_at: '2025-07-03' }),
		open('A11', 'Ana', '2025-06-01', { due_at: '2025-07-08' }),
		open('A12', 'Ben', '2025-04-01', { last_activity_at: '2025-05-05' }),
		open('A13', 'Cy', '2023-06-01')
	],
	events: [
		{ case_id: 'A2', kind: 'hearing', due_at: '2025-06-24', done_at: '2025-06-26' },
		{ case_id: 'A4', kind: 'review', due_at: '2025-05-01', done_at: '2025-05-03' },
		{ case_id: 'A4', kind: 'review', due_at: '2025-06-20', done_at: null },
		{ case_id: 'A8', kind: 'review', due_at: '2025-06-29', done_at: '2025-07-02' },
		{ case_id: 'A11', kind: 'hearing', due_at: '2025-07-07', done_at: null },
		{ case_id: 'A12', kind: 'review', due_at: '2025-07-09', done_at: null }
	],
	goals: [
		{ case_id: 'A8', goal_id: 'G1', target_at: '2025-06-15', achieved_at: null },
		{ case_id: 'A8', goal_id: 'G2', target_at: '2025-06-10', achieved_at: '2025-06-09' },
		{ case_id: 'A1', goal_id: 'G3', target_at: '2025-07-05', achieved_at: null },
		{ case_id: 'A7', goal_id: 'G4', target_at: '2025-05-01', achieved_at: null },
		{ case_id: 'A2', goal_id: 'G5', target_at: '2025-06-20', achieved_at: '2025-07-02' }
	]
};

/** The list, most urgent first: [case, worker, reason label, item, date, days left]. */
export const EXPECTED_LIST: [string, string, string, string, string, number][] = [
	['A13', 'Cy', 'Time standard', '540-day standard', '2024-11-22', -220],
	['A6', 'Cy', 'No recent activity', 'last activity 2025-04-01', '2025-05-31', -30],
	['A9', 'Dee', 'First contact due', 'first contact', '2025-06-04', -26],
	['A8', 'Dee', 'Goal past its target date', 'goal G1', '2025-06-15', -15],
	['A4', 'Cy', 'Review due', 'review', '2025-06-20', -10],
	['A2', 'Ben', 'Goal past its target date', 'goal G5', '2025-06-20', -10],
	['A2', 'Ben', 'Deadline due', 'case due date', '2025-06-25', -5],
	['A9', 'Dee', 'Deadline due', 'case due date', '2025-06-28', -2],
	['A8', 'Dee', 'Review due', 'review', '2025-06-29', -1],
	['A5', 'Ben', 'First contact due', 'first contact', '2025-07-01', 1],
	['A1', 'Ana', 'Deadline due', 'case due date', '2025-07-03', 3],
	['A3', 'Ana', 'Time standard', '180-day standard', '2025-07-04', 4],
	['A12', 'Ben', 'No recent activity', 'last activity 2025-05-05', '2025-07-04', 4],
	['A1', 'Ana', 'Goal past its target date', 'goal G3', '2025-07-05', 5],
	['A11', 'Ana', 'Deadline due', 'hearing', '2025-07-07', 7]
];
