/** One area of the report: its headline figures, then its charts, each followed by its table. */
import {
	ageBuckets,
	caseloadByWorker,
	closeByType,
	complianceMonthly,
	goalsByWorker,
	kmCurves,
	outcomeMix,
	throughputMonthly,
	type ChartSpec
} from '../charts/options';
import { countText } from '../charts/format';
import { areaEntries, metricEntry } from '../metrics/catalogue';
import type { Settings } from '../metrics/settings';
import { AREAS, type Area } from '../metrics/types';
import { Disclosure, TABLE_RULES, discloseRows } from './disclosure';
import type { ReportData } from './gather';
import type { DatasetInfo } from '../model/dataset';
import type { AreaBlock, AreaSection, FigureRow, MissingSection, ReportTable } from './model-types';
import { figureRow, num, resultTable, rowsOf, scalarOf } from './tables';
import { CATEGORY_TABLES, TOP_VALUES, cutTop } from './top';

const TOP = { top: true };

const BOX_PLOT =
	'Days to close by case type, cases closed in the period: box from the first to the third quartile, ' +
	'line at the median';

function areaFigures(
	area: Area,
	data: ReportData,
	d: Disclosure,
	settings: Settings,
	noComparison: boolean
): FigureRow[] {
	return areaEntries(area)
		.filter((e) => e.kind === 'scalar')
		.map((e) => figureRow(e.id, data, d, settings, noComparison));
}

/**
 * One line instead of an area whose data is not loaded: a file every one of its metrics needs was
 * not imported, or none of its figures can be computed. Null when the area has something to show.
 */
export function missingSection(
	area: Area,
	dataset: DatasetInfo,
	data: ReportData
): MissingSection | null {
	const title = AREAS.find((a) => a.id === area)?.title ?? area;
	const entries = areaEntries(area);
	const reasons = entries.map((e) => data.now[e.id]?.unavailable ?? null);
	if (reasons.some((r) => r === null)) return null;
	const absent = [...new Set(entries.flatMap((e) => e.needs.map((n) => n.table)))].find(
		(t) => !dataset.tables[t]
	);
	if (absent) return { id: area, title, line: `${title}: no ${absent} file was imported.` };
	const distinct = [...new Set(reasons.map((r) => r!.replace(/^not available: /, '')))];
	return { id: area, title, line: `${title}: not available (${distinct.join('; ')}).` };
}

/** A dashboard chart for paper: a scrolling legend shows every entry (paper cannot scroll). */
export function forPrint(spec: ChartSpec): ChartSpec {
	const legend = spec.option.legend as Record<string, unknown> | undefined;
	if (!legend || legend.type !== 'scroll') return spec;
	return { ...spec, option: { ...spec.option, legend: { ...legend, type: 'plain' } } };
}

