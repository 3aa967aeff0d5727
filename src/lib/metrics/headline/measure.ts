/**
 * What a headline measure is made of, as data (in the spirit of Rill's measure declarations): the
 * fact relation it is aggregated over and its parts. sql.ts generates from the same declaration the
 * overview's statement over the facts, the cube's tables and the statement over the cube, and a
 * catalogue entry's statement (`declaredEntry`); `read` turns the parts into the value and n.
 */
import type { Scope } from '../scope';
import type { Cell, MetricContext } from '../types';

/** One term of a condition: an SQL boolean over a fact row, or its negation. */
export type Term = string | { not: string };

/**
 * A condition on a fact row for one scope (`i`: its index among the scopes of a statement): a
 * conjunction of terms. Each distinct term is computed once per row and scope.
 */
export type Condition = (ctx: MetricContext, scope: Scope, i: number) => Term[];

/** Relations a part's terms or values read besides the fact row. */
export type JoinName = 'std' | 'wts' | 'recent';

export type PartDecl = { joins?: JoinName[] } & (
	| { kind: 'count'; where: Condition }
	| { kind: 'sum'; value: (ctx: MetricContext) => string; where: Condition }
	/** The continuous median of a per-row value: the cube keeps the values. */
	| { kind: 'median'; value: string; where: Condition }
	/**
	 * The Kaplan-Meier median over a cohort: time `eventTime` where `event` holds, else `censoredTime`.
	 * Gives the median as `{name}` and the cohort size as `{name}_n`.
	 */
	| {
			kind: 'km';
			cohort: Condition;
			event: Condition;
			eventTime: string;
			censoredTime: (ctx: MetricContext, scope: Scope) => string;
	  }
	/**
	 * Per worker: the sum of `weight` over rows where `open` holds (the load), and whether any row
	 * meets `active` (without a staff file, the workers counted). Gives `{name}_n_workers`,
	 * `{name}_cv` and `{name}_over` (workers over capacity).
	 */
	| { kind: 'workers'; weight: (ctx: MetricContext) => string; open: Condition; active: Condition }
);

/** The fact relations of the overview (facts.ts builds them). */
export type SourceName = 'cases' | 'open_cases' | 'goals' | 'deadlines';

export interface Measure {
	id: string;
	source: SourceName;
	/** Named parts; two measures of a source may share a part by using the same declaration. */
	parts: Record<string, PartDecl>;
	/** The value and n from the parts' values (`part(name)`: a number, or null). */
	read(part: (name: string) => number | null): { value: number | null; n: number };
	/**
	 * The figures the catalogue entry shows beside the value (its `detail`), from the parts and
	 * `parts` of its own, which only the catalogue's statement computes.
	 */
	detail?: {
		parts?: Record<string, PartDecl>;
		read(part: (name: string) => number | null): Record<string, Cell>;
	};
}

/** a / b, or null when b is 0. */
export const ratio = (a: number | null, b: number | null): number | null =>
	!b ? null : (a ?? 0) / b;
