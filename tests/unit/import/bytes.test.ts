/**
 * A chosen file's bytes as the browser gives them (a Blob): slices end at a line end outside quotes,
 * each read once.
 */
import { describe, expect, it } from 'vitest';
import { readSlice } from '../../../src/lib/import/bytes';
import type { InputFile } from '../../../src/lib/import/stage';

/** A Blob that counts the reads of its bytes. */
class CountingBlob extends Blob {
	reads = 0;
	slice(start?: number, end?: number, type?: string): Blob {
		this.reads++;
		return super.slice(start, end, type);
	}
}

function blobFile(text: string): InputFile & { data: CountingBlob } {
	const data = new CountingBlob([text]);
	return { name: 'f.csv', size: data.size, data };
}

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('readSlice', () => {
	it('ends each slice just past the first line break outside quotes at or after its size', async () => {
		// Positions by hand: line breaks at 4, 9 (inside quotes), 14, 19 and 24.
		const text = 'id,a\n1,"x\ny",2\n3,zz\n4,ww\n';
		const file = blobFile(text);
		const first = await readSlice(file, 0, 8);
		expect([first.start, first.end]).toEqual([0, 15]);
		expect(decode(first.bytes)).toBe('id,a\n1,"x\ny",2\n');
		const second = await readSlice(file, 15, 3);
		expect([second.start, second.end, decode(second.bytes)]).toEqual([15, 20, '3,zz\n']);
		const last = await readSlice(file, 20, 100);
		expect([last.end, decode(last.bytes)]).toEqual([text.length, '4,ww\n']);
	});

	it('reads a slice again when a quoted value runs past the bytes read beyond it', async () => {
		const long = 'x'.repeat(3 << 20);
		const text = `id,a\n1,"${long}\nmore"\n2,b\n`;
		const file = blobFile(text);
		const slice = await readSlice(file, 0, 10);
		const end = text.indexOf('\n2,b') + 1;
		expect(slice.end).toBe(end);
		expect(slice.bytes.length).toBe(end);
		expect(decode(slice.bytes.subarray(end - 7))).toBe('\nmore"\n');
	});
});

describe('a slice', () => {
	it('is read from the file once, its end found in the bytes read past it', async () => {
		const text = Array.from({ length: 2000 }, (_, i) => `${i},row ${i}\n`).join('');
		const file = blobFile(text);
		const slice = await readSlice(file, 0, 100);
		expect(file.data.reads).toBe(1);
		expect(slice.end).toBe(text.indexOf('\n', 100) + 1);
		expect(decode(slice.bytes)).toBe(text.slice(0, slice.end));
	});
});
