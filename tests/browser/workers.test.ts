/**
 * Worker scorecards in the browser, on the seeded dataset of tests/unit/metrics/workers-fixture.ts
 * imported as three CSV files: the team table with Dan at 150% of capacity marked in words, keyboard
 * sorting, Dan's own page with team medians and targets, and axe on both pages.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { navigate, openApp, waitForData, type Session } from './harness';
import { WORKERS_FIXTURE } from '../unit/metrics/workers-fixture';
import { seriousViolations } from './axe';
import { importFiles } from './import-steps';

const SHOTS = path.resolve(import.meta.dirname, '../../docs/screenshots');
const VIEW = 'period=custom&from=2025-01-01&to=2025-06-30&asof=2025-06-30';

function csv(
	header: string[],
	keys: string[],
	rows: Record<string, string | number | null>[]
): string {
	return (
		[header.join(','), ...rows.map((r) => keys.map((k) => r[k] ?? '').join(','))].join('\n') + '\n'
	);
}

const FILES = [
	{
		name: 'cases.csv',
		text: csv(
			[
				'Case ID',
				'Date Opened',
				'Date Closed',
				'Case Type',
				'Worker',
				'Office',
				'First Contact',
				'Last Activity',
				'Due Date'
			],
			[
				'case_id',
				'opened_at',
				'closed_at',
				'case_type',
				'worker',
				'office',
				'first_contact_at',
				'last_activity_at',
				'due_at'
			],
			WORKERS_FIXTURE.cases
		)
	},
	{
		name: 'goals.csv',
		text: csv(
			['Case ID', 'Goal ID', 'Target Date', 'Achieved Date'],
			['case_id', 'goal_id', 'target_at', 'achieved_at'],
			WORKERS_FIXTURE.goals ?? []
		)
	},
	{
		name: 'staff.csv',
		text: csv(
			['Staff Name', 'Office', 'Capacity'],
			['worker', 'office', 'capacity'],
			WORKERS_FIXTURE.staff ?? []
		)
	}
];

let s: Session;
beforeAll(async () => {
	s = await openApp('#/import');
	await waitForData(s.page);
	await importFiles(s.page, FILES);
	expect(await s.page.getByTestId('count-cases').first().innerText()).toBe('17');
}, 300_000);
afterAll(async () => s?.close());

const ready = () =>
	s.page.locator('[data-testid=area][data-state=ready]').waitFor({ timeout: 120_000 });
const cell = (worker: string, figure: string) =>
	s.page.locator(
		`[data-testid=worker-table] tr[data-worker="${worker}"] td[data-figure="${figure}"]`
	);

describe('the team table', () => {
	it('lists every worker with the hand-worked figures', async () => {
		await navigate(s.page, `/workers?${VIEW}`);
		await ready();
		const workers = await s.page
			.locator('[data-testid=worker-table] tbody tr')
			.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-worker')));
		expect(workers).toEqual(['Ann', 'Ben', 'Cat', 'Dan', 'Eve', 'Sam']);
		expect(await cell('Ann', 'opened').innerText()).toBe('3');
		expect(await cell('Sam', 'first_contact').innerText()).toBe('50.0%');
		expect(await cell('Ben', 'days_to_close').innerText()).toBe('10.0 days');
		expect(await cell('Ben', 'attention').innerText()).toBe('1');
		expect(await cell('Cat', 'attention').innerText()).toBe('0');
	});

	it('marks Dan at 150% of capacity in words, and leaves the others unmarked', async () => {
		expect((await cell('Dan', 'utilisation').innerText()).split('\n')).toEqual([
			'150.0%',
			'above team range',
			'misses target'
		]);
		expect(await cell('Ben', 'utilisation').innerText()).toBe('25.0%');
		expect((await cell('Dan', 'days_to_close').innerText()).split('\n')).toEqual([
			'120.0 days',
			'above team range (worse)'
		]);
		expect(await s.page.locator('[data-testid=worker-table] td.marked').count()).toBe(3);
	});

	it('sorts by a column from the keyboard, and says so with aria-sort', async () => {
		const header = s.page.getByRole('button', { name: 'Caseload against capacity' });
		await header.focus();
		await s.page.keyboard.press('Enter');
		await s.page.keyboard.press('Enter');
		const th = s.page.locator('th', { has: header });
		expect(await th.getAttribute('aria-sort')).toBe('descending');
		const first = await s.page
			.locator('[data-testid=worker-table] tbody tr')
			.first()
			.getAttribute('data-worker');
		expect(first).toBe('Dan');
	});

	it('is axe clean', async () => {
		expect(await seriousViolations(s.page)).toEqual([]);
		await s.page.screenshot({ path: path.join(SHOTS, 'workers.png'), fullPage: true });
	});
});

describe("a worker's page", () => {
	it("shows Dan's figures beside the team median and the target", async () => {
		await s.page.getByRole('link', { name: 'Dan', exact: true }).click();
		await s.page.waitForFunction(() => location.hash.startsWith('#/workers/Dan'));
		await ready();
		const figure = (key: string, part: string) =>
			s.page
				.locator(`[data-testid=worker-figure][data-figure=${key}] [data-testid=${part}]`)
				.innerText();
		expect(await figure('utilisation', 'figure-value')).toBe('150.0% (3 of 2)');
		expect(await figure('utilisation', 'figure-median')).toBe('25.0%');
		expect(await figure('utilisation', 'figure-target')).toBe('at most 100.0%');
		expect(await figure('utilisation', 'figure-marks')).toBe('above team range; misses target');
		expect(await figure('days_to_close', 'figure-marks')).toBe('above team range (worse)');
		expect(await figure('days_to_close', 'figure-value')).toBe('120.0 days');
		expect(await figure('days_to_close', 'figure-median')).toBe('14.0 days');
		expect(await figure('days_to_close', 'figure-target')).toBe('no target set');
		expect(await figure('first_contact', 'figure-value')).toBe('75.0%');
		expect(await figure('attention', 'figure-value')).toBe('1');
		expect(await figure('attention', 'figure-median')).toBe('0');
		expect(await s.page.getByTestId('team').innerText()).toContain('Team: North');
	});

	it('draws a 12-month trend per figure, its table reading the months', async () => {
		const charts = s.page.locator(
			'[data-testid=worker-figure][data-figure=utilisation] [data-testid=chart-card]'
		);
		await charts.locator('svg').first().waitFor({ state: 'attached', timeout: 60_000 });
		await charts.getByText('Table of this chart’s data').click();
		const values = await charts.locator('tbody tr td:nth-child(2)').allInnerTexts();
		expect(values).toEqual([
			'0.0%',
			'0.0%',
			'0.0%',
			'0.0%',
			'0.0%',
			'0.0%',
			'50.0%',
			'50.0%',
			'100.0%',
			'150.0%',
			'100.0%',
			'150.0%'
		]);
	});

	it('is axe clean', async () => {
		expect(await seriousViolations(s.page)).toEqual([]);
		await s.page.screenshot({ path: path.join(SHOTS, 'worker.png'), fullPage: true });
	});

	it('links a figure to the cases behind it, for this worker only', async () => {
		const attention = s.page
			.locator('[data-testid=worker-figure][data-figure=attention]')
			.getByRole('link', { name: 'The cases behind this figure' });
		expect(await attention.getAttribute('href')).toMatch(/^#\/attention\?.*worker=Dan/);
		await s.page
			.locator('[data-testid=worker-figure][data-figure=opened]')
			.getByRole('link', { name: 'The cases behind this figure' })
			.click();
		await expect
			.poll(() => s.page.getByTestId('drill-count').innerText(), { timeout: 60_000 })
			.toBe('4 rows');
		const ids = await s.page
			.locator('[data-testid=drill-table] tbody tr td:first-child')
			.allInnerTexts();
		expect(ids.sort()).toEqual(['d1', 'd2', 'd3', 'd4']);
	});

	it('reads a worker name with a slash, quotes and a percent sign from the route', async () => {
		const name = `O'Neil / "Zoë" 100%`;
		await navigate(s.page, `/workers/${encodeURIComponent(name)}?${VIEW}`);
		await ready();
		expect(await s.page.getByRole('heading', { level: 1 }).innerText()).toBe(`Worker: ${name}`);
		expect(await s.page.getByTestId('no-worker').innerText()).toBe(
			`No worker named “${name}” has a case or a staff entry in scope.`
		);
		expect(s.problems()).toEqual([]);
	});

	it('marks a missed target set in Settings, entered as a percentage', async () => {
		await navigate(s.page, '/settings');
		await s.page.getByTestId('target-first_contact').fill('80');
		await s.page.getByTestId('settings-save').click();
		await s.page.getByTestId('settings-saved').waitFor();
		await navigate(s.page, `/workers?${VIEW}`);
		await ready();
		expect((await cell('Ben', 'first_contact').innerText()).split('\n')).toEqual([
			'50.0%',
			'misses target'
		]);
		expect((await cell('Dan', 'first_contact').innerText()).split('\n')).toEqual([
			'75.0%',
			'misses target'
		]);
		expect(await cell('Cat', 'first_contact').innerText()).toBe('100.0%');
		expect(s.problems()).toEqual([]);
	});
});
