/**
 * The "Copy details" text of an unexpected error: enough for a developer to find the fault, and
 * nothing from the user's data. Error messages are scrubbed (DuckDB and JavaScript put the offending
 * value in quotes, and the SQL with its literals on later lines), stacks keep file names only.
 */

const QUOTED: RegExp[] = [
	/"[^"\n]*"/g,
	/“[^”\n]*”/g,
	/‘[^’\n]*’/g,
	/«[^»\n]*»/g,
	/`[^`\n]*`/g,
	// A single quote starts a quoted value unless it is an apostrophe inside a word (can't, O'Brien's).
	/(?<![\p{L}\p{N}])'[^'\n]*'/gu,
	/'[^'\n]*'(?![\p{L}\p{N}])/gu
];

/**
 * The first line of a message without anything that could be a cell value. `known`: words (lower
 * case) of the loaded data's labels and texts, removed wherever they appear, quoted or not.
 */
export function scrubMessage(message: string, known?: ReadonlySet<string>): string {
	let m = (message.split(/\r?\n/)[0] ?? '').trim();
	if (known?.size)
		m = m.replace(/[\p{L}\p{N}][\p{L}\p{N}_.-]*/gu, (word) =>
			known.has(word.toLowerCase()) ? '‹…›' : word
		);
	for (const q of QUOTED) m = m.replace(q, '‹…›');
	// An unpaired quote: everything after it may be a value.
	m = cutAtUnpairedQuote(m);
	m = m
		.replace(/\b[\w.+-]+@[\w-]+(\.[\w-]+)+\b/g, '‹email›')
		.replace(/\bhttps?:\/\/\S+/g, '‹address›')
		// key=value and key: value pairs after "value", "row", "string" and the like
		.replace(/=\s*[^\s,;)]+/g, '=‹…›')
		.replace(/\b(value|string|input|row|record|cell|text|name|id)\s*:\s*[^,;)]+/gi, '$1: ‹…›')
		// numbers, dates and identifiers with digits (case numbers, phone numbers, amounts)
		.replace(/[\p{L}_-]*\p{N}[\p{L}\p{N}.,:/_-]*/gu, '#');
	if (m.length > 240) m = `${m.slice(0, 240)}…`;
	return m;
}

function cutAtUnpairedQuote(m: string): string {
	for (let i = 0; i < m.length; i++) {
		const c = m[i];
		if (!`"“”‘’«»\`'`.includes(c)) continue;
		const apostrophe =
			(c === "'" || c === '’') &&
			/[\p{L}]/u.test(m[i - 1] ?? '') &&
			/[\p{L}]/u.test(m[i + 1] ?? '');
		if (!apostrophe) return `${m.slice(0, i)}‹…›`;
	}
	return m;
}

/** A stack with each frame's location reduced to the file name, line and column. */
export function scrubStack(stack: string | undefined, maxFrames = 15): string {
	if (!stack) return '(no stack)';
	const frames = stack
		.split(/\r?\n/)
		.map((l) => l.trim())
		// Frames only: "at fn (url:1:2)", "at url:1:2" (V8) or "fn@url:1:2" (Firefox, Safari); not the message lines.
		.filter((l) => /^at\s/.test(l) || /@\S+:\d+:\d+$/.test(l))
		.slice(0, maxFrames)
		.map((l) =>
			l.replace(
				/(?:[a-z][\w+.-]*:\/\/[^\s()]*\/|blob:[^\s()]*\/|\/[^\s()]*\/)?([^\s/()@]+?)(:\d+:\d+)/gi,
				(_all, file: string, pos: string) => `${file.replace(/[?#].*$/, '')}${pos}`
			)
		)
		.map((l) => l.replace(/^at\s+(.*?)\s+\(/, (_a, fn: string) => `at ${safeName(fn)} (`));
	return frames.length ? frames.join('\n') : '(no stack)';
}

/** Function and error names come from the code, but keep only identifier-like ones. */
function safeName(name: string): string {
	return /^[\w$.<> [\]-]{1,80}$/.test(name) && !/\d{3,}/.test(name) ? name : '‹…›';
}

export function errorName(error: unknown): string {
	const name =
		error instanceof Error
			? error.name
			: typeof error === 'object' && error && 'name' in error
				? String((error as { name: unknown }).name)
				: '';
	return /^[A-Za-z][\w]{0,40}$/.test(name) ? name : 'Error';
}

export function errorMessage(error: unknown): string {
	if (error instanceof Error) return error.message;
	if (typeof error === 'string') return error;
	if (typeof error === 'object' && error && 'message' in error)
		return String((error as { message: unknown }).message);
	return typeof error;
}

/** The app route from a location hash, without the query string ("#/cases?office=North" → "#/cases"). */
export function routeOf(hash: string): string {
	const route = hash.replace(/[?].*$/, '');
	// Route segments are ours (/import, /cases); anything else could be an ID typed into a link.
	return (
		route
			.split('/')
			.map((seg, i) => (i === 0 || /^[a-z-]{1,30}$/.test(seg) ? seg : '‹…›'))
			.join('/') || '#/'
	);
}

export interface ErrorContext {
	where: string;
	route: string;
	browser: string;
	version: string;
	time: string;
}

/** The words of data values, lower case, for `scrubMessage`: words of three letters or more. */
export function wordsOf(values: Iterable<string>): Set<string> {
	const words = new Set<string>();
	for (const v of values)
		for (const w of v.match(/[\p{L}\p{N}][\p{L}\p{N}_.-]*/gu) ?? [])
			if (w.length >= 3) words.add(w.toLowerCase());
	return words;
}

export function errorDetails(
	error: unknown,
	ctx: ErrorContext,
	known?: ReadonlySet<string>
): string {
	const stack = error instanceof Error ? error.stack : undefined;
	return [
		`Casemetrics ${ctx.version}: unexpected error (${ctx.where})`,
		`Error: ${errorName(error)}`,
		`Message (values removed): ${scrubMessage(errorMessage(error), known)}`,
		`Route: ${routeOf(ctx.route)}`,
		`Browser: ${ctx.browser}`,
		`Time: ${ctx.time}`,
		'Stack:',
		scrubStack(stack)
	].join('\n');
}
