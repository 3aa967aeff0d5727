/**
 * Days and randomness for the sample generator: day numbers since 1970-01-01 and one seeded stream
 * of uniform numbers, with the few draws the simulation needs.
 */

export const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date. */
export function dayNumber(iso: string): number {
	const [year, month, day] = iso.split('-').map(Number);
	return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** The same calendar day `years` later, as 'YYYY-MM-DD' (29 February becomes 1 March). */
export function shiftYears(iso: string, years: number): string {
	const [year, month, day] = iso.split('-').map(Number);
	return new Date(Date.UTC(year + years, month - 1, day)).toISOString().slice(0, 10);
}

/** Uniform numbers in [0, 1). */
export type Rng = () => number;

/** mulberry32: tiny, fast, and plenty for sample data; one seed gives one stream on every platform. */
export function mulberry32(seed: number): Rng {
	let state = seed | 0;
	return () => {
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), state | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function chance(rng: Rng, p: number): boolean {
	return rng() < p;
}

/** A whole number from `low` to `high`, both included. */
export function between(rng: Rng, low: number, high: number): number {
	return low + Math.floor(rng() * (high - low + 1));
}

export function clamp(value: number, low: number, high: number): number {
	return Math.min(Math.max(value, low), high);
}

/** A standard normal draw (Box-Muller). */
export function normal(rng: Rng): number {
	return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/** A picker of one of `entries`, each as likely as its weight. */
export function weighted<T>(entries: ReadonlyArray<readonly [T, number]>): (rng: Rng) => T {
	const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
	return (rng) => {
		let u = rng() * total;
		for (const [value, weight] of entries) {
			u -= weight;
			if (u < 0) return value;
		}
		return entries[entries.length - 1][0];
	};
}
