/**
 * Workbooks among the chosen files become CSV inputs before staging, each converted in a Web
 * Worker (xlsx.worker.ts): the page stays responsive, progress is reported per workbook, and a
 * cancel stops the worker at once. CSV files pass through untouched.
 */
import { ImportCancelled, ImportError } from './errors';
import type { ImportProgress } from './import';
import { readRange, type InputFile } from './stage';
import type { WorkbookReply, WorkbookRequest } from './xlsx.worker';

/** Same test as xlsx.ts, kept here so that the page does not load SheetJS to ask it. */
export const isWorkbook = (name: string) => /\.(xlsx|xlsm|xls)$/i.test(name);

function convert(file: InputFile, bytes: Uint8Array, signal?: AbortSignal): Promise<WorkbookReply> {
	const worker = new Worker(new URL('./xlsx.worker.ts', import.meta.url), { type: 'module' });
	return new Promise<WorkbookReply>((resolve, reject) => {
		const stop = () => {
			worker.terminate();
			reject(new ImportCancelled());
		};
		if (signal?.aborted) return stop();
		signal?.addEventListener('abort', stop, { once: true });
		worker.onmessage = (event: MessageEvent<WorkbookReply>) => resolve(event.data);
		worker.onerror = (event) => {
			event.preventDefault();
			resolve({
				ok: false,
				message: `${file.name}: the workbook could not be read (${event.message}).`
			});
		};
		const request: WorkbookRequest = { bytes, name: file.name };
		worker.postMessage(request, [bytes.buffer]);
	}).finally(() => worker.terminate());
}

/** The files with each workbook replaced by its proposed sheet as CSV, named as xlsx.ts `sheetInputName` does. */
export async function workbooksAsCsv(
	files: InputFile[],
	options: { signal?: AbortSignal; onProgress?: (p: ImportProgress) => void } = {}
): Promise<InputFile[]> {
	if (!files.some((f) => isWorkbook(f.name))) return files;
	const out: InputFile[] = [];
	for (const [i, file] of files.entries()) {
		if (!isWorkbook(file.name)) {
			out.push(file);
			continue;
		}
		options.onProgress?.({
			step: 'reading',
			file: file.name,
			done: i,
			total: files.length,
			bytes: 0,
			totalBytes: file.size
		});
		const bytes = (await readRange(file, 0, file.size)).slice();
		const reply = await convert(file, bytes, options.signal);
		if (!reply.ok)
			throw new ImportError(file.name, reply.message.replace(`${file.name}: `, ''), '');
		options.onProgress?.({
			step: 'reading',
			file: file.name,
			done: i,
			total: files.length,
			bytes: file.size,
			totalBytes: file.size,
			rows: reply.rows
		});
		out.push({ name: `${file.name} (${reply.sheet})`, size: reply.csv.length, data: reply.csv });
	}
	return out;
}
