/** Report building blocks: templates, scopes, formatting, print CSS, disclosure control, narrative rules. */
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../src/lib/metrics/settings';
import {
	Disclosure,
	casePseudonyms,
	discloseRows,
	letters,
	TABLE_RULES,
	workerPseudonyms
} from '../../../src/lib/report/disclosure';
import { changeText, cssString, dateText, figureText } from '../../../src/lib/report/format';
import { changeSentence, narrative, type NarrativeFigure } from '../../../src/lib/report/narrative';
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
			sections: { cover: false, areas: { goals: false } },
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
		expect(t.sections.cover).toBe(false);
		expect(t.sections.areas.goals).toBe(false);
		expect(t.sections.areas.throughput).toBe(true);
		expect(t.output).toEqual({ paper: 'A4', orientation: 'landscape', exceptionRows: 50 });
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

describe('narrative rules', () => {
	const settings = defaultSettings();
	const fig = (
		id: string,
		title: string,
		unit: string,
		value: number | null,
		before: number | null,
		extra: Partial<NarrativeFigure> = {}
	): NarrativeFigure => ({ id, title, unit, value, before, suppressed: false, ...extra });

	it("writes the issue's example sentences from the numbers", () => {
		expect(
			changeSentence(fig('days_to_close_median', 'Median days to close', 'days', 41, 46.6))?.text
		).toBe('Median days to close fell 12% to 41.0 days');
		expect(
			changeSentence(fig('first_contact_on_time', 'First contact on time', 'share', 0.841, 0.809))
				?.text
		).toBe('First contact on time rose 3.2 points to 84.1%');
		const text = narrative(
			[fig('over_capacity_workers', 'Workers over capacity', 'workers', 3, 2, { n: 20 })],
			{ settings, compareLabel: 'the previous period' }
		);
		expect(text).toContain('3 of 20 workers are over capacity.');
	});

	it('leaves out small changes, ranks the largest first, and names missed targets', () => {
		const text = narrative(
			[
				fig('clearance_rate', 'Clearance rate', 'ratio', 0.96, 0.94),
				fig('days_to_close_median', 'Median days to close', 'days', 42, 38),
				fig('stale_cases', 'Stale cases', 'cases', 57, 105, { n: 519 }),
				fig('goals_met_rate', 'Goals met', 'share', 0.586, 0.589),
				fig('gas_t_mean', 'Mean GAS T-score', 'T score', 49.4, 49.5),
				fig('backlog_share', 'Backlog share', 'share', 0.154, 0.057)
			],
			{ settings, compareLabel: 'the previous period' }
		);
		expect(text[0]).toBe(
			'Against the previous period: Stale cases fell 46% to 57; median days to close rose 11% to 42.0 days; ' +
				'backlog share rose 9.7 points to 15.4%.'
		);
		expect(text).toContain(
			'The clearance rate of 0.96 is below 1: fewer cases were closed than opened, so the pending caseload grew.'
		);
		expect(text).toContain(
			'The mean GAS T-score of 49.4 is below 50, the expected level of goal attainment.'
		);
		expect(text).toContain(
			'15.4% of pending cases are older than 540 days, more than the 2% the time standard allows.'
		);
		expect(text).toContain('57 of 519 open cases (11%) had no activity for more than 60 days.');
		expect(text.join(' ')).not.toContain('Goals met');
	});

	it('never states a suppressed number', () => {
		const text = narrative(
			[
				fig('over_capacity_workers', 'Workers over capacity', 'workers', null, null, {
					suppressed: true,
					n: 20,
					marker: '<5'
				}),
				fig('stale_cases', 'Stale cases', 'cases', null, 3, {
					suppressed: true,
					n: 40,
					marker: '<5'
				}),
				fig('days_to_close_median', 'Median days to close', 'days', null, 30, { suppressed: true })
			],
			{ settings, compareLabel: 'the same period a year earlier' }
		);
		expect(text).toEqual([
			'Fewer than 5 of 20 workers are over capacity.',
			'Fewer than 5 open cases had no activity for more than 60 days.'
		]);
		expect(
			narrative(
				[fig('over_capacity_workers', 'Workers over capacity', 'workers', 1, 0, { n: 1 })],
				{ settings, compareLabel: 'x' }
			)
		).toContain('The worker is over capacity.');
	});
	it('words follow numbers: one case, one day, one point, one worker', () => {
		const oneDay = { ...settings, staleDays: 1 };
		const text = narrative(
			[
				fig('stale_cases', 'Stale cases', 'cases', 1, 1, { n: 1 }),
				fig('over_capacity_workers', 'Workers over capacity', 'workers', 1, 1, { n: 20 }),
				fig('backlog_share', 'Backlog share', 'share', 0.2, 0.19)
			],
			{ settings: oneDay, compareLabel: 'the previous period' }
		);
		expect(text).toContain('1 of 1 open case (100%) had no activity for more than 1 day.');
		expect(text).toContain('1 of 20 workers is over capacity.');
		expect(text[0]).toBe('Against the previous period: Backlog share rose 1 point to 20%.');
	});
});
