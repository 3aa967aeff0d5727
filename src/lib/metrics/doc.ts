/**
 * docs/metrics.md, generated from the catalogue (`npx tsx scripts/metrics-doc.ts`), so that a
 * definition is written once. A unit test checks that the committed file equals a fresh generation.
 */
import { columnLabel } from '../model/dataset';
import { AGE_BUCKETS } from './resolution';
import { CATALOGUE } from './catalogue';
import { polarityText } from './polarity';
import { changeTestOf, CHANGES_DOC, TEST_TEXT } from './significance';
import { DEFAULT_SETTINGS } from './settings';
import { AREAS, type MetricEntry, type Need } from './types';

const need = (n: Need) => `${columnLabel(n.table, n.column)} (\`${n.table}.${n.column}\`)`;

function entryDoc(e: MetricEntry): string {
	const lines = [`### ${e.title} (\`${e.id}\`)`, '', e.definition, ''];
	lines.push(`- **Formula:** ${e.formula}`);
	lines.push(`- **Source:** ${e.source}`);
	const needs = [
		...e.needs.map(need),
		...(e.needsOneOf ?? []).map((g) => g.map(need).join(' or '))
	];
	lines.push(`- **Needs:** ${needs.length ? needs.join('; ') : 'nothing beyond the cases file'}`);
	lines.push(`- **Unit:** ${e.kind === 'table' ? 'a table' : e.unit}`);
	lines.push(
		`- **Better:** ${polarityText(e.polarity)}` +
			(e.kind === 'scalar' ? `; a change is tested by: ${TEST_TEXT[changeTestOf(e)]}` : '')
	);
	if (e.columns)
		lines.push(
			`- **Columns:** ${e.columns
				.map((c) => `\`${c.name}\` ${c.label}${c.unit ? ` ` + `(${c.unit})` : ''}`)
				.join('; ')}`
		);
	if (e.drill)
		lines.push(
			`- **Drill-down:** the rows behind the figure${
				e.drillParts?.length ? `; selection: ` + `${e.drillParts.join('; ')}` : ''
			}`
		);
	return lines.join('\n');
}

export function renderMetricsDoc(): string {
	const s = DEFAULT_SETTINGS;
	const tiers = s.timeStandards.default
		.map((t) => `${t.target * 100}% within ${t.days} days`)
		.join(', ');
	const parts = [
		'# Metrics',
		'',
		'<!-- Generated from src/lib/metrics/catalogue.ts by `npx tsx scripts/metrics-doc.ts`. Do not edit by hand. ' +
			'-->',
		'',
		'Every figure Casemetrics shows is one of the metrics below, computed in SQL by the metric engine ' +
			'(`src/lib/metrics/`) over the canonical case model, and checked in the tests against an independent ' +
			'plain-TypeScript computation.',
		'',
		'## Common rules',
		'',
		'- **Scope.** Every metric takes the same scope: an as-of moment (default: the latest opened or closed date ' +
			'in the data, with its time of day where the source has one), a period `from..to` of whole days, ' +
			'inclusive (default: the 12 months ending on the as-of date), and filters on office, case type, ' +
			'worker, priority and status.',
		'- **"In the period"** means on one of the period\'s days, whatever the time of day. **"Open at the as-of ' +
			'date"** means opened by then and not closed by then.',
		'- **Durations** are in days: fractional (seconds / 86,400) where both dates have a time of day, whole ' +
			'calendar days where either is a date only.',
		'- **Comparisons between two dates** happen at the coarser precision of the two: a case closed at 15:00 on a ' +
			'date-only due date is on time.',
		'- **Closed before opened.** A case recorded as closed before it was opened (the import lists these) counts ' +
			'as closed the moment it was opened.',
		'- **Missing columns.** A metric whose columns the data lacks says "not available: needs ..." instead of ' +
			'showing a number.',
		'- **Shares** are between 0 and 1; a rate over nothing is null, not 0.',
		'',
		'## Settings and their defaults',
		'',
		`- Time standards: ${tiers} (the Model Time Standards for general civil cases), for every case type unless ` +
			`set per type.`,
		`- First-contact SLA: ${s.firstContactSlaDays} days. Stale-case threshold: ${s.staleDays} days without ` +
			`activity.`,
		`- Needs attention: items due within ${s.attentionHorizonDays} days of the as-of date (or overdue).`,
		`- Default capacity: ${s.defaultCapacity} active cases per full-time worker. Case weights by type: 1 unless ` +
			`set.`,
		`- Required documentation fields: ` +
			`${s.requiredFields
				.map(
					(f) => `${columnLabel('cases', f.column)}${f.closedOnly ? ' (closed ' + 'cases)' : ''}`
				)
				.join(', ')}.`,
		`- Satisfaction scale: detected from the scores (1-5, 1-10 or 0-10) unless set.`,
		`- Pending age buckets: ${AGE_BUCKETS.map((b) => b.label).join(', ')} days.`,
		`- Changes are tested when each period has at least ${s.minCompareN} cases. Charts of categories draw ` +
			`the ${s.topCategories} largest and "Other".`,
		'',
		...CHANGES_DOC
	];
	for (const area of AREAS) {
		const entries = CATALOGUE.filter((e) => e.area === area.id);
		parts.push('', `## ${area.title}`, '');
		parts.push(entries.map(entryDoc).join('\n\n'));
	}
	return parts.join('\n') + '\n';
}
