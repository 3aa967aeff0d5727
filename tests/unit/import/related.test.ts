/**
 * Related tables stay consistent (issue 17, item 6): goals and events whose case ID has no case are
 * counted and listed in every import's report; replacing the cases while goals, events or staff
 * from earlier files stay loaded asks, with how many of their case IDs the new cases lack; and the
 * report's problems are those of everything loaded. Expectations are worked out by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import { ensureModel, importAll, listIssues } from '../../../src/lib/import/import';
import { ORPHAN_PROBLEM, type RelatedQuestion } from '../../../src/lib/import/related';
import type { InputFile } from '../../../src/lib/import/stage';
import { EMPTY_DATASET, type DatasetInfo } from '../../../src/lib/model/dataset';

let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
	await ensureModel(engine);
});
afterAll(async () => engine.close());

const file = (name: string, lines: string[]): InputFile => {
	const data = new TextEncoder().encode(lines.join('\n') + '\n');
	return { name, size: data.length, data };
};
const CASES = file('cases.csv', [
	'Case ID,Date Opened,Worker',
	'C1,2024-01-05,Ana',
	'C2,2024-01-10,Bo'
]);
// G3 belongs to C9, which is no case; GAS 7 is out of range.
const GOALS = file('goals.csv', [
	'Case ID,Goal ID,Target Date,GAS Score',
	'C1,G1,2024-02-01,1',
	'C2,G2,2024-02-01,7',
	'C9,G3,2024-02-01,0'
]);
const EVENTS = file('events.csv', [
	'Case ID,Event Type,Due Date',
	'C1,Client contact,2024-01-06',
	'C8,Review,2024-01-20',
	'C8,Client contact,2024-01-21'
]);
const STAFF = file('staff.csv', ['Worker,Office,FTE', 'Ana,North,1', 'Bo,South,1', 'Cy,East,0.5']);

const load = (
	files: InputFile[],
	previous: DatasetInfo = EMPTY_DATASET,
	decide?: (q: RelatedQuestion) => 'keep' | 'remove'
) => {
	const asked: RelatedQuestion[] = [];
	const decideRelated = decide
		? async (q: RelatedQuestion) => {
				asked.push(q);
				return decide(q);
			}
		: undefined;
	return importAll(engine, files, previous, { today: '2026-11-29', decideRelated }).then(
		(result) => ({
			result,
			asked
		})
	);
};

describe('orphan goals and events', () => {
	it('are counted and listed by case ID in the report of the import that brings them', async () => {
		const { result } = await load([CASES, GOALS, EVENTS]);
		expect(result.orphans).toEqual({ goals: 1, events: 2 });
		expect(result.issueCounts).toEqual({ [ORPHAN_PROBLEM]: 3, 'GAS score outside -2..+2': 1 });
		expect(result.issueTotal).toBe(4);
		const listed = (await listIssues(engine)).filter((i) => i.problem === ORPHAN_PROBLEM);
		expect(listed.map((i) => [i.file, i.column, i.value, i.action])).toEqual([
			['events.csv', 'Case ID', 'C8', 'kept'],
			['events.csv', 'Case ID', 'C8', 'kept'],
			['goals.csv', 'Case ID', 'C9', 'kept']
		]);
	});

	it('and in the report of a later import that leaves them loaded, with their earlier problems', async () => {
		const { result: first } = await load([CASES, GOALS, EVENTS]);
		// A staff file alone: its own import has no problem, but the loaded goals and events still do.
		const { result } = await load([STAFF], first.dataset);
		expect(result.orphans).toEqual({ goals: 1, events: 2 });
		expect(result.issueCounts).toEqual({ [ORPHAN_PROBLEM]: 3, 'GAS score outside -2..+2': 1 });
	});

	it('a clean import of everything finds no problem', async () => {
		const { result } = await load([
			CASES,
			file('goals.csv', [
				'Case ID,Goal ID,Target Date,GAS Score',
				'C1,G1,2024-02-01,1',
				'C2,G2,2024-02-01,0'
			]),
			STAFF
		]);
		expect(result.orphans).toEqual({});
		expect(result.issueTotal).toBe(0);
	});
});

describe('replacing the cases while goals, events and staff from earlier files are loaded', () => {
	const NEW_CASES = file('new-cases.csv', [
		'Case ID,Date Opened,Worker',
		'C2,2024-03-01,Bo',
		'C3,2024-03-02,Dee'
	]);

	it('asks, stating how many of their case IDs (and workers) the new cases lack; keeping keeps them', async () => {
		const { result: first } = await load([CASES, GOALS, EVENTS, STAFF]);
		const { result, asked } = await load([NEW_CASES], first.dataset, () => 'keep');
		// Goals: C1, C2, C9, of which C1 and C9 are not among C2, C3. Events: C1, C8, both missing.
		// Staff: Ana, Bo, Cy, of whom Ana and Cy have no new case.
		expect(asked).toEqual([
			{
				tables: [
					{ table: 'goals', fileName: 'goals.csv', rows: 3, ids: 3, missing: 2 },
					{ table: 'events', fileName: 'events.csv', rows: 3, ids: 2, missing: 2 },
					{ table: 'staff', fileName: 'staff.csv', rows: 3, ids: 3, missing: 2 }
				]
			}
		]);
		expect(Object.keys(result.dataset.tables).sort()).toEqual([
			'cases',
			'events',
			'goals',
			'staff'
		]);
		// G1 (C1), G3 (C9); events of C1 and C8 twice.
		expect(result.orphans).toEqual({ goals: 2, events: 3 });
		expect(result.issueCounts[ORPHAN_PROBLEM]).toBe(5);
	});

	it('removing them empties them, and the report has nothing left to say about them', async () => {
		const { result: first } = await load([CASES, GOALS, EVENTS, STAFF]);
		const { result, asked } = await load([NEW_CASES], first.dataset, () => 'remove');
		expect(asked).toHaveLength(1);
		expect(Object.keys(result.dataset.tables)).toEqual(['cases']);
		expect(
			await engine.query(
				`SELECT (SELECT count(*) FROM goals)::INTEGER AS g, (SELECT count(*) FROM events)::INTEGER AS e,
				(SELECT count(*) FROM staff)::INTEGER AS s`
			)
		).toEqual([{ g: 0, e: 0, s: 0 }]);
		expect(result.orphans).toEqual({});
		expect(result.issueTotal).toBe(0);
	});

	it('does not ask when the new files bring their own goals, events and staff', async () => {
		const { result: first } = await load([CASES, GOALS]);
		const { asked } = await load(
			[
				NEW_CASES,
				file('goals2.csv', ['Case ID,Goal ID,Target Date,GAS Score', 'C2,G9,2024-04-01,1'])
			],
			first.dataset,
			() => 'keep'
		);
		expect(asked).toEqual([]);
	});
});
