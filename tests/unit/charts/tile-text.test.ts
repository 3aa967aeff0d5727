/** The overview's tile writes its figure with the shared formatter: hours under a day, the word after the number. */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { changeText } from '../../../src/lib/charts/change';
import { metricEntry } from '../../../src/lib/metrics/catalogue';
import { changeOf } from '../../../src/lib/metrics/significance';
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
			props: { id: 'x', title: 'Median time to close', unit, value, n, href: '#/' }
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
	it('says better or worse in words beside the arrow, and whether beyond chance', () => {
		// Deadlines met fell from 60 of 100 to 45 of 100: −15 pp, worse, and beyond chance (z = -2.12).
		const entry = metricEntry('deadlines_met_rate');
		const verdict = changeOf(entry, { value: 0.45, n: 100 }, { value: 0.6, n: 100 }, { minN: 20 });
		const change = changeText(verdict, entry.polarity, entry.unit, 'Q2 2018');
		const html = render(KpiTile, {
			props: {
				id: 'd',
				title: 'Deadlines met',
				unit: 'share',
				value: 0.45,
				href: '#/',
				changes: [{ ...change, key: 'year', label: 'vs a year earlier' }]
			}
		}).body;
		expect(text(html)).toContain('vs a year earlier −15.0 pp ▼ worse, beyond chance');
		// The colour is a class beside the words, never the only sign.
		expect(html).toMatch(/class="verdict bad[^"]*significant/);
	});
});
