/**
 * What Casemetrics keeps on this computer between visits, and how it forgets it.
 *
 * - The user's imported files (Blobs) and their confirmed mappings, in IndexedDB, only when the
 *   user ticked "Keep my data on this computer" (off by default). DuckDB-wasm cannot keep its tables
 *   here, so the workspace replays the import from these files when the app starts.
 * - Settings, import profiles and report templates, in localStorage under `casemetrics.`: always,
 *   as they hold no case data.
 * - The service worker's copy of the app's own files, in Cache Storage (`casemetrics-…` caches).
 *
 * Only the tab holding the `casemetrics-workspace` Web Lock writes the stored files, so a second tab
 * can never interleave its writes with the first one's.
 */
import type { Mapping } from '../import/mapping';
import { TABLES, type TableName } from '../model/tables';
import { load, remove, save, STORAGE_PREFIX } from './storage';

export const DB_NAME = 'casemetrics';
const DB_VERSION = 1;
const FILES = 'files';
export const LOCK_NAME = 'casemetrics-workspace';
const CACHE_PREFIX = 'casemetrics-';
/** localStorage key (after the prefix) of the "keep my data" choice; absent means off. */
export const KEEP_KEY = 'keep';
/** sessionStorage key that carries the "Removed: …" message across the reload after forgetting. */
export const FORGOTTEN_KEY = 'casemetrics.forgotten';

/** One stored file: an import of one table, with the mapping the user confirmed. */
export interface StoredFile {
	table: TableName;
	name: string;
	size: number;
	blob: Blob;
	mapping: Mapping;
	importedAt: string;
}

/**
 * What the store holds per table (its key): the table's first file, and the files imported after
 * it into the same table ("Add to the loaded data"), in order.
 */
interface StoredRecord extends StoredFile {
	more?: Omit<StoredFile, 'table'>[];
}

// ---------------------------------------------------------------------------------------------
// The "keep my data" choice

export function keepChosen(): boolean {
	return load<boolean>(KEEP_KEY, false) === true;
}

export function setKeepChoice(keep: boolean): void {
	if (keep) save(KEEP_KEY, true);
	else remove(KEEP_KEY);
}

// ---------------------------------------------------------------------------------------------
// The single-writer lock

export type TabRole = 'writer' | 'reader';

/**
 * Asks for the workspace lock without waiting: the first tab gets it and holds it until it closes;
 * a later tab is a reader that never writes stored files. Without the Web Locks API (old browsers)
 * the tab writes, as before locks existed.
 */
export function claimWorkspace(): Promise<TabRole> {
	const locks = globalThis.navigator?.locks;
	if (!locks) return Promise.resolve('writer');
	return new Promise<TabRole>((resolve) => {
		locks
			.request(LOCK_NAME, { ifAvailable: true }, (lock) => {
				if (!lock) {
					resolve('reader');
					return;
				}
				resolve('writer');
				// Held for the tab's lifetime: the browser releases it when the tab closes or reloads.
				return new Promise<void>(() => {});
			})
			// A browser that refuses the request (as one without locks): this tab writes, as before locks.
			.catch(() => resolve('writer'));
	});
}

// ---------------------------------------------------------------------------------------------
// IndexedDB

let connection: Promise<IDBDatabase> | null = null;

function request<T>(req: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
}

function done(tx: IDBTransaction): Promise<void> {
	return new Promise((resolve, reject) => {
		tx.oncomplete = () => resolve();
		tx.onerror = () => reject(tx.error);
		tx.onabort = () => reject(tx.error ?? new Error('The browser stopped saving your data.'));
	});
}

