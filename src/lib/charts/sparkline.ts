/**
 * A sparkline as an SVG polyline: `points` for a `width` x `height` box, nulls skipped (the line
 * breaks into segments). Tiny and static, so the overview needs no chart instance per tile.
 */
export function sparklinePaths(
	values: (number | null)[],
	width = 100,
	height = 24,
	pad = 2
): { segments: string[]; last: { x: number; y: number } | null } {
	const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
	if (finite.length === 0) return { segments: [], last: null };
	const min = Math.min(...finite);
	const max = Math.max(...finite);
	const span = max - min || 1;
	const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
	const segments: string[] = [];
	let current: string[] = [];
	let last: { x: number; y: number } | null = null;
	values.forEach((v, i) => {
		if (v === null || !Number.isFinite(v)) {
			if (current.length) segments.push(current.join(' '));
			current = [];
			return;
		}
		const x = pad + i * step;
		const y = max === min ? height / 2 : pad + (1 - (v - min) / span) * (height - 2 * pad);
		const point = `${x.toFixed(1)},${y.toFixed(1)}`;
		current.push(point);
		last = { x: +x.toFixed(1), y: +y.toFixed(1) };
	});
	if (current.length) segments.push(current.join(' '));
	return { segments, last };
}
