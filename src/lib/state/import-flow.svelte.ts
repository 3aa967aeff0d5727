/**
 * The import under way and what its screens show: the files read, the mapping screen, progress,
 * cancel and the outcome, plus the saved mapping profiles. What an import adopts becomes the
 * loaded data (workspace.svelte.ts); the user's files behind it go to persistence.svelte.ts.
 */
import type { Engine } from '../engine/types';
import { ImportCancelled, ImportError } from '../import/errors';
import {
	completeImport,
	discardFiles,
	stageFiles,
	type ImportMode,
	type ImportProgress,
	type ImportReport
} from '../import/import';
import type { Mapping } from '../import/mapping';
import { importPrepared } from '../import/prepared';
import { profileFromMapping, type ImportProfile } from '../import/profiles';
import type { RelatedAnswer, RelatedQuestion } from '../import/related';
import type { InputFile, StagedFile } from '../import/stage';
import {
	workbookAsCsv,
	workbookOf,
	workbooksAsCsv,
	type WorkbookProgress,
	type WorkbookStage
} from '../import/xlsx-client';
import { EMPTY_DATASET } from '../model/dataset';
import type { TableName } from '../model/tables';
import { warmOfflineCache } from './persist';
import { leaving } from './leaving.svelte';
import { persistence } from './persistence.svelte';
import { load, save } from './storage';
import { workspace, type DataOrigin } from './workspace.svelte';

/** Where an import stands: the page shows one screen per phase. */
export type ImportPhase =
	| { name: 'idle' }
	| { name: 'working'; progress: WorkbookProgress }
	| {
			name: 'mapping';
			staged: StagedFile[];
			mappings: Mapping[];
			/** Why the sheet the user last chose could not be used, by the workbook's name. */
			sheetErrors?: Record<string, string>;
			/** The workbook whose sheet was just chosen: its chooser takes the focus back when shown again. */
			sheetChosen?: string;
	  }
	| { name: 'related'; question: RelatedQuestion }
	| { name: 'done'; result: ImportReport }
	| { name: 'failed'; message: string; file?: string; hint?: string };

type Origin = Exclude<DataOrigin, 'none'>;

/**
 * What the import screen says about an import that did not happen. `aborted`: the user cancelled it,
 * whatever the error the cancel surfaced as (a message that merely mentions "cancel", e.g. a file
 * named cancellations.csv, is a real failure and is shown as one).
 */
export function failedPhase(error: unknown, aborted = false): ImportPhase & { name: 'failed' } {
	if (aborted || error instanceof ImportCancelled)
		return { name: 'failed', message: new ImportCancelled().message };
	if (error instanceof ImportError) {
		const line = error.line != null ? `Line ${error.line}.` : '';
		const hint = [line, error.hint].filter(Boolean).join(' ');
		return { name: 'failed', message: error.problem, file: error.fileName, hint };
	}
	return { name: 'failed', message: error instanceof Error ? error.message : String(error) };
}

class ImportFlow {
	phase = $state.raw<ImportPhase>({ name: 'idle' });
	/** Imports started in this tab, so that a screen (or a test) can tell a new outcome from the last one. */
	attempts = $state(0);
	profiles = $state.raw<ImportProfile[]>(load<ImportProfile[]>('profiles', []));
	/** Why the offline copy of the app could not be set up, if it could not. */
	offlineError = $state<string | null>(null);
	/** Whether new files replace the loaded tables of their kind or add to them. */
	mode = $state<ImportMode>('replace');
	private abort: AbortController | null = null;
	/** Settles the question of the 'related' phase. */
	private answer: ((a: RelatedAnswer) => void) | null = null;

	get busy(): boolean {
		return this.phase.name === 'working';
	}

	/** The database, once started and the stored files restored (an import never races the restore). */
	private async engine(): Promise<Engine> {
		const engine = await workspace.start();
		await persistence.settled;
		return engine;
	}

	/** Step one: read the files and propose mappings (or import at once when every file matched a saved profile). */
	async stage(files: InputFile[], origin: Origin = 'files'): Promise<void> {
		this.attempts++;
		await this.read(files, origin);
	}

