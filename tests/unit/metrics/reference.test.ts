/**
 * The whole catalogue (src, its files imported through src's importer as a user would) against the
 * independent reference (tests/reference/), which parses the same RAW files itself: on the bundled
 * sample, on seeded synthetic exports with times of day, and (realdata.test.ts) on two cities' files.
 * Counts must be equal, rates and days within 1e-9.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../scripts/metrics';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import { importPaths } from '../../../src/lib/import/node';
import type { DatasetInfo } from '../../../src/lib/model/dataset';
import { CATALOGUE } from '../../../src/lib/metrics/catalogue';
import { computeAll } from '../../../src/lib/metrics/run';
import { defaultScope, type Scope } from '../../../src/lib/metrics/scope';
import { defaultSettings, type Settings } from '../../../src/lib/metrics/settings';
import type { MetricResult, ScalarResult, TableResult } from '../../../src/lib/metrics/types';
import { compareResults } from '../../reference/compare';
import {
	SAMPLE_COLUMNS,
	SYNTHETIC_COLUMNS,
	readExport,
	referenceMetrics,
	refSettings,
	type RefData
} from '../../reference/reference';
import { parseDate } from '../../reference/dates';
import { writeSyntheticExport } from '../../reference/synthetic';
import { scope } from './fixture';

const SAMPLE = new URL('../../../sample-data/', import.meta.url).pathname;
const FILES = {
	cases: SAMPLE + 'cases.csv',
	goals: SAMPLE + 'goals.csv',
	events: SAMPLE + 'events.csv',
	staff: SAMPLE + 'staff.csv'
};
const REFERENCE_DIR = new URL('../../reference/', import.meta.url).pathname;
const SRC_DIR = new URL('../../../src/', import.meta.url).pathname;

/** The module specifiers a file imports or re-exports from. */
function importSpecifiers(text: string): string[] {
	// import/export ... from '...', a bare import '...', and a dynamic import('...')
	const specifier = new RegExp(
		[
			`(?:^|[\\s;])(?:import|export)\\s[^'"\`;]*?from\\s*['"]([^'"]+)['"]`,
			`(?:^|[\\s;])import\\s*['"]([^'"]+)['"]`,
			`import\\(\\s*['"]([^'"]+)['"]\\s*\\)`
		].join('|'),
		'g'
	);
	return [...text.matchAll(specifier)].map((m) => m[1] ?? m[2] ?? m[3]);
}

/** A specifier (in a file of tests/reference) that resolves into src/, or names it through an alias. */
function fromSrc(spec: string): boolean {
	const resolved = spec.startsWith('.') ? path.resolve(REFERENCE_DIR, spec) + '/' : spec;
	return resolved.startsWith(SRC_DIR) || /^(\$lib|src)(\/|$)/.test(spec);
}

describe('the reference is independent of src', () => {
	it('no file in tests/reference imports or re-exports anything from src/', () => {
		const files = readdirSync(REFERENCE_DIR).filter((f) => /\.[cm]?[jt]s$/.test(f));
		expect(files).toEqual(
			expect.arrayContaining(['reference.ts', 'parse.ts', 'dates.ts', 'compare.ts'])
		);
		const offenders: string[] = [];
		let seen = 0;
		for (const f of files) {
			const text = readFileSync(REFERENCE_DIR + f, 'utf8');
			for (const spec of importSpecifiers(text)) {
				seen++;
				if (fromSrc(spec)) offenders.push(`${f}: ${spec}`);
			}
		}
		expect(seen).toBeGreaterThan(10);
		expect(offenders).toEqual([]);
	});

	it('the import check itself catches an import from src (a relative path and the $lib alias)', () => {
		const text = [
			`import { a } from '../../src/lib/x';`,
			`export type { B } from '$lib/y';`,
			`import c from './ok';`,
			`import '../../src/side-effect';`,
			`const d = await import('../../src/lib/z');`
		].join('\n');
		const specs = importSpecifiers(text);
		expect(specs).toEqual([
			'../../src/lib/x',
			'$lib/y',
			'./ok',
			'../../src/side-effect',
			'../../src/lib/z'
		]);
		expect(specs.map(fromSrc)).toEqual([true, true, false, true, true]);
		expect(fromSrc('../../srcs/x') || fromSrc('./dates') || fromSrc('papaparse')).toBe(false);
	});
});

