/**
 * Converts a workbook to CSV text off the page's thread (SheetJS parses a whole workbook at once:
 * seconds for 100,000 rows). Loaded only when a workbook is chosen, so the library is not part of
 * the page's first download.
 */
import { workbookToCsv, WorkbookError } from './xlsx';

export type WorkbookRequest = { bytes: Uint8Array; name: string; sheet?: string };
export type WorkbookReply =
	| { ok: true; csv: Uint8Array; sheet: string; chosen: string; sheets: string[]; rows: number }
	| { ok: false; message: string };

self.onmessage = (event: MessageEvent<WorkbookRequest>) => {
	const { bytes, name, sheet } = event.data;
	let reply: WorkbookReply;
	try {
		const c = workbookToCsv(bytes, name, sheet);
		const csv = new TextEncoder().encode(c.csv);
		reply = {
			ok: true,
			csv,
			sheet: c.sheet,
			chosen: c.chosen,
			sheets: c.sheets.map((s) => s.name),
			rows: c.rows
		};
		(self as unknown as Worker).postMessage(reply, [csv.buffer]);
	} catch (error) {
		const message =
			error instanceof WorkbookError
				? error.message
				: `${name}: the workbook could not be read (${String(error)}).`;
		reply = { ok: false, message };
		(self as unknown as Worker).postMessage(reply);
	}
};
