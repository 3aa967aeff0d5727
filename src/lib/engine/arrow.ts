import type { Row } from './types';

/** The parts of an Arrow table we read; typed structurally so that either of Arrow's two packages fits. */
interface ArrowField {
	name: string;
	type: { typeId: number; scale?: number };
}
interface ArrowTable {
	schema: { fields: ArrowField[] };
	numRows: number;
	getChildAt(index: number): { get(row: number): unknown } | null;
}

// Arrow type ids (apache-arrow's Type enum) that need converting.
const DECIMAL = 7;
const DATE = 8;
const TIMESTAMP = 10;

function isoDate(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}
function isoTimestamp(ms: number): string {
	return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

function converter(field: ArrowField): (value: unknown) => unknown {
	const id = field.type.typeId;
	if (id === DECIMAL) {
		const divisor = 10 ** (field.type.scale ?? 0);
		return (v) => (v == null ? null : Number(v) / divisor);
	}
	if (id === DATE) return (v) => (v == null ? null : isoDate(Number(v)));
	if (id === TIMESTAMP) return (v) => (v == null ? null : isoTimestamp(Number(v)));
	return (v) => {
		if (typeof v === 'bigint') return Number(v);
		if (
			v != null &&
			typeof v === 'object' &&
			'toJSON' in v &&
			typeof (v as { toJSON: unknown }).toJSON === 'function'
		) {
			return (v as { toJSON(): unknown }).toJSON();
		}
		return v;
	};
}

/**
 * Converts an Arrow result to plain rows: BIGINT to number (counts fit well within 2^53), DATE to
 * 'YYYY-MM-DD', TIMESTAMP to 'YYYY-MM-DD hh:mm:ss' (UTC wall clock, as DuckDB stores it), lists and
 * structs to plain arrays and objects.
 */
export function arrowToRows<T extends Row = Row>(table: ArrowTable): T[] {
	const fields = table.schema.fields;
	const columns = fields.map((_, i) => table.getChildAt(i));
	const converters = fields.map(converter);
	const rows: T[] = new Array(table.numRows);
	for (let r = 0; r < table.numRows; r++) {
		const row: Row = {};
		for (let c = 0; c < fields.length; c++) {
			row[fields[c].name] = converters[c](columns[c]?.get(r) ?? null);
		}
		rows[r] = row as T;
	}
	return rows;
}