describe("the reference's own date reader", () => {
	const iso = (text: string, order?: 'month-first' | 'day-first', offsets?: 'convert-to-utc') => {
		const d = parseDate(text, order, offsets);
		return d && { at: new Date(d.ms).toISOString(), hasTime: d.hasTime };
	};
	it('reads the formats of the test exports, with their precision', () => {
		expect(iso('2016-07-13 15:11:07+00:00')).toEqual({
			at: '2016-07-13T15:11:07.000Z',
			hasTime: true
		});
		expect(iso('2025-06-01')).toEqual({ at: '2025-06-01T00:00:00.000Z', hasTime: false });
		expect(iso('2025-06-01T10:00')).toEqual({ at: '2025-06-01T10:00:00.000Z', hasTime: true });
		expect(iso('10/03/2023 16:52')).toEqual({ at: '2023-10-03T16:52:00.000Z', hasTime: true });
		expect(iso('10/03/2023', 'day-first')).toEqual({
			at: '2023-03-10T00:00:00.000Z',
			hasTime: false
		});
		// 12 AM is midnight, 12 PM noon
		expect(iso('04/12/2018 12:05:09 AM')!.at).toBe('2018-04-12T00:05:09.000Z');
		expect(iso('04/12/2018 12:05:09 PM')!.at).toBe('2018-04-12T12:05:09.000Z');
		expect(iso('04/12/2018 01:11:26 PM')!.at).toBe('2018-04-12T13:11:26.000Z');
	});
	it('keeps an offset as written unless told to convert, and refuses what is not a date', () => {
		expect(iso('2016-07-13 15:11:07+02:00')!.at).toBe('2016-07-13T15:11:07.000Z');
		expect(iso('2016-07-13 15:11:07+02:00', undefined, 'convert-to-utc')!.at).toBe(
			'2016-07-13T13:11:07.000Z'
		);
		for (const bad of [
			'2025-02-30',
			'13/01/2025',
			'04/12/2018 13:00:00 PM',
			'soon',
			'2025-06-01 25:00'
		])
			expect(parseDate(bad), bad).toBeNull();
	});
});

let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
});
afterAll(async () => engine.close());

function customSettings(): Settings {
	const s = defaultSettings();
	s.timeStandards.byType = {
		'family - custody': [
			{ days: 120, target: 0.5 },
			{ days: 300, target: 0.8 },
			{ days: 700, target: 0.99 }
		],
		HOUSING: [
			{ days: 30, target: 0.6 },
			{ days: 60, target: 0.85 },
			{ days: 90, target: 0.95 }
		]
	};
	s.caseWeights = { Immigration: 2.5, debt: 0.5, 'Consumer - Debt': 0.75 };
	s.firstContactSlaDays = 2;
	s.staleDays = 30;
	s.defaultCapacity = 12;
	s.requiredFields = [
		{ column: 'priority' },
		{ column: 'satisfaction', closedOnly: true },
		{ column: 'intake_at' },
		{ column: 'office' }
	];
	s.satisfactionScale = '1-10';
	return s;
}

async function check(dataset: DatasetInfo, data: RefData, s: Scope, settings: Settings) {
	const sql = await computeAll(engine, { scope: s, settings, dataset });
	// src's Scope and Settings are the same JSON shapes as the reference's own declarations
	const ref = referenceMetrics(data, s, settings);
	const c = compareResults(sql, ref);
	expect(c.differences, JSON.stringify(s)).toEqual([]);
	const v = (id: string) => (sql[id] as ScalarResult).value as number;
	expect(v('pending_end')).toBe(v('pending_start') + v('opened') - v('closed'));
	return { sql, comparison: c };
}

