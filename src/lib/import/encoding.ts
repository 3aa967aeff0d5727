import { ImportError } from './errors';

/** The encodings we recognise; the names are DuckDB's `read_csv(encoding = ...)` values where it has one. */
export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface EncodingGuess {
	encoding: Encoding;
	/** Bytes of byte-order mark at the start of the file. */
	bomLength: number;
}

/**
 * Decides the encoding from the first bytes: a BOM when there is one, else UTF-8 if the bytes are
 * valid UTF-8, else Windows-1252 (what Excel on Windows writes as "CSV").
 */
export function detectEncoding(head: Uint8Array): EncodingGuess {
	if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
		return { encoding: 'utf-8', bomLength: 3 };
	if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
	if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
	return { encoding: isValidUtf8(head) ? 'utf-8' : 'windows-1252', bomLength: 0 };
}

/** Valid UTF-8, tolerating a multi-byte character cut off at the end of the sample. */
function isValidUtf8(bytes: Uint8Array): boolean {
	let end = bytes.length;
	// Step back over a trailing incomplete sequence (at most 3 bytes).
	for (let i = 1; i <= 3 && end - i >= 0; i++) {
		const b = bytes[end - i];
		if ((b & 0xc0) === 0xc0) {
			const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
			if (need > i) end -= i;
			break;
		}
		if ((b & 0xc0) !== 0x80) break;
	}
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
		return true;
	} catch {
		return false;
	}
}

/**
 * What Windows-1252 bytes 0x80-0x9F really are (Latin-1 reads them as control characters). Spelled
 * out because Node's TextDecoder decodes 'windows-1252' as Latin-1; the five unassigned bytes stay.
 */
export const CP1252_C1 = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f\x90‘’“”•–—˜™š›œ\x9džŸ';

export function decode(bytes: Uint8Array, guess: EncodingGuess): string {
	const body = bytes.subarray(guess.bomLength);
	if (guess.encoding !== 'windows-1252')
		return new TextDecoder(guess.encoding, { fatal: false }).decode(body);
	let text = '';
	for (let i = 0; i < body.length; i += 8192) {
		for (const b of body.subarray(i, i + 8192))
			text += b >= 0x80 && b < 0xa0 ? CP1252_C1[b - 0x80] : String.fromCharCode(b);
	}
	return text;
}

/** Well-known binary formats people rename to .csv, with what to do instead. */
const SIGNATURES: { bytes: number[]; what: string }[] = [
	{ bytes: [0x50, 0x4b, 0x03, 0x04], what: 'an Excel workbook (.xlsx) or another zip archive' },
	{ bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Excel workbook (.xls)' },
	{ bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
	{ bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
	{ bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
	{ bytes: [0x1f, 0x8b], what: 'a gzip archive' }
];

/**
 * Refuses files that are not text. A NUL byte never occurs in CSV text in the byte-oriented encodings,
 * and more than a few control characters means it is not text at all.
 */
export function assertText(fileName: string, head: Uint8Array, guess: EncodingGuess): void {
	const signature = SIGNATURES.find((s) => s.bytes.every((b, i) => head[i] === b));
	const hint =
		'Open it in the program that made it and save or export it as CSV (comma-separated values), ' +
		'then import that file.';
	if (signature)
		throw new ImportError(fileName, `This is not a CSV file: it is ${signature.what}.`, hint);
	if (guess.encoding === 'utf-16le' || guess.encoding === 'utf-16be') return;
	let control = 0;
	for (const b of head) {
		if (b === 0)
			throw new ImportError(fileName, 'This is not a text file: it contains binary data.', hint);
		if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) control++;
	}
	if (control > Math.max(8, head.length / 100)) {
		throw new ImportError(fileName, 'This is not a text file: it contains binary data.', hint);
	}
}

/**
 * Bytes DuckDB's reader cannot decode itself (it knows UTF-8, UTF-16 LE and a strict Latin-1),
 * transcoded to UTF-8 in chunks so that no whole-file string is ever built.
 */
export async function toUtf8(
	read: (start: number, end: number) => Promise<Uint8Array>,
	size: number,
	guess: EncodingGuess
): Promise<Uint8Array> {
	const CHUNK = 8 << 20; // even, so UTF-16 code units never straddle chunks
	const parts: Uint8Array[] = [];
	const encoder = new TextEncoder();
	const utf16 = guess.encoding === 'utf-16be' ? new TextDecoder('utf-16be') : null;
	for (let start = guess.bomLength; start < size; start += CHUNK) {
		const bytes = await read(start, Math.min(size, start + CHUNK));
		const text = utf16
			? utf16.decode(bytes, { stream: start + CHUNK < size })
			: decode(bytes, { encoding: guess.encoding, bomLength: 0 });
		parts.push(encoder.encode(text));
	}
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let offset = 0;
	for (const p of parts) {
		out.set(p, offset);
		offset += p.length;
	}
	return out;
}
