import { describe, expect, it } from 'vitest';
import { detectEncoding } from '../../../src/lib/import/encoding';
import { sniff } from '../../../src/lib/import/sniff';
import { guessDateFormats, withOrder } from '../../../src/lib/import/dates';
import { guessColumns } from '../../../src/lib/import/columns';
import { detectTable, proposeMapping } from '../../../src/lib/import/mapping';
import { ImportError } from '../../../src/lib/import/errors';

const utf8 = (s: string) => new TextEncoder().encode(s);
const utf16le = (s: string, bom = true) => {
	const out = new Uint8Array((bom ? 2 : 0) + s.length * 2);
	if (bom) out.set([0xff, 0xfe]);
	for (let i = 0; i < s.length; i++)
		new DataView(out.buffer).setUint16((bom ? 2 : 0) + i * 2, s.charCodeAt(i), true);
	return out;
};
const sniffText = (name: string, bytes: Uint8Array) => sniff(name, bytes, bytes.length);

describe('encoding', () => {
	it('UTF-8 without and with BOM', () => {
		expect(detectEncoding(utf8('id,name\n1,José\n'))).toEqual({ encoding: 'utf-8', bomLength: 0 });
		expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('id\n1\n')]))).toEqual({
			encoding: 'utf-8',
			bomLength: 3
		});
	});
	it('UTF-16 LE and BE by their BOM', () => {
		expect(detectEncoding(utf16le('id\n')).encoding).toBe('utf-16le');
		expect(detectEncoding(new Uint8Array([0xfe, 0xff, 0, 0x69])).encoding).toBe('utf-16be');
	});
	it('Windows-1252 when the bytes are not valid UTF-8', () => {
		// "Café – 5 €" as Excel on Windows writes it: é = E9, en dash = 96, euro = 80.
		const bytes = new Uint8Array([
			...utf8('name\nCaf'),
			0xe9,
			0x20,
			0x96,
			0x20,
			0x35,
			0x20,
			0x80,
			0x0a
		]);
		expect(detectEncoding(bytes).encoding).toBe('windows-1252');
		expect(sniffText('w.csv', bytes).sample[0][0]).toBe('Café – 5 €');
	});
	it('a multi-byte character cut at the end of the sample is still UTF-8', () => {
		const bytes = utf8('name\nJosé');
		expect(detectEncoding(bytes.subarray(0, bytes.length - 1)).encoding).toBe('utf-8');
	});
	it('UTF-16 text is decoded for sniffing', () => {
		const s = sniffText('u16.csv', utf16le('Case ID;Open Date\nA1;01.02.2024\n'));
		expect(s.headers).toEqual(['Case ID', 'Open Date']);
		expect(s.delimiter).toBe(';');
	});
});

describe('delimiter, header row and quoted line breaks', () => {
	it.each([
		[',', 'comma'],
		[';', 'semicolon'],
		['\t', 'tab'],
		['|', 'pipe']
	])('%s (%s)', (d) => {
		const text =
			['Case ID', 'Open Date', 'Worker'].join(d) +
			'\n' +
			['1', '2024-01-02', 'Ana, Ruiz'].join(d) +
			'\n' +
			['2', '2024-01-03', 'Bo'].join(d) +
			'\n';
		const s = sniffText('x.csv', utf8(d === ',' ? text.replace('Ana, Ruiz', '"Ana, Ruiz"') : text));
		expect(s.delimiter).toBe(d);
		expect(s.headers).toEqual(['Case ID', 'Open Date', 'Worker']);
		expect(s.sample[0][2]).toBe('Ana, Ruiz');
	});
	it('skips a title block above the header', () => {
		const s = sniffText(
			't.csv',
			utf8(
				'Case report\nRun on 2024-05-01\nCase ID,Open Date,Status\n1,2024-01-02,Open\n2,2024-01-03,Closed\n'
			)
		);
		expect(s.skipLines).toBe(2);
		expect(s.headers).toEqual(['Case ID', 'Open Date', 'Status']);
		expect(s.sample).toHaveLength(2);
	});
	it('keeps a line break inside a quoted value', () => {
		const s = sniffText(
			'q.csv',
			utf8('id,notes,opened\n1,"line one\nline two",2024-01-01\n2,plain,2024-01-02\n')
		);
		expect(s.quotedLineBreaks).toBe(true);
		expect(s.sample[0][1]).toBe('line one\nline two');
		expect(s.sample).toHaveLength(2);
	});
	it('makes duplicate and blank headers unique', () => {
		expect(sniffText('h.csv', utf8('id,date,date,\n1,2,3,4\n')).headers).toEqual([
			'id',
			'date',
			'date (2)',
			'Column 4'
		]);
	});
});

