/**
 * The eleven headline figures are each declared once (headline/measures.ts): the catalogue's entry,
 * the overview's facts and its cube all compute them from that declaration. On seeded data the
 * three agree for every figure, three of them also with their definition computed here in plain
 * JavaScript; and an edit of one declaration, made in place, changes what all three answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import type { DatasetInfo } from '../../../src/lib/model/dataset';
import { OVERVIEW_IDS } from '../../../src/lib/metrics/catalogue';
import { HEADLINE_MEASURES } from '../../../src/lib/metrics/headline/measures';
import type { PartDecl } from '../../../src/lib/metrics/headline/measure';
import { computeOverview, prepareCube, prepareOverview } from '../../../src/lib/metrics/overview';
import { computeMetrics } from '../../../src/lib/metrics/run';
import type { Scope } from '../../../src/lib/metrics/scope';
import type { MetricResult, ScalarResult } from '../../../src/lib/metrics/types';
import { ctx, loadFixture, scope, type Fixture, type FixtureRow } from './fixture';

let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
}, 60_000);
afterAll(async () => engine.close());

const DAY = 86_400_000;
const day = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * DAY).toISOString().slice(0, 10);
const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / DAY;

/**
 * 400 cases from a fixed seed, opened over 2024-2025 (whole days), a third still open, in two
 * offices, two case types and five workers; contact and deadline events, goals with scores.
 */
function seeded(): Fixture {
	let x = 16;
	const next = () => ((x = (x * 1103515245 + 12345) % 2147483648), x / 2147483648);
	const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)];
	const cases: FixtureRow[] = [];
	const events: FixtureRow[] = [];
	const goals: FixtureRow[] = [];
	for (let i = 0; i < 400; i++) {
		const opened = Math.floor(next() * 700);
		const open = next() < 1 / 3;
		const id = `c${i}`;
		cases.push({
			case_id: id,
			office: pick(['North', 'South']),
			case_type: pick(['A', 'B']),
			worker: pick(['w1', 'w2', 'w3', 'w4', 'w5']),
			opened_at: day(opened),
			closed_at: open ? null : day(opened + Math.floor(next() * 120)),
			first_contact_at: next() < 0.5 ? day(opened + Math.floor(next() * 7)) : null,
			last_activity_at: next() < 0.5 ? day(opened + Math.floor(next() * 200)) : null
		});
		if (next() < 0.5)
			events.push({ case_id: id, kind: 'contact', done_at: day(opened + Math.floor(next() * 6)) });
		const due = opened + Math.floor(next() * 90);
		const done = next() < 0.2 ? null : due - 10 + Math.floor(next() * 20);
		events.push({
			case_id: id,
			kind: 'deadline',
			due_at: day(due),
			done_at: done === null ? null : day(done)
		});
		if (next() < 0.6)
			goals.push({
				case_id: id,
				goal_id: `g${i}`,
				target_at: day(opened + 30 + Math.floor(next() * 60)),
				achieved_at: next() < 0.5 ? day(opened + Math.floor(next() * 100)) : null,
				gas_score: Math.floor(next() * 5) - 2
			});
	}
	return { cases, events, goals };
}

/** Plain JavaScript from the definitions (docs/metrics.md), date-only: a date <= as-of was known at it. */
function byDefinition(f: Fixture, s: Scope) {
	const inPeriod = (d: unknown) => typeof d === 'string' && d >= s.from && d <= s.to;
	const known = (d: unknown) => typeof d === 'string' && d <= s.asOf;
	const cases = f.cases.filter((c) => known(c.opened_at));
	const opened = cases.filter((c) => inPeriod(c.opened_at)).length;
	const closed = cases
		.filter((c) => inPeriod(c.closed_at) && known(c.closed_at))
		.map((c) => days(c.opened_at as string, c.closed_at as string))
		.sort((a, b) => a - b);
	const mid = (closed.length - 1) / 2;
	const ids = new Set(cases.map((c) => c.case_id));
	const deadlines = (f.events ?? []).filter(
		(e) => e.kind === 'deadline' && ids.has(e.case_id) && inPeriod(e.due_at) && known(e.due_at)
	);
	const doneByAsOf = deadlines.filter((e) => known(e.done_at));
	const met = doneByAsOf.filter((e) => (e.done_at as string) <= (e.due_at as string)).length;
	return {
		clearance_rate: { value: opened ? closed.length / opened : null, n: opened },
		days_to_close_median: {
			value: closed.length ? (closed[Math.floor(mid)] + closed[Math.ceil(mid)]) / 2 : null,
			n: closed.length
		},
		deadlines_met_rate: {
			value: deadlines.length ? met / deadlines.length : null,
			n: deadlines.length,
			detail: {
				met,
				late: doneByAsOf.length - met,
				not_done: deadlines.length - doneByAsOf.length
			}
		}
	};
}

type Results = Record<string, MetricResult>;

