/**
 * Stages the files of one choice together rather than one after another, for the mapping screen:
 * while this thread sniffs one file's head, the next file's head is being read from disk and a
 * small file is read whole by the database (in its worker in the browser), so those waits overlap.
 */
import type { Engine } from '../engine/types';
import { discardFiles, stageFiles, type ImportOptions, type ImportProgress } from './import';
import { checkBrowserFileSet } from './limits';
import type { ImportProfile } from './profiles';
import type { InputFile, StagedFile } from './stage';

/**
 * `stageFiles` over each file at once, the results in the order given. The file set is checked
 * first, as a whole; when a file fails, the others staged are discarded and the first failure in
 * the order given is thrown (as `stageFiles` of them all would have thrown it).
 */
export async function stageTogether(
	engine: Engine,
	files: InputFile[],
	profiles: ImportProfile[],
	options: Pick<ImportOptions, 'signal' | 'onProgress' | 'reads'> = {}
): Promise<StagedFile[]> {
	if (engine.runtime === 'browser') checkBrowserFileSet(files);
	let done = 0;
	const each = files.map(async (file) => {
		const onProgress = (p: ImportProgress) =>
			options.onProgress?.({ ...p, done, total: files.length });
		const staged = await stageFiles(engine, [file], profiles, { ...options, onProgress });
		done++;
		return staged;
	});
	const settled = await Promise.allSettled(each);
	const failed = settled.find((s) => s.status === 'rejected');
	if (failed) {
		await discardFiles(
			engine,
			settled.flatMap((s) => (s.status === 'fulfilled' ? s.value : []))
		).catch(() => {});
		throw failed.reason;
	}
	return settled.flatMap((s) => (s.status === 'fulfilled' ? s.value : []));
}
