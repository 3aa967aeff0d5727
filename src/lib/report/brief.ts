/**
 * Page 1 of the report: what a director reads first. The scope in one block, the headline table
 * (value, change judged better or worse and beyond chance or not, target met or missed) and three to
 * five findings ranked by importance: missed targets, then significant changes by absolute size, then
 * the cases needing attention. Every number in a finding is a figure of the table or a count of the
 * report's case lists, written with the same formatter. Pure: the page renders it, the tests check it.
 */
import { countText, oneDecimal, plural } from '../charts/format';
import type { MetricResult } from '../metrics/types';
import type { Disclosure } from './disclosure';
import { figureText, formatValue } from './format';
import type { ExceptionData, ExceptionId } from './gather';
import type { BriefFinding, FigureRow } from './model-types';

/**
 * True when the comparison period holds no data for the scope: no case opened or closed in it and
 * none pending at its end. Then nothing is claimed about it.
 */
export function comparisonEmpty(compare: Record<string, MetricResult>): boolean {
	let cases = 0;
	for (const id of ['opened', 'closed', 'pending_end']) {
		const r = compare[id];
		if (r?.kind === 'scalar' && typeof r.value === 'number') cases += r.value;
	}
	return cases === 0;
}

/** A list of cases needing action, as the brief counts it. */
export interface AttentionCount {
	/** e.g. "overdue deadlines". */
	what: string;
	total: number;
	/** The count as printed (a disclosure marker when small). */
	text: string;
}

const ATTENTION_WORDS: Record<ExceptionId, [string, string]> = {
	deadlines: ['overdue deadline', 'overdue deadlines'],
	reviews: ['overdue review', 'overdue reviews'],
	stale: ['stale case', 'stale cases'],
	over_capacity: ['worker over capacity', 'workers over capacity']
};

/** The report's case lists as counts for the brief (disclosure markers when small). */
export function attentionCounts(lists: readonly ExceptionData[], d: Disclosure): AttentionCount[] {
	return lists
		.filter((l) => !l.unavailable)
		.map((l) => {
			const [one, many] = ATTENTION_WORDS[l.id];
			const marker = d.count(l.total).text;
			return {
				what: marker ? many : plural(l.total, one, many),
				total: l.total,
				text: marker ?? formatValue(l.total, 'cases')
			};
		});
}

/** The size of a change in its own terms, for ranking and for the sentence: "4.1 points", "3.0 days". */
function changeSize(f: FigureRow): { size: number; text: string; order: number } | null {
	if (f.value === null || f.before === null) return null;
	const delta = f.value - f.before;
	if (f.unit === 'share') {
		const points = Math.abs(delta) * 100;
		const shown = oneDecimal(points);
		return {
			size: points,
			text: `${shown} ${plural(Number(shown), 'percentage point')}`,
			order: 0
		};
	}
	if (f.unit === 'days')
		return { size: Math.abs(delta), text: figureText(Math.abs(delta), 'days'), order: 1 };
	return { size: Math.abs(delta), text: figureText(Math.abs(delta), f.unit), order: 2 };
}

/** One sentence per missed target: "Clearance rate was 0.93 and misses its target — CourTools …." */
function targetFinding(f: FigureRow): string {
	return `${f.title} was ${f.text} and misses its target — ${f.target ?? 'see the appendix'}.`;
}

function changeFinding(f: FigureRow, compareWords: string): string {
	const size = changeSize(f)!;
	const verb = f.value! > f.before! ? 'rose' : 'fell';
	const judged =
		f.direction === 'better' ? 'better' : f.direction === 'worse' ? 'worse' : 'a change';
	return (
		`${f.title} ${verb} by ${size.text}, from ${f.beforeText} to ${f.text} against ${compareWords}: ` +
		`${judged}, and beyond chance.`
	);
}

function attentionFinding(lists: readonly AttentionCount[]): string | null {
	const shown = lists.filter((l) => l.total > 0);
	if (!shown.length) return null;
	const parts = shown.map((l) => `${l.text} ${l.what}`);
	const last = parts.pop()!;
	const listed = parts.length ? `${parts.join(', ')} and ${last}` : last;
	return `Needing action at the as-of date: ${listed}.`;
}

export interface FindingsInput {
	figures: readonly FigureRow[];
	/** e.g. "the previous period"; null when the comparison period holds no data. */
	compareWords: string | null;
	attention: readonly AttentionCount[];
	/** At most this many findings (default 5). */
	max?: number;
}

/**
 * The brief's findings, most important first: missed targets, then changes beyond chance by their
 * absolute size (percentage points, then days, then counts), then what needs action. When fewer
 * than three stand out, the brief says plainly what holds (targets met, no change beyond chance).
 */
export function findings({
	figures,
	compareWords,
	attention,
	max = 5
}: FindingsInput): BriefFinding[] {
	const out: BriefFinding[] = [];
	for (const f of figures.filter((f) => f.missed && f.value !== null))
		out.push({ kind: 'target', figure: f.id, text: targetFinding(f) });
	if (compareWords) {
		const significant = figures
			.filter((f) => f.significant === true && !f.suppressed && changeSize(f))
			.sort((a, b) => {
				const x = changeSize(a)!;
				const y = changeSize(b)!;
				return x.order - y.order || y.size - x.size;
			});
		for (const f of significant)
			out.push({ kind: 'change', figure: f.id, text: changeFinding(f, compareWords) });
	}
	const needs = attentionFinding(attention);
	if (needs) out.push({ kind: 'attention', figure: null, text: needs });

	if (out.length < 3) {
		const withTarget = figures.filter((f) => f.target !== null && f.value !== null);
		const met = withTarget.filter((f) => !f.missed);
		if (withTarget.length && met.length === withTarget.length)
			out.push({
				kind: 'summary',
				figure: null,
				text: `All ${countText(withTarget.length, 'figure')} with a target ${plural(withTarget.length, 'meets', 'meet')} it.`
			});
	}
	if (out.length < 3 && compareWords) {
		const tested = figures.filter((f) => f.significant !== null && !f.suppressed);
		if (tested.length && !tested.some((f) => f.significant))
			out.push({
				kind: 'summary',
				figure: null,
				text:
					`No change against ${compareWords} is beyond chance ` +
					`(${countText(tested.length, 'figure')} tested).`
			});
	}
	if (out.length < 3 && !compareWords)
		out.push({
			kind: 'summary',
			figure: null,
			text: 'The comparison period holds no data, so no change is stated.'
		});
	return out.slice(0, max);
}
