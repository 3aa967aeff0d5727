import { sveltekit } from '@sveltejs/kit/vite';
import { runnerImport, type Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * `virtual:sample-overview`: the bundled sample's default overview, computed in Node when a page
 * first imports it (src/lib/state/sample-overview.ts), so that a first visit shows figures while
 * the database starts.
 */
function sampleOverviewModule(): Plugin {
	const id = 'virtual:sample-overview';
	let source: Promise<string> | null = null;
	return {
		name: 'casemetrics-sample-overview',
		resolveId: (name) => (name === id ? `\0${id}` : null),
		load(name) {
			if (name !== `\0${id}`) return null;
			// Loaded through Vite's module runner rather than imported by this file: the config stays
			// small, and the app's code is not bundled into it (nor checked against the config's rules).
			source ??= runnerImport<typeof import('./scripts/sample-overview')>('./scripts/sample-overview.ts', { configFile: false, logLevel: 'warn' })
				.then(({ module }) => module.sampleOverview())
				.then((overview) => `export default ${JSON.stringify(overview)};`);
			return source;
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), sampleOverviewModule()],
	// duckdb-wasm ships its own worker and wasm files; pre-bundling would break their asset URLs.
	optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
	// No inlined assets: sample CSVs must be real files of our origin (the CSP allows no data: fetches).
	build: { chunkSizeWarningLimit: 2000, assetsInlineLimit: 0 },
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['tests/unit/**/*.test.ts'],
					environment: 'node',
					testTimeout: 60_000,
					hookTimeout: 60_000
				}
			},
			{
				extends: true,
				test: {
					name: 'browser',
					include: ['tests/browser/**/*.test.ts'],
					environment: 'node',
					testTimeout: 120_000,
					hookTimeout: 120_000,
					// One Chromium at a time: the machines have two cores.
					fileParallelism: false
				}
			}
		]
	}
});
