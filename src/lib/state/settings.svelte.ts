/**
 * The metric settings the user chose, kept in the browser (local storage) and exportable as JSON.
 * Whatever is stored is validated with the metric module's own `validateSettings`; an invalid or
 * missing entry falls back to the defaults.
 */
import {
	defaultSettings,
	settingsToJson,
	validateSettings,
	type Settings
} from '../metrics/settings';
import { load, remove, save, unreadable } from './storage';
import { setFormatStyle } from '../charts/format';

const KEY = 'settings';

function initial(): Settings {
	const stored = load<unknown>(KEY, null);
	if (stored === null) return defaultSettings();
	const result = validateSettings(stored);
	if (result.ok) return result.settings;
	unreadable.set(KEY, result.errors.join('; '));
	return defaultSettings();
}

/** Numbers and dates are written as the settings say from the moment they apply (charts/format.ts). */
function styled(s: Settings): Settings {
	setFormatStyle({ dateStyle: s.dateStyle });
	return s;
}

class SettingsStore {
	current = $state.raw<Settings>(styled(initial()));

	/** Validates and saves; returns the problems, empty when saved. */
	update(input: unknown): string[] {
		const result = validateSettings(input);
		if (!result.ok) return result.errors;
		this.current = styled(result.settings);
		save(KEY, result.settings);
		return [];
	}

	/** Reads settings from exported JSON text. */
	importJson(text: string): string[] {
		let value: unknown;
		try {
			value = JSON.parse(text);
		} catch (error) {
			return [`not valid JSON: ${error instanceof Error ? error.message : String(error)}`];
		}
		return this.update(value);
	}

	exportJson(): string {
		return settingsToJson(this.current);
	}

	reset(): void {
		this.current = styled(defaultSettings());
		remove(KEY);
	}
}

export const settings = new SettingsStore();
