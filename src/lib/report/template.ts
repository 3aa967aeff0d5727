/**
 * A report template: everything the user chose on the report page, saved by name in the browser
 * (localStorage key `templates`, one JSON object per template with a `name`) so that the monthly
 * report is one click. Pure: validation turns any stored or imported value into a usable template.
 */
import { AREAS, type Area } from '../metrics/types';
import { isIsoDate, isIsoTimestamp } from '../metrics/scope';
import { FILTER_COLUMNS, type FilterColumn } from '../metrics/sql';

/** Filters a report keeps besides its scope (from "Report on this view"): the dashboard's own. */
export type ReportFilters = Partial<Record<Exclude<FilterColumn, 'worker'>, (string | null)[]>>;

export const SCOPE_KINDS = [
	{ id: 'organisation', label: 'Whole organisation' },
	{ id: 'office', label: 'An office' },
	{ id: 'team', label: 'A team (chosen workers)' },
	{ id: 'worker', label: 'One worker' }
] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number]['id'];

export const PERIOD_PRESETS = [
	{ id: '12m', label: 'Last 12 months' },
	{ id: 'full-month', label: 'Last full month' },
	{ id: 'full-quarter', label: 'Last full quarter' },
	{ id: 'ytd', label: 'Year to date' },
	{ id: 'custom', label: 'Custom dates' }
] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number]['id'];

export const COMPARISONS = [
	{ id: 'previous', label: 'Previous period of the same length' },
	{ id: 'year', label: 'Same period a year earlier' }
] as const;
export type Comparison = (typeof COMPARISONS)[number]['id'];

export const PAPERS = ['A4', 'Letter'] as const;
export type Paper = (typeof PAPERS)[number];
export type Orientation = 'portrait' | 'landscape';

/** The parts of a report that carry a note of the supervisor's: the brief, each area, the lists. */
export const NOTE_SECTIONS = [
	{ id: 'brief', label: 'Brief' },
	...AREAS.map((a) => ({ id: a.id, label: a.title })),
	{ id: 'attention', label: 'Cases needing attention' },
	{ id: 'worker', label: 'Worker beside the team' }
] as const;
export type NoteSection = (typeof NOTE_SECTIONS)[number]['id'];
/** A note's longest length: a page of text. */
export const NOTE_MAX = 4000;

export interface ReportSections {
	/** Page 1: scope, headline table, findings and the brief's note. */
	summary: boolean;
	areas: Record<Area, boolean>;
	exceptions: boolean;
	/** For a worker-scoped report: the worker's figures beside the team's. */
	workerComparison: boolean;
	appendix: boolean;
	/** Every value of the categorical tables (case types, close reasons, workers) in an appendix. */
	fullLists: boolean;
	signoff: boolean;
}

export interface ReportTemplate {
	/** The template's name; empty for the unsaved report on screen. */
	name: string;
	title: string;
	scope: {
		kind: ScopeKind;
		/** The office (kind office), the team's workers (team), the worker (worker); empty for the organisation. */
		values: string[];
		/** A team's name, shown as its scope. */
		teamName: string;
	};
	period: { preset: PeriodPreset; from: string | null; to: string | null };
	/** Further filters on the cases (case type, priority, status, office), stated on the scope line. */
	filters: ReportFilters;
	/** The as-of date or moment; null: the latest opened or closed moment in the data. */
	asOf: string | null;
	comparison: Comparison;
	sections: ReportSections;
	output: {
		paper: Paper;
		orientation: Orientation;
		/** Rows listed per exception table at most (the total is always stated). */
		exceptionRows: number;
	};
	disclosure: {
		/** Off by default; stated on the cover when on. */
		enabled: boolean;
		/** Counts from 1 to threshold - 1 are suppressed (shown as "<threshold"). */
		threshold: number;
		/** Worker names and client identifiers replaced by stable pseudonyms. */
		pseudonymise: boolean;
	};
	signoff: { preparedBy: string; reviewedBy: string };
	/** The supervisor's own words, printed as typed (plain text, line breaks kept). */
	notes: Partial<Record<NoteSection, string>>;
}

export const DEFAULT_THRESHOLD = 5;

export function defaultTemplate(): ReportTemplate {
	return {
		name: '',
		title: 'Case monitoring report',
		scope: { kind: 'organisation', values: [], teamName: '' },
		period: { preset: '12m', from: null, to: null },
		filters: {},
		asOf: null,
		comparison: 'previous',
		sections: {
			summary: true,
			areas: Object.fromEntries(AREAS.map((a) => [a.id, true])) as Record<Area, boolean>,
			exceptions: true,
			workerComparison: true,
			appendix: true,
			fullLists: false,
			signoff: true
		},
		output: { paper: 'A4', orientation: 'portrait', exceptionRows: 15 },
		disclosure: { enabled: false, threshold: DEFAULT_THRESHOLD, pseudonymise: true },
		signoff: { preparedBy: '', reviewedBy: '' },
		notes: {}
	};
}

const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown, fallback: string, max = 200): string =>
	typeof v === 'string' ? v.slice(0, max) : fallback;
