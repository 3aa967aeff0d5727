/**
 * The overview's fast figures (metrics/overview.ts) against the catalogue's own queries, which
 * define them: every figure's value and n, for many scopes, filters, settings and datasets, and a
 * hand-computed fixture for the stale and first-contact reformulations at their boundaries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import { importPaths } from '../../../src/lib/import/node';
import type { DatasetInfo } from '../../../src/lib/model/dataset';
import { OVERVIEW_IDS } from '../../../src/lib/metrics/catalogue';
import {
	computeOverview,
	cubeCovers,
	prepareCube,
	prepareOverview,
	type OverviewCube
} from '../../../src/lib/metrics/overview';
import { computeForScopes, metricContext } from '../../../src/lib/metrics/run';
import {
	addDays,
	defaultScope,
	emptyFilters,
	previousPeriod,
	type Scope
} from '../../../src/lib/metrics/scope';
import { defaultSettings, type Settings } from '../../../src/lib/metrics/settings';
import type { MetricResult, ScalarResult } from '../../../src/lib/metrics/types';
import { comparedScopes, cubeSteps, monthlyScopes } from '../../../src/lib/metrics/periods';
import { presetPeriod } from '../../../src/lib/metrics/scope-rules';
import { ctx, loadFixture, scope, type Fixture } from './fixture';

const SAMPLE = new URL('../../../sample-data/', import.meta.url).pathname;
const REAL = new URL('../../fixtures/realdata/', import.meta.url).pathname;

let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
}, 60_000);
afterAll(async () => engine.close());

/** Same value (to 1e-9, sums may add in another order) and same n, unavailable and error. */
function expectSame(
	fast: Record<string, MetricResult>,
	reference: Record<string, MetricResult>,
	where: string
): void {
	for (const id of OVERVIEW_IDS) {
		const a = fast[id] as ScalarResult;
		const b = reference[id] as ScalarResult;
		const label = `${where}: ${id}`;
		expect(a.unavailable, label).toBe(b.unavailable);
		expect(a.error, label).toBeUndefined();
		expect(b.error, label).toBeUndefined();
		expect(a.n ?? null, label).toBe(b.n ?? null);
		if (a.value === null || b.value === null) expect(a.value, label).toBe(b.value);
		else
			expect(Math.abs(a.value - b.value), label).toBeLessThanOrEqual(
				1e-9 * Math.max(1, Math.abs(b.value))
			);
	}
}

/**
 * All four ways, for the scopes (which share filters): the facts' statement over the built facts and
 * with the facts inlined, a cube built for the scopes' dates (with no filters), and the catalogue;
 * returns the facts' results.
 */
async function crossCheck(
	dataset: DatasetInfo,
	scopes: Scope[],
	settings: Settings,
	where: string
): Promise<Record<string, MetricResult>[]> {
	const context = metricContext(scopes[0], settings, dataset);
	// The fast paths fall back to the catalogue when a statement fails: record what they ran.
	const ran: { sql: string; failed: boolean }[] = [];
	const query = (sql: string) =>
		engine.query(sql).then(
			(rows) => (ran.push({ sql, failed: false }), rows),
			(e) => (ran.push({ sql, failed: true }), Promise.reject(e))
		);
	const watched = { ...engine, query } as Engine;
	const sameFilters = scopes.every(
		(s) => JSON.stringify(s.filters) === JSON.stringify(scopes[0].filters)
	);
	const fast = await computeOverview(watched, context, scopes);
	const before = ran.length;
	const inline = await computeOverview(watched, context, scopes, null, 'inline');
	// Inlined, each statement builds the facts it reads itself (a built table is never read), and
	// the scopes of a chunk share one statement.
	if (sameFilters) {
		const chunks = Math.ceil(new Set(scopes.map((s) => JSON.stringify(s))).size / 3);
		expect(ran.slice(before).map((r) => r.sql.slice(0, 14))).toEqual(
			Array(chunks).fill('WITH overview_')
		);
	}
	// Built in two steps, as the page does: the first scope, then the rest added to it.
	const unfiltered = scopes.map((s) => ({ ...s, filters: emptyFilters() }));
	const partial = await prepareCube(engine, context, unfiltered.slice(0, 1));
	expect(cubeCovers(partial, context, scopes.slice(0, 1))).toBe(true);
	const cube = await prepareCube(engine, context, unfiltered, partial);
	expect(cubeCovers(cube, context, scopes)).toBe(true);
	expect(cube.dates.slice(0, 1)).toEqual(partial.dates);
	const fromCube = await computeOverview(watched, context, scopes, cube);
	expect(ran.filter((r) => r.failed)).toEqual([]);
	// With one set of filters: one statement from the cube, of the cube's tables only (never the
	// cases' facts); with several, the catalogue answers.
	const fromCubeSql = ran.filter((r) => r.sql.includes('overview_cube'));
	expect(fromCubeSql).toHaveLength(sameFilters ? 1 : 0);
	if (sameFilters) expect(fromCubeSql[0].sql).not.toMatch(/overview_cases/);
	const reference = await computeForScopes(engine, context, scopes, OVERVIEW_IDS);
	expect(fast).toHaveLength(scopes.length);
	expect(fromCube).toHaveLength(scopes.length);
	scopes.forEach((s, i) => {
		const label = `${where} ${JSON.stringify({ asOf: s.asOf, from: s.from, to: s.to })}`;
		expectSame(fast[i], reference[i], label);
		expectSame(inline[i], reference[i], `${label} (inline)`);
		expectSame(fromCube[i], reference[i], `${label} (cube)`);
	});
	return fast;
}

