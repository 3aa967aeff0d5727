/**
 * Excel workbooks through the importer: a seeded .xlsx (date cells as serial numbers, text dates,
 * a title row, a merged cell, a formula, two sheets) imports to the same tables as the equivalent
 * CSV, its problems carry the sheet's row numbers, and both date systems (1900, 1904) read right.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { utils, write } from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../scripts/metrics';
import { createNativeEngine } from '../../../src/lib/engine/native';
import type { Engine } from '../../../src/lib/engine/types';
import { importPaths } from '../../../src/lib/import/node';
import { workbookToCsv } from '../../../src/lib/import/xlsx';
import { seededExport } from './xlsx-fixture';

let engine: Engine;
let dir: string;
beforeAll(async () => {
	engine = await createNativeEngine({ threads: 2 });
	dir = mkdtempSync(path.join(tmpdir(), 'casemetrics-xlsx-'));
});
afterAll(async () => {
	await engine?.close();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('an Excel workbook', { timeout: 300_000 }, () => {
	it('imports to the same tables as the equivalent CSV, with the sheet’s row numbers', async () => {
		const { xlsx, csv } = seededExport();
		const book = path.join(dir, 'cases.xlsx');
		const text = path.join(dir, 'cases.csv');
		writeFileSync(book, xlsx);
		writeFileSync(text, csv);
		const snapshot = async () => ({
			cases: await engine.query('SELECT * FROM cases ORDER BY ALL'),
			issues: await engine.query(
				'SELECT line, "column", value, problem FROM import_issues ORDER BY ALL'
			)
		});
		const sheets: string[] = [];
		await importPaths(engine, { cases: text }, { today: '2026-12-01' });
		const fromCsv = await snapshot();
		await importPaths(
			engine,
			{ cases: book },
			{ today: '2026-12-01', onSheet: (file, c) => sheets.push(`${file}:${c.sheet}:${c.chosen}`) }
		);
		const fromXlsx = await snapshot();
		expect(sheets).toEqual(['cases.xlsx:Cases:proposed']);
		expect(fromCsv.cases).toHaveLength(119);
		expect(fromXlsx.cases).toEqual(fromCsv.cases);
		// Hand-checked cells: a time of day from a date cell, a text date, the merged office.
		const byId = Object.fromEntries(fromXlsx.cases.map((r) => [r.case_id, r]));
		expect(byId['C-0009'].office).toBe('South');
		expect(byId['C-0010'].office).toBe('South');
		expect(String(byId['C-0003'].opened_at)).toMatch(/ 09:30:00$/);
		// Case 7 is line 8 of the CSV and row 10 of the sheet (title, blank line, header above).
		const bad = (s: typeof fromCsv) =>
			s.issues.filter((i) => i.value === 'not a date').map((i) => [i.line, i.column]);
		expect(bad(fromCsv)).toEqual([[8, 'Date Opened']]);
		expect(bad(fromXlsx)).toEqual([[10, 'Date Opened']]);
	});

	it('reads serial dates in the 1900 and the 1904 date system', () => {
		const book = (date1904: boolean) => {
			const ws = utils.aoa_to_sheet([
				['Case ID', 'Date Opened'],
				['A', 0]
			]);
			// 45352 days: 2024-03-01 counted from 1899-12-30; 2028-03-02 counted from 1904-01-01.
			ws.A2 = { t: 's', v: 'A' };
			ws.B2 = { t: 'n', v: 45352, z: 'm/d/yy' };
			const wb = utils.book_new();
			utils.book_append_sheet(wb, ws, 'Sheet1');
			wb.Workbook = { WBProps: { date1904 } };
			return new Uint8Array(write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
		};
		expect(workbookToCsv(book(false), 'a.xlsx').csv).toBe('Case ID,Date Opened\nA,2024-03-01\n');
		expect(workbookToCsv(book(true), 'b.xlsx').csv).toBe('Case ID,Date Opened\nA,2028-03-02\n');
	});

	it('on the command line: --sheet chooses, an unknown sheet is named', async () => {
		const book = path.join(dir, 'cli.xlsx');
		writeFileSync(book, seededExport().xlsx);
		let err = '';
		let out = '';
		const io = { out: (t: string) => (out += t), err: (t: string) => (err += t) };
		expect(await main(['--cases', book, '--json'], io, { engine })).toBe(0);
		expect(err).toContain(
			'sheet: cli.xlsx "Cases" (looks most like a table); other sheets "Notes" (--sheet NAME)'
		);
		expect(JSON.parse(out).mapping[0]).toMatchObject({
			file: 'cli.xlsx (Cases)',
			sheet: 'Cases',
			rows: 119
		});
		err = '';
		expect(await main(['--cases', book, '--sheet', 'Summary'], io, { engine })).toBe(1);
		expect(err).toBe('cli.xlsx has no sheet "Summary". Its sheets: "Notes", "Cases".\n');
		err = '';
		expect(await main(['--cases', book, '--sheet', 'Cases'], io, { engine })).toBe(0);
		expect(err).toContain('sheet: cli.xlsx "Cases" (given)');
	});
});
