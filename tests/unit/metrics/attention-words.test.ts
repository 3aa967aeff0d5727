/** The needs-attention list's words and CSV rows, by hand. */
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../src/lib/export/csv';
import { csvRows, whenText } from '../../../src/lib/ui/attention';

describe('days left in words', () => {
	it('reads overdue, today and ahead, with the word after the number', () => {
		expect([-5, -1, 0, 1, 3, 1200].map(whenText)).toEqual([
			'5 days overdue',
			'1 day overdue',
			'due today',
			'in 1 day',
			'in 3 days',
			'in 1,200 days'
		]);
		expect(whenText(null)).toBe('');
	});

	it('the CSV keeps the number beside the words and neutralises a formula', () => {
		const { columns, headers, rows } = csvRows([
			{
				case_id: '@SUM(A1)',
				worker: 'Ana',
				reason: 'Deadline due',
				item: 'hearing',
				due: '2025-07-07',
				days_left: -2,
				status: 'overdue',
				case_type: 'Housing, civil',
				office: null
			}
		]);
		expect(toCsv(columns, rows, headers).split('\r\n')).toEqual([
			'Case,Worker,Reason,What,Date,Days left or overdue,Days left (negative: overdue),Status,Case type,Office',
			'\'@SUM(A1),Ana,Deadline due,hearing,2025-07-07,2 days overdue,-2,overdue,"Housing, civil",',
			''
		]);
	});
});
