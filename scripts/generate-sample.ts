/**
 * Writes the sample export: cases.csv, goals.csv, events.csv and staff.csv.
 *
 *   npx tsx scripts/generate-sample.ts [--cases N] [--seed S] [--out DIR]
 *
 * Defaults reproduce the committed sample-data/. Files are streamed, so a million cases need
 * no more memory than five thousand.
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import {
	DEFAULT_SAMPLE,
	SAMPLE_FILES,
	sampleLines,
	type SampleFile,
	type SampleOptions
} from './sample/generate';

/** Lines are gathered into chunks of about this many characters: one write per line is slow. */
const CHUNK_CHARS = 1 << 16;

/** Writes the four files into `dir` and returns how many data rows (headers excluded) each got. */
async function writeSample(
	options: SampleOptions,
	dir: string
): Promise<Record<SampleFile, number>> {
	await mkdir(dir, { recursive: true });
	const streams = perFile((file) => createWriteStream(join(dir, `${file}.csv`)));
	const pending = perFile(() => '');
	const rows = perFile(() => -1);

	for (const { file, text } of sampleLines(options)) {
		rows[file]++;
		pending[file] += `${text}\n`;
		if (pending[file].length >= CHUNK_CHARS) {
			const ready = streams[file].write(pending[file]);
			pending[file] = '';
			if (!ready) await once(streams[file], 'drain');
		}
	}
	await Promise.all(SAMPLE_FILES.map((file) => finish(streams[file], pending[file])));
	return rows;
}

function finish(stream: WriteStream, rest: string): Promise<void> {
	stream.end(rest);
	return finished(stream);
}

function perFile<T>(make: (file: SampleFile) => T): Record<SampleFile, T> {
	return Object.fromEntries(SAMPLE_FILES.map((file) => [file, make(file)])) as Record<
		SampleFile,
		T
	>;
}

function wholeNumber(flag: string, value: string | undefined, fallback: number): number {
	if (value === undefined) return fallback;
	const n = Number(value);
	if (value.trim() === '' || !Number.isSafeInteger(n) || n < 0)
		throw new Error(`--${flag} must be a whole number, not '${value}'`);
	return n;
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			cases: { type: 'string' },
			seed: { type: 'string' },
			out: { type: 'string', default: 'sample-data' }
		}
	});
	const options: SampleOptions = {
		...DEFAULT_SAMPLE,
		cases: wholeNumber('cases', values.cases, DEFAULT_SAMPLE.cases),
		seed: wholeNumber('seed', values.seed, DEFAULT_SAMPLE.seed)
	};

	const started = performance.now();
	const rows = await writeSample(options, values.out);
	const seconds = (performance.now() - started) / 1000;

	console.log(
		`Sample data in ${values.out}/ (seed ${options.seed}, ${options.years} years to ${options.end}):`
	);
	for (const file of SAMPLE_FILES)
		console.log(
			`  ${`${file}.csv`.padEnd(11)} ${rows[file].toLocaleString('en-US').padStart(10)} rows`
		);
	console.log(`Written in ${seconds.toFixed(2)} s`);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exitCode = 1;
});
