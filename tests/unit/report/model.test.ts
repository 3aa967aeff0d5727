/**
 * The report model on the sample data with the real metric engine (duckdb-wasm in Node): its
 * figures are the engine's, and disclosure control leaves no real name, case identifier or small
 * count anywhere in the model (tables, charts' data and labels, narrative, running head).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setFormatStyle } from '../../../src/lib/charts/format';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import { importPaths } from '../../../src/lib/import/node';
import { OVERVIEW_IDS } from '../../../src/lib/metrics/catalogue';
import { computeMetrics, metricContext } from '../../../src/lib/metrics/run';
import { latestMoment } from '../../../src/lib/metrics/scope';
import { defaultSettings } from '../../../src/lib/metrics/settings';
import type { DatasetInfo } from '../../../src/lib/model/dataset';
import { gatherReport, type ReportData } from '../../../src/lib/report/gather';
import { buildReport, type ReportModel } from '../../../src/lib/report/model';
import { reportScope } from '../../../src/lib/report/scope';
import { defaultTemplate } from '../../../src/lib/report/template';
import {
	SAMPLE_COLUMNS,
	readExport,
	referenceMetrics,
	refSettings
} from '../../reference/reference';

const SAMPLE = path.resolve(import.meta.dirname, '../../../sample-data');
let engine: Engine;
let dataset: DatasetInfo;
let latest: string | null;

beforeAll(async () => {
	// Dates as the browser's locale writes them, fixed here to en-US (month/day/year).
	setFormatStyle({ dateStyle: 'locale', locale: 'en-US' });
	engine = await createNodeEngine();
	({ dataset } = await importPaths(engine, {
		cases: `${SAMPLE}/cases.csv`,
		goals: `${SAMPLE}/goals.csv`,
		events: `${SAMPLE}/events.csv`,
		staff: `${SAMPLE}/staff.csv`
	}));
	latest = await latestMoment(engine, dataset);
});
afterAll(async () => {
	setFormatStyle({ dateStyle: 'locale' });
	await engine?.close();
});

describe('whole organisation', () => {
	let data: ReportData;
	let model: ReportModel;
	beforeAll(async () => {
		data = await gatherReport(engine, {
			template: defaultTemplate(),
			dataset,
			settings: defaultSettings(),
			latest
		});
		model = buildReport({
			template: defaultTemplate(),
			data,
			dataset,
			settings: defaultSettings(),
			generatedAt: '2026-11-29T08:00:00Z'
		});
	});

	it("shows the engine's headline values for the scope and the data files on page 1", async () => {
		const scope = reportScope(defaultTemplate(), latest);
		const expected = await computeMetrics(
			engine,
			metricContext(scope, defaultSettings(), dataset),
			OVERVIEW_IDS
		);
		expect(model.brief!.figures.map((f) => f.id)).toEqual([...OVERVIEW_IDS]);
		for (const f of model.brief!.figures) {
			const e = expected[f.id];
			expect(f.value, f.id).toBe(e.kind === 'scalar' ? e.value : undefined);
		}
		expect(model.head).toEqual([
			'Case monitoring report · Whole organisation',
			'10/01/2025 to 09/30/2026 · as of 09/30/2026'
		]);
		expect(model.sources.map((s) => s.fileName)).toEqual([
			'cases.csv',
			'goals.csv',
			'events.csv',
			'staff.csv'
		]);
		expect(model.disclosure).toBeNull();
		expect(model.areas.map((a) => a.id)).toEqual([
			'throughput',
			'resolution',
			'goals',
			'caseload',
			'compliance',
			'outcomes',
			'attention'
		]);
		// The definitions are those of what is printed: the brief's and the areas' figures, the tables and
		// the charts, nothing else (the Kaplan-Meier curve of all cases, km_curve, is not printed).
		const defined = model.appendix!.flatMap((g) => g.entries.map((e) => e.id));
		expect(defined).toContain('km_curve_by_type');
		expect(defined).toContain('clearance_rate');
		expect(defined).not.toContain('km_curve');
		expect(new Set(defined).size).toBe(defined.length);
	});

	it('lists the exceptions with the totals the independent reference finds in the raw files', async () => {
		const files = {
			cases: `${SAMPLE}/cases.csv`,
			goals: `${SAMPLE}/goals.csv`,
			events: `${SAMPLE}/events.csv`,
			staff: `${SAMPLE}/staff.csv`
		};
		const ref = referenceMetrics(readExport(files, SAMPLE_COLUMNS), data.scope, refSettings());
		const stale = model.exceptions!.lists.find((e) => e.id === 'stale')!;
		expect(stale.total).toBe(ref.stale_cases.value);
		expect(stale.total).toBeGreaterThan(50);
		const s = model.brief!.figures.find((f) => f.id === 'stale_cases')!;
		expect(stale.total).toBe(s.value);
		expect(stale.table.rows.length).toBe(15);
		const deadlines = model.exceptions!.lists.find((e) => e.id === 'deadlines')!;
		expect(deadlines.total).toBe(ref.deadlines_met_rate.detail!.not_done);
		const over = model.exceptions!.lists.find((e) => e.id === 'over_capacity')!;
		expect(over.total).toBe(ref.over_capacity_workers.value);
		expect(over.total).toBe(
			model.brief!.figures.find((f) => f.id === 'over_capacity_workers')!.value
		);
	});
});

describe('one worker, disclosure control on', () => {
	let model: ReportModel;
	let names: string[];
	beforeAll(async () => {
		const t = defaultTemplate();
		t.scope = { kind: 'worker', values: ['Laura Chen'], teamName: '' };
		t.disclosure.enabled = true;
		const data = await gatherReport(engine, {
			template: t,
			dataset,
			settings: defaultSettings(),
			latest
		});
		names = data.workers;
		model = buildReport({
			template: t,
			data,
			dataset,
			settings: defaultSettings(),
			generatedAt: '2026-11-29T08:00:00Z'
		});
	});

	it('states the control and names no one anywhere in the model (charts included)', () => {
		expect(model.disclosure).toMatch(/^Disclosure control is on/);
		const text = JSON.stringify(model);
		expect(names.length).toBe(20);
		for (const n of names) expect(text, n).not.toContain(n);
		expect(text).not.toMatch(/\d{2}-\d{7}/);
		expect(model.scopeLabel).toMatch(/^Worker: Worker [A-Z]$/);
		expect(model.workerComparison?.table.rows.length).toBeGreaterThan(10);
	});

	it('has no count from 1 to 4 in any table, chart series or narrative', () => {
		const cells = [
			...model.areas.flatMap((a) =>
				a.blocks.flatMap((b) => (b.kind === 'table' ? b.table.rows.flat() : []))
			),
			...model.exceptions!.lists.flatMap((e) => e.table.rows.flat()),
			...model.workerComparison!.table.rows.flat()
		].filter((c) => c.count);
		expect(cells.length).toBeGreaterThan(50);
		for (const c of cells) {
			const v = Number(c.text.replace(/,/g, ''));
			if (!Number.isNaN(v)) expect(v === 0 || v >= 5, c.text).toBe(true);
		}
		expect(cells.some((c) => c.suppressed && c.text === '<5')).toBe(true);
		for (const f of model.brief!.figures)
			if (['workers', 'cases'].includes(f.unit) && f.value !== null)
				expect(f.value === 0 || f.value >= 5, f.id).toBe(true);
		const throughput = model.areas
			.find((a) => a.id === 'throughput')!
			.blocks.find((b) => b.kind === 'chart');
		const series = (
			throughput?.kind === 'chart'
				? (throughput.chart.spec.option.series as { data: (number | null)[] }[])
				: []
		).slice(0, 2);
		for (const s of series)
			for (const v of s.data) expect(v === null || v === 0 || v >= 5, String(v)).toBe(true);
		const briefText = model.brief!.findings.map((f) => f.text).join(' ');
		expect(briefText).not.toMatch(/\b[1-4] (stale|overdue|workers?)\b/);
	});
});
