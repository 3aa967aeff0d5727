/**
 * The scorecards' seeded dataset: six workers in two offices, one (Dan) at 150% of capacity. As of
 * 2025-06-30, period 2025-01-01..2025-06-30, first-contact SLA 3 days, stale after 60 days.
 *
 * North (staff capacity 4, Dan 2):
 *   Ann a1 2025-02-01..02-11 (10 d), contact 1 d, due 02-10 (closed late: missed); a2 03-01..03-21 (20 d),
 *       contact 2 d, due 03-31 (met); a3 opened 06-01, open, contact 1 d, active 06-20; o1 2024-10-01..12-01
 *       (before the period). Open 1: 1/4 = 25%; opened 3, closed 2, median 15 d; contact 3/3; deadlines 1/2;
 *       goals 1/1 (a1's goal achieved before its target); stale 0.
 *   Ben b1 01-10..01-20 (10 d), contact 1 d; b2 opened 04-01, open, contact 9 d (late), active 04-05 (86 d idle:
 *       stale). 25%; opened 2, closed 1, median 10; contact 1/2; no deadlines; stale 1.
 *   Cat c1 02-01..02-13 (12 d), contact 1 d; c2 opened 05-01, open, active 06-25. 25%; opened 2, closed 1,
 *       median 12; contact 2/2; goals 0/1 (c1's goal not achieved); stale 0.
 *   Eve e1 01-15..01-29 (14 d); e2 opened 06-10, open, active 06-28. 25%; opened 2, closed 1, median 14;
 *       contact 2/2; stale 0.
 *   Dan d1 01-05..05-05 (120 d), contact 1 d; d2 opened 03-01, open, no contact (SLA passed), active 03-02
 *       (120 d idle: stale); d3 04-01 open, contact 1 d, active 06-29; d4 06-01 open, contact 2 d, active
 *       06-29. Open 3 of capacity 2: 150%; opened 4, closed 1, median 120; contact 3/4; stale 1.
 * South (capacity 10): Sam s1 01-20..03-01 (40 d), contact 1 d, due 03-01 (met); s2 opened 05-20, open,
 *   contact 10 d (late), active 06-01. 10%; opened 2, closed 1, median 40; contact 1/2; deadlines 1/1; goals
 *   0/1 (achieved after its target); stale 0.
 * Needs attention (horizon 7 days, to 2025-07-07): Ben's b2 (stale since 06-04) and Dan's d2 (stale, and
 *   never contacted: SLA passed 03-04) only: Ben 1, Dan 1, the others 0.
 * x1 has no worker: no row.
 */
import type { Fixture, FixtureRow } from './fixture';

const c = (
	case_id: string,
	worker: string | null,
	office: string,
	opened_at: string,
	closed_at: string | null,
	first_contact_at: string | null,
	last_activity_at: string | null,
	due_at: string | null = null
): FixtureRow => ({
	case_id,
	worker,
	office,
	case_type: 'Housing',
	opened_at,
	closed_at,
	first_contact_at,
	last_activity_at: last_activity_at ?? closed_at,
	due_at
});

export const WORKERS_FIXTURE: Fixture = {
	cases: [
		c('a1', 'Ann', 'North', '2025-02-01', '2025-02-11', '2025-02-02', null, '2025-02-10'),
		c('a2', 'Ann', 'North', '2025-03-01', '2025-03-21', '2025-03-03', null, '2025-03-31'),
		c('a3', 'Ann', 'North', '2025-06-01', null, '2025-06-02', '2025-06-20'),
		c('o1', 'Ann', 'North', '2024-10-01', '2024-12-01', '2024-10-02', null),
		c('b1', 'Ben', 'North', '2025-01-10', '2025-01-20', '2025-01-11', null),
		c('b2', 'Ben', 'North', '2025-04-01', null, '2025-04-10', '2025-04-05'),
		c('c1', 'Cat', 'North', '2025-02-01', '2025-02-13', '2025-02-02', null),
		c('c2', 'Cat', 'North', '2025-05-01', null, '2025-05-02', '2025-06-25'),
		c('e1', 'Eve', 'North', '2025-01-15', '2025-01-29', '2025-01-16', null),
		c('e2', 'Eve', 'North', '2025-06-10', null, '2025-06-11', '2025-06-28'),
		c('d1', 'Dan', 'North', '2025-01-05', '2025-05-05', '2025-01-06', null),
		c('d2', 'Dan', 'North', '2025-03-01', null, null, '2025-03-02'),
		c('d3', 'Dan', 'North', '2025-04-01', null, '2025-04-02', '2025-06-29'),
		c('d4', 'Dan', 'North', '2025-06-01', null, '2025-06-03', '2025-06-29'),
		c('s1', 'Sam', 'South', '2025-01-20', '2025-03-01', '2025-01-21', null, '2025-03-01'),
		c('s2', 'Sam', 'South', '2025-05-20', null, '2025-05-30', '2025-06-01'),
		c('x1', null, 'North', '2025-02-01', '2025-02-03', '2025-02-02', null)
	],
	goals: [
		{ case_id: 'a1', goal_id: 'g1', target_at: '2025-02-10', achieved_at: '2025-02-05' },
		{ case_id: 'c1', goal_id: 'g2', target_at: '2025-03-01', achieved_at: null },
		{ case_id: 's1', goal_id: 'g3', target_at: '2025-02-15', achieved_at: '2025-02-20' }
	],
	staff: [
		{ worker: 'Ann', office: 'North', capacity: 4 },
		{ worker: 'Ben', office: 'North', capacity: 4 },
		{ worker: 'Cat', office: 'North', capacity: 4 },
		{ worker: 'Dan', office: 'North', capacity: 2 },
		{ worker: 'Eve', office: 'North', capacity: 4 },
		{ worker: 'Sam', office: 'South', capacity: 10 }
	]
};
