/**
 * Times the overview (computeOverview from the facts and from the cube after a filter change, and
 * the facts' and cube's builds) of this tree against another copy of src/lib/metrics, in the same
 * run, alternating, on one engine; prints the medians. Not a test: the machine's load decides the
 * numbers, only their ratio means something.
 *
 *   npx tsx scripts/overview-timing.ts --data /tmp/s100k --old /tmp/oldsrc/src/lib/metrics [--rounds 7]
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createNodeEngine } from '../src/lib/engine/node';
import { importPaths } from '../src/lib/import/node';
import * as current from '../src/lib/metrics/overview';
import { defaultScope, previousPeriod, yearEarlier, type Scope } from '../src/lib/metrics/scope';
import { defaultSettings } from '../src/lib/metrics/settings';

type Overview = typeof current;

function arg(name: string, fallback?: string): string {
	const i = process.argv.indexOf(`--${name}`);
	if (i >= 0 && process.argv[i + 1]) return process.argv[i + 1];
	if (fallback === undefined) throw new Error(`--${name} is required`);
	return fallback;
}

const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main(): Promise<void> {
	const data = arg('data');
	const old = (await import(pathToFileURL(`${arg('old')}/overview.ts`).href)) as Overview;
	const rounds = Number(arg('rounds', '7'));
	const engine = await createNodeEngine();
	const { dataset } = await importPaths(engine, {
		cases: `${data}/cases.csv`,
		goals: `${data}/goals.csv`,
		events: `${data}/events.csv`,
		staff: `${data}/staff.csv`
	});
	const base = await defaultScope(engine, dataset);
	const [office] = await engine.query<{ office: string }>(
		'SELECT office FROM cases WHERE office IS NOT NULL GROUP BY office ORDER BY count(*) DESC LIMIT 1'
	);
	// The tiles' scopes after a filter change: the period, the previous one and a year earlier.
	const filtered: Scope = { ...base, filters: { ...base.filters, office: [office.office] } };
	const scopes = [filtered, previousPeriod(filtered), yearEarlier(filtered)];
	const ctx = { scope: filtered, settings: defaultSettings(), dataset };
	const times: Record<string, number[]> = {};
	const time = async <T>(key: string, f: () => Promise<T>): Promise<T> => {
		const t = performance.now();
		const out = await f();
		(times[key] ??= []).push(performance.now() - t);
		return out;
	};
	const versions: [string, Overview][] = [
		['old', old],
		['new', current]
	];
	for (let r = 0; r < rounds; r++) {
		for (const [name, o] of r % 2 ? [...versions].reverse() : versions) {
			await time(`${name} facts build`, () => o.prepareOverview(engine, dataset));
			const unfiltered = scopes.map((s) => ({ ...s, filters: base.filters }));
			const cube = await time(`${name} cube build`, () => o.prepareCube(engine, ctx, unfiltered));
			for (let k = 0; k < 3; k++) {
				await time(`${name} recompute from facts`, () => o.computeOverview(engine, ctx, scopes));
				await time(`${name} recompute from cube`, () =>
					o.computeOverview(engine, ctx, scopes, cube)
				);
			}
		}
	}
	for (const [key, xs] of Object.entries(times).sort())
		console.log(
			`${key.padEnd(28)} median ${median(xs).toFixed(1).padStart(8)} ms  (n=${xs.length})`
		);
	await engine.close();
}

await main();
