/**
 * Excel workbooks through the importer: a seeded .xlsx (date cells as serial numbers, text dates,
 * a title row, a merged cell, a formula, two sheets) imports to the same tables as the equivalent
 * CSV, its problems carry the sheet's row numbers, and both date systems (1900, 1904) read right.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { utils, write, type CellObject, type WorkSheet } from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../scripts/metrics';
import { createNativeEngine } from '../../../src/lib/engine/native';
import type { Engine } from '../../../src/lib/engine/types';
import { importPaths } from '../../../src/lib/import/node';
import { workbookToCsv } from '../../../src/lib/import/xlsx';

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

/** Excel's 1900-system serial of a UTC moment: days since 1899-12-30 (right for dates after 1900-02-28). */
const serial = (ms: number) => ms / 86_400_000 + 25_569;
const DAY = 86_400_000;

function random(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const iso = (ms: number) =>
	new Date(ms).toISOString().slice(0, 19).replace('T', ' ').replace(' 00:00:00', '');
const usDate = (ms: number) => {
	const d = new Date(ms);
	const p = (n: number) => String(n).padStart(2, '0');
	return `${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/${d.getUTCFullYear()}`;
};

const HEADER = ['Case ID', 'Date Opened', 'Date Closed', 'Case Type', 'Office', 'Satisfaction'];
const TYPES = ['Housing', 'Benefits', 'Family'];
const OFFICES = ['North', 'South', 'East'];

/**
 * 120 seeded cases as a workbook (sheet "Notes" first, then "Cases" with two title lines above
 * the header) and as the equivalent CSV. Opened: date cells, every third with a time of day;
 * closed: text "MM/DD/YYYY"; office: rows 10-12 one merged cell; satisfaction: a formula with its
 * saved value. Case 7's opening date is the text "not a date".
 */
function seededExport(): { xlsx: Uint8Array; csv: string } {
	const rng = random(2026);
	const start = Date.UTC(2024, 0, 1);
	const cells: CellObject[][] = [];
	const csv: string[][] = [HEADER];
	for (let i = 1; i <= 120; i++) {
		const opened = start + Math.floor(rng() * 600) * DAY + (i % 3 === 0 ? 9.5 * 3_600_000 : 0);
		const closed = rng() < 0.8 ? opened - (opened % DAY) + Math.floor(rng() * 90) * DAY : null;
		const type = TYPES[Math.floor(rng() * 3)];
		const office = i >= 8 && i <= 10 ? 'South' : OFFICES[Math.floor(rng() * 3)];
		const score = Math.floor(rng() * 11);
		const id = `C-${String(i).padStart(4, '0')}`;
		cells.push([
			{ t: 's', v: id },
			i === 7 ? { t: 's', v: 'not a date' } : { t: 'n', v: serial(opened), z: 'yyyy-mm-dd hh:mm' },
			closed === null ? { t: 'z' } : { t: 's', v: usDate(closed) },
			{ t: 's', v: type },
			// Rows 9 and 10 of the table lie under the merged cell that starts at row 8.
			i === 9 || i === 10 ? { t: 'z' } : { t: 's', v: office },
			{ t: 'n', v: score, f: `${score}+0` }
		]);
		csv.push([
			id,
			i === 7 ? 'not a date' : iso(opened),
			closed === null ? '' : usDate(closed),
			type,
			office,
			String(score)
		]);
	}
	const ws: WorkSheet = utils.aoa_to_sheet([['Open and closed cases, 2024-2025'], []]);
	utils.sheet_add_aoa(ws, [HEADER], { origin: 'A3' });
	utils.sheet_add_aoa(ws, cells, { origin: 'A4' });
	// Table rows 8-10 are sheet rows 11-13 (title, blank, header above): office column E.
	ws['!merges'] = [
		{ s: { r: 10, c: 4 }, e: { r: 12, c: 4 } },
		{ s: { r: 0, c: 0 }, e: { r: 0, c: 5 } }
	];
	const wb = utils.book_new();
	utils.book_append_sheet(
		wb,
		utils.aoa_to_sheet([['Exported from CaseDesk'], ['Do not edit']]),
		'Notes'
	);
	utils.book_append_sheet(wb, ws, 'Cases');
	const bytes = write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer;
	return { xlsx: new Uint8Array(bytes), csv: csv.map((r) => r.join(',')).join('\n') + '\n' };
}

describe('an Excel workbook', () => {
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
			file: 'cli.xlsx',
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
