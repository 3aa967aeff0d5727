/**
 * Content is data: an export whose worker, case type and office cells hold HTML and script payloads
 * is imported, every page is opened and chart marks are hovered (ECharts tooltips are HTML); nothing
 * runs and the text shows literally.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { navigate, openApp, waitForData, type Session } from './harness';

const WORKER = '<img src=x onerror="window.__xss=1">';
const TYPE = '<script>window.__xss=2</script>';
const OFFICE = '"><svg onload="window.__xss=3">';
const WORKER2 = '<b onmouseover="window.__xss=4">Bold</b>';

function csv(): string {
	const q = (v: string) => `"${v.replaceAll('"', '""')}"`;
	const lines = [
		'Matter Number,Date Opened,Date Closed,Case Type,Primary Advocate,Office,Priority,Status,Due Date'
	];
	for (let i = 0; i < 40; i++) {
		const month = String((i % 9) + 1).padStart(2, '0');
		const opened = `2026-${month}-${String((i % 27) + 1).padStart(2, '0')}`;
		const closed =
			i % 3 === 0 ? '' : `2026-${String(Math.min(12, (i % 9) + 2)).padStart(2, '0')}-15`;
		lines.push(
			[
				`X-${i}`,
				opened,
				closed,
				q(i % 2 ? TYPE : 'Housing'),
				q(i % 4 === 1 ? WORKER2 : WORKER),
				q(OFFICE),
				'High',
				closed ? 'Closed' : 'Open',
				// Due before most closings: missed deadlines list the payload workers and types.
				`2026-${month}-28`
			].join(',')
		);
	}
	return lines.join('\n') + '\n';
}

/** Goals on the same cases, so that the goals page shows data (its worker table) rather than asking for a file. */
function goalsCsv(): string {
	const lines = ['Case ID,Goal ID,Target Date,Achieved Date,GAS Score'];
	for (let i = 0; i < 40; i++)
		lines.push(`X-${i},G-${i},2026-06-30,${i % 2 ? '2026-06-01' : ''},${(i % 5) - 2}`);
	return lines.join('\n') + '\n';
}

const PAYLOADS = { WORKER, TYPE, OFFICE, WORKER2 };

let s: Session;
let dialogs = 0;
beforeAll(async () => {
	s = await openApp('#/import');
	s.page.on('dialog', (d) => {
		// Leaving with imported data not kept asks first (beforeunload): the reload below means it.
		if (d.type() === 'beforeunload') return void d.accept();
		dialogs++;
		void d.dismiss();
	});
	await waitForData(s.page);
	await s.page
		.getByTestId('file-input')
		.setInputFiles({ name: 'payload.csv', mimeType: 'text/csv', buffer: Buffer.from(csv()) });
	await s.page.getByTestId('mapping').waitFor({ timeout: 60_000 });
	await s.page.getByRole('button', { name: /^Import this file/ }).click();
	await s.page.getByTestId('validation-report').waitFor({ timeout: 60_000 });
	await s.page
		.getByTestId('file-input')
		.setInputFiles({ name: 'goals.csv', mimeType: 'text/csv', buffer: Buffer.from(goalsCsv()) });
	await s.page.getByTestId('mapping').waitFor({ timeout: 60_000 });
	await s.page.getByRole('button', { name: /^Import this file/ }).click();
	await s.page.getByTestId('validation-report').waitFor({ timeout: 60_000 });
	expect(await s.page.getByTestId('count-cases').first().innerText()).toBe('40');
});

/**
 * Where each route shows the payloads besides its filter bar: the table cells (selector) that must
 * hold them, exactly, as text. The filter bar lists every payload on every page.
 */
const CELLS: Record<string, [string, string[]][]> = {
	'/': [],
	'/throughput': [],
	'/resolution': [['[data-chart=days_to_close_by_type] details td', [TYPE]]],
	'/goals': [['[data-chart=goal_attainment_by_worker] details td', [WORKER, WORKER2]]],
	'/caseload': [['[data-chart=utilisation_by_worker] details td', [WORKER, WORKER2]]],
	'/compliance': [['[data-testid=breaches] td', [WORKER, WORKER2, TYPE]]],
	'/cases?metric=opened': [['[data-testid=drill-table] td', [WORKER, WORKER2, TYPE, OFFICE]]]
};
/** What shows that a route has its data (not a "needs a file" notice standing in for it). */
const READY: Record<string, string> = {
	'/': '[data-testid=overview][data-state=ready]',
	'/cases?metric=opened': '[data-testid=drill][data-state=ready]'
};

