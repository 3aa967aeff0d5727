/**
 * Monthly trends with a centre line and control limits (Shewhart charts), so that a supervisor can
 * tell a dip that is noise from one that is not. Pure functions over each month's value and n, as the
 * headline figures give them (metrics/overview.ts for the months of `monthlyScopes`).
 *
 * - Shares (p-chart): centre p̄ = Σx / Σn over the months, limits p̄ ± 3 √(p̄ (1 - p̄) / n_month),
 *   clipped to 0..1; a month's x = share × n.
 * - Counts (c-chart): centre c̄ = the mean count, limits c̄ ± 3 √c̄, the lower one at least 0.
 * - The clearance rate (u-chart, closings per case opened): centre ū = Σclosed / Σopened, limits
 *   ū ± 3 √(ū / opened_month).
 * - Medians and other figures: the centre line only (the median of the months), no limits: the
 *   monthly figures alone do not give their spread.
 * A month with fewer than one case has no value and no limits.
 */
import { changeTestOf, type ChangeTest } from './significance';

/** Control limits are this many standard errors from the centre (the usual Shewhart choice). */
export const SIGMAS = 3;

export type ChartKind = 'p' | 'c' | 'u' | 'centre';

/** One month's figure: its value and how many cases it stands on. */
export interface MonthFigure {
	month: string;
	value: number | null;
	n?: number | null;
}

export interface ControlPoint {
	month: string;
	value: number | null;
	lower: number | null;
	upper: number | null;
	/** Beyond a control limit: unlikely to be noise. */
	outside: boolean;
}

export interface ControlChart {
	kind: ChartKind;
	centre: number | null;
	points: ControlPoint[];
}

/** The control chart for a metric tested by `test`. */
export function chartKindOf(test: ChangeTest): ChartKind {
	if (test === 'proportion') return 'p';
	if (test === 'count') return 'c';
	if (test === 'ratio') return 'u';
	return 'centre';
}

const median = (xs: number[]): number | null => {
	if (!xs.length) return null;
	const s = [...xs].sort((a, b) => a - b);
	const mid = s.length / 2;
	return s.length % 2 ? s[Math.floor(mid)] : (s[mid - 1] + s[mid]) / 2;
};

const known = (m: MonthFigure): m is MonthFigure & { value: number } =>
	m.value !== null && Number.isFinite(m.value);

/** Points with limits `limits(n)` around `centre`; months without a value or with n = 0 get none. */
function around(
	months: MonthFigure[],
	centre: number | null,
	kind: ChartKind,
	spread: (m: MonthFigure) => number | null
): ControlChart {
	const points = months.map((m) => {
		const sd = centre === null || !known(m) ? null : spread(m);
		if (sd === null || !known(m))
			return { month: m.month, value: m.value, lower: null, upper: null, outside: false };
		const lower = Math.max(0, (centre as number) - SIGMAS * sd);
		const upper =
			kind === 'p'
				? Math.min(1, (centre as number) + SIGMAS * sd)
				: (centre as number) + SIGMAS * sd;
		return {
			month: m.month,
			value: m.value,
			lower,
			upper,
			outside: m.value < lower || m.value > upper
		};
	});
	return { kind, centre, points };
}

/** The p-chart of monthly shares. */
export function pChart(months: MonthFigure[]): ControlChart {
	const used = months.filter((m) => known(m) && (m.n ?? 0) > 0);
	const n = used.reduce((s, m) => s + (m.n as number), 0);
	const x = used.reduce((s, m) => s + (m.value as number) * (m.n as number), 0);
	const p = n > 0 ? x / n : null;
	return around(months, p, 'p', (m) =>
		p === null || !(m.n && m.n > 0) ? null : Math.sqrt((p * (1 - p)) / m.n)
	);
}

/** The c-chart of monthly counts. */
export function cChart(months: MonthFigure[]): ControlChart {
	const used = months.filter(known);
	const c = used.length ? used.reduce((s, m) => s + m.value, 0) / used.length : null;
	return around(months, c, 'c', () => (c === null ? null : Math.sqrt(c)));
}

/** The u-chart of a monthly rate per case (closed per opened: value = closed / n, n = opened). */
export function uChart(months: MonthFigure[]): ControlChart {
	const used = months.filter((m) => known(m) && (m.n ?? 0) > 0);
	const n = used.reduce((s, m) => s + (m.n as number), 0);
	const x = used.reduce((s, m) => s + (m.value as number) * (m.n as number), 0);
	const u = n > 0 ? x / n : null;
	return around(months, u, 'u', (m) =>
		u === null || !(m.n && m.n > 0) ? null : Math.sqrt(u / m.n)
	);
}

/** The centre line alone: the median of the monthly values. */
export function centreOnly(months: MonthFigure[]): ControlChart {
	return {
		kind: 'centre',
		centre: median(months.filter(known).map((m) => m.value)),
		points: months.map((m) => ({
			month: m.month,
			value: m.value,
			lower: null,
			upper: null,
			outside: false
		}))
	};
}

/** The control chart of a metric's monthly figures, by how its changes are tested. */
export function controlChart(
	entry: { unit: string; changeTest?: ChangeTest },
	months: MonthFigure[]
): ControlChart {
	switch (chartKindOf(changeTestOf(entry))) {
		case 'p':
			return pChart(months);
		case 'c':
			return cChart(months);
		case 'u':
			return uChart(months);
		default:
			return centreOnly(months);
	}
}
