/**
 * An independent reference for the metric catalogue: plain TypeScript loops over rows it parsed
 * itself from the RAW export files, written from the field's definitions (CourTools measures 2-4,
 * Kaplan-Meier with censoring at the end of observation, Goal Attainment Scaling, caseload spread),
 * not from src/ or from docs/metrics.md. It imports nothing from src/ (a test checks this).
 *
 * API:
 *   readExport(paths: { cases: string; goals?: string; events?: string; staff?: string },
 *              columns: ExportColumns): RefData
 *     Parses the files with papaparse through an explicit mapping: SAMPLE_COLUMNS (sample-data/*.csv),
 *     BALTIMORE_COLUMNS and SF_COLUMNS (tests/fixtures/realdata/*.csv), SYNTHETIC_COLUMNS
 *     (tests/reference/synthetic.ts). Dates: ISO with or without time and offset, MM/DD/YYYY with
 *     hh:mm[:ss] and AM/PM. A column with any time of day is "timed".
 *   referenceMetrics(data: RefData, scope: RefScope, settings: RefSettings,
 *                    choices?: Partial<RefChoices>): Record<string, RefResult>
 *     Every metric id of the catalogue -> { value?, n?, detail?, rows? }, the shape src's results
 *     have. RefScope and RefSettings are the reference's own declarations of the same JSON shapes.
 *   refSettings(): RefSettings        the default settings (Model Time Standards 180/365/540 days ...)
 *   refScope(asOf, from, to, filters?): RefScope
 *   DEFAULT_CHOICES: RefChoices       where a definition leaves room, each rule is named (see common.ts):
 *     censorAt, onlyKnownAtAsOf, closedBeforeOpened, precision, and the two tolerances.
 * Beside it: compareResults(engine, reference, tol = 1e-9) in compare.ts (the differences in words),
 * writeSyntheticExport(options) in synthetic.ts (seeded raw CSVs), parseDate in dates.ts.
 */
import { attention } from './attention';
import { compliance } from './compliance';
import {
	DEFAULT_CHOICES,
	context,
	type FilterColumn,
	type RefChoices,
	type RefResult,
	type RefScope,
	type RefSettings
} from './common';
import { resolution, throughput } from './flow';
import type { RefData } from './parse';
import { caseload, goals } from './people';

export { DEFAULT_CHOICES };
export { kaplanMeier, observationEnd } from './flow';
export type { RefCell, RefChoices, RefResult, RefScope, RefSettings, RefTier } from './common';
export {
	BALTIMORE_COLUMNS,
	SAMPLE_COLUMNS,
	SF_COLUMNS,
	SYNTHETIC_COLUMNS,
	readExport,
	type ExportColumns,
	type RefData,
	type RefRow,
	type RefTable
} from './parse';

/** Default settings, from the definitions: Model Time Standards for general civil cases (75% in
 * 180 days, 90% in 365, 98% in 540), first contact within 3 days, stale after 60, 40 cases a worker,
 * needs attention within 7 days. */
export function refSettings(): RefSettings {
	return {
		timeStandards: {
			default: [
				{ days: 180, target: 0.75 },
				{ days: 365, target: 0.9 },
				{ days: 540, target: 0.98 }
			],
			byType: {}
		},
		firstContactSlaDays: 3,
		staleDays: 60,
		attentionHorizonDays: 7,
		defaultCapacity: 40,
		caseWeights: {},
		requiredFields: [
			{ column: 'case_type' },
			{ column: 'worker' },
			{ column: 'close_reason', closedOnly: true }
		],
		satisfactionScale: 'auto'
	};
}

export function refScope(
	asOf: string,
	from: string,
	to: string,
	filters: Partial<Record<FilterColumn, (string | null)[]>> = {}
): RefScope {
	return {
		asOf,
		from,
		to,
		filters: { office: [], case_type: [], worker: [], priority: [], status: [], ...filters }
	};
}

/** Computes every metric of the catalogue over the data for the scope. */
export function referenceMetrics(
	data: RefData,
	scope: RefScope,
	settings: RefSettings,
	choices: Partial<RefChoices> = {}
): Record<string, RefResult> {
	const x = context(data, scope, settings, { ...DEFAULT_CHOICES, ...choices });
	const out: Record<string, RefResult> = {};
	throughput(x, out);
	resolution(x, out);
	goals(x, out);
	caseload(x, out);
	compliance(x, out);
	attention(x, out);
	return out;
}
