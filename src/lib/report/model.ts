/**
 * The report model: everything the printed report shows, assembled from the metric engine's
 * results (`ReportData`) and the template, with disclosure control applied. Pure: the page renders
 * it, the tests check it. Every number is a metric result formatted with `format.ts`.
 */
import { countText } from '../charts/format';
import { CATALOGUE, OVERVIEW_IDS } from '../metrics/catalogue';
import { asOfDate, type Scope } from '../metrics/scope';
import type { Settings } from '../metrics/settings';
import { AREAS } from '../metrics/types';
import type { DatasetInfo } from '../model/dataset';
import { areaSection } from './areas';
import { Disclosure, isDerivedUnit } from './disclosure';
import { dateText, formatValue, instantText } from './format';
import type { ReportData } from './gather';
import type { ReportModel } from './model-types';
import { narrative, type NarrativeFigure } from './narrative';
import { exceptionSection } from './exceptions';
import { figureRow, scalarOf } from './tables';
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

export function periodText(scope: Scope): string {
	return `${scope.from} to ${scope.to}`;
}

export function asOfText(scope: Scope): string {
	return dateText(scope.asOf) === '–' ? asOfDate(scope.asOf) : dateText(scope.asOf);
}

/** The scope in words, with the worker's pseudonym when names are hidden. */
export function scopeLabel(template: ReportTemplate, d: Disclosure): string {
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

	let summary: ReportModel['summary'] = null;
	if (s.summary) {
		const figures = OVERVIEW_IDS.map((id) => figureRow(id, data, d, settings));
		const nf: NarrativeFigure[] = figures.map((f) => {
			const r = scalarOf(data.now[f.id]);
			let n = r?.n ?? null;
			if (n !== null && n !== 1 && d.isSmall(n)) n = null;
			return {
				id: f.id,
				title: f.title,
				unit: f.unit,
				value: f.note ? null : f.value,
				before: f.before,
				suppressed: f.suppressed,
				n,
				marker: d.marker
			};
		});
		summary = { figures, narrative: narrative(nf, { settings, compareLabel: compareWords }) };
	}

	const areas = AREAS.filter((a) => s.areas[a.id]).map((a) => areaSection(a.id, data, d, settings));
	const exceptions = s.exceptions
		? data.exceptions.map((e) => exceptionSection(e, d, settings))
		: null;

	let appendix: ReportModel['appendix'] = null;
	if (s.appendix) {
		const wanted = new Set<string>([
			...(s.summary ? OVERVIEW_IDS : []),
			...CATALOGUE.filter((e) => s.areas[e.area]).map((e) => e.id)
		]);
		appendix = AREAS.map((a) => ({
			area: a.title,
			entries: CATALOGUE.filter((e) => e.area === a.id && wanted.has(e.id)).map((e) => ({
				id: e.id,
				title: e.title,
				definition: e.definition,
				formula: e.formula,
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
		cover: s.cover,
		summary,
		areas,
		exceptions,
		workerComparison: s.workerComparison ? workerComparison(template, data, d) : null,
		appendix,
		signoff: s.signoff ? { ...template.signoff } : null
	};
}

export { isDerivedUnit };
