/**
 * The overview computed by duckdb-wasm in the page, read as the user reads it, against figures
 * computed without the app (tests/browser/independent.ts: the raw files parsed with papaparse, the
 * reference's loops). The build-time figures are switched off (localStorage
 * `casemetrics.skipBuiltOverview`), so even the sample's default view is the browser's own answer.
 *
 * Every tile: the figure and its unit, "vs previous period" and "vs a year earlier" with their signs,
 * and the 12 monthly sparkline values. On the sample's default view the previous period and the year
 * before are the same dates (the period is exactly a year), so one change shows; the 90-day view,
 * where they differ and both show, is checked too.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPUTE_IN_PAGE, openApp, REALDATA, waitForData, type Session } from './harness';
import {
	defaultView,
	expectedTiles,
	readBaltimore,
	readSample,
	TILE_IDS,
	type RefData,
	type RefScope,
	usMonth
} from './independent';
import { refSettings, referenceMetrics } from '../reference/reference';
import { overviewComplete, overviewReady, pickOption, tileTexts } from './overview-page';

const SAMPLE = path.resolve(import.meta.dirname, '../../sample-data');
const sample = readSample(SAMPLE);

let s: Session;
/** Runs in the page before its scripts: records every value the overview's `data-source` takes. */
function recordSources() {
	const seen: string[] = [];
	(window as unknown as { __sources: string[] }).__sources = seen;
	new MutationObserver(() => {
		const v = document.querySelector<HTMLElement>('[data-testid=overview]')?.dataset.source;
		if (v && seen[seen.length - 1] !== v) seen.push(v);
	}).observe(document, { subtree: true, childList: true, attributes: true });
}
/** Every value the overview's `data-source` took, in order (recorded in the page). */
const sources = () =>
	s.page.evaluate(() => (window as unknown as { __sources: string[] }).__sources);

beforeAll(async () => {
	s = await openApp('', { storage: COMPUTE_IN_PAGE, init: recordSources });
}, 120_000);
afterAll(async () => s?.close());

/**
 * Compares every tile the page shows with the independent figures for `scope` over `data`. `both`: the
 * previous period and a year earlier are different dates, so both changes show; else one ("vs a year
 * earlier") stands for both.
 */
async function expectTiles(
	data: RefData,
	scope: RefScope,
	unavailable: string[] = [],
	both = false
) {
	await overviewComplete(s.page);
	const shownScope = JSON.parse((await s.page.getByTestId('overview').getAttribute('data-scope'))!);
	expect(shownScope).toEqual(scope);
	const expected = expectedTiles(data, scope);
	const tiles = await tileTexts(s.page);
	expect(Object.keys(tiles)).toEqual(TILE_IDS);
	for (const id of TILE_IDS) {
		const tile = tiles[id];
		if (unavailable.includes(id)) {
			expect(tile.unavailable, id).toMatch(/needs|not available/);
			continue;
		}
		const e = expected[id];
		expect(tile.unavailable, id).toBeNull();
		// Soft: every tile that differs is reported, not only the first.
		expect
			.soft(
				{
					// The figure and the word after it ("42.0 days", "0.96").
					value: `${tile.value} ${tile.unit}`.trim(),
					changes: tile.changes,
					spark: tile.spark
				},
				id
			)
			.toEqual({
				value: e.value,
				changes: both
					? [
							['vs previous period', e.previous],
							['vs a year earlier', e.yearAgo]
						]
					: [['vs a year earlier', e.yearAgo]],
				// No line is drawn when no month has a value.
				spark: e.spark.every((v) => v === '–') ? null : e.spark
			});
	}
	return expected;
}

