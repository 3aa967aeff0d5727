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
import { isIsoDate, isIsoTimestamp, type Filters } from '../metrics/scope';
import {
	DEFAULT_PRESET,
	defaultFilterState,
	isPreset,
	periodProblems,
	type FilterState
} from '../metrics/scope-rules';
import { FILTER_COLUMNS, type FilterColumn } from '../metrics/sql';

export const DIMENSIONS = FILTER_COLUMNS;
export type Dimension = FilterColumn;
export const DIMENSION_LABELS: Record<Dimension, string> = {
	office: 'Office',
	case_type: 'Case type',
	worker: 'Worker',
	priority: 'Priority',
	status: 'Status'
};

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
		// Already decoded by the router (a literal `%` is left): the text is the value.
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

/**
 * What is wrong with the period in a query string (a date that is not one, a period that ends
 * before it starts …), in words; empty when it is valid. `parseFilterQuery` ignores such values:
 * the dashboard shows these instead of figures for a period the user did not ask for.
 */
export function filterQueryProblems(query: string): string[] {
	const last = new Map(parsePairs(query));
	return periodProblems({
		period: last.get('period'),
		from: last.get('from'),
		to: last.get('to'),
		asOf: last.get('asof')
	});
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
function withParams(state: FilterState, params: Record<string, string | null | undefined>): string {
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
