/**
 * Writes docs/metrics.md from the metric catalogue: `npx tsx scripts/metrics-doc.ts`
 * (`--check` exits 1 when the committed file differs from a fresh generation).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderMetricsDoc } from '../src/lib/metrics/doc';

const target = fileURLToPath(new URL('../docs/metrics.md', import.meta.url));
const text = renderMetricsDoc();
if (process.argv.includes('--check')) {
	let current = '';
	try {
		current = readFileSync(target, 'utf8');
	} catch {
		// missing counts as different
	}
	if (current !== text) {
		console.error('docs/metrics.md is out of date: run npx tsx scripts/metrics-doc.ts');
		process.exit(1);
	}
	console.log('docs/metrics.md is up to date');
} else {
	writeFileSync(target, text);
	console.log(`wrote ${target}`);
}
