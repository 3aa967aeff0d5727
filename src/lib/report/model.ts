/**
 * The report model: everything the printed report shows, assembled from the metric engine's
 * results (`ReportData`) and the template, with disclosure control applied. Pure: the page renders
 * it, the tests check it. Every number is a metric result formatted with `format.ts`.
 */
import { countText, formatMoment, formatPeriod } from '../charts/format';
import { CATALOGUE, OVERVIEW_IDS } from '../metrics/catalogue';
import { asOfDate, type Scope } from '../metrics/scope';
import type { Settings } from '../metrics/settings';
import { AREAS } from '../metrics/types';
import type { DatasetInfo } from '../model/dataset';
import { areaSection, missingSection } from './areas';
import { attentionCounts, comparisonEmpty, findings } from './brief';
import { Disclosure, isDerivedUnit } from './disclosure';
import { dateText, formatValue, instantText } from './format';
import { WORKER_COMPARE_IDS, type ReportData } from './gather';
import type { MissingSection, ReportModel, ReportTable } from './model-types';
import { exceptionSection } from './exceptions';
import { figureRow, resultTable, rowsOf } from './tables';
import { CATEGORY_TABLES, TOP_VALUES } from './top';
import { COMPARISONS, type ReportTemplate } from './template';
import { workerComparison } from './worker-comparison';
export type {
	AppendixEntry,
	AreaBlock,
	AreaSection,
	ChartBlock,
	ExceptionSection,
	FigureRow,
	ReportCell,
	ReportColumn,
	ReportModel,
	ReportTable
} from './model-types';
export { figureRow, resultTable } from './tables';
export { forPrint } from './areas';

/** The period as the settings write dates ("10/01/2025 to 09/30/2026", or ISO). */
export function periodText(scope: Scope): string {
	return formatPeriod(scope.from, scope.to);
}

/** The as-of moment in ISO ('2026-09-30', '2026-09-30 10:00'). */
function asOfIso(scope: Scope): string {
	return dateText(scope.asOf) === '–' ? asOfDate(scope.asOf) : dateText(scope.asOf);
}

/** The as-of moment as the settings write dates, with its time of day when not midnight. */
export function asOfText(scope: Scope): string {
	return formatMoment(asOfIso(scope));
}

const FILTER_LABELS: Record<string, string> = {
	office: 'Office',
	case_type: 'Case type',
	priority: 'Priority',
	status: 'Status'
};

/** The scope in words, with the worker's pseudonym when names are hidden, then any further filters. */
export function scopeLabel(template: ReportTemplate, d: Disclosure): string {
	const further = Object.entries(template.filters).map(
		([column, list]) =>
			`${FILTER_LABELS[column] ?? column}: ${list.map((v) => v ?? '(blank)').join(', ')}`
	);
	return [scopeKindLabel(template, d), ...further].join(' · ');
}

function scopeKindLabel(template: ReportTemplate, d: Disclosure): string {
	const v = template.scope.values;
	switch (template.scope.kind) {
		case 'office':
			return `Office: ${v[0] ?? '(none chosen)'}`;
		case 'team':
			return template.scope.teamName.trim()
				? `Team: ${template.scope.teamName.trim()}`
				: `Team of ${countText(v.length, 'worker')}`;
		case 'worker':
			return `Worker: ${v[0] === undefined ? '(none chosen)' : d.worker(v[0])}`;
		default:
			return 'Whole organisation';
	}
}

export interface BuildOptions {
	template: ReportTemplate;
	data: ReportData;
	dataset: DatasetInfo;
	settings: Settings;
	/** When the report was made (ISO); the cover shows it. */
	generatedAt: string;
}

/** The disclosure control of a report: pseudonyms over every worker of the data and every case the report lists. */
export function reportDisclosure(template: ReportTemplate, data: ReportData): Disclosure {
	const ids = data.exceptions
		.flatMap((e) => e.rows.map((r) => r.case_id))
		.filter((v): v is string => typeof v === 'string');
	return new Disclosure(template.disclosure, data.workers, ids);
}

