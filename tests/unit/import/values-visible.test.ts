/**
 * Text that cannot deceive (issue 17, item 8): control characters in cells are shown as their code
 * by the import (SQL), in tooltips (escapeHtml) and in CSV exports.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../src/lib/charts/escape';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import { toCsv } from '../../../src/lib/export/csv';
import { importPaths } from '../../../src/lib/import/node';
import { hasControls, visibleControls } from '../../../src/lib/model/visible';

const RLO = '\u202e';

describe('visibleControls', () => {
	it('writes overrides, isolates, marks, zero-width and control characters as their code', () => {
		expect(visibleControls(`Ann${RLO}yrrab`)).toBe('Ann[U+202E]yrrab');
		expect(visibleControls('\u2067x\u2069 \u200fy\u200b\u0007\u001b\ufeff')).toBe(
			'[U+2067]x[U+2069] [U+200F]y[U+200B][U+0007][U+001B][U+FEFF]'
		);
		expect(visibleControls('\u0085\u009f\u061c')).toBe('[U+0085][U+009F][U+061C]');
	});
	it('leaves ordinary text, right-to-left scripts, tabs and line breaks alone', () => {
		for (const text of ['José Núñez', 'שרה כהן', 'محمد', 'a\tb\nc\r\n', 'Zoë 👩‍⚖️'])
			expect(visibleControls(text)).toBe(text);
		expect(hasControls('שרה כהן')).toBe(false);
		expect(hasControls(`a${RLO}`)).toBe(true);
	});
	it('tooltips and CSV exports show the code', () => {
		expect(escapeHtml(`<b>Ann${RLO}yrrab</b>`)).toBe('&lt;b&gt;Ann[U+202E]yrrab&lt;/b&gt;');
		expect(toCsv(['worker', 'n'], [{ worker: `Ann${RLO}yrrab`, n: 2 }])).toBe(
			'worker,n\r\nAnn[U+202E]yrrab,2\r\n'
		);
	});
});

let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
});
afterAll(async () => engine.close());

describe('the import writes control characters as their code', () => {
	it('in case IDs and labels, so that every screen, report and export shows them', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'visible-'));
		const cases = path.join(dir, 'cases.csv');
		writeFileSync(
			cases,
			[
				'Case ID,Open Date,Worker,Case Type',
				`A1,2024-01-02,Ann${RLO}yrrab,Housing`,
				`A\u200b1,2024-01-03,Ben Okafor,\u2067Benefits\u2069`,
				'A3,2024-01-04,Ben Okafor,Benefits'
			].join('\n')
		);
		await importPaths(engine, { cases }, { today: '2026-01-01' });
		expect(
			await engine.query('SELECT case_id, worker, case_type FROM cases ORDER BY opened_at')
		).toEqual([
			{ case_id: 'A1', worker: 'Ann[U+202E]yrrab', case_type: 'Housing' },
			{ case_id: 'A[U+200B]1', worker: 'Ben Okafor', case_type: '[U+2067]Benefits[U+2069]' },
			{ case_id: 'A3', worker: 'Ben Okafor', case_type: 'Benefits' }
		]);
	});
});
