/**
 * The brief on a dataset built here, whose figures are known by hand:
 *
 * - previous period: 40 cases opened 1 Aug to 9 Sep 2024, each closed 10 days later, 30 days before
 *   its deadline: clearance 40/40 = 1.00, deadlines met 40/40 = 100%;
 * - report period (2025-01-01 to 2025-06-30, as of 2025-06-30): 40 cases opened 1 Feb to 12 Mar 2025,
 *   each with a deadline 30 days after opening; the first 20 closed 10 days after opening, the last
 *   20 still open: clearance 20/40 = 0.50 (misses the target of 1), deadlines met 20/40 = 50%.
 *   Two-proportion test of 50% of 40 against 100% of 40: z = −5.16, beyond chance. The 20 open
 *   cases' deadlines (23 Mar to 11 Apr) passed without a close: 20 cases with a deadline due, all
 *   overdue; with no activity since they opened (21 Feb to 12 Mar) they went stale 60 days later
 *   (22 Apr to 11 May), before the as-of date: 20 cases with no recent activity, all overdue. Open
 *   110 to 129 days, none reaches the 180-day time standard within the 7-day horizon; reviews, first
 *   contact and goals need files or columns the dataset does not have.
 *
 * Then a file with 5,000 distinct free-text close reasons prints 12 of them and "Other (N values)",
 * and a report without goals or events says so in one line each.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setFormatStyle } from '../../../src/lib/charts/format';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import { importPaths } from '../../../src/lib/import/node';
import { addDays } from '../../../src/lib/metrics/scope';
import { defaultSettings } from '../../../src/lib/metrics/settings';
import type { DatasetInfo } from '../../../src/lib/model/dataset';
import { gatherReport } from '../../../src/lib/report/gather';
import { buildReport, type ReportModel } from '../../../src/lib/report/model';
import { defaultTemplate, type ReportTemplate } from '../../../src/lib/report/template';

let engine: Engine;
let dataset: DatasetInfo;
const dir = mkdtempSync(path.join(tmpdir(), 'casemetrics-brief-'));

function caseRows(): string[] {
	const rows = ['Case ID,Date Opened,Date Closed,Deadline,Close Reason'];
	for (let k = 0; k < 40; k++) {
		const opened = addDays('2024-08-01', k);
		rows.push(`P${k},${opened},${addDays(opened, 10)},${addDays(opened, 40)},Advice given`);
	}
	for (let k = 0; k < 40; k++) {
		const opened = addDays('2025-02-01', k);
		const closed = k < 20 ? addDays(opened, 10) : '';
		rows.push(`C${k},${opened},${closed},${addDays(opened, 30)},${closed ? 'Advice given' : ''}`);
	}
	return rows;
}

function template(over: Partial<ReportTemplate> = {}): ReportTemplate {
	return {
		...defaultTemplate(),
		period: { preset: 'custom', from: '2025-01-01', to: '2025-06-30' },
		asOf: '2025-06-30',
		...over
	};
}

async function model(t: ReportTemplate): Promise<ReportModel> {
	const data = await gatherReport(engine, {
		template: t,
		dataset,
		settings: defaultSettings(),
		latest: null
	});
	return buildReport({
		template: t,
		data,
		dataset,
		settings: defaultSettings(),
		generatedAt: '2026-12-06T20:00:00Z'
	});
}

beforeAll(async () => {
	// Dates as the browser's locale writes them, fixed here to en-US (month/day/year).
	setFormatStyle({ dateStyle: 'locale', locale: 'en-US' });
	engine = await createNodeEngine();
	writeFileSync(path.join(dir, 'cases.csv'), caseRows().join('\n') + '\n');
	({ dataset } = await importPaths(engine, { cases: path.join(dir, 'cases.csv') }));
});
afterAll(async () => {
	setFormatStyle({ dateStyle: 'locale' });
	await engine?.close();
});

describe('the brief on a seeded dataset', () => {
	it('leads with the missed target, the significant fall and the overdue deadlines', async () => {
		const m = await model(template());
		const byId = Object.fromEntries(m.brief!.figures.map((f) => [f.id, f]));
		expect(byId.clearance_rate.text).toBe('0.50');
		expect(byId.clearance_rate.missed).toBe(true);
		expect(byId.deadlines_met_rate.text).toBe('50.0%');
		expect(byId.deadlines_met_rate.beforeText).toBe('100.0%');
		expect(byId.deadlines_met_rate.change).toBe('−50.0 pp');
		expect(byId.deadlines_met_rate.judgement).toBe('worse, beyond chance');
		expect(m.brief!.findings.map((f) => f.text)).toEqual([
			'Clearance rate was 0.50 and misses its target — CourTools Measure 2: close at least as many ' +
				'cases as are opened (clearance rate 100% or more).',
			'Deadlines met fell by 50.0 percentage points, from 100.0% to 50.0% against the previous ' +
				'period: worse, and beyond chance.',
			'Needing action, overdue or due within 7 days: 20 cases with a deadline due (20 overdue) and ' +
				'20 with no recent activity (20 overdue).'
		]);
		expect(m.brief!.noComparison).toBeNull();
		expect(m.brief!.facts.map((f) => f.label)).toEqual([
			'Scope',
			'Period',
			'Compared with',
			'As of'
		]);
	});

	it('claims no change against a comparison period without data', async () => {
		// A year before 2025 the data holds nothing: no case opened, closed or pending.
		const m = await model(template({ comparison: 'year' }));
		expect(m.brief!.noComparison).toMatch(
			/^The comparison period \(01\/01\/2024 to 06\/30\/2024\) holds no data/
		);
		for (const f of m.brief!.figures) {
			expect(f.change, f.id).toBe('–');
			expect(f.beforeText, f.id).toBe('no data');
			expect(f.judgement, f.id).toBe('');
		}
		for (const a of m.areas) for (const f of a.figures) expect(f.change, f.id).toBe('–');
		const text = m.brief!.findings.map((f) => f.text).join(' ');
		expect(text).not.toMatch(/rose|fell|changed/);
		expect(text).toContain('The comparison period holds no data, so no change is stated.');
	});

	it('prints one line for the areas whose files were not imported, and keeps the notes as typed', async () => {
		const notes = { brief: 'Two lines:\n<b>not bold</b>', throughput: 'Busy spring.' };
		const m = await model(template({ notes }));
		expect(m.missing.map((s) => s.line)).toContain('Goal attainment: no goals file was imported.');
		expect(m.areas.map((a) => a.id)).not.toContain('goals');
		expect(m.brief!.note).toBe('Two lines:\n<b>not bold</b>');
		expect(m.areas.find((a) => a.id === 'throughput')!.note).toBe('Busy spring.');
	});
});

describe('a free-text close reason', () => {
	it('prints the 12 most common of 5,000 reasons and "Other (4,988 values)"', async () => {
		// Reason k (0 … 4,999) on one case each, and reasons 0 … 11 on 5 more cases each: 6 cases each.
		const rows = ['Case ID,Date Opened,Date Closed,Close Reason'];
		for (let k = 0; k < 5000; k++)
			rows.push(
				`F${k},2025-03-01,2025-03-${String(2 + (k % 20)).padStart(2, '0')},Note ${k} about it`
			);
		for (let k = 0; k < 60; k++) rows.push(`G${k},2025-03-01,2025-03-10,Note ${k % 12} about it`);
		const file = path.join(dir, 'free-text.csv');
		writeFileSync(file, rows.join('\n') + '\n');
		const own = await createNodeEngine();
		try {
			// Mapped by hand: the user chose to keep the free text as the close reason.
			const columns = {
				case_id: 'Case ID',
				opened_at: 'Date Opened',
				closed_at: 'Date Closed',
				close_reason: 'Close Reason'
			};
			const { dataset: ds } = await importPaths(
				own,
				{ cases: file },
				{ mappings: { cases: { columns } } }
			);
			const t = template({ sections: { ...template().sections, fullLists: true } });
			const data = await gatherReport(own, {
				template: t,
				dataset: ds,
				settings: defaultSettings(),
				latest: null
			});
			const m = buildReport({
				template: t,
				data,
				dataset: ds,
				settings: defaultSettings(),
				generatedAt: '2026-12-06T20:00:00Z'
			});
			const outcomes = m.areas.find((a) => a.id === 'outcomes')!;
			const table = outcomes.blocks.find((b) => b.kind === 'table' && b.table.id === 'outcome_mix');
			expect(table?.kind).toBe('table');
			if (table?.kind !== 'table') return;
			expect(table.table.rows.length).toBe(13);
			expect(table.table.rows[12][0].text).toBe('Other (4,988 values)');
			// 5,060 closed cases: the 12 reasons with 6 each hold 72, the other 4,988 hold one each.
			expect(table.table.rows[12][1].text).toBe('4,988');
			expect(table.table.rows.slice(0, 12).map((r) => r[1].text)).toEqual(Array(12).fill('6'));
			const chart = outcomes.blocks.find((b) => b.kind === 'chart');
			const bars =
				chart?.kind === 'chart'
					? (chart.chart.spec.option.series as { data: unknown[] }[])[0].data
					: [];
			expect(bars.length).toBe(13);
			// The full list, on request, in its appendix.
			expect(m.fullLists!.find((l) => l.id === 'outcome_mix')!.rows.length).toBe(5000);
		} finally {
			await own.close();
		}
	});
});
