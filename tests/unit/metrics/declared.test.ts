/**
 * A measure declared once (headline/measure.ts) and read through all three paths: a catalogue entry
 * generated from the declaration (facts inlined from the loaded tables), the overview's facts and
 * the cube. On seeded data the three agree with each other and with the definition computed here in
 * plain JavaScript; changing the declaration changes all three alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import type { DatasetInfo } from '../../../src/lib/model/dataset';
import { declaredEntry } from '../../../src/lib/metrics/headline/entry';
import { metricEntry } from '../../../src/lib/metrics/catalogue';
import { closedIn } from '../../../src/lib/metrics/headline/facts';
import { ratio, type Measure } from '../../../src/lib/metrics/headline/measure';
import {
	computeMeasures,
	prepareMeasuresCube,
	prepareOverview
} from '../../../src/lib/metrics/overview';
import { computeEntries } from '../../../src/lib/metrics/run';
import { num } from '../../../src/lib/metrics/sql';
import type { Scope } from '../../../src/lib/metrics/scope';
import type { ScalarResult } from '../../../src/lib/metrics/types';
import { ctx, loadFixture, scope, type FixtureRow } from './fixture';

let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
}, 60_000);
afterAll(async () => engine.close());

/** Test-only: of the cases closed in the period, the share closed within `days` days, and their median. */
function quickClose(days: number): Measure[] {
	const closed = {
		kind: 'count',
		where: (c, s) => [closedIn(c.dataset, s)]
	} as const satisfies Measure['parts'][string];
	return [
		{
			id: 'test_quick_close',
			source: 'cases',
			parts: {
				test_closed: closed,
				test_quick: {
					kind: 'count',
					where: (c, s) => [closedIn(c.dataset, s), `dur <= ${num(days)}`]
				}
			},
			read: (p) => ({ value: ratio(p('test_quick'), p('test_closed')), n: p('test_closed') ?? 0 })
		},
		{
			id: 'test_quick_median',
			source: 'cases',
			parts: {
				test_closed: closed,
				test_quick_dur: {
					kind: 'median',
					value: 'dur',
					where: (c, s) => [closedIn(c.dataset, s), `dur <= ${num(days)}`]
				}
			},
			read: (p) => ({ value: p('test_quick_dur'), n: p('test_closed') ?? 0 })
		}
	];
}

/** 300 cases from a fixed seed: opened in 2025, a third still open, whole days, two offices. */
function seededCases(): FixtureRow[] {
	let x = 20251206;
	const next = () => ((x = (x * 1103515245 + 12345) % 2147483648), x / 2147483648);
	const day = (n: number) =>
		new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
	return Array.from({ length: 300 }, (_, i) => {
		const opened = Math.floor(next() * 330);
		const open = next() < 1 / 3;
		return {
			case_id: `c${i}`,
			office: next() < 0.5 ? 'North' : 'South',
			opened_at: day(opened),
			closed_at: open ? null : day(opened + Math.floor(next() * 60))
		};
	});
}

/** The definition in plain JavaScript: closed in the period and by the as-of date, days to close. */
function expected(cases: FixtureRow[], s: Scope, days: number, office?: string) {
	const durations = cases
		.filter((c) => !office || c.office === office)
		.filter(
			(c) =>
				c.closed_at !== null && (c.closed_at as string) >= s.from && (c.closed_at as string) <= s.to
		)
		.filter((c) => (c.closed_at as string) <= s.asOf)
		.map(
			(c) => (Date.parse(c.closed_at as string) - Date.parse(c.opened_at as string)) / 86_400_000
		);
	const quick = durations.filter((d) => d <= days).sort((a, b) => a - b);
	const mid = (quick.length - 1) / 2;
	const median = quick.length ? (quick[Math.floor(mid)] + quick[Math.ceil(mid)]) / 2 : null;
	return {
		n: durations.length,
		share: durations.length ? quick.length / durations.length : null,
		median
	};
}

