/**
 * How sure a mapping is of each column, and why: the name a header matched and what its sampled
 * values are like. Values veto names: addresses, coordinates and free text are never a category
 * (office, team, case type, priority, status, close reason), whatever the header says.
 */
import { TABLES, type ColumnDecl, type TableName } from '../model/tables';
import type { ColumnGuess } from './columns';
import { matchSynonym, normaliseHeader, type SynonymMatch } from './synonyms';
import { LANGUAGE_NAMES, STATUS_WORDS } from './synonyms-intl';

export type Confidence = 'high' | 'medium' | 'low';

/** One mapped column with how sure the mapping is of it, for the mapping screen and the command line. */
export interface ColumnProposal {
	column: string;
	label: string;
	header: string;
	confidence: Confidence;
	/** "the name matches 'Date Opened'; 100% of sampled values are dates" */
	reason: string;
}

/** A header whose name matched a column but whose values ruled it out. */
export interface RejectedCandidate {
	column: string;
	label: string;
	header: string;
	reason: string;
}

/** More distinct values than this in the sample, and a column is no category. */
export const CATEGORY_LIMIT = 300;
/** Empty or one value in at least this share of rows: a finding, not data. */
export const NEAR_EMPTY_SHARE = 0.95;

/** Names so general that they say little about the column ("Type", "Location", "Updated"). */
const GENERAL_NAMES = new Set(
	[
		'id',
		'case',
		'type',
		'category',
		'subject',
		'state',
		'location',
		'site',
		'unit',
		'region',
		'owner',
		'agency',
		'queue',
		'team',
		'department',
		'updated',
		'due',
		'closed',
		'created',
		'opened',
		'open',
		'resolution',
		'disposition',
		'outcome',
		'rating',
		'score',
		'name',
		'kind',
		'event',
		'activity',
		'target',
		'done',
		'completed',
		'achieved',
		'intake',
		'art',
		'note',
		'nota',
		'ende',
		'beginn',
		'service',
		'centro',
		'numero',
		'reference'
	].map(normaliseHeader)
);

const RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };
const lower = (a: Confidence, b: Confidence): Confidence => (RANK[a] <= RANK[b] ? a : b);
const pct = (share: number) => `${Math.round(share * 100)}%`;

/** Why a header's values rule it out for a category column; null when they do not. */
export function categoryVeto(table: TableName, col: ColumnDecl, guess: ColumnGuess): string | null {
	if (col.kind !== 'category') return null;
	const p = guess.profile;
	if (p.present === 0) return null;
	if (p.addressShare >= 0.3) return `${pct(p.addressShare)} of sampled values are street addresses`;
	if (p.coordinateShare >= 0.5)
		return `${pct(p.coordinateShare)} of sampled values are map coordinates`;
	if (p.meanLength > 40)
		return `the values are free text (${Math.round(p.meanLength)} characters on average)`;
	if (p.distinct > CATEGORY_LIMIT)
		return `${p.distinct} distinct values in the sample: too many for a category`;
	// The staff file lists each worker once: its worker column is distinct by nature.
	if (TABLES[table].key !== col.name && p.present >= 30 && p.distinct >= 0.9 * p.present)
		return `${p.distinct} of ${p.present} sampled values differ: free text or identifiers, not a category`;
	return null;
}

/** The sampled values that are status words ("offen", "cerrado", "clos"), in any language. */
export function statusWords(guess: ColumnGuess): string[] {
	const words = new Set(
		Object.values(STATUS_WORDS).flatMap((w) => [...w.open, ...w.closed].map((x) => x.toLowerCase()))
	);
	return guess.examples.filter((v) => words.has(v.trim().toLowerCase()));
}

/**
 * Whether one value in nearly every row makes a column a finding: a date or number that is the same
 * almost everywhere is a placeholder. Not for identifiers, and not for categories: one office, one
 * case type or a status of "Closed" in every row is what a small service or a history export holds.
 */
