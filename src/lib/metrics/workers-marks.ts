/**
 * Which scorecard cells to mark: a value outside the team's usual range (more than 1.5 times the
 * interquartile range below the first or above the third quartile: Tukey's fences) or past its target.
 */
import type { Polarity } from './polarity';
import type { WorkerFigure } from './workers';
import { TARGET_KEYS, type WorkerTargets } from './workers-targets';

/** Tukey's fences need a spread: with fewer workers in the team no value is called unusual. */
export const MIN_TEAM_FOR_RANGE = 4;
export const FENCE = 1.5;

export interface TeamStats {
	q1: number | null;
	median: number | null;
	q3: number | null;
	/** How many of the team have the figure. */
	n: number;
}

export interface CellMarks {
	/** Beyond the team's usual range: above the upper fence, below the lower one; null inside or unknown. */
	outside: 'above' | 'below' | null;
	/** The value misses the target (a target at most: above it; at least: below it). */
	missesTarget: boolean;
}

/** The usual range [q1 - 1.5 IQR, q3 + 1.5 IQR]; null for a team too small to have one. */
export function usualRange(stats: TeamStats): { low: number; high: number } | null {
	if (stats.n < MIN_TEAM_FOR_RANGE || stats.q1 === null || stats.q3 === null) return null;
	const iqr = stats.q3 - stats.q1;
	return { low: stats.q1 - FENCE * iqr, high: stats.q3 + FENCE * iqr };
}

export function cellMarks(
	value: number | null,
	stats: TeamStats,
	target: number | null | undefined,
	direction: 'max' | 'min' | undefined
): CellMarks {
	if (value === null || !Number.isFinite(value)) return { outside: null, missesTarget: false };
	const range = usualRange(stats);
	const outside =
		range && value > range.high ? 'above' : range && value < range.low ? 'below' : null;
	const missesTarget =
		target !== null && target !== undefined && direction !== undefined
			? direction === 'max'
				? value > target
				: value < target
			: false;
	return { outside, missesTarget };
}

/** The marks of a figure of a `workersSql` row, against the team's targets. */
export function figureMarks(
	row: Record<string, unknown>,
	figure: WorkerFigure,
	targets: WorkerTargets
): CellMarks & { target: number | null } {
	const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
	const stats: TeamStats = {
		q1: n(row[`${figure.key}_q1`]),
		median: n(row[`${figure.key}_median`]),
		q3: n(row[`${figure.key}_q3`]),
		n: n(row[`${figure.key}_team`]) ?? 0
	};
	const target = figure.target ? targets[figure.target] : null;
	const direction = figure.target ? TARGET_KEYS[figure.target] : undefined;
	return { ...cellMarks(n(row[figure.key]), stats, target, direction), target };
}

/**
 * The marks in words, for the cell and for screen readers (never colour alone); an unusual value of a
 * figure with a better direction (its polarity) also says whether it is the better or the worse side.
 */
export function marksText(marks: CellMarks, polarity: Polarity = 'neutral'): string[] {
	const out: string[] = [];
	if (marks.outside) {
		const side =
			polarity === 'neutral'
				? ''
				: (marks.outside === 'above') === (polarity === 'higher')
					? ' (better)'
					: ' (worse)';
		out.push(`${marks.outside} team range${side}`);
	}
	if (marks.missesTarget) out.push('misses target');
	return out;
}
