/**
 * A tile's changes: better or worse in words and arrow, beyond chance or not, and for a median whose
 * rank test is still being computed, "testing for chance…" rather than "not tested for chance".
 */
import { describe, expect, it } from 'vitest';
import type { Comparison } from '../../../src/lib/metrics/periods';
import type { MetricResult } from '../../../src/lib/metrics/types';
import { TESTING, tileChanges } from '../../../src/lib/ui/tile';

const scalar = (id: string, value: number, n: number): MetricResult => ({
	id,
	kind: 'scalar',
	value,
	n
});
const YEAR: Comparison = {
	key: 'year',
	label: 'vs a year earlier',
	index: 2,
	scope: { asOf: '2023-12-31', from: '2023-01-01', to: '2023-12-31', filters: {} as never }
};

describe('tileChanges', () => {
	it('a median whose rank test is pending says so, then "not tested" once it is known to be missing', () => {
		const id = 'days_to_close_median';
		const now = scalar(id, 10, 30);
		const then = scalar(id, 12, 30);
		const [pending] = tileChanges(id, now, [{ comparison: YEAR, result: then }]);
		// Lower is better: 10 days against 12 is better, down.
		expect(pending).toMatchObject({ words: 'better', arrow: '▼', chance: TESTING });
		expect(TESTING).toBe('testing for chance…');
		const [untested] = tileChanges(id, now, [{ comparison: YEAR, result: then, stats: {} }]);
		expect(untested.chance).toBe('not tested for chance');
	});

	it('a share is tested at once (two proportions): 90 of 100 against 70 of 100 is beyond chance', () => {
		// Pooled 0.8; SE = sqrt(0.8 × 0.2 × (1/100 + 1/100)) = 0.0566; z = 0.2 / 0.0566 = 3.54 > 1.96.
		const id = 'first_contact_on_time';
		const [c] = tileChanges(id, scalar(id, 0.9, 100), [
			{ comparison: YEAR, result: scalar(id, 0.7, 100) }
		]);
		expect(c).toMatchObject({
			words: 'better',
			arrow: '▲',
			chance: 'beyond chance',
			significant: true
		});
		// 72 of 100 against 70 of 100: z = 0.02 / 0.0640 = 0.31, within chance.
		const [d] = tileChanges(id, scalar(id, 0.72, 100), [
			{ comparison: YEAR, result: scalar(id, 0.7, 100) }
		]);
		expect(d).toMatchObject({ words: 'better', chance: 'within chance', significant: false });
	});
});
