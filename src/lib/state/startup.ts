/**
 * The app's start-up, in order (`openWorkspace`, called once from hooks.client.ts):
 *
 * 1. The database starts (workspace.start: DuckDB's worker, begun in the page's head, then the
 *    canonical tables) and, at the same time, the tab asks for the workspace lock (persistence).
 * 2. On a first visit (nothing kept), the overview shows the sample's default view as the build
 *    computed it (`builtOverview`), and the sample's prepared tables are fetched meanwhile.
 * 3. The tab that holds the lock restores the files the user chose to keep, by the generic import.
 * 4. Nothing loaded: the bundled sample, one way: its tables as the build prepared them (Arrow
 *    streams, import/prepared.ts). Should they fail to load, the sample's CSV files go through the
 *    generic import, the only fallback.
 * 5. Once data is in, the service worker keeps an offline copy of the app (import-flow.svelte.ts).
 *
 * The sample's tables and overview are prepared by scripts/sample-build.ts, with the generic import
 * and the catalogue's queries, and served by vite.config.ts as `virtual:sample-prepared` and
 * `virtual:sample-overview`.
 */
import casesUrl from '../../../sample-data/cases.csv?url';
import goalsUrl from '../../../sample-data/goals.csv?url';
import eventsUrl from '../../../sample-data/events.csv?url';
import staffUrl from '../../../sample-data/staff.csv?url';
import overview from 'virtual:sample-overview';
import prepared from 'virtual:sample-prepared';
import type { PreparedOverview } from '../import/prepared';
import type { InputFile } from '../import/stage';
import type { TableName } from '../model/tables';
import { importFlow } from './import-flow.svelte';
import { leaving } from './leaving.svelte';
import { persistence } from './persistence.svelte';
import { STORAGE_PREFIX } from './storage';
import { workspace } from './workspace.svelte';

const SAMPLE = [
	{ name: 'cases.csv', url: casesUrl },
	{ name: 'goals.csv', url: goalsUrl },
	{ name: 'events.csv', url: eventsUrl },
	{ name: 'staff.csv', url: staffUrl }
];

/** localStorage key: '1' makes the page never show the build-time overview (for tests and measurements). */
export const SKIP_BUILT_OVERVIEW_KEY = `${STORAGE_PREFIX}skipBuiltOverview`;

/** The sample's default overview as the build computed it, unless switched off. */
export function builtOverview(): PreparedOverview | null {
	return globalThis.localStorage?.getItem(SKIP_BUILT_OVERVIEW_KEY) === '1' ? null : overview;
}

async function fetchBytes(url: string): Promise<Uint8Array> {
	const response = await fetch(url);
	if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
	return new Uint8Array(await response.arrayBuffer());
}

/** The bundled sample export's files (served by this app itself), for the generic import. */
function fetchSampleFiles(): Promise<InputFile[]> {
	return Promise.all(
		SAMPLE.map(async ({ name, url }) => {
			const data = await fetchBytes(url);
			return { name, size: data.length, data };
		})
	);
}

/** The sample's tables as the build prepared them (import/prepared.ts). */
async function fetchPrepared(): Promise<Partial<Record<TableName, Uint8Array>>> {
	const entries = Object.entries(prepared.urls).map(
		async ([table, url]) => [table, await fetchBytes(url!)] as const
	);
	return Object.fromEntries(await Promise.all(entries));
}

/** Step 4 (and the import page's "Load the sample data"): the prepared tables, or else the sample's files. */
export async function loadSample(): Promise<void> {
	performance.mark('sample:begin');
	if (!(await importFlow.loadPrepared(prepared.report, fetchPrepared()))) {
		let files: InputFile[];
		try {
			files = await fetchSampleFiles();
		} catch (error) {
			// Shown on the import screen, as any import's failure is.
			importFlow.fail(error);
			return;
		}
		await importFlow.stage(files, 'sample');
	}
	performance.mark('sample:loaded');
}

/** Steps 1 to 4, in order. */
async function startUp(): Promise<void> {
	const opened = persistence.open(workspace.start());
	// A first visit (nothing kept): the sample is fetched while the database starts, and its import
	// waits for the start (import-flow.svelte.ts).
	if (!persistence.keep) {
		await Promise.all([opened, loadSample()]);
		return;
	}
	await opened;
	if (workspace.origin === 'none' && importFlow.phase.name === 'idle') await loadSample();
}

/** Called once, as the app starts. A database that cannot start is shown by the layout (workspace.status). */
export function openWorkspace(): void {
	leaving.install();
	startUp().catch((error: unknown) => {
		if (workspace.status !== 'failed') throw error;
	});
}
