/**
 * Page 1 of the report: what a director reads first. The scope in one block, the headline table
 * (value, change judged better or worse and beyond chance or not, target met or missed) and three to
 * five findings ranked by importance: missed targets, then significant changes by absolute size, then
 * the cases needing attention. Every number in a finding is a figure of the table or a count of the
 * needs-attention metrics (the #/attention page's), written with the same formatter. Pure: the page
 * renders it, the tests check it.
 */
import { countText, oneDecimal, plural } from '../charts/format';
import type { MetricResult } from '../metrics/types';
import type { Disclosure } from './disclosure';
import { figureText, formatValue } from './format';
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

/** One reason cases need action (a needs-attention metric), as the brief counts it. */
export interface AttentionCount {
	/** e.g. "with a deadline due". */
	what: string;
	/** "case" or "cases" after the count ("cases" after a disclosure marker, which hides the number). */
	cases: string;
	total: number;
	/** The count as printed (a disclosure marker when small). */
	text: string;
	/** How many of them are overdue, as printed. */
	overdueText: string;
}

/** The six needs-attention metrics (the #/attention page's counts) in words, after "4 cases". */
const ATTENTION_WORDS: Record<string, string> = {
	attention_deadline_due: 'with a deadline due',
	attention_standard_breach: 'near or past a time standard',
	attention_review_due: 'with a review due',
	attention_first_contact_due: 'with first contact due',
	attention_stale: 'with no recent activity',
	attention_goal_overdue: 'with a goal past its target date'
};

/**
 * The needs-attention metrics of the report's scope as counts for the brief, in the catalogue's
 * order (disclosure markers when small); the ones the data cannot answer are left out.
 */
export function attentionCounts(
	now: Record<string, MetricResult>,
	d: Disclosure
): AttentionCount[] {
	const out: AttentionCount[] = [];
	for (const [id, what] of Object.entries(ATTENTION_WORDS)) {
		const r = now[id];
		if (!r || r.kind !== 'scalar' || r.unavailable || r.error || typeof r.value !== 'number')
			continue;
		const overdue = typeof r.detail?.overdue === 'number' ? r.detail.overdue : 0;
		const marker = d.count(r.value).text;
		out.push({
			what,
			cases: marker ? 'cases' : plural(r.value, 'case'),
			total: r.value,
			text: marker ?? formatValue(r.value, 'cases'),
			overdueText: d.count(overdue).text ?? formatValue(overdue, 'cases')
		});
	}
	return out;
}

/** The size of a change in its own terms, for ranking and for the sentence: "4.1 points", "3.0 days". */
function changeSize(f: FigureRow): { size: number; text: string; order: number } | null {
	if (f.value === null || f.before === null) return null;
	const delta = f.value - f.before;
	if (f.unit === 'share') {
		const points = Math.abs(delta) * 100;
		return {
			size: points,
			text: `${oneDecimal(points)} ${plural(Math.round(points * 10) / 10, 'percentage point')}`,
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
	return (
		`${f.title} ${verb} by ${size.text}, from ${f.beforeText} to ${f.text} against ${compareWords}: ` +
		`${f.direction}, and beyond chance.`
	);
}

/** "Needing action, overdue or due within 7 days: 4 cases with a deadline due (4 overdue), 3 …". */
function attentionFinding(lists: readonly AttentionCount[], horizonDays: number): string | null {
	const shown = lists.filter((l) => l.total > 0);
	if (!shown.length) return null;
	const parts = shown.map(
		(l, i) => `${l.text}${i === 0 ? ` ${l.cases}` : ''} ${l.what} (${l.overdueText} overdue)`
	);
	const last = parts.pop()!;
	const listed = parts.length ? `${parts.join(', ')} and ${last}` : last;
	return `Needing action, overdue or due within ${countText(horizonDays, 'day')}: ${listed}.`;
}

export interface FindingsInput {
	figures: readonly FigureRow[];
	/** e.g. "the previous period"; null when the comparison period holds no data. */
	compareWords: string | null;
	attention: readonly AttentionCount[];
	/** The needs-attention horizon (the setting), for the sentence. */
	horizonDays: number;
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
	horizonDays,
	max = 5
}: FindingsInput): BriefFinding[] {
	const out: BriefFinding[] = [];
	for (const f of figures.filter((f) => f.missed && f.value !== null))
		out.push({ kind: 'target', figure: f.id, text: targetFinding(f) });
	if (compareWords) {
		// A change is a finding when it is beyond chance and shows (a log-rank test can find two
		// periods apart whose medians are equal); a figure already named for its target is not repeated.
		const named = new Set(out.map((f) => f.figure));
		const significant = figures
			.filter(
				(f) =>
					f.significant === true &&
					(f.direction === 'better' || f.direction === 'worse') &&
					!f.suppressed &&
					!named.has(f.id) &&
					changeSize(f)
			)
			.sort((a, b) => {
				const x = changeSize(a)!;
				const y = changeSize(b)!;
				return x.order - y.order || y.size - x.size;
			});
		for (const f of significant)
			out.push({ kind: 'change', figure: f.id, text: changeFinding(f, compareWords) });
	}
	const needs = attentionFinding(attention, horizonDays);
	if (needs) out.push({ kind: 'attention', figure: null, text: needs });

	if (out.length < 3) {
		const withTarget = figures.filter((f) => f.target !== null && f.value !== null);
		const met = withTarget.filter((f) => !f.missed);
		if (withTarget.length && met.length === withTarget.length)
			out.push({
				kind: 'summary',
				figure: null,
				text:
					`All ${countText(withTarget.length, 'figure')} with a target ` +
					`${plural(withTarget.length, 'meets', 'meet')} it.`
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
