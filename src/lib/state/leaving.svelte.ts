/**
 * Leaving never loses work silently. While the user's imported files are loaded and not kept between
 * visits, reloading or closing the tab asks first (beforeunload). The tab notes which files they
 * were in sessionStorage (it lasts as long as the tab, nothing of the data itself), so that after a
 * reload the page can say why the sample is shown and offer to import the same files again: by the
 * file handles a drop gave (File System Access API, kept in IndexedDB only then), else by opening the
 * file chooser.
 */
import type { InputFile } from '../import/stage';
import { persistence } from './persistence.svelte';
import { STORAGE_PREFIX } from './storage';
import { workspace } from './workspace.svelte';

/** sessionStorage key of the note on the files not kept. */
export const UNKEPT_KEY = `${STORAGE_PREFIX}unkept`;
const HANDLES_DB = 'casemetrics-handles';
const HANDLES = 'handles';

export interface UnkeptNote {
	files: string[];
	/** Whether file handles were stored for them. */
	handles: boolean;
}

/** A dropped file's handle, where the browser gives one (Chromium's File System Access API). */
export interface FileHandle {
	name: string;
	getFile(): Promise<File>;
	queryPermission?(o: { mode: 'read' }): Promise<PermissionState>;
	requestPermission?(o: { mode: 'read' }): Promise<PermissionState>;
}

function readNote(): UnkeptNote | null {
	try {
		const text = globalThis.sessionStorage?.getItem(UNKEPT_KEY);
		return text ? (JSON.parse(text) as UnkeptNote) : null;
	} catch {
		return null;
	}
}

function idb<T>(
	run: (store: IDBObjectStore) => IDBRequest<T>,
	mode: IDBTransactionMode
): Promise<T> {
	return new Promise((resolve, reject) => {
		const req = indexedDB.open(HANDLES_DB, 1);
		req.onupgradeneeded = () => req.result.createObjectStore(HANDLES);
		req.onerror = () => reject(req.error);
		req.onsuccess = () => {
			const db = req.result;
			const r = run(db.transaction(HANDLES, mode).objectStore(HANDLES));
			r.onsuccess = () => {
				db.close();
				resolve(r.result);
			};
			r.onerror = () => {
				db.close();
				reject(r.error);
			};
		};
	});
}

class Leaving {
	/** What the last visit of this tab had imported and not kept (read once, on start). */
	lost = $state.raw<UnkeptNote | null>(null);
	/** The handles of files dropped in this tab (none from the file chooser), newest last. */
	private known: FileHandle[] = [];
	/** The page itself is reloading on purpose ("forget everything"): nothing to ask. */
	private leavingOnPurpose = false;

	/** Imported files are loaded that a reload or closing would lose. */
	get unsaved(): boolean {
		return workspace.origin === 'files' && !(persistence.keep && persistence.role === 'writer');
	}

	/** On start: reads this tab's note, and asks before leaving while work would be lost. */
	install(): void {
		this.lost = persistence.keep ? null : readNote();
		if (!this.lost) this.clearNote();
		globalThis.addEventListener?.('beforeunload', (event) => {
			if (!this.unsaved || this.leavingOnPurpose) return;
			event.preventDefault();
			// Older browsers show the prompt only when returnValue is set.
			event.returnValue = '';
		});
	}

	/** The app reloads itself on purpose, after "forget everything": no question, no note. */
	letGo(): void {
		this.leavingOnPurpose = true;
		globalThis.sessionStorage?.removeItem(UNKEPT_KEY);
	}

	/** A drop gave file handles: they go with the import that follows. */
	offerHandles(handles: FileHandle[]): void {
		this.known = [...this.known.filter((k) => !handles.some((h) => h.name === k.name)), ...handles];
	}

	/** Notes the files just loaded, when they are not kept; the note goes when they are. */
	async noteLoaded(files: InputFile[]): Promise<void> {
		const handles = files.map((f) => this.known.find((h) => h.name === f.name)).filter((h) => !!h);
		this.lost = null;
		if (persistence.keep) return this.clearNote();
		let stored = false;
		if (handles.length === files.length && globalThis.indexedDB) {
			stored = await idb((s) => s.put(handles, 'last'), 'readwrite').then(
				() => true,
				() => false
			);
		}
		const note: UnkeptNote = { files: files.map((f) => f.name), handles: stored };
		globalThis.sessionStorage?.setItem(UNKEPT_KEY, JSON.stringify(note));
	}

	/** Forgets the note (and any stored handles): dismissed, kept, or imported again. */
	clearNote(): void {
		const note = readNote();
		globalThis.sessionStorage?.removeItem(UNKEPT_KEY);
		this.lost = null;
		if (note?.handles) indexedDB.deleteDatabase(HANDLES_DB);
	}

	/**
	 * The files of the note again, by their stored handles (asking the browser's permission, within
	 * the user's click): null when there are none or the browser refuses, and the caller opens the
	 * file chooser.
	 */
	async filesAgain(): Promise<InputFile[] | null> {
		if (!this.lost?.handles) return null;
		try {
			const handles = await idb<FileHandle[] | undefined>((s) => s.get('last'), 'readonly');
			if (!handles?.length) return null;
			const files: InputFile[] = [];
			for (const h of handles) {
				const granted =
					(await h.queryPermission?.({ mode: 'read' })) === 'granted' ||
					(await h.requestPermission?.({ mode: 'read' })) === 'granted';
				if (!granted) return null;
				const file = await h.getFile();
				files.push({ name: file.name, size: file.size, data: file });
			}
			this.known = handles;
			return files;
		} catch {
			return null;
		}
	}
}

export const leaving = new Leaving();
