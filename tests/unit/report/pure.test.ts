/**
 * Report building blocks: templates, scopes, formatting, print CSS, disclosure control, change
 * judgements, the brief's findings, the top values of a category, the dashboard view as a scope.
 */
import { describe, expect, it } from 'vitest';
import type { Unit } from '../../../src/lib/metrics/types';
import {
	Disclosure,
	casePseudonyms,
	discloseRows,
	letters,
	TABLE_RULES,
	workerPseudonyms
} from '../../../src/lib/report/disclosure';
import { changeText, cssString, dateText, figureText } from '../../../src/lib/report/format';
import { findings } from '../../../src/lib/report/brief';
import { judgeChange, testsText } from '../../../src/lib/report/judge';
import { CHANGES_DOC, TEST_TEXT } from '../../../src/lib/metrics/significance';
import type { FigureRow } from '../../../src/lib/report/model-types';
import { CATEGORY_TABLES, cutTop } from '../../../src/lib/report/top';
import { templateForView } from '../../../src/lib/report/view';
import { parseFilterQuery } from '../../../src/lib/state/filters';
import { contentWidthPx, pageCss } from '../../../src/lib/report/print';
import {
	comparisonScope,
	reportPeriod,
	reportScope,
	scopeChosen
} from '../../../src/lib/report/scope';
import {
	defaultTemplate,
	normaliseTemplate,
	normaliseTemplates,
	upsertTemplate,
	type ReportTemplate
} from '../../../src/lib/report/template';

const withPeriod = (
	preset: ReportTemplate['period']['preset'],
	from: string | null = null,
	to: string | null = null
): ReportTemplate => {
	const t = defaultTemplate();
	t.period = { preset, from, to };
	return t;
};

describe('templates', () => {
	it(
		'defaults: whole organisation, last 12 months, previous period, every section, A4 portrait, ' +
			'disclosure off',
		() => {
			const t = defaultTemplate();
			expect(t.scope.kind).toBe('organisation');
			expect(t.period.preset).toBe('12m');
			expect(t.comparison).toBe('previous');
			expect(Object.values(t.sections.areas).every(Boolean)).toBe(true);
			expect(t.output).toMatchObject({ paper: 'A4', orientation: 'portrait' });
			expect(t.disclosure).toEqual({ enabled: false, threshold: 5, pseudonymise: true });
		}
	);

	it('normalises anything stored: bad values take defaults, unknown keys are dropped', () => {
		const t = normaliseTemplate({
			name: '  Board  ',
			title: 42,
			scope: { kind: 'worker', values: ['Ana', 'Ben', 7] },
			period: { preset: 'custom', from: '2026-05-01', to: '2026-04-01' },
			asOf: '2026-02-30',
			comparison: 'decade',
			sections: { summary: false, areas: { goals: false } },
			notes: { brief: 'Line one\nLine two', goals: 7, nonsense: 'x' },
			output: { paper: 'A3', orientation: 'landscape', exceptionRows: -1 },
			disclosure: { enabled: true, threshold: 1 },
			extra: '<script>'
		});
		expect(t.name).toBe('Board');
		expect(t.title).toBe('Case monitoring report');
		expect(t.scope).toEqual({ kind: 'worker', values: ['Ana'], teamName: '' });
		expect(t.period).toEqual({ preset: '12m', from: null, to: null });
		expect(t.asOf).toBeNull();
		expect(t.comparison).toBe('previous');
		expect(t.sections.summary).toBe(false);
		expect(t.sections.fullLists).toBe(false);
		expect(t.notes).toEqual({ brief: 'Line one\nLine two' });
		expect(t.sections.areas.goals).toBe(false);
		expect(t.sections.areas.throughput).toBe(true);
		expect(t.output).toEqual({ paper: 'A4', orientation: 'landscape', exceptionRows: 15 });
		expect(t.disclosure).toEqual({ enabled: true, threshold: 5, pseudonymise: true });
		expect('extra' in t).toBe(false);
		expect(normaliseTemplate(null)).toEqual(defaultTemplate());
		expect(
			normaliseTemplate({ period: { preset: 'custom', from: '2026-01-01', to: '2026-03-31' } })
				.period
		).toEqual({ preset: 'custom', from: '2026-01-01', to: '2026-03-31' });
	});

	it('keeps named, uniquely named templates (also the loose ones other versions stored) and replaces by name', () => {
		const list = normaliseTemplates([
			{ name: 'Board report', sections: ['overview'] },
			{ name: '' },
			'x',
			{ name: 'Board report' },
			{ name: 'Monthly' }
		]);
		expect(list.map((t) => t.name)).toEqual(['Board report', 'Monthly']);
		expect(list[0].sections.summary).toBe(true);
		const next = upsertTemplate(list, {
			...defaultTemplate(),
			name: 'Board report',
			title: 'For the board'
		});
		expect(next.map((t) => [t.name, t.title])).toEqual([
			['Board report', 'For the board'],
			['Monthly', 'Case monitoring report']
		]);
		expect(upsertTemplate(next, { ...defaultTemplate(), name: 'New' })).toHaveLength(3);
		expect(() => upsertTemplate(next, defaultTemplate())).toThrow(/name/);
		expect(normaliseTemplates({})).toEqual([]);
	});
});

