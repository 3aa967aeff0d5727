/**
 * Everything a report shows, computed by the metric engine for the report's scope: the whole
 * catalogue for the scope, the scalar figures for the comparison period, the exception lists (the
 * metrics' own drill-down queries), and for a worker the same figures for the worker's team. The
 * report page and the tests both call `gatherReport`; nothing is computed differently for print.
 */
import type { Engine, Row } from '../engine/types';
import { CATALOGUE, OVERVIEW_IDS, metricEntry } from '../metrics/catalogue';
import { changeTestOf, type LogRank, type RankSums } from '../metrics/significance';
import { rankStatistics } from '../metrics/significance-sql';
import {
	computeAll,
	computeEntries,
	computeMetrics,
	drill,
	drillCount,
	metricContext
} from '../metrics/run';
import { emptyFilters, type Scope } from '../metrics/scope';
import type { Settings } from '../metrics/settings';
import { literal } from '../engine/sql';
import type { MetricResult } from '../metrics/types';
import { hasColumn, type DatasetInfo } from '../model/dataset';
import { comparisonScope, reportScope } from './scope';
import type { ReportTemplate } from './template';

export type ExceptionId = 'deadlines' | 'reviews' | 'stale' | 'over_capacity';

export interface ExceptionData {
	id: ExceptionId;
	/** The listed rows (at most the template's row limit), in the drill-down's order. */
	rows: Row[];
	/** How many there are in all. */
	total: number;
	/** Why the list cannot be made from the loaded data, if it cannot. */
	unavailable: string | null;
}

export interface TeamData {
	/** The worker's office (from the staff file, else where most of their cases are); null: the whole organisation. */
	office: string | null;
	scope: Scope;
	results: Record<string, MetricResult>;
}

export interface ReportData {
	scope: Scope;
	compareScope: Scope;
	now: Record<string, MetricResult>;
	compare: Record<string, MetricResult>;
	exceptions: ExceptionData[];
	team: TeamData | null;
	/** Every worker name of the loaded data (for stable pseudonyms). */
	workers: string[];
	/** For the headline medians: the rank statistics their change is tested on. */
	changeStats: Record<string, { ranks?: RankSums; logRank?: LogRank }>;
	/** Milliseconds the queries took. */
	ms: number;
}

/** The figures a worker report sets beside the team's. */
export const WORKER_COMPARE_IDS = [
	'opened',
	'closed',
	'clearance_rate',
	'pending_end',
	'days_to_close_median',
	'pending_age_median',
	'goals_met_rate',
	'gas_t_mean',
	'first_contact_on_time',
	'deadlines_met_rate',
	'reviews_overdue',
	'stale_cases',
	'documentation_completeness'
] as const;

export const EXCEPTION_SOURCES: Record<
	Exclude<ExceptionId, 'over_capacity'>,
	{ metric: string; part?: string }
> = {
	deadlines: { metric: 'deadlines_met_rate', part: 'not_done' },
	reviews: { metric: 'reviews_overdue' },
	stale: { metric: 'stale_cases' }
};

/** Every worker name in the loaded data (cases and staff), sorted. */
export async function allWorkers(engine: Engine, dataset: DatasetInfo): Promise<string[]> {
	const parts: string[] = [];
	if (hasColumn(dataset, 'cases', 'worker')) parts.push('SELECT worker FROM cases');
	if (dataset.tables.staff) parts.push('SELECT worker FROM staff');
	if (!parts.length) return [];
	const rows = await engine.query<{ worker: string }>(
		`SELECT DISTINCT worker FROM (${parts.join(' UNION ALL ')}) WHERE worker IS NOT NULL ORDER BY worker`
	);
	return rows.map((r) => String(r.worker));
}

/** The offices of the loaded data (cases and staff), sorted. */
export async function allOffices(engine: Engine, dataset: DatasetInfo): Promise<string[]> {
	const parts: string[] = [];
	if (hasColumn(dataset, 'cases', 'office')) parts.push('SELECT office FROM cases');
	if (hasColumn(dataset, 'staff', 'office')) parts.push('SELECT office FROM staff');
	if (!parts.length) return [];
	const rows = await engine.query<{ office: string }>(
		`SELECT DISTINCT office FROM (${parts.join(' UNION ALL ')}) WHERE office IS NOT NULL ORDER BY office`
	);
	return rows.map((r) => String(r.office));
}

