/**
 * The stored workspace as the page shows it: the "keep my data" choice, this tab's role (the lock),
 * the files behind the loaded data, their stored copy in IndexedDB and its restore on start. The
 * storage itself is persist.ts.
 */
import type { Engine } from '../engine/types';
import { importAll, type ImportMode } from '../import/import';
import type { Mapping } from '../import/mapping';
import type { InputFile, StagedFile } from '../import/stage';
import { EMPTY_DATASET } from '../model/dataset';
import type { TableName } from '../model/tables';
import {
	claimWorkspace,
	clearStored,
	describeStored,
	keepChosen,
	readStored,
	setKeepChoice,
	storeExists,
	writeStored,
	type StoredFile,
	type StoredInfo,
	type TabRole
} from './persist';
import { workspace, type DataOrigin } from './workspace.svelte';

/** The file behind one loaded table, as the user confirmed it: what "keep my data" stores. */
interface LoadedFile {
	table: TableName;
	file: InputFile;
	mapping: Mapping;
	importedAt: string;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

class Persistence {
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
	/** Settles once the stored files are restored, or known to be none: imports wait for it. */
	settled: Promise<void> = Promise.resolve();
	/** The user's files behind the loaded tables, by table, in import order (empty while the sample is loaded). */
	private loaded = new Map<TableName, LoadedFile[]>();
	private writes: Promise<void> = Promise.resolve();

	/**
	 * On start: asks for the workspace lock (persist.ts) while the database starts; the tab that gets
	 * it imports the stored files again with their confirmed mappings, when the user chose to keep them.
	 */
	open(starting: Promise<Engine>): Promise<void> {
		this.settled = (async () => {
			const [engine, role] = await Promise.all([starting, claimWorkspace()]);
			this.role = role;
			if (role === 'writer') await this.restore(engine);
		})();
		return this.settled;
	}

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
			// The generic import with the mappings kept: a slice of a stored Blob at a time (stage.ts).
			const mappings = stored.map((s) => s.mapping);
			const result = await importAll(engine, files, EMPTY_DATASET, { mappings });
			for (const s of stored) {
				const info = result.dataset.tables[s.table];
				if (info) info.importedAt = s.importedAt;
			}
			await workspace.adopt(engine, result.dataset, 'files');
			this.loaded = new Map();
			stored.forEach((s, i) => {
				const entry = {
					table: s.table,
					file: files[i],
					mapping: s.mapping,
					importedAt: s.importedAt
				};
				this.loaded.set(s.table, [...(this.loaded.get(s.table) ?? []), entry]);
			});
			this.restoreMs = Math.round(performance.now() - t0);
		} catch (error) {
			this.persistError =
				`Your stored data could not be restored (${message(error)}). It is still stored; ` +
				'import the files again, or use "Forget everything" on the "Your data" page.';
		} finally {
			this.restoring = false;
		}
	}

	/**
	 * Notes the files behind newly adopted data and, when the user chose to keep it, stores them.
	 * `replaced`: the new data replaced everything (e.g. the sample); `mode`: whether the new files
	 * replaced or were added to the loaded files of their kind; `removed`: tables the user removed.
	 */
	remember(
		staged: StagedFile[],
		mappings: Mapping[],
		origin: DataOrigin,
		how: { replaced: boolean; mode: ImportMode; removed: TableName[] }
	): void {
		if (how.replaced) this.loaded = new Map();
		for (const table of how.removed) this.loaded.delete(table);
		const now = new Date().toISOString();
		if (origin === 'files') {
			const fresh: TableName[] = [];
			for (const [i, s] of staged.entries()) {
				const table = mappings[i].table;
				const entry = { table, file: s.file, mapping: mappings[i], importedAt: now };
				const kept =
					how.mode === 'add' || fresh.includes(table) ? (this.loaded.get(table) ?? []) : [];
				this.loaded.set(table, [...kept, entry]);
				fresh.push(table);
			}
		}
		// The sample is never stored as the user's data; loading it leaves a stored copy of the user's
		// files as it is (the workspace page says what is stored), and their next import replaces it.
		if (origin !== 'files' || !this.keep || this.role !== 'writer') return;
		void this.queue(() => writeStored(this.toStore(this.loadedFiles()), true));
	}

	/** The files behind the loaded data, as imported. */
	loadedInputs(): InputFile[] {
		return this.loadedFiles().map((f) => f.file);
	}

	/** Every loaded file, cases first, each table's in import order. */
	private loadedFiles(): LoadedFile[] {
		return [...this.loaded.values()].flat();
	}

	/** Ticks or unticks "keep my data": stores the loaded files now, or removes the stored copy now. */
	async setKeep(keep: boolean): Promise<void> {
		if (this.role === 'reader') return;
		this.keep = keep;
		setKeepChoice(keep);
		await this.queue(async () => {
			if (keep) await writeStored(this.toStore(this.loadedFiles()), true);
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
				this.persistError =
					`Your data could not be saved on this computer (${message(error)}). ` +
					'It is still loaded in this tab.';
			});
		return this.writes;
	}
}

export const persistence = new Persistence();
