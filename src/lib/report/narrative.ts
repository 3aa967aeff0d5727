/**
 * The executive summary's narrative: a few plain sentences generated from the headline figures by
 * fixed rules, never by anything that could invent a number. Every number in a sentence is one of
 * the figures of the summary table, written the same way (or its suppression marker).
 */
import type { Settings } from '../metrics/settings';
import type { Unit } from '../metrics/types';
import { countText, oneDecimal, plural } from '../charts/format';
import { figureText, formatValue } from './format';

/** Which way is better for each headline figure. */
export const BETTER: Record<string, 'up' | 'down'> = {
	clearance_rate: 'up',
	days_to_close_median: 'down',
	km_median_days: 'down',
	backlog_share: 'down',
	goals_met_rate: 'up',
	gas_t_mean: 'up',
	caseload_cv: 'down',
	over_capacity_workers: 'down',
	first_contact_on_time: 'up',
	deadlines_met_rate: 'up',
	stale_cases: 'down'
};

export interface NarrativeFigure {
	id: string;
	title: string;
	unit: Unit | string;
	value: number | null;
	/** The comparison period's value. */
	before: number | null;
	/** True when disclosure control hides this value (or the comparison's). */
	suppressed: boolean;
	/** What the figure is computed over (workers for caseload figures, open cases for stale cases). */
	n?: number | null;
	/** The suppression marker ("<5") when suppressed. */
	marker?: string;
}

export interface NarrativeOptions {
	settings: Settings;
	/** e.g. "the previous period". */
	compareLabel: string;
	/** Smallest relative change worth a sentence (default 5%); for shares, points/100 (default 1 point). */
	minRelative?: number;
	minPoints?: number;
	/** At most this many "changed" sentences (the largest changes). */
	maxChanges?: number;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** One sentence about a figure's change, with its size for ranking; null when too small or unknown. */
export function changeSentence(
	f: NarrativeFigure,
	opts: Pick<NarrativeOptions, 'minRelative' | 'minPoints'> = {}
): { text: string; size: number } | null {
	if (
		f.suppressed ||
		f.value === null ||
		f.before === null ||
		!Number.isFinite(f.value) ||
		!Number.isFinite(f.before)
	)
		return null;
	const delta = f.value - f.before;
	if (delta === 0) return null;
	const verb = delta > 0 ? 'rose' : 'fell';
	if (f.unit === 'share') {
		const points = Math.abs(delta) * 100;
		if (points < (opts.minPoints ?? 1)) return null;
		return {
			text: `${f.title} ${verb} ${pointsText(points)} to ${figureText(f.value, f.unit)}`,
			size: points / 100
		};
	}
	if (f.before === 0) return null;
	const rel = Math.abs(delta / f.before);
	if (rel < (opts.minRelative ?? 0.05)) return null;
	return {
		text: `${f.title} ${verb} ${Math.round(rel * 100)}% to ${figureText(f.value, f.unit)}`,
		size: rel
	};
}

/** Percentage points as text: "1 point", "9.7 points" (singular when what is shown is 1). */
function pointsText(points: number): string {
	const shown = oneDecimal(points);
	return `${shown} ${plural(Number(shown), 'point')}`;
}

/**
 * The narrative: the largest changes against the comparison period (at most `maxChanges`, default
 * 3), then what misses a target, then workers over capacity and stale cases.
 */
export function narrative(figures: readonly NarrativeFigure[], opts: NarrativeOptions): string[] {
	const by = new Map(figures.map((f) => [f.id, f]));
	const out: string[] = [];

	const changes = figures
		.map((f) => changeSentence(f, opts))
		.filter((c): c is { text: string; size: number } => c !== null)
		.sort((a, b) => b.size - a.size)
		.slice(0, opts.maxChanges ?? 3);
	const changeTexts = changes.map((c, i) => (i === 0 ? c.text : lowerFirst(c.text)));
	if (changes.length) out.push(`Against ${opts.compareLabel}: ${changeTexts.join('; ')}.`);
	else if (figures.some((f) => f.value !== null && f.before !== null && !f.suppressed))
		out.push(`The headline figures changed little against ${opts.compareLabel}.`);

	const clearance = by.get('clearance_rate');
	if (clearance && !clearance.suppressed && clearance.value !== null && clearance.value < 1) {
		out.push(
			`The clearance rate of ${figureText(clearance.value, 'ratio')} is below 1: ` +
				'fewer cases were closed than opened, so the pending caseload grew.'
		);
	}
	const backlog = by.get('backlog_share');
	const tiers = opts.settings.timeStandards.default;
	const last = tiers[tiers.length - 1];
	if (
		backlog &&
		last &&
		!backlog.suppressed &&
		backlog.value !== null &&
		backlog.value > 1 - last.target
	) {
		out.push(
			`${figureText(backlog.value, 'share')} of pending cases are older than ${countText(last.days, 'day')}, ` +
				`more than the ${formatValue(1 - last.target, 'share')} the time standard allows.`
		);
	}
	const gas = by.get('gas_t_mean');
	if (gas && !gas.suppressed && gas.value !== null && gas.value < 50) {
		out.push(
			`The mean GAS T-score of ${figureText(gas.value, 'T score')} is below 50, ` +
				'the expected level of goal attainment.'
		);
	}

	const over = by.get('over_capacity_workers');
	if (over && over.n === 1 && over.value !== null) {
		out.push(over.value > 0 ? 'The worker is over capacity.' : 'The worker is within capacity.');
	} else if (over && over.n != null && over.n > 0) {
		if (over.suppressed)
			out.push(
				`Fewer than ${over.marker?.replace('<', '') ?? 'a few'} of ${countText(over.n, 'worker')} ` +
					'are over capacity.'
			);
		else if (over.value === 0)
			out.push(
				over.n === 1
					? 'The worker is within capacity.'
					: `None of the ${countText(over.n, 'worker')} is over capacity.`
			);
		else if (over.value !== null)
			out.push(
				`${formatValue(over.value, 'workers')} of ${countText(over.n, 'worker')} ` +
					`${plural(over.value, 'is', 'are')} over capacity.`
			);
	}

	const stale = by.get('stale_cases');
	if (stale && stale.value !== null && stale.value > 0 && !stale.suppressed) {
		const of =
			stale.n != null && stale.n > 0
				? ` of ${countText(stale.n, 'open case')} (${formatValue(stale.value / stale.n, 'share')})`
				: ` ${plural(stale.value, 'open case')}`;
		const idle = countText(opts.settings.staleDays, 'day');
		out.push(`${formatValue(stale.value, 'cases')}${of} had no activity for more than ${idle}.`);
	} else if (stale && stale.suppressed) {
		out.push(
			`Fewer than ${stale.marker?.replace('<', '') ?? 'a few'} open cases had no activity ` +
				`for more than ${countText(opts.settings.staleDays, 'day')}.`
		);
	}
	return out;
}
