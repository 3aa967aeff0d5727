/** The time standards of the settings as SQL: per case type, each tier's days and target share. */
import { literal } from '../engine/sql';
import type { Settings } from './settings';
import { num } from './sql';

/**
 * A relation `std(type_key, d1, t1, d2, t2, ...)` of the per-type time standards, and the SQL
 * expressions of tier i's days and target for a case joined to it (falling back to the defaults).
 */
export function standards(settings: Settings): {
	cte: string | null;
	days: (i: number) => string;
	target: (i: number) => string;
	tiers: number;
} {
	const def = settings.timeStandards.default;
	const types = Object.entries(settings.timeStandards.byType);
	const tiers = def.length;
	if (types.length === 0) {
		return { cte: null, days: (i) => num(def[i].days), target: (i) => num(def[i].target), tiers };
	}
	const cols = def.flatMap((_, i) => [`d${i}`, `t${i}`]);
	const values = types
		.map(([key, list]) => {
			const tierValues = def.flatMap((tier, i) => [
				num(list[i]?.days ?? tier.days),
				num(list[i]?.target ?? tier.target)
			]);
			return `(${[literal(key.trim().toLowerCase()), ...tierValues].join(', ')})`;
		})
		.join(', ');
	return {
		cte: `std AS (SELECT * FROM (VALUES ${values}) AS v(type_key, ${cols.join(', ')}))`,
		days: (i) => `coalesce(std.d${i}, ${num(def[i].days)})`,
		target: (i) => `coalesce(std.t${i}, ${num(def[i].target)})`,
		tiers
	};
}
