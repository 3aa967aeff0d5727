/**
 * The dashboard's global filters as plain data, and their URL form. Pure functions only: the
 * reactive store (filters.svelte.ts) and the tests both use them.
 *
 * With hash routing the query lives inside the hash (`#/throughput?period=90d&worker=Laura Chen`).
 * SvelteKit decodes the whole hash once when the app starts (`decode_hash` in its client) and writes
 * the decoded URL back to history, so percent-escapes of `&`, `=`, `%` do not survive a reload. Values
 * therefore escape the characters that matter to this parser as `~XX` (two hex digits), which no
 * browser or router touches; everything else is left to the URL's own encoding, which decodes back
 * to the same text.
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
} from '../metrics/scope';
import { FILTER_COLUMNS, type FilterColumn } from '../metrics/sql';

export const PRESETS = [
	{ id: '30d', label: 'Last 30 days' },
	{ id: '90d', label: 'Last 90 days' },
	{ id: 'quarter', label: 'Quarter to date' },
	{ id: '12m', label: 'Last 12 months' },
	{ id: 'ytd', label: 'Year to date' },
	{ id: 'custom', label: 'Custom' }
] as const;
export type Preset = (typeof PRESETS)[number]['id'];
export const DEFAULT_PRESET = '12m' satisfies Preset;

export const DIMENSIONS = FILTER_COLUMNS;
export type Dimension = FilterColumn;
export const DIMENSION_LABELS: Record<Dimension, string> = {
	office: 'Office',
	case_type: 'Case type',
	worker: 'Worker',
	priority: 'Priority',
	status: 'Status'
};

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

const SPECIAL = /[%&=#?+~\\]/g;

/** One value in URL form: `~` alone for a blank (null), `~XX` for characters the query syntax uses. */
export function encodeValue(value: string | null): string {
	if (value === null) return '~';
	const hex = (c: string) => '~' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0');
	// Spaces at either end would be trimmed from the URL, so they are escaped too.
	return value
		.replace(SPECIAL, hex)
		.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, (run) => [...run].map(hex).join(''));
}

export function decodeValue(text: string): string | null {
	if (text === '~') return null;
	return text.replace(/~([0-9A-Fa-f]{2})/g, (_, hex: string) =>
		String.fromCharCode(parseInt(hex, 16))
	);
}

function decodeComponent(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

/** The query part of a hash-routed URL's hash (`#/x?a=1` → `a=1`), or of a plain search string. */
export function queryOf(hashOrSearch: string): string {
	const i = hashOrSearch.indexOf('?');
	if (i >= 0) return hashOrSearch.slice(i + 1);
	return hashOrSearch.startsWith('#') ? '' : hashOrSearch;
}

/** The route part of a hash (`#/throughput?x` → `/throughput`). */
export function routeOf(hash: string): string {
	const h = hash.replace(/^#/, '');
	const i = h.indexOf('?');
	return (i >= 0 ? h.slice(0, i) : h) || '/';
}

/** Parses `key=value&key=value` into pairs; the router may have decoded the text once already, or not. */
export function parsePairs(query: string): [string, string | null][] {
	const out: [string, string | null][] = [];
	for (const part of query.split('&')) {
		if (!part) continue;
		const eq = part.indexOf('=');
		const key = decodeComponent(eq >= 0 ? part.slice(0, eq) : part);
		const raw = decodeComponent(eq >= 0 ? part.slice(eq + 1) : '');
		out.push([key, decodeValue(raw)]);
	}
	return out;
}

const isPreset = (v: unknown): v is Preset => PRESETS.some((p) => p.id === v);

/** Reads the filter state from a query string (unknown keys and invalid values are ignored). */
export function parseFilterQuery(query: string): FilterState {
	const state = defaultFilterState();
	for (const [key, value] of parsePairs(query)) {
		if ((DIMENSIONS as readonly string[]).includes(key)) {
			const list = state.filters[key as Dimension];
			if (!list.includes(value)) list.push(value);
		} else if (key === 'period' && isPreset(value)) state.preset = value;
		else if (key === 'from' && isIsoDate(value)) state.from = value;
		else if (key === 'to' && isIsoDate(value)) state.to = value;
		else if (key === 'asof' && (isIsoDate(value) || isIsoTimestamp(value))) state.asOf = value;
	}
	if (state.preset !== 'custom' || !state.from || !state.to || state.from > state.to) {
		if (state.preset === 'custom') state.preset = DEFAULT_PRESET;
		state.from = null;
		state.to = null;
	}
	return state;
}

/** The query string of a filter state (without `?`; empty for the defaults), in a stable order. */
export function filterQuery(state: FilterState): string {
	const parts: string[] = [];
	if (state.preset !== DEFAULT_PRESET) parts.push(`period=${state.preset}`);
	if (state.preset === 'custom' && state.from && state.to)
		parts.push(`from=${state.from}`, `to=${state.to}`);
	if (state.asOf) parts.push(`asof=${encodeValue(state.asOf)}`);
	for (const d of DIMENSIONS)
		for (const v of state.filters[d]) parts.push(`${d}=${encodeValue(v)}`);
	return parts.join('&');
}

/** Extra (non-filter) parameters plus the filters, e.g. for drill-down links. */
export function withParams(
	state: FilterState,
	params: Record<string, string | null | undefined>
): string {
	const extra = Object.entries(params)
		.filter((e): e is [string, string | null] => e[1] !== undefined)
		.map(([k, v]) => `${k}=${encodeValue(v)}`);
	return [filterQuery(state), ...extra].filter(Boolean).join('&');
}

/** A hash-route href with the filters (`#/throughput?worker=…`). */
export function hrefWith(
	route: string,
	state: FilterState,
	params: Record<string, string | null | undefined> = {}
): string {
	const q = withParams(state, params);
	return `#${route}${q ? '?' + q : ''}`;
}

/** First day of the calendar quarter of a date. */
function quarterStart(date: string): string {
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
	for (const d of DIMENSIONS) filters[d] = [...state.filters[d]];
	return { asOf, from: period.from, to: period.to, filters };
}

/** A copy with `value` added to or removed from a dimension. */
export function toggleValue(state: FilterState, dim: Dimension, value: string | null): FilterState {
	const next = cloneState(state);
	const list = next.filters[dim];
	const i = list.indexOf(value);
	if (i >= 0) list.splice(i, 1);
	else list.push(value);
	return next;
}

export function cloneState(state: FilterState): FilterState {
	return {
		...state,
		filters: Object.fromEntries(
			DIMENSIONS.map((d) => [d, [...state.filters[d]]])
		) as unknown as Filters
	};
}

/** The active filters as chips: one per dimension value. */
export function chips(
	state: FilterState
): { dim: Dimension; value: string | null; label: string }[] {
	return DIMENSIONS.flatMap((dim) =>
		state.filters[dim].map((value) => ({
			dim,
			value,
			label: `${DIMENSION_LABELS[dim]}: ${value ?? '(blank)'}`
		}))
	);
}