describe('report scope', () => {
	it('resolves the period presets against the as-of date', () => {
		expect(reportPeriod(withPeriod('12m'), '2026-09-30')).toEqual({
			from: '2025-10-01',
			to: '2026-09-30'
		});
		// A month ending on the as-of date is complete; otherwise the month before.
		expect(reportPeriod(withPeriod('full-month'), '2026-09-30')).toEqual({
			from: '2026-09-01',
			to: '2026-09-30'
		});
		expect(reportPeriod(withPeriod('full-month'), '2026-10-03 14:00:00')).toEqual({
			from: '2026-09-01',
			to: '2026-09-30'
		});
		expect(reportPeriod(withPeriod('full-month'), '2026-03-15')).toEqual({
			from: '2026-02-01',
			to: '2026-02-28'
		});
		expect(reportPeriod(withPeriod('full-quarter'), '2026-09-30')).toEqual({
			from: '2026-07-01',
			to: '2026-09-30'
		});
		expect(reportPeriod(withPeriod('full-quarter'), '2026-02-10')).toEqual({
			from: '2025-10-01',
			to: '2025-12-31'
		});
		expect(reportPeriod(withPeriod('ytd'), '2026-09-30')).toEqual({
			from: '2026-01-01',
			to: '2026-09-30'
		});
		expect(reportPeriod(withPeriod('custom', '2026-01-01', '2026-03-31'), '2026-09-30')).toEqual({
			from: '2026-01-01',
			to: '2026-03-31'
		});
	});

	it('filters by office, team or worker, and describes a period that ended earlier as of its last day', () => {
		const t = withPeriod('full-month');
		t.scope = { kind: 'team', values: ['Ana', 'Ben'], teamName: 'Housing' };
		const s = reportScope(t, '2026-10-03 14:00:00');
		expect(s).toMatchObject({ from: '2026-09-01', to: '2026-09-30', asOf: '2026-09-30' });
		expect(s.filters.worker).toEqual(['Ana', 'Ben']);
		t.scope = { kind: 'office', values: ['Downtown'], teamName: '' };
		expect(reportScope(t, '2026-09-30').filters).toMatchObject({
			office: ['Downtown'],
			worker: []
		});
		const org = reportScope(defaultTemplate(), '2026-09-30 10:00:00');
		expect(org.asOf).toBe('2026-09-30 10:00:00');
		expect(Object.values(org.filters).every((v) => v.length === 0)).toBe(true);
		expect(reportScope(defaultTemplate(), null, '2026-01-15').to).toBe('2026-01-15');
		expect(comparisonScope(org, 'previous')).toMatchObject({
			from: '2024-10-01',
			to: '2025-09-30'
		});
		expect(comparisonScope(org, 'year')).toMatchObject({
			from: '2024-10-01',
			to: '2025-09-30',
			asOf: '2025-09-30 10:00:00'
		});
		t.scope = { kind: 'worker', values: [], teamName: '' };
		expect(scopeChosen(t)).toBe(false);
		expect(scopeChosen(defaultTemplate())).toBe(true);
	});
});

