/**
 * Whether a change between two periods is better or worse, and whether it is beyond chance.
 * Rates: a two-proportion z-test; counts: the two counts as Poisson (conditional on their sum,
 * normal approximation); other figures (medians, ratios, scores) are not tested here. Below the
 * minimum n the change is "too few cases to compare". Two-sided, 5% level (|z| > 1.96).
 */
import type { Unit } from '../metrics/types';

export type Direction = 'better' | 'worse' | 'same';
export type Polarity = 'up' | 'down' | 'neutral';

export interface Judgement {
	direction: Direction | null;
	/** null: not tested (no test for this kind of figure, too few cases, or a value missing). */
	significant: boolean | null;
	/** In words, for the table: "significant", "within chance", "too few cases to compare", "". */
	words: string;
}

/** Which way is better for the headline figures (until every catalogue entry declares it). */
export const POLARITY: Record<string, Polarity> = {
	clearance_rate: 'up',
	days_to_close_median: 'down',
	km_median_days: 'down',
	backlog_share: 'down',
	goals_met_rate: 'up',
	gas_t_mean: 'up',
	caseload_cv: 'down',
	over_capacity_workers: 'down',
	first_contact_on_time: 'up',
	deadlines_met_rate: 'up',
	stale_cases: 'down'
};

export const Z_CRITICAL = 1.959964;
const COUNT_UNITS = new Set(['cases', 'workers', 'reviews', 'goals', 'deadlines']);

/** z of a two-proportion test with a pooled proportion; null when undefined (no cases, or p 0 or 1 on both). */
export function twoProportionZ(p1: number, n1: number, p2: number, n2: number): number | null {
	if (n1 <= 0 || n2 <= 0) return null;
	const pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
	const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
	return se > 0 ? (p1 - p2) / se : null;
}

/** z of two Poisson counts over equal exposure, conditional on their sum; null when both are 0. */
export function poissonZ(x1: number, x2: number): number | null {
	return x1 + x2 > 0 ? (x1 - x2) / Math.sqrt(x1 + x2) : null;
}

export interface JudgeInput {
	unit: Unit | string;
	polarity: Polarity;
	now: number | null;
	before: number | null;
	nNow: number | null | undefined;
	nBefore: number | null | undefined;
	/** The fewest cases on each side for a comparison. */
	minN: number;
}

export function judgeChange(j: JudgeInput): Judgement {
	if (j.now === null || j.before === null || !Number.isFinite(j.now) || !Number.isFinite(j.before))
		return { direction: null, significant: null, words: '' };
	const delta = j.now - j.before;
	const direction: Direction =
		delta === 0 || j.polarity === 'neutral'
			? 'same'
			: delta > 0 === (j.polarity === 'up')
				? 'better'
				: 'worse';
	if (delta === 0) return { direction, significant: false, words: 'no change' };
	const counted = COUNT_UNITS.has(j.unit);
	const nNow = counted ? Math.max(j.now, j.nNow ?? 0) : (j.nNow ?? 0);
	const nBefore = counted ? Math.max(j.before, j.nBefore ?? 0) : (j.nBefore ?? 0);
	if (nNow < j.minN || nBefore < j.minN)
		return { direction, significant: null, words: 'too few cases to compare' };
	let z: number | null = null;
	if (j.unit === 'share') z = twoProportionZ(j.now, nNow, j.before, nBefore);
	else if (counted) z = poissonZ(j.now, j.before);
	else return { direction, significant: null, words: '' };
	if (z === null) return { direction, significant: null, words: '' };
	const significant = Math.abs(z) > Z_CRITICAL;
	return { direction, significant, words: significant ? 'beyond chance' : 'within chance' };
}
