/**
 * Calendar periods (metrics/scope-rules.ts presets, metrics/periods.ts comparisons): last quarter
 * against the previous quarter and the same quarter a year earlier, computed by the real engine on
 * hand-made cases, and a comparison period without data that compares nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeText } from '../../../src/lib/charts/change';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import { metricEntry } from '../../../src/lib/metrics/catalogue';
import {
	comparedScopes,
	comparisons,
	periodName,
	previousScope
} from '../../../src/lib/metrics/periods';
import { computeMetrics } from '../../../src/lib/metrics/run';
import {
	defaultFilterState,
	presetPeriod,
	resolveScope
} from '../../../src/lib/metrics/scope-rules';
import { changeOf } from '../../../src/lib/metrics/significance';
import type { ScalarResult } from '../../../src/lib/metrics/types';
import { ctx, loadFixture, scope } from './fixture';

describe('calendar presets', () => {
	it('last month, last quarter and last year are the whole calendar periods before the as-of date', () => {
		expect(presetPeriod('last-month', '2019-03-31')).toEqual({
			from: '2019-02-01',
			to: '2019-02-28'
		});
		expect(presetPeriod('last-month', '2019-01-05')).toEqual({
			from: '2018-12-01',
			to: '2018-12-31'
		});
		expect(presetPeriod('last-quarter', '2019-08-15')).toEqual({
			from: '2019-04-01',
			to: '2019-06-30'
		});
		expect(presetPeriod('last-quarter', '2019-02-13')).toEqual({
			from: '2018-10-01',
			to: '2018-12-31'
		});
		expect(presetPeriod('last-year', '2019-02-13')).toEqual({
			from: '2018-01-01',
			to: '2018-12-31'
		});
	});
	it('Q2 is compared with Q1 and with Q2 a year earlier', () => {
		const q2 = resolveScope({ ...defaultFilterState(), preset: 'last-quarter' }, '2019-08-15');
		expect(q2).toMatchObject({ from: '2019-04-01', to: '2019-06-30', asOf: '2019-08-15' });
		const [, previous, year] = comparedScopes(q2, 'last-quarter');
		expect(previous).toMatchObject({ from: '2019-01-01', to: '2019-03-31', asOf: '2019-05-15' });
		expect(year).toMatchObject({ from: '2018-04-01', to: '2018-06-30', asOf: '2018-08-15' });
		expect(comparisons(q2, 'last-quarter').map((c) => [c.label, c.scope.from])).toEqual([
			['vs previous period', '2019-01-01'],
			['vs a year earlier', '2018-04-01']
		]);
		// The previous month of March is February, to its last day.
		const march = scope('2019-04-02', '2019-03-01', '2019-03-31');
		expect(previousScope(march, 'last-month')).toMatchObject({
			from: '2019-02-01',
			to: '2019-02-28'
		});
		// Without a calendar preset, the same length just before: 31 days before 1 March.
		expect(previousScope(march)).toMatchObject({ from: '2019-01-29', to: '2019-02-28' });
	});
	it('one comparison where the previous period is the year before: 12 months, last year, year to date', () => {
		const at = '2019-02-13';
		for (const preset of ['12m', 'last-year', 'ytd'] as const) {
			const s = resolveScope({ ...defaultFilterState(), preset }, at);
			expect(
				comparisons(s, preset).map((c) => c.label),
				preset
			).toEqual(['vs a year earlier']);
		}
		// With a time of day on the as-of moment too (the 12 months before keep it, as a year earlier does).
		const timed = resolveScope({ ...defaultFilterState(), preset: '12m' }, '2019-02-13 16:18:56');
		expect(comparisons(timed, '12m').map((c) => c.scope)).toEqual([
			{ ...timed, from: '2017-02-14', to: '2018-02-13', asOf: '2018-02-13 16:18:56' }
		]);
		const days90 = resolveScope({ ...defaultFilterState(), preset: '90d' }, at);
		expect(comparisons(days90, '90d')).toHaveLength(2);
	});
	it('names a period as a reader would', () => {
		expect(periodName('2018-01-01', '2018-12-31')).toBe('2018');
		expect(periodName('2018-04-01', '2018-06-30')).toBe('Q2 2018');
		expect(periodName('2019-01-01', '2019-01-31')).toBe('January 2019');
		expect(periodName('2018-02-14', '2019-02-13')).toBe('2018-02-14 to 2019-02-13');
	});
});

describe('last quarter against the previous quarter, by the engine', () => {
	let engine: Engine;
	beforeAll(async () => {
		engine = await createNodeEngine();
	});
	afterAll(async () => engine.close());

	it('counts each quarter and compares nothing with a quarter before the data', async () => {
		// Q1 2019: 40 cases opened (from 1 January, one a day), 10 of them closed in Q1; Q2 2019: 25 opened
		// (from 1 April), none closed. Nothing before 2019.
		const day = (start: string, i: number) =>
			new Date(Date.parse(start) + i * 86_400_000).toISOString().slice(0, 10);
		const cases = [
			...Array.from({ length: 40 }, (_, i) => ({
				case_id: `Q1-${i}`,
				opened_at: day('2019-01-01', i),
				closed_at: i < 10 ? day('2019-01-01', i + 5) : null
			})),
			...Array.from({ length: 25 }, (_, i) => ({
				case_id: `Q2-${i}`,
				opened_at: day('2019-04-01', i),
				closed_at: null
			}))
		];
		const dataset = await loadFixture(engine, { cases, columns: { cases: ['closed_at'] } });
		const q2 = resolveScope({ ...defaultFilterState(), preset: 'last-quarter' }, '2019-07-10');
		const scopes = comparedScopes(q2, 'last-quarter');
		const yearScope = scopes[2];
		const [now, previous, year] = await Promise.all(
			scopes.map((s) => computeMetrics(engine, ctx(dataset, s), ['opened']))
		);
		const opened = (r: Record<string, unknown>) => r.opened as ScalarResult;
		expect([opened(now).value, opened(previous).value, opened(year).value]).toEqual([25, 40, 0]);
		const entry = metricEntry('opened');
		const figure = (r: ScalarResult) => ({ value: r.value, n: r.n ?? null });
		// 25 against 40: z = -15 / sqrt(65) = -1.8605, p = 0.0628: within chance.
		const vsQ1 = changeOf(entry, figure(opened(now)), figure(opened(previous)), { minN: 20 });
		expect(vsQ1.status).toBe('not-significant');
		expect(vsQ1.z).toBeCloseTo(-1.8605, 4);
		expect(changeText(vsQ1, entry.polarity, entry.unit, 'Q1 2019')).toMatchObject({
			delta: '−15',
			arrow: '▼',
			words: 'lower',
			chance: 'within chance'
		});
		// Q2 2018 holds no case: "no data for Q2 2018", and no number.
		const vsYear = changeOf(entry, figure(opened(now)), figure(opened(year)), { minN: 20 });
		expect(vsYear.status).toBe('no-data');
		expect(
			changeText(vsYear, entry.polarity, entry.unit, periodName(yearScope.from, yearScope.to))
		).toEqual({
			delta: '–',
			arrow: '',
			words: '',
			chance: 'no data for Q2 2018',
			tone: 'neutral',
			significant: false
		});
	});
});