describe('sample data: SQL equals the reference', () => {
	let dataset: DatasetInfo;
	let data: RefData;
	let base: Scope;
	beforeAll(async () => {
		dataset = (await importPaths(engine, FILES)).dataset;
		data = readExport(FILES, SAMPLE_COLUMNS);
		base = await defaultScope(engine, dataset);
	});

	it('default scope and settings: every metric available and equal', async () => {
		expect(base).toMatchObject({ asOf: '2026-09-30', from: '2025-10-01', to: '2026-09-30' });
		const { sql, comparison } = await check(dataset, data, base, defaultSettings());
		expect(comparison.unavailable).toEqual([]);
		expect(comparison.compared).toBe(CATALOGUE.length);
		// Independently of both: the cases with a blank close date in the raw file are the pending ones
		// at the end date.
		const raw = Papa.parse<Record<string, string>>(readFileSync(FILES.cases, 'utf8'), {
			header: true,
			skipEmptyLines: true
		}).data;
		expect((sql.pending_end as ScalarResult).value).toBe(
			raw.filter((row) => row['Date Closed'] === '').length
		);
		expect((sql.opened as ScalarResult).value).toBe(
			raw.filter((row) => {
				const [m, d, y] = row['Date Opened'].split('/');
				const iso = `${y}-${m}-${d}`;
				return iso >= '2025-10-01' && iso <= '2026-09-30';
			}).length
		);
	});

	it("the reference's own default settings are src's defaults", () => {
		const { version, ...src } = defaultSettings();
		expect(version).toBe(1);
		// Settings that change how figures are judged or shown, never a figure: the reference has none.
		const notFigures = [
			'minCompareN',
			'topCategories',
			'dateStyle',
			'workerTargets',
			'officeTargets'
		];
		const figures = Object.fromEntries(
			Object.entries(src).filter(([k]) => !notFigures.includes(k))
		);
		expect(
			Object.keys(src)
				.filter((k) => notFigures.includes(k))
				.sort()
		).toEqual([...notFigures].sort());
		expect(refSettings()).toEqual(figures);
	});

	it('dates only: the cases opened on the as-of day are censored at 0 days and at risk there', () => {
		// counted from the raw file: opened on 09/30/2026 (the as-of day) and not closed by then
		const raw = Papa.parse<Record<string, string>>(readFileSync(FILES.cases, 'utf8'), {
			header: true,
			skipEmptyLines: true
		}).data;
		const openedOnAsOf = raw.filter(
			(r) => r['Date Opened'] === '09/30/2026' && r['Date Closed'] === ''
		);
		expect(openedOnAsOf.length).toBeGreaterThan(0);
		const curve = (choices: object) =>
			referenceMetrics(data, base, refSettings(), choices).km_curve.rows as {
				t: number;
				at_risk: number;
				censored: number;
			}[];
		const end = curve({});
		const km = referenceMetrics(data, base, refSettings()).km_median_days;
		// whole-day durations: open at the end of day A = more than A - D days, censored at A - D
		expect(end[0]).toMatchObject({ t: 0, at_risk: km.n, censored: openedOnAsOf.length });
		// so with dates only the end and the start of the as-of day give the same curve
		expect(curve({ censorAt: 'start-of-as-of-day' })).toEqual(end);
	});

	it('filters, including a blank and one that matches nothing', async () => {
		await check(
			dataset,
			data,
			{
				...base,
				filters: {
					...base.filters,
					office: ['Downtown', 'Eastgate'],
					case_type: ['Housing - Eviction', 'Family - Custody', 'Immigration']
				}
			},
			defaultSettings()
		);
		await check(
			dataset,
			data,
			{
				...base,
				filters: { ...base.filters, worker: ['Aisha Rahman'], priority: ['High', 'Urgent'] }
			},
			defaultSettings()
		);
		const { sql } = await check(
			dataset,
			data,
			{ ...base, filters: { ...base.filters, status: [null] } },
			defaultSettings()
		);
		expect((sql.opened as ScalarResult).value).toBe(0);
	});

	it('an as-of moment with a time of day inside a period that runs past it', async () => {
		await check(
			dataset,
			data,
			scope('2025-06-15 12:30:00', '2025-01-01', '2025-09-30'),
			defaultSettings()
		);
	});

	it('the whole three years, and a single month, with custom settings', async () => {
		await check(dataset, data, scope('2026-09-30', '2023-10-01', '2026-09-30'), customSettings());
		await check(
			dataset,
			data,
			scope('2026-02-28', '2026-02-01', '2026-02-28', { office: ['Northside'] }),
			customSettings()
		);
	});

	it('the command line prints the same figures as JSON keyed by metric id', async () => {
		let out = '';
		let err = '';
		const io = { out: (t: string) => (out += t), err: (t: string) => (err += t) };
		const args = [
			'--cases',
			FILES.cases,
			'--goals',
			FILES.goals,
			'--events',
			FILES.events,
			'--staff',
			FILES.staff,
			'--as-of',
			'2026-06-30',
			'--json'
		];
		expect(await main(args, io, { engine })).toBe(0);
		expect(err).toContain('scope: as of 2026-06-30, period 2025-07-01 to 2026-06-30, 5000 cases');
		const { mapping, ...printed } = JSON.parse(out) as Record<string, MetricResult>;
		expect(mapping).toHaveLength(4);
		expect(Object.keys(printed)).toEqual(CATALOGUE.map((e) => e.id));
		const again = await computeAll(engine, {
			scope: scope('2026-06-30', '2025-07-01', '2026-06-30'),
			settings: defaultSettings(),
			dataset
		});
		expect(printed).toEqual(JSON.parse(JSON.stringify(again)));
		out = '';
		expect(
			await main(['--cases', FILES.cases, '--from', '2026-01-01', '--to', '2026-03-31'], io, {
				engine
			})
		).toBe(0);
		expect(out).toMatch(/^THROUGHPUT\n {2}Cases opened +\d+/);
		expect(out).toContain('Kaplan-Meier median days to close');
		expect(out).toContain('not available: needs the goals file');
	});
});