describe('a measure declared once', () => {
	let dataset: DatasetInfo;
	let cases: FixtureRow[];
	beforeAll(async () => {
		cases = seededCases();
		dataset = await loadFixture(engine, { cases });
		await prepareOverview(engine, dataset);
	});

	async function threePaths(measures: Measure[], scopes: Scope[]) {
		const entries = measures.map((m) =>
			declaredEntry(m, {
				area: 'resolution',
				title: m.id,
				definition: '',
				formula: '',
				source: 'test',
				needs: [],
				unit: 'share',
				polarity: 'neutral'
			})
		);
		const catalogue = [];
		for (const s of scopes) catalogue.push(await computeEntries(engine, ctx(dataset, s), entries));
		const c = ctx(dataset, scopes[0]);
		const facts = await computeMeasures(engine, c, scopes, measures);
		const cube = await prepareMeasuresCube(engine, c, scopes, measures);
		const fromCube = await computeMeasures(engine, c, scopes, measures, cube);
		return { catalogue, facts, fromCube };
	}

	for (const days of [7, 30]) {
		it(`within ${days} days: catalogue, facts and cube give the definition's figures`, async () => {
			const measures = quickClose(days);
			const scopes = [
				scope('2025-09-30', '2025-04-01', '2025-09-30'),
				scope('2025-06-15', '2025-01-01', '2025-06-30'),
				scope('2025-09-30', '2025-04-01', '2025-09-30', { office: ['North'] })
			];
			// Filters are shared within one overview statement: the filtered scope goes on its own.
			for (const group of [scopes.slice(0, 2), scopes.slice(2)]) {
				const { catalogue, facts, fromCube } = await threePaths(measures, group);
				group.forEach((s, i) => {
					const want = expected(cases, s, days, s.filters.office[0] ?? undefined);
					expect(want.n).toBeGreaterThan(20);
					const share = catalogue[i].test_quick_close as ScalarResult;
					const median = catalogue[i].test_quick_median as ScalarResult;
					expect(share.error).toBeUndefined();
					expect(share.n).toBe(want.n);
					expect(share.value).toBeCloseTo(want.share as number, 12);
					expect(median.value).toBe(want.median);
					for (const path of [facts[i], fromCube[i]]) {
						expect(path.test_quick_close).toEqual({ value: share.value, n: share.n });
						expect(path.test_quick_median).toEqual({ value: median.value, n: median.n });
					}
				});
			}
		});
	}

	it('a change to the declaration changes all three alike', async () => {
		const s = scope('2025-09-30', '2025-04-01', '2025-09-30');
		const week = await threePaths(quickClose(7), [s]);
		const month = await threePaths(quickClose(30), [s]);
		const pick = (r: {
			catalogue: Record<string, unknown>[];
			facts: Record<string, unknown>[];
			fromCube: Record<string, unknown>[];
		}) =>
			[r.catalogue[0], r.facts[0], r.fromCube[0]].map(
				(x) => (x.test_quick_close as { value: number }).value
			);
		const [a, b] = [pick(week), pick(month)];
		expect(new Set(a).size).toBe(1);
		expect(new Set(b).size).toBe(1);
		expect(b[0]).toBeGreaterThan(a[0]);
	});

	it('a headline entry reads its value, n and detail from its declared parts', () => {
		const c = ctx(dataset, scope('2025-09-30', '2025-04-01', '2025-09-30'));
		const read = (id: string, row: Record<string, unknown>) => metricEntry(id).read([row], c);
		// Clearance: closed / opened, n = opened.
		expect(read('clearance_rate', { s0_opened: 8n, s0_closed: 6 })).toEqual({
			value: 0.75,
			n: 8,
			detail: { opened: 8, closed: 6 }
		});
		expect(read('clearance_rate', { s0_opened: 0, s0_closed: 2 })).toMatchObject({
			value: null,
			n: 0
		});
		// First contact: on time / (contacted + no contact); late = contacted - on time.
		expect(
			read('first_contact_on_time', {
				s0_contacted: 3,
				s0_on_time: 2,
				s0_no_contact: 1,
				s0_waiting: 4
			})
		).toEqual({ value: 0.5, n: 4, detail: { on_time: 2, late: 1, no_contact: 1, waiting: 4 } });
	});
});