describe('the sample data (5,000 cases with goals, events and staff)', () => {
	let dataset: DatasetInfo;
	let base: Scope;
	beforeAll(async () => {
		dataset = (
			await importPaths(engine, {
				cases: SAMPLE + 'cases.csv',
				goals: SAMPLE + 'goals.csv',
				events: SAMPLE + 'events.csv',
				staff: SAMPLE + 'staff.csv'
			})
		).dataset;
		await prepareOverview(engine, dataset);
		base = await defaultScope(engine, dataset);
	}, 120_000);

	it('gives the catalogue’s figures for the page’s scopes, under every filter dimension', async () => {
		const filters: Partial<Scope['filters']>[] = [
			{},
			{ office: ['Northside'] },
			{ office: ['Northside', 'Downtown'], priority: ['High'] },
			{ worker: ['Maria Gonzalez'] },
			{ case_type: ['Housing - Eviction'], status: [null, 'Open'] }
		];
		let sawValues = 0;
		for (const f of filters) {
			const s: Scope = { ...base, filters: { ...base.filters, ...f } };
			const figures = await crossCheck(
				dataset,
				comparedScopes(s),
				defaultSettings(),
				JSON.stringify(f)
			);
			await crossCheck(dataset, monthlyScopes(s), defaultSettings(), `${JSON.stringify(f)} months`);
			sawValues += OVERVIEW_IDS.filter(
				(id) => (figures[0][id] as ScalarResult).value !== null
			).length;
		}
		// Not vacuous: nearly every figure has a value somewhere.
		expect(sawValues).toBeGreaterThan(40);
	}, 300_000);

	it(
		"answers filter after filter from one cube, built in the page's steps, with the catalogue’s " +
			'figures',
		async () => {
			const context = metricContext(base, defaultSettings(), dataset);
			let built: OverviewCube | null = null;
			for (const step of cubeSteps(base)) built = await prepareCube(engine, context, step, built);
			const cube = built!;
			const ran: string[] = [];
			const watched = {
				...engine,
				query: (sql: string) => (ran.push(sql), engine.query(sql))
			} as Engine;
			const filters: Partial<Scope['filters']>[] = [
				{ office: ['Northside'] },
				{ worker: ['Maria Gonzalez'] },
				{},
				{ office: ['Downtown'], priority: ['High', null] },
				{ office: ['Northside'] }
			];
			for (const f of filters) {
				const s: Scope = { ...base, filters: { ...base.filters, ...f } };
				for (const group of [comparedScopes(s), monthlyScopes(s)]) {
					const fromCube = await computeOverview(
						watched,
						metricContext(s, defaultSettings(), dataset),
						group,
						cube
					);
					const reference = await computeForScopes(
						engine,
						metricContext(s, defaultSettings(), dataset),
						group,
						OVERVIEW_IDS
					);
					group.forEach((g, i) =>
						expectSame(fromCube[i], reference[i], `${JSON.stringify(f)} ${g.from}`)
					);
				}
			}
			// Every answer came from the cube, in one statement each.
			expect(ran).toHaveLength(filters.length * 2);
			expect(
				ran.every(
					(sql) => sql.startsWith(`/* cube ${cube.id} */`) && !sql.includes('overview_cases')
				)
			).toBe(true);
		},
		120_000
	);

	it('uses a cube only for the dates and settings it was built with', async () => {
		const context = metricContext(base, defaultSettings(), dataset);
		const cube = await prepareCube(engine, context, [base]);
		const other = { ...defaultSettings(), staleDays: defaultSettings().staleDays + 7 };
		expect(cubeCovers(cube, context, [base])).toBe(true);
		expect(cubeCovers(cube, context, [base, previousPeriod(base)])).toBe(false);
		expect(cubeCovers(cube, metricContext(base, other, dataset), [base])).toBe(false);
		// Asked with other settings, the figures come from the facts, under those settings.
		const ran: string[] = [];
		const watched = {
			...engine,
			query: (sql: string) => (ran.push(sql), engine.query(sql))
		} as Engine;
		const otherContext = metricContext(base, other, dataset);
		const [fast] = await computeOverview(watched, otherContext, [base], cube);
		const [reference] = await computeForScopes(engine, otherContext, [base], OVERVIEW_IDS);
		expectSame(fast, reference, 'other settings');
		expect(ran.some((sql) => sql.includes('overview_cube'))).toBe(false);
		// The stale count depends on that setting: the check above is not vacuous.
		const [withDefaults] = await computeForScopes(engine, context, [base], OVERVIEW_IDS);
		expect((reference.stale_cases as ScalarResult).value).not.toBe(
			(withDefaults.stale_cases as ScalarResult).value
		);
	}, 120_000);

	it('gives the catalogue’s figures for other periods, an as-of time of day and other settings', async () => {
		const end = base.asOf.slice(0, 10);
		const scopes: Scope[] = (['30d', '90d', 'quarter', 'ytd'] as const).map((p) => ({
			...base,
			...presetPeriod(p, end)
		}));
		scopes.push({
			...base,
			asOf: `${addDays(end, -40)} 13:30:00`,
			from: addDays(end, -200),
			to: addDays(end, -40)
		});
		const settings: Settings[] = [
			defaultSettings(),
			{ ...defaultSettings(), staleDays: 45.5, firstContactSlaDays: 2.5, defaultCapacity: 10 },
			{
				...defaultSettings(),
				staleDays: 14,
				caseWeights: { 'housing - eviction': 2, ' Family - Custody ': 0.5 },
				timeStandards: {
					...defaultSettings().timeStandards,
					byType: {
						'Housing - Eviction': [
							{ days: 30, target: 0.5 },
							{ days: 90, target: 0.8 },
							{ days: 120, target: 0.95 }
						]
					}
				}
			}
		];
		for (const [k, set] of settings.entries())
			await crossCheck(dataset, scopes, set, `settings ${k}`);
	}, 300_000);

	it('falls back to the catalogue for scopes with different filters', async () => {
		const other: Scope = { ...base, filters: { ...base.filters, office: ['Northside'] } };
		await crossCheck(dataset, [base, other], defaultSettings(), 'mixed filters');
	}, 120_000);
});

