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

/**
 * What a statement is for: `view` answers what is on screen (a page's figures, after a filter change
 * too); `background` prepares or adds to it (the overview's cube, sparklines, rank tests) and runs only when
 * no view statement waits, so that a filter change waits for one statement at most, never for a
 * queue of them.
 */
export type Priority = 'view' | 'background';

const waiting: Record<Priority, (() => Promise<unknown>)[]> = { view: [], background: [] };
let running = false;

function pump(): void {
	if (running) return;
	const next = waiting.view.shift() ?? waiting.background.shift();
	if (!next) return;
	running = true;
	void next().finally(() => {
		running = false;
		pump();
	});
}

/** Runs `task` after the tasks of its priority queued before it; a view task also before waiting background tasks. */
export function enqueue<T>(task: () => Promise<T>, priority: Priority = 'view'): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		waiting[priority].push(() => {
			// Started on its own microtask, as a chained task would be; its failure stays the caller's.
			const run = Promise.resolve().then(task);
			run.then(resolve, reject);
			return run.catch(() => undefined);
		});
		pump();
	});
}

/**
 * Staleness, handled one way: a request carries its key (what its result is for: a data version, a
 * scope, a run of a view), and `now()` gives the key a request made at this moment would carry.
 * Once they differ, the request is stale: its queued statements stop and its result is dropped.
 */
export interface Request {
	readonly key: string;
	readonly priority: Priority;
	current(): boolean;
}

export function request(key: string, now: () => string, priority: Priority = 'view'): Request {
	return { key, priority, current: () => now() === key };
}

/** An engine whose statements are queued, and fail with `Superseded` once the request is stale. */
export function queuedEngine(engine: Engine, request?: Request): Engine {
	const run = <T>(task: () => Promise<T>) =>
		enqueue(
			() => (request && !request.current() ? Promise.reject(new Superseded()) : task()),
			request?.priority
		);
	return {
		...engine,
		runtime: engine.runtime,
		query: <T extends Row = Row>(sql: string) => run(() => engine.query<T>(sql)),
		exec: (sql: string) => run(() => engine.exec(sql))
	};
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
