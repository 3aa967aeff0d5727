// `npm test`: every test. Unit tests run the real duckdb-wasm in Node; browser tests drive the
// built app in real headless Chromium. Finds (or, on Debian/Ubuntu as root, installs) Chromium.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { findChromium } from './browser-path.mjs';

function ensureChromium() {
	let found = findChromium();
	if (found) return found;
	const debian = existsSync('/etc/debian_version');
	const root = process.getuid?.() === 0;
	if (debian && root) {
		console.log(
			"No Chromium found: installing Debian's chromium package (apt-get install chromium)…"
		);
		execSync(
			'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils',
			{ stdio: 'inherit' }
		);
		found = findChromium();
	}
	if (!found) {
		console.error(
			'The browser tests need Chromium or Chrome. Install it (Debian/Ubuntu: sudo apt-get install chromium;\n' +
				'macOS: install Google Chrome) or point CHROME_PATH at the browser binary, then run npm test again.'
		);
		process.exit(1);
	}
	return found;
}

process.env.CHROME_PATH = ensureChromium();
console.log(`Browser: ${process.env.CHROME_PATH}`);
console.log('Type-checking…');
execSync('npx svelte-kit sync && npx svelte-check --threshold error --output human', {
	stdio: 'inherit'
});
// The benchmark imports the metric code but is no test; checking its types keeps it runnable.
execSync('npx tsc -p bench/tsconfig.json', { stdio: 'inherit' });
console.log('Linting (Prettier, ESLint)…');
execSync('npm run --silent lint', { stdio: 'inherit' });
console.log('Building the app…');
execSync('npx vite build', { stdio: ['ignore', 'ignore', 'inherit'] });
const args = [
	'vitest',
	'run',
	'--reporter=default',
	'--reporter=json',
	'--outputFile.json=tests/.artifacts/vitest.json',
	...process.argv.slice(2)
];
const run = spawnSync('npx', args, { stdio: 'inherit' });
try {
	const report = JSON.parse(readFileSync('tests/.artifacts/vitest.json', 'utf8'));
	console.log(`\n${report.numPassedTests} passed, ${report.numFailedTests} failed`);
} catch {
	// The runner's own output above says what went wrong.
}
process.exit(run.status ?? 1);