describe('real 311 exports (times of day, no goals, events or staff)', () => {
	it('gives the catalogue’s figures, and the same "not available" reasons', async () => {
		for (const file of ['baltimore_311_sample.csv', 'sf_311_sample.csv']) {
			const { dataset } = await importPaths(
				engine,
				{ cases: REAL + file },
				{ today: '2026-11-29' }
			);
			await prepareOverview(engine, dataset);
			const s = await defaultScope(engine, dataset);
			const timed: Scope = { ...s, asOf: `${s.asOf.slice(0, 10)} 08:15:00` };
			const fast = await crossCheck(
				dataset,
				[...comparedScopes(s), timed],
				defaultSettings(),
				file
			);
			expect((fast[0].goals_met_rate as ScalarResult).unavailable).toMatch(
				/not available: needs the goals file/
			);
			expect((fast[0].clearance_rate as ScalarResult).value).not.toBeNull();
		}
	}, 300_000);
});

/*
 * Stale cases and first contact at their boundaries, stale threshold 10 days, SLA 3 days, as of 2025-03-31:
 *   S1 opened 01-01, last event 03-21 (10 days: not more than 10)             fresh
 *   S2 opened 01-01, last event 03-20 (11 days)                                stale
 *   S3 opened 01-01, last activity 03-25 on the case, no event                 fresh
 *   S4 opened 03-22 (9 days old), no activity                                  fresh (too young)
 *   S5 opened 01-01, event 04-05 (after the as-of date), earlier one 02-01     stale
 *   S6 opened 01-01, closed 03-30                                              not open
 *   S7 opened 03-28, first contact 03-31 15:00                                 fresh (too young)
 * open S1 S2 S3 S4 S5 S7 = 6, stale S2 S5 = 2.
 * First contact (intake in March): S4 opened 03-22, contact event 03-25 (3 days): on time; S7 3 days:
 * on time. As of 03-31 12:00 the contact of S7 has not happened yet (its time of day counts, though
 * the events have none): 3 days waited, SLA still running, left out.
 */
