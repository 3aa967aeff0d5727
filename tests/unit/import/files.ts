import type { InputFile } from '../../../src/lib/import/stage';

/** A file chosen for import, from its text (UTF-8). */
export function textFile(name: string, text: string): InputFile {
	const data = new TextEncoder().encode(text);
	return { name, size: data.length, data };
}
