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
import type { AreaBlock, AreaSection, FigureRow, ReportTable } from './model-types';
import { figureRow, num, resultTable, rowsOf, scalarOf } from './tables';

const BOX_PLOT =
	'Days to close by case type, cases closed in the period: box from the first to the third quartile, ' +
	'line at the median';

function areaFigures(area: Area, data: ReportData, d: Disclosure, settings: Settings): FigureRow[] {
	return areaEntries(area)
		.filter((e) => e.kind === 'scalar')
		.map((e) => figureRow(e.id, data, d, settings));
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
	settings: Settings
): AreaSection {
	const title = AREAS.find((a) => a.id === area)?.title ?? area;
	const now = data.now;
	const disclosed = (id: string) =>
		discloseRows(rowsOf(now[id]), metricEntry(id).columns ?? [], d, TABLE_RULES[id]).rows;
	const small = d.enabled ? ` Values below ${d.threshold} are not drawn.` : '';
	const blocks: AreaBlock[] = [];
	const chart = (spec: ChartSpec, caption: string) =>
		blocks.push({ kind: 'chart', chart: { spec: forPrint(spec), caption } });
	const table = (t: ReportTable, heading = true) =>
		blocks.push({ kind: 'table', table: t, heading });
	switch (area) {
		case 'throughput':
			chart(
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
				closeByType(byType),
				d.enabled
					? `${BOX_PLOT}, whiskers to the 90th percentile (minima and maxima are single cases and are not ` +
							'shown under disclosure control); case types with fewer than ' +
							`${countText(d.threshold, 'closed case')} are left out.`
					: `${BOX_PLOT}, whiskers to the minimum and maximum.`
			);
			table(resultTable('days_to_close_by_type', now.days_to_close_by_type, d), false);
			table(resultTable('time_standard_compliance', now.time_standard_compliance, d));
			if (!d.enabled) {
				chart(
					kmCurves(rowsOf(now.km_curve_by_type)),
					'Kaplan-Meier estimate of the share of cases still open by days since opening, for the largest ' +
						'case types; ticks mark cases still open at the as-of date.'
				);
			}
			table(resultTable('km_median_by_type', now.km_median_by_type, d));
			const tiers = settings.timeStandards.default;
			const backlog = scalarOf(now.backlog_share);
			const backlogCount = d.count(num(backlog?.detail?.backlog)).value;
			chart(
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
				goalsByWorker(disclosed('goal_attainment_by_worker')),
				'Share of the goals due in the period that were met, by worker.' +
					(d.enabled
						? ` Workers with fewer than ${countText(d.threshold, 'goal')} due are not drawn.`
						: '')
			);
			table(resultTable('goal_attainment_by_worker', now.goal_attainment_by_worker, d), false);
			break;
		case 'caseload':
			chart(
				caseloadByWorker(disclosed('utilisation_by_worker')),
				'Weighted active caseload per worker at the as-of date (bars; over capacity marked) ' +
					`against the worker’s capacity (black mark).${small}`
			);
			table(resultTable('utilisation_by_worker', now.utilisation_by_worker, d), false);
			break;
		case 'compliance':
			chart(
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
				outcomeMix(disclosed('outcome_mix')),
				`Cases closed in the period by close reason.${small}`
			);
			table(resultTable('outcome_mix', now.outcome_mix, d), false);
			break;
	}
	return { id: area, title, figures: areaFigures(area, data, d, settings), blocks };
}
