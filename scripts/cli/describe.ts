/**
 * What the command line tells about an import: which header fed which column and why it was
 * chosen (given, a saved profile, or proposed with its confidence), the date formats read, and
 * the problems found. The same facts go to standard error as text and into --json under `mapping`.
 */
import { explainMapping } from '../../src/lib/import/evidence';
import type { ImportResult } from '../../src/lib/import/import';
import { explainProposal } from '../../src/lib/import/mapping';
import { TABLES } from '../../src/lib/model/tables';

export interface ColumnUse {
	column: string;
	label: string;
	header: string;
	/** How sure the mapping is of this column ('high', 'medium', 'low'), and why. */
	confidence?: string;
	reason?: string;
	/** Date columns: the formats read and how many of the values present parsed. */
	dates?: { formats: string[]; parsed: number; present: number; order?: string };
}

export interface FileMapping {
	file: string;
	/** The sheet read, for a workbook. */
	sheet?: string;
	table: string;
	/** 'given' (--mapping), 'profile "NAME"', or 'proposed' (from the headers and values). */
	from: string;
	/** Rows it brought, and of those how many were new and how many replaced an earlier file's row. */
	rows: number;
	added?: number;
	updated?: number;
	/** Rows of it that a more recent export's rows replaced. */
	older?: number;
	columns: ColumnUse[];
	/** Headers of the file that feed no column. */
	unused: string[];
	/** Headers whose name matched a column but whose values ruled them out (proposed mappings). */
	ruledOut: { header: string; column: string; reason: string }[];
}

export function describeMapping(
	result: ImportResult,
	given: Set<string>,
	sheets: Map<string, string> = new Map()
): FileMapping[] {
	return result.tables.map((b) => {
		const table = b.mapping.table;
		const declared = TABLES[table].columns.map((c) => c.name);
		const mapped = Object.entries(b.mapping.columns).sort(
			([a], [z]) => declared.indexOf(a) - declared.indexOf(z)
		);
		const assessed = explainMapping(table, b.mapping.columns, b.staged.guesses);
		const columns = mapped.map(([column, header]): ColumnUse => {
			const decl = TABLES[table].columns.find((c) => c.name === column);
			const sure = assessed.find((a) => a.column === column);
			const date = b.dates.find((d) => d.column === column);
			return {
				column,
				label: decl?.label ?? column,
				header,
				...(sure ? { confidence: sure.confidence, reason: sure.reason } : {}),
				...(date
					? {
							dates: {
								formats: date.described,
								parsed: date.parsed,
								present: date.present,
								...(date.order ? { order: date.order } : {})
							}
						}
					: {})
			};
		});
		const used = new Set(Object.values(b.mapping.columns));
		const from = given.has(table)
			? 'given'
			: b.staged.profile
				? `profile "${b.staged.profile}"`
				: 'proposed';
		const outcome = result.files?.find((f) => f.file === b.info.fileName && f.table === table);
		const sheet = sheets.get(b.staged.file.name);
		return {
			file: b.staged.file.name,
			...(sheet !== undefined ? { sheet } : {}),
			table,
			from,
			rows: outcome?.rows ?? b.info.rows,
			...(outcome ? { added: outcome.added, updated: outcome.updated, older: outcome.older } : {}),
			columns,
			unused: b.staged.sniff.headers.filter((h) => !used.has(h)),
			ruledOut:
				from === 'proposed'
					? explainProposal(table, b.staged.guesses).rejected.map((r) => ({
							header: r.header,
							column: r.column,
							reason: r.reason
						}))
					: []
		};
	});
}

/** The mapping as lines for standard error. */
export function mappingText(files: FileMapping[]): string {
	const lines: string[] = [];
	for (const f of files) {
		const merged =
			f.added !== undefined && (f.updated || f.older)
				? ` (${f.added} added, ${f.updated} updated, ${f.older} replaced by a more recent export)`
				: '';
		lines.push(`mapping: ${f.file} as ${f.table} (${f.from}), ${f.rows} rows${merged}`);
		for (const c of f.columns) {
			const sure = c.confidence ? ` [${c.confidence}${c.reason ? `: ${c.reason}` : ''}]` : '';
			const dates = c.dates
				? ` (dates ${c.dates.formats.join(' or ')}; ${c.dates.parsed} of ${c.dates.present} read)`
				: '';
			lines.push(`  ${c.label.padEnd(16)} <- "${c.header}"${sure}${dates}`);
		}
		for (const r of f.ruledOut) lines.push(`  not ${r.column}: "${r.header}" (${r.reason})`);
		if (f.unused.length) lines.push(`  not used: ${f.unused.map((h) => `"${h}"`).join(', ')}`);
	}
	return lines.join('\n') + '\n';
}
