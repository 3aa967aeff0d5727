/**
 * How much a browser tab imports at once. The import holds the loaded tables and its passing
 * tables in DuckDB-wasm's memory, which cannot grow past 4 GB. The benchmark's renderer peaks
 * (bench/README.md) were 0.68 GB for the 100k-case set (32 MB of CSV) and 1.17 GB for the 1M set
 * (336 MB): about 0.63 GB plus 1.6 bytes per byte of CSV. At 1.5 GB of CSV that line reaches about
 * 3.1 GB, the most that leaves room under the 4 GB ceiling for the dashboard's queries. Beyond it
 * the command line (native DuckDB, files read by path, spilling to disk) takes the files.
 */
import { ImportError } from './errors';

export const BROWSER_MAX_BYTES = 1536 * 1024 * 1024;

export function formatBytes(n: number): string {
	if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
	if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
	return `${Math.max(1, Math.round(n / 1024))} KB`;
}

/** The command that imports the same files outside the browser. */
export const COMMAND_LINE = 'npm run metrics -- --cases FILE';

/**
 * Refuses, before anything is read, a set of files too large for a browser tab together: the
 * message gives their total size, the limit, and the command line that can take them.
 */
export function checkBrowserFileSet(files: { name: string; size: number }[]): void {
	const total = files.reduce((sum, f) => sum + f.size, 0);
	if (total <= BROWSER_MAX_BYTES) return;
	const what = files.length === 1 ? 'The file is' : `These ${files.length} files are together`;
	throw new ImportError(
		files.length === 1 ? files[0].name : files.map((f) => f.name).join(', '),
		`${what} ${formatBytes(total)}, more than a browser tab can analyse ` +
			`(${formatBytes(BROWSER_MAX_BYTES)}). Nothing was read.`,
		`Use the command line on this computer, which reads files of any size: ${COMMAND_LINE} ` +
			'(with --goals, --events and --staff for the other files; see docs/scale.md). ' +
			'Or export a shorter period and import that here.'
	);
}
