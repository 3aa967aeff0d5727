/**
 * Metric settings: stored in the browser, exported and imported as JSON. `validateSettings` accepts
 * an imported JSON value (whole or partial: missing keys take their defaults) and says what is wrong.
 */

import {
	DEFAULT_WORKER_TARGETS,
	validateOfficeTargets,
	validateTargets,
	type WorkerTargets
} from './workers-targets';

/** One tier of a time standard: `target` (a share, 0..1) of cases should close within `days`. */
export interface TimeStandardTier {
	days: number;
	target: number;
}

/** A column of `cases` that must be filled in; `closedOnly`: only for cases closed at the as-of date. */
export interface RequiredField {
	column: RequiredColumn;
	closedOnly?: boolean;
}

export const REQUIRED_COLUMNS = [
	'case_type',
	'worker',
	'office',
	'priority',
	'status',
	'close_reason',
	'intake_at',
	'first_contact_at',
	'due_at',
	'last_activity_at',
	'satisfaction',
	'closed_at'
] as const;
export type RequiredColumn = (typeof REQUIRED_COLUMNS)[number];

export const SATISFACTION_SCALES = ['auto', '1-5', '1-10', '0-10'] as const;
export type SatisfactionScaleSetting = (typeof SATISFACTION_SCALES)[number];

export interface Settings {
	version: 1;
	/**
	 * Time standards: `default` applies to every case type without its own entry; `byType` overrides
	 * per case type (matched ignoring letter case). Every list has as many tiers as `default`, in
	 * ascending days.
	 */
	timeStandards: { default: TimeStandardTier[]; byType: Record<string, TimeStandardTier[]> };
	/** Days from intake within which the first contact should happen. */
	firstContactSlaDays: number;
	/** Days without activity after which an open case is stale. */
	staleDays: number;
	/** Days ahead within which a deadline, review, standard or SLA needs attention (today counts as 0). */
	attentionHorizonDays: number;
	/** Active cases a full-time worker can carry, where the staff file gives no capacity. */
	defaultCapacity: number;
	/** Case weights by case type (matched ignoring letter case); 1 for types not listed. */
	caseWeights: Record<string, number>;
	/** The fields every case should have. */
	requiredFields: RequiredField[];
	/** The satisfaction survey's scale; 'auto' detects it from the scores. */
	satisfactionScale: SatisfactionScaleSetting;
	/** The worker scorecards' targets (workers-targets.ts), and per office the figures it sets otherwise. */
	workerTargets: WorkerTargets;
	officeTargets: Record<string, Partial<WorkerTargets>>;
	/** The fewest cases each period needs for a change between them to be tested (metrics/significance.ts). */
	minCompareN: number;
	/** How many values a chart of categories draws before "Other (N values)". */
	topCategories: number;
	/** How dates read: in the browser's locale, or ISO (YYYY-MM-DD). */
	dateStyle: DateStyle;
}

export const DATE_STYLES = ['locale', 'iso'] as const;
export type DateStyle = (typeof DATE_STYLES)[number];

/** The Model Time Standards for State Trial Courts, general civil cases: 75% in 180 days, 90% in 365, 98% in 540. */
export const DEFAULT_TIERS: TimeStandardTier[] = [
	{ days: 180, target: 0.75 },
	{ days: 365, target: 0.9 },
	{ days: 540, target: 0.98 }
];

export const DEFAULT_SETTINGS: Settings = {
	version: 1,
	timeStandards: { default: DEFAULT_TIERS, byType: {} },
	firstContactSlaDays: 3,
	staleDays: 60,
	attentionHorizonDays: 7,
	defaultCapacity: 40,
	caseWeights: {},
	requiredFields: [
		{ column: 'case_type' },
		{ column: 'worker' },
		{ column: 'close_reason', closedOnly: true }
	],
	satisfactionScale: 'auto',
	workerTargets: DEFAULT_WORKER_TARGETS,
	officeTargets: {},
	minCompareN: 20,
	topCategories: 12,
	dateStyle: 'locale'
};

export function defaultSettings(): Settings {
	return structuredClone(DEFAULT_SETTINGS);
}

export type SettingsResult = { ok: true; settings: Settings } | { ok: false; errors: string[] };

const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);
const isNonNegative = (v: unknown): v is number =>
	typeof v === 'number' && Number.isFinite(v) && v >= 0;

function tiers(
	value: unknown,
	where: string,
	errors: string[],
	length?: number
): TimeStandardTier[] {
	if (!Array.isArray(value) || value.length === 0) {
		errors.push(`${where} must be a non-empty list of tiers`);
		return [];
	}
	if (length !== undefined && value.length !== length)
		errors.push(`${where} must have ${length} tiers, like the default`);
	const out: TimeStandardTier[] = [];
	value.forEach((t, i) => {
		if (
			!isObject(t) ||
			!isNonNegative(t.days) ||
			typeof t.target !== 'number' ||
			!(t.target >= 0 && t.target <= 1)
		) {
			errors.push(`${where}[${i}] must be { days: number >= 0, target: share between 0 and 1 }`);
			return;
		}
		if (i > 0 && out.length === i && t.days <= out[i - 1].days)
			errors.push(`${where}: tiers must be in ascending days`);
		out.push({ days: t.days, target: t.target });
	});
	return out;
}

