/** The overview's tile writes its figure with the shared formatter: hours under a day, the word after the number. */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import KpiTile from '../../../src/lib/ui/KpiTile.svelte';

const text = (html: string) =>
	html
		.replace(/<!--[^>]*-->/g, '')
		.replace(/<[^>]+>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();

const tile = (unit: string, value: number, n: number | null = null) =>
	text(
		render(KpiTile, {
			props: { id: 'x', title: 'Median time to close', unit, value, n, href: '#/', compare: false }
		}).body
	);

describe('a headline tile', () => {
	it('shows a duration under a day in hours, and one of a day or more in days', () => {
		// 0.0708 days × 24 = 1.6992 hours.
		expect(tile('days', 0.0708)).toContain('1.7 hours');
		expect(tile('days', 0.0708)).not.toContain('days');
		expect(tile('days', 1)).toContain('1.0 day');
		expect(tile('days', 12.46)).toContain('12.5 days');
	});
	it('counts cases in its n', () => {
		expect(tile('cases', 3, 1)).toContain('n = 1');
	});
});
