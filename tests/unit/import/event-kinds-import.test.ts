/**
 * An event's kind is read from its label as imported (trimmed, placeholders emptied, white space
 * made one space): the build computes the label once and looks for the kind words in it.
 * Expectations by hand from EVENT_KIND_WORDS: first match wins, anything else is 'other'.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import { ensureModel, importAll } from '../../../src/lib/import/import';
import { EMPTY_DATASET } from '../../../src/lib/model/dataset';
import { textFile } from './files';

let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
	await ensureModel(engine);
});
afterAll(async () => engine.close());

it('gives each event the kind of its label', async () => {
	const labels = [
		'Court  Hearing', // two spaces made one; both words are a hearing's
		'  Client call ', // trimmed
		'Filing deadline',
		'Case conference review',
		'Home\tvisit',
		'N/A', // a placeholder: no kind, and an event needs one, so the row is left out
		'Lunch',
		'Review hearing' // review is looked for first
	];
	const events = labels.map((l, i) => `C1,E${i},"${l}",2024-02-0${i + 1}`).join('\n');
	await importAll(
		engine,
		[
			textFile('cases.csv', 'case_id,opened_at\nC1,2024-01-01\n'),
			textFile('events.csv', `case_id,event_id,event_type,due_date\n${events}\n`)
		],
		EMPTY_DATASET,
		{ today: '2026-12-01' }
	);
	const rows = await engine.query<{ kind: string | null }>(
		'SELECT kind FROM events ORDER BY due_at'
	);
	expect(rows.map((r) => r.kind)).toEqual([
		'hearing',
		'contact',
		'deadline',
		'review',
		'contact',
		'other',
		'review'
	]);
});
