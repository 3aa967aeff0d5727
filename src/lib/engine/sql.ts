/** Quoting for SQL text built from values we do not control (headers, cell values, user input). */

export function literal(value: string | number | boolean | null): string {
	if (value === null) return 'NULL';
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
		return String(value);
	}
	if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
	if (value.includes('\u0000')) throw new Error('text values may not contain NUL characters');
	return `'${value.replaceAll("'", "''")}'`;
}

export function ident(name: string): string {
	if (name.includes('\u0000')) throw new Error('identifiers may not contain NUL characters');
	return `"${name.replaceAll('"', '""')}"`;
}

export function list(values: (string | number)[]): string {
	return `(${values.map(literal).join(', ')})`;
}
