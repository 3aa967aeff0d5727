/**
 * Workbooks among the chosen files become CSV inputs before staging, each converted in a Web
 * Worker (xlsx.worker.ts): the page stays responsive, progress is reported per workbook (reading,
 * parsing, converting rows), and a cancel stops the worker at once. CSV files pass through untouched.
 */
import { ImportCancelled, ImportError } from './errors';
import type { ImportProgress } from './import';
import type { InputFile } from './stage';
import type { SheetSummary, WorkbookStep } from './xlsx';
import type { WorkbookReply, WorkbookRequest } from './xlsx.worker';

/** Same test as xlsx.ts, kept here so that the page does not load SheetJS to ask it. */
export const isWorkbook = (name: string) => /\.(xlsx|xlsm|xls)$/i.test(name);

/** Where a workbook's conversion stands, shown with the import's progress. */
export type WorkbookStage =
	| { stage: 'reading' }
	| { stage: 'parsing' }
	| { stage: 'converting'; sheet: string; row: number; rows: number };

export type WorkbookProgress = ImportProgress & { workbook?: WorkbookStage };

/** The workbook a converted input came from, its sheets, and the sheet it holds. */
export interface WorkbookChoice {
	workbook: InputFile;
	sheet: string;
	sheets: SheetSummary[];
}

/** A converted sheet as an import input; it keeps its workbook, so that another sheet can be read. */
export type WorkbookInput = InputFile & { workbook?: WorkbookChoice };

/** The workbook behind an input, if it is a converted sheet. */
export const workbookOf = (file: InputFile): WorkbookChoice | undefined =>
	(file as WorkbookInput).workbook;

interface ConvertOptions {
	signal?: AbortSignal;
	onStage?: (stage: WorkbookStage) => void;
}

const stageOf = (p: WorkbookStep): WorkbookStage =>
	p.step === 'parsing'
		? { stage: 'parsing' }
		: { stage: 'converting', sheet: p.sheet, row: p.row, rows: p.rows };

type Converted = Extract<WorkbookReply, { type: 'done' }>;

function convert(
	file: InputFile,
	sheet: string | undefined,
	options: ConvertOptions
): Promise<Converted> {
	const worker = new Worker(new URL('./xlsx.worker.ts', import.meta.url), { type: 'module' });
	const { signal, onStage } = options;
	const failed = (message: string) =>
		new ImportError(file.name, message.replace(`${file.name}: `, ''), '');
	return new Promise<Converted>((resolve, reject) => {
		const stop = () => reject(new ImportCancelled());
		if (signal?.aborted) return stop();
		signal?.addEventListener('abort', stop, { once: true });
		worker.onmessage = (event: MessageEvent<WorkbookReply>) => {
			const reply = event.data;
			if (reply.type === 'progress') onStage?.(stageOf(reply.progress));
			else if (reply.type === 'done') resolve(reply);
			else reject(failed(reply.message));
		};
		worker.onerror = (event) => {
			event.preventDefault();
			reject(failed(`the workbook could not be read (${event.message}).`));
		};
		onStage?.({ stage: 'reading' });
		// A Blob goes as is (the worker reads it); bytes are copied, so that the file can be read again.
		const request: WorkbookRequest = { data: file.data, name: file.name, sheet };
		worker.postMessage(request);
	}).finally(() => {
		// Terminating stops a parse under way at once: a cancel does not wait for SheetJS.
		worker.terminate();
	});
}

/** One sheet of a workbook (the proposed one when `sheet` is not given) as a CSV input. */
export async function workbookAsCsv(
	file: InputFile,
	sheet: string | undefined,
	options: ConvertOptions = {}
): Promise<WorkbookInput> {
	const c = await convert(file, sheet, options);
	return {
		name: `${file.name} (${c.sheet})`,
		size: c.csv.size,
		// A Blob, like a chosen CSV file: each slice the import reads is then a task of its own, and
		// the page's structure scan (scan.ts) does not run through all the text in one long task.
		data: c.csv,
		workbook: { workbook: file, sheet: c.sheet, sheets: c.sheets }
	};
}

/** The files with each workbook replaced by its proposed sheet as CSV, named as xlsx.ts `sheetInputName` does. */
export async function workbooksAsCsv(
	files: InputFile[],
	options: { signal?: AbortSignal; onProgress?: (p: WorkbookProgress) => void } = {}
): Promise<InputFile[]> {
	if (!files.some((f) => isWorkbook(f.name))) return files;
	const out: InputFile[] = [];
	for (const [i, file] of files.entries()) {
		if (!isWorkbook(file.name)) {
			out.push(file);
			continue;
		}
		const base = { step: 'reading', file: file.name, done: i, total: files.length } as const;
		const onStage = (workbook: WorkbookStage) => options.onProgress?.({ ...base, workbook });
		out.push(await workbookAsCsv(file, undefined, { signal: options.signal, onStage }));
	}
	return out;
}
