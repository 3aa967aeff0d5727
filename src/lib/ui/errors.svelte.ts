/**
 * Unexpected errors, wherever they happen: the layout shows the latest with a "Copy details" button.
 * Import problems are not reported here: the import page shows them itself.
 */
import { version } from '$app/environment';
import { errorDetails, errorMessage, errorName, scrubMessage } from './error-details';

export interface ShownError {
	id: number;
	name: string;
	/** Scrubbed: safe to show and copy. */
	message: string;
	details: string;
	count: number;
}

/** Errors that are not faults of the app, or are shown elsewhere. */
function ignored(error: unknown): boolean {
	const name = errorName(error);
	if (name === 'ImportError' || name === 'ImportCancelled' || name === 'AbortError') return true;
	// Browsers report this when a chart resizes twice in a frame; nothing is wrong.
	return /ResizeObserver loop/.test(errorMessage(error));
}

class Errors {
	current = $state.raw<ShownError | null>(null);
	private next = 1;

	report(error: unknown, where: string): void {
		if (ignored(error)) return;
		const message = scrubMessage(errorMessage(error));
		const name = errorName(error);
		const prev = this.current;
		if (prev && prev.name === name && prev.message === message) {
			this.current = { ...prev, count: prev.count + 1 };
			return;
		}
		const details = errorDetails(error, {
			where,
			route: globalThis.location?.hash ?? '',
			browser: globalThis.navigator?.userAgent ?? 'unknown',
			version,
			time: new Date().toISOString()
		});
		this.current = { id: this.next++, name, message, details, count: 1 };
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
