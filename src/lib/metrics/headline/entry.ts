/**
 * A catalogue entry generated from a measure's declaration: its statement is the facts' statement
 * over fact relations inlined as CTEs from the loaded tables, so it needs no `prepareOverview`, and
 * its value and n come from the same parts, read by the same function, as the overview's facts and
 * cube give them. The eleven headline entries of the catalogue are made here (`headlineEntry`):
 * their area files give the words, the needs and the drill-down, their declaration the rest.
 */
import { numOrNull } from '../read';
import type { MetricEntry } from '../types';
import { withFactsInlined } from './facts';
import type { Measure } from './measure';
import { HEADLINE_MEASURES } from './measures';
import { factsStatement } from './statements';

export type EntryDoc = Omit<MetricEntry, 'id' | 'kind' | 'sql' | 'read' | 'columns'>;

export function declaredEntry(measure: Measure, doc: EntryDoc): MetricEntry {
	return {
		...doc,
		id: measure.id,
		kind: 'scalar',
		sql: (ctx) => {
			// The catalogue's statement also computes the parts its detail reads.
			const withDetail = { ...measure, parts: { ...measure.parts, ...measure.detail?.parts } };
			const statement = factsStatement(ctx, [ctx.scope], [withDetail]);
			if (!statement) throw new Error(`measure ${measure.id} declares no parts`);
			return withFactsInlined(ctx.dataset, statement);
		},
		read: (rows) => {
			const row = rows[0] ?? {};
			const part = (name: string) => numOrNull(row[`s0_${name}`]);
			const detail = measure.detail?.read(part);
			return { ...measure.read(part), ...(detail ? { detail } : {}) };
		}
	};
}

/** The catalogue entry of the headline measure `id` (headline/measures.ts). */
export function headlineEntry(id: string, doc: EntryDoc): MetricEntry {
	const measure = HEADLINE_MEASURES.find((m) => m.id === id);
	if (!measure) throw new Error(`no headline measure ${id}`);
	return declaredEntry(measure, doc);
}
