/**
 * What the sheet chooser and the progress line are told about a workbook: each sheet's name, its
 * rows with two or more filled cells, its widest row and its header cells, and the conversion's
 * steps (the workbook parsed, then each sheet's rows converted).
 */
import { describe, expect, it } from 'vitest';
import { workbookToCsv, type WorkbookStep } from '../../../src/lib/import/xlsx';
import { seededExport } from '../cli/xlsx-fixture';

describe('a workbook’s sheets, as the chooser shows them', () => {
	it('names each sheet with its rows, columns and header cells', () => {
		const steps: WorkbookStep[] = [];
		const c = workbookToCsv(seededExport().xlsx, 'cases.xlsx', undefined, (s) => steps.push(s));
		// Notes: two lines of one cell. Cases: a title (merged across the columns: one value), a blank
		// line, the header and 120 cases of six columns.
		expect(c.sheets).toEqual([
			{ name: 'Notes', tableRows: 0, columns: 1, header: ['Exported from CaseDesk'] },
			{
				name: 'Cases',
				tableRows: 121,
				columns: 6,
				header: ['Case ID', 'Date Opened', 'Date Closed', 'Case Type', 'Office', 'Satisfaction']
			}
		]);
		expect(steps).toEqual([
			{ step: 'parsing' },
			{ step: 'converting', sheet: 'Notes', row: 0, rows: 2 },
			{ step: 'converting', sheet: 'Cases', row: 0, rows: 123 }
		]);
	});
});