describe('files that must fail with a specific message', () => {
	const failure = (name: string, bytes: Uint8Array) => {
		try {
			sniffText(name, bytes);
		} catch (e) {
			expect(e).toBeInstanceOf(ImportError);
			return e as ImportError;
		}
		throw new Error('expected an ImportError');
	};
	it('an empty file', () => {
		expect(failure('empty.csv', new Uint8Array()).message).toBe(
			'empty.csv: The file is empty. Export the data again from your case system and import the new file.'
		);
	});
	it('a header with no rows', () => {
		const e = failure('header.csv', utf8('Case ID,Open Date\n'));
		expect(e.problem).toBe('The file has a header row (2 columns) but no data rows.');
		expect(e.line).toBe(2);
	});
	it('text with more control characters than 1% of its bytes (at least 8), but no zero byte', () => {
		// 413 bytes (a header of 13, 40 lines of 10): the threshold is 8, so 9 bells fail and 8 pass.
		const text = (bells: number) =>
			utf8(
				'Case ID,Note\n' +
					Array.from(
						{ length: 40 },
						(_, i) => `${i % 10},${i < bells ? '\x07' : 'x'}yyyyyy\n`
					).join('')
			);
		expect(text(9).length).toBe(413);
		expect(failure('bell.csv', text(9)).problem).toBe(
			'This is not a text file: it contains binary data.'
		);
		expect(() => sniff('bell.csv', text(8), text(8).length)).not.toThrow();
	});
	it('an Excel workbook renamed .csv', () => {
		const e = failure(
			'cases.csv',
			new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0, 8, 0, 0, 0])
		);
		expect(e.problem).toContain('Excel workbook');
		expect(e.hint).toContain('export it as CSV');
	});
	it('one endless line is not a table', () => {
		const head = utf8('Case ID,Open Date,' + 'x'.repeat(2000));
		let error: ImportError | undefined;
		try {
			sniff('line.csv', head, head.length * 100);
		} catch (e) {
			error = e as ImportError;
		}
		expect(error?.problem).toBe(
			'The first megabyte of the file holds no line break, so it is not a table with one row per line.'
		);
	});
	it('a binary file renamed .csv', () => {
		const bytes = new Uint8Array(512).map((_, i) => (i * 7919) % 256);
		expect(failure('data.csv', bytes).problem).toBe(
			'This is not a text file: it contains binary data.'
		);
	});
});

describe('dates: formats and day/month order from the values', () => {
	it('MM/DD/YYYY hh:mm:ss AM/PM', () => {
		const g = guessDateFormats(['04/12/2018 11:11:26 AM', '11/13/2018 01:06:56 PM']);
		expect(g).toMatchObject({
			formats: ['%m/%d/%Y %I:%M:%S %p'],
			hasTime: true,
			order: 'month-first',
			orderAmbiguous: false
		});
	});
	it('DD.MM.YYYY is day-first even when no day is above 12', () => {
		expect(guessDateFormats(['01.02.2024', '03.04.2024'])).toMatchObject({
			formats: ['%d.%m.%Y'],
			order: 'day-first',
			orderAmbiguous: false
		});
	});
	it('a first part above 12 makes slashes day-first', () => {
		expect(guessDateFormats(['05/03/2024', '25/03/2024'])).toMatchObject({
			formats: ['%d/%m/%Y'],
			order: 'day-first',
			orderAmbiguous: false
		});
	});
	it('a second part above 12 makes slashes month-first', () => {
		expect(guessDateFormats(['05/03/2024', '03/25/2024'])).toMatchObject({
			formats: ['%m/%d/%Y'],
			order: 'month-first',
			orderAmbiguous: false
		});
	});
	it('cannot tell when every part is 12 or less, and says so', () => {
		const g = guessDateFormats(['01/02/2024', '03/04/2024'])!;
		expect(g.orderAmbiguous).toBe(true);
		expect(g.orderReason).toContain('cannot tell');
		expect(withOrder(g.formats, 'day-first')).toEqual(['%d/%m/%Y']);
	});
	it('two-digit years', () => {
		expect(guessDateFormats(['31/12/19', '01/01/20'])!.formats).toEqual(['%d/%m/%y']);
	});
	it('ISO with and without time and offset', () => {
		expect(guessDateFormats(['2024-01-05'])).toMatchObject({ formats: ['ISO'], hasTime: false });
		expect(guessDateFormats(['2016-07-13 15:11:07+00:00', '2024-01-05T08:30:00Z'])).toMatchObject({
			formats: ['ISO'],
			hasTime: true
		});
	});
	it('mixed formats in one column keep one format per shape', () => {
		expect(guessDateFormats(['2024-01-05', '2024-01-06', '01/31/2024'])!.formats).toEqual([
			'ISO',
			'%m/%d/%Y'
		]);
	});
	it('placeholders are not values and text is not a date', () => {
		expect(guessDateFormats(['N/A', '-', ''])).toBeNull();
		expect(guessDateFormats(['Transportation', 'Call Center', 'Solid Waste'])).toBeNull();
	});
});

