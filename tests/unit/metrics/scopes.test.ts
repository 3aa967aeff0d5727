import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import { importPaths } from '../../../src/lib/import/node';
import { CATALOGUE } from '../../../src/lib/metrics/catalogue';
import { computeEntries, computeForScopes, metricContext } from '../../../src/lib/metrics/run';
import {
	defaultScope,
	previousPeriod,
	yearEarlier,
	type Scope
} from '../../../src/lib/metrics/scope';
import { DEFAULT_SETTINGS } from '../../../src/lib/metrics/settings';
import type { MetricContext } from '../../../src/lib/metrics/types';
import { monthlyScopes } from '../../../src/lib/metrics/periods';

const SAMPLE = new URL('../../../sample-data/', import.meta.url).pathname;
let engine: Engine;
let ctx: MetricContext;
beforeAll(async () => {
	engine = await createNodeEngine();
	const { dataset } = await importPaths(engine, {
		cases: SAMPLE + 'cases.csv',
		goals: SAMPLE + 'goals.csv',
		events: SAMPLE + 'events.csv',
		staff: SAMPLE + 'staff.csv'
	});
	ctx = metricContext(await defaultScope(engine, dataset), DEFAULT_SETTINGS, dataset);
}, 120_000);
afterAll(async () => engine.close());

describe('one query per metric for many scopes', () => {
	it('gives every scope exactly what computing it alone gives, for the whole catalogue', async () => {
		const office: Scope = {
			...ctx.scope,
			filters: { ...ctx.scope.filters, office: ['Northside'] }
		};
		const scopes = [
			ctx.scope,
			previousPeriod(ctx.scope),
			yearEarlier(ctx.scope),
			office,
			...monthlyScopes(ctx.scope)
		];
		const ids = CATALOGUE.map((e) => e.id);
		const sent: string[] = [];
		const recording: Engine = { ...engine, query: (sql) => (sent.push(sql), engine.query(sql)) };
		const batched = await computeForScopes(recording, ctx, scopes, ids);
		expect(batched).toHaveLength(scopes.length);
		// At most three scopes per query (memory: a UNION ALL keeps every branch's intermediates).
		const branches = sent.map((q) => q.split('AS _cm_scope').length - 1);
		expect(Math.max(...branches)).toBe(3);
		expect(sent.length).toBeLessThan((scopes.length * ids.length) / 2);
		for (const [i, scope] of scopes.entries()) {
			expect(batched[i]).toEqual(await computeEntries(engine, { ...ctx, scope }, CATALOGUE));
		}
		// Not vacuous: the scopes really differ.
		expect(batched[0].opened).not.toEqual(batched[1].opened);
	}, 300_000);
});
