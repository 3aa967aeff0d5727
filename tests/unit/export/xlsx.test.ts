/**
 * The .xlsx export, written and read back with the same library (SheetJS): the table comes back as
 * shown, formula-like text is neutralised as in the CSV export, bidi controls are shown as their
 * code, dates are Excel dates (a serial with a date format), numbers are numbers.
 */
import { read, utils, type WorkBook } from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import {
	excelSerial,
	recordsSheet,
	workbookBytes,
	type XlsxSheet
} from '../../../src/lib/export/xlsx';
import { figuresSheet, reportTableSheet } from '../../../src/lib/report/sheets';
import type { FigureRow, ReportTable } from '../../../src/lib/report/model-types';

async function roundTrip(sheets: XlsxSheet[], dates = false): Promise<WorkBook> {
	return read(await workbookBytes(sheets), { type: 'array', cellDates: dates, cellNF: true });
}

/** The sheet's rows as values; SheetJS gives a date-formatted cell as a Date, read here as its ISO day. */
const rowsOf = (wb: WorkBook, i = 0) =>
	utils
		.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[i]], { header: 1, raw: true })
		.map((r) => r.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v)));

describe('Excel date serials (hand-computed: 2000-01-01 is day 36526 of the 1900 system)', () => {
	it('dates and timestamps', () => {
		expect(excelSerial('2000-01-01')).toEqual({ serial: 36526, time: false });
		expect(excelSerial('2024-02-29 12:00:00')).toEqual({ serial: 45351.5, time: true });
		expect(excelSerial('2024-02-30')).toBeNull();
		expect(excelSerial('2024-02-29x')).toBeNull();
		expect(excelSerial('14-00087496')).toBeNull();
	});
});

describe('a case list as .xlsx', () => {
	const hostile = [
		'=HYPERLINK("http://evil.example","click")',
		"+cmd|' /C calc'!A0",
		'@SUM(A1:A9)',
		'-2+3',
		'Ann\u202Eyrrab'
	];
	const sheet = recordsSheet(
		'Cases',
		['case_id', 'worker', 'opened_at', 'due', 'days_left', 'open'],
		hostile.map((worker, i) => ({
			case_id: `C-${i + 1}`,
			worker,
			opened_at: '2024-02-29 12:00:00',
			due: '2000-01-01',
			days_left: i - 2,
			open: i % 2 === 0
		})),
		['Case', 'Worker', 'Opened', 'Due', 'Days left', 'Open']
	);

	it('parses back to the header and rows, text neutralised as in CSV', async () => {
		const wb = await roundTrip([sheet]);
		expect(wb.SheetNames).toEqual(['Cases']);
		const rows = rowsOf(wb);
		expect(rows[0]).toEqual(['Case', 'Worker', 'Opened', 'Due', 'Days left', 'Open']);
		expect(rows.slice(1).map((r) => r[1])).toEqual([
			'\'=HYPERLINK("http://evil.example","click")',
			"'+cmd|' /C calc'!A0",
			"'@SUM(A1:A9)",
			"'-2+3",
			'Ann[U+202E]yrrab'
		]);
		expect(rows.slice(1).map((r) => r[0])).toEqual(['C-1', 'C-2', 'C-3', 'C-4', 'C-5']);
		// Numbers and booleans keep their type.
		expect(rows.slice(1).map((r) => r[4])).toEqual([-2, -1, 0, 1, 2]);
		expect(rows.slice(1).map((r) => r[5])).toEqual([true, false, true, false, true]);
	});

	it('no cell is a formula, every text cell is a string', async () => {
		const ws = (await roundTrip([sheet])).Sheets.Cases;
		for (const [ref, cell] of Object.entries(ws)) {
			if (ref.startsWith('!')) continue;
			expect(cell.f, ref).toBeUndefined();
		}
		expect(ws.B2.t).toBe('s');
	});

	it('dates are numbers with a date format, and read back as dates', async () => {
		const ws = (await roundTrip([sheet])).Sheets.Cases;
		expect(ws.D2).toMatchObject({ t: 'n', v: 36526, z: 'yyyy-mm-dd' });
		expect(ws.C2).toMatchObject({ t: 'n', v: 45351.5, z: 'yyyy-mm-dd hh:mm' });
		expect(ws.D2.w).toBe('2000-01-01');
		const asDates = (await roundTrip([sheet], true)).Sheets.Cases;
		expect(asDates.D2.t).toBe('d');
		expect((asDates.D2.v as Date).toISOString().slice(0, 10)).toBe('2000-01-01');
	});
});

