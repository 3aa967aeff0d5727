import type { HandleClientError } from '@sveltejs/kit';
import { errors, installErrorHandlers } from '$lib/ui/errors.svelte';

// From the first moment: errors in event handlers, timers and promises nothing awaited.
installErrorHandlers();

/** Errors while loading or rendering a page: shown like any other unexpected error. */
export const handleError: HandleClientError = ({ error, message }) => {
	errors.report(error, 'page load');
	return { message };
};
