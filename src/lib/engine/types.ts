/** A row of a query result as plain JavaScript values (numbers, strings, booleans, null). */
export type Row = Record<string, unknown>;

/**
 * One DuckDB database, in a browser worker or in Node. Everything above the engine talks to this
 * interface only, so tests and the command line run exactly the SQL the browser runs.
 */
export interface Engine {
	/** Runs one statement and returns its rows as plain values (BIGINT as number, DATE/TIMESTAMP as ISO text). */
	query<T extends Row = Row>(sql: string): Promise<T[]>;
	/** Runs statements for their effect. */
	exec(sql: string): Promise<void>;
	/**
	 * Makes `bytes` readable by SQL as `name` (e.g. in `read_csv('name')`). Bytes, never a Blob handle:
	 * duckdb-wasm's worker now and then reads a registered File or IndexedDB Blob as empty, silently
	 * (Chromium 156; more often after a CHECKPOINT), and an import would lose rows without an error.
	 */
	registerFile(name: string, bytes: Uint8Array): Promise<void>;
	/**
	 * Whether SQL can read files on disk by their path (native DuckDB): the import then reads a file
	 * whole, in parallel, instead of registering its bytes slice by slice.
	 */
	readonly readsPaths?: boolean;
	dropFile(name: string): Promise<void>;
	/**
	 * Creates table `name` (in the current schema) from an Arrow IPC stream: rows as they were
	 * written, nothing to parse.
	 */
	insertArrow(name: string, ipc: Uint8Array): Promise<void>;
	/** Cancels the running statement, where the runtime can (the browser worker can; Node runs synchronously). */
	cancel(): Promise<boolean>;
	close(): Promise<void>;
	/**
	 * 'browser', 'node' (both duckdb-wasm) or 'native' (DuckDB itself): for messages and benchmarks,
	 * never for branching SQL.
	 */
	readonly runtime: 'browser' | 'node' | 'native';
}

/**
 * Statements run on every new connection: extensions are never fetched from the network, and
 * tables live in a compressed in-memory database. Plain in-memory tables are never compressed:
 * 1,000,000 cases took 452 MB that way and 104 MB compressed, and wasm memory once grown never
 * shrinks. TEMP tables stay uncompressed. The import parses straight into a compressed table, which
 * becomes the canonical table as it stands: parsing into TEMP and copying cost as much (the 1M
 * cases file: 2.9 s + 1.9 s against 4.8 s). Plain FSST is left out: it compressed text a third slower
 * than dictionary-FSST, for the same size.
 */
export const CONNECTION_SETUP = [
	'SET autoinstall_known_extensions = false',
	'SET autoload_known_extensions = false',
	"ATTACH ':memory:' AS casemetrics (COMPRESS)",
	"SET disabled_compression_methods = 'fsst'",
	'USE casemetrics'
];
