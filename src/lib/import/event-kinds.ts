import { literal } from '../engine/sql';

/**
 * Canonical event kinds from the labels systems export ("Court hearing", "Client call" ...), first
 * match wins; anything else is 'other'. Used by the generic import (build.ts).
 */
export const EVENT_KIND_WORDS: [string, string[]][] = [
	['review', ['review', 'supervision', 'case conference']],
	['hearing', ['hearing', 'court', 'trial', 'tribunal']],
	['deadline', ['deadline', 'filing', 'due', 'limitation']],
	['contact', ['contact', 'call', 'meeting', 'visit', 'interview', 'email', 'letter']]
];

/** SQL for the canonical kind of the lowercased label expression `lowered` (NULL stays NULL). */
export function eventKindSql(lowered: string): string {
	const cases = EVENT_KIND_WORDS.map(
		([kind, words]) =>
			`WHEN ${words.map((w) => `contains(${lowered}, ${literal(w)})`).join(' OR ')} THEN ${literal(kind)}`
	);
	return `CASE WHEN ${lowered} IS NULL THEN NULL ${cases.join(' ')} ELSE 'other' END`;
}
