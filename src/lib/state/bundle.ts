/**
 * Settings, import profiles and report templates as one JSON file, for moving them to another
 * computer: exported as they are stored, checked before anything of an imported file is stored.
 */
import type { ImportProfile } from '../import/profiles';
import { validateSettings } from '../metrics/settings';
import { TABLES } from '../model/tables';
import { plural } from './persist';
import { load, save } from './storage';

export const BUNDLE_MARK = 'casemetrics-settings';

export interface SettingsBundle {
	format: typeof BUNDLE_MARK;
	version: 1;
	exportedAt: string;
	/** The stored metric settings; null when the defaults are in use. */
	settings: unknown;
	profiles: ImportProfile[];
	templates: Record<string, unknown>[];
}

export function exportBundle(now = new Date()): SettingsBundle {
	return {
		format: BUNDLE_MARK,
		version: 1,
		exportedAt: now.toISOString(),
		settings: load<unknown>('settings', null),
		profiles: load<ImportProfile[]>('profiles', []),
		templates: load<Record<string, unknown>[]>('templates', [])
	};
}

const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringArray = (v: unknown): v is string[] =>
	Array.isArray(v) && v.every((s) => typeof s === 'string');

function profileProblem(p: unknown): string | null {
	if (!isObject(p)) return 'is not an object';
	if (typeof p.name !== 'string' || !p.name.trim()) return 'has no name';
	if (typeof p.table !== 'string' || !(p.table in TABLES))
		return `has an unknown kind of data (${JSON.stringify(p.table)})`;
	if (!isStringArray(p.signature) || p.signature.length === 0) return 'has no list of columns';
	if (!isObject(p.columns) || !Object.values(p.columns).every((v) => typeof v === 'string'))
		return 'has no column mapping';
	if ('dateOrder' in p && p.dateOrder != null && typeof p.dateOrder !== 'string')
		return 'has an invalid date order';
	if (typeof p.savedAt !== 'string') return 'has no date saved';
	return null;
}

export type BundleResult =
	{ ok: true; bundle: SettingsBundle } | { ok: false; message: string; problems: string[] };

const WRONG_FILE = 'This is not a Casemetrics settings file.';

/** Reads an exported file; says what is wrong with a wrong or damaged one and changes nothing. */
export function parseBundle(text: string): BundleResult {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return {
			ok: false,
			message: WRONG_FILE,
			problems: [
				'The file is not JSON. Choose a file exported with "Export settings, profiles and templates".'
			]
		};
	}
	if (!isObject(value) || value.format !== BUNDLE_MARK) {
		return {
			ok: false,
			message: WRONG_FILE,
			problems: [
				'It does not have the mark of a Casemetrics export. ' +
					'Choose a file exported with "Export settings, profiles and templates".'
			]
		};
	}
	if (value.version !== 1)
		return {
			ok: false,
			message: 'This settings file comes from a newer version of Casemetrics.',
			problems: [`Its version is ${JSON.stringify(value.version)}; this version reads version 1.`]
		};
	const problems: string[] = [];
	if (value.settings != null) {
		const result = validateSettings(value.settings);
		if (!result.ok) problems.push(...result.errors.map((e) => `Settings: ${e}.`));
	}
	if (!Array.isArray(value.profiles)) problems.push('Import profiles: missing (expected a list).');
	else
		value.profiles.forEach((p, i) => {
			const problem = profileProblem(p);
			if (problem)
				problems.push(
					`Import profile ${i + 1}${isObject(p) && typeof p.name === 'string' ? ` ("${p.name}")` : ''} ` +
						`${problem}.`
				);
		});
	if (!Array.isArray(value.templates))
		problems.push('Report templates: missing (expected a list).');
	else
		value.templates.forEach((t, i) => {
			if (!isObject(t)) problems.push(`Report template ${i + 1} is not an object.`);
		});
	if (problems.length)
		return { ok: false, message: 'This settings file is damaged; nothing was imported.', problems };
	return { ok: true, bundle: value as unknown as SettingsBundle };
}

export interface BundleApplied {
	settings: boolean;
	profiles: ImportProfile[];
	profilesImported: number;
	templatesImported: number;
	summary: string;
}

/**
 * Stores a checked bundle: its settings replace the stored ones, its profiles and templates replace
 * those of the same name and join the others.
 */
export function applyBundle(bundle: SettingsBundle): BundleApplied {
	const settings = bundle.settings != null;
	if (settings) {
		const result = validateSettings(bundle.settings);
		if (result.ok) save('settings', result.settings);
	}
	const names = new Set(bundle.profiles.map((p) => p.name));
	const profiles = [
		...load<ImportProfile[]>('profiles', []).filter((p) => !names.has(p.name)),
		...bundle.profiles
	];
	save('profiles', profiles);
	const named = (t: Record<string, unknown>) => (typeof t.name === 'string' ? t.name : null);
	const templateNames = new Set(bundle.templates.map(named).filter(Boolean));
	const templates = [
		...load<Record<string, unknown>[]>('templates', []).filter((t) => !templateNames.has(named(t))),
		...bundle.templates
	];
	if (templates.length) save('templates', templates);
	const parts = [
		settings ? 'your settings' : '',
		bundle.profiles.length ? plural(bundle.profiles.length, 'import profile') : '',
		bundle.templates.length ? plural(bundle.templates.length, 'report template') : ''
	].filter(Boolean);
	return {
		settings,
		profiles,
		profilesImported: bundle.profiles.length,
		templatesImported: bundle.templates.length,
		summary: parts.length
			? `Imported: ${parts.join(', ')}.`
			: 'The file was valid but held nothing to import.'
	};
}
