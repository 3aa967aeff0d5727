import casesUrl from '../../../sample-data/cases.csv?url';
import goalsUrl from '../../../sample-data/goals.csv?url';
import eventsUrl from '../../../sample-data/events.csv?url';
import staffUrl from '../../../sample-data/staff.csv?url';
import type { InputFile } from '../import/stage';
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

/** Loads the bundled sample export. */
export async function loadSample(files: Promise<InputFile[]> = fetchSample()): Promise<void> {
	performance.mark('sample:begin');
	await workspace.loadBundled(await files);
	performance.mark('sample:loaded');
}

/**
 * Called once, as the app starts: starts the database and, on a first visit (nothing stored to
 * restore), shows the bundled sample so that there is something real to explore. The sample's
 * files are fetched while the database starts, unless the user keeps their own data.
 */
export function openWorkspace(): void {
	const files = workspace.keep ? null : fetchSample();
	files?.catch(() => {});
	workspace.start().then(
		() => {
			if (workspace.origin === 'none' && workspace.phase.name === 'idle') void loadSample(files ?? undefined);
		},
		() => {}
	);
}
