/**
 * Several exports of one kind make one history (issue 17, item 1): monthly exports with overlapping
 * cases, goals, events and staff import together, the most recent export's row wins, and each file's
 * added and updated rows are counted. Expectations are worked out by hand from the files below, and a
 * larger seeded history is checked against a plain JavaScript replay of the rule.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import { ensureModel, importAll, type CompleteOptions } from '../../../src/lib/import/import';
import type { InputFile } from '../../../src/lib/import/stage';
import { EMPTY_DATASET, type DatasetInfo } from '../../../src/lib/model/dataset';
import { mulberry32 } from '../../../scripts/sample/random';

const TODAY = '2026-11-29';
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
const load = (
	files: InputFile[],
	previous: DatasetInfo = EMPTY_DATASET,
	options: CompleteOptions = {}
) => importAll(engine, files, previous, { today: TODAY, ...options });
const counts = (r: Awaited<ReturnType<typeof load>>) =>
	r.files.map((f) => [f.file, f.rows, f.added, f.updated, f.older]);

const HEAD = 'Case ID,Date Opened,Date Closed,Worker';
// Latest dates: January 2024-01-31, February 2024-02-28, March 2024-03-15.
const JAN = file('jan.csv', [HEAD, 'C1,2024-01-05,,Ana', 'C2,2024-01-10,,Bo', 'C3,2024-01-31,,Cy']);
const FEB = file('feb.csv', [HEAD, 'C2,2024-01-10,2024-02-20,Bo', 'C4,2024-02-28,,Dee']);
const MAR = file('mar.csv', [
	HEAD,
	'C1,2024-01-05,2024-03-15,Ana',
	'C4,2024-02-28,,Eve',
	'C5,2024-03-01,,Fay'
]);
const cases = () =>
	engine.query(
		`SELECT case_id, closed_at::DATE::VARCHAR AS closed, worker FROM cases ORDER BY case_id`
	);
const EXPECTED = [
	{ case_id: 'C1', closed: '2024-03-15', worker: 'Ana' }, // March's row
	{ case_id: 'C2', closed: '2024-02-20', worker: 'Bo' }, // February's row
	{ case_id: 'C3', closed: null, worker: 'Cy' },
	{ case_id: 'C4', closed: null, worker: 'Eve' }, // March's row
	{ case_id: 'C5', closed: null, worker: 'Fay' }
];

describe('three monthly cases exports', () => {
	it('make one history whatever order they are dropped in: the file with the later dates wins', async () => {
		const result = await load([MAR, JAN, FEB]);
		expect(result.dataset.tables.cases!.rows).toBe(5);
		expect(await cases()).toEqual(EXPECTED);
		// Ranked January, February, March; reported in the order given.
		expect(counts(result)).toEqual([
			['mar.csv', 3, 1, 2, 0], // C5 added; C1 and C4 updated
			['jan.csv', 3, 3, 0, 0], // C1, C2, C3 added (C1 later updated by March, C2 by February)
			['feb.csv', 2, 1, 1, 0] // C4 added; C2 updated
		]);
		expect(result.files.map((f) => f.latest)).toEqual([
			'2024-03-15 00:00:00',
			'2024-01-31 00:00:00',
			'2024-02-28 00:00:00'
		]);
		expect(result.dataset.tables.cases!.fileName).toBe('mar.csv, jan.csv, feb.csv');
		expect(result.issueTotal).toBe(0);
	});

	it("adding next month's export to the loaded data gives the same history", async () => {
		const before = await load([JAN, FEB]);
		expect(counts(before)).toEqual([
			['jan.csv', 3, 3, 0, 0],
			['feb.csv', 2, 1, 1, 0]
		]);
		const after = await load([MAR], before.dataset, { mode: 'add' });
		expect(await cases()).toEqual(EXPECTED);
		expect(counts(after)).toEqual([['mar.csv', 3, 1, 2, 0]]);
		expect(after.dataset.tables.cases!.rows).toBe(5);
		// Replacing instead leaves March alone.
		await load([MAR], after.dataset, { mode: 'replace' });
		expect(await engine.query(`SELECT count(*)::INTEGER AS n FROM cases`)).toEqual([{ n: 3 }]);
	});

	it('an older export added to the loaded data adds its new cases and loses to the newer rows', async () => {
		const loaded = await load([JAN, FEB, MAR]);
		const dec = file('dec.csv', [HEAD, 'C0,2023-12-01,,Gus', 'C1,2023-12-20,2023-12-31,Old']);
		const result = await load([dec], loaded.dataset, { mode: 'add' });
		expect(counts(result)).toEqual([['dec.csv', 2, 1, 0, 1]]);
		expect(await cases()).toEqual([{ case_id: 'C0', closed: null, worker: 'Gus' }, ...EXPECTED]);
	});

	it('on a tie of latest dates the later file in the order shown wins', async () => {
		const a = file('a.csv', [HEAD, 'T1,2024-05-01,,First']);
		const b = file('b.csv', [HEAD, 'T1,2024-05-01,,Second']);
		await load([a, b]);
		expect(await engine.query(`SELECT worker FROM cases`)).toEqual([{ worker: 'Second' }]);
		const swapped = await load([b, a]);
		expect(await engine.query(`SELECT worker FROM cases`)).toEqual([{ worker: 'First' }]);
		expect(counts(swapped)).toEqual([
			['b.csv', 1, 1, 0, 0],
			['a.csv', 1, 0, 1, 0]
		]);
	});
});

describe('goals, events and staff from several exports', () => {
	it('goals match on their ID, events on the whole row (repeats counted), staff on the worker', async () => {
		const result = await load([
			JAN,
			FEB,
			file('goals-jan.csv', [
				'Case ID,Goal ID,Target Date,GAS Score',
				'C1,G1,2024-01-20,0',
				'C2,G2,2024-01-25,-1'
			]),
			file('goals-feb.csv', [
				'Case ID,Goal ID,Target Date,GAS Score',
				'C2,G2,2024-02-25,1',
				'C4,G3,2024-02-27,'
			]),
			file('events-jan.csv', [
				'Case ID,Event Type,Due Date,Completed Date',
				'C1,Client contact,2024-01-06,2024-01-06',
				'C1,Client contact,2024-01-06,2024-01-06',
				'C2,Review,2024-01-15,'
			]),
			file('events-feb.csv', [
				'Case ID,Event Type,Due Date,Completed Date',
				'C1,Client contact,2024-01-06,2024-01-06',
				'C2,Review,2024-01-15,',
				'C4,Client contact,2024-02-28,2024-02-28'
			]),
			file('staff-jan.csv', ['Worker,Office,FTE', 'Ana,North,1', 'Bo,South,0.5']),
			file('staff-feb.csv', ['Worker,Office,FTE', 'ANA,North,0.8', 'Cy,East,1'])
		]);
		expect(counts(result).slice(2)).toEqual([
			['goals-jan.csv', 2, 2, 0, 0],
			['goals-feb.csv', 2, 1, 1, 0], // G2 updated (score 1), G3 added
			['events-jan.csv', 3, 3, 0, 0],
			['events-feb.csv', 3, 1, 2, 0], // the first of the two contacts and the review again; C4 new
			['staff-jan.csv', 2, 2, 0, 0],
			['staff-feb.csv', 2, 1, 1, 0] // Ana's FTE updated, Cy added
		]);
		expect(await engine.query(`SELECT goal_id, gas_score FROM goals ORDER BY goal_id`)).toEqual([
			{ goal_id: 'G1', gas_score: 0 },
			{ goal_id: 'G2', gas_score: 1 },
			{ goal_id: 'G3', gas_score: null }
		]);
		expect(
			await engine.query(
				`SELECT case_id, kind, count(*)::INTEGER AS n FROM events GROUP BY ALL ORDER BY ALL`
			)
		).toEqual([
			{ case_id: 'C1', kind: 'contact', n: 2 },
			{ case_id: 'C2', kind: 'review', n: 1 },
			{ case_id: 'C4', kind: 'contact', n: 1 }
		]);
		expect(await engine.query(`SELECT worker, fte FROM staff ORDER BY worker`)).toEqual([
			// February's row, and its spelling: the staff list's spelling is every table's (import.ts).
			{ worker: 'ANA', fte: 0.8 },
			{ worker: 'Bo', fte: 0.5 },
			{ worker: 'Cy', fte: 1 }
		]);
	});
});

describe('a seeded quarter of 3 exports, 400 cases each, against a replay in plain JavaScript', () => {
	it('keeps, per case, the row of the export with the latest date, and counts alike', async () => {
		const next = mulberry32(17);
		const months = ['2024-04', '2024-05', '2024-06'];
		const exports = months.map((m, k) => {
			const rows = new Map<string, string>();
			while (rows.size < 400) {
				const id = `Q${Math.floor(next() * 700)}`;
				const day = String(1 + Math.floor(next() * 28)).padStart(2, '0');
				rows.set(id, `${id},${m}-${day},,W${Math.floor(next() * 9)}-${k}`);
			}
			return { name: `${m}.csv`, rows: [...rows.entries()] };
		});
		// Dropped out of order: June, April, May.
		const given = [exports[2], exports[0], exports[1]];
		const result = await load(given.map((e) => file(e.name, [HEAD, ...e.rows.map(([, r]) => r)])));
		// The replay: files ranked by their latest date (all distinct here), rows applied oldest first.
		const latest = (e: (typeof exports)[number]) =>
			e.rows
				.map(([, r]) => r.split(',')[1])
				.sort()
				.at(-1)!;
		const ranked = [...given].sort((a, b) => latest(a).localeCompare(latest(b)));
		const history = new Map<string, string>();
		const seenBefore = new Set<string>();
		const replayed = new Map<string, [number, number, number]>();
		const lastRank = new Map<string, number>();
		ranked.forEach((e, rank) => e.rows.forEach(([id]) => lastRank.set(id, rank)));
		ranked.forEach((e, rank) => {
			const c: [number, number, number] = [0, 0, 0];
			for (const [id, row] of e.rows) {
				if (!seenBefore.has(id)) c[0]++;
				else if (lastRank.get(id) === rank) c[1]++;
				else c[2]++;
				history.set(id, row.split(',')[3]);
			}
			for (const [id] of e.rows) seenBefore.add(id);
			replayed.set(e.name, c);
		});
		expect(result.dataset.tables.cases!.rows).toBe(history.size);
		const rows = await engine.query<{ case_id: string; worker: string }>(
			`SELECT case_id, worker FROM cases ORDER BY case_id`
		);
		expect(rows).toEqual(
			[...history.entries()]
				.sort(([a], [b]) => (a < b ? -1 : 1))
				.map(([case_id, worker]) => ({ case_id, worker }))
		);
		expect(counts(result)).toEqual(given.map((e) => [e.name, 400, ...replayed.get(e.name)!]));
		const added = result.files.reduce((n, f) => n + f.added, 0);
		expect(added).toBe(history.size);
	});
});