export function areaSection(
	area: Area,
	data: ReportData,
	d: Disclosure,
	settings: Settings,
	noComparison = false
): Omit<AreaSection, 'note'> {
	const title = AREAS.find((a) => a.id === area)?.title ?? area;
	const now = data.now;
	// A categorical chart draws the largest values only; "Other" where its parts add up.
	const disclosed = (id: string, other = false) => {
		const rule = CATEGORY_TABLES[id];
		const cut = rule ? cutTop(rowsOf(now[id]), rule) : null;
		const rows = cut ? [...cut.kept, ...(other && cut.other ? [cut.other] : [])] : rowsOf(now[id]);
		return discloseRows(rows, metricEntry(id).columns ?? [], d, TABLE_RULES[id]).rows;
	};
	const largest = (id: string, what: string) =>
		rowsOf(now[id]).length > TOP_VALUES + 1 ? ` The ${TOP_VALUES} ${what} are drawn.` : '';
	const small = d.enabled ? ` Values below ${d.threshold} are not drawn.` : '';
	const blocks: AreaBlock[] = [];
	const chart = (metric: string, spec: ChartSpec, caption: string) =>
		blocks.push({ kind: 'chart', chart: { metric, spec: forPrint(spec), caption } });
	const table = (t: ReportTable, heading = true) =>
		blocks.push({ kind: 'table', table: t, heading });
	switch (area) {
		case 'throughput':
			chart(
				'throughput_monthly',
				throughputMonthly(disclosed('throughput_monthly')),
				'Cases opened and closed in each month of the period (bars) and pending at each month’s end (line).' +
					small
			);
			table(resultTable('throughput_monthly', now.throughput_monthly, d), false);
			break;
		case 'resolution': {
			const byType = disclosed('days_to_close_by_type')
				.filter((r) => !d.enabled || num(r.median) !== null)
				.map((r) => (d.enabled ? { ...r, min: r.q1, max: r.p90 } : r));
			chart(
				'days_to_close_by_type',
				closeByType(byType),
				(d.enabled
					? `${BOX_PLOT}, whiskers to the 90th percentile (minima and maxima are single cases and are not ` +
						'shown under disclosure control); case types with fewer than ' +
						`${countText(d.threshold, 'closed case')} are left out.`
					: `${BOX_PLOT}, whiskers to the minimum and maximum.`) +
					largest('days_to_close_by_type', 'case types with most closed cases')
			);
			table(resultTable('days_to_close_by_type', now.days_to_close_by_type, d, TOP), false);
			table(resultTable('time_standard_compliance', now.time_standard_compliance, d));
			if (!d.enabled) {
				chart(
					'km_curve_by_type',
					kmCurves(rowsOf(now.km_curve_by_type)),
					'Kaplan-Meier estimate of the share of cases still open by days since opening, for the largest ' +
						'case types; ticks mark cases still open at the as-of date.'
				);
			}
			table(resultTable('km_median_by_type', now.km_median_by_type, d, TOP));
			const tiers = settings.timeStandards.default;
			const backlog = scalarOf(now.backlog_share);
			const backlogCount = d.count(num(backlog?.detail?.backlog)).value;
			chart(
				'pending_age_buckets',
				ageBuckets(disclosed('pending_age_buckets'), tiers[0]?.days ?? 180, {
					days: tiers[tiers.length - 1]?.days ?? 540,
					count: backlogCount
				}),
				'Cases pending at the as-of date by age; buckets older than the first time standard ' +
					`(${countText(tiers[0]?.days ?? 180, 'day')}) are marked.${small}`
			);
			table(resultTable('pending_age_buckets', now.pending_age_buckets, d), false);
			break;
		}
		case 'goals':
			chart(
				'goal_attainment_by_worker',
				goalsByWorker(disclosed('goal_attainment_by_worker')),
				'Share of the goals due in the period that were met, by worker.' +
					largest('goal_attainment_by_worker', 'workers with most goals due') +
					(d.enabled
						? ` Workers with fewer than ${countText(d.threshold, 'goal')} due are not drawn.`
						: '')
			);
			table(resultTable('goal_attainment_by_worker', now.goal_attainment_by_worker, d, TOP), false);
			break;
		case 'caseload':
			chart(
				'utilisation_by_worker',
				caseloadByWorker(disclosed('utilisation_by_worker')),
				'Weighted active caseload per worker at the as-of date (bars; over capacity marked) ' +
					`against the worker’s capacity (black mark).${small}` +
					largest('utilisation_by_worker', 'workers with the largest caseloads')
			);
			table(resultTable('utilisation_by_worker', now.utilisation_by_worker, d, TOP), false);
			break;
		case 'compliance':
			chart(
				'first_contact_monthly',
				complianceMonthly(disclosed('first_contact_monthly'), disclosed('deadlines_monthly')),
				`Share of first contacts within ${countText(settings.firstContactSlaDays, 'day')} of intake ` +
					'and of deadlines met, by month.' +
					(d.enabled
						? ` Months with fewer than ${countText(d.threshold, 'case')} are not drawn.`
						: '')
			);
			table(resultTable('first_contact_monthly', now.first_contact_monthly, d));
			table(resultTable('deadlines_monthly', now.deadlines_monthly, d));
			break;
		case 'outcomes':
			chart(
				'outcome_mix',
				outcomeMix(disclosed('outcome_mix', true)),
				`Cases closed in the period by close reason.${small}`
			);
			table(resultTable('outcome_mix', now.outcome_mix, d, TOP), false);
			break;
	}
	return { id: area, title, figures: areaFigures(area, data, d, settings, noComparison), blocks };
}
