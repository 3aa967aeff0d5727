/**
 * Benchmark inputs: deterministic case exports made by the sample-data generator
 * (scripts/generate-sample.ts), one folder per size under bench/data/ (git-ignored).
 * A folder is reused when its meta.json records the same size, seed, end date and years
 * and the same generator source (hashed), so a changed generator makes new files.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SAMPLE } from '../../scripts/sample/generate';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const DATA_DIR = path.join(ROOT, 'bench', 'data');
export const FILES = ['cases', 'goals', 'events', 'staff'] as const;
export type FileKind = (typeof FILES)[number];

export interface Dataset {
	cases: number;
	dir: string;
	paths: Record<FileKind, string>;
	bytes: Record<FileKind, number>;
	rows: Record<FileKind, number>;
	reused: boolean;
}

function generatorHash(): string {
	const h = createHash('sha256');
	const sources = readdirSync(path.join(ROOT, 'scripts', 'sample'))
		.filter((name) => name.endsWith('.ts'))
		.sort()
		.map((name) => path.join('scripts', 'sample', name));
	for (const f of [...sources, 'scripts/generate-sample.ts'])
		h.update(readFileSync(path.join(ROOT, f)));
	return h.digest('hex').slice(0, 16);
}

function label(cases: number): string {
	return cases % 1_000_000 === 0
		? `${cases / 1_000_000}m`
		: cases % 1000 === 0
			? `${cases / 1000}k`
			: String(cases);
}

export function ensureDataset(cases: number, seed = DEFAULT_SAMPLE.seed): Dataset {
	const dir = path.join(DATA_DIR, label(cases));
	const metaPath = path.join(dir, 'meta.json');
	const want = {
		cases,
		seed,
		end: DEFAULT_SAMPLE.end,
		years: DEFAULT_SAMPLE.years,
		generator: generatorHash()
	};
	const paths = Object.fromEntries(FILES.map((f) => [f, path.join(dir, `${f}.csv`)])) as Record<
		FileKind,
		string
	>;
	let meta: (typeof want & { rows: Record<FileKind, number> }) | null = null;
	try {
		meta = JSON.parse(readFileSync(metaPath, 'utf8'));
	} catch {
		meta = null;
	}
	const same =
		meta &&
		(Object.keys(want) as (keyof typeof want)[]).every((k) => meta![k] === want[k]) &&
		FILES.every((f) => existsSync(paths[f]));
	if (!same) {
		console.log(
			`generating ${cases.toLocaleString('en-US')} cases (seed ${seed}) into ${path.relative(ROOT, dir)}/ …`
		);
		const run = spawnSync(
			'npx',
			[
				'tsx',
				'scripts/generate-sample.ts',
				'--cases',
				String(cases),
				'--seed',
				String(seed),
				'--out',
				dir
			],
			{
				cwd: ROOT,
				encoding: 'utf8'
			}
		);
		if (run.status !== 0) throw new Error(`generator failed: ${run.stderr}`);
		const rows = {} as Record<FileKind, number>;
		for (const f of FILES)
			rows[f] = Number(
				new RegExp(`${f}\\.csv\\s+([\\d,]+) rows`).exec(run.stdout)?.[1].replace(/,/g, '') ?? NaN
			);
		meta = { ...want, rows };
		writeFileSync(metaPath, JSON.stringify(meta, null, 2) + '\n');
	}
	const bytes = Object.fromEntries(FILES.map((f) => [f, statSync(paths[f]).size])) as Record<
		FileKind,
		number
	>;
	return { cases, dir, paths, bytes, rows: meta!.rows, reused: Boolean(same) };
}

if (process.argv[1] === import.meta.filename) {
	for (const n of process.argv.slice(2).map(Number)) {
		const t = performance.now();
		const d = ensureDataset(n);
		console.log(
			label(n),
			d.reused ? 'reused' : `generated in ${((performance.now() - t) / 1000).toFixed(1)} s`,
			d.rows,
			d.bytes
		);
	}
}

/**
 * Writes `text` between the `<!-- name:begin -->` and `<!-- name:end -->` markers of bench/README.md
 * (appending them under `heading` the first time), then lets Prettier align the tables, so that
 * `npm run lint` stays green after a run.
 */
export function writeReadmeSection(name: string, heading: string, text: string): void {
	const [begin, end] = [`<!-- ${name}:begin -->`, `<!-- ${name}:end -->`];
	const readmePath = path.join(ROOT, 'bench', 'README.md');
	const readme = readFileSync(readmePath, 'utf8');
	const section = `${begin}\n${text}\n${end}`;
	writeFileSync(
		readmePath,
		readme.includes(begin)
			? readme.replace(new RegExp(`${begin}[\\s\\S]*?${end}`), section)
			: `${readme.trimEnd()}\n\n${heading}\n\n${section}\n`
	);
	formatDocs(readmePath);
}

/** Prettier over written Markdown (tables written by hand come out aligned). */
export function formatDocs(...files: string[]): void {
	spawnSync('npx', ['prettier', '--write', ...files], { cwd: ROOT, stdio: 'ignore' });
}
