import { describe, expect, it } from 'vitest';
import { formatChange, formatValue } from '../../../src/lib/charts/format';

describe('figures as text', () => {
	it('values by unit', () => {
		expect(formatValue(0.1543, 'share')).toBe('15.4%');
		expect(formatValue(0.956, 'ratio')).toBe('0.96');
		expect(formatValue(41.96, 'days')).toBe('42');
		expect(formatValue(1234, 'cases')).toBe('1,234');
		expect(formatValue(null, 'days')).toBe('–');
	});
	it('changes carry the sign of what is shown, so a change that rounds to zero is ±0', () => {
		expect(formatChange(-0.02, 'T score')).toBe('±0');
		expect(formatChange(0.0004, 'share')).toBe('±0 pp');
		expect(formatChange(-0.065, 'share')).toBe('−6.5 pp');
		expect(formatChange(4, 'days')).toBe('+4');
		expect(formatChange(-48, 'cases')).toBe('−48');
	});
});