function open(): Promise<IDBDatabase> {
	connection ??= new Promise<IDBDatabase>((resolve, reject) => {
		const req = indexedDB.open(DB_NAME, DB_VERSION);
		req.onupgradeneeded = () => {
			if (!req.result.objectStoreNames.contains(FILES))
				req.result.createObjectStore(FILES, { keyPath: 'table' });
		};
		req.onsuccess = () => {
			const db = req.result;
			// Another tab is deleting the database ("forget everything"): let it.
			db.onversionchange = () => {
				db.close();
				connection = null;
			};
			db.onclose = () => (connection = null);
			resolve(db);
		};
		req.onerror = () => reject(req.error);
		req.onblocked = () =>
			reject(new Error('The stored data is locked by another Casemetrics tab.'));
	});
	connection.catch(() => (connection = null));
	return connection;
}

function closeConnection(): void {
	const c = connection;
	connection = null;
	c?.then(
		(db) => db.close(),
		() => {}
	);
}

/** Whether our database exists, without creating it (opening would). */
export async function storeExists(): Promise<boolean> {
	if (!globalThis.indexedDB) return false;
	if (typeof indexedDB.databases !== 'function') return true;
	return (await indexedDB.databases()).some((d) => d.name === DB_NAME);
}

/** The stored files, cases first (other tables link to the cases). */
export async function readStored(): Promise<StoredFile[]> {
	if (!(await storeExists())) return [];
	const db = await open();
	const tx = db.transaction(FILES, 'readonly');
	const records = (await request(tx.objectStore(FILES).getAll())) as StoredRecord[];
	const order = Object.keys(TABLES);
	records.sort((a, b) => order.indexOf(a.table) - order.indexOf(b.table));
	return records.flatMap(({ more, ...first }) => [
		first,
		...(more ?? []).map((m) => ({ ...m, table: first.table }))
	]);
}

/**
 * Writes files in one transaction: `replace` first removes every stored file (new data replaced the
 * old as a whole); otherwise the files of a table replace only the stored files of their table.
 */
export async function writeStored(files: StoredFile[], replace: boolean): Promise<void> {
	const db = await open();
	const tx = db.transaction(FILES, 'readwrite');
	const store = tx.objectStore(FILES);
	if (replace) store.clear();
	const records = new Map<TableName, StoredRecord>();
	for (const f of files) {
		const first = records.get(f.table);
		if (!first) records.set(f.table, { ...f });
		else
			(first.more ??= []).push({
				name: f.name,
				size: f.size,
				blob: f.blob,
				mapping: f.mapping,
				importedAt: f.importedAt
			});
	}
	for (const r of records.values()) store.put(r);
	await done(tx);
}

/** Removes the stored files and the database itself. */
export async function clearStored(): Promise<void> {
	closeConnection();
	if (await storeExists()) await deleteDatabase(DB_NAME);
}

function deleteDatabase(name: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const req = indexedDB.deleteDatabase(name);
		req.onsuccess = () => resolve();
		req.onerror = () => reject(req.error);
		// Other tabs close their connection on `versionchange`; the deletion then goes on by itself.
		req.onblocked = () => {};
	});
}

export interface StoredInfo {
	files: number;
	bytes: number;
	names: string[];
	savedAt: string | null;
}

export function describeStored(files: StoredFile[]): StoredInfo {
	return {
		files: files.length,
		bytes: files.reduce((n, f) => n + f.size, 0),
		names: files.map((f) => f.name),
		savedAt:
			files
				.map((f) => f.importedAt)
				.sort()
				.at(-1) ?? null
	};
}

// ---------------------------------------------------------------------------------------------
// Forget everything

export interface RemovalReport {
	files: number;
	/** The stored files could not be read to be counted (they are removed all the same). */
	filesUnread?: boolean;
	bytes: number;
	profiles: number;
	settings: boolean;
	templates: number;
	/** Other `casemetrics.` keys, such as the "keep my data" choice. */
	otherKeys: number;
	databases: number;
	caches: number;
	cachedFiles: number;
}

