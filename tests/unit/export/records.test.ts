/**
 * A case list's two exports hold one shape: the CSV and the .xlsx carry the same worded headers
 * and outcomes, with formula-like text neutralised in both. The CSV is parsed with papaparse and
 * the workbook with SheetJS; the expectations are written by hand.
 */
import Papa from 'papaparse';
import { read, utils } from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../src/lib/export/csv';
import { wordedRecords } from '../../../src/lib/export/records';
import { recordsSheet, workbookBytes } from '../../../src/lib/export/xlsx';

const COLUMNS = ['case_id', 'worker', 'due', 'outcome', 'days_late'];
const ROWS = [
	{ case_id: 'C-1', worker: '=SUM(1+1)', due: '2026-03-02', outcome: 'not_done', days_late: 4 },
	{ case_id: 'C-2', worker: 'Ann', due: '2026-03-05', outcome: 'met', days_late: 0 },
	{ case_id: 'C-3', worker: '@cmd', due: null, outcome: 'late', days_late: 1.5 }
];

/** What both files must hold, written by hand: worded headers and outcomes, formulas defused. */
const HEADERS = ['case id', 'worker', 'due', 'outcome', 'days late'];
const EXPECTED = [
	['C-1', "'=SUM(1+1)", '2026-03-02', 'not done', 4],
	['C-2', 'Ann', '2026-03-05', 'met', 0],
	['C-3', "'@cmd", null, 'done late', 1.5]
];

describe('a case list exported as CSV and as .xlsx', () => {
	const worded = wordedRecords(COLUMNS, ROWS);

	it('words the headers and the outcome codes', () => {
		expect(worded.headers).toEqual(HEADERS);
		expect(worded.rows.map((r) => r.outcome)).toEqual(['not done', 'met', 'done late']);
		// The engine's rows are left as they are.
		expect(ROWS[0].outcome).toBe('not_done');
	});

	it('the CSV parses back to the worded table, formulas neutralised', () => {
		const csv = toCsv(COLUMNS, worded.rows, worded.headers);
		const parsed = Papa.parse<string[]>(csv.trim(), { dynamicTyping: true }).data;
		expect(parsed[0]).toEqual(HEADERS);
		expect(parsed.slice(1)).toEqual(EXPECTED);
	});

	it('the .xlsx parses back to the same table, its dates as dates', async () => {
		const bytes = await workbookBytes([
			recordsSheet('Cases', COLUMNS, worded.rows, worded.headers)
		]);
		const wb = read(bytes, { type: 'array', cellDates: true });
		const rows = utils
			.sheet_to_json<unknown[]>(wb.Sheets.Cases, { header: 1, raw: true, defval: null })
			.map((r) => r.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v)));
		expect(rows[0]).toEqual(HEADERS);
		expect(rows.slice(1)).toEqual(EXPECTED);
		expect(wb.Sheets.Cases.C2.t).toBe('d');
	});
});
