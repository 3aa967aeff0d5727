/**
 * A change between two periods as it reads on a tile, in a table or in the report: the signed
 * difference, an arrow, "better" or "worse" (or "higher" / "lower" where neither is better) and
 * whether it is beyond chance. The words carry the meaning; `tone` only adds colour.
 */
import { arrowOf, directionOf, judge, toneOf, type Polarity, type Tone } from '../metrics/polarity';
import type { ChangeVerdict } from '../metrics/significance';
import type { Unit } from '../metrics/types';
import { formatChange, isShownZero } from './format';

export interface ChangeText {
	/** The signed difference ("+4.0 days", "−6.5 pp"), '–' when nothing is compared. */
	delta: string;
	/** ▲, ▼ or =; '' when nothing is compared. Decorative: `words` say the same. */
	arrow: string;
	/** "better", "worse", "higher", "lower", "no change"; '' when nothing is compared. */
	words: string;
	/** "beyond chance", "within chance", "too few cases to compare", "no data for 2018" ... */
	chance: string;
	tone: Tone;
	/** Beyond chance. */
	significant: boolean;
}

const CHANCE: Record<ChangeVerdict['status'], string> = {
	significant: 'beyond chance',
	'not-significant': 'within chance',
	'too-few': 'too few cases to compare',
	'no-data': 'no data',
	untested: 'not tested for chance',
	missing: ''
};

/** How `verdict` reads for a metric of `polarity` and `unit`; `periodName` names the comparison period. */
export function changeText(
	verdict: ChangeVerdict,
	polarity: Polarity,
	unit: Unit | string,
	periodName: string
): ChangeText {
	if (verdict.status === 'no-data')
		return {
			delta: '–',
			arrow: '',
			words: '',
			chance: `no data for ${periodName}`,
			tone: 'neutral',
			significant: false
		};
	if (verdict.delta === null)
		return { delta: '–', arrow: '', words: '', chance: '', tone: 'neutral', significant: false };
	const delta = formatChange(verdict.delta, unit);
	const direction = directionOf(verdict.delta, isShownZero(delta));
	const judgement = judge(polarity, direction);
	return {
		delta,
		arrow: arrowOf(direction),
		words: judgement === 'unchanged' ? 'no change' : judgement,
		chance: CHANCE[verdict.status],
		tone: toneOf(judgement),
		significant: verdict.status === 'significant'
	};
}
