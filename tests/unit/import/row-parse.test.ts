/**
 * The import cleans only the cells that need it (src/lib/import/row-parse.ts): a cell the first
 * look finds plain must be its own cleaned value, and odd cells must come out as full cleaning
 * gives them. Expectations by hand from the rules in values.ts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import { literal } from '../../../src/lib/engine/sql';
import type { Engine } from '../../../src/lib/engine/types';
import { importPaths } from '../../../src/lib/import/node';
import { ODD_TEXT_RE2 } from '../../../src/lib/import/row-parse';

let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
});
afterAll(async () => engine.close());

describe('the first look at a text cell', () => {
	it('finds every cell that cleaning changes, and no plain one', async () => {
		const odd = [
			' A1',
			'A1 ',
			'Ann  Lee',
			'Ann\tLee',
			'Ann\nLee',
			'\u00a0Ann',
			'N/A',
			'n/a',
			'NULL'
		]
			.concat(['-', '--', '?', '', '(Blank)', 'Unknown', 'Ann\u202eLee', 'x\u200b', '\u0007'])
			.concat(['NONE', 'nil', '#N/A', 'na']);
		const plain = [
			'A1',
			'Ann Lee',
			'n/a x',
			'Nan',
			'x?',
			'(blank) x',
			'José Núñez',
			'שרה כהן'
		].concat(['Total', '0', '-1', 'a-b', '2024-01-02', 'None of these']);
		const rows = await engine.query<{ v: string; odd: boolean }>(
			`SELECT v, regexp_matches(v, ${literal(ODD_TEXT_RE2)}) AS odd
			FROM (VALUES ${[...odd, ...plain].map((v) => `(${literal(v)})`).join(', ')}) t(v)`
		);
		expect(rows.filter((r) => r.odd).map((r) => r.v)).toEqual(odd);
		expect(rows.filter((r) => !r.odd).map((r) => r.v)).toEqual(plain);
	});
});

describe('an import of odd and plain cells', () => {
	it('gives the values and the report that cleaning every cell gives', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'row-parse-'));
		const cases = path.join(dir, 'cases.csv');
		writeFileSync(
			cases,
			[
				'Matter Number,Date Opened,Date Closed,Primary Advocate,Priority,Satisfaction (0-10)',
				' A1 ,01/13/2024, 01/20/2024 ,  Ann  Lee ,High,7',
				'A2,N/A,,Ann Lee,High, 8 ',
				'A3,01/14/2024,n/a,\u00a0Ann Lee,-,N/A',
				'TOTAL ,,,,,',
				' , N/A ,,-,,',
				'A4,01/15/2024,12/31/2030,Ben Okafor,Low, 10 ',
				'"A5",01/16/2024,01/01/2024,(blank),Low,9'
			].join('\n')
		);
		await importPaths(engine, { cases }, { today: '2026-01-01' });
		expect(
			await engine.query(
				`SELECT case_id, strftime(opened_at, '%Y-%m-%d') AS opened, strftime(closed_at, '%Y-%m-%d') AS closed,
				worker, priority, satisfaction FROM cases ORDER BY case_id`
			)
		).toEqual([
			// Trimmed id and date, inner spaces of a label made one.
			{
				case_id: 'A1',
				opened: '2024-01-13',
				closed: '2024-01-20',
				worker: 'Ann Lee',
				priority: 'High',
				satisfaction: 7
			},
			// "n/a", "-" and "N/A" are empty, a no-break space is trimmed.
			{
				case_id: 'A3',
				opened: '2024-01-14',
				closed: null,
				worker: 'Ann Lee',
				priority: null,
				satisfaction: null
			},
			{
				case_id: 'A4',
				opened: '2024-01-15',
				closed: '2030-12-31',
				worker: 'Ben Okafor',
				priority: 'Low',
				satisfaction: 10
			},
			{
				case_id: 'A5',
				opened: '2024-01-16',
				closed: '2024-01-01',
				worker: null,
				priority: 'Low',
				satisfaction: 9
			}
		]);
		expect(
			await engine.query(
				`SELECT line, "column", value, problem, action FROM import_issues
				WHERE file = 'cases.csv' AND line IS NOT NULL ORDER BY line, problem`
			)
		).toEqual([
			{
				line: 3,
				column: 'Date Opened',
				value: null,
				problem: 'no valid opened date',
				action: 'row left out'
			},
			{
				line: 5,
				column: null,
				value: null,
				problem: 'totals or summary row',
				action: 'row left out'
			},
			{ line: 6, column: null, value: null, problem: 'blank row', action: 'row left out' },
			{
				line: 7,
				column: 'Date Closed',
				value: '12/31/2030',
				problem: 'date in the future',
				action: 'kept'
			},
			{
				line: 8,
				column: 'Date Closed',
				value: '01/01/2024 < 01/16/2024',
				problem: 'closed before opened',
				action: 'kept'
			}
		]);
	});
});