describe('the command line with a mapping and settings file', () => {
	it('uses the given mapping instead of the proposed one, and the given settings', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'casemetrics-cli-'));
		const mappingFile = path.join(dir, 'mapping.json');
		const settingsFile = path.join(dir, 'settings.json');
		// Offices as the "workers": the caseload is then per office.
		writeFileSync(
			mappingFile,
			JSON.stringify({
				cases: {
					columns: {
						case_id: 'Matter Number',
						opened_at: 'Date Opened',
						closed_at: 'Date Closed',
						worker: 'Office'
					}
				}
			})
		);
		writeFileSync(settingsFile, JSON.stringify({ staleDays: 30, defaultCapacity: 100 }));
		let out = '';
		const io = { out: (t: string) => (out += t), err: () => {} };
		expect(
			await main(
				['--cases', FILES.cases, '--mapping', mappingFile, '--settings', settingsFile, '--json'],
				io,
				{ engine }
			)
		).toBe(0);
		const printed = JSON.parse(out) as Record<string, MetricResult>;
		const workers = (printed.active_by_worker as TableResult).rows.map((r) => r.worker);
		expect(workers).toEqual(['Downtown', 'Eastgate', 'Northside', 'Riverside']);
		expect(
			(printed.utilisation_by_worker as TableResult).rows.every((r) => r.capacity === 100)
		).toBe(true);
		expect(printed.days_to_close_by_type.unavailable).toBe('not available: needs Case type');
		writeFileSync(settingsFile, JSON.stringify({ staleDays: 'thirty' }));
		let err = '';
		expect(
			await main(
				['--cases', FILES.cases, '--settings', settingsFile],
				{ out: () => {}, err: (t) => (err += t) },
				{ engine }
			)
		).toBe(2);
		expect(err).toContain('staleDays must be a number of days >= 0');
	});
});

