import type { Handle } from '@sveltejs/kit';
import workerEh from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import workerMvp from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import { EARLY_WORKER_SCRIPT } from '$lib/engine/early-worker.js';

// The app is a static build: this runs once, when the build writes its page (index.html), and in `vite dev`.
// Asset URLs are made relative, as the build's own (svelte.config.js: the app runs from any folder).
const relative = (url: string) => (url.startsWith('/') ? `.${url}` : url);
const attributes = `data-eh="${relative(workerEh)}" data-mvp="${relative(workerMvp)}"`;
const earlyWorker = `<script ${attributes}>${EARLY_WORKER_SCRIPT}</script>`;

/** Puts the script that starts DuckDB's worker (lib/engine/early-worker.js) into the page's head. */
export const handle: Handle = ({ event, resolve }) =>
	resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%casemetrics.early_worker%', earlyWorker)
	});
