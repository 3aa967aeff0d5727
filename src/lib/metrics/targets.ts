/**
 * The targets and standards the overview colours against. A tile is coloured only when its value
 * misses one of these; metrics without a recognised standard are never coloured.
 */
import type { Settings } from './settings';

export interface Target {
	/** True when the value misses the target. */
	missed(value: number, settings: Settings): boolean;
	/** The target in words. */
	text(settings: Settings): string;
}

export const TARGETS: Record<string, Target> = {
	clearance_rate: {
		missed: (v) => v < 1,
		text: () =>
			'CourTools Measure 2: close at least as many cases as are opened (clearance rate 100% or more)'
	},
	backlog_share: {
		missed: (v, s) =>
			v > 1 - (s.timeStandards.default[s.timeStandards.default.length - 1]?.target ?? 1),
		text: (s) => {
			const last = s.timeStandards.default[s.timeStandards.default.length - 1];
			return last
				? `time standard: ${Math.round(last.target * 100)}% of cases within ${last.days} days, ` +
						`so at most ${+(100 - last.target * 100).toFixed(1)}% older`
				: 'time standard';
		}
	},
	gas_t_mean: {
		missed: (v) => v < 50,
		text: () => 'Goal Attainment Scaling: T = 50 is the expected level of attainment'
	},
	over_capacity_workers: {
		missed: (v) => v > 0,
		text: () => 'no worker above capacity'
	}
};

export function targetMissed(id: string, value: number | null, settings: Settings): boolean {
	const t = TARGETS[id];
	return Boolean(t && value !== null && Number.isFinite(value) && t.missed(value, settings));
}
