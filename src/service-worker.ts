/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Offline copy of the app's own files, so that Casemetrics starts and imports with the network off.
 *
 * - The small shell (index.html, JS, CSS) is precached on install.
 * - The large files (DuckDB's wasm and worker, the sample CSVs) are cached on first use: when the page
 *   fetches them through this worker, or, on the first visit (before this worker controls the page),
 *   when the page reports what it used. Only the DuckDB variant this browser runs is kept: never both
 *   34 MB wasm builds.
 * - Only GET requests for this origin's own build files are answered; requests to any other origin
 *   are never touched. Nothing here ever holds case data.
 */
import { build, files, version } from '$service-worker';
import { WASM_EXCEPTIONS_PROBE } from '$lib/engine/early-worker.js';

const sw = self as unknown as ServiceWorkerGlobalScope;
const PREFIX = 'casemetrics-';
const SHELL = `${PREFIX}shell-${version}`;
const LARGE = `${PREFIX}large-${version}`;

const isLarge = (path: string) =>
	/\.(wasm|csv)$/.test(path) || /duckdb-browser-[\w-]+\.worker\.[\w-]+\.js$/.test(path);
/** The app's page: with hash routing there is one, the scope's root (index.html). */
const root = new URL('./', sw.location.href).pathname;
const own = new Set([...build, ...files].map((p) => new URL(p, sw.location.href).pathname));
const shell = [root, ...[...build, ...files].filter((p) => !isLarge(p))];

/**
 * Without a report from the page, the build DuckDB picks here: exception handling where wasm
 * exceptions work (the same test as duckdb-wasm), else MVP.
 */
const wasmExceptions = (() => {
	try {
		return WebAssembly.validate(new Uint8Array(WASM_EXCEPTIONS_PROBE));
	} catch {
		return false;
	}
})();
const VARIANT = /duckdb-(?:browser-)?(eh|mvp)\./;

sw.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			const cache = await caches.open(SHELL);
			await cache.addAll(shell);
			await sw.skipWaiting();
		})()
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) {
				if (key.startsWith(PREFIX) && key !== SHELL && key !== LARGE) await caches.delete(key);
			}
			await sw.clients.claim();
		})()
	);
});

async function keep(request: Request | string, response: Response, path: string): Promise<void> {
	if (!response.ok || response.type !== 'basic') return;
	const cache = await caches.open(isLarge(path) ? LARGE : SHELL);
	await cache.put(request, response);
}

async function fromCacheFirst(event: FetchEvent, path: string): Promise<Response> {
	const cached = await caches.match(event.request, { ignoreSearch: true });
	if (cached) return cached;
	const response = await fetch(event.request);
	// A copy that cannot be kept fails only this waitUntil (the browser reports it); the page has its file.
	event.waitUntil(keep(event.request, response.clone(), path));
	return response;
}

/** The page: the network's newest when it answers, else the cached copy. */
async function page(event: FetchEvent): Promise<Response> {
	try {
		const response = await fetch(event.request);
		if (response.ok) event.waitUntil(keep(root, response.clone(), root));
		return response;
	} catch (error) {
		const cached =
			(await caches.match(root)) ?? (await caches.match(event.request, { ignoreSearch: true }));
		if (cached) return cached;
		throw error;
	}
}

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	// Never touch any other origin.
	if (url.origin !== sw.location.origin) return;
	if (
		request.mode === 'navigate' &&
		(url.pathname === root || url.pathname === `${root}index.html`)
	) {
		event.respondWith(page(event));
		return;
	}
	if (!own.has(url.pathname) || request.headers.has('range')) return;
	event.respondWith(fromCacheFirst(event, url.pathname));
});

/** The page reports the app files it fetched before this worker controlled it (first visit). */
sw.addEventListener('message', (event) => {
	const data = event.data as { type?: string; urls?: unknown } | null;
	if (data?.type !== 'keep-used' || !Array.isArray(data.urls)) return;
	const paths = new Set<string>();
	for (const u of data.urls) {
		if (typeof u !== 'string') continue;
		const url = new URL(u, sw.location.href);
		if (url.origin === sw.location.origin && own.has(url.pathname)) paths.add(url.pathname);
	}
	// DuckDB's wasm is fetched by its worker, which the page's list does not show: the files of the
	// variant whose worker the page started.
	const started = [...paths].map((p) => VARIANT.exec(p)?.[1]).find(Boolean);
	const variant = started ?? (wasmExceptions ? 'eh' : 'mvp');
	for (const p of own) if (VARIANT.exec(p)?.[1] === variant) paths.add(p);
	event.waitUntil(
		(async () => {
			// Every file is tried; those that could not be kept are reported together at the end.
			const failed: unknown[] = [];
			for (const path of paths) {
				if (await caches.match(path)) continue;
				await fetch(path)
					.then((response) => keep(path, response, path))
					.catch((error: unknown) => failed.push(error));
			}
			if (failed.length)
				throw new AggregateError(failed, `${failed.length} files were not kept offline`);
		})()
	);
});