describe('report tables as .xlsx', () => {
	const cell = (text: string, extra: object = {}) => ({
		text,
		numeric: false,
		count: false,
		suppressed: false,
		...extra
	});
	const table: ReportTable = {
		id: 'closed_by_type',
		title: 'Closed cases by type',
		columns: [
			{ key: 'month', label: 'Month', numeric: false },
			{ key: 'case_type', label: 'Case type', numeric: false },
			{ key: 'closed', label: 'Closed', numeric: true },
			{ key: 'share', label: 'On time (%)', numeric: true },
			{ key: 'median', label: 'Median to close', numeric: true }
		],
		rows: [
			[
				cell('2026-05', { value: '2026-05-01', unit: 'month' }),
				cell('=1+1'),
				cell('1,234', { value: 1234, unit: 'cases', numeric: true, count: true }),
				cell('84.6%', { value: 0.846, unit: 'share', numeric: true }),
				cell('12.5 days', { value: 12.5, unit: 'days', numeric: true })
			],
			[
				cell('2026-06', { value: '2026-06-01', unit: 'month' }),
				cell('Housing'),
				// Suppressed: the marker, never the number behind it.
				cell('<5', { numeric: true, count: true, suppressed: true }),
				cell('–'),
				cell('1.7 hours', { value: 0.0708, unit: 'days', numeric: true })
			]
		],
		note: null,
		empty: null
	};

	it('numbers with the page’s formats, dates as dates, the marker as text', async () => {
		const wb = await roundTrip([reportTableSheet(table)]);
		expect(wb.SheetNames).toEqual(['Closed cases by type']);
		expect(rowsOf(wb)).toEqual([
			['Month', 'Case type', 'Closed', 'On time (%)', 'Median to close'],
			['2026-05-01', "'=1+1", 1234, 0.846, 12.5],
			['2026-06-01', 'Housing', '<5', '–', 0.0708]
		]);
		const ws = wb.Sheets[wb.SheetNames[0]];
		// Hand-computed: 2026-05-01 is day 46143, 2026-06-01 day 46174.
		expect(ws.A2).toMatchObject({ t: 'n', v: 46143, z: 'yyyy-mm', w: '2026-05' });
		expect(ws.A3).toMatchObject({ t: 'n', v: 46174 });
		expect(ws.C2).toMatchObject({ t: 'n', w: '1,234' });
		expect(ws.D2).toMatchObject({ t: 'n', w: '84.6%' });
		expect(ws.E2).toMatchObject({ t: 'n', v: 12.5, w: '12.5 days' });
		expect(ws.C3).toMatchObject({ t: 's', v: '<5' });
	});

	it('headline figures: values as numbers, words as shown', async () => {
		const figure: FigureRow = {
			id: 'on_time',
			title: 'Deadlines met',
			unit: 'share',
			value: 0.75,
			text: '75.0%',
			before: 0.9,
			beforeText: '90.0%',
			change: '−15.0 pp',
			direction: 'worse',
			significant: true,
			judgement: 'worse, beyond chance',
			target: '90% or more',
			missed: true,
			suppressed: false,
			note: null
		};
		const wb = await roundTrip([figuresSheet('Headline figures', [figure], 'Previous period')]);
		expect(rowsOf(wb)).toEqual([
			['Figure', 'Value', 'Previous period', 'Change', 'Judged', 'Target'],
			['Deadlines met', 0.75, 0.9, '−15.0 pp', '▼ worse, beyond chance', 'Missed: 90% or more']
		]);
	});

	it('sheet names Excel accepts: no []:*?/\\, at most 31 characters, unique', async () => {
		const long = 'Cases by type / office [all]: the whole year';
		const wb = await roundTrip([
			{ name: long, columns: [{ label: 'a' }], rows: [] },
			{ name: long, columns: [{ label: 'a' }], rows: [] }
		]);
		expect(wb.SheetNames[0]).toBe('Cases by type   office  all   t');
		expect(wb.SheetNames[1]).toBe('Cases by type   office  all (2)');
	});
});
