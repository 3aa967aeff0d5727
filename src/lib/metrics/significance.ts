/**
 * Whether a change between two periods is beyond chance. Pure functions over what the figures already
 * give (value and n), and over the rank statistics of metrics/significance-sql.ts for medians. Every
 * test is deterministic (no resampling): the same data always gives the same answer.
 *
 * - Shares (goals met, deadlines met ...): the two-proportion z-test with the pooled proportion.
 * - Counts (stale cases, overdue reviews ...): the two Poisson counts compared given their sum
 *   (the conditional test, normal approximation): z = (c1 - c2) / sqrt(c1 + c2), for periods of equal
 *   length.
 * - The clearance rate (closed / opened, two counts): the log rate ratio, with the Poisson variance of
 *   each count: z = (ln r1 - ln r2) / sqrt(1/closed1 + 1/opened1 + 1/closed2 + 1/opened2).
 * - Medians of days: the Mann-Whitney rank-sum test, normal approximation with the tie correction,
 *   over the cases behind each median (deterministic, unlike a bootstrap, and it needs no assumption
 *   about the shape of the times); the Kaplan-Meier median, whose open cases are censored: the
 *   log-rank test.
 *
 * A change is significant when the two-sided p-value is below 5%. Below the minimum number of cases
 * (a setting, 20 by default) in either period the change is not tested: "too few cases to compare".
 * When the comparison period holds nothing the figure counts, nothing is compared.
 */

/** How a change of a metric is tested (MetricEntry.changeTest). */
export type ChangeTest = 'proportion' | 'count' | 'ratio' | 'rank' | 'logrank' | 'none';

/** The two-sided level below which a change is beyond chance. */
export const SIGNIFICANCE_LEVEL = 0.05;

/** The fewest cases a period may have for its change to be tested (the default of the setting). */
export const DEFAULT_MIN_COMPARE_N = 20;

/** Units whose figures are counts, tested as Poisson counts unless the entry says otherwise. */
const COUNT_UNITS = new Set(['cases', 'goals', 'deadlines', 'reviews', 'workers']);

/** The test of an entry: its own, else from its unit. */
export function changeTestOf(entry: { unit: string; changeTest?: ChangeTest }): ChangeTest {
	if (entry.changeTest) return entry.changeTest;
	if (entry.unit === 'share') return 'proportion';
	return COUNT_UNITS.has(entry.unit) ? 'count' : 'none';
}

/** The method in words, for documentation and for a change's description. */
export const TEST_TEXT: Record<ChangeTest, string> = {
	proportion: 'two-proportion z-test (pooled)',
	count: 'Poisson counts compared given their sum (z-test)',
	ratio: 'log rate ratio of two Poisson counts (z-test)',
	rank: 'Mann-Whitney rank-sum test (normal approximation, tie-corrected)',
	logrank: 'log-rank test (open cases censored)',
	none: 'not tested for chance'
};

/**
 * The standard normal distribution function, Φ(z): Abramowitz and Stegun 26.2.17, absolute error
 * below 7.5e-8, enough for a p-value compared with 0.05.
 */
export function normalCdf(z: number): number {
	if (!Number.isFinite(z)) return z > 0 ? 1 : 0;
	const x = Math.abs(z);
	const t = 1 / (1 + 0.2316419 * x);
	const poly =
		t *
		(0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
	const tail = (Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI)) * poly;
	return z >= 0 ? 1 - tail : tail;
}

/** The two-sided p-value of a z statistic. */
export function twoSidedP(z: number): number {
	return Math.min(1, 2 * (1 - normalCdf(Math.abs(z))));
}

/** z of the pooled two-proportion test of x1/n1 against x2/n2; 0 when both are all or none. */
export function twoProportionZ(x1: number, n1: number, x2: number, n2: number): number | null {
	if (n1 <= 0 || n2 <= 0) return null;
	const pooled = (x1 + x2) / (n1 + n2);
	const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
	if (variance <= 0) return 0;
	return (x1 / n1 - x2 / n2) / Math.sqrt(variance);
}

/** z of two Poisson counts over periods of equal length: c1 given c1 + c2 is binomial with p = 1/2. */
export function poissonZ(c1: number, c2: number): number | null {
	if (c1 < 0 || c2 < 0) return null;
	return c1 + c2 === 0 ? 0 : (c1 - c2) / Math.sqrt(c1 + c2);
}

