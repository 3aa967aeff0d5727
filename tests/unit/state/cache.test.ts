import { describe, expect, it } from 'vitest';
import type { Engine, Row } from '../../../src/lib/engine/types';
import { cachedEngine } from '../../../src/lib/state/queue';

/** An engine that answers with how many times it was asked, so cache hits are visible. */
function countingEngine(): Engine & { asked: string[] } {
	const asked: string[] = [];
	return {
		runtime: 'node',
		asked,
		async query<T extends Row = Row>(sql: string) {
			asked.push(sql);
			return [{ n: asked.length }] as unknown as T[];
		},
		async exec() {},
		async registerFile() {},
		async dropFile() {},
		async insertArrow() {},
		async cancel() {
			return false;
		},
		async close() {}
	};
}

describe('metric results cached by SQL text per data version', () => {
	it('answers repeated SQL from the cache, and asks again after the data changed', async () => {
		const engine = countingEngine();
		const v1 = cachedEngine(engine, 101);
		expect(await v1.query('SELECT 1')).toEqual([{ n: 1 }]);
		expect(await v1.query('SELECT 2')).toEqual([{ n: 2 }]);
		expect(await cachedEngine(engine, 101).query('SELECT 1')).toEqual([{ n: 1 }]);
		expect(engine.asked).toEqual(['SELECT 1', 'SELECT 2']);
		expect(await cachedEngine(engine, 102).query('SELECT 1')).toEqual([{ n: 3 }]);
		expect(engine.asked).toEqual(['SELECT 1', 'SELECT 2', 'SELECT 1']);
	});
});