/** Every headline figure by the three paths, for scopes that share their filters. */
async function threePaths(dataset: DatasetInfo, scopes: Scope[]) {
	const c = ctx(dataset, scopes[0]);
	const catalogue: Results[] = [];
	for (const s of scopes)
		catalogue.push(await computeMetrics(engine, ctx(dataset, s), OVERVIEW_IDS));
	const facts: Results[] = await computeOverview(engine, c, scopes);
	const cube = await prepareCube(engine, c, scopes);
	const fromCube: Results[] = await computeOverview(engine, c, scopes, cube);
	return { catalogue, facts, fromCube };
}

function expectSame(a: MetricResult, b: MetricResult, label: string): void {
	const [x, y] = [a as ScalarResult, b as ScalarResult];
	// A fast path that failed would have fallen back to the catalogue: it must not have.
	expect(x.detail?.fallback, label).toBeUndefined();
	expect(x.error ?? y.error, label).toBeUndefined();
	expect(x.unavailable, label).toBe(y.unavailable);
	expect(x.n, label).toBe(y.n);
	if (x.value === null || y.value === null) expect(x.value, label).toBe(y.value);
	else
		expect(Math.abs(x.value - y.value), label).toBeLessThanOrEqual(
			1e-9 * Math.max(1, Math.abs(y.value))
		);
}

describe('the headline figures, declared once', () => {
	const fixture = seeded();
	let dataset: DatasetInfo;
	beforeAll(async () => {
		dataset = await loadFixture(engine, fixture);
		await prepareOverview(engine, dataset);
	});

	const groups = [
		[
			scope('2025-09-30', '2025-04-01', '2025-09-30'),
			scope('2025-06-15', '2025-01-01', '2025-06-30')
		],
		[scope('2025-09-30', '2025-04-01', '2025-09-30', { office: ['North'] })]
	];

	it('catalogue, facts and cube agree on every figure; three also with their definition', async () => {
		for (const scopes of groups) {
			const { catalogue, facts, fromCube } = await threePaths(dataset, scopes);
			scopes.forEach((s, i) => {
				const where = `${s.from}..${s.to} as of ${s.asOf} ${s.filters.office.join('')}`;
				const withData = OVERVIEW_IDS.filter(
					(id) => ((catalogue[i][id] as ScalarResult).n ?? 0) > 0
				);
				expect(withData, where).toEqual([...OVERVIEW_IDS]);
				for (const id of OVERVIEW_IDS) {
					expectSame(facts[i][id], catalogue[i][id], `${where} facts ${id}`);
					expectSame(fromCube[i][id], catalogue[i][id], `${where} cube ${id}`);
				}
				const office = s.filters.office[0];
				const cases = fixture.cases.filter((c) => !office || c.office === office);
				const ids = new Set(cases.map((c) => c.case_id));
				const want = byDefinition(
					{ cases, events: fixture.events?.filter((e) => ids.has(e.case_id)) },
					s
				);
				for (const [id, w] of Object.entries(want)) {
					const got = catalogue[i][id] as ScalarResult;
					expect(got.n, `${where} ${id}`).toBe(w.n);
					expect(got.value, `${where} ${id}`).toBeCloseTo(w.value as number, 12);
				}
				expect((catalogue[i].deadlines_met_rate as ScalarResult).detail).toEqual(
					want.deadlines_met_rate.detail
				);
			});
		}
	});

	it('an edit of a declaration changes the catalogue, the facts and the cube alike', async () => {
		const s = scope('2025-09-30', '2025-04-01', '2025-09-30');
		const before = await threePaths(dataset, [s]);
		// Edit in place, as a change to headline/measures.ts would: opened counts case type A only.
		const clearance = HEADLINE_MEASURES.find((m) => m.id === 'clearance_rate');
		if (!clearance) throw new Error('no clearance_rate measure');
		const opened = clearance.parts.opened as Extract<PartDecl, { kind: 'count' }>;
		clearance.parts.opened = {
			kind: 'count',
			where: (c, sc, i) => [...opened.where(c, sc, i), "case_type = 'A'"]
		};
		let after: Awaited<ReturnType<typeof threePaths>>;
		try {
			after = await threePaths(dataset, [s]);
		} finally {
			clearance.parts.opened = opened;
		}
		const known = fixture.cases.filter((c) => (c.opened_at as string) <= s.asOf);
		const openedA = known.filter(
			(c) =>
				c.case_type === 'A' && (c.opened_at as string) >= s.from && (c.opened_at as string) <= s.to
		).length;
		const closed = (before.catalogue[0].clearance_rate as ScalarResult).detail?.closed as number;
		expect(closed).toBeGreaterThan(20);
		expect(openedA).toBeLessThan((before.catalogue[0].clearance_rate as ScalarResult).n as number);
		for (const path of [after.catalogue, after.facts, after.fromCube]) {
			const r = path[0].clearance_rate as ScalarResult;
			expect(r.detail?.fallback).toBeUndefined();
			expect(r.n).toBe(openedA);
			expect(r.value).toBeCloseTo(closed / openedA, 12);
		}
		// The other figures are untouched.
		for (const id of OVERVIEW_IDS.filter((x) => x !== 'clearance_rate'))
			expectSame(after.facts[0][id], before.facts[0][id], `after the edit: ${id}`);
	});
});