/** z of the log ratio a1/b1 against a2/b2, four Poisson counts; null when a count is 0 (no logarithm). */
export function rateRatioZ(a1: number, b1: number, a2: number, b2: number): number | null {
	if (a1 <= 0 || b1 <= 0 || a2 <= 0 || b2 <= 0) return null;
	return (Math.log(a1 / b1) - Math.log(a2 / b2)) / Math.sqrt(1 / a1 + 1 / b1 + 1 / a2 + 1 / b2);
}

/** What metrics/significance-sql.ts's rank statement gives for two samples (1: the later period). */
export interface RankSums {
	n1: number;
	n2: number;
	/** The sum of the first sample's ranks in the pooled sample, ties given their mean rank. */
	rankSum1: number;
	/** The sum over groups of tied values of t^3 - t (t: the group's size). */
	tieTerm: number;
}

/**
 * z of the Mann-Whitney test: U1 = R1 - n1(n1+1)/2 against its mean n1 n2 / 2 and its tie-corrected
 * variance n1 n2 / 12 ((N + 1) - Σ(t^3 - t) / (N (N - 1))). Positive: the first sample runs higher.
 */
export function mannWhitneyZ({ n1, n2, rankSum1, tieTerm }: RankSums): number | null {
	const total = n1 + n2;
	if (n1 <= 0 || n2 <= 0 || total < 2) return null;
	const u1 = rankSum1 - (n1 * (n1 + 1)) / 2;
	const variance = ((n1 * n2) / 12) * (total + 1 - tieTerm / (total * (total - 1)));
	if (variance <= 0) return 0;
	return (u1 - (n1 * n2) / 2) / Math.sqrt(variance);
}

/** What the log-rank statement gives: observed minus expected closings of the first sample, and the variance. */
export interface LogRank {
	n1: number;
	n2: number;
	observedMinusExpected: number;
	variance: number;
}

/** z of the log-rank test; positive: the first sample closes faster than the pooled hazard expects. */
export function logRankZ({ observedMinusExpected, variance }: LogRank): number | null {
	if (!(variance > 0)) return observedMinusExpected === 0 ? 0 : null;
	return observedMinusExpected / Math.sqrt(variance);
}

/** A figure of one period: its value and how many cases (goals, deadlines ...) it is computed over. */
export interface Figure {
	value: number | null;
	n?: number | null;
}

export type ChangeStatus =
	/** Beyond chance at the 5% level. */
	| 'significant'
	/** Within what chance gives. */
	| 'not-significant'
	/** Fewer than the minimum n in either period: not tested. */
	| 'too-few'
	/** The comparison period holds nothing the figure counts: nothing is compared. */
	| 'no-data'
	/** The test needs statistics not (yet) computed, or the metric has no test. */
	| 'untested'
	/** The figure of this period is missing: nothing is compared. */
	| 'missing';

export interface ChangeVerdict {
	status: ChangeStatus;
	/** Now minus then; null when nothing is compared. */
	delta: number | null;
	test: ChangeTest;
	z: number | null;
	p: number | null;
}

export interface ChangeOptions {
	/** The minimum number of cases in each period. */
	minN: number;
	/** For `rank` and `logrank`: the statistics of the two samples (now first). */
	ranks?: RankSums | null;
	logRank?: LogRank | null;
}

/** How many cases a figure stands on: its n, or for a count without one the count itself. */
function sizeOf(test: ChangeTest, f: Figure): number | null {
	if (typeof f.n === 'number') return f.n;
	return test === 'count' ? f.value : null;
}

/** The statistic of the change, or null where it cannot be computed. */
function statistic(test: ChangeTest, now: Figure, then: Figure, o: ChangeOptions): number | null {
	const v1 = now.value as number;
	const v2 = then.value as number;
	const n1 = now.n ?? 0;
	const n2 = then.n ?? 0;
	switch (test) {
		case 'proportion':
			return twoProportionZ(Math.round(v1 * n1), n1, Math.round(v2 * n2), n2);
		case 'count':
			return poissonZ(v1, v2);
		case 'ratio':
			// The clearance rate: value = closed / opened, n = opened.
			return rateRatioZ(Math.round(v1 * n1), n1, Math.round(v2 * n2), n2);
		case 'rank':
			return o.ranks ? mannWhitneyZ(o.ranks) : null;
		case 'logrank':
			return o.logRank ? logRankZ(o.logRank) : null;
		case 'none':
			return null;
	}
}

/**
 * The verdict on the change from `then` to `now`. A comparison period whose figure stands on no case
 * (n = 0, or a count of 0 without an n) is "no data": its figure is not compared.
 */
