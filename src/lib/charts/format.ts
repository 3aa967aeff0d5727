/** Number formatting shared by tiles, tables and chart labels (plain text; callers escape for HTML). */
import type { Unit } from '../metrics/types';

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 0 });
const two = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 });

export function formatValue(value: number | null | undefined, unit?: Unit | string): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '–';
	switch (unit) {
		case 'share':
			return `${one.format(value * 100)}%`;
		case 'ratio':
			return two.format(value);
		case 'days':
		case 'T score':
		case 'score':
			return one.format(value);
		default:
			return Number.isInteger(value) ? int.format(value) : one.format(value);
	}
}

/** The unit as words for axis names and labels. */
export function unitLabel(unit?: Unit | string): string {
	switch (unit) {
		case 'share':
			return '%';
		case 'ratio':
			return 'ratio';
		default:
			return unit ?? '';
	}
}

/** A signed change for "vs previous period": percentage points for shares, else the unit. */
export function formatChange(delta: number | null, unit?: Unit | string): string {
	if (delta === null || !Number.isFinite(delta)) return '–';
	const abs = Math.abs(delta);
	const text = unit === 'share' ? `${one.format(abs * 100)} pp` : formatValue(abs, unit);
	// The sign of what is shown: a change that rounds to zero is "±0", never "−0".
	const shownZero = Number(text.replace(/[^0-9.]/g, '')) === 0;
	const sign = shownZero ? '±' : delta > 0 ? '+' : '−';
	return `${sign}${text}`;
}

/** 'YYYY-MM-01' → 'YYYY-MM'. */
export function monthLabel(month: unknown): string {
	return typeof month === 'string' ? month.slice(0, 7) : String(month ?? '');
}
