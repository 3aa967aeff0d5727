/** A row of a query result as plain JavaScript values (numbers, strings, booleans, null). */
export type Row = Record<string, unknown>;

/** What a file registered with the engine can be made of. */
export type FileSource = Uint8Array | Blob;

/**
 * One DuckDB database, in a browser worker or in Node. Everything above the engine talks to this
 * interface only, so tests and the command line run exactly the SQL the browser runs.
 */
export interface Engine {
	/** Runs one statement and returns its rows as plain values (BIGINT as number, DATE/TIMESTAMP as ISO text). */
	query<T extends Row = Row>(sql: string): Promise<T[]>;
	/** Runs statements for their effect. */
	exec(sql: string): Promise<void>;
	/** Makes `source` readable by SQL as `name` (e.g. in `read_csv('name')`), without copying it into a string. */
	registerFile(name: string, source: FileSource): Promise<void>;
	dropFile(name: string): Promise<void>;
	/** Cancels the statement that is running, where the runtime can (the browser worker can; Node runs synchronously). */
	cancel(): Promise<boolean>;
	close(): Promise<void>;
	/** 'browser' or 'node': for messages and benchmarks, never for branching SQL. */
	readonly runtime: 'browser' | 'node';
}

/** Statements run on every new connection: extensions are never fetched from the network. */
export const CONNECTION_SETUP = [
	'SET autoinstall_known_extensions = false',
	'SET autoload_known_extensions = false'
];