describe('formatting and print CSS', () => {
	it('writes figures and changes the way the report prints them', () => {
		expect(figureText(41.23, 'days')).toBe('41.2 days');
		expect(figureText(0.8461, 'share')).toBe('84.6%');
		expect(figureText(0.958, 'ratio')).toBe('0.96');
		expect(figureText(1743, 'cases')).toBe('1,743');
		expect(figureText(null, 'days')).toBe('–');
		expect(changeText(36, 41, 'days')).toBe('−5.0 days (−12%)');
		expect(figureText(0.0708, 'days')).toBe('1.7 hours');
		expect(changeText(1.25, 1, 'days')).toBe('+6.0 hours (+25%)');
		expect(changeText(0.846, 0.829, 'share')).toBe('+1.7 pp');
		expect(changeText(57, 105, 'cases')).toBe('−48 (−46%)');
		expect(changeText(2, 2, 'workers')).toBe('±0 (±0%)');
		expect(changeText(3, 0, 'cases')).toBe('+3');
		expect(changeText(null, 1, 'cases')).toBe('–');
		expect(dateText('2026-09-30 00:00:00')).toBe('2026-09-30');
		expect(dateText('2025-06-12 16:49:00')).toBe('2025-06-12 16:49');
		expect(dateText(null)).toBe('–');
	});

	it('escapes every running-head text so data cannot leave its CSS string', () => {
		expect(cssString('Team A')).toBe('"Team A"');
		const evil = 'x"; } body { display: none } @page { content: "\\\n';
		const css = cssString(evil);
		expect(css.slice(1, -1)).not.toMatch(/["{};\n]/);
		expect(css).toContain('\\22 ');
		const page = pageCss({
			paper: 'Letter',
			orientation: 'landscape',
			head: ['Report · Office: O"Neil', '2025-10-01 to 2026-09-30 · as of 2026-09-30'],
			foot: 'Casemetrics'
		});
		expect(page).toContain('size: letter landscape');
		expect(page).toContain('counter(page) " of " counter(pages)');
		expect(page.match(/content:/g)).toHaveLength(4);
		expect(page).not.toContain('O"Neil');
	});

	it('lays charts out at the printable width of each paper', () => {
		expect(contentWidthPx('A4', 'portrait')).toBe(685); // 182 mm = 687.9 px, less 2 px of slack
		expect((contentWidthPx('A4', 'portrait') * 25.4) / 96).toBeLessThanOrEqual(210 - 28);
		expect(contentWidthPx('Letter', 'portrait')).toBeGreaterThan(contentWidthPx('A4', 'portrait'));
		expect(contentWidthPx('A4', 'landscape')).toBeGreaterThan(1000);
	});
});

describe('disclosure control', () => {
	const staff = ['Laura Chen', 'Luis Ortega', 'Aisha Rahman', 'Emily Nguyen', 'Sofia Rossi'];

	it('gives stable pseudonyms: the same for the same workers in any order, not alphabetical', () => {
		expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(letters)).toEqual([
			'A',
			'B',
			'Z',
			'AA',
			'AB',
			'AZ',
			'BA',
			'ZZ',
			'AAA'
		]);
		const a = workerPseudonyms(staff);
		const b = workerPseudonyms([...staff].reverse());
		expect([...a.entries()].sort()).toEqual([...b.entries()].sort());
		expect(new Set(a.values()).size).toBe(staff.length);
		expect([...a.values()].sort()).toEqual([
			'Worker A',
			'Worker B',
			'Worker C',
			'Worker D',
			'Worker E'
		]);
		const cases = casePseudonyms(['25-0000002', '25-0000001', '25-0000002']);
		expect(cases.size).toBe(2);
		expect([...cases.values()].sort()).toEqual(['Case 001', 'Case 002']);
		const d = new Disclosure({ enabled: true, threshold: 5, pseudonymise: true }, staff, [
			'25-0000001'
		]);
		expect(d.worker('Laura Chen')).toBe(a.get('Laura Chen'));
		expect(d.worker('Someone New')).toBe('Worker F');
		expect(d.worker(null)).toBeNull();
		expect(d.caseId('25-0000001')).toBe('Case 001');
		const off = new Disclosure({ enabled: false, threshold: 5, pseudonymise: true }, staff);
		expect(off.worker('Laura Chen')).toBe('Laura Chen');
		const namesOnly = new Disclosure({ enabled: true, threshold: 5, pseudonymise: false }, staff);
		expect(namesOnly.worker('Laura Chen')).toBe('Laura Chen');
	});

	it('suppresses counts from 1 to threshold − 1, and figures over fewer than threshold cases', () => {
		const d = new Disclosure({ enabled: true, threshold: 5, pseudonymise: true }, staff);
		expect([0, 1, 4, 5, 120].map((v) => d.count(v).text)).toEqual([null, '<5', '<5', null, null]);
		expect(d.figure(3, 'workers')).toEqual({ value: null, text: '<5', suppressed: true });
		expect(d.figure(0.75, 'share', 4)).toEqual({ value: null, text: 'n<5', suppressed: true });
		expect(d.figure(0.75, 'share', 5)).toEqual({ value: 0.75, text: null, suppressed: false });
		expect(d.figure(41, 'days', null).suppressed).toBe(false);
		const off = new Disclosure({ enabled: false, threshold: 5, pseudonymise: true });
		expect(off.count(2)).toEqual({ value: 2, text: null, suppressed: false });
	});

	it(
		'applies table rules: counts, rates over small denominators, hidden extremes, exempt capacities, ' +
			'pseudonyms',
		() => {
			const d = new Disclosure({ enabled: true, threshold: 5, pseudonymise: true }, staff);
			const rows = [
				{ worker: 'Laura Chen', due: 3, met: 2, met_rate: 0.67, gas_n: 9, gas_t_mean: 51 },
				{ worker: 'Luis Ortega', due: 40, met: 30, met_rate: 0.75, gas_n: 2, gas_t_mean: 44 }
			];
			const cols = [
				{ name: 'worker' },
				{ name: 'due', unit: 'goals' },
				{ name: 'met', unit: 'goals' },
				{ name: 'met_rate', unit: 'share' },
				{ name: 'gas_n', unit: 'cases' },
				{ name: 'gas_t_mean', unit: 'T score' }
			];
			const out = discloseRows(rows, cols, d, TABLE_RULES.goal_attainment_by_worker);
			expect(out.rows[0]).toEqual({
				worker: workerPseudonyms(staff).get('Laura Chen'),
				due: null,
				met: null,
				met_rate: null,
				gas_n: 9,
				gas_t_mean: 51
			});
			expect(out.rows[1]).toMatchObject({
				due: 40,
				met: 30,
				met_rate: 0.75,
				gas_n: null,
				gas_t_mean: null
			});
			expect([...out.suppressed[0]].sort()).toEqual(['due', 'met', 'met_rate']);
			const util = discloseRows(
				[{ worker: 'Sofia Rossi', active: 3, capacity: 2, utilisation: 1.5, over_capacity: true }],
				[
					{ name: 'active', unit: 'cases' },
					{ name: 'capacity', unit: 'cases' },
					{ name: 'utilisation', unit: 'ratio' }
				],
				d,
				TABLE_RULES.utilisation_by_worker
			);
			expect(util.rows[0]).toMatchObject({
				active: null,
				capacity: 2,
				utilisation: null,
				over_capacity: true
			});
			const box = discloseRows(
				[{ case_type: 'Health', n: 12, min: 0, q1: 5, median: 9, max: 400 }],
				[
					{ name: 'n', unit: 'cases' },
					{ name: 'min', unit: 'days' },
					{ name: 'median', unit: 'days' },
					{ name: 'max', unit: 'days' }
				],
				d,
				TABLE_RULES.days_to_close_by_type
			);
			expect(box.rows[0]).toMatchObject({ n: 12, min: null, median: 9, max: null });
			const off = discloseRows(
				rows,
				cols,
				new Disclosure({ enabled: false, threshold: 5, pseudonymise: true }, staff),
				TABLE_RULES.goal_attainment_by_worker
			);
			expect(off.rows).toEqual(rows);
		}
	);
});

describe('change judgements (hand-computed)', () => {
	const share = { unit: 'share' as const, polarity: 'higher' as const };
	const judged = (
		entry: { unit: Unit; polarity: 'higher' | 'lower' },
		now: [number | null, number],
		before: [number | null, number]
	) =>
		judgeChange({
			entry,
			now: { value: now[0], n: now[1] },
			before: { value: before[0], n: before[1] },
			minN: 20
		});

	it('a two-proportion test: 20 of 40 against 40 of 40 is beyond chance, 55 of 100 against 50 of 100 is not', () => {
		// Pooled p = 0.75; se = sqrt(0.75 × 0.25 × (1/40 + 1/40)) = 0.0968246; z = −0.5 / se = −5.164.
		expect(judged(share, [0.5, 40], [1, 40])).toEqual({
			direction: 'worse',
			significant: true,
			words: 'beyond chance'
		});
		// Pooled p = 0.525; se = sqrt(0.525 × 0.475 × 0.02) = 0.0706222; z = 0.05 / se = 0.708.
		expect(judged(share, [0.55, 100], [0.5, 100])).toEqual({
			direction: 'better',
			significant: false,
			words: 'within chance'
		});
	});

	it('says "too few cases to compare" below the minimum n on either side', () => {
		expect(judged(share, [0.2, 15], [0.9, 200])).toEqual({
			direction: 'worse',
			significant: null,
			words: 'too few cases to compare'
		});
	});

	it('counts as Poisson: 30 against 12 is beyond chance, 10 against 12 is not', () => {
		// z = (30 − 12) / sqrt(42) = 2.78 (p = 0.005); z = −2 / sqrt(22) = −0.43.
		const stale = { unit: 'cases' as const, polarity: 'lower' as const };
		expect(judged(stale, [30, 400], [12, 380])).toEqual({
			direction: 'worse',
			significant: true,
			words: 'beyond chance'
		});
		expect(judged(stale, [10, 400], [12, 380])).toEqual({
			direction: 'better',
			significant: false,
			words: 'within chance'
		});
	});

	it('claims nothing against a comparison period with no cases', () => {
		expect(judged(share, [0.5, 40], [null, 0])).toEqual({
			direction: null,
			significant: null,
			words: ''
		});
	});
});

describe('how changes are tested: one text', () => {
	it("the brief states each figure's test in the metric module's words", () => {
		const text = testsText();
		expect(text).toContain('the two-sided 5% level');
		expect(text).toContain('shares: two-proportion z-test;');
		expect(text).toContain('the Kaplan-Meier median: log-rank test;');
		expect(text).toContain('other figures: not tested for chance.');
		// The module's words, without the bracketed details docs/metrics.md gives.
		for (const words of Object.values(TEST_TEXT))
			expect(text).toContain(words.replace(/ \(.*\)/, ''));
		// The documentation states the same level and the same tests.
		const doc = CHANGES_DOC.join(' ');
		expect(doc).toContain('two-sided 5% level');
		for (const name of ['two-proportion z-test', 'Mann-Whitney rank-sum test', 'log-rank test'])
			expect(doc).toContain(name);
	});
});

describe("the brief's findings", () => {
	const row = (over: Partial<FigureRow> & Pick<FigureRow, 'id' | 'title' | 'unit'>): FigureRow => ({
		value: null,
		text: '–',
		before: null,
		beforeText: '–',
		change: '–',
		direction: null,
		significant: null,
		judgement: '',
		target: null,
		missed: false,
		suppressed: false,
		note: null,
		...over
	});
	const figures = [
		row({
			id: 'clearance_rate',
			title: 'Clearance rate',
			unit: 'ratio',
			value: 0.5,
			text: '0.50',
			before: 1,
			beforeText: '1.00',
			target: 'CourTools Measure 2: close at least as many cases as are opened',
			missed: true
		}),
		row({
			id: 'stale_cases',
			title: 'Stale cases',
			unit: 'cases',
			value: 60,
			text: '60',
			before: 20,
			beforeText: '20',
			direction: 'worse',
			significant: true
		}),
		row({
			id: 'deadlines_met_rate',
			title: 'Deadlines met',
			unit: 'share',
			value: 0.5,
			text: '50.0%',
			before: 1,
			beforeText: '100.0%',
			direction: 'worse',
			significant: true
		}),
		row({
			id: 'goals_met_rate',
			title: 'Goals met',
			unit: 'share',
			value: 0.6,
			text: '60.0%',
			before: 0.58,
			beforeText: '58.0%',
			direction: 'better',
			significant: false
		})
	];

	it('ranks missed targets, then changes beyond chance by size (points before counts), then attention', () => {
		const out = findings({
			figures,
			compareWords: 'the previous period',
			attention: [
				{ what: 'with a deadline due', cases: 'cases', total: 20, text: '20', overdueText: '15' },
				{ what: 'with a review due', cases: 'cases', total: 0, text: '0', overdueText: '0' },
				{ what: 'with no recent activity', cases: 'case', total: 1, text: '1', overdueText: '0' }
			],
			horizonDays: 7
		});
		expect(out.map((f) => f.text)).toEqual([
			'Clearance rate was 0.50 and misses its target — CourTools Measure 2: close at least as many cases ' +
				'as are opened.',
			'Deadlines met fell by 50.0 percentage points, from 100.0% to 50.0% against the previous period: ' +
				'worse, and beyond chance.',
			'Stale cases rose by 40, from 20 to 60 against the previous period: worse, and beyond chance.',
			'Needing action, overdue or due within 7 days: 20 cases with a deadline due (15 overdue) and ' +
				'1 with no recent activity (0 overdue).'
		]);
	});

	it('claims no change when the comparison period holds no data', () => {
		const out = findings({ figures, compareWords: null, attention: [], horizonDays: 7 });
		expect(out.map((f) => f.kind)).toEqual(['target', 'summary']);
		expect(out[1].text).toBe('The comparison period holds no data, so no change is stated.');
		expect(out.map((f) => f.text).join(' ')).not.toMatch(/rose|fell/);
	});
});

describe('the top values of a category', () => {
	it('keeps the 12 largest of 500 case types and adds up the other 488', () => {
		// Case type i has i closed cases: the largest are 500 … 489; the rest sum to 1 + … + 488.
		const rows = Array.from({ length: 500 }, (_, k) => ({ case_type: `Type ${k + 1}`, n: k + 1 }));
		const cut = cutTop(rows, CATEGORY_TABLES.days_to_close_by_type);
		expect(cut.kept.map((r) => r.n)).toEqual([
			489, 490, 491, 492, 493, 494, 495, 496, 497, 498, 499, 500
		]);
		expect(cut.otherCount).toBe(488);
		expect(cut.other).toEqual({ case_type: 'Other (488 values)', n: (488 * 489) / 2 });
	});

	it('keeps a table of 13 values whole ("Other (1 value)" would save nothing)', () => {
		const rows = Array.from({ length: 13 }, (_, k) => ({
			close_reason: `R${k}`,
			n: 1,
			share: 1 / 13
		}));
		expect(cutTop(rows, CATEGORY_TABLES.outcome_mix).other).toBeNull();
	});
});

describe('report on this view', () => {
	it("takes a dashboard view's worker, period, as-of date and further filters as the report's scope", () => {
		const view = parseFilterQuery(
			'period=custom&from=2026-04-01&to=2026-06-30&asof=2026-07-15&worker=Laura Chen&case_type=Housing'
		);
		const t = templateForView(defaultTemplate(), view, '2026-09-30 12:00:00');
		expect(t.scope).toEqual({ kind: 'worker', values: ['Laura Chen'], teamName: '' });
		expect(t.period).toEqual({ preset: 'custom', from: '2026-04-01', to: '2026-06-30' });
		expect(t.asOf).toBe('2026-07-15');
		expect(t.filters).toEqual({ case_type: ['Housing'] });
		const scope = reportScope(t, '2026-09-30 12:00:00');
		expect(scope.filters.worker).toEqual(['Laura Chen']);
		expect(scope.filters.case_type).toEqual(['Housing']);
		// A period that ends before the as-of date is described as of its last day.
		expect(scope.asOf).toBe('2026-06-30');
	});

	it('turns a preset into its dates on the data, an office into an office report', () => {
		const t = templateForView(
			defaultTemplate(),
			parseFilterQuery('period=90d&office=Eastgate'),
			'2026-09-30'
		);
		expect(t.scope).toEqual({ kind: 'office', values: ['Eastgate'], teamName: '' });
		expect(t.period).toEqual({ preset: 'custom', from: '2026-07-03', to: '2026-09-30' });
		expect(t.filters).toEqual({});
	});
});
