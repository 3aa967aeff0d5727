import type { ClientInit, HandleClientError } from '@sveltejs/kit';
import { openWorkspace } from '$lib/state/startup';
import { errors, installErrorHandlers } from '$lib/ui/errors.svelte';

// From the first moment: errors in event handlers, timers and promises nothing awaited.
installErrorHandlers();

/** As the app starts, before the first page loads: the database takes longest, so it starts first. */
export const init: ClientInit = () => {
	openWorkspace();
};

/** Errors while loading or rendering a page: shown like any other unexpected error. */
export const handleError: HandleClientError = ({ error, message, status }) => {
	// A mistyped address is not a fault: the error page says "Not found".
	if (status !== 404) errors.report(error, 'page load');
	return { message };
};
