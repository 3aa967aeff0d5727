// Plain JavaScript: svelte.config.js reads it too, to allow the script by its hash in the page's CSP.

/**
 * Where the page's head leaves the DuckDB worker it started: `{ bundle: 'eh' | 'mvp', worker }`.
 * @type {'__casemetricsDuckdbWorker'}
 */
export const EARLY_WORKER_GLOBAL = '__casemetricsDuckdbWorker';

/**
 * A tiny wasm module that uses exception handling: it validates where DuckDB's EH build can run.
 * The same probe as duckdb-wasm's selectBundle; the service worker uses it too.
 */
export const WASM_EXCEPTIONS_PROBE = [
	0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 8, 1, 6, 0, 6, 64, 25, 11, 11
];

/**
 * The script the page's head runs before the app's modules have loaded (src/hooks.server.ts puts it
 * there, with the two worker URLs as data attributes). The worker's 0.8 MB of JavaScript then loads
 * while the app does, and is ready for the wasm the moment the app asks: a few hundred
 * milliseconds sooner on a cold start. Its text is constant, so that one CSP hash allows it. It picks the build as
 * duckdb-wasm's selectBundle does (exception handling where wasm exceptions validate); should it
 * fail, the engine starts its worker itself.
 */
export const EARLY_WORKER_SCRIPT = `(function () {
	try {
		var urls = document.currentScript.dataset, eh = false;
		try { eh = WebAssembly.validate(new Uint8Array([${WASM_EXCEPTIONS_PROBE.join(', ')}])); } catch (e) {}
		var bundle = eh ? 'eh' : 'mvp';
		window.${EARLY_WORKER_GLOBAL} = { bundle: bundle, worker: new Worker(new URL(urls[bundle], document.baseURI)) };
		performance.mark('engine:worker');
	} catch (e) {}
})();`;
