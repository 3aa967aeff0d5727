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

/** Loads the bundled sample export (served by this app itself). */
export async function loadSample(): Promise<void> {
	performance.mark('sample:begin');
	const files: InputFile[] = await Promise.all(
		SAMPLE.map(async ({ name, url }) => {
			const data = new Uint8Array(await (await fetch(url)).arrayBuffer());
			return { name, size: data.length, data };
		})
	);
	performance.mark('sample:fetched');
	await workspace.loadBundled(files);
	performance.mark('sample:loaded');
}
