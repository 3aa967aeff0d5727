import { beforeEach, describe, expect, it } from 'vitest';
import { applyBundle, BUNDLE_MARK, exportBundle, parseBundle } from '../../../src/lib/state/bundle';
import {
	describeRemoval,
	describeStored,
	formatBytes,
	type RemovalReport
} from '../../../src/lib/state/persist';

/** A Map-backed localStorage for Node. */
class MemoryStorage {
	private m = new Map<string, string>();
	get length() {
		return this.m.size;
	}
	key(i: number) {
		return [...this.m.keys()][i] ?? null;
	}
	getItem(k: string) {
		return this.m.get(k) ?? null;
	}
	setItem(k: string, v: string) {
		this.m.set(k, String(v));
	}
	removeItem(k: string) {
		this.m.delete(k);
	}
	clear() {
		this.m.clear();
	}
}

const profile = (name: string) => ({
	name,
	table: 'cases',
	signature: ['case id', 'opened'],
	columns: { case_id: 'Case ID', opened_at: 'Opened' },
	savedAt: '2024-05-01T00:00:00.000Z'
});
const report = (r: Partial<RemovalReport>): RemovalReport => ({
	files: 0,
	bytes: 0,
	profiles: 0,
	settings: false,
	templates: 0,
	otherKeys: 0,
	databases: 0,
	caches: 0,
	cachedFiles: 0,
	...r
});

beforeEach(() => {
	(globalThis as { localStorage?: unknown }).localStorage = new MemoryStorage();
});

describe('the "Removed: …" message', () => {
	it('names each kind with its count and the stored size', () => {
		expect(
			describeRemoval(
				report({ files: 2, bytes: 1_310_000, profiles: 3, settings: true, templates: 1 })
			)
		).toBe(
			'Removed: 2 stored files (1.3 MB), 3 import profiles, your settings, 1 report template.'
		);
		expect(describeRemoval(report({ files: 1, bytes: 1722, profiles: 1, cachedFiles: 40 }))).toBe(
			'Removed: 1 stored file (1.7 kB), 1 import profile, the offline copy of the app (40 files).'
		);
		expect(describeRemoval(report({}))).toBe(
			'Nothing was stored on this computer: nothing to remove.'
		);
	});

	it('formats sizes', () => {
		expect(formatBytes(999)).toBe('999 bytes');
		expect(formatBytes(1500)).toBe('1.5 kB');
		expect(formatBytes(45_200_000)).toBe('45.2 MB');
		expect(formatBytes(2_500_000_000)).toBe('2.50 GB');
	});

	it('describes what is stored', () => {
		const blob = new Blob(['x']);
		const mapping = { table: 'cases' as const, columns: {} };
		expect(
			describeStored([
				{
					table: 'cases',
					name: 'a.csv',
					size: 100,
					blob,
					mapping,
					importedAt: '2024-01-02T00:00:00Z'
				},
				{
					table: 'staff',
					name: 'b.csv',
					size: 50,
					blob,
					mapping,
					importedAt: '2024-03-02T00:00:00Z'
				}
			])
		).toEqual({ files: 2, bytes: 150, names: ['a.csv', 'b.csv'], savedAt: '2024-03-02T00:00:00Z' });
	});
});

describe('settings, profiles and templates as one file', () => {
	it('round-trips through export and import', () => {
		localStorage.setItem('casemetrics.settings', JSON.stringify({ version: 1, staleDays: 45 }));
		localStorage.setItem('casemetrics.profiles', JSON.stringify([profile('Monthly')]));
		localStorage.setItem('casemetrics.templates', JSON.stringify([{ name: 'Board' }]));
		const text = JSON.stringify(exportBundle(new Date('2024-06-01T00:00:00Z')));
		localStorage.clear();
		const parsed = parseBundle(text);
		expect(parsed.ok).toBe(true);
		if (!parsed.ok) return;
		const applied = applyBundle(parsed.bundle);
		expect(applied.summary).toBe('Imported: your settings, 1 import profile, 1 report template.');
		expect(JSON.parse(localStorage.getItem('casemetrics.settings')!)).toMatchObject({
			version: 1,
			staleDays: 45,
			firstContactSlaDays: 3
		});
		expect(JSON.parse(localStorage.getItem('casemetrics.profiles')!)).toEqual([profile('Monthly')]);
		expect(JSON.parse(localStorage.getItem('casemetrics.templates')!)).toEqual([{ name: 'Board' }]);
	});

	it('profiles and templates of the same name are replaced, others kept', () => {
		localStorage.setItem(
			'casemetrics.profiles',
			JSON.stringify([profile('Monthly'), profile('Old')])
		);
		localStorage.setItem(
			'casemetrics.templates',
			JSON.stringify([{ name: 'Board', v: 1 }, { name: 'Mine' }])
		);
		const bundle = {
			format: BUNDLE_MARK,
			version: 1,
			exportedAt: '',
			settings: null,
			profiles: [{ ...profile('Monthly'), savedAt: '2025-01-01T00:00:00Z' }],
			templates: [{ name: 'Board', v: 2 }]
		};
		const parsed = parseBundle(JSON.stringify(bundle));
		if (!parsed.ok) throw new Error(parsed.problems.join(' '));
		applyBundle(parsed.bundle);
		expect(
			JSON.parse(localStorage.getItem('casemetrics.profiles')!).map(
				(p: { name: string; savedAt: string }) => `${p.name} ${p.savedAt.slice(0, 4)}`
			)
		).toEqual(['Old 2024', 'Monthly 2025']);
		expect(JSON.parse(localStorage.getItem('casemetrics.templates')!)).toEqual([
			{ name: 'Mine' },
			{ name: 'Board', v: 2 }
		]);
		expect(localStorage.getItem('casemetrics.settings')).toBeNull();
	});

	it('a wrong file is refused with a clear message and nothing changes', () => {
		const cases = parseBundle('Case ID,Opened\nA-1,2024-01-01\n');
		expect(cases).toEqual({
			ok: false,
			message: 'This is not a Casemetrics settings file.',
			problems: [expect.stringContaining('not JSON')]
		});
		const other = parseBundle(JSON.stringify({ name: 'package', version: '1.0.0' }));
		expect(other.ok).toBe(false);
		if (!other.ok)
			expect(other.problems[0]).toContain('does not have the mark of a Casemetrics export');
		const newer = parseBundle(JSON.stringify({ format: BUNDLE_MARK, version: 2 }));
		expect(newer.ok ? '' : newer.message).toBe(
			'This settings file comes from a newer version of Casemetrics.'
		);
		expect(localStorage.length).toBe(0);
	});

	it('a damaged file lists each problem: bad settings, a broken profile, missing templates', () => {
		const parsed = parseBundle(
			JSON.stringify({
				format: BUNDLE_MARK,
				version: 1,
				settings: { staleDays: -3, colour: 'red' },
				profiles: [
					profile('Fine'),
					{ name: 'Broken', table: 'clients', signature: ['a'], columns: {}, savedAt: '' }
				]
			})
		);
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(parsed.message).toBe('This settings file is damaged; nothing was imported.');
		expect(parsed.problems).toEqual([
			'Settings: unknown setting "colour".',
			'Settings: staleDays must be a number of days >= 0.',
			'Import profile 2 ("Broken") has an unknown kind of data ("clients").',
			'Report templates: missing (expected a list).'
		]);
	});
});