const STALE: Fixture = {
	cases: [
		{ case_id: 'S1', opened_at: '2025-01-01', closed_at: null, last_activity_at: null },
		{ case_id: 'S2', opened_at: '2025-01-01', closed_at: null, last_activity_at: null },
		{ case_id: 'S3', opened_at: '2025-01-01', closed_at: null, last_activity_at: '2025-03-25' },
		{ case_id: 'S4', opened_at: '2025-03-22', closed_at: null, last_activity_at: null },
		{ case_id: 'S5', opened_at: '2025-01-01', closed_at: null, last_activity_at: null },
		{ case_id: 'S6', opened_at: '2025-01-01', closed_at: '2025-03-30', last_activity_at: null },
		{
			case_id: 'S7',
			opened_at: '2025-03-28',
			closed_at: null,
			last_activity_at: null,
			first_contact_at: '2025-03-31 15:00:00'
		}
	],
	events: [
		{ case_id: 'S1', kind: 'review', due_at: null, done_at: '2025-03-21' },
		{ case_id: 'S2', kind: 'review', due_at: null, done_at: '2025-03-20' },
		{ case_id: 'S4', kind: 'contact', due_at: null, done_at: '2025-03-25' },
		{ case_id: 'S5', kind: 'review', due_at: null, done_at: '2025-02-01' },
		{ case_id: 'S5', kind: 'review', due_at: null, done_at: '2025-04-05' }
	]
};

describe('hand-computed boundaries', () => {
	it(
		'counts stale cases and first contacts as the definitions say, and follows the data after a new ' +
			'import',
		async () => {
			const dataset = await loadFixture(engine, STALE);
			await prepareOverview(engine, dataset);
			const march = scope('2025-03-31', '2025-03-01', '2025-03-31');
			const settings = { staleDays: 10, firstContactSlaDays: 3 };
			const [r] = await computeOverview(engine, ctx(dataset, march, settings), [march]);
			expect(r.stale_cases).toMatchObject({ value: 2, n: 6 });
			expect(r.first_contact_on_time).toMatchObject({ value: 1, n: 2 });
			const noon = scope('2025-03-31 12:00:00', '2025-03-01', '2025-03-31');
			expect(
				(await computeOverview(engine, ctx(dataset, noon, settings), [noon]))[0]
					.first_contact_on_time
			).toMatchObject({ value: 1, n: 1 });
			await crossCheck(dataset, [march, noon], { ...defaultSettings(), ...settings }, 'fixture');
			// One day later S1 (11 days) is stale too; S4 is 10 days old, so still not.
			const later = scope('2025-04-01', '2025-03-01', '2025-04-01');
			expect(
				(await computeOverview(engine, ctx(dataset, later, settings), [later]))[0].stale_cases
			).toMatchObject({ value: 3, n: 6 });

			// New data: the facts follow once prepared again.
			const next = await loadFixture(engine, {
				cases: STALE.cases.slice(0, 2),
				events: STALE.events!.slice(0, 2)
			});
			await prepareOverview(engine, next);
			expect(
				(await computeOverview(engine, ctx(next, march, settings), [march]))[0].stale_cases
			).toMatchObject({ value: 1, n: 2 });
		},
		60_000
	);
});
