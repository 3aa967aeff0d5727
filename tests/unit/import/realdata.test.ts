import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import { importPaths } from '../../../src/lib/import/node';
import { listIssuesFor } from '../../../src/lib/import/import';

const REAL = new URL('../../fixtures/realdata/', import.meta.url).pathname;

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
		const [c] = await engine.query<{ n: number; open: number; agencies: number; first: string }>(
			`SELECT count(*)::INTEGER n, count(*) FILTER (WHERE closed_at IS NULL)::INTEGER open,
			 count(DISTINCT worker)::INTEGER agencies, min(opened_at) AS first FROM cases`
		);
		expect(c).toEqual({
			n: 10_000,
			open: 208,
			agencies: 16,
			first: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/)
		});
		const [row] = await engine.query(
			`SELECT opened_at, closed_at FROM cases WHERE case_id = '18-00269879'`
		);
		expect(row).toEqual({ opened_at: '2018-04-12 11:11:26', closed_at: '2018-04-12 12:45:47' });
		// The deadline figure of the metric issue, computed here directly at full time precision.
		const [late] = await engine.query<{ closed: number; late: number }>(
			`SELECT count(*)::INTEGER closed, count(*) FILTER (WHERE closed_at > due_at)::INTEGER late FROM cases WHERE closed_at IS NOT NULL AND due_at IS NOT NULL`
		);
		expect(late).toEqual({ closed: 9555, late: 1567 });
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
		expect(c.open).toBe(370);
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
		const ids = await engine.query<{ n: number }>(
			`SELECT count(*)::INTEGER n FROM cases WHERE closed_at < opened_at`
		);
		expect(ids[0].n).toBe(17);
	});
});