export function mayBeConstant(column: { kind: string }): boolean {
	return column.kind !== 'category' && column.kind !== 'id';
}

/** What the sampled values say about a column, and how sure they make the mapping. */
function valueEvidence(
	table: TableName,
	col: ColumnDecl,
	guess: ColumnGuess
): { confidence: Confidence; reason: string } {
	const p = guess.profile;
	if (p.present === 0) return { confidence: 'low', reason: 'empty in the sample' };
	if (p.present <= (1 - NEAR_EMPTY_SHARE) * p.rows)
		return {
			confidence: 'low',
			reason: `empty in ${p.rows - p.present} of ${p.rows} sampled rows`
		};
	if (p.present >= 20 && p.topCount >= NEAR_EMPTY_SHARE * p.rows && mayBeConstant(col)) {
		const top = guess.examples[0] ?? '';
		return {
			confidence: 'low',
			reason: `one value (“${top}”) in ${p.topCount} of ${p.rows} sampled rows`
		};
	}
	switch (col.kind) {
		case 'date': {
			const share = guess.kind === 'date' ? (guess.date?.share ?? 0) : 0;
			if (share === 0) return { confidence: 'low', reason: 'the sampled values are not dates' };
			return {
				confidence: share >= 0.95 ? 'high' : share >= 0.8 ? 'medium' : 'low',
				reason: `${pct(share)} of sampled values are dates`
			};
		}
		case 'number':
			return guess.kind === 'number'
				? { confidence: 'high', reason: 'the sampled values are numbers' }
				: { confidence: 'low', reason: 'the sampled values are not numbers' };
		case 'category': {
			const veto = categoryVeto(table, col, guess);
			if (veto) return { confidence: 'low', reason: veto };
			const words = col.name === 'status' ? statusWords(guess) : [];
			const said = words.length ? `; status words such as ${words.slice(0, 2).join(', ')}` : '';
			return {
				confidence: p.distinct <= 100 ? 'high' : 'medium',
				reason: `${p.distinct} distinct values in ${p.present} sampled rows${said}`
			};
		}
		case 'id': {
			if (TABLES[table].key !== col.name)
				return {
					confidence: 'high',
					reason: `${p.distinct} distinct values in ${p.present} sampled rows`
				};
			return p.distinct === p.present
				? { confidence: 'high', reason: 'every sampled value is distinct' }
				: {
						confidence: 'medium',
						reason: `${p.present - p.distinct} sampled values repeat (the last row of each is kept)`
					};
		}
		default:
			return { confidence: 'high', reason: `${p.present} sampled values` };
	}
}

/** How sure the mapping is of `header` for `col`, and why. */
export function assessColumn(
	table: TableName,
	col: ColumnDecl,
	guess: ColumnGuess,
	match: SynonymMatch | null = matchSynonym(table, col.name, guess.header)
): ColumnProposal {
	const values = valueEvidence(table, col, guess);
	let cap: Confidence = 'high';
	let name: string;
	if (!match) {
		cap = 'medium';
		name = 'chosen by hand (the name matches no known name)';
	} else {
		const language = match.language === 'en' ? '' : ` (${LANGUAGE_NAMES[match.language]})`;
		name = `the name matches '${guess.header}'${language}`;
		if (GENERAL_NAMES.has(normaliseHeader(match.name))) {
			cap = 'medium';
			name += ', a general name';
		}
	}
	return {
		column: col.name,
		label: col.label,
		header: guess.header,
		confidence: lower(cap, values.confidence),
		reason: `${name}; ${values.reason}`
	};
}

/** Each mapped column of a mapping (proposed or chosen) with its confidence and reason, in the table's order. */
export function explainMapping(
	table: TableName,
	columns: Record<string, string>,
	guesses: ColumnGuess[]
): ColumnProposal[] {
	const out: ColumnProposal[] = [];
	for (const col of TABLES[table].columns) {
		const guess = guesses.find((g) => g.header === columns[col.name]);
		if (guess) out.push(assessColumn(table, col, guess));
	}
	return out;
}