	/**
	 * The bundled sample as the build prepared it (import/prepared.ts): its tables copied in, no file
	 * read. Resolves to false, with nothing changed or reported, when it could not be loaded (the
	 * caller then imports the sample's files); a cancel is reported, and resolves to true.
	 */
	async loadPrepared(
		report: ImportReport,
		streams: Promise<Partial<Record<TableName, Uint8Array>>>
	): Promise<boolean> {
		this.attempts++;
		// Streams that cannot be fetched: the caller imports the sample's files instead.
		const fetched = streams.then(
			(tables) => ({ tables }),
			() => ({ tables: null })
		);
		const signal = this.begin(['the sample']);
		try {
			const engine = await this.engine();
			const { tables } = await fetched;
			if (signal.aborted) throw new ImportCancelled();
			if (!tables) return false;
			const result = await importPrepared(engine, report, tables, signal);
			await this.adopt(engine, result, 'sample', [], []);
			return true;
		} catch (error) {
			// Only a cancel is the user's to see; any other failure falls back to the sample's files.
			if (signal.aborted) this.phase = failedPhase(error, true);
			else this.phase = { name: 'idle' };
			return signal.aborted;
		} finally {
			this.abort = null;
		}
	}

	/** A new import is under way: it can be cancelled, and the page shows it reading. */
	private begin(names: string[]): AbortSignal {
		this.abort = new AbortController();
		const progress = {
			step: 'reading',
			file: names[0] ?? '',
			done: 0,
			total: names.length
		} as const;
		this.phase = { name: 'working', progress };
		return this.abort.signal;
	}

	private async read(files: InputFile[], origin: Origin): Promise<void> {
		performance.mark('import:chosen');
		const engine = await this.engine();
		const signal = this.begin(files.map((f) => f.name));
		try {
			const onProgress = (p: ImportProgress) => (this.phase = { name: 'working', progress: p });
			const inputs = await workbooksAsCsv(files, { signal, onProgress });
			const staged = await stageFiles(engine, inputs, this.profiles, { signal, onProgress });
			performance.mark('import:staged');
			const mappings = staged.map((s) => s.mapping);
			if (origin === 'sample' || staged.every((s) => s.profile))
				await this.complete(staged, mappings, origin);
			else this.phase = { name: 'mapping', staged, mappings };
		} catch (error) {
			this.phase = failedPhase(error, signal.aborted);
		}
	}

	/** Step two: build, validate and swap in. The data loaded before stays until this succeeds. */
	async complete(
		staged: StagedFile[],
		mappings: Mapping[],
		origin: Origin = 'files'
	): Promise<void> {
		const engine = await this.engine();
		this.abort ??= new AbortController();
		const signal = this.abort.signal;
		try {
			// Your own files add to your own data, but replace the sample as a whole.
			const previous =
				origin === 'files' && workspace.origin === 'files' ? workspace.dataset : EMPTY_DATASET;
			const mode = previous === EMPTY_DATASET ? 'replace' : this.mode;
			let removed: TableName[] = [];
			const result = await completeImport(engine, staged, mappings, previous, {
				signal,
				mode,
				onProgress: (p) => (this.phase = { name: 'working', progress: p }),
				decideRelated: async (question) => {
					const progress = this.phase.name === 'working' ? this.phase.progress : null;
					const answer = await this.ask(question, signal);
					if (answer === 'remove') removed = question.tables.map((t) => t.table);
					if (progress) this.phase = { name: 'working', progress };
					return answer;
				}
			});
			await this.adopt(engine, result, origin, staged, mappings, { mode, removed });
		} catch (error) {
			this.phase = failedPhase(error, signal.aborted);
			// Tables staged for this import only: the outcome above is what the user needs to know.
			await discardFiles(engine, staged).catch((cleanup: unknown) => {
				if (this.phase.name !== 'failed') return;
				const hint = [this.phase.hint, cleanupHint(cleanup)].filter(Boolean).join(' ');
				this.phase = { ...this.phase, hint };
			});
		} finally {
			this.abort = null;
		}
	}

	/** Shows the question about loaded goals, events and staff, and waits for the answer (or a cancel). */
	private ask(question: RelatedQuestion, signal: AbortSignal): Promise<RelatedAnswer> {
		this.phase = { name: 'related', question };
		return new Promise<RelatedAnswer>((resolve, reject) => {
			const cancelled = () => reject(new ImportCancelled());
			signal.addEventListener('abort', cancelled, { once: true });
			this.answer = (a) => {
				signal.removeEventListener('abort', cancelled);
				this.answer = null;
				resolve(a);
			};
		});
	}

	/** The user's answer to the 'related' question. */
	decide(answer: RelatedAnswer): void {
		this.answer?.(answer);
	}

	/** Makes an import's tables the loaded data. */
	private async adopt(
		engine: Engine,
		result: ImportReport,
		origin: Origin,
		staged: StagedFile[],
		mappings: Mapping[],
		how: { mode: ImportMode; removed: TableName[] } = { mode: 'replace', removed: [] }
	): Promise<void> {
		const replaced = origin !== 'files' || workspace.origin !== 'files';
		// The user chose the sample over their own files: nothing of theirs is left to offer again.
		if (origin === 'sample' && workspace.origin === 'files') leaving.clearNote();
		await workspace.adopt(engine, result.dataset, origin);
		this.phase = { name: 'done', result };
		persistence.remember(staged, mappings, origin, { replaced, ...how });
		if (origin === 'files') void leaving.noteLoaded(persistence.loadedInputs());
		warmOfflineCache().then(
			() => (this.offlineError = null),
			(error: unknown) =>
				(this.offlineError = `The app could not keep an offline copy of itself (${String(error)}).`)
		);
	}