describe('mapping by synonyms', () => {
	const map = (table: 'cases' | 'goals' | 'events' | 'staff', headers: string[], row: string[]) =>
		proposeMapping(table, guessColumns(headers, [row, row])).columns;

	it.each([
		['Matter Number', 'Open Date', 'Close Date', 'Responsible Attorney'],
		['Case ID#', 'Date Opened', 'Date Closed', 'Primary Advocate'],
		['ServiceRequestNum', 'CreatedDate', 'CloseDate', 'Agency'],
		['unique_key', 'created_date', 'closed_date', 'agency_name'],
		['case_enquiry_id', 'open_dt', 'closed_dt', 'queue'],
		['Case ID', 'Opened', 'Closed', 'assigned_to']
	])('%s, %s, %s, %s', (id, opened, closed, worker) => {
		expect(
			map('cases', [id, opened, closed, worker], ['A-1', '2024-01-02', '2024-02-03', 'Ana'])
		).toEqual({
			case_id: id,
			opened_at: opened,
			closed_at: closed,
			worker
		});
	});
	it('due dates: DueDate, sla_target_dt, Statute of Limitations; review dates are reviews', () => {
		for (const due of ['DueDate', 'sla_target_dt', 'Statute of Limitations']) {
			expect(
				map('cases', ['Case ID', 'Open Date', due], ['1', '2024-01-02', '2024-03-01']).due_at
			).toBe(due);
		}
		for (const review of ['Next Review Due', 'Review Date']) {
			const cols = map(
				'cases',
				['Case ID', 'Open Date', review],
				['1', '2024-01-02', '2024-03-01']
			);
			expect([cols.due_at, cols.review_at]).toEqual([undefined, review]);
		}
	});
	it('prefers ServiceRequestNum over a generic id and never maps text to a date', () => {
		const cols = map(
			'cases',
			['SRRecordID', 'ServiceRequestNum', 'CreatedDate', 'LastActivity'],
			['x', '18-1', '04/12/2018', 'Called back']
		);
		expect(cols.case_id).toBe('ServiceRequestNum');
		expect(cols.last_activity_at).toBeUndefined();
	});
	it('recognises which table a file holds', () => {
		const table = (name: string, headers: string[], row: string[]) =>
			detectTable(name, guessColumns(headers, [row])).table;
		expect(table('export.csv', ['Case ID', 'Open Date'], ['1', '2024-01-01'])).toBe('cases');
		expect(
			table(
				'export2.csv',
				['Case ID', 'Goal ID', 'Target Date', 'GAS Score'],
				['1', 'G1', '2024-01-01', '1']
			)
		).toBe('goals');
		expect(
			table(
				'x.csv',
				['Matter Number', 'Event Type', 'Due Date', 'Completed Date'],
				['1', 'Court hearing', '2024-01-01', '']
			)
		).toBe('events');
		expect(table('people.csv', ['Advocate', 'Office', 'FTE'], ['Ana', 'North', '1'])).toBe('staff');
	});
});
