/**
 * Unexpected errors, wherever they happen: the layout shows the latest with a "Copy details" button.
 * Import problems are not reported here: the import page shows them itself.
 *
 * The message is scrubbed twice: at once by its shape (quoted strings, numbers, the SQL lines), then
 * against the loaded data itself (the words of every label and text value), so that an unquoted
 * worker name or case type is removed too.
 */
import { version } from '$app/environment';
import { ident } from '../engine/sql';
import { TABLES, type TableName } from '../model/tables';
import { workspace } from '../state/workspace.svelte';
import {
	errorDetails,
	errorMessage,
	errorName,
	scrubMessage,
	wordsOf,
	type ErrorContext
} from './error-details';

export interface ShownError {
	id: number;
	name: string;
	/** Scrubbed: safe to show and copy. */
	message: string;
	details: string;
	count: number;
	/** The shape-scrubbed message, to count repeats of the same error. */
	key: string;
	/** Resolves when the scrub against the loaded data is done. */
	ready: Promise<void>;
}

/** Errors that are not faults of the app, or are shown elsewhere. */
function ignored(error: unknown): boolean {
	const name = errorName(error);
	if (name === 'ImportError' || name === 'ImportCancelled' || name === 'AbortError') return true;
	// Browsers report this when a chart resizes twice in a frame; nothing is wrong.
	return /ResizeObserver loop/.test(errorMessage(error));
}

/** The words of the loaded data's label and text values (at most a few thousand values per column). */
async function dataWords(): Promise<Set<string>> {
	const engine = workspace.engine;
	if (!engine) return new Set();
	const parts: string[] = [];
	for (const [table, info] of Object.entries(workspace.dataset.tables) as [
		TableName,
		{ columns: Record<string, unknown> }
	][]) {
		for (const c of TABLES[table].columns) {
			if ((c.kind === 'category' || c.kind === 'text') && info.columns[c.name]) {
				parts.push(
					`(SELECT DISTINCT ${ident(c.name)}::VARCHAR AS v FROM ${ident(table)}
						WHERE ${ident(c.name)} IS NOT NULL LIMIT 5000)`
				);
			}
		}
	}
	if (parts.length === 0) return new Set();
	const rows = await engine.query<{ v: string }>(parts.join(' UNION '));
	return wordsOf(rows.map((r) => r.v));
}

class Errors {
	current = $state.raw<ShownError | null>(null);
	private next = 1;

	report(error: unknown, where: string): void {
		if (ignored(error)) return;
		const message = scrubMessage(errorMessage(error));
		const name = errorName(error);
		const prev = this.current;
		if (prev && prev.name === name && prev.key === message) {
			this.current = { ...prev, count: prev.count + 1 };
			return;
		}
		const ctx: ErrorContext = {
			where,
			route: globalThis.location?.hash ?? '',
			browser: globalThis.navigator?.userAgent ?? 'unknown',
			version,
			time: new Date().toISOString()
		};
		const id = this.next++;
		const ready = dataWords()
			.catch(() => new Set<string>())
			.then((known) => {
				if (this.current?.id !== id || known.size === 0) return;
				this.current = {
					...this.current,
					message: scrubMessage(errorMessage(error), known),
					details: errorDetails(error, ctx, known)
				};
			});
		this.current = {
			id,
			name,
			message,
			key: message,
			details: errorDetails(error, ctx),
			count: 1,
			ready
		};
	}

	dismiss(): void {
		this.current = null;
	}
}

export const errors = new Errors();

let installed = false;

/** Listens for errors nothing else caught: thrown in handlers and timers, and rejected promises. */
export function installErrorHandlers(): void {
	if (installed || typeof window === 'undefined') return;
	installed = true;
	window.addEventListener('error', (event) => {
		// Errors of scripts and resources that failed to load carry no error object.
		errors.report(event.error ?? new Error(event.message || 'A script failed to load'), 'page');
	});
	window.addEventListener('unhandledrejection', (event) => errors.report(event.reason, 'promise'));
}