	/** Stops the import under way; nothing loaded before is changed. */
	async cancel(): Promise<void> {
		this.abort?.abort();
		await workspace.engine?.cancel();
	}

	async discardMapping(): Promise<void> {
		if (this.phase.name === 'mapping' && workspace.engine)
			await discardFiles(workspace.engine, this.phase.staged);
		this.phase = { name: 'idle' };
	}

	/**
	 * Reads another sheet of a staged workbook in place of the one shown, with its own proposed
	 * mapping. If that sheet cannot be read, the one shown stays and the mapping screen says why.
	 */
	async chooseSheet(index: number, sheet: string): Promise<void> {
		const before = this.phase;
		if (before.name !== 'mapping') return;
		const old = before.staged[index];
		const choice = workbookOf(old.file);
		if (!choice || choice.sheet === sheet) return;
		const engine = await this.engine();
		const signal = this.begin([choice.workbook.name]);
		const progress = (workbook: WorkbookStage) =>
			(this.phase = {
				name: 'working',
				progress: { step: 'reading', file: choice.workbook.name, done: 0, total: 1, workbook }
			});
		const sheetErrors = { ...before.sheetErrors };
		delete sheetErrors[choice.workbook.name];
		try {
			const input = await workbookAsCsv(choice.workbook, sheet, { signal, onStage: progress });
			const [s] = await stageFiles(engine, [input], this.profiles, { signal });
			const staged = before.staged.map((f, i) => (i === index ? s : f));
			const mappings = before.mappings.map((m, i) => (i === index ? s.mapping : m));
			this.phase = {
				name: 'mapping',
				staged,
				mappings,
				sheetErrors,
				sheetChosen: choice.workbook.name
			};
			await discardFiles(engine, [old]);
		} catch (error) {
			const failed = failedPhase(error, signal.aborted);
			const why = [failed.message, failed.hint].filter(Boolean).join(' ');
			sheetErrors[choice.workbook.name] = `Sheet “${sheet}” could not be used: ${why}`;
			this.phase = { ...before, sheetErrors, sheetChosen: choice.workbook.name };
		} finally {
			this.abort = null;
		}
	}

	/** Sets a file's mapping, and that of every file with the same headers: it is confirmed once for them. */
	setMapping(index: number, mapping: Mapping): void {
		if (this.phase.name !== 'mapping') return;
		const { staged } = this.phase;
		const same = headerKey(staged[index]);
		const mappings = this.phase.mappings.map((m, i) =>
			headerKey(staged[i]) === same ? mapping : m
		);
		this.phase = { ...this.phase, mappings };
	}

	/** Moves a file up or down the order shown: on a tie of latest dates the later file's rows win. */
	move(index: number, by: -1 | 1): void {
		if (this.phase.name !== 'mapping') return;
		const to = index + by;
		if (to < 0 || to >= this.phase.staged.length) return;
		const swap = <T>(list: T[]) => {
			const copy = [...list];
			[copy[index], copy[to]] = [copy[to], copy[index]];
			return copy;
		};
		this.phase = {
			...this.phase,
			staged: swap(this.phase.staged),
			mappings: swap(this.phase.mappings)
		};
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

	/** Shows why an import could not even begin (e.g. its files could not be fetched). */
	fail(error: unknown): void {
		this.attempts++;
		this.phase = failedPhase(error);
	}

	/** Re-reads the stored profiles (after a bundle import or another tab's change). */
	reloadProfiles(): void {
		this.profiles = load<ImportProfile[]>('profiles', []);
	}
}

/** Files with the same headers share one mapping (one editor on the mapping screen). */
export function headerKey(staged: StagedFile): string {
	return JSON.stringify(staged.sniff.headers);
}

/** The files of the mapping screen in groups of the same headers, in the order shown: indices into `staged`. */
export function headerGroups(staged: StagedFile[]): number[][] {
	const keys = staged.map(headerKey);
	return keys.flatMap((key, i) =>
		keys.indexOf(key) === i ? [keys.flatMap((k, j) => (k === key ? [j] : []))] : []
	);
}

function cleanupHint(error: unknown): string {
	return `Its partly read tables could not be removed (${String(error)}); they go when this tab closes.`;
}

export const importFlow = new ImportFlow();
