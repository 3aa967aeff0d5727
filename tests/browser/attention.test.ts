/**
 * Needs attention in the browser, on the seeded dataset of tests/unit/metrics/attention-seed.ts
 * imported as three CSV files: the page lists the hand-worked rows most urgent first with days in
 * words, the worker filter applies, the CSV export holds every row with formulas neutralised, the
 * overview shows the panel, and axe finds no serious issue.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { navigate, openApp, waitForData, type Session } from './harness';
import { AS_OF, EXPECTED_LIST, SEED } from '../unit/metrics/attention-seed';
import { seriousViolations } from './axe';
import { importFiles } from './import-steps';

const SHOTS = path.resolve(import.meta.dirname, '../../docs/screenshots');
const VIEW = `period=custom&from=2025-01-01&to=${AS_OF}&asof=${AS_OF}`;

function csv(
	columns: Record<string, string>,
	rows: Record<string, string | number | null>[]
): string {
	const keys = Object.keys(columns);
	const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v));
	return (
		[
			Object.values(columns).join(','),
			...rows.map((r) => keys.map((k) => cell(r[k])).join(','))
		].join('\n') + '\n'
	);
}

const FILES = [
	{
		name: 'cases.csv',
		text: csv(
			{
				case_id: 'Case ID',
				opened_at: 'Date Opened',
				closed_at: 'Date Closed',
				case_type: 'Case Type',
				worker: 'Worker',
				first_contact_at: 'First Contact',
				last_activity_at: 'Last Activity',
				due_at: 'Due Date'
			},
			// A case type a spreadsheet would run as a formula: the export must neutralise it.
			SEED.cases.map((c) => (c.case_id === 'A6' ? { ...c, case_type: '=SUM(1+1)' } : c))
		)
	},
	{
		name: 'events.csv',
		text: csv(
			{ case_id: 'Case ID', kind: 'Event Type', due_at: 'Due Date', done_at: 'Completed Date' },
			SEED.events ?? []
		)
	},
	{
		name: 'goals.csv',
		text: csv(
			{
				case_id: 'Case ID',
				goal_id: 'Goal ID',
				target_at: 'Target Date',
				achieved_at: 'Achieved Date'
			},
			SEED.goals ?? []
		)
	}
];

/** The seeded rows as the page shows them: days left in words. */
function when(days: number): string {
	if (days === 0) return 'due today';
	const n = Math.abs(days);
	const word = n === 1 ? 'day' : 'days';
	return days > 0 ? `in ${n} ${word}` : `${n} ${word} overdue`;
}
const SHOWN = EXPECTED_LIST.map(([id, worker, reason, item, due, days]) => [
	id,
	worker,
	reason,
	item,
	due,
	when(days)
]);

let s: Session;
beforeAll(async () => {
	s = await openApp('#/import');
	await waitForData(s.page);
	await importFiles(s.page, FILES);
	expect(await s.page.getByTestId('count-cases').first().innerText()).toBe('13');
}, 300_000);
afterAll(async () => s?.close());

const ready = () =>
	s.page.locator('[data-testid=area][data-state=ready]').first().waitFor({ timeout: 120_000 });
const tableRows = (testid: string) =>
	s.page
		.locator(`[data-testid=${testid}] tbody tr`)
		.evaluateAll((rows) =>
			rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.innerText.trim()))
		);

describe('the needs-attention page', () => {
	it('lists the seeded cases most urgent first, with days left or overdue in words', async () => {
		await navigate(s.page, `/attention?${VIEW}`);
		await ready();
		expect(await tableRows('attention-list')).toEqual(SHOWN);
		const summary = await s.page
			.locator('[data-testid=attention-summary] tbody tr')
			.evaluateAll((rows) =>
				rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.innerText.trim()))
			);
		// overdue, due soon, all: deadline, standard, review, first contact, stale, goal
		expect(summary).toEqual([
			['2', '2', '4'],
			['1', '1', '2'],
			['2', '0', '2'],
			['1', '1', '2'],
			['1', '1', '2'],
			['2', '1', '3']
		]);
		await s.page.screenshot({ path: path.join(SHOTS, 'attention.png'), fullPage: true });
	});

	it('exports every row to CSV, a formula-like cell neutralised', async () => {
		const [download] = await Promise.all([
			s.page.waitForEvent('download'),
			s.page.getByTestId('attention-export').click()
		]);
		expect(download.suggestedFilename()).toBe(`needs-attention-${AS_OF}.csv`);
		const text = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
		const lines = text.trim().split('\r\n');
		expect(lines[0]).toBe(
			'Case,Worker,Reason,What,Date,Days left or overdue,Days left (negative: overdue),Status,Case type,Office'
		);
		expect(lines.length).toBe(1 + EXPECTED_LIST.length);
		expect(lines[1]).toBe(
			'A13,Cy,Time standard,540-day standard,2024-11-22,220 days overdue,-220,overdue,Housing,'
		);
		expect(lines[2]).toBe(
			"A6,Cy,No recent activity,last activity 2025-04-01,2025-05-31,30 days overdue,-30,overdue,'=SUM(1+1),"
		);
		expect(lines.at(-1)).toBe(
			'A11,Ana,Deadline due,hearing,2025-07-07,in 7 days,7,due soon,Housing,'
		);
	});

	it('the worker filter applies', async () => {
		await navigate(s.page, `/attention?${VIEW}&worker=Ana`);
		await ready();
		await s.page.waitForFunction(
			() => document.querySelectorAll('[data-testid=attention-list] tbody tr').length === 4
		);
		expect(await tableRows('attention-list')).toEqual(SHOWN.filter((r) => r[1] === 'Ana'));
	});

	it('axe finds no serious or critical issue', async () => {
		await navigate(s.page, `/attention?${VIEW}`);
		await ready();
		expect(await seriousViolations(s.page)).toEqual([]);
	});
});

describe('the overview panel', () => {
	it('shows the counts and the most urgent cases, axe clean, linking to the page', async () => {
		await navigate(s.page, `/?${VIEW}`);
		const panel = s.page.getByTestId('attention-panel');
		await s.page
			.locator('[data-testid=attention-panel][data-state=ready]')
			.waitFor({ timeout: 120_000 });
		expect(await tableRows('attention-panel-list')).toEqual(SHOWN.slice(0, 8));
		expect(await seriousViolations(s.page)).toEqual([]);
		await panel.getByRole('link', { name: 'All cases needing action' }).click();
		await s.page.waitForFunction(() => location.hash.startsWith('#/attention'));
		await ready();
		expect(await tableRows('attention-list')).toEqual(SHOWN);
	});
});
