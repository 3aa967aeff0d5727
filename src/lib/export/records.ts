/**
 * A case list's rows as both of its exports write them, CSV and .xlsx: the headers in words
 * ("case id" for `case_id`, as the page heads its columns) and computed outcome codes in words
 * ("not done", never `not_done`), so the two files hold the same headers and values. Each writer
 * then neutralises formula-like text (`safeText`).
 */
import { codeText } from '../charts/format';

export interface WordedRecords {
	headers: string[];
	rows: Record<string, unknown>[];
}

export function wordedRecords(columns: string[], rows: Record<string, unknown>[]): WordedRecords {
	return {
		headers: columns.map((c) => c.replaceAll('_', ' ')),
		rows: rows.map((r) =>
			typeof r.outcome === 'string' ? { ...r, outcome: codeText(r.outcome) } : r
		)
	};
}
