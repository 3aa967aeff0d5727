/**
 * npm run bench:ab -- REV [--cold 5] [--imports 2] [--recomputes 4] [--cases 100000]
 *
 * This tree's build against REV's, alternating A and B in one run on one machine, so that both see
 * the same load: cold starts (first visit to the sample's overview) and, after an import of a
 * generated export, the overview's recompute after each filter change. A full `npm run bench`
 * measures one build; this answers "is the change no worse than its parent?", which figures from
 * runs an hour apart cannot (the same code gave 2.43 s and 3.40 s four minutes apart).
 *
 * REV is built in a temporary git worktree that borrows this tree's node_modules.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { serve } from '../scripts/serve.mjs';
import {
	ensureBuild,
	measureColdStart,
	measureImport,
	type App,
	type ImportRun
} from './lib/browser';
import { ensureDataset, ROOT } from './lib/data';

const { values: opts, positionals } = parseArgs({
	allowPositionals: true,
	options: {
		cold: { type: 'string', default: '5' },
		imports: { type: 'string', default: '2' },
		recomputes: { type: 'string', default: '4' },
		cases: { type: 'string', default: '100000' }
	}
});
const REV = positionals[0] ?? 'HEAD~1';
const OFFICES = ['Downtown', 'Eastgate', 'Riverside', 'Northside'];

/** REV's build/ copied out of a temporary worktree. */
function buildRevision(rev: string): string {
	const tree = mkdtempSync(path.join(os.tmpdir(), 'casemetrics-ab-tree-'));
	execFileSync('git', ['worktree', 'add', '--detach', '--force', tree, rev], {
		cwd: ROOT,
		stdio: 'ignore'
	});
	try {
		symlinkSync(path.join(ROOT, 'node_modules'), path.join(tree, 'node_modules'), 'dir');
		execFileSync('npx', ['vite', 'build'], { cwd: tree, stdio: 'ignore' });
		const out = mkdtempSync(path.join(os.tmpdir(), 'casemetrics-ab-build-'));
		cpSync(path.join(tree, 'build'), out, { recursive: true });
		return out;
	} finally {
		execFileSync('git', ['worktree', 'remove', '--force', tree], { cwd: ROOT, stdio: 'ignore' });
	}
}

async function serveDir(root: string): Promise<App> {
	const { server, url } = await serve({ port: 0, root });
	return { url, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const median = (xs: number[]): number => {
	const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
	if (!s.length) return NaN;
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (xs: number[]) => `${Math.round(median(xs))} ms (${xs.map(Math.round).join(' / ')})`;

async function main() {
	const oldBuild = buildRevision(REV);
	// This tree's build, copied so that a rebuild meanwhile is not measured half-written.
	await ensureBuild();
	const newBuild = mkdtempSync(path.join(os.tmpdir(), 'casemetrics-ab-build-'));
	cpSync(path.join(ROOT, 'build'), newBuild, { recursive: true });
	const apps = { A: await serveDir(oldBuild), B: await serveDir(newBuild) };
	const cold = { A: [] as number[], B: [] as number[] };
	const recompute = { A: [] as number[], B: [] as number[] };
	const imports = { A: [] as ImportRun[], B: [] as ImportRun[] };
	try {
		for (let i = 0; i < Number(opts.cold); i++) {
			for (const k of (i % 2 ? ['B', 'A'] : ['A', 'B']) as ('A' | 'B')[]) {
				cold[k].push((await measureColdStart(apps[k])).readyMs);
			}
		}
		const data = ensureDataset(Number(opts.cases));
		for (let i = 0; i < Number(opts.imports); i++) {
			for (const k of (i % 2 ? ['B', 'A'] : ['A', 'B']) as ('A' | 'B')[]) {
				const run = await measureImport(apps[k], data, OFFICES, Number(opts.recomputes));
				imports[k].push(run);
				recompute[k].push(...run.recompute.map((r) => r.ms));
			}
		}
	} finally {
		await Promise.all(Object.values(apps).map((a) => a.close()));
		for (const dir of [oldBuild, newBuild]) if (existsSync(dir)) rmSync(dir, { recursive: true });
	}
	console.log(`A = ${REV}, B = this tree; ${os.loadavg()[0].toFixed(1)} load average at the end`);
	if (cold.A.length) console.log(`cold start to the overview: A ${ms(cold.A)}; B ${ms(cold.B)}`);
	const cases = Number(opts.cases).toLocaleString('en-US');
	for (const [label, of] of [
		['import → overview', (r: ImportRun) => r.totalMs],
		['  selection → mapping', (r: ImportRun) => r.toMappingMs],
		['  confirm → report', (r: ImportRun) => r.afterConfirmMs],
		['  → overview ready', (r: ImportRun) => r.overviewMs]
	] as const) {
		const [a, b] = [imports.A.map(of), imports.B.map(of)];
		if (a.length)
			console.log(
				`${label} at ${cases} cases: A ${ms(a)}; B ${ms(b)}; B/A ${(median(b) / median(a)).toFixed(2)}`
			);
	}
	if (recompute.A.length)
		console.log(`recompute at ${cases} cases: A ${ms(recompute.A)}; B ${ms(recompute.B)}`);
	const ratio = (xs: Record<'A' | 'B', number[]>) =>
		xs.A.length ? (median(xs.B) / median(xs.A)).toFixed(2) : 'not measured';
	console.log(`ratios B/A: cold ${ratio(cold)}, recompute ${ratio(recompute)}`);
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
