import { describe, expect, it } from 'vitest';
import {
	chips,
	decodeValue,
	encodeValue,
	filterQuery,
	filterQueryProblems,
	hrefWith,
	parseFilterQuery,
	queryOf,
	routeOf,
	toggleValue
} from '../../../src/lib/state/filters';
import { defaultScope } from '../../../src/lib/metrics/scope';
import {
	defaultFilterState,
	presetPeriod,
	resolveScope
} from '../../../src/lib/metrics/scope-rules';

const NASTY = [
	'Laura Chen',
	'A&B = C?',
	'100% #1 + ~x',
	'Müller, Anna',
	'<img src=x onerror=alert(1)>',
	'a/b\\c',
	' '
];

/** What SvelteKit does to the hash when the app starts: decodeURIComponent, then the URL setter re-encodes. */
function routerRoundTrip(hash: string): string {
	const url = new URL('http://x/' + hash);
	url.hash = decodeURIComponent(url.hash);
	return url.hash;
}

describe('filter values in the URL', () => {
	it.each(NASTY)('round-trips %j through encode/decode', (v) => {
		expect(decodeValue(encodeValue(v))).toBe(v);
		expect(encodeValue(v)).not.toMatch(/[%&=#?+]/);
	});
	it('blank (null) is a lone ~ and a literal ~ is escaped', () => {
		expect(encodeValue(null)).toBe('~');
		expect(decodeValue('~')).toBeNull();
		expect(decodeValue(encodeValue('~'))).toBe('~');
	});

	it('a full state survives href → browser URL → router decode at reload, twice', () => {
		let state = defaultFilterState();
		state.preset = 'custom';
		state.from = '2026-01-01';
		state.to = '2026-03-31';
		state.asOf = '2026-04-01 10:30:00';
		for (const v of NASTY) state = toggleValue(state, 'worker', v);
		state = toggleValue(state, 'office', null);
		const href = hrefWith('/caseload', state);
		let hash = new URL('http://x/' + href).hash;
		expect(routeOf(hash)).toBe('/caseload');
		expect(parseFilterQuery(queryOf(hash))).toEqual(state);
		hash = routerRoundTrip(hash);
		expect(parseFilterQuery(queryOf(hash))).toEqual(state);
		hash = routerRoundTrip(hash);
		expect(parseFilterQuery(queryOf(hash))).toEqual(state);
	});

	it('defaults give an empty query; junk is ignored', () => {
		expect(filterQuery(defaultFilterState())).toBe('');
		expect(parseFilterQuery('period=bogus&from=2026-13-01&asof=yesterday&colour=red')).toEqual(
			defaultFilterState()
		);
		// A custom period without valid dates falls back to the default preset.
		expect(parseFilterQuery('period=custom&from=2026-02-01').preset).toBe('12m');
		expect(parseFilterQuery('period=custom&from=2026-03-01&to=2026-02-01').preset).toBe('12m');
	});

	it('toggling adds and removes; chips list every value', () => {
		let s = toggleValue(defaultFilterState(), 'case_type', 'Housing');
		s = toggleValue(s, 'worker', null);
		expect(chips(s).map((c) => c.label)).toEqual(['Case type: Housing', 'Worker: (blank)']);
		s = toggleValue(s, 'case_type', 'Housing');
		expect(s.filters.case_type).toEqual([]);
		expect(filterQuery(s)).toBe('worker=~');
	});
});

describe('periods and scope', () => {
	it('presets end on the as-of date', () => {
		expect(presetPeriod('30d', '2026-09-30')).toEqual({ from: '2026-09-01', to: '2026-09-30' });
		expect(presetPeriod('90d', '2026-09-30')).toEqual({ from: '2026-07-03', to: '2026-09-30' });
		expect(presetPeriod('quarter', '2026-08-15')).toEqual({ from: '2026-07-01', to: '2026-08-15' });
		expect(presetPeriod('ytd', '2026-08-15')).toEqual({ from: '2026-01-01', to: '2026-08-15' });
		expect(presetPeriod('12m', '2026-09-30')).toEqual({ from: '2025-10-01', to: '2026-09-30' });
	});
	it("the default state resolves to the metric module's default scope", async () => {
		const latest = '2026-09-30 14:00:00';
		const engine = { query: async () => [{ o: latest, c: null }] } as never;
		const dataset = {
			tables: {
				cases: {
					fileName: 'c',
					importedAt: '',
					rows: 1,
					columns: { opened_at: { source: 'x', hasTime: true } }
				}
			}
		};
		expect(resolveScope(defaultFilterState(), latest)).toEqual(await defaultScope(engine, dataset));
	});
	it('custom period, as-of and filters pass through', () => {
		const s = parseFilterQuery(
			'period=custom&from=2026-01-01&to=2026-01-31&asof=2026-02-15&worker=A&worker=~'
		);
		expect(resolveScope(s, '2026-09-30')).toEqual({
			asOf: '2026-02-15',
			from: '2026-01-01',
			to: '2026-01-31',
			filters: { office: [], case_type: [], worker: ['A', null], priority: [], status: [] }
		});
	});
});

describe('an invalid period in the URL is named, not ignored', () => {
	it('a valid or absent period has no problems', () => {
		expect(filterQueryProblems('')).toEqual([]);
		expect(filterQueryProblems('worker=A&office=~')).toEqual([]);
		expect(filterQueryProblems('period=90d&asof=2026-02-15')).toEqual([]);
		expect(filterQueryProblems('period=custom&from=2026-01-01&to=2026-01-01')).toEqual([]);
		expect(filterQueryProblems('asof=2026-02-15 23:59:59')).toEqual([]);
	});

	it('a date that is not one, a period that ends before it starts, an unknown preset', () => {
		expect(filterQueryProblems('from=2025-13-45')).toEqual([
			'the period\'s first day must be a date (YYYY-MM-DD), not "2025-13-45"'
		]);
		expect(filterQueryProblems('period=custom&from=2025-06-01&to=2025-01-31')).toEqual([
			'the period starts (2025-06-01) after it ends (2025-01-31)'
		]);
		// 2025 is not a leap year; 24:00 is not a time of day.
		expect(filterQueryProblems('to=2025-02-29&asof=2025-03-01 24:00:00')).toEqual([
			'the period\'s last day must be a date (YYYY-MM-DD), not "2025-02-29"',
			'the as-of date must be YYYY-MM-DD or YYYY-MM-DD hh:mm:ss, not "2025-03-01 24:00:00"'
		]);
		expect(filterQueryProblems('period=fortnight')).toEqual([
			'the period must be one of 30d, 90d, 12m, last-month, last-quarter, last-year, quarter, ytd, custom, ' +
				'not "fortnight"'
		]);
		expect(filterQueryProblems('period=custom&from=2025-01-01')).toEqual([
			'a custom period needs its first and last day (from and to)'
		]);
	});

	it('reads the values as the parser does: escaped, and the last of a repeated key', () => {
		expect(filterQueryProblems(`from=${encodeValue('2025-01-01')}&from=2025-1-1`)).toEqual([
			'the period\'s first day must be a date (YYYY-MM-DD), not "2025-1-1"'
		]);
		expect(
			filterQueryProblems('period=custom&from=2025-03-01&to=2025-02-01&from=2025-01-01')
		).toEqual([]);
	});
});