describe('seeded random data: SQL equals the reference', () => {
	const variants = [
		{
			name: 'times of day everywhere',
			seed: 11,
			timed: { opened: true, closed: true, other: true, events: true, goals: true }
		},
		{
			name: 'mixed precisions',
			seed: 12,
			timed: { opened: true, closed: false, other: true, events: false, goals: true }
		},
		{
			name: 'dates only',
			seed: 13,
			timed: { opened: false, closed: false, other: false, events: false, goals: false }
		}
	];
	for (const v of variants) {
		it(v.name, async () => {
			const files = writeSyntheticExport({ seed: v.seed, cases: 700, timed: v.timed });
			const dataset = (await importPaths(engine, files, { today: '2026-11-29' })).dataset;
			const data = readExport(files, SYNTHETIC_COLUMNS);
			// src's importer maps every column the reference reads, from the same header
			for (const t of ['cases', 'goals', 'events', 'staff'] as const)
				for (const [column, header] of Object.entries(SYNTHETIC_COLUMNS[t]!))
					expect(dataset.tables[t]!.columns[column]?.source, `${t}.${column}`).toBe(header);
			const base = await defaultScope(engine, dataset);
			const { comparison } = await check(dataset, data, base, defaultSettings());
			expect(comparison.compared).toBeGreaterThanOrEqual(CATALOGUE.length - 1);
			await check(
				dataset,
				data,
				{
					...base,
					filters: {
						...base.filters,
						worker: ['Ann', 'Bob', null],
						case_type: ['Debt', 'Housing', null]
					}
				},
				customSettings()
			);
			const { sql } = await check(
				dataset,
				data,
				scope('2025-03-10 09:15:00', '2024-07-01', '2025-06-30'),
				customSettings()
			);
			// this scope is where the data is: most figures are not trivially empty
			expect((sql.opened as ScalarResult).value).toBeGreaterThan(150);
			expect((sql.km_median_days as ScalarResult).value).toBeGreaterThan(0);
			expect((sql.deadlines_met_rate as ScalarResult).n).toBeGreaterThan(50);
			expect((sql.goals_met_rate as ScalarResult).n).toBeGreaterThan(50);
			await check(
				dataset,
				data,
				scope('2024-12-31', '2024-01-01', '2024-12-31', { office: ['North'] }),
				{ ...customSettings(), satisfactionScale: 'auto' }
			);
		});
	}

	it('the comparison itself notices a wrong count, a wrong rate and a missing row', async () => {
		const files = writeSyntheticExport({ seed: 5, cases: 200, timed: variants[0].timed });
		const dataset = (await importPaths(engine, files, { today: '2026-11-29' })).dataset;
		const s = scope('2025-06-30', '2024-07-01', '2025-06-30');
		const sql = await computeAll(engine, { scope: s, settings: defaultSettings(), dataset });
		const ref = referenceMetrics(readExport(files, SYNTHETIC_COLUMNS), s, defaultSettings());
		expect(compareResults(sql, ref).differences).toEqual([]);
		(ref.opened.value as number) += 1;
		ref.days_to_close_mean.value = (ref.days_to_close_mean.value as number) + 2e-9;
		ref.km_curve.rows = ref.km_curve.rows!.slice(1);
		const { differences } = compareResults(sql, ref);
		const text = differences.join('\n');
		expect(text).toMatch(/^opened\.value: engine \d+, reference \d+$/m);
		expect(text).toMatch(/^days_to_close_mean\.value: /m);
		expect(text).toMatch(/^km_curve: engine \d+ rows, reference \d+$/m);
		// nothing else was touched
		expect(
			differences.filter((d) => !/^(opened|days_to_close_mean|km_curve)[.:[]/.test(d))
		).toEqual([]);
	});
});
