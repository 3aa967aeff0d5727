/**
 * One DuckDB connection answers one statement at a time, and a dashboard asks many at once. This
 * wraps the engine so that statements run one after another, and so that a view's older request
 * (the scope changed meanwhile) stops at its next statement instead of keeping the database busy.
 */
import type { Engine, Row } from '../engine/types';

export class Superseded extends Error {
	constructor() {
		super('superseded by a newer request');
	}
}

let chain: Promise<unknown> = Promise.resolve();

/** Runs `task` after every task queued before it. */
export function enqueue<T>(task: () => Promise<T>): Promise<T> {
	const run = chain.then(task, task);
	chain = run.catch(() => undefined);
	return run;
}

/** An engine whose statements are queued, and fail with `Superseded` once `alive()` is false. */
export function queuedEngine(engine: Engine, alive: () => boolean = () => true): Engine {
	return {
		...engine,
		runtime: engine.runtime,
		query<T extends Row = Row>(sql: string): Promise<T[]> {
			return enqueue(() => (alive() ? engine.query<T>(sql) : Promise.reject(new Superseded())));
		},
		exec(sql: string): Promise<void> {
			return enqueue(() => (alive() ? engine.exec(sql) : Promise.reject(new Superseded())));
		}
	};
}

/** Keyed generations: starting a new request for a key makes the older one's `alive()` false. */
const generations = new Map<string, number>();
export function generation(key: string): () => boolean {
	const n = (generations.get(key) ?? 0) + 1;
	generations.set(key, n);
	return () => generations.get(key) === n;
}

/**
 * Metric results by SQL text, for one version of the loaded data: going back to a page or to an
 * earlier filter answers at once. The SQL text holds the whole scope and settings, so equal text
 * means an equal answer. Rows are shared: readers must not change them.
 */
const results = new Map<string, Row[]>();
let resultsVersion = -1;
const MAX_RESULTS = 600;

export function cachedEngine(engine: Engine, dataVersion: number): Engine {
	if (dataVersion !== resultsVersion) {
		results.clear();
		resultsVersion = dataVersion;
	}
	return {
		...engine,
		async query<T extends Row = Row>(sql: string): Promise<T[]> {
			const hit = results.get(sql);
			if (hit) return hit as T[];
			const rows = await engine.query<T>(sql);
			if (resultsVersion === dataVersion) {
				if (results.size >= MAX_RESULTS) results.delete(results.keys().next().value!);
				results.set(sql, rows);
			}
			return rows;
		}
	};
}
