/**
 * The bundled sample's fast import (src/lib/import/bundled.ts) against the generic import of the
 * same files (sample-data/), on the real duckdb-wasm core: the same canonical tables row for row,
 * the same dataset information, the same date decisions.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import { literal } from '../../../src/lib/engine/sql';
import type { Engine, Row } from '../../../src/lib/engine/types';
import { importBundled, planBundled } from '../../../src/lib/import/bundled';
import { EVENT_KIND_WORDS, eventKindSql } from '../../../src/lib/import/event-kinds';
import {
	importAll,
	listIssues,
	type ImportReport,
	type ImportResult
} from '../../../src/lib/import/import';
import { importPaths, readInputFile } from '../../../src/lib/import/node';
import type { InputFile } from '../../../src/lib/import/stage';
import type { DatasetInfo } from '../../../src/lib/model/dataset';
import { TABLES, type TableName } from '../../../src/lib/model/tables';

const SAMPLE = path.resolve(import.meta.dirname, '../../../sample-data');
const NAMES: TableName[] = ['cases', 'goals', 'events', 'staff'];
const TODAY = '2026-11-29';

let engine: Engine;
let generic: ImportResult;
const genericRows = new Map<TableName, Row[]>();
let files: InputFile[];
let bundled: ImportReport | null;

/** Every row of a canonical table, in stored order, every declared column. */
const rowsOf = (table: TableName) =>
	engine.query(
		`SELECT ${TABLES[table].columns.map((c) => `"${c.name}"`).join(', ')} FROM "${table}" ORDER BY rowid`
	);
const withoutTimes = (d: DatasetInfo) =>
	Object.fromEntries(
		Object.entries(d.tables).map(([name, info]) => [name, { ...info, importedAt: undefined }])
	);

beforeAll(async () => {
	engine = await createNodeEngine();
	generic = await importPaths(
		engine,
		Object.fromEntries(NAMES.map((n) => [n, path.join(SAMPLE, `${n}.csv`)])),
		{ today: TODAY }
	);
	for (const n of NAMES) genericRows.set(n, await rowsOf(n));
	await engine.exec('DELETE FROM cases; DELETE FROM goals; DELETE FROM events; DELETE FROM staff');
	// In the order the app fetches them (src/lib/state/sample.ts).
	files = await Promise.all(NAMES.map((n) => readInputFile(path.join(SAMPLE, `${n}.csv`))));
	bundled = await importBundled(engine, (await planBundled(files))!);
}, 120_000);
afterAll(async () => engine?.close());

describe('the bundled sample imported in one typed read per table', () => {
	it('is taken by the fast import (not refused)', () => {
		expect(bundled).not.toBeNull();
		expect(generic.issueTotal).toBe(0);
	});

	it('gives every canonical table exactly as the generic import does, row for row', async () => {
		for (const n of NAMES) {
			const rows = await rowsOf(n);
			expect(rows.length, n).toBe(genericRows.get(n)!.length);
			expect(rows, n).toEqual(genericRows.get(n));
		}
		// Real content, not two empty tables: 5,000 cases, canonical event kinds, parsed times.
		expect(genericRows.get('cases')!.length).toBe(5000);
		expect(new Set(genericRows.get('events')!.map((r) => r.kind))).toEqual(
			new Set(['contact', 'review', 'deadline', 'hearing', 'other'])
		);
		expect(genericRows.get('cases')![0]).toMatchObject({
			case_id: '23-0000001',
			opened_at: '2023-10-02 00:00:00',
			closed_at: '2023-10-21 00:00:00',
			worker: 'Laura Chen'
		});
	});

	it('describes the data exactly as the generic import does (import times aside)', () => {
		expect(withoutTimes(bundled!.dataset)).toEqual(withoutTimes(generic.dataset));
		expect(bundled!.dataset.tables.cases!.columns.first_contact_at).toMatchObject({
			hasTime: true
		});
		expect(bundled!.dataset.tables.cases!.columns.opened_at).toMatchObject({
			hasTime: false,
			formats: ['%m/%d/%Y']
		});
	});

	it('reports the same tables and date decisions, and no problems', async () => {
		const report = (r: ImportReport) =>
			r.tables.map((t) => ({
				mapping: t.mapping,
				dates: t.dates,
				rows: t.info.rows,
				file: t.info.fileName
			}));
		expect(report(bundled!)).toEqual(report(generic));
		expect(bundled!.issueTotal).toBe(0);
		expect(await listIssues(engine)).toEqual([]);
	});

	it('refuses files that need the generic import, and changes nothing', async () => {
		const cases = new TextDecoder().decode(files[0].data as Uint8Array);
		const altered = (text: string): InputFile[] => {
			const data = new TextEncoder().encode(text);
			return [{ name: 'cases.csv', size: data.length, data }, ...files.slice(1)];
		};
		const [header, first, ...rest] = cases.split('\n');
		// A satisfaction score that is not a number; an opened date that is not a date; a placeholder date.
		for (const line of [
			first.replace(/,10$/, ',ten'),
			first.replace('10/02/2023', '10/02/20x3'),
			first.replace('10/21/2023', 'N/A')
		]) {
			expect(line).not.toBe(first);
			const plan = await planBundled(altered([header, line, ...rest].join('\n')));
			expect(plan).not.toBeNull();
			expect(await importBundled(engine, plan!)).toBeNull();
		}
		expect(await rowsOf('cases')).toEqual(genericRows.get('cases'));
		expect(
			await engine.query(
				"SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name LIKE 'bundled_%'"
			)
		).toEqual([{ n: 0 }]);
	});
});

describe('event kinds', () => {
	it('the bundled import gives every label the kind the generic import gives it', async () => {
		const words = EVENT_KIND_WORDS.flatMap(([, w]) => w);
		// Each word alone, capitalised inside a label, two words of different kinds (first match wins), none.
		const labels = [
			...words,
			...words.map((w) => `Client ${w[0].toUpperCase()}${w.slice(1)} (urgent)`),
			'Court review',
			'Filing call',
			'Hearing deadline',
			'Other',
			'Misc note'
		];
		const csv = `Matter Number,Event Type,Due Date\n${labels.map((l) => `23-0000001,${l},01/02/2024`).join('\n')}\n`;
		const data = new TextEncoder().encode(csv);
		const result = await importAll(
			engine,
			[{ name: 'events.csv', size: data.length, data }],
			generic.dataset,
			{ today: TODAY }
		);
		expect(result.dataset.tables.events!.rows).toBe(labels.length);
		const generic_ = (
			await engine.query<{ kind: string }>('SELECT kind FROM events ORDER BY rowid')
		).map((r) => r.kind);
		const ours = (
			await engine.query<Record<string, string>>(
				`SELECT ${labels.map((l, i) => `${eventKindSql(literal(l))} AS k${i}`).join(', ')}`
			)
		)[0];
		expect(labels.map((_, i) => ours[`k${i}`])).toEqual(generic_);
		expect(generic_.slice(-5)).toEqual(['review', 'deadline', 'hearing', 'other', 'other']);
	});
});
