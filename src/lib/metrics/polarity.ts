/**
 * Which way a metric is better, and how a change reads because of it: in words, with an arrow and a
 * tone for colour. The words and the arrow carry the meaning on their own; the tone only adds colour
 * (never colour alone). Pure functions: the dashboard, the report and the command line share them.
 */

/**
 * `higher`: a rise is an improvement (goals met); `lower`: a fall is (days to close); `neutral`:
 * neither (cases opened).
 */
export type Polarity = 'higher' | 'lower' | 'neutral';

export const POLARITIES: readonly Polarity[] = ['higher', 'lower', 'neutral'];

/** Which way the figure moved, on what is shown: a change that rounds to zero is `same`. */
export type Direction = 'up' | 'down' | 'same';

/** What the move means: better or worse where the metric has a better direction, else only up or down. */
export type Judgement = 'better' | 'worse' | 'higher' | 'lower' | 'unchanged';

/** For colour: `good` and `bad` only where the metric has a better direction. */
export type Tone = 'good' | 'bad' | 'neutral';

/** The direction of `delta`; `shownZero`: the change reads as zero once rounded for display. */
export function directionOf(delta: number, shownZero = false): Direction {
	if (shownZero || delta === 0) return 'same';
	return delta > 0 ? 'up' : 'down';
}

/** What a move in `direction` means for a metric of `polarity`. */
export function judge(polarity: Polarity, direction: Direction): Judgement {
	if (direction === 'same') return 'unchanged';
	if (polarity === 'neutral') return direction === 'up' ? 'higher' : 'lower';
	const improved = (direction === 'up') === (polarity === 'higher');
	return improved ? 'better' : 'worse';
}

export function toneOf(judgement: Judgement): Tone {
	return judgement === 'better' ? 'good' : judgement === 'worse' ? 'bad' : 'neutral';
}

/** The arrow of a direction (drawn beside the words, hidden from screen readers, which read the words). */
export function arrowOf(direction: Direction): string {
	return direction === 'up' ? '▲' : direction === 'down' ? '▼' : '=';
}

/** The polarity in words, for documentation: "higher is better". */
export function polarityText(polarity: Polarity): string {
	return polarity === 'neutral' ? 'neither direction is better' : `${polarity} is better`;
}
