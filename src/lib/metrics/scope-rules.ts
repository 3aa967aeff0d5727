/**
 * How the dashboard's choice of period becomes a metric scope: the period presets, the scope they
 * resolve to on the data's latest moment, and what makes a chosen period invalid. Pure functions,
 * shared by the dashboard (state/), the build of the sample (scripts/) and the tests.
 */
import {
	addDays,
	addMonths,
	asOfDate,
	emptyFilters,
	isIsoDate,
	isIsoTimestamp,
	type Filters,
	type Scope
} from './scope';
import { FILTER_COLUMNS } from './sql';

export const PRESETS = [
	{ id: '30d', label: 'Last 30 days' },
	{ id: '90d', label: 'Last 90 days' },
	{ id: '12m', label: 'Last 12 months' },
	{ id: 'last-month', label: 'Last month' },
	{ id: 'last-quarter', label: 'Last quarter' },
	{ id: 'last-year', label: 'Last year' },
	{ id: 'quarter', label: 'Quarter to date' },
	{ id: 'ytd', label: 'Year to date' },
	{ id: 'custom', label: 'Custom' }
] as const;
export type Preset = (typeof PRESETS)[number]['id'];
export const DEFAULT_PRESET = '12m' satisfies Preset;

export const isPreset = (v: unknown): v is Preset => PRESETS.some((p) => p.id === v);

/** What the user chose; the scope is resolved from it and the data's latest moment. */
export interface FilterState {
	preset: Preset;
	/** Custom period (only with preset 'custom'). */
	from: string | null;
	to: string | null;
	/** As-of date or timestamp; null: the latest opened or closed moment in the data. */
	asOf: string | null;
	filters: Filters;
}

export function defaultFilterState(): FilterState {
	return { preset: DEFAULT_PRESET, from: null, to: null, asOf: null, filters: emptyFilters() };
}

/** First day of the calendar month of a date. */
export function monthStart(date: string): string {
	return `${date.slice(0, 7)}-01`;
}

/** First day of the calendar quarter of a date. */
export function quarterStart(date: string): string {
	const [y, m] = date.split('-').map(Number);
	const qm = Math.floor((m - 1) / 3) * 3 + 1;
	return `${y}-${String(qm).padStart(2, '0')}-01`;
}

/** The period a preset stands for, ending on `end` (the as-of date). */
export function presetPeriod(
	preset: Exclude<Preset, 'custom'>,
	end: string
): { from: string; to: string } {
	switch (preset) {
		case '30d':
			return { from: addDays(end, -29), to: end };
		case '90d':
			return { from: addDays(end, -89), to: end };
		case 'quarter':
			return { from: quarterStart(end), to: end };
		case 'ytd':
			return { from: `${end.slice(0, 4)}-01-01`, to: end };
		case '12m':
			return { from: addDays(addMonths(end, -12), 1), to: end };
		// The last whole calendar month, quarter or year before the one the as-of date falls in.
		case 'last-month':
			return { from: addMonths(monthStart(end), -1), to: addDays(monthStart(end), -1) };
		case 'last-quarter':
			return { from: addMonths(quarterStart(end), -3), to: addDays(quarterStart(end), -1) };
		case 'last-year':
			return { from: `${+end.slice(0, 4) - 1}-01-01`, to: `${+end.slice(0, 4) - 1}-12-31` };
	}
}

/**
 * The metric scope of a filter state. `latest` is the data's latest opened or closed moment
 * (`latestMoment`), used when no as-of date is set; `today` when there are no cases.
 */
export function resolveScope(
	state: FilterState,
	latest: string | null,
	today: string = new Date().toISOString().slice(0, 10)
): Scope {
	const asOf = state.asOf ?? latest ?? today;
	const end = asOfDate(asOf);
	const period =
		state.preset === 'custom' && state.from && state.to
			? { from: state.from, to: state.to }
			: presetPeriod(state.preset === 'custom' ? DEFAULT_PRESET : state.preset, end);
	const filters = emptyFilters();
	for (const d of FILTER_COLUMNS) filters[d] = [...state.filters[d]];
	return { asOf, from: period.from, to: period.to, filters };
}

/** A period as chosen in words (a link's `period`, `from`, `to` and `asof`); undefined: not given. */
export interface PeriodChoice {
	period?: string | null;
	from?: string | null;
	to?: string | null;
	asOf?: string | null;
}

/** What keeps a chosen period from being a scope, in words; empty when it is valid. */
export function periodProblems(choice: PeriodChoice): string[] {
	const problems: string[] = [];
	const { period, from, to, asOf } = choice;
	if (period !== undefined && !isPreset(period))
		problems.push(
			`the period must be one of ${PRESETS.map((p) => p.id).join(', ')}, not ${JSON.stringify(period)}`
		);
	if (from !== undefined && !isIsoDate(from))
		problems.push(
			`the period's first day must be a date (YYYY-MM-DD), not ${JSON.stringify(from)}`
		);
	if (to !== undefined && !isIsoDate(to))
		problems.push(`the period's last day must be a date (YYYY-MM-DD), not ${JSON.stringify(to)}`);
	if (isIsoDate(from) && isIsoDate(to) && from > to)
		problems.push(`the period starts (${from}) after it ends (${to})`);
	if (period === 'custom' && (from === undefined || to === undefined))
		problems.push('a custom period needs its first and last day (from and to)');
	if (asOf !== undefined && !isIsoDate(asOf) && !isIsoTimestamp(asOf))
		problems.push(
			`the as-of date must be YYYY-MM-DD or YYYY-MM-DD hh:mm:ss, not ${JSON.stringify(asOf)}`
		);
	return problems;
}
