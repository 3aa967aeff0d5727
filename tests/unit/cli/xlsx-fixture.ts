/**
 * A seeded cases export as an Excel workbook and as the equivalent CSV, built at test time (unit
 * and browser tests).
 */
import { utils, write, type CellObject, type WorkSheet } from '@e965/xlsx';
import { mulberry32 } from '../../../scripts/sample/random';

/** Excel's 1900-system serial of a UTC moment: days since 1899-12-30 (right for dates after 1900-02-28). */
const serial = (ms: number) => ms / 86_400_000 + 25_569;
const DAY = 86_400_000;

const iso = (ms: number) =>
	new Date(ms).toISOString().slice(0, 19).replace('T', ' ').replace(' 00:00:00', '');
const usDate = (ms: number) => {
	const d = new Date(ms);
	const p = (n: number) => String(n).padStart(2, '0');
	return `${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/${d.getUTCFullYear()}`;
};

const HEADER = ['Case ID', 'Date Opened', 'Date Closed', 'Case Type', 'Office', 'Satisfaction'];
const TYPES = ['Housing', 'Benefits', 'Family'];
const OFFICES = ['North', 'South', 'East'];

/**
 * 120 seeded cases as a workbook (sheet "Notes" first, then "Cases" with two title lines above
 * the header) and as the equivalent CSV. Opened: date cells, every third with a time of day;
 * closed: text "MM/DD/YYYY"; office: rows 10-12 one merged cell; satisfaction: a formula with its
 * saved value. Case 7's opening date is the text "not a date".
 */
export function seededExport(): { xlsx: Uint8Array; csv: string } {
	const rng = mulberry32(2026);
	const start = Date.UTC(2024, 0, 1);
	const cells: CellObject[][] = [];
	const csv: string[][] = [HEADER];
	for (let i = 1; i <= 120; i++) {
		const opened = start + Math.floor(rng() * 600) * DAY + (i % 3 === 0 ? 9.5 * 3_600_000 : 0);
		const closed = rng() < 0.8 ? opened - (opened % DAY) + Math.floor(rng() * 90) * DAY : null;
		const type = TYPES[Math.floor(rng() * 3)];
		const office = i >= 8 && i <= 10 ? 'South' : OFFICES[Math.floor(rng() * 3)];
		const score = Math.floor(rng() * 11);
		const id = `C-${String(i).padStart(4, '0')}`;
		cells.push([
			{ t: 's', v: id },
			i === 7 ? { t: 's', v: 'not a date' } : { t: 'n', v: serial(opened), z: 'yyyy-mm-dd hh:mm' },
			closed === null ? { t: 'z' } : { t: 's', v: usDate(closed) },
			{ t: 's', v: type },
			// Rows 9 and 10 of the table lie under the merged cell that starts at row 8.
			i === 9 || i === 10 ? { t: 'z' } : { t: 's', v: office },
			{ t: 'n', v: score, f: `${score}+0` }
		]);
		csv.push([
			id,
			i === 7 ? 'not a date' : iso(opened),
			closed === null ? '' : usDate(closed),
			type,
			office,
			String(score)
		]);
	}
	const ws: WorkSheet = utils.aoa_to_sheet([['Open and closed cases, 2024-2025'], []]);
	utils.sheet_add_aoa(ws, [HEADER], { origin: 'A3' });
	utils.sheet_add_aoa(ws, cells, { origin: 'A4' });
	// Table rows 8-10 are sheet rows 11-13 (title, blank, header above): office column E.
	ws['!merges'] = [
		{ s: { r: 10, c: 4 }, e: { r: 12, c: 4 } },
		{ s: { r: 0, c: 0 }, e: { r: 0, c: 5 } }
	];
	const wb = utils.book_new();
	utils.book_append_sheet(
		wb,
		utils.aoa_to_sheet([['Exported from CaseDesk'], ['Do not edit']]),
		'Notes'
	);
	utils.book_append_sheet(wb, ws, 'Cases');
	const bytes = write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer;
	return { xlsx: new Uint8Array(bytes), csv: csv.map((r) => r.join(',')).join('\n') + '\n' };
}
