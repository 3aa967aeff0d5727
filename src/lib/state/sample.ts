import casesUrl from '../../../sample-data/cases.csv?url';
import goalsUrl from '../../../sample-data/goals.csv?url';
import eventsUrl from '../../../sample-data/events.csv?url';
import staffUrl from '../../../sample-data/staff.csv?url';
import prepared from 'virtual:sample-prepared';
import type { InputFile } from '../import/stage';
import type { TableName } from '../model/tables';
import { workspace } from './workspace.svelte';

const SAMPLE = [
	{ name: 'cases.csv', url: casesUrl },
	{ name: 'goals.csv', url: goalsUrl },
	{ name: 'events.csv', url: eventsUrl },
	{ name: 'staff.csv', url: staffUrl }
];

/** The bundled sample export's files (served by this app itself). */
function fetchSample(): Promise<InputFile[]> {
	return Promise.all(
		SAMPLE.map(async ({ name, url }) => {
			const data = new Uint8Array(await (await fetch(url)).arrayBuffer());
			return { name, size: data.length, data };
		})
	);
}

/** The sample's tables as the build prepared them (import/prepared.ts). */
async function fetchPrepared(): Promise<Partial<Record<TableName, Uint8Array>>> {
	const entries = Object.entries(prepared.urls).map(async ([table, url]) => {
		const response = await fetch(url!);
		if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
		return [table, new Uint8Array(await response.arrayBuffer())] as const;
	});
	return Object.fromEntries(await Promise.all(entries));
}

/** Loads the bundled sample: as the build prepared it, or else by importing its files. */
export async function loadSample(): Promise<void> {
	performance.mark('sample:begin');
	if (!(await workspace.loadPrepared(prepared.report, fetchPrepared())))
		await workspace.loadBundled(await fetchSample());
	performance.mark('sample:loaded');
}

/**
 * Called once, as the app starts: starts the database and, on a first visit (nothing stored to
 * restore), shows the bundled sample so that there is something real to explore.
 */
export function openWorkspace(): void {
	if (!workspace.keep) {
		// Nothing to restore: the sample's files are fetched and prepared while the database starts.
		workspace.start().catch(() => {});
		void loadSample();
		return;
	}
	workspace.start().then(
		() => {
			if (workspace.origin === 'none' && workspace.phase.name === 'idle') void loadSample();
		},
		() => {}
	);
}
