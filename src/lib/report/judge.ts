/**
 * A figure's change as the report states it, by the rules the dashboard uses: which way is better
 * comes from the metric's declared polarity (metrics/polarity.ts), whether the change is beyond
 * chance from its declared test (metrics/significance.ts: two proportions, Poisson counts, the log
 * rate ratio, Mann-Whitney for medians, log-rank for the Kaplan-Meier median), with the same
 * minimum number of cases ("too few cases to compare").
 */
import { directionOf, judge } from '../metrics/polarity';
import {
	changeTestOf,
	SIGNIFICANCE_LEVEL,
	TEST_TEXT,
	testChange,
	type ChangeTest,
	type LogRank,
	type RankSums
} from '../metrics/significance';
import type { MetricEntry } from '../metrics/types';

export interface Judgement {
	direction: 'better' | 'worse' | 'same' | null;
	/** null: not tested (no test for this figure, too few cases, or a value missing). */
	significant: boolean | null;
	/** In words, for the table: "beyond chance", "within chance", "too few cases to compare", "". */
	words: string;
}

export interface JudgeInput {
	entry: Pick<MetricEntry, 'unit' | 'polarity' | 'changeTest'>;
	now: { value: number | null; n?: number | null };
	before: { value: number | null; n?: number | null };
	minN: number;
	/** The rank statistics of a median's two samples, where the report computed them. */
	stats?: { ranks?: RankSums; logRank?: LogRank };
	/** The change reads as zero once rounded ("±0"): neither better nor worse. */
	shownZero?: boolean;
}

const WORDS: Record<string, string> = {
	significant: 'beyond chance',
	'not-significant': 'within chance',
	'too-few': 'too few cases to compare'
};

export function judgeChange({ entry, now, before, minN, stats, shownZero }: JudgeInput): Judgement {
	const verdict = testChange(changeTestOf(entry), now, before, {
		minN,
		ranks: stats?.ranks ?? null,
		logRank: stats?.logRank ?? null
	});
	if (verdict.delta === null) return { direction: null, significant: null, words: '' };
	const judged = judge(entry.polarity, directionOf(verdict.delta, shownZero));
	const direction = judged === 'better' || judged === 'worse' ? judged : 'same';
	const significant =
		verdict.status === 'significant' ? true : verdict.status === 'not-significant' ? false : null;
	return { direction, significant, words: WORDS[verdict.status] ?? '' };
}

/** What each test is used for, in the order docs/metrics.md lists them. */
const TESTED: [ChangeTest, string][] = [
	['proportion', 'shares'],
	['count', 'counts'],
	['ratio', 'the clearance rate'],
	['rank', 'median days'],
	['logrank', 'the Kaplan-Meier median'],
	['none', 'other figures']
];

/**
 * How the report's changes are judged, in the metric module's words for each test (TEST_TEXT, without
 * its bracketed details, which docs/metrics.md gives: page 1 has room for one short paragraph).
 */
export function testsText(): string {
	const name = (test: ChangeTest) => TEST_TEXT[test].replace(/ \([^)]*\)/g, '');
	const tests = TESTED.map(([test, what]) => `${what}: ${name(test)}`).join('; ');
	return (
		'Changes of shares are in percentage points (pp). ▲ better, ▼ worse. “Beyond chance” means below ' +
		`the two-sided ${SIGNIFICANCE_LEVEL * 100}% level of the figure’s test — ${tests}.`
	);
}
