// Imported up front, not on demand: the database's worker then starts the moment the app does.
import { createBrowserEngine } from '../engine/browser';
import type { Engine } from '../engine/types';
import { ensureModel } from '../import/import';
import { summarise, type DataSummary } from '../import/summary';
import { EMPTY_DATASET, type DatasetInfo } from '../model/dataset';

export type DataOrigin = 'none' | 'sample' | 'files';

/**
 * The loaded data: one DuckDB engine per tab, the dataset it holds, and its version. Pages read
 * it; the import flow (import-flow.svelte.ts) and the stored workspace (persistence.svelte.ts)
 * change it, only through `adopt`.
 */
class Workspace {
	engine = $state.raw<Engine | null>(null);
	status = $state<'starting' | 'ready' | 'failed'>('starting');
	startError = $state<string | null>(null);
	dataset = $state.raw<DatasetInfo>(EMPTY_DATASET);
	summary = $state.raw<DataSummary | null>(null);
	/** Where the loaded data came from: the bundled sample or the user's files. */
	origin = $state<DataOrigin>('none');
	/** Increases with every change of data: the key of every request computed from it (queue.ts). */
	version = $state(0);
	private starting: Promise<Engine> | null = null;

	/** Starts DuckDB and its tables once; later calls wait for the same start. */
	start(): Promise<Engine> {
		this.starting ??= (async () => {
			try {
				performance.mark('start:begin');
				const engine = await createBrowserEngine();
				performance.mark('start:engine');
				await ensureModel(engine);
				performance.mark('start:model');
				this.engine = engine;
				this.status = 'ready';
				return engine;
			} catch (error) {
				// The layout shows this in place of every page.
				this.status = 'failed';
				this.startError = error instanceof Error ? error.message : String(error);
				throw error;
			}
		})();
		return this.starting;
	}

	/** Makes tables just imported the loaded data: their summary, then a new version for every view. */
	async adopt(engine: Engine, dataset: DatasetInfo, origin: DataOrigin): Promise<void> {
		// The summary first, then everything at once: a view seeing the new tables under the old
		// version would query them for nothing, beside the summary, holding the new data back.
		const summary = await summarise(engine);
		this.dataset = dataset;
		this.origin = origin;
		this.summary = summary;
		this.version++;
	}
}

export const workspace = new Workspace();
