/**
 * A chosen file's bytes as the browser gives them (a Blob): slices end at a line end outside quotes,
 * each read once, and the bytes a read took are lent to the scan instead of being read again.
 */
import { describe, expect, it } from 'vitest';
import { LentBytes, readSlice } from '../../../src/lib/import/bytes';
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

describe('lent bytes', () => {
	it('serve ranges within and across lent slices, wait for the next, and read the rest from the file', async () => {
		// 40 lines of 10 bytes: line i (from 0) is bytes 10i to 10i + 9.
		const text = Array.from({ length: 40 }, (_, i) => `${String(i).padStart(3, '0')},abcde\n`).join(
			''
		);
		const file = blobFile(text);
		const lent = new LentBytes(file);
		const first = await lent.lend(0, readSlice(file, 0, 95));
		const second = await lent.lend(first.end, readSlice(file, first.end, 95));
		// Slices end just past the line break at or after their size: 100 and 200.
		expect([first.end, second.end, file.data.reads]).toEqual([100, 200, 2]);
		expect(decode(await lent.read(10, 30))).toBe(text.slice(10, 30));
		expect(decode(await lent.read(90, 110))).toBe('009,abcde\n010,abcde\n');
		expect(file.data.reads).toBe(2);
		// Ahead of the read: the scan waits for the slice that will hold its bytes.
		const ahead = lent.read(195, 215);
		const third = await lent.lend(200, readSlice(file, 200, 95));
		expect(decode(await ahead)).toBe(text.slice(195, 215));
		expect([third.end, file.data.reads]).toEqual([300, 3]);
		// Once the read is over, what no slice holds comes from the file.
		lent.close();
		expect(decode(await lent.read(330, 350))).toBe(text.slice(330, 350));
		expect(file.data.reads).toBe(4);
	});

	it('wait for a slice still being read instead of reading its bytes again', async () => {
		const text = 'id,a\n' + Array.from({ length: 100 }, (_, i) => `${i},x\n`).join('');
		const file = blobFile(text);
		const lent = new LentBytes(file);
		const reading = lent.lend(0, readSlice(file, 0, 1000));
		const [bytes] = await Promise.all([lent.read(0, 50), reading]);
		expect(decode(bytes)).toBe(text.slice(0, 50));
		expect(file.data.reads).toBe(1);
	});
});
