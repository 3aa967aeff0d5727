/**
 * Staleness, one way (src/lib/state/queue.ts): a request carries its key; once the key a new request
 * would carry differs, the old request's statements stop and its result is dropped. On the real
 * duckdb-wasm core.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import { enqueue, queuedEngine, request, Superseded } from '../../../src/lib/state/queue';

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

	it('runs a view statement before the background ones waiting, after the one running', async () => {
		const order: string[] = [];
		let release!: () => void;
		const held = new Promise<void>((r) => (release = r));
		// A background statement in flight, two more waiting; then a view statement (a filter change).
		const running = enqueue(async () => {
			order.push('background 1 starts');
			await held;
			order.push('background 1 ends');
		}, 'background');
		const cube = request('dates', () => 'dates', 'background');
		const later = [
			queuedEngine(engine, cube).query('SELECT 2 AS n'),
			queuedEngine(engine, cube).query('SELECT 3 AS n')
		];
		later.forEach((p, i) => p.then(() => order.push(`background ${i + 2}`)));
		const view = queuedEngine(
			engine,
			request('scope', () => 'scope')
		).query('SELECT 1 AS n');
		view.then(() => order.push('view'));
		await new Promise((r) => setTimeout(r, 20));
		expect(order).toEqual(['background 1 starts']);
		release();
		expect(await view).toEqual([{ n: 1 }]);
		expect(await Promise.all(later)).toEqual([[{ n: 2 }], [{ n: 3 }]]);
		await running;
		expect(order).toEqual([
			'background 1 starts',
			'background 1 ends',
			'view',
			'background 2',
			'background 3'
		]);
	});

	it('keeps the order of view statements, and a failed one does not stop the queue', async () => {
		const queued = queuedEngine(engine);
		const results = await Promise.allSettled([
			queued.query('SELECT 1 AS n'),
			queued.query('SELECT * FROM no_such_table'),
			queued.query('SELECT 3 AS n')
		]);
		expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		expect((results[2] as PromiseFulfilledResult<unknown>).value).toEqual([{ n: 3 }]);
	});
});
