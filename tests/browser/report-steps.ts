/** Steps the report's browser tests share: wait for the report, print it to PDF, read its text. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { navigate } from './harness';

export const ARTIFACTS = path.resolve(import.meta.dirname, '../.artifacts/report');

/** Waits until the report is computed and every chart has drawn its SVG. */
export async function reportReady(page: Page, timeout = 120_000): Promise<void> {
	await page.waitForFunction(
		() => document.querySelector<HTMLElement>('[data-testid=report]')?.dataset.state === 'ready',
		null,
		{ timeout }
	);
	await page.waitForFunction(
		() =>
			[...document.querySelectorAll('.report-doc [data-testid=chart]')].every((c) =>
				c.querySelector('svg')
			),
		null,
		{ timeout: 30_000 }
	);
}

/**
 * Opens the organisation report over the last 12 months of what is loaded, and waits until it is
 * ready with an as-of date starting `asOfPrefix` (the loaded data's, not the sample's).
 */
export async function openOrganisationReport(
	page: Page,
	asOfPrefix: string,
	timeout = 120_000
): Promise<void> {
	await navigate(page, '/report');
	await page.selectOption('[data-testid=report-scope-kind]', 'organisation');
	await page.selectOption('[data-testid=report-period]', '12m');
	await page.waitForFunction(
		(prefix) => {
			// The as-of date as ISO (data-iso); the text follows the browser's locale.
			const asOf = document.querySelector<HTMLElement>('[data-testid=report-asof]');
			return (asOf?.dataset.iso ?? asOf?.textContent)?.startsWith(prefix);
		},
		asOfPrefix,
		{ timeout: 120_000 }
	);
	await reportReady(page, timeout);
}

/**
 * Prints the page as the user's "Save as PDF" does (the page's own @page size and margins) and
 * reads it back with pdftotext: `pages` in layout mode (columns kept), `flow` in reading order.
 */
export async function printPdf(
	page: Page,
	name: string
): Promise<{ file: string; pages: string[]; flow: string; ms: number }> {
	mkdirSync(ARTIFACTS, { recursive: true });
	const t0 = Date.now();
	const pdf = await page.pdf({ preferCSSPageSize: true });
	const ms = Date.now() - t0;
	const file = path.join(ARTIFACTS, `${name}.pdf`);
	writeFileSync(file, pdf);
	const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
	const pages = text.split('\f');
	if (pages[pages.length - 1].trim() === '') pages.pop();
	const flow = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
	return { file, pages, flow, ms };
}

/** Words written together in the report's own text, allowed as they are (names of standards). */
const CAMEL_CASE = new Set(['CourTools']);

/**
 * Text glitches in a printed report: "NaN", "undefined" or "null" printed as values, a word
 * written twice ("the the"), two words run together ("attainmentnot available", "periodThe").
 */
export function textGlitches(flow: string): string[] {
	const out: string[] = [];
	for (const bad of ['NaN', 'undefined', 'null', 'Infinity', '[object Object]'])
		if (flow.includes(bad)) out.push(`"${bad}" printed`);
	for (const m of flow.matchAll(/\b([A-Za-z]{2,})\s+\1\b/g))
		if (m[1].toLowerCase() !== 'no') out.push(`doubled word: "${m[0].replace(/\s+/g, ' ')}"`);
	for (const m of flow.matchAll(/\b[a-z]+[A-Z][a-z]+\b/g))
		if (!CAMEL_CASE.has(m[0])) out.push(`run together: "${m[0]}"`);
	for (const m of flow.matchAll(/[a-z](not available|Missed|Met)\b/g))
		out.push(`run together: "…${m[0]}"`);
	return out;
}
