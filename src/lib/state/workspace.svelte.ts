import type { Engine } from '../engine/types';
import { EMPTY_DATASET, type DatasetInfo } from '../model/dataset';
import { ImportCancelled, ImportError } from '../import/errors';
import { completeImport, discardFiles, ensureModel, stageFiles, type ImportProgress, type ImportResult } from '../import/import';
import type { Mapping } from '../import/mapping';
import { profileFromMapping, type ImportProfile } from '../import/profiles';
import type { InputFile, StagedFile } from '../import/stage';
import { summarise, type DataSummary } from '../import/summary';
import { load, save } from './storage';

/** Where an import stands: the page shows one screen per phase. */
export type ImportPhase =
	| { name: 'idle' }
	| { name: 'working'; progress: ImportProgress }
	| { name: 'mapping'; staged: StagedFile[]; mappings: Mapping[] }
	| { name: 'done'; result: ImportResult }
	| { name: 'failed'; message: string; file?: string; hint?: string };

/**
 * The loaded data and the import in progress: one DuckDB engine per tab, the dataset it holds,
 * and what the import screens show. Pages read it; only its methods change it.
 */
class Workspace {
	engine = $state.raw<Engine | null>(null);
	status = $state<'starting' | 'ready' | 'failed'>('starting');
	startError = $state<string | null>(null);
	dataset = $state.raw<DatasetInfo>(EMPTY_DATASET);
	summary = $state.raw<DataSummary | null>(null);
	/** Where the loaded data came from: the bundled sample or the user's files. */
	origin = $state<'none' | 'sample' | 'files'>('none');
	/** Increases with every change of data, so that views re-query. */
	version = $state(0);
	phase = $state.raw<ImportPhase>({ name: 'idle' });
	profiles = $state.raw<ImportProfile[]>(load<ImportProfile[]>('profiles', []));
	private abort: AbortController | null = null;
	private starting: Promise<Engine> | null = null;

	/** Starts DuckDB once; later calls wait for the same start. */
	start(): Promise<Engine> {
		this.starting ??= (async () => {
			try {
				const { createBrowserEngine } = await import('../engine/browser');
				const engine = await createBrowserEngine();
				await ensureModel(engine);
				this.engine = engine;
				this.status = 'ready';
				return engine;
			} catch (error) {
				this.status = 'failed';
				this.startError = error instanceof Error ? error.message : String(error);
				throw error;
			}
		})();
		return this.starting;
	}

	get busy(): boolean {
		return this.phase.name === 'working';
	}

	/** Step one: read the files and propose mappings (or import at once when every file matched a saved profile). */
	async stage(files: InputFile[], origin: 'sample' | 'files' = 'files'): Promise<void> {
		const engine = await this.start();
		this.abort = new AbortController();
		const signal = this.abort.signal;
		this.phase = { name: 'working', progress: { step: 'reading', file: files[0]?.name ?? '', done: 0, total: files.length } };
		try {
			const staged = await stageFiles(engine, files, this.profiles, { signal, onProgress: (p) => (this.phase = { name: 'working', progress: p }) });
			const mappings = staged.map((s) => s.mapping);
			if (origin === 'sample' || staged.every((s) => s.profile)) await this.complete(staged, mappings, origin);
			else this.phase = { name: 'mapping', staged, mappings };
		} catch (error) {
			this.fail(error);
		}
	}

	/** Step two: build, validate and swap in. The data loaded before stays until this succeeds. */
	async complete(staged: StagedFile[], mappings: Mapping[], origin: 'sample' | 'files' = 'files'): Promise<void> {
		const engine = await this.start();
		this.abort ??= new AbortController();
		const signal = this.abort.signal;
		try {
			// Your own files add to your own data, but replace the sample as a whole.
			const previous = origin === 'files' && this.origin === 'files' ? this.dataset : EMPTY_DATASET;
			const result = await completeImport(engine, staged, mappings, previous, {
				signal,
				onProgress: (p) => (this.phase = { name: 'working', progress: p })
			});
			this.dataset = result.dataset;
			this.origin = origin;
			this.summary = await summarise(engine);
			this.version++;
			this.phase = { name: 'done', result };
		} catch (error) {
			await discardFiles(engine, staged).catch(() => {});
			this.fail(error);
		} finally {
			this.abort = null;
		}
	}

	/** Stops the import under way; nothing loaded before is changed. */
	async cancel(): Promise<void> {
		this.abort?.abort();
		await this.engine?.cancel();
	}

	async discardMapping(): Promise<void> {
		if (this.phase.name === 'mapping' && this.engine) await discardFiles(this.engine, this.phase.staged);
		this.phase = { name: 'idle' };
	}

	setMapping(index: number, mapping: Mapping): void {
		if (this.phase.name !== 'mapping') return;
		const mappings = [...this.phase.mappings];
		mappings[index] = mapping;
		this.phase = { ...this.phase, mappings };
	}

	saveProfile(name: string, staged: StagedFile, mapping: Mapping): void {
		const profile = profileFromMapping(name, staged.sniff.headers, mapping);
		this.profiles = [...this.profiles.filter((p) => p.name !== name), profile];
		save('profiles', this.profiles);
	}

	deleteProfile(name: string): void {
		this.profiles = this.profiles.filter((p) => p.name !== name);
		save('profiles', this.profiles);
	}

	dismiss(): void {
		this.phase = { name: 'idle' };
	}

	private fail(error: unknown): void {
		if (error instanceof ImportCancelled || /cancel/i.test(String(error))) {
			this.phase = { name: 'failed', message: new ImportCancelled().message };
		} else if (error instanceof ImportError) {
			this.phase = { name: 'failed', message: error.problem, file: error.fileName, hint: [error.line != null ? `Line ${error.line}.` : '', error.hint].filter(Boolean).join(' ') };
		} else {
			this.phase = { name: 'failed', message: error instanceof Error ? error.message : String(error) };
		}
	}
}

export const workspace = new Workspace();