describe('the overview computed in the page, against the independent figures', () => {
	it('the default view of the sample: every tile, both changes and every sparkline value', async () => {
		const scope = defaultView(sample);
		expect(scope).toMatchObject({ asOf: '2026-09-30', from: '2025-10-01', to: '2026-09-30' });
		await overviewReady(s.page, '"office":[]', 180_000);
		const expected = await expectTiles(sample, scope);
		// The page never showed the figures computed at build time: it asked its own database.
		expect(await sources()).not.toContain('build');
		expect(await s.page.getByTestId('overview').getAttribute('data-source')).not.toBe('build');
		// By hand from the definitions and the raw file, two figures the reference also gives:
		// clearance = closed in the period / opened in the period, and the median of days to close
		// (closing day minus opening day) over the cases closed in the period.
		const raw = Papa.parse<Record<string, string>>(readFileSync(`${SAMPLE}/cases.csv`, 'utf8'), {
			header: true,
			skipEmptyLines: true
		}).data;
		const iso = (us: string) => `${us.slice(6, 10)}-${us.slice(0, 2)}-${us.slice(3, 5)}`;
		const inPeriod = (us: string) => us !== '' && iso(us) >= scope.from && iso(us) <= scope.to;
		const opened = raw.filter((c) => inPeriod(c['Date Opened'])).length;
		const closed = raw.filter((c) => inPeriod(c['Date Closed']));
		expect(expected.clearance_rate.raw).toBe(closed.length / opened);
		const days = closed
			.map(
				(c) => (Date.parse(iso(c['Date Closed'])) - Date.parse(iso(c['Date Opened']))) / 86_400_000
			)
			.sort((a, b) => a - b);
		const mid = days.length / 2;
		expect(expected.days_to_close_median.raw).toBe(
			days.length % 2 ? days[Math.floor(mid)] : (days[mid - 1] + days[mid]) / 2
		);
	});

	it('one office, chosen in the filter bar', async () => {
		await pickOption(s.page, 'filter-office', 'Eastgate');
		await overviewReady(s.page, '"office":["Eastgate"]', 180_000);
		await expectTiles(sample, defaultView(sample, { office: ['Eastgate'] }));
		await s.page.getByTestId('clear-filters').click();
		await overviewReady(s.page, '"office":[]', 180_000);
	});

	it('the last 90 days, where the previous period and the year before differ', async () => {
		await s.page.getByTestId('filter-period').selectOption('90d');
		await overviewReady(s.page, '"from":"2026-07-03"', 180_000);
		const scope = { ...defaultView(sample), from: '2026-07-03' };
		const expected = await expectTiles(sample, scope, [], true);
		// The two comparisons differ on every tile but one here, so a swap of the two cannot pass.
		const same = TILE_IDS.filter((id) => expected[id].previous === expected[id].yearAgo);
		expect(same).toEqual(['over_capacity_workers']);
		await s.page.getByTestId('filter-period').selectOption('12m');
		await overviewReady(s.page, `"from":"${defaultView(sample).from}"`, 180_000);
	});

	it('the area tables, cell by cell: throughput by month and caseload by worker', async () => {
		const scope = defaultView(sample);
		const ref = referenceMetrics(sample, scope, refSettings());
		const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
		const oneDp = new Intl.NumberFormat('en-US', {
			minimumFractionDigits: 1,
			maximumFractionDigits: 1
		});
		// Counts whole; a weighted count that is not whole, and every share, with one decimal.
		const count = { format: (v: number) => (Number.isInteger(v) ? whole : oneDp).format(v) };
		const percent = (v: number) => `${oneDp.format(v * 100)}%`;
		const table = async (chart: string) => {
			const card = s.page.locator(`[data-chart=${chart}] details table`);
			return {
				head: (await card.locator('thead th').allTextContents()).map((t) => t.trim()),
				rows: await card
					.locator('tbody tr')
					.evaluateAll((trs) =>
						trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim()))
					)
			};
		};
		const areaReady = async (route: string, chart: string) => {
			await s.page.waitForFunction((r) => location.hash.startsWith(r), `#/${route}`);
			await s.page
				.locator(`[data-chart=${chart}] details table tbody tr`)
				.first()
				.waitFor({ state: 'attached' });
			await s.page
				.locator(`[data-testid=area][data-state=ready][data-scope*='"from":"${scope.from}"']`)
				.waitFor({ timeout: 180_000 });
		};

		await s.page.getByRole('link', { name: 'Throughput', exact: true }).click();
		await areaReady('throughput', 'throughput_monthly');
		// Polled: the table may still be drawing its rows when the area says it is ready.
		await expect
			.poll(() => table('throughput_monthly'))
			.toEqual({
				head: ['Month', 'Opened (cases)', 'Closed (cases)', 'Pending at month end (cases)'],
				rows: ref.throughput_monthly.rows!.map((r) => [
					usMonth(String(r.month)),
					count.format(r.opened as number),
					count.format(r.closed as number),
					count.format(r.pending as number)
				])
			});

		await s.page.getByRole('link', { name: 'Caseload', exact: true }).click();
		await areaReady('caseload', 'utilisation_by_worker');
		// Heaviest first; the reference lists workers by name.
		const workers = [...ref.utilisation_by_worker.rows!].sort(
			(a, b) => (b.active as number) - (a.active as number)
		);
		await expect
			.poll(() => table('utilisation_by_worker'))
			.toEqual({
				head: [
					'Worker',
					'Active (weighted) (cases)',
					'Capacity (cases)',
					'Utilisation (%)',
					'Over capacity'
				],
				rows: workers.map((r) => [
					r.worker,
					count.format(r.active as number),
					count.format(r.capacity as number),
					percent(r.utilisation as number),
					r.over_capacity ? 'yes' : 'no'
				])
			});
		await s.page.getByRole('link', { name: 'Overview', exact: true }).click();
	});

	it("Baltimore's 311 export imported through the Import page", async () => {
		const data = readBaltimore(`${REALDATA}/baltimore_311_sample.csv`);
		await s.page.getByRole('link', { name: 'Import', exact: true }).click();
		await s.page.getByTestId('file-input').setInputFiles(`${REALDATA}/baltimore_311_sample.csv`);
		await s.page.getByTestId('mapping').waitFor({ timeout: 120_000 });
		await s.page.getByRole('button', { name: /^Import this file/ }).click();
		await s.page.getByTestId('validation-report').waitFor({ timeout: 120_000 });
		await waitForData(s.page);
		await s.page.getByRole('link', { name: 'Overview', exact: true }).click();
		const scope = defaultView(data);
		expect(scope).toMatchObject({
			asOf: '2019-02-13 16:18:56',
			from: '2018-02-14',
			to: '2019-02-13'
		});
		await overviewReady(s.page, `"asOf":"${scope.asOf}"`, 180_000);
		// No goals file and no first-contact dates, and LastActivityDate is empty in all 10,000 rows
		// (counted from the raw file): those tiles say what they need instead of a figure.
		await expectTiles(data, scope, [
			'goals_met_rate',
			'gas_t_mean',
			'first_contact_on_time',
			'stale_cases'
		]);
	});

	it('logged no page error, console error or failed request, and asked no other host', () => {
		expect(s.problems()).toEqual([]);
	});
});
