import type { TableName } from '../model/tables';
import type { DateOrder } from './dates';
import type { Mapping } from './mapping';
import type { StagedFile } from './stage';
import { normaliseHeader } from './synonyms';

/**
 * A saved mapping for one kind of export ("LegalServer monthly cases"). Next month's export with
 * the same columns is recognised by its headers and imports with one click.
 */
export interface ImportProfile {
	name: string;
	table: TableName;
	/** The export's headers, normalised, in file order: the signature the profile is recognised by. */
	signature: string[];
	columns: Record<string, string>;
	dateOrder?: DateOrder;
	savedAt: string;
}

export function headerSignature(headers: string[]): string[] {
	return headers.map(normaliseHeader);
}

export function profileFromMapping(
	name: string,
	headers: string[],
	mapping: Mapping,
	savedAt = new Date().toISOString()
): ImportProfile {
	return {
		name,
		table: mapping.table,
		signature: headerSignature(headers),
		columns: { ...mapping.columns },
		dateOrder: mapping.dateOrder,
		savedAt
	};
}

/** The newest profile saved for exactly these columns, if any; columns may have moved but not changed. */
export function findProfile(
	profiles: ImportProfile[],
	headers: string[]
): ImportProfile | undefined {
	const signature = [...headerSignature(headers)].sort().join('|');
	return profiles
		.filter((p) => [...p.signature].sort().join('|') === signature)
		.sort((a, b) => b.savedAt.localeCompare(a.savedAt))[0];
}

export function mappingFromProfile(profile: ImportProfile, headers: string[]): Mapping {
	const present = new Set(headers);
	const columns = Object.fromEntries(
		Object.entries(profile.columns).filter(([, header]) => present.has(header))
	);
	return { table: profile.table, columns, dateOrder: profile.dateOrder };
}

/** A staged file mapped by the saved profile for its headers, when one matches (a profile wins over synonyms). */
export function withProfile(staged: StagedFile, profiles: ImportProfile[]): StagedFile {
	const profile = findProfile(profiles, staged.sniff.headers);
	if (!profile) return staged;
	const mapping = mappingFromProfile(profile, staged.sniff.headers);
	return { ...staged, mapping, profile: profile.name };
}
