/**
 * The unit tests alone, for mutation testing (stryker.config.json): Stryker's vitest runner takes one
 * config file and no project name, so this is the `unit` project of vite.config.ts on its own, with
 * the app's Vite plugins. MUTATION_TESTS (a glob) narrows the tests for a quick run.
 */
import { defineConfig } from 'vitest/config';
import base from './vite.config';

export default defineConfig({
	plugins: base.plugins,
	optimizeDeps: base.optimizeDeps,
	test: {
		include: [process.env.MUTATION_TESTS ?? 'tests/unit/**/*.test.ts'],
		environment: 'node',
		testTimeout: 60_000,
		hookTimeout: 60_000
	}
});