/** Elements made from markup in the data: any inline handler attribute, or a script mentioning __xss. */
const injected = () =>
	s.page.evaluate(
		() =>
			[...document.querySelectorAll('*')].filter(
				(e) =>
					[...e.attributes].some((a) => a.name.toLowerCase().startsWith('on')) ||
					(e.tagName === 'SCRIPT' && e.textContent?.includes('__xss'))
			).length
	);
afterAll(async () => s?.close());

const executed = () =>
	s.page.evaluate(() => (window as unknown as { __xss?: number }).__xss ?? null);

async function hoverMarks(max = 12) {
	const svgs = s.page.locator('[data-testid=chart] svg');
	const n = await svgs.count();
	let hovered = 0;
	for (let i = 0; i < n; i++) {
		const svg = svgs.nth(i);
		await svg.evaluate((el) => el.scrollIntoView({ block: 'center' }));
		const points = await svg.evaluate((el, limit) => {
			const out: { x: number; y: number }[] = [];
			for (const p of el.querySelectorAll('path')) {
				const fill = p.getAttribute('fill');
				const r = p.getBoundingClientRect();
				if (!fill || fill === 'none' || r.width < 2 || r.height < 2 || r.width > 600) continue;
				out.push({ x: r.x + r.width / 2, y: r.y + r.height / 2 });
				if (out.length >= limit) break;
			}
			return out;
		}, max);
		for (const p of points) {
			await s.page.mouse.move(p.x, p.y);
			await s.page.waitForTimeout(60);
			hovered++;
		}
	}
	return hovered;
}