/** The office a worker belongs to: the staff file's, else the office of most of their cases. */
export async function workerOffice(
	engine: Engine,
	dataset: DatasetInfo,
	worker: string
): Promise<string | null> {
	if (hasColumn(dataset, 'staff', 'office')) {
		const rows = await engine.query<{ office: string | null }>(
			`SELECT office FROM staff WHERE worker = ${literal(worker)} AND office IS NOT NULL LIMIT 1`
		);
		if (rows[0]?.office) return String(rows[0].office);
	}
	if (!hasColumn(dataset, 'cases', 'office')) return null;
	const rows = await engine.query<{ office: string | null }>(
		`SELECT office FROM cases WHERE worker = ${literal(worker)} AND office IS NOT NULL
		GROUP BY office ORDER BY count(*) DESC, office LIMIT 1`
	);
	return rows[0]?.office ? String(rows[0].office) : null;
}

export interface GatherInput {
	template: ReportTemplate;
	dataset: DatasetInfo;
	settings: Settings;
	/** The data's latest opened or closed moment (`latestMoment`). */
	latest: string | null;
}

export async function gatherReport(engine: Engine, input: GatherInput): Promise<ReportData> {
	const t0 = performance.now();
	const { template, dataset, settings } = input;
	const scope = reportScope(template, input.latest);
	const compareScope = comparisonScope(scope, template.comparison);
	const ctx = metricContext(scope, settings, dataset);
	const now = await computeAll(engine, ctx);
	const thenCtx = metricContext(compareScope, settings, dataset);
	const compare = await computeEntries(
		engine,
		thenCtx,
		CATALOGUE.filter((e) => e.kind === 'scalar')
	);

	const exceptions: ExceptionData[] = [];
	const limit = template.output.exceptionRows;
	for (const [id, src] of Object.entries(EXCEPTION_SOURCES) as [
		ExceptionId,
		{ metric: string; part?: string }
	][]) {
		const r = now[src.metric];
		const unavailable = r?.unavailable ?? r?.error ?? null;
		if (unavailable) {
			exceptions.push({ id, rows: [], total: 0, unavailable });
			continue;
		}
		const selection = src.part ? { part: src.part } : undefined;
		const total = await drillCount(engine, ctx, src.metric, selection);
		const rows =
			limit > 0 && total > 0 ? await drill(engine, ctx, src.metric, selection, { limit }) : [];
		exceptions.push({ id, rows, total, unavailable: null });
	}
	const util = now.utilisation_by_worker;
	const over =
		util && util.kind === 'table' ? util.rows.filter((row) => row.over_capacity === true) : [];
	over.sort((a, b) => (Number(b.utilisation) || 0) - (Number(a.utilisation) || 0));
	exceptions.push({
		id: 'over_capacity',
		rows: over.slice(0, limit),
		total: over.length,
		unavailable: util?.unavailable ?? util?.error ?? null
	});

	let team: TeamData | null = null;
	if (
		template.scope.kind === 'worker' &&
		template.scope.values[0] !== undefined &&
		template.sections.workerComparison
	) {
		const office = await workerOffice(engine, dataset, template.scope.values[0]);
		const filters = emptyFilters();
		if (office !== null) filters.office = [office];
		const teamScope: Scope = { ...scope, filters };
		const results = await computeMetrics(engine, metricContext(teamScope, settings, dataset), [
			...WORKER_COMPARE_IDS,
			'over_capacity_workers',
			'utilisation_by_worker'
		]);
		team = { office, scope: teamScope, results };
	}

	const changeStats: ReportData['changeStats'] = {};
	for (const id of OVERVIEW_IDS) {
		const entry = metricEntry(id);
		const r = now[id];
		if (
			!['rank', 'logrank'].includes(changeTestOf(entry)) ||
			r?.kind !== 'scalar' ||
			r.value === null
		)
			continue;
		changeStats[id] = await rankStatistics(engine, entry, ctx, thenCtx);
	}

	const workers = await allWorkers(engine, dataset);
	return {
		scope,
		compareScope,
		now,
		compare,
		exceptions,
		team,
		workers,
		changeStats,
		ms: performance.now() - t0
	};
}
