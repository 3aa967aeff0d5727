import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sveltekit } from '@sveltejs/kit/vite';
import { runnerImport, type Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * The bundled sample prepared in Node when a page first imports it (scripts/sample-build.ts):
 * `virtual:sample-overview`, its default overview, so that a first visit shows figures while the
 * database starts; `virtual:sample-prepared`, its import report and the URLs of its tables as Arrow
 * streams (files Vite serves and hashes, as the sample's CSVs), so that its data loads without parsing.
 */
function sampleModules(): Plugin {
	const overviewId = 'virtual:sample-overview';
	const preparedId = 'virtual:sample-prepared';
	const streamsDir = path.resolve('node_modules/.casemetrics-sample');
	let built: Promise<import('./scripts/sample-build').SampleBuild> | null = null;
	// Loaded through Vite's module runner rather than imported by this file: the config stays small,
	// and the app's code is not bundled into it (nor checked against the config's rules).
	const build = () =>
		(built ??= runnerImport<typeof import('./scripts/sample-build')>('./scripts/sample-build.ts', {
			configFile: false,
			logLevel: 'warn'
		}).then(({ module }) => module.sampleBuild()));
	return {
		name: 'casemetrics-sample',
		resolveId: (name) => (name === overviewId || name === preparedId ? `\0${name}` : null),
		async load(name) {
			if (name === `\0${overviewId}`)
				return `export default ${JSON.stringify((await build()).overview)};`;
			if (name !== `\0${preparedId}`) return null;
			const { report, streams } = await build();
			mkdirSync(streamsDir, { recursive: true });
			const tables = Object.keys(streams);
			const imports = tables.map((table) => {
				const file = path.join(streamsDir, `sample-${table}.arrows`);
				writeFileSync(file, streams[table as keyof typeof streams]!);
				return `import ${table} from ${JSON.stringify(`${file}?url`)};`;
			});
			const module = `export default { report: ${JSON.stringify(report)}, urls: { ${tables.join(', ')} } };`;
			return `${imports.join('\n')}\n${module}`;
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), sampleModules()],
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
