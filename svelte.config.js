import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { createHash } from 'node:crypto';
import { EARLY_WORKER_SCRIPT } from './src/lib/engine/early-worker.js';

/** The CSP allows the head's one script of ours by its hash (src/hooks.server.ts), no other inline script. */
const earlyWorkerHash = `sha256-${createHash('sha256').update(EARLY_WORKER_SCRIPT).digest('base64')}`;

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({
			pages: 'build',
			assets: 'build',
			fallback: 'index.html',
			precompress: false,
			strict: true
		}),
		// Relative asset paths let the build run from any folder of any file server or intranet share.
		paths: { relative: true },
		// Hash routing needs no server rewrite rules, so the build works from any file server or share.
		router: { type: 'hash' },
		// Registered by the app once data is in (lib/state/persist.ts), not at page load.
		serviceWorker: { register: false },
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', 'wasm-unsafe-eval', earlyWorkerHash],
				'worker-src': ['self', 'blob:'],
				'connect-src': ['self'],
				'img-src': ['self', 'data:', 'blob:'],
				'style-src': ['self', 'unsafe-inline'],
				'font-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		}
	}
};

export default config;
