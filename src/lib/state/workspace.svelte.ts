// Imported up front, not on demand: the database's worker then starts the moment the app does.
import { createBrowserEngine } from '../engine/browser';
import type { Engine } from '../engine/types';
import { EMPTY_DATASET, type DatasetInfo } from '../model/dataset';
import { ImportCancelled, ImportError } from '../import/errors';
import { importBundled, planBundled } from '../import/bundled';
import {
	completeImport,
	discardFiles,
	ensureModel,
	stageFiles,
	type ImportProgress,
	type ImportReport
} from '../import/import';
import type { Mapping } from '../import/mapping';
import { importPrepared } from '../import/prepared';
import { profileFromMapping, type ImportProfile } from '../import/profiles';
import type { InputFile, StagedFile } from '../import/stage';
import { summarise, type DataSummary } from '../import/summary';
import type { TableName } from '../model/tables';
import {
	claimWorkspace,
	clearStored,
	describeStored,
	keepChosen,
	readStored,
	setKeepChoice,
	storeExists,
	warmOfflineCache,
	writeStored,
	type StoredFile,
	type StoredInfo,
	type TabRole
} from './persist';
import { load, save } from './storage';

/** The file behind one loaded table, as the user confirmed it: what "keep my data" stores. */
interface LoadedFile {
	table: TableName;
	file: InputFile;
	mapping: Mapping;
	importedAt: string;
}