const bool = (v: unknown, fallback: boolean): boolean => (typeof v === 'boolean' ? v : fallback);
const oneOf = <T extends string>(
	v: unknown,
	ids: readonly { id: T }[] | readonly T[],
	fallback: T
): T => {
	const list = ids.map((i) => (typeof i === 'string' ? i : i.id));
	return list.includes(v as T) ? (v as T) : fallback;
};
const intIn = (v: unknown, min: number, max: number, fallback: number): number =>
	typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : fallback;

/**
 * A template from any JSON value (a stored or imported one): unknown keys are dropped, invalid or
 * missing values take their defaults. Never throws.
 */
export function normaliseTemplate(input: unknown): ReportTemplate {
	const d = defaultTemplate();
	if (!isObject(input)) return d;
	const scope = isObject(input.scope) ? input.scope : {};
	const period = isObject(input.period) ? input.period : {};
	const sections = isObject(input.sections) ? input.sections : {};
	const areas = isObject(sections.areas) ? sections.areas : {};
	const output = isObject(input.output) ? input.output : {};
	const disclosure = isObject(input.disclosure) ? input.disclosure : {};
	const signoff = isObject(input.signoff) ? input.signoff : {};
	const notes = isObject(input.notes) ? input.notes : {};
	const filters = isObject(input.filters) ? input.filters : {};
	const kind = oneOf(scope.kind, SCOPE_KINDS, d.scope.kind);
	let values = Array.isArray(scope.values)
		? scope.values.filter((v): v is string => typeof v === 'string').map((v) => v.slice(0, 500))
		: [];
	if (kind === 'organisation') values = [];
	if (kind === 'office' || kind === 'worker') values = values.slice(0, 1);
	const preset = oneOf(period.preset, PERIOD_PRESETS, d.period.preset);
	const from = isIsoDate(period.from) ? period.from : null;
	const to = isIsoDate(period.to) ? period.to : null;
	const customOk = preset === 'custom' && from !== null && to !== null && from <= to;
	return {
		name: text(input.name, '', 100).trim(),
		title: text(input.title, d.title) || d.title,
		scope: { kind, values, teamName: text(scope.teamName, '', 100) },
		period: customOk
			? { preset, from, to }
			: { preset: preset === 'custom' ? d.period.preset : preset, from: null, to: null },
		filters: Object.fromEntries(
			FILTER_COLUMNS.filter((c) => c !== 'worker')
				.map((c) => [
					c,
					Array.isArray(filters[c])
						? (filters[c] as unknown[])
								.filter((v): v is string | null => v === null || typeof v === 'string')
								.map((v) => (v === null ? null : v.slice(0, 500)))
						: []
				])
				.filter(([, v]) => v.length > 0)
		),
		asOf: isIsoDate(input.asOf) || isIsoTimestamp(input.asOf) ? (input.asOf as string) : null,
		comparison: oneOf(input.comparison, COMPARISONS, d.comparison),
		sections: {
			summary: bool(sections.summary, true),
			areas: Object.fromEntries(AREAS.map((a) => [a.id, bool(areas[a.id], true)])) as Record<
				Area,
				boolean
			>,
			exceptions: bool(sections.exceptions, true),
			workerComparison: bool(sections.workerComparison, true),
			appendix: bool(sections.appendix, true),
			fullLists: bool(sections.fullLists, false),
			signoff: bool(sections.signoff, true)
		},
		output: {
			paper: oneOf(output.paper, PAPERS, d.output.paper),
			orientation: output.orientation === 'landscape' ? 'landscape' : 'portrait',
			exceptionRows: intIn(output.exceptionRows, 0, 10_000, d.output.exceptionRows)
		},
		disclosure: {
			enabled: bool(disclosure.enabled, false),
			threshold: intIn(disclosure.threshold, 2, 100, DEFAULT_THRESHOLD),
			pseudonymise: bool(disclosure.pseudonymise, true)
		},
		signoff: {
			preparedBy: text(signoff.preparedBy, '', 200),
			reviewedBy: text(signoff.reviewedBy, '', 200)
		},
		notes: Object.fromEntries(
			NOTE_SECTIONS.map((n) => [n.id, text(notes[n.id], '', NOTE_MAX)]).filter(([, v]) => v.trim())
		)
	};
}

/** The stored templates (any JSON value) as valid, named, uniquely named templates, in stored order. */
export function normaliseTemplates(input: unknown): ReportTemplate[] {
	if (!Array.isArray(input)) return [];
	const out: ReportTemplate[] = [];
	for (const item of input) {
		const t = normaliseTemplate(item);
		if (!t.name || out.some((o) => o.name === t.name)) continue;
		out.push(t);
	}
	return out;
}

/** Adds `template` under its name, replacing one of the same name (in place) or appending. */
export function upsertTemplate(
	list: readonly ReportTemplate[],
	template: ReportTemplate
): ReportTemplate[] {
	const t = normaliseTemplate(template);
	if (!t.name) throw new Error('a template needs a name');
	const i = list.findIndex((o) => o.name === t.name);
	return i >= 0 ? list.map((o, j) => (j === i ? t : o)) : [...list, t];
}
