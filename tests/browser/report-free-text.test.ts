/**
 * A generated city-style export whose close reason is free text (5,000 distinct values), built here
 * from a seed, imported through the app's file picker and mapping screen: the organisation report
 * with every section (the full lists appendix is off, as by default) prints in at most 12 pages,
 * shows the 12 most common reasons and "Other (N values)", and its text has no glitch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type Session } from './harness';
import { importSettled } from './import-steps';
import { openOrganisationReport, printPdf, textGlitches } from './report-steps';
import { mulberry32 } from '../../scripts/sample/random';

let s: Session;
const figures: Record<string, number | string> = {};

beforeAll(async () => {
	s = await openApp('#/import');
});
afterAll(async () => {
	console.log('free-text report figures:', JSON.stringify(figures));
	await s?.close();
});

const csvField = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * 7,000 cases opened over 2024-07-01 … 2026-06-30, 6,200 of them closed. Every one of the first
 * 5,000 closed cases has its own typed reason ("Resolved by phone with tenant, ref 0042; …"); the
 * other closed cases share 8 common ones. So the close reason has 5,008 distinct values.
 */
function cityExport(): { text: string; distinct: number } {
	const next = mulberry32(20261207);
	const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)];
	const types = Array.from({ length: 18 }, (_, i) => `Service request type ${i + 1}`);
	const offices = ['North', 'South', 'East', 'West'];
	const workers = Array.from({ length: 16 }, (_, i) => `Officer ${String.fromCharCode(65 + i)}`);
	const verbs = [
		'Resolved by phone with',
		'Referred on behalf of',
		'Inspected for',
		'Closed, no reply from'
	];
	const whom = ['tenant', 'landlord', 'resident', 'caller', 'business owner', 'school'];
	const common = [
		'Resolved',
		'Duplicate',
		'Referred',
		'No action needed',
		'Withdrawn',
		'Completed',
		'Unable to contact',
		'Transferred'
	];
	const start = Date.UTC(2024, 6, 1);
	const span = Date.UTC(2026, 5, 30) - start;
	const rows = ['Case ID,Date Opened,Date Closed,Due Date,Case Type,Office,Worker,Close Reason'];
	const reasons = new Set<string>();
	let typed = 0;
	for (let k = 0; k < 7000; k++) {
		const opened = start + Math.floor((next() * span) / 86_400_000) * 86_400_000;
		const days = Math.floor(1 + next() * 120);
		const closedAt = opened + days * 86_400_000;
		const closed = k < 6200 && closedAt <= start + span;
		let reason = '';
		if (closed) {
			reason =
				typed < 5000
					? `${pick(verbs)} ${pick(whom)}, ref ${String(typed).padStart(4, '0')}; ${pick(whom)} informed`
					: pick(common);
			if (typed < 5000) typed++;
			reasons.add(reason);
		}
		rows.push(
			[
				`SR-${String(100000 + k)}`,
				day(opened),
				closed ? day(closedAt) : '',
				day(opened + 30 * 86_400_000),
				pick(types),
				pick(offices),
				pick(workers),
				reason
			]
				.map(csvField)
				.join(',')
		);
	}
	return { text: rows.join('\n') + '\n', distinct: reasons.size };
}

describe('a generated export with a free-text close reason', () => {
	it(
		'prints the organisation report in at most 12 pages, no glitch',
		{ timeout: 600_000 },
		async () => {
			const file = cityExport();
			figures.distinctReasons = file.distinct;
			expect(file.distinct).toBeGreaterThanOrEqual(5000);
			const phase = await importSettled(s.page, () =>
				s.page.getByTestId('file-input').setInputFiles({
					name: 'city-export.csv',
					mimeType: 'text/csv',
					buffer: Buffer.from(file.text)
				})
			);
			expect(phase).not.toBe('failed');
			if (phase === 'mapping') {
				// The user keeps the free text as the close reason.
				await s.page.getByLabel('Column for Close reason').selectOption('Close Reason');
				await s.page.getByRole('button', { name: /^Import this file/ }).click();
				await s.page.getByTestId('validation-report').waitFor({ timeout: 300_000 });
			}
			await openOrganisationReport(s.page, '2026-', 300_000);
			// Every section is chosen; the full lists appendix is off, as by default.
			const sections = s.page.locator(
				'fieldset:has(> legend:text-is("Sections")) input[type=checkbox]'
			);
			const states = await sections.evaluateAll((boxes) =>
				boxes.map((b) => ({
					label: b.parentElement!.textContent!.trim(),
					on: (b as HTMLInputElement).checked
				}))
			);
			expect(states.length).toBeGreaterThan(8);
			for (const box of states)
				expect(box.on, box.label).toBe(!box.label.startsWith('Appendix: full lists'));

			// The outcomes table: the 12 most common reasons, then the others summed up in one row.
			const mix = s.page.locator('[data-table=outcome_mix] tbody tr');
			expect(await mix.count()).toBe(13);
			const other = (await mix.nth(12).locator('td').first().textContent())!.trim();
			figures.otherRow = other;
			expect(other).toMatch(/^Other \([\d,]+ values\)$/);
			const otherCount = Number(other.replace(/\D/g, ''));
			// The reasons closed in the 12 months are most but not all of the 5,008.
			expect(otherCount).toBeGreaterThan(1000);

			const pdf = await printPdf(s.page, 'free-text-close-reason');
			figures.pages = pdf.pages.length;
			expect(pdf.pages.length).toBeLessThanOrEqual(12);
			expect(textGlitches(pdf.flow)).toEqual([]);
			expect(pdf.flow).toContain(other);
			// Only 12 typed reasons reach the page, each in the table (and the chart's labels).
			const typedShown = pdf.flow.match(/ref \d{4}/g) ?? [];
			figures.typedReasonMentions = typedShown.length;
			expect(new Set(typedShown).size).toBeLessThanOrEqual(12);
			expect(s.problems()).toEqual([]);
		}
	);
});
