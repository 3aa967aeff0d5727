/**
 * Compares two plain values (results, rows) as the engine-equality test requires: integers exactly,
 * other numbers within 1e-9 (relative above 1), everything else strictly. Returns null when equal,
 * else the path of the first difference and both values.
 */
export function sameValues(a: unknown, b: unknown, at = '$'): string | null {
	if (typeof a === 'number' && typeof b === 'number') {
		if (Number.isInteger(a) && Number.isInteger(b)) return a === b ? null : `${at}: ${a} vs ${b}`;
		if (Number.isNaN(a) && Number.isNaN(b)) return null;
		return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)) ? null : `${at}: ${a} vs ${b}`;
	}
	if (Array.isArray(a) && Array.isArray(b)) {
		if (a.length !== b.length) return `${at}: ${a.length} vs ${b.length} items`;
		for (let i = 0; i < a.length; i++) {
			const d = sameValues(a[i], b[i], `${at}[${i}]`);
			if (d) return d;
		}
		return null;
	}
	if (
		a &&
		b &&
		typeof a === 'object' &&
		typeof b === 'object' &&
		!Array.isArray(a) &&
		!Array.isArray(b)
	) {
		const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
		for (const k of keys) {
			const d = sameValues(
				(a as Record<string, unknown>)[k],
				(b as Record<string, unknown>)[k],
				`${at}.${k}`
			);
			if (d) return d;
		}
		return null;
	}
	return Object.is(a, b) ? null : `${at}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
}
