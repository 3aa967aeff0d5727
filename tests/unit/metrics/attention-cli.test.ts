/**
 * The seeded needs-attention cases written as CSV exports at test time and run through the command
 * line: its JSON carries the six counts and their overdue / due-soon splits worked out by hand in
 * attention-seed.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../scripts/metrics';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import type { ScalarResult } from '../../../src/lib/metrics/types';
import { AS_OF, SEED } from './attention-seed';

/** Headers as a case system writes them (the importer does not take every canonical name as a header). */
const HEADERS: Record<string, string> = {
	last_activity_at: 'Last activity date',
	target_at: 'Target date',
	achieved_at: 'Achieved date'
};
const exportNames = (row: Record<string, unknown>) =>
	Object.fromEntries(Object.entries(row).map(([k, v]) => [HEADERS[k] ?? k, v]));

let engine: Engine;
let dir: string;
beforeAll(async () => {
	engine = await createNodeEngine();
	dir = mkdtempSync(join(tmpdir(), 'attention-'));
	for (const table of ['cases', 'events', 'goals'] as const)
		writeFileSync(join(dir, `${table}.csv`), Papa.unparse((SEED[table] ?? []).map(exportNames)));
});
afterAll(async () => {
	await engine.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('needs attention in the command line JSON', () => {
	it('prints the seeded counts, overdue and due soon', async () => {
		let out = '';
		let err = '';
		const io = { out: (t: string) => (out += t), err: (t: string) => (err += t) };
		const files = ['cases', 'events', 'goals'].flatMap((t) => [`--${t}`, join(dir, `${t}.csv`)]);
		expect(await main([...files, '--as-of', AS_OF, '--json'], io, { engine }), err).toBe(0);
		const printed = JSON.parse(out) as Record<string, ScalarResult>;
		const split = (id: string) => [
			printed[id].value,
			printed[id].detail?.overdue,
			printed[id].detail?.due_soon
		];
		expect({
			deadline: split('attention_deadline_due'),
			standard: split('attention_standard_breach'),
			review: split('attention_review_due'),
			firstContact: split('attention_first_contact_due'),
			stale: split('attention_stale'),
			goal: split('attention_goal_overdue')
		}).toEqual({
			deadline: [4, 2, 2],
			standard: [2, 1, 1],
			review: [2, 2, 0],
			firstContact: [2, 1, 1],
			stale: [2, 1, 1],
			goal: [3, 2, 1]
		});
		expect(printed.attention_stale.n).toBe(11);
	});
});
