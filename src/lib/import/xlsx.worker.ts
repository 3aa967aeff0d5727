/**
 * Converts a workbook to CSV text off the page's thread (SheetJS parses a whole workbook at once:
 * seconds for 100,000 rows), telling the page how far it is. Loaded only when a workbook is chosen,
 * so the library is not part of the page's first download.
 */
import { workbookToCsv, WorkbookError, type SheetSummary, type WorkbookStep } from './xlsx';

/** The file as chosen (a Blob is read here, not on the page) and, if the user chose one, the sheet. */
export type WorkbookRequest = { data: Uint8Array | Blob; name: string; sheet?: string };
export type WorkbookReply =
	| { type: 'progress'; progress: WorkbookStep }
	| {
			type: 'done';
			/** The CSV text, made a Blob here: the page neither encodes nor copies it. */
			csv: Blob;
			sheet: string;
			chosen: string;
			sheets: SheetSummary[];
			rows: number;
	  }
	| { type: 'failed'; message: string };

const post = (reply: WorkbookReply) => (self as unknown as Worker).postMessage(reply);

self.onmessage = async (event: MessageEvent<WorkbookRequest>) => {
	const { data, name, sheet } = event.data;
	try {
		const bytes = data instanceof Blob ? new Uint8Array(await data.arrayBuffer()) : data;
		const c = workbookToCsv(bytes, name, sheet, (progress) => post({ type: 'progress', progress }));
		const csv = new Blob([c.csv], { type: 'text/csv' });
		const { sheets, rows, chosen } = c;
		post({ type: 'done', csv, sheet: c.sheet, chosen, sheets, rows });
	} catch (error) {
		const message =
			error instanceof WorkbookError
				? error.message
				: `${name}: the workbook could not be read (${String(error)}).`;
		post({ type: 'failed', message });
	}
};
