/**
 * A catalogue entry generated from a measure's declaration: its statement is the facts' statement
 * over fact relations inlined as CTEs from the loaded tables, so it needs no `prepareOverview`, and
 * its value and n come from the same parts, read by the same function, as the overview's facts and
 * cube give them.
 */
import { numOrNull } from '../read';
import type { MetricEntry } from '../types';
import { factsCtes } from './facts';
import type { Measure } from './measure';
import { factsStatement } from './statements';

export type EntryDoc = Omit<MetricEntry, 'id' | 'kind' | 'sql' | 'read' | 'columns'>;

export function declaredEntry(measure: Measure, doc: EntryDoc): MetricEntry {
	return {
		...doc,
		id: measure.id,
		kind: 'scalar',
		sql: (ctx) => {
			const statement = factsStatement(ctx, [ctx.scope], [measure]);
			if (!statement) throw new Error(`measure ${measure.id} declares no parts`);
			return `WITH ${factsCtes(ctx.dataset)}\n${statement}`;
		},
		read: (rows) => {
			const row = rows[0] ?? {};
			return measure.read((name) => numOrNull(row[`s0_${name}`]));
		}
	};
}
