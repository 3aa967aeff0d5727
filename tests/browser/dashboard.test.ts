/**
 * The dashboard on the built app with the bundled sample data: every figure shown equals the
 * metric engine's value computed in Node on the same files, for the same scope.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { OVERVIEW_IDS } from '../../src/lib/metrics/catalogue';
import { openApp, type Session } from './harness';
import { expectations, type Expectations } from './dashboard-expect';
import { overviewReady, pickOption, tileValues } from './overview-page';

let s: Session;
let ex: Expectations;
let base: Record<string, number | null>;
/** What the overview showed before the database answered (the figures computed at build time). */
let early: { values: Record<string, number | null>; status: string };
const timings: Record<string, number> = {};

beforeAll(async () => {
	ex = await expectations();
	base = await ex.overview();
	s = await openApp('');
	await s.page.waitForFunction(
		() => document.querySelector<HTMLElement>('[data-testid=overview]')?.dataset.source === 'build',
		undefined,
		{ timeout: 60_000 }
	);
	early = {
		values: await tileValues(s.page),
		status: await s.page.getByTestId('early-note').innerText()
	};
	await overviewReady(s.page, '', 120_000);
});
afterAll(async () => {
	console.log('dashboard timings (ms):', JSON.stringify(timings));
	await s?.close();
	await ex?.engine.close();
});

/** Clicks the centre of the widest filled bar of an SVG chart (bars, not legend icons). */
export async function clickWidestBar(page: Page, svg: string) {
	await page
		.locator(svg)
		.first()
		.evaluate((el) => el.scrollIntoView({ block: 'start' }));
	const box = await page
		.locator(svg)
		.first()
		.evaluate((el) => {
			let best: DOMRect | null = null;
			for (const p of el.querySelectorAll('path')) {
				const fill = p.getAttribute('fill');
				if (!fill || fill === 'none' || fill === 'transparent') continue;
				const r = p.getBoundingClientRect();
				if (r.height < 4 || r.height > 60) continue;
				if (!best || r.width > best.width) best = r;
			}
			return best ? { x: best.x + best.width / 2, y: best.y + best.height / 2 } : null;
		});
	expect(box, 'a bar to click').toBeTruthy();
	await page.mouse.click(box!.x, box!.y);
}