/** Where an import stands: the page shows one screen per phase. */
export type ImportPhase =
	| { name: 'idle' }
	| { name: 'working'; progress: ImportProgress }
	| { name: 'mapping'; staged: StagedFile[]; mappings: Mapping[] }
	| { name: 'done'; result: ImportReport }
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
	/** Imports started in this tab, so that a screen (or a test) can tell a new outcome from the last one. */
	attempts = $state(0);
	profiles = $state.raw<ImportProfile[]>(load<ImportProfile[]>('profiles', []));
	/** The user's choice to keep imported files on this computer between visits (off by default). */
	keep = $state(keepChosen());
	/** 'writer': this tab keeps the stored workspace; 'reader': another tab does, this one never writes it. */
	role = $state<TabRole | null>(null);
	/** True while the stored files are imported again on start ("Restoring your data…"). */
	restoring = $state(false);
	/** Why the stored data could not be restored or saved, if it could not. */
	persistError = $state<string | null>(null);
	/** What is stored now (null until known). */
	stored = $state.raw<StoredInfo | null>(null);
	/** How long the last restore took, in milliseconds. */
	restoreMs = $state<number | null>(null);
	private abort: AbortController | null = null;
	private starting: Promise<Engine> | null = null;
	/** The user's files behind the loaded tables, by table (empty while the sample is loaded). */
	private loaded = new Map<TableName, LoadedFile>();
	private writes: Promise<void> = Promise.resolve();

	/** Starts DuckDB once; later calls wait for the same start. */
	start(): Promise<Engine> {
		this.starting ??= (async () => {
			try {
				performance.mark('start:begin');
				const [engine, role] = await Promise.all([createBrowserEngine(), claimWorkspace()]);
				performance.mark('start:engine');
				await ensureModel(engine);
				performance.mark('start:model');
				this.engine = engine;
				this.role = role;
				this.status = 'ready';
				if (role === 'writer') await this.restore(engine);
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
		this.attempts++;
		await this.read(files, origin);
	}

	/**
	 * The bundled sample: imported by its fast path (import/bundled.ts), which gives the same tables
	 * as the generic import of the same files, or the generic way should the files not allow it.
	 */
	async loadBundled(files: InputFile[]): Promise<void> {
		this.attempts++;
		const signal = this.begin(files.map((f) => f.name));
		try {
			// Planned while the database may still be starting: the plan needs none.
			const planned = planBundled(files);
			const engine = await this.start();
			const plan = await planned;
			const report = plan && (await importBundled(engine, plan, signal));
			if (report) await this.adopt(engine, report, 'sample', [], []);
			else if (signal.aborted) throw new ImportCancelled();
			else await this.read(files, 'sample');
		} catch (error) {
			this.fail(error);
		} finally {
			this.abort = null;
		}
	}

	/**
	 * The bundled sample as the build prepared it (import/prepared.ts): its tables copied in, no file
	 * read. Resolves to false, with nothing changed or reported, when it could not be loaded (the
	 * caller then imports the sample's files).
	 */
	async loadPrepared(
		report: ImportReport,
		streams: Promise<Partial<Record<TableName, Uint8Array>>>
	): Promise<boolean> {
		this.attempts++;
		const fetched = streams.catch(() => null);
		const signal = this.begin(['the sample']);
		try {
			const engine = await this.start();
			const tables = await fetched;
			if (signal.aborted) throw new ImportCancelled();
			if (!tables) return false;
			const result = await importPrepared(engine, report, tables, signal);
			await this.adopt(engine, result, 'sample', [], []);
			return true;
		} catch (error) {
			if (signal.aborted) this.fail(error);
			else this.phase = { name: 'idle' };
			return signal.aborted;
		} finally {
			this.abort = null;
		}
	}

	/** A new import is under way: it can be cancelled, and the page shows it reading. */
	private begin(names: string[]): AbortSignal {
		this.abort = new AbortController();
		this.phase = {
			name: 'working',
			progress: { step: 'reading', file: names[0] ?? '', done: 0, total: names.length }
		};
		return this.abort.signal;
	}

	private async read(files: InputFile[], origin: 'sample' | 'files'): Promise<void> {
		const engine = await this.start();
		const signal = this.begin(files.map((f) => f.name));
		try {
			const staged = await stageFiles(engine, files, this.profiles, {
				signal,
				onProgress: (p) => (this.phase = { name: 'working', progress: p })
			});
			const mappings = staged.map((s) => s.mapping);
			if (origin === 'sample' || staged.every((s) => s.profile))
				await this.complete(staged, mappings, origin);
			else this.phase = { name: 'mapping', staged, mappings };
		} catch (error) {
			this.fail(error);
		}
	}

	/** Step two: build, validate and swap in. The data loaded before stays until this succeeds. */
	async complete(
		staged: StagedFile[],
		mappings: Mapping[],
		origin: 'sample' | 'files' = 'files'
	): Promise<void> {
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
			await this.adopt(engine, result, origin, staged, mappings);
		} catch (error) {
			await discardFiles(engine, staged).catch(() => {});
			this.fail(error);
		} finally {
			this.abort = null;
		}
	}

	/** After new tables are in place: their summary, then a new data version for every view. */
	private async settle(engine: Engine): Promise<void> {
		this.summary = await summarise(engine);
		this.version++;
	}

	/** Makes an import's tables the loaded data. */
	private async adopt(
		engine: Engine,
		result: ImportReport,
		origin: 'sample' | 'files',
		staged: StagedFile[],
		mappings: Mapping[]
	): Promise<void> {
		this.dataset = result.dataset;
		const replaced = origin !== 'files' || this.origin !== 'files';
		this.origin = origin;
		await this.settle(engine);
		this.phase = { name: 'done', result };
		this.remember(staged, mappings, origin, replaced);
	}

	/** Stops the import under way; nothing loaded before is changed. */
	async cancel(): Promise<void> {
		this.abort?.abort();
		await this.engine?.cancel();
	}

	async discardMapping(): Promise<void> {
		if (this.phase.name === 'mapping' && this.engine)
			await discardFiles(this.engine, this.phase.staged);
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

	/** Ticks or unticks "keep my data": stores the loaded files now, or removes the stored copy now. */
	async setKeep(keep: boolean): Promise<void> {
		if (this.role === 'reader') return;
		this.keep = keep;
		setKeepChoice(keep);
		await this.queue(async () => {
			if (keep) await writeStored(this.toStore([...this.loaded.values()]), true);
			else await clearStored();
		});
	}

	/** Stops writing the stored workspace: "forget everything" is about to wipe it. */
	stopSaving(): void {
		this.keep = false;
		this.role = 'reader';
	}

	/** Resolves when every storage write asked for so far has finished. */
	flush(): Promise<void> {
		return this.writes;
	}

	/** Another tab changed the choice or forgot everything: follow it, never write over it. */
	followOtherTab(): void {
		this.keep = keepChosen();
		this.profiles = load<ImportProfile[]>('profiles', []);
	}

	/** Re-reads what is stored (after a bundle import or another tab's change). */
	reloadProfiles(): void {
		this.profiles = load<ImportProfile[]>('profiles', []);
	}

	/** Imports the stored files again with their confirmed mappings, on start, when the user chose to keep them. */
	private async restore(engine: Engine): Promise<void> {
		try {
			if (!this.keep) {
				// Unticked, but a copy is left (e.g. the tab closed while removing it): remove it now.
				if (await storeExists()) await clearStored();
				this.stored = describeStored([]);
				return;
			}
			const stored = await readStored();
			this.stored = describeStored(stored);
			if (stored.length === 0) return;
			this.restoring = true;
			const t0 = performance.now();
			const files: InputFile[] = stored.map((s) => ({ name: s.name, size: s.size, data: s.blob }));
			// Read like any import: a slice of a stored Blob at a time, as bytes (see stage.ts).
			const staged = await stageFiles(engine, files, []);
			const result = await completeImport(
				engine,
				staged,
				stored.map((s) => s.mapping),
				EMPTY_DATASET
			);
			for (const s of stored) {
				const info = result.dataset.tables[s.table];
				if (info) info.importedAt = s.importedAt;
			}
			this.dataset = result.dataset;
			this.origin = 'files';
			await this.settle(engine);
			this.loaded = new Map(
				stored.map((s, i) => [
					s.table,
					{ table: s.table, file: files[i], mapping: s.mapping, importedAt: s.importedAt }
				])
			);
			this.restoreMs = Math.round(performance.now() - t0);
		} catch (error) {
			this.persistError = `Your stored data could not be restored (${error instanceof Error ? error.message : String(error)}). It is still stored; import the files again, or use "Forget everything" on the "Your data" page.`;
		} finally {
			this.restoring = false;
		}
	}

	/** Notes the files behind the new data and, when the user chose to keep it, stores them. */
	private remember(
		staged: StagedFile[],
		mappings: Mapping[],
		origin: 'sample' | 'files',
		replaced: boolean
	): void {
		if (replaced) this.loaded = new Map();
		const now = new Date().toISOString();
		const added: LoadedFile[] = [];
		if (origin === 'files') {
			for (const [i, s] of staged.entries()) {
				const entry = {
					table: mappings[i].table,
					file: s.file,
					mapping: mappings[i],
					importedAt: now
				};
				this.loaded.set(entry.table, entry);
				added.push(entry);
			}
		}
		void warmOfflineCache().catch(() => {});
		// The sample is never stored as the user's data; loading it leaves a stored copy of the user's
		// files as it is (the workspace page says what is stored), and their next import replaces it.
		if (origin !== 'files' || !this.keep || this.role !== 'writer') return;
		void this.queue(() => writeStored(this.toStore(added), replaced));
	}

	private toStore(files: LoadedFile[]): StoredFile[] {
		return files.map(({ table, file, mapping, importedAt }) => ({
			table,
			name: file.name,
			size: file.size,
			blob:
				file.data instanceof Blob
					? file.data
					: new Blob([file.data as Uint8Array<ArrayBuffer>], { type: 'text/csv' }),
			mapping: $state.snapshot(mapping) as Mapping,
			importedAt
		}));
	}

	/** Runs storage writes one after another; a failure is shown, never thrown at the import. */
	private queue(task: () => Promise<void>): Promise<void> {
		this.writes = this.writes
			.then(task)
			.then(async () => {
				this.persistError = null;
				this.stored = describeStored(await readStored());
			})
			.catch((error) => {
				this.persistError = `Your data could not be saved on this computer (${error instanceof Error ? error.message : String(error)}). It is still loaded in this tab.`;
			});
		return this.writes;
	}

	private fail(error: unknown): void {
		if (error instanceof ImportCancelled || /cancel/i.test(String(error))) {
			this.phase = { name: 'failed', message: new ImportCancelled().message };
		} else if (error instanceof ImportError) {
			this.phase = {
				name: 'failed',
				message: error.problem,
				file: error.fileName,
				hint: [error.line != null ? `Line ${error.line}.` : '', error.hint]
					.filter(Boolean)
					.join(' ')
			};
		} else {
			this.phase = {
				name: 'failed',
				message: error instanceof Error ? error.message : String(error)
			};
		}
	}
}

export const workspace = new Workspace();