export function formatBytes(bytes: number): string {
	if (bytes < 1000) return `${bytes} bytes`;
	if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
	if (bytes < 1_000_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
	return `${(bytes / 1_000_000_000).toFixed(2)} GB`;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "Removed: 2 stored files (1.3 MB), 3 import profiles, your settings, 1 report template." */
export function describeRemoval(r: RemovalReport): string {
	const parts: string[] = [];
	if (r.filesUnread) parts.push('your stored files (they could not be read to be counted)');
	else if (r.files) parts.push(`${plural(r.files, 'stored file')} (${formatBytes(r.bytes)})`);
	if (r.profiles) parts.push(plural(r.profiles, 'import profile'));
	if (r.settings) parts.push('your settings');
	if (r.templates) parts.push(plural(r.templates, 'report template'));
	if (r.cachedFiles) parts.push(`the offline copy of the app (${plural(r.cachedFiles, 'file')})`);
	if (parts.length === 0) return 'Nothing was stored on this computer: nothing to remove.';
	return `Removed: ${parts.join(', ')}.`;
}

function countArray(key: string): number {
	const v = load<unknown>(key, null);
	return Array.isArray(v) ? v.length : 0;
}

/**
 * Wipes everything Casemetrics stored in this browser: every IndexedDB database of this origin,
 * every localStorage key with the `casemetrics.` prefix and the service worker's caches. Returns
 * what it removed, counted before removing.
 */
export async function forgetEverything(): Promise<RemovalReport> {
	// Unreadable stored files are removed like the others; the report says they were not counted.
	const stored = await readStored().catch(() => null);
	const report: RemovalReport = {
		files: stored?.length ?? 0,
		filesUnread: stored === null,
		bytes: stored?.reduce((n, f) => n + f.size, 0) ?? 0,
		profiles: countArray('profiles'),
		settings: localStorage.getItem(STORAGE_PREFIX + 'settings') != null,
		templates: countArray('templates'),
		otherKeys: 0,
		databases: 0,
		caches: 0,
		cachedFiles: 0
	};
	closeConnection();
	const names =
		typeof indexedDB.databases === 'function'
			? (await indexedDB.databases()).map((d) => d.name).filter((n): n is string => !!n)
			: [DB_NAME];
	for (const name of names) await deleteDatabase(name);
	report.databases = names.length;
	const keys: string[] = [];
	for (let i = 0; i < localStorage.length; i++) {
		const key = localStorage.key(i);
		if (key?.startsWith(STORAGE_PREFIX)) keys.push(key);
	}
	for (const key of keys) localStorage.removeItem(key);
	report.otherKeys = keys.filter(
		(k) => !['profiles', 'settings', 'templates'].includes(k.slice(STORAGE_PREFIX.length))
	).length;
	if (globalThis.caches) {
		for (const name of await caches.keys()) {
			if (!name.startsWith(CACHE_PREFIX)) continue;
			report.cachedFiles += (await (await caches.open(name)).keys()).length;
			await caches.delete(name);
			report.caches++;
		}
	}
	return report;
}

// ---------------------------------------------------------------------------------------------
// Offline copy

let registering: Promise<unknown> | null = null;

/**
 * Registers the service worker (once per page), then tells it which of the app's own files this
 * page has used (the DuckDB worker and the sample files load before the worker controls the first
 * visit), so that it keeps them. Called once data is in, not at page load: installing caches the
 * app's whole shell, which on a first visit would compete with DuckDB's start for the two cores.
 */
export async function warmOfflineCache(): Promise<void> {
	const sw = globalThis.navigator?.serviceWorker;
	if (!sw) return;
	// SvelteKit's development server serves the worker as a module; the build, as a classic script.
	registering ??= sw.register(new URL('./service-worker.js', document.baseURI), {
		type: import.meta.env.DEV ? 'module' : 'classic'
	});
	await registering;
	const registration = await Promise.race([
		sw.ready,
		new Promise<null>((r) => setTimeout(() => r(null), 10_000))
	]);
	if (!registration?.active) return;
	const origin = location.origin;
	const urls = performance
		.getEntriesByType('resource')
		.map((e) => e.name)
		.filter((u) => u.startsWith(origin + '/'));
	registration.active.postMessage({ type: 'keep-used', urls });
}
