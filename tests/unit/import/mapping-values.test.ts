/**
 * Mapping that looks at the values, not only the names (issue 17, items 3 and 5): seeded exports
 * built here, the real San Francisco file, and imports through the whole pipeline.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import { guessColumns } from '../../../src/lib/import/columns';
import { NEAR_EMPTY_PROBLEM } from '../../../src/lib/import/findings';
import { explainProposal } from '../../../src/lib/import/mapping';
import { importPaths } from '../../../src/lib/import/node';
import { sniff } from '../../../src/lib/import/sniff';
import { computeMetrics } from '../../../src/lib/metrics/run';
import { ctx, scope } from '../metrics/fixture';
import { mulberry32 } from '../../../scripts/sample/random';

const CATEGORIES = ['case_type', 'worker', 'office', 'priority', 'status', 'close_reason'];
const dir = mkdtempSync(path.join(tmpdir(), 'mapping-values-'));
const write = (name: string, text: string) => {
	const file = path.join(dir, name);
	writeFileSync(file, text);
	return file;
};

const guessesOf = (headers: string[], rows: string[][]) => guessColumns(headers, rows);

describe('values veto names', () => {
	const random = mulberry32(17);
	const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
	const streets = ['MAIN ST', 'GARRISON BLVD', 'Harford Road', 'Oak Avenue', 'Elm Dr'];
	const words = [
		'client',
		'called',
		'back',
		'about',
		'the',
		'landlord',
		'notice',
		'and',
		'repairs'
	];
	const headers = [
		'Case Number',
		'Date Opened',
		'Date Closed',
		'Location',
		'Region',
		'Outcome',
		'Type',
		'Assigned To',
		'Priority'
	];
	const rows = Array.from({ length: 1000 }, (_, i) => [
		`C-${10_000 + i}`,
		`2024-0${1 + (i % 9)}-1${i % 10}`,
		`2024-1${i % 3}-2${i % 10}`,
		`${100 + Math.floor(random() * 9000)} ${pick(streets)}`,
		`(39.${Math.floor(random() * 1e6)}, -76.${Math.floor(random() * 1e6)})`,
		Array.from({ length: 8 + Math.floor(random() * 6) }, () => pick(words)).join(' ') + ` #${i}`,
		`Request ${i % 400}`,
		pick(['Ana Ruiz', 'Ben Okafor', 'Chen Li']),
		pick(['High', 'Normal', 'Low'])
	]);
	const { mapping, proposals, rejected } = explainProposal('cases', guessesOf(headers, rows));

	it('maps no address, coordinate, free-text or 400-value column to a category', () => {
		const vetoed = ['Location', 'Region', 'Outcome', 'Type'];
		for (const c of CATEGORIES) expect(vetoed).not.toContain(mapping.columns[c]);
		expect(mapping.columns).toEqual({
			case_id: 'Case Number',
			opened_at: 'Date Opened',
			closed_at: 'Date Closed',
			worker: 'Assigned To',
			priority: 'Priority'
		});
		const why = Object.fromEntries(rejected.map((r) => [`${r.column} ${r.header}`, r.reason]));
		expect(why['office Location']).toBe('100% of sampled values are street addresses');
		expect(why['office Region']).toBe('100% of sampled values are map coordinates');
		expect(why['close_reason Outcome']).toMatch(
			/^the values are free text \(\d+ characters on average\)$/
		);
		expect(why['case_type Type']).toBe(
			'400 distinct values in the sample: too many for a category'
		);
	});

	it('says how sure it is of each column, and why', () => {
		const byColumn = Object.fromEntries(proposals.map((p) => [p.column, p]));
		expect(byColumn.opened_at).toMatchObject({
			header: 'Date Opened',
			confidence: 'high',
			reason: "the name matches 'Date Opened'; 100% of sampled values are dates"
		});
		expect(byColumn.worker).toMatchObject({
			confidence: 'high',
			reason: "the name matches 'Assigned To'; 3 distinct values in 1000 sampled rows"
		});
		expect(byColumn.case_id.reason).toBe(
			"the name matches 'Case Number'; every sampled value is distinct"
		);
	});

	it('a few distinct offices in a small file are still offices', () => {
		const small = explainProposal(
			'cases',
			guessesOf(
				['Case ID', 'Open Date', 'Office'],
				[
					['1', '2024-01-02', 'North'],
					['2', '2024-01-03', 'South'],
					['3', '2024-01-04', 'East']
				]
			)
		);
		expect(small.mapping.columns.office).toBe('Office');
	});

	it('one office in every row is data (a one-office service); an empty column is low confidence', () => {
		const rows = Array.from({ length: 100 }, (_, i) => [String(i), '2024-01-02', 'Main', '']);
		const p = explainProposal(
			'cases',
			guessesOf(['Case ID', 'Open Date', 'Office', 'Last Activity'], rows)
		);
		const byColumn = Object.fromEntries(p.proposals.map((x) => [x.column, x]));
		expect(byColumn.office.confidence).not.toBe('low');
		expect(byColumn.office.reason).toMatch(/^the name matches 'Office'/);
		expect(byColumn.last_activity_at).toMatchObject({
			confidence: 'low',
			reason: "the name matches 'Last Activity'; empty in the sample"
		});
	});
});

describe('the San Francisco 311 file', () => {
	it('maps none of location, incident_address, latitude to an office or any category', () => {
		const file = new URL('../../fixtures/realdata/sf_311_sample.csv', import.meta.url).pathname;
		const bytes = new Uint8Array(readFileSync(file));
		const s = sniff('sf_311_sample.csv', bytes.subarray(0, 1 << 20), bytes.length);
		const { mapping, rejected } = explainProposal('cases', guessColumns(s.headers, s.sample));
		expect(mapping.columns.office).toBeUndefined();
		for (const c of CATEGORIES)
			expect(['location', 'incident_address', 'latitude', 'longitude']).not.toContain(
				mapping.columns[c]
			);
		expect(rejected).toContainEqual({
			column: 'office',
			label: 'Office',
			header: 'location',
			reason: '100% of sampled values are map coordinates'
		});
	});
});

let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
});
afterAll(async () => engine.close());

describe('review dates are reviews, not the case deadline', () => {
	const cases = write(
		'reviews.csv',
		[
			'Case ID,Date Opened,Next Review Due',
			'C1,01/05/2024,02/01/2024',
			'C2,01/06/2024,05/01/2024',
			'C3,01/07/2024,',
			'C4,01/08/2024,03/15/2024'
		].join('\n')
	);
	const march = scope('2024-03-31', '2024-01-01', '2024-03-31');

	it('"Next Review Due" feeds the reviews metric, one review per case; no deadline', async () => {
		const { dataset } = await importPaths(engine, { cases }, { today: '2026-01-01' });
		expect(dataset.tables.cases!.columns.review_at.source).toBe('Next Review Due');
		expect(dataset.tables.cases!.columns.due_at).toBeUndefined();
		const r = await computeMetrics(engine, ctx(dataset, march), [
			'reviews_overdue',
			'deadlines_met_rate'
		]);
		// By hand: C1 (due 1 Feb) and C4 (due 15 Mar) are due by 31 March and not done; C2 is due later.
		expect(r.reviews_overdue).toMatchObject({
			value: 2,
			n: 2,
			detail: { not_done: 2, done_late: 0 }
		});
		expect(r.deadlines_met_rate.unavailable).toBe('not available: needs Events: Due or Due');
	});

	it('a review event due the same day is the same review, counted once', async () => {
		const events = write(
			'review-events.csv',
			['Case ID,Event Type,Due Date,Completed Date', 'C4,Case review,03/15/2024,03/10/2024'].join(
				'\n'
			)
		);
		const { dataset } = await importPaths(engine, { cases, events }, { today: '2026-01-01' });
		const r = await computeMetrics(engine, ctx(dataset, march), ['reviews_overdue']);
		// C1 from the cases file, not done; C4's review event, done before it was due.
		expect(r.reviews_overdue).toMatchObject({
			value: 1,
			n: 2,
			detail: { not_done: 1, done_late: 0 }
		});
	});
});

describe('empty and near-empty columns are findings', () => {
	const lines = ['Case ID,Date Opened,Date Closed,Office,Last Activity'];
	for (let i = 1; i <= 40; i++)
		lines.push(
			`C${i},01/${10 + (i % 18)}/2024,${i % 3 ? '' : '02/20/2024'},${i === 7 ? 'North' : 'Main'},`
		);
	const cases = write('empty-activity.csv', lines.join('\n'));

	it('an empty last-activity column makes stale cases "not available", and the report lists it', async () => {
		const result = await importPaths(engine, { cases }, { today: '2026-01-01' });
		const columns = result.dataset.tables.cases!.columns;
		expect(columns.last_activity_at).toMatchObject({
			source: 'Last Activity',
			nearEmpty: { rows: 40, of: 40 }
		});
		// One office in 39 of 40 rows is a small service, not a broken column: office stays in use.
		expect(columns.office.nearEmpty).toBeUndefined();
		expect(result.issueCounts[NEAR_EMPTY_PROBLEM]).toBe(1);
		const listed = await engine.query<{ column: string; value: string; line: number | null }>(
			`SELECT "column", value, line FROM import_issues WHERE problem = '${NEAR_EMPTY_PROBLEM}' ORDER BY 1`
		);
		expect(listed).toEqual([
			{
				column: 'Last Activity',
				value: '“Last Activity” is empty in 40 of 40 rows: Last activity is not used',
				line: null
			}
		]);
		const r = await computeMetrics(
			engine,
			ctx(result.dataset, scope('2024-03-31', '2024-01-01', '2024-03-31')),
			['stale_cases', 'pending_age_buckets']
		);
		expect(r.stale_cases.unavailable).toBe(
			'not available: Last activity is empty in 40 of 40 rows'
		);
		expect(r.pending_age_buckets.unavailable).toBeUndefined();
	});
});

describe('the real exports through the whole import', () => {
	const REAL = new URL('../../fixtures/realdata/', import.meta.url).pathname;
	const blanks = (file: string, column: string) => {
		const rows = Papa.parse<Record<string, string>>(readFileSync(REAL + file, 'utf8'), {
			header: true,
			skipEmptyLines: true
		}).data;
		return [rows.filter((r) => r[column].trim() === '').length, rows.length];
	};

	it('Baltimore: LastActivityDate and Outcome are blank in every row, so stale cases are not available', async () => {
		expect(blanks('baltimore_311_sample.csv', 'LastActivityDate')).toEqual([10_000, 10_000]);
		expect(blanks('baltimore_311_sample.csv', 'Outcome')).toEqual([10_000, 10_000]);
		const result = await importPaths(
			engine,
			{ cases: REAL + 'baltimore_311_sample.csv' },
			{ today: '2026-11-29' }
		);
		const columns = result.dataset.tables.cases!.columns;
		expect(columns.last_activity_at).toMatchObject({
			source: 'LastActivityDate',
			nearEmpty: { rows: 10_000, of: 10_000 }
		});
		expect(columns.close_reason).toMatchObject({
			source: 'Outcome',
			nearEmpty: { rows: 10_000, of: 10_000 }
		});
		expect(result.issueCounts[NEAR_EMPTY_PROBLEM]).toBe(2);
		const r = await computeMetrics(
			engine,
			ctx(result.dataset, scope('2019-02-13', '2018-02-14', '2019-02-13')),
			['stale_cases']
		);
		expect(r.stale_cases.unavailable).toBe(
			'not available: Last activity is empty in 10,000 of 10,000 rows'
		);
	});

	it('San Francisco: no office, and none of location, incident_address, latitude is a category', async () => {
		const result = await importPaths(
			engine,
			{ cases: REAL + 'sf_311_sample.csv' },
			{ today: '2026-11-29' }
		);
		const sources = Object.entries(result.dataset.tables.cases!.columns)
			.filter(([c]) => CATEGORIES.includes(c))
			.map(([, info]) => info.source);
		expect(result.dataset.tables.cases!.columns.office).toBeUndefined();
		expect(sources.sort()).toEqual(['agency_name', 'complaint_type', 'status']);
	});
});
