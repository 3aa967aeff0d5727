/**
 * The browser's local storage, the only place Casemetrics keeps anything between visits.
 * Keys share one prefix so that "forget everything" can find them all.
 */
export const STORAGE_PREFIX = 'casemetrics.';

/** Saved entries that could not be read, and why: the page says so (WorkspaceNotices.svelte). */
export const unreadable = new Map<string, string>();

export function load<T>(key: string, fallback: T): T {
	try {
		const text = globalThis.localStorage?.getItem(STORAGE_PREFIX + key);
		return text == null ? fallback : (JSON.parse(text) as T);
	} catch (error) {
		unreadable.set(key, error instanceof Error ? error.message : String(error));
		return fallback;
	}
}

export function save(key: string, value: unknown): void {
	globalThis.localStorage?.setItem(STORAGE_PREFIX + key, JSON.stringify(value));
}

export function remove(key: string): void {
	globalThis.localStorage?.removeItem(STORAGE_PREFIX + key);
}
