import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import { importPaths } from '../../../src/lib/import/node';
import { listIssuesFor } from '../../../src/lib/import/import';

const REAL = new URL('../../fixtures/realdata/', import.meta.url).pathname;

/** The raw file's records, parsed here with papaparse (not by src's importer). */
function rawRecords(file: string): Record<string, string>[] {
	const parsed = Papa.parse<Record<string, string>>(readFileSync(REAL + file, 'utf8'), {
		header: true,
		skipEmptyLines: true
	});
	expect(parsed.errors).toEqual([]);
	return parsed.data;
}

/** 'MM/DD/YYYY hh:mm:ss AM' as 'YYYY-MM-DD hh:mm:ss' (24 h), read by hand. */
function usTime(text: string): string {
	const m = /^(\d\d)\/(\d\d)\/(\d{4}) (\d\d):(\d\d):(\d\d) ([AP]M)$/.exec(text);
	if (!m) throw new Error(`not MM/DD/YYYY hh:mm:ss AM/PM: ${text}`);
	const hour = (Number(m[4]) % 12) + (m[7] === 'PM' ? 12 : 0);
	return `${m[3]}-${m[1]}-${m[2]} ${String(hour).padStart(2, '0')}:${m[5]}:${m[6]}`;
}

let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
});
afterAll(async () => engine.close());

describe('real 311 exports, imported as they are', () => {
	it('Baltimore: 10,000 cases, 208 open, 16 agencies, US dates with AM/PM', async () => {
		const result = await importPaths(
			engine,
			{ cases: REAL + 'baltimore_311_sample.csv' },
			{ today: '2026-11-29' }
		);
		const info = result.dataset.tables.cases!;
		expect(info.rows).toBe(10_000);
		expect(info.columns.case_id.source).toBe('ServiceRequestNum');
		expect(info.columns.worker.source).toBe('Agency');
		expect(info.columns.opened_at).toMatchObject({
			source: 'CreatedDate',
			hasTime: true,
			formats: ['%m/%d/%Y %I:%M:%S %p']
		});
		// counted from the raw file
		const raw = rawRecords('baltimore_311_sample.csv');
		const created = raw.map((r) => usTime(r.CreatedDate)).sort();
		const due = raw.filter((r) => r.CloseDate !== '' && r.DueDate !== '');
		const lateRaw = due.filter((r) => usTime(r.CloseDate) > usTime(r.DueDate));
		expect([raw.length, raw.filter((r) => r.CloseDate === '').length]).toEqual([10_000, 208]);
		expect(new Set(raw.map((r) => r.Agency)).size).toBe(16);
		expect([due.length, lateRaw.length]).toEqual([9555, 1567]);
		const [c] = await engine.query<{ n: number; open: number; agencies: number; first: string }>(
			`SELECT count(*)::INTEGER n, count(*) FILTER (WHERE closed_at IS NULL)::INTEGER open,
			 count(DISTINCT worker)::INTEGER agencies, min(opened_at) AS first FROM cases`
		);
		expect(c).toEqual({
			n: raw.length,
			open: raw.filter((r) => r.CloseDate === '').length,
			agencies: new Set(raw.map((r) => r.Agency)).size,
			first: created[0]
		});
		const [row] = await engine.query(
			`SELECT opened_at, closed_at FROM cases WHERE case_id = '18-00269879'`
		);
		expect(row).toEqual({ opened_at: '2018-04-12 11:11:26', closed_at: '2018-04-12 12:45:47' });
		// The deadline figure of the metric issue, computed here directly at full time precision.
		const [late] = await engine.query<{ closed: number; late: number }>(
			`SELECT count(*)::INTEGER closed, count(*) FILTER (WHERE closed_at > due_at)::INTEGER late
			 FROM cases WHERE closed_at IS NOT NULL AND due_at IS NOT NULL`
		);
		expect(late).toEqual({ closed: due.length, late: lateRaw.length });
	});

	it('San Francisco: quoted line breaks, 370 open, 17 closed before opened listed', async () => {
		const result = await importPaths(
			engine,
			{ cases: REAL + 'sf_311_sample.csv' },
			{ today: '2026-11-29' }
		);
		expect(result.dataset.tables.cases!.rows).toBe(10_000);
		const [c] = await engine.query<{ open: number }>(
			`SELECT count(*) FILTER (WHERE closed_at IS NULL)::INTEGER open FROM cases`
		);
		// counted from the raw file: ISO times, all at +00:00, so text order is time order
		const raw = rawRecords('sf_311_sample.csv');
		expect(new Set(raw.map((r) => r.created_date.slice(19)))).toEqual(new Set(['+00:00']));
		const closedBefore = raw.filter((r) => r.closed_date !== '' && r.closed_date < r.created_date);
		expect([raw.length, raw.filter((r) => r.closed_date === '').length]).toEqual([10_000, 370]);
		expect(closedBefore).toHaveLength(17);
		expect(c.open).toBe(raw.filter((r) => r.closed_date === '').length);
		expect(result.issueCounts['closed before opened']).toBe(17);
		const listed = await listIssuesFor(engine, 'closed before opened');
		expect(listed).toHaveLength(17);
		// Each listed line is where that record starts in the file, despite the line breaks in quoted notes above it.
		const lines = readFileSync(REAL + 'sf_311_sample.csv', 'utf8').split('\n');
		for (const issue of listed) {
			const [closed, opened] = issue.value!.split(' < ');
			expect(
				lines[issue.line! - 1].includes(closed) && lines[issue.line! - 1].includes(opened)
			).toBe(true);
		}
		expect(listed.some((i) => i.line! > 896)).toBe(true); // past the first value spanning lines (line 895)
		const ids = await engine.query<{ id: string }>(
			`SELECT case_id AS id FROM cases WHERE closed_at < opened_at ORDER BY case_id`
		);
		expect(ids.map((r) => r.id)).toEqual(closedBefore.map((r) => r.unique_key).sort());
	});
});
