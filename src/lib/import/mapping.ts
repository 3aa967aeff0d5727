import { TABLES, type ColumnKind, type TableName } from '../model/tables';
import type { ColumnGuess } from './columns';
import type { DateOrder } from './dates';
import {
	categoryVeto,
	explainMapping,
	type ColumnProposal,
	type RejectedCandidate
} from './evidence';
import { matchSynonym } from './synonyms';
import type { Language } from './synonyms-intl';

/** How one file's columns become one canonical table. */
export interface Mapping {
	table: TableName;
	/** Canonical column → the file's header. Unmapped columns are absent. */
	columns: Record<string, string>;
	/** The user's answer where a date column's day/month order could not be told from the values. */
	dateOrder?: DateOrder;
	/** The language of the headers, when most matched another language than English (day-first dates). */
	language?: Language;
}

/** A proposed mapping with how sure it is of each column, and the names its values ruled out. */
export interface ExplainedMapping {
	mapping: Mapping;
	proposals: ColumnProposal[];
	rejected: RejectedCandidate[];
}

/** Which guessed column kinds may feed a canonical column kind. */
const COMPATIBLE: Record<ColumnKind, ColumnGuess['kind'][]> = {
	id: ['text', 'number', 'empty'],
	category: ['text', 'number', 'empty'],
	text: ['text', 'number', 'date', 'empty'],
	date: ['date', 'empty'],
	number: ['number', 'empty']
};

/**
 * Maps a file's columns onto `table` by their names, the most specific names first, each header
 * used once; a header whose values rule it out (addresses as an office ...) is left out and listed.
 */
export function explainProposal(table: TableName, guesses: ColumnGuess[]): ExplainedMapping {
	const decl = TABLES[table];
	const candidates: {
		column: string;
		header: string;
		rank: number;
		order: number;
		language: Language;
	}[] = [];
	const rejected: RejectedCandidate[] = [];
	decl.columns.forEach((col, order) => {
		for (const g of guesses) {
			const match = matchSynonym(table, col.name, g.header);
			if (!match || !COMPATIBLE[col.kind].includes(g.kind)) continue;
			const veto = categoryVeto(table, col, g);
			if (veto)
				rejected.push({ column: col.name, label: col.label, header: g.header, reason: veto });
			else
				candidates.push({
					column: col.name,
					header: g.header,
					rank: match.rank,
					order,
					language: match.language
				});
		}
	});
	candidates.sort((a, b) => a.rank - b.rank || a.order - b.order);
	const columns: Record<string, string> = {};
	const used = new Set<string>();
	const languages = new Map<Language, number>();
	for (const c of candidates) {
		if (columns[c.column] || used.has(c.header)) continue;
		columns[c.column] = c.header;
		used.add(c.header);
		languages.set(c.language, (languages.get(c.language) ?? 0) + 1);
	}
	const mapping: Mapping = { table, columns };
	const [top] = [...languages.entries()].sort((a, b) => b[1] - a[1]);
	if (top && top[0] !== 'en' && top[1] >= 2 && top[1] > (languages.get('en') ?? 0))
		mapping.language = top[0];
	return { mapping, proposals: explainMapping(table, columns, guesses), rejected };
}

/** The proposed mapping of a file's columns onto `table` (see `explainProposal`). */
export function proposeMapping(table: TableName, guesses: ColumnGuess[]): Mapping {
	return explainProposal(table, guesses).mapping;
}

const FILE_NAME_HINTS: [TableName, RegExp][] = [
	['goals', /goal|objective|gas/i],
	['events', /event|activit|deadline|review|hearing|contact/i],
	['staff', /staff|worker|advocate|attorney|team|employee/i],
	['cases', /case|matter|request|311/i]
];

/** What each table needs mapped to be a plausible reading of the file. */
function plausible(m: Mapping): boolean {
	const has = (c: string) => c in m.columns;
	switch (m.table) {
		case 'cases':
			return has('case_id') && has('opened_at');
		case 'goals':
			return has('case_id') && (has('gas_score') || has('target_at') || has('achieved_at'));
		case 'events':
			return has('case_id') && has('kind') && (has('due_at') || has('done_at'));
		case 'staff':
			return has('worker') && (has('fte') || has('capacity'));
	}
}

/**
 * Decides which canonical table a file holds: the plausible reading that maps the most columns,
 * with the file name as a tie-breaker ("goals.csv"). Falls back to cases, whose mapping screen
 * then says what is missing.
 */
export function detectTable(fileName: string, guesses: ColumnGuess[]): Mapping {
	const readings = (Object.keys(TABLES) as TableName[]).map((table) => {
		const mapping = proposeMapping(table, guesses);
		const hint = FILE_NAME_HINTS.find(([t, re]) => t === table && re.test(fileName)) ? 1.5 : 0;
		return { mapping, score: plausible(mapping) ? Object.keys(mapping.columns).length + hint : -1 };
	});
	readings.sort((a, b) => b.score - a.score);
	return readings[0].score >= 0 ? readings[0].mapping : proposeMapping('cases', guesses);
}

/** Required canonical columns that the mapping leaves out. */
export function missingRequired(mapping: Mapping): string[] {
	return TABLES[mapping.table].columns
		.filter((c) => c.required && !mapping.columns[c.name])
		.map((c) => c.name);
}
