/**
 * Text that cannot deceive. Bidirectional overrides and isolates (a right-to-left override turns
 * "Ann‮yrrab" into "Annbarry" on screen), zero-width characters and other control characters in
 * a cell are shown as their code ("[U+202E]") wherever the cell is shown: the import writes them so,
 * and tooltips, CSV exports and the mapping screen do it again for text that did not pass the import.
 * Tabs and line breaks are white space, not hidden controls, and stay.
 */

const CONTROL_RANGES: [number, number][] = [
	[0x00, 0x08],
	[0x0b, 0x0c],
	[0x0e, 0x1f],
	[0x7f, 0x9f],
	[0x061c, 0x061c], // Arabic letter mark
	[0x200b, 0x200b], // zero-width space
	[0x200e, 0x200f], // left-to-right and right-to-left marks
	[0x202a, 0x202e], // embeddings and overrides
	[0x2060, 0x2060], // word joiner
	[0x2066, 0x2069], // isolates
	[0xfeff, 0xfeff] // zero-width no-break space (a BOM inside text)
];

const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');

const CONTROLS = new RegExp(
	`[${CONTROL_RANGES.map(([a, b]) => (a === b ? `\\u${hex(a)}` : `\\u${hex(a)}-\\u${hex(b)}`)).join('')}]`,
	'gu'
);

/** The same character class for DuckDB's regular expressions (RE2). */
export const CONTROL_CLASS_RE2 = `[${CONTROL_RANGES.map(([a, b]) =>
	a === b ? `\\x{${hex(a)}}` : `\\x{${hex(a)}}-\\x{${hex(b)}}`
).join('')}]`;

/** "Ann‮yrrab" → "Ann[U+202E]yrrab". */
export function visibleControls(text: string): string {
	return text.replace(CONTROLS, (c) => `[U+${hex(c.codePointAt(0)!)}]`);
}

/** True when the text holds a character that `visibleControls` would show. */
export function hasControls(text: string): boolean {
	CONTROLS.lastIndex = 0;
	return CONTROLS.test(text);
}
