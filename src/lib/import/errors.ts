/**
 * An import that cannot go on. The message names the file, the place and the problem; `hint` says
 * what the user can do about it. The previously loaded data is never touched when one is thrown.
 */
export class ImportError extends Error {
	constructor(
		readonly fileName: string,
		readonly problem: string,
		readonly hint: string,
		readonly line?: number,
		readonly column?: string
	) {
		const where = [line != null ? `line ${line}` : '', column ? `column "${column}"` : '']
			.filter(Boolean)
			.join(', ');
		super(`${fileName}${where ? ` (${where})` : ''}: ${problem} ${hint}`.trim());
		this.name = 'ImportError';
	}
}

/** Raised when the user cancels an import; nothing was changed. */
export class ImportCancelled extends Error {
	constructor() {
		super('Import cancelled; the data loaded before is unchanged.');
		this.name = 'ImportCancelled';
	}
}
