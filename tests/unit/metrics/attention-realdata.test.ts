/**
 * Needs attention on the Baltimore 311 export (tests/fixtures/realdata), as of 2019-02-13 with the
 * default 7-day horizon: the deadlines due are the open cases whose DueDate falls on or before
 * 2019-02-20, counted here from the raw file with papaparse, not with src's code.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import { importPaths } from '../../../src/lib/import/node';
import { computeArea, drill } from '../../../src/lib/metrics/run';
import type { ScalarResult } from '../../../src/lib/metrics/types';
import { ctx, scope } from './fixture';

const FILE = new URL('../../fixtures/realdata/baltimore_311_sample.csv', import.meta.url).pathname;
const AS_OF = '2019-02-13';
const HORIZON_END = '2019-02-20';

/** 'MM/DD/YYYY hh:mm:ss AM' as 'YYYY-MM-DD' (the calendar day), or null when blank. */
function day(text: string | undefined): string | null {
	const m = /^(\d{2})\/(\d{2})\/(\d{4})/.exec((text ?? '').trim());
	return m ? `${m[3]}-${m[1]}-${m[2]}` : null;
}

/** The open cases at the end of the as-of day with a DueDate on or before the horizon's end. */
function expectedFromRawFile() {
	const rows = Papa.parse<Record<string, string>>(readFileSync(FILE, 'utf8'), {
		header: true,
		skipEmptyLines: true
	}).data;
	const open = rows.filter((r) => {
		const created = day(r.CreatedDate);
		const closed = day(r.CloseDate);
		return created !== null && created <= AS_OF && (closed === null || closed > AS_OF);
	});
	const due = open.filter((r) => {
		const d = day(r.DueDate);
		return d !== null && d <= HORIZON_END;
	});
	const overdue = due.filter((r) => (day(r.DueDate) as string) < AS_OF);
	return { open, due, overdue };
}

let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
});
afterAll(async () => engine.close());

describe('needs attention on Baltimore 311, as of 2019-02-13, horizon 7 days', () => {
	it('deadlines due: open cases with a DueDate by 2019-02-20, split overdue / due soon', async () => {
		const { dataset } = await importPaths(engine, { cases: FILE }, { today: '2026-11-29' });
		const c = ctx(dataset, scope(AS_OF, '2018-02-14', AS_OF));
		const expected = expectedFromRawFile();
		// Counted once with a separate script (Python's csv module) from the same file: 208 open cases,
		// 49 of them without a DueDate; so that the count above cannot drift unnoticed.
		expect([expected.open.length, expected.due.length, expected.overdue.length]).toEqual([
			208, 143, 134
		]);
		const r = (await computeArea(engine, c, 'attention')).attention_deadline_due as ScalarResult;
		expect(r.value).toBe(expected.due.length);
		expect(r.n).toBe(expected.open.length);
		expect(r.detail).toEqual({
			overdue: expected.overdue.length,
			due_soon: expected.due.length - expected.overdue.length
		});
		const rows = await drill(engine, c, 'attention_deadline_due');
		expect(rows.map((x) => x.case_id).sort()).toEqual(
			expected.due.map((x) => x.ServiceRequestNum).sort()
		);
		expect(rows.map((x) => x.due)).toEqual(
			rows.map((x) => x.due as string).sort() // most urgent (earliest date) first
		);
		const first = expected.due.find((x) => x.ServiceRequestNum === rows[0].case_id)!;
		expect(rows[0]).toMatchObject({ worker: first.Agency, due: day(first.DueDate) });
	});
});
