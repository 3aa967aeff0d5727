/**
 * The targets of the worker scorecards: the organisation's, and per office (team) where set, each
 * figure falling back to the organisation's. Shares are 0..1 (entered and shown as percentages).
 */
import type { Settings } from './settings';

/** A scorecard figure that can have a target, and whether a value must stay at most or at least it. */
export const TARGET_KEYS = {
	utilisation: 'max',
	days_to_close: 'max',
	first_contact: 'min',
	deadlines_met: 'min',
	goals_met: 'min',
	stale: 'max',
	attention: 'max'
} as const;
export type TargetKey = keyof typeof TARGET_KEYS;

/** Null: no target for that figure. */
export type WorkerTargets = Record<TargetKey, number | null>;

/** Capacity is the organisation's standard: a caseload above it misses the target; nothing else is preset. */
export const DEFAULT_WORKER_TARGETS: WorkerTargets = {
	utilisation: 1,
	days_to_close: null,
	first_contact: null,
	deadlines_met: null,
	goals_met: null,
	stale: null,
	attention: null
};

const SHARES: readonly TargetKey[] = ['utilisation', 'first_contact', 'deadlines_met', 'goals_met'];

export function isShareTarget(key: TargetKey): boolean {
	return SHARES.includes(key);
}

const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks a (possibly partial) targets object; pushes what is wrong to `errors`. */
export function validateTargets(
	value: unknown,
	where: string,
	errors: string[]
): Partial<WorkerTargets> {
	if (!isObject(value)) {
		errors.push(`${where} must be an object of targets`);
		return {};
	}
	const out: Partial<WorkerTargets> = {};
	for (const [key, v] of Object.entries(value)) {
		if (!(key in TARGET_KEYS)) {
			errors.push(`unknown setting "${where}.${key}"`);
			continue;
		}
		const k = key as TargetKey;
		const ok =
			v === null ||
			(typeof v === 'number' &&
				Number.isFinite(v) &&
				v >= 0 &&
				(k === 'utilisation' || !isShareTarget(k) || v <= 1));
		if (!ok)
			errors.push(
				`${where}.${key} must be null or ${isShareTarget(k) ? 'a share >= 0' : 'a number >= 0'}` +
					(isShareTarget(k) && k !== 'utilisation' ? ' and <= 1' : '')
			);
		else out[k] = v;
	}
	return out;
}

/** Per-office targets keyed by office name; each office lists only the figures it overrides. */
export function validateOfficeTargets(
	value: unknown,
	errors: string[]
): Record<string, Partial<WorkerTargets>> {
	if (!isObject(value)) {
		errors.push('officeTargets must be an object keyed by office');
		return {};
	}
	const out: Record<string, Partial<WorkerTargets>> = {};
	for (const [office, v] of Object.entries(value)) {
		if (!office.trim()) errors.push('officeTargets has an empty office');
		else out[office] = validateTargets(v, `officeTargets["${office}"]`, errors);
	}
	return out;
}

/** The targets for a team (office): its own where set, else the organisation's. */
export function targetsFor(settings: Settings, office: string | null): WorkerTargets {
	const own = office === null ? undefined : settings.officeTargets[office];
	return { ...settings.workerTargets, ...own };
}