describe('overview', () => {
	const firstVisit =
		"on a first visit shows the sample's figures computed at build time while the database starts, " +
		"and they are the engine's";
	it(firstVisit, async () => {
		expect(early.status).toContain('Starting the database');
		expect(early.values).toEqual(base);
		expect(await s.page.evaluate(() => performance.getEntriesByName('overview:early').length)).toBe(
			1
		);
		// Once the sample is in the database they stand as its answer for the default view: the note
		// goes, the filters are there, and the overview is ready without asking the engine again.
		expect(await s.page.getByTestId('overview').getAttribute('data-source')).toBe('build');
		expect(await s.page.getByTestId('early-note').count()).toBe(0);
		await expect.poll(() => s.page.getByTestId('filter-office').count()).toBe(1);
	});

	it("shows every headline tile with the engine's value for the default scope", async () => {
		const shown = await tileValues(s.page);
		expect(Object.keys(shown)).toHaveLength(11);
		for (const id of OVERVIEW_IDS) expect(shown[id], id).toBe(base[id]);
		// The sample has goals, events and staff: every tile has a number.
		expect(Object.values(shown).every((v) => typeof v === 'number')).toBe(true);
		// Dates as the browser's locale writes them (en-US here: month/day/year).
		const us = (iso: string) => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;
		expect(await s.page.getByTestId('scope').innerText()).toContain(
			`${us(ex.scope.from)} to ${us(ex.scope.to)}`
		);
		timings.overviewFirst = Number(await s.page.getByTestId('overview').getAttribute('data-ms'));
	});

	it('colours only the tiles that miss a target', async () => {
		const missed = await s.page
			.locator('[data-testid^=kpi-]:has([data-testid=kpi-missed])')
			.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
		const expected = [];
		if (base.clearance_rate! < 1) expected.push('kpi-clearance_rate');
		if (base.backlog_share! > 0.02 + 1e-12) expected.push('kpi-backlog_share');
		if (base.gas_t_mean! < 50) expected.push('kpi-gas_t_mean');
		if (base.over_capacity_workers! > 0) expected.push('kpi-over_capacity_workers');
		expect(missed.sort()).toEqual(expected.sort());
	});

	it("a filter set through the UI changes every tile to the engine's values for the filtered scope", async () => {
		const filtered = await ex.overview({ office: ['Eastgate'] });
		// After the first figures the overview's facts are built, then the sparklines drawn, then the
		// cube of the scope's dates: a filter change keeps the dates, so the cube answers it.
		await s.page.waitForFunction(
			() => document.querySelector<HTMLElement>('[data-testid=overview]')?.dataset.cube === 'built',
			undefined,
			{ timeout: 120_000 }
		);
		await pickOption(s.page, 'filter-office', 'Eastgate');
		await overviewReady(s.page, '"office":["Eastgate"]');
		timings.overviewFiltered = Number(await s.page.getByTestId('overview').getAttribute('data-ms'));
		const shown = await tileValues(s.page);
		for (const id of OVERVIEW_IDS) expect(shown[id], id).toBe(filtered[id]);
		expect(shown.clearance_rate).not.toBe(base.clearance_rate);
		expect(await s.page.getByTestId('overview').getAttribute('data-source')).toBe('cube');
		expect(await s.page.getByTestId('chip').allInnerTexts()).toEqual([
			expect.stringContaining('Office: Eastgate')
		]);
		expect(new URL(s.page.url()).hash).toBe('#/?office=Eastgate');
	});

	it('the URL restores the filters after a reload; Back and Forward step through filter changes', async () => {
		const filtered = await ex.overview({ office: ['Eastgate'] });
		await s.page.reload();
		await overviewReady(s.page, '"office":["Eastgate"]', 120_000);
		expect(await tileValues(s.page)).toEqual(filtered);
		expect(await s.page.getByTestId('chip').count()).toBe(1);

		await s.page.goBack();
		await overviewReady(s.page, '"office":[]');
		expect(['', '#/']).toContain(new URL(s.page.url()).hash);
		expect(await tileValues(s.page)).toEqual(base);
		expect(await s.page.getByTestId('chip').count()).toBe(0);

		await s.page.goForward();
		await overviewReady(s.page, '"office":["Eastgate"]');
		expect(await tileValues(s.page)).toEqual(filtered);
	});

	it('removing the chip clears the filter', async () => {
		await s.page.getByRole('button', { name: 'Remove filter Office: Eastgate' }).click();
		await overviewReady(s.page, '"office":[]');
		expect(await tileValues(s.page)).toEqual(base);
	});

	it('the period preset changes the scope and the figures', async () => {
		// The default view answers from the build at once; its facts may still be building after the reload.
		await s.page.waitForFunction(
			() => document.querySelector<HTMLElement>('[data-testid=overview]')?.dataset.cube === 'built',
			undefined,
			{ timeout: 120_000 }
		);
		await s.page.getByTestId('filter-period').selectOption('90d');
		await overviewReady(s.page, '"from":"2026-07-03"');
		const e = await ex.overview({}, '2026-07-03');
		expect(await tileValues(s.page)).toEqual(e);
		// New dates: the cube does not hold them, the facts answer.
		expect(await s.page.getByTestId('overview').getAttribute('data-source')).toBe('facts');
		await s.page.goBack();
		await overviewReady(s.page, `"from":"${ex.scope.from}"`);
	});
});