describe('HTML in the data is shown as text everywhere', () => {
	it('the import shows the payloads literally', async () => {
		expect(await executed()).toBeNull();
		expect(await s.page.locator('img[src=x]').count()).toBe(0);
	});

	for (const route of [
		'/',
		'/throughput',
		'/resolution',
		'/goals',
		'/caseload',
		'/compliance',
		'/cases?metric=opened'
	]) {
		it(`${route}: every payload shows as text where it belongs; nothing executes, even in tooltips`, async () => {
			// In-app navigation: a reload would drop the imported data (it lives in this tab's memory).
			await navigate(s.page, route);
			await s.page
				.locator(READY[route] ?? '[data-testid=area][data-state=ready]')
				.waitFor({ timeout: 120_000 });
			// Cases and goals are loaded, events and staff are not: the pages that use them say so.
			expect(
				await s.page
					.locator('[data-testid^=needs-]')
					.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))
			).toEqual({ '/compliance': ['needs-events'], '/caseload': ['needs-staff'] }[route] ?? []);
			await s.page.waitForTimeout(300);
			// Each payload is on the page as text: in the filter bar, and in the cells where it belongs.
			const body = await s.page.evaluate(() => document.body.textContent ?? '');
			for (const [name, payload] of Object.entries(PAYLOADS))
				expect(body.includes(payload), `${name} as text on ${route}`).toBe(true);
			// An option reads "value (count)".
			for (const dim of ['worker', 'case_type', 'office'] as const) {
				const options = await s.page
					.getByTestId(`filter-${dim}`)
					.locator('option')
					.allTextContents();
				const values = options.map((o) => o.trim().replace(/ \(\d+\)$/, ''));
				const expected = { worker: [WORKER, WORKER2], case_type: [TYPE], office: [OFFICE] }[dim];
				for (const payload of expected)
					expect(values, `${dim} filter on ${route}`).toContain(payload);
			}
			for (const [selector, payloads] of CELLS[route]) {
				const cells = await s.page.locator(selector).allTextContents();
				for (const payload of payloads)
					expect(
						cells.map((c) => c.trim()),
						`${selector} on ${route}`
					).toContain(payload);
			}
			expect(await injected(), `elements made from the data on ${route}`).toBe(0);
			const hovered = await hoverMarks();
			if (route === '/caseload' || route === '/resolution') expect(hovered).toBeGreaterThan(0);
			expect(await injected(), `elements made from the data after hovering on ${route}`).toBe(0);
			expect(await executed()).toBeNull();
			expect(dialogs).toBe(0);
			expect(
				await s.page
					.locator('img[src=x], svg[onload], b[onmouseover], script:not([src]):not([type])')
					.evaluateAll(
						(els) =>
							els.filter(
								(e) =>
									e.textContent?.includes('__xss') ||
									e.getAttribute('onerror') ||
									e.getAttribute('onload') ||
									e.getAttribute('onmouseover')
							).length
					)
			).toBe(0);
			const text = await s.page.locator('main').innerText();
			if (route === '/cases?metric=opened') {
				expect(text).toContain(WORKER);
				expect(text).toContain(OFFICE);
			}
			if (route === '/caseload') {
				// The worker filter lists the names literally; the tooltip of the hovered bar is text too.
				const options = await s.page.getByTestId('filter-worker').locator('option').allInnerTexts();
				expect(options.some((o) => o.startsWith(WORKER))).toBe(true);
				// Hover the heaviest worker's bar and read the tooltip ECharts wrote into the page.
				const svg = s.page
					.locator('[data-chart=utilisation_by_worker] [data-testid=chart] svg')
					.first();
				await svg.evaluate((el) => el.scrollIntoView({ block: 'center' }));
				const bar = await svg.evaluate((el) => {
					let best: DOMRect | null = null;
					for (const p of el.querySelectorAll('path')) {
						const r = p.getBoundingClientRect();
						const fill = p.getAttribute('fill');
						if (
							fill &&
							fill !== 'none' &&
							r.height >= 4 &&
							r.height <= 60 &&
							(!best || r.width > best.width)
						)
							best = r;
					}
					return best && { x: best.x + best.width / 2, y: best.y + best.height / 2 };
				});
				await s.page.mouse.move(bar!.x, bar!.y);
				await s.page.waitForFunction(() =>
					[
						...document.querySelectorAll(
							'[data-chart=utilisation_by_worker] [data-testid=chart] div'
						)
					].some((d) => d.textContent?.includes('Utilisation:'))
				);
				const tip = await s.page.evaluate(() => {
					const d = [
						...document.querySelectorAll(
							'[data-chart=utilisation_by_worker] [data-testid=chart] div'
						)
					]
						.filter((x) => x.textContent?.includes('Utilisation:'))
						.shift()!;
					return { text: d.textContent ?? '', html: d.innerHTML };
				});
				expect(tip.text).toMatch(
					/<img src=x onerror="window.__xss=1">|<b onmouseover="window.__xss=4">Bold<\/b>/
				);
				expect(tip.html).toContain('&lt;');
				expect(await executed()).toBeNull();
			}
			if (route === '/resolution') {
				await s.page.getByText('Table of this chart’s data').first().click();
				expect(
					await s.page.locator('[data-chart=days_to_close_by_type] details').innerText()
				).toContain(TYPE);
			}
		});
	}

	it('a filter on a payload value round-trips through the URL as text', async () => {
		await navigate(s.page, '/caseload');
		await s.page.waitForFunction(
			() => document.querySelector<HTMLElement>('[data-testid=area]')?.dataset.state === 'ready',
			undefined,
			{ timeout: 120_000 }
		);
		const select = s.page.getByTestId('filter-worker');
		const value = await select.evaluate(
			(el, w) =>
				[...(el as HTMLSelectElement).options].find((o) => o.text.startsWith(w + ' ('))?.value,
			WORKER
		);
		await select.selectOption(value!);
		await s.page.getByTestId('chip').waitFor();
		await s.page.reload();
		await s.page.getByTestId('chip').waitFor({ timeout: 120_000 });
		expect(await s.page.getByTestId('chip').innerText()).toContain(`Worker: ${WORKER}`);
		expect(await executed()).toBeNull();
		expect(s.messages.filter((m) => m.startsWith('pageerror'))).toEqual([]);
	});
});