export function buildReport({
	template,
	data,
	dataset,
	settings,
	generatedAt
}: BuildOptions): ReportModel {
	const d = reportDisclosure(template, data);
	const s = template.sections;
	const scope = scopeLabel(template, d);
	const period = periodText(data.scope);
	const asOf = asOfText(data.scope);
	const compareWords =
		template.comparison === 'year' ? 'the same period a year earlier' : 'the previous period';
	const comparison = COMPARISONS.find((c) => c.id === template.comparison)?.label ?? '';
	const compareLabel = `${comparison} (${periodText(data.compareScope)})`;

	const noComparison = comparisonEmpty(data.compare)
		? `The comparison period (${periodText(data.compareScope)}) holds no data for this scope, ` +
			'so no change is stated.'
		: null;
	let brief: ReportModel['brief'] = null;
	if (s.summary) {
		const figures = OVERVIEW_IDS.map((id) =>
			figureRow(id, data, d, settings, noComparison !== null)
		);
		brief = {
			facts: [
				{ label: 'Scope', value: scope },
				{ label: 'Period', value: period },
				{
					label: 'Compared with',
					value: noComparison ? `${compareLabel}: no data` : compareLabel
				},
				{ label: 'As of', value: asOf, iso: asOfIso(data.scope) }
			],
			figures,
			findings: findings({
				figures,
				compareWords: noComparison ? null : compareWords,
				attention: attentionCounts(data.now, d),
				horizonDays: settings.attentionHorizonDays
			}),
			noComparison,
			note: template.notes.brief ?? ''
		};
	}

	const shown = AREAS.filter((a) => s.areas[a.id]);
	const missing = shown
		.map((a) => missingSection(a.id, dataset, data))
		.filter((m): m is MissingSection => m !== null);
	const areas = shown
		.filter((a) => !missing.some((m) => m.id === a.id))
		.map((a) => ({
			...areaSection(a.id, data, d, settings, {
				noComparison: noComparison !== null,
				oneWorker: template.scope.kind === 'worker'
			}),
			note: template.notes[a.id] ?? ''
		}))
		.filter((a) => a.figures.length > 0 || a.blocks.length > 0);
	const exceptions = s.exceptions
		? {
				lists: data.exceptions.map((e) => exceptionSection(e, d, settings)),
				note: template.notes.lists ?? ''
			}
		: null;
	const printedTables = new Set(
		areas.flatMap((a) => a.blocks.flatMap((b) => (b.kind === 'table' ? [b.table.id] : [])))
	);
	const printedCharts = areas.flatMap((a) =>
		a.blocks.flatMap((b) => (b.kind === 'chart' ? [b.chart.metric] : []))
	);
	const fullLists: ReportTable[] | null = s.fullLists
		? Object.keys(CATEGORY_TABLES)
				.filter((id) => printedTables.has(id) && rowsOf(data.now[id]).length > TOP_VALUES + 1)
				.map((id) => resultTable(id, data.now[id], d))
		: null;

	const workerTable = s.workerComparison ? workerComparison(template, data, d) : null;
	let appendix: ReportModel['appendix'] = null;
	if (s.appendix) {
		// Only what the report prints: the brief's and the areas' figures and the tables shown.
		const wanted = new Set<string>([
			...(brief ? brief.figures.map((f) => f.id) : []),
			...areas.flatMap((a) => a.figures.map((f) => f.id)),
			...printedTables,
			...printedCharts,
			...(workerTable ? WORKER_COMPARE_IDS : [])
		]);
		appendix = AREAS.map((a) => ({
			area: a.title,
			entries: CATALOGUE.filter((e) => e.area === a.id && wanted.has(e.id)).map((e) => ({
				id: e.id,
				title: e.title,
				definition: e.definition,
				source: e.source
			}))
		})).filter((g) => g.entries.length > 0);
	}

	const disclosure = d.enabled
		? `Disclosure control is on. Counts from 1 to ${d.threshold - 1} are shown as “${d.marker}” ` +
			'and left out of charts; rates, averages and durations computed over fewer than ' +
			`${countText(d.threshold, 'case')} are not shown (“n<${d.threshold}”)` +
			(d.pseudonymise
				? '; worker names and client identifiers are replaced by pseudonyms ' +
					'(Worker A, Worker B …; Case 001 …), the same for the same data'
				: '') +
			'.'
		: null;

	const sources = (
		Object.entries(dataset.tables) as [
			string,
			NonNullable<DatasetInfo['tables'][keyof DatasetInfo['tables']]>
		][]
	).map(([table, info]) => ({
		table,
		fileName: info.fileName,
		rows: formatValue(info.rows, 'cases'),
		importedAt: instantText(info.importedAt)
	}));

	return {
		title: template.title.trim() || 'Case monitoring report',
		scopeLabel: scope,
		teamMembers:
			template.scope.kind === 'team' && !d.pseudonymise ? [...template.scope.values] : null,
		periodLabel: period,
		compareLabel,
		asOf,
		generated: instantText(generatedAt),
		head: [
			`${template.title.trim() || 'Case monitoring report'} · ${scope}`,
			`${period} · as of ${asOf}`
		],
		sources,
		disclosure,
		paper: template.output.paper,
		orientation: template.output.orientation,
		brief,
		minCompareN: settings.minCompareN,
		areas,
		missing,
		exceptions,
		workerComparison: workerTable,
		fullLists,
		appendix,
		signoff: s.signoff ? { ...template.signoff } : null
	};
}

export { isDerivedUnit };