export function testChange(
	test: ChangeTest,
	now: Figure,
	then: Figure,
	options: ChangeOptions
): ChangeVerdict {
	const none = (status: ChangeStatus): ChangeVerdict => ({
		status,
		delta: null,
		test,
		z: null,
		p: null
	});
	const thenSize = sizeOf(test, then);
	if (thenSize === 0 || (then.value === null && (then.n ?? 0) === 0)) return none('no-data');
	if (now.value === null || then.value === null) return none('missing');
	const delta = now.value - then.value;
	const verdict = (status: ChangeStatus, z: number | null = null): ChangeVerdict => ({
		status,
		delta,
		test,
		z,
		p: z === null ? null : twoSidedP(z)
	});
	const nowSize = sizeOf(test, now);
	const sizes = [nowSize, thenSize];
	if (test === 'rank' && options.ranks) sizes.push(options.ranks.n1, options.ranks.n2);
	if (test === 'logrank' && options.logRank) sizes.push(options.logRank.n1, options.logRank.n2);
	if (sizes.some((n) => n !== null && n < options.minN)) return verdict('too-few');
	if (test === 'none') return verdict('untested');
	const z = statistic(test, now, then, options);
	if (z === null) return verdict('untested');
	return verdict(twoSidedP(z) < SIGNIFICANCE_LEVEL ? 'significant' : 'not-significant', z);
}

/** The method as docs/metrics.md states it (lines of Markdown). */
export const CHANGES_DOC: readonly string[] = [
	'## Changes: better or worse, and beyond chance',
	'',
	'Every metric declares which way is better (**Better** below). A change against an earlier period reads ' +
		'"better" or "worse" in words, with an arrow and a colour (never the colour alone); where neither way is ' +
		'better it reads "higher" or "lower". A change is called **beyond chance** only when a test says so at the ' +
		`two-sided ${SIGNIFICANCE_LEVEL * 100}% level; otherwise it is **within chance**. The tests are ` +
		'deterministic: the same data always gives the same answer.',
	'',
	'- **Shares** (goals met, deadlines met, first contact on time, backlog share, documentation completeness): ' +
		'the two-proportion z-test, x = share × n in each period, pooled p = (x1 + x2) / (n1 + n2), ' +
		'z = (p1 - p2) / sqrt(p (1 - p) (1/n1 + 1/n2)).',
	'- **Counts** (stale cases, overdue reviews, goals overdue, cases opened ...): two Poisson counts over ' +
		'periods of ' +
		'the same length, compared given their sum (c1 given c1 + c2 is binomial with p = 1/2): ' +
		'z = (c1 - c2) / sqrt(c1 + c2). On the monthly trends the same model gives the c-chart limits.',
	'- **Clearance rate** (closed / opened): the log rate ratio of Poisson counts, ' +
		'z = (ln r1 - ln r2) / sqrt(1/closed1 + 1/opened1 + 1/closed2 + 1/opened2).',
	'- **Medians of days** (days to close, age of pending cases): the Mann-Whitney rank-sum test over the cases ' +
		'behind each median (those its drill-down lists), normal approximation with the correction for ties. ' +
		'A rank test rather than a bootstrap interval: it needs no random numbers, so it is reproducible, and ' +
		"no assumption about the shape of the times. It tests whether one period's times run longer than the " +
		"other's, which is what a moved median means in practice.",
	'- **Kaplan-Meier median** (open cases censored): the log-rank test over the two cohorts.',
	'- **Other figures** (mean T-score, spread across workers, net promoter score, satisfaction): their change is ' +
		'shown as better or worse but not tested, and never called beyond chance.',
	'- **Too few cases.** When either period has fewer cases than the minimum (a setting, 20 by default), the ' +
		'change reads "too few cases to compare" and is not tested.',
	'- **No data.** When the comparison period holds nothing the figure counts, the change reads "no data for" ' +
		'that period and no number is compared.',
	'- **Caveat.** Figures measured at a moment (stale cases, pending age) can count the same open case in both ' +
		'periods; the tests treat the periods as independent, so for these they are a guide, not proof.',
	''
];

/** The verdict on a metric's change from one period's result to another's (their value and n). */
export function changeOf(
	entry: { unit: string; changeTest?: ChangeTest },
	now: Figure,
	then: Figure,
	options: ChangeOptions
): ChangeVerdict {
	return testChange(changeTestOf(entry), now, then, options);
}
