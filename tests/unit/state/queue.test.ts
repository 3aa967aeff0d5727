/**
 * Staleness, one way (src/lib/state/queue.ts): a request carries its key; once the key a new request
 * would carry differs, the old request's statements stop and its result is dropped. On the real
 * duckdb-wasm core.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import { queuedEngine, request, Superseded } from '../../../src/lib/state/queue';

let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
});
afterAll(async () => engine?.close());

describe('requests keyed by what they are for', () => {
	it('is current while the key now is its own, and stale after', () => {
		let version = 3;
		const now = () => `v${version}`;
		const r = request(now(), now);
		expect(r.key).toBe('v3');
		expect(r.current()).toBe(true);
		version = 4;
		expect(r.current()).toBe(false);
		// Back to the same key: the same answer again, so current again.
		version = 3;
		expect(r.current()).toBe(true);
	});

	it("runs a current request's statements in order, and stops a stale one at its next statement", async () => {
		let asked = 'scope A';
		const a = request('scope A', () => asked);
		const queued = queuedEngine(engine, a);
		expect(await queued.query('SELECT 6 * 7 AS n')).toEqual([{ n: 42 }]);
		asked = 'scope B';
		await expect(queued.query('SELECT 1 AS n')).rejects.toBeInstanceOf(Superseded);
		await expect(queued.exec('CREATE TABLE never_made (x INTEGER)')).rejects.toBeInstanceOf(
			Superseded
		);
		expect(
			await engine.query(
				"SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = 'never_made'"
			)
		).toEqual([{ n: 0 }]);
		// A request for the new key runs on the same queue.
		const b = request('scope B', () => asked);
		expect(await queuedEngine(engine, b).query('SELECT 2 AS n')).toEqual([{ n: 2 }]);
	});
});