/** Overview values for the default scope with another `from`. */
describe('area pages and cross-filtering', () => {
	it("clicking a worker's bar filters the whole dashboard by that worker", async () => {
		await s.page.getByRole('link', { name: 'Caseload', exact: true }).click();
		const card = s.page.locator('[data-chart=utilisation_by_worker]');
		await card.locator('svg').first().waitFor({ state: 'attached', timeout: 60_000 });
		// The heaviest caseload is the first row of the chart's table alternative (and the top bar).
		await card.getByText('Table of this chart’s data').click();
		const top = await card.locator('tbody tr').first().locator('td').first().innerText();
		await clickWidestBar(s.page, '[data-chart=utilisation_by_worker] [data-testid=chart] svg');
		await s.page.waitForFunction(
			(w) => decodeURIComponent(location.hash).includes(`worker=${w}`),
			top
		);
		await s.page.waitForFunction(
			() =>
				document.querySelector<HTMLElement>('[data-testid=area]')?.dataset.state === 'ready' &&
				(document.querySelector<HTMLElement>('[data-testid=area]')?.dataset.scope ?? '').includes(
					'"worker":["'
				)
		);
		expect(await s.page.getByTestId('chip').allInnerTexts()).toEqual([
			expect.stringContaining(`Worker: ${top}`)
		]);
		// The whole dashboard follows: the overview now shows that worker's figures.
		await s.page.getByRole('link', { name: 'Overview', exact: true }).click();
		await overviewReady(s.page, `"worker":[${JSON.stringify(top)}]`);
		expect(await tileValues(s.page)).toEqual(await ex.overview({ worker: [top] }));
		await s.page.getByTestId('clear-filters').click();
		await overviewReady(s.page, '"worker":[]');
	});

	it('every area page renders its charts with titles, named axes and a table alternative', async () => {
		// Each area's charts, and its monthly trends: one per headline figure of the area.
		for (const [route, charts, trends] of [
			['throughput', 2, 1],
			['resolution', 3, 3],
			['goals', 1, 2],
			['caseload', 2, 2],
			['compliance', 1, 3]
		] as const) {
			await s.page.goto(`${s.url}#/${route}`);
			await s.page.waitForFunction(
				() => document.querySelector<HTMLElement>('[data-testid=area]')?.dataset.state === 'ready',
				undefined,
				{ timeout: 120_000 }
			);
			const cards = s.page.locator('[data-testid=chart-card]:not([data-testid=trends] *)');
			expect(await cards.count(), route).toBe(charts);
			const trendCards = s.page.locator(
				'[data-testid=trends][data-state=ready] [data-testid=chart-card]'
			);
			await trendCards.first().waitFor({ timeout: 120_000 });
			expect(await trendCards.count(), route).toBe(trends);
			// The trends' text alternatives read numbers: never "NaN".
			for (const label of await trendCards
				.getByTestId('chart')
				.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? '')))
				expect(label).toMatch(/by month: [A-Z][a-z]{2} \d{4} [^,]+, .*Centre line [^N]/);
			for (let i = 0; i < charts; i++) {
				const card = cards.nth(i);
				expect((await card.locator('h3').innerText()).length).toBeGreaterThan(5);
				await card.locator('[data-testid=chart] svg').waitFor({ state: 'attached' });
				expect(await card.getByTestId('chart').getAttribute('aria-label')).toBeTruthy();
				expect(await card.locator('details table tbody tr').count()).toBeGreaterThan(0);
			}
		}
	}, 600_000);
});

describe('drill-down', () => {
	it("lists exactly the engine's drill rows, page by page", async () => {
		const rows = await ex.drillRows('backlog_share');
		await s.page.goto(`${s.url}#/cases?metric=backlog_share`);
		await s.page.waitForFunction(
			() => document.querySelector<HTMLElement>('[data-testid=drill]')?.dataset.state === 'ready',
			undefined,
			{ timeout: 120_000 }
		);
		expect(Number(await s.page.getByTestId('drill').getAttribute('data-total'))).toBe(rows.length);
		const shown = async () =>
			s.page
				.getByTestId('drill-table')
				.locator('tbody tr')
				.evaluateAll((trs) =>
					trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''))
				);
		const headers = await s.page.getByTestId('drill-table').locator('thead th').allInnerTexts();
		expect(headers.map((h) => h.trim())).toEqual(
			Object.keys(rows[0]).map((k) => k.replaceAll('_', ' '))
		);
		const first = await shown();
		expect(first.map((r) => r[0])).toEqual(rows.slice(0, 50).map((r) => r.case_id));
		expect(first[0][headers.indexOf('days open')]).toBe(
			(rows[0].days_open as number).toLocaleString('en-US')
		);
		await s.page.getByTestId('drill-next').click();
		await s.page.waitForFunction(
			() =>
				location.hash.includes('page=1') &&
				document.querySelector<HTMLElement>('[data-testid=drill]')?.dataset.state === 'ready'
		);
		expect((await shown()).map((r) => r[0])).toEqual(rows.slice(50, 100).map((r) => r.case_id));
	});

	it('search narrows the list to the matching engine rows', async () => {
		const rows = (await ex.drillRows('backlog_share')).filter((r) =>
			Object.values(r).some((v) =>
				String(v ?? '')
					.toLowerCase()
					.includes('laura')
			)
		);
		await s.page.getByTestId('drill-search').fill('laura');
		await s.page.waitForFunction(
			(n) =>
				document.querySelector<HTMLElement>('[data-testid=drill]')?.dataset.total === String(n) &&
				location.hash.includes('q=laura'),
			rows.length
		);
		const ids = await s.page
			.getByTestId('drill-table')
			.locator('tbody tr td:first-child')
			.allInnerTexts();
		expect(ids).toEqual(rows.slice(0, 50).map((r) => r.case_id));
	});

	it('made no request to another host and logged no page error', () => {
		const origin = new URL(s.url).origin;
		expect(
			s.requests.filter(
				(r) => !r.startsWith(origin) && !r.startsWith('data:') && !r.startsWith('blob:')
			)
		).toEqual([]);
		expect(s.messages.filter((m) => m.startsWith('pageerror'))).toEqual([]);
	});
});
