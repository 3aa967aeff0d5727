/**
 * Compares the engine's results with the reference's: counts (both integers) exactly, anything
 * else within an absolute tolerance (1e-9 by default). Returns the differences in words.
 */
import type { RefCell, RefResult } from './reference';

/** The shape of a result of src's catalogue, declared here (the reference imports nothing from src). */
export type EngineResult =
	| {
			kind: 'scalar';
			value: number | null;
			n?: number;
			detail?: Record<string, unknown>;
			error?: string;
			unavailable?: string;
	  }
	| {
			kind: 'table';
			rows: Record<string, unknown>[];
			detail?: Record<string, unknown>;
			error?: string;
			unavailable?: string;
	  };

function sameCell(a: unknown, b: unknown, tol: number): boolean {
	if (a === null || a === undefined || b === null || b === undefined)
		return (a ?? null) === (b ?? null);
	if (typeof a === 'number' && typeof b === 'number') {
		if (Number.isInteger(a) && Number.isInteger(b)) return a === b;
		return Math.abs(a - b) <= tol;
	}
	return a === b;
}

function compareRecord(
	where: string,
	a: Record<string, unknown> = {},
	b: Record<string, RefCell> = {},
	tol: number,
	out: string[]
) {
	for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
		if (!sameCell(a[key], b[key], tol))
			out.push(
				`${where}.${key}: engine ${JSON.stringify(a[key])}, reference ${JSON.stringify(b[key])}`
			);
	}
}

export interface Comparison {
	differences: string[];
	/** Metrics the engine said were unavailable (not compared). */
	unavailable: string[];
	compared: number;
}

export function compareResults(
	engine: Record<string, EngineResult>,
	reference: Record<string, RefResult>,
	tol = 1e-9
): Comparison {
	const differences: string[] = [];
	const unavailable: string[] = [];
	let compared = 0;
	for (const [id, r] of Object.entries(engine)) {
		if (r.error) {
			differences.push(`${id}: engine error ${r.error}`);
			continue;
		}
		if (r.unavailable) {
			unavailable.push(id);
			continue;
		}
		const ref = reference[id];
		if (!ref) {
			differences.push(`${id}: the reference does not compute it`);
			continue;
		}
		compared++;
		if (r.kind === 'scalar') {
			if (!sameCell(r.value, ref.value, tol))
				differences.push(`${id}.value: engine ${r.value}, reference ${ref.value}`);
			if (!sameCell(r.n, ref.n, tol))
				differences.push(`${id}.n: engine ${r.n}, reference ${ref.n}`);
			compareRecord(`${id}.detail`, r.detail, ref.detail, tol, differences);
		} else {
			const rows = ref.rows ?? [];
			if (r.rows.length !== rows.length)
				differences.push(`${id}: engine ${r.rows.length} rows, reference ${rows.length}`);
			const n = Math.min(r.rows.length, rows.length);
			for (let i = 0; i < n; i++)
				compareRecord(`${id}[${i}]`, r.rows[i], rows[i], tol, differences);
			compareRecord(`${id}.detail`, r.detail, ref.detail, tol, differences);
		}
	}
	return { differences, unavailable, compared };
}