function byKey<T>(
	value: unknown,
	where: string,
	errors: string[],
	each: (v: unknown, where: string) => T | undefined
): Record<string, T> {
	if (!isObject(value)) {
		errors.push(`${where} must be an object keyed by case type`);
		return {};
	}
	const out: Record<string, T> = {};
	const seen = new Map<string, string>();
	for (const [key, v] of Object.entries(value)) {
		const norm = key.trim().toLowerCase();
		if (!norm) {
			errors.push(`${where} has an empty case type`);
			continue;
		}
		if (seen.has(norm))
			errors.push(`${where} lists "${seen.get(norm)}" and "${key}", the same case type`);
		seen.set(norm, key);
		const parsed = each(v, `${where}["${key}"]`);
		if (parsed !== undefined) out[key.trim()] = parsed;
	}
	return out;
}

/** Checks an imported settings JSON value; missing keys take their defaults, unknown keys are errors. */
export function validateSettings(input: unknown): SettingsResult {
	const errors: string[] = [];
	if (!isObject(input)) return { ok: false, errors: ['settings must be a JSON object'] };
	const s = defaultSettings();
	const known = new Set(Object.keys(DEFAULT_SETTINGS));
	for (const key of Object.keys(input))
		if (!known.has(key)) errors.push(`unknown setting "${key}"`);
	if ('version' in input && input.version !== 1) errors.push('version must be 1');

	if ('timeStandards' in input) {
		const ts = input.timeStandards;
		if (!isObject(ts)) errors.push('timeStandards must be { default: [...], byType: {...} }');
		else {
			for (const key of Object.keys(ts))
				if (key !== 'default' && key !== 'byType')
					errors.push(`unknown setting "timeStandards.${key}"`);
			if ('default' in ts)
				s.timeStandards.default = tiers(ts.default, 'timeStandards.default', errors);
			const n = s.timeStandards.default.length;
			if ('byType' in ts)
				s.timeStandards.byType = byKey(ts.byType, 'timeStandards.byType', errors, (v, where) =>
					tiers(v, where, errors, n)
				);
		}
	}
	for (const key of ['firstContactSlaDays', 'staleDays', 'attentionHorizonDays'] as const) {
		if (key in input) {
			if (isNonNegative(input[key])) s[key] = input[key] as number;
			else errors.push(`${key} must be a number of days >= 0`);
		}
	}
	if ('defaultCapacity' in input) {
		const v = input.defaultCapacity;
		if (typeof v === 'number' && Number.isFinite(v) && v > 0) s.defaultCapacity = v;
		else errors.push('defaultCapacity must be a number of cases > 0');
	}
	if ('caseWeights' in input) {
		s.caseWeights = byKey(input.caseWeights, 'caseWeights', errors, (v, where) => {
			if (isNonNegative(v)) return v;
			errors.push(`${where} must be a number >= 0`);
			return undefined;
		});
	}
	if ('requiredFields' in input) {
		const v = input.requiredFields;
		if (!Array.isArray(v)) errors.push('requiredFields must be a list');
		else {
			s.requiredFields = [];
			v.forEach((f, i) => {
				if (
					!isObject(f) ||
					!REQUIRED_COLUMNS.includes(f.column as RequiredColumn) ||
					('closedOnly' in f && typeof f.closedOnly !== 'boolean')
				) {
					errors.push(
						`requiredFields[${i}] must be { column: one of ${REQUIRED_COLUMNS.join(', ')}, closedOnly?: ` +
							`boolean }`
					);
					return;
				}
				if (s.requiredFields.some((r) => r.column === f.column))
					errors.push(`requiredFields lists ${String(f.column)} twice`);
				s.requiredFields.push(
					f.closedOnly
						? { column: f.column as RequiredColumn, closedOnly: true }
						: { column: f.column as RequiredColumn }
				);
			});
		}
	}
	if ('satisfactionScale' in input) {
		if (SATISFACTION_SCALES.includes(input.satisfactionScale as SatisfactionScaleSetting))
			s.satisfactionScale = input.satisfactionScale as SatisfactionScaleSetting;
		else errors.push(`satisfactionScale must be one of ${SATISFACTION_SCALES.join(', ')}`);
	}
	if ('workerTargets' in input)
		s.workerTargets = {
			...s.workerTargets,
			...validateTargets(input.workerTargets, 'workerTargets', errors)
		};
	if ('officeTargets' in input)
		s.officeTargets = validateOfficeTargets(input.officeTargets, errors);
	for (const key of ['minCompareN', 'topCategories'] as const) {
		if (!(key in input)) continue;
		const v = input[key];
		if (typeof v === 'number' && Number.isInteger(v) && v >= 1) s[key] = v;
		else errors.push(`${key} must be a whole number >= 1`);
	}
	if ('dateStyle' in input) {
		if (DATE_STYLES.includes(input.dateStyle as DateStyle))
			s.dateStyle = input.dateStyle as DateStyle;
		else errors.push(`dateStyle must be one of ${DATE_STYLES.join(', ')}`);
	}
	return errors.length ? { ok: false, errors } : { ok: true, settings: s };
}

/** Settings as the JSON a user exports. */
export function settingsToJson(settings: Settings): string {
	return JSON.stringify(settings, null, 2);
}

/** The tiers for a case type (matched ignoring letter case), else the default tiers. */
export function tiersFor(settings: Settings, caseType: string | null): TimeStandardTier[] {
	if (caseType !== null) {
		const key = caseType.trim().toLowerCase();
		for (const [k, v] of Object.entries(settings.timeStandards.byType))
			if (k.trim().toLowerCase() === key) return v;
	}
	return settings.timeStandards.default;
}

/** The weight of a case type (matched ignoring letter case), 1 when not set. */
export function weightFor(settings: Settings, caseType: string | null): number {
	if (caseType !== null) {
		const key = caseType.trim().toLowerCase();
		for (const [k, v] of Object.entries(settings.caseWeights))
			if (k.trim().toLowerCase() === key) return v;
	}
	return 1;
}
