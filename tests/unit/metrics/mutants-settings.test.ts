/**
 * Written from the Stryker survivors of metrics/settings.ts (tests/README.md): what an imported
 * settings file may hold, each problem named exactly, and the per-type lookups. No database.
 */
import { describe, expect, it } from 'vitest';
import {
	DEFAULT_SETTINGS,
	DEFAULT_TIERS,
	REQUIRED_COLUMNS,
	SATISFACTION_SCALES,
	defaultSettings,
	settingsToJson,
	tiersFor,
	validateSettings,
	weightFor,
	type Settings
} from '../../../src/lib/metrics/settings';

const errorsOf = (input: unknown): string[] => {
	const r = validateSettings(input);
	return r.ok ? [] : r.errors;
};
const settingsOf = (input: unknown): Settings => {
	const r = validateSettings(input);
	if (!r.ok) throw new Error(r.errors.join('; '));
	return r.settings;
};

describe('the defaults', () => {
	it('are the Model Time Standards and the documented values', () => {
		expect(DEFAULT_TIERS).toEqual([
			{ days: 180, target: 0.75 },
			{ days: 365, target: 0.9 },
			{ days: 540, target: 0.98 }
		]);
		// toMatchObject: other settings (worker targets, attention) have their own tests
		expect(DEFAULT_SETTINGS).toMatchObject({
			version: 1,
			timeStandards: { default: DEFAULT_TIERS, byType: {} },
			firstContactSlaDays: 3,
			staleDays: 60,
			attentionHorizonDays: 7,
			defaultCapacity: 40,
			caseWeights: {},
			requiredFields: [
				{ column: 'case_type' },
				{ column: 'worker' },
				{ column: 'close_reason', closedOnly: true }
			],
			satisfactionScale: 'auto'
		});
		expect(SATISFACTION_SCALES).toEqual(['auto', '1-5', '1-10', '0-10']);
		expect(REQUIRED_COLUMNS).toHaveLength(12);
	});
	it('each copy is a fresh one', () => {
		const a = defaultSettings();
		a.timeStandards.default[0].days = 1;
		expect(DEFAULT_SETTINGS.timeStandards.default[0].days).toBe(180);
		expect(defaultSettings()).toEqual(DEFAULT_SETTINGS);
	});
	it('an empty object is the defaults; the export is indented JSON that reads back the same', () => {
		expect(settingsOf({})).toEqual(DEFAULT_SETTINGS);
		const json = settingsToJson(DEFAULT_SETTINGS);
		expect(json.split('\n')[1]).toBe('  "version": 1,');
		expect(settingsOf(JSON.parse(json))).toEqual(DEFAULT_SETTINGS);
	});
});

describe('validation names each problem', () => {
	it('the whole value and unknown keys', () => {
		expect(validateSettings([])).toEqual({ ok: false, errors: ['settings must be a JSON object'] });
		expect(validateSettings('text')).toEqual({
			ok: false,
			errors: ['settings must be a JSON object']
		});
		expect(validateSettings(null)).toEqual({
			ok: false,
			errors: ['settings must be a JSON object']
		});
		expect(errorsOf({ colour: 'red', version: 2 })).toEqual([
			'unknown setting "colour"',
			'version must be 1'
		]);
		expect(errorsOf({ version: 1 })).toEqual([]);
	});
	it('time standards: shape, tiers, order, per-type length', () => {
		expect(errorsOf({ timeStandards: [] })).toEqual([
			'timeStandards must be { default: [...], byType: {...} }'
		]);
		expect(errorsOf({ timeStandards: { other: 1 } })).toEqual([
			'unknown setting "timeStandards.other"'
		]);
		expect(errorsOf({ timeStandards: { default: [] } })).toEqual([
			'timeStandards.default must be a non-empty list of tiers'
		]);
		expect(errorsOf({ timeStandards: { default: 'x' } })).toEqual([
			'timeStandards.default must be a non-empty list of tiers'
		]);
		const tierError = (i: number) =>
			`timeStandards.default[${i}] must be { days: number >= 0, target: share between 0 and 1 }`;
		expect(errorsOf({ timeStandards: { default: [{ days: -1, target: 0.5 }] } })).toEqual([
			tierError(0)
		]);
		expect(errorsOf({ timeStandards: { default: [{ days: 10, target: 1.01 }] } })).toEqual([
			tierError(0)
		]);
		expect(errorsOf({ timeStandards: { default: [{ days: 10, target: -0.01 }] } })).toEqual([
			tierError(0)
		]);
		expect(errorsOf({ timeStandards: { default: [{ days: 10, target: '0.5' }] } })).toEqual([
			tierError(0)
		]);
		expect(errorsOf({ timeStandards: { default: [{ days: 10 }, null] } })).toEqual([
			tierError(0),
			tierError(1)
		]);
		// the edges are allowed
		expect(
			settingsOf({
				timeStandards: {
					default: [
						{ days: 0, target: 0 },
						{ days: 5, target: 1 }
					]
				}
			}).timeStandards.default
		).toEqual([
			{ days: 0, target: 0 },
			{ days: 5, target: 1 }
		]);
		expect(
			errorsOf({
				timeStandards: {
					default: [
						{ days: 10, target: 0.5 },
						{ days: 10, target: 0.9 }
					]
				}
			})
		).toEqual(['timeStandards.default: tiers must be in ascending days']);
		// after a bad tier, order is not judged against a tier that was dropped
		expect(
			errorsOf({
				timeStandards: {
					default: [
						{ days: 10, target: 2 },
						{ days: 5, target: 0.9 }
					]
				}
			})
		).toEqual([tierError(0)]);
		const byType = settingsOf({
			timeStandards: {
				default: [{ days: 30, target: 0.5 }],
				byType: { ' Appeal ': [{ days: 60, target: 0.8 }] }
			}
		}).timeStandards;
		expect(byType).toEqual({
			default: [{ days: 30, target: 0.5 }],
			byType: { Appeal: [{ days: 60, target: 0.8 }] }
		});
		expect(
			errorsOf({ timeStandards: { byType: { Appeal: [{ days: 60, target: 0.8 }] } } })
		).toEqual(['timeStandards.byType["Appeal"] must have 3 tiers, like the default']);
	});
	it('keyed by case type: an object, no empty or repeated type', () => {
		expect(errorsOf({ caseWeights: [] })).toEqual([
			'caseWeights must be an object keyed by case type'
		]);
		expect(errorsOf({ caseWeights: { '  ': 2 } })).toEqual(['caseWeights has an empty case type']);
		expect(errorsOf({ caseWeights: { Appeal: 2, ' appeal': 3 } })).toEqual([
			'caseWeights lists "Appeal" and " appeal", the same case type'
		]);
		// the repeat check folds case as the lookups do (lower case): 'Straße' and 'STRASSE' are two types
		expect(errorsOf({ caseWeights: { Straße: 1, STRASSE: 2 } })).toEqual([]);
		expect(errorsOf({ caseWeights: { Appeal: -1 } })).toEqual([
			'caseWeights["Appeal"] must be a number >= 0'
		]);
		expect(settingsOf({ caseWeights: { ' Appeal ': 0, Civil: 2.5 } }).caseWeights).toEqual({
			Appeal: 0,
			Civil: 2.5
		});
	});
	it('days, capacity and scale', () => {
		expect(settingsOf({ firstContactSlaDays: 0, staleDays: 14 })).toMatchObject({
			firstContactSlaDays: 0,
			staleDays: 14
		});
		expect(errorsOf({ firstContactSlaDays: -1, staleDays: Infinity })).toEqual([
			'firstContactSlaDays must be a number of days >= 0',
			'staleDays must be a number of days >= 0'
		]);
		expect(errorsOf({ staleDays: '60' })).toEqual(['staleDays must be a number of days >= 0']);
		expect(settingsOf({ defaultCapacity: 0.5 }).defaultCapacity).toBe(0.5);
		for (const bad of [0, -3, Number.NaN, Infinity, '40'])
			expect(errorsOf({ defaultCapacity: bad })).toEqual([
				'defaultCapacity must be a number of cases > 0'
			]);
		expect(settingsOf({ satisfactionScale: '0-10' }).satisfactionScale).toBe('0-10');
		expect(errorsOf({ satisfactionScale: '1-7' })).toEqual([
			'satisfactionScale must be one of auto, 1-5, 1-10, 0-10'
		]);
	});
	it('required fields: known columns, a boolean closedOnly, no repeats', () => {
		expect(
			settingsOf({
				requiredFields: [
					{ column: 'office' },
					{ column: 'closed_at', closedOnly: true },
					{
						column: 'worker',
						closedOnly: false
					}
				]
			}).requiredFields
		).toEqual([
			{ column: 'office' },
			{ column: 'closed_at', closedOnly: true },
			{ column: 'worker' }
		]);
		expect(settingsOf({ requiredFields: [] }).requiredFields).toEqual([]);
		expect(errorsOf({ requiredFields: {} })).toEqual(['requiredFields must be a list']);
		const fieldError = (i: number) =>
			`requiredFields[${i}] must be { column: one of ${REQUIRED_COLUMNS.join(', ')}, closedOnly?: boolean }`;
		expect(
			errorsOf({
				requiredFields: [{ column: 'colour' }, 'office', { column: 'office', closedOnly: 'yes' }]
			})
		).toEqual([fieldError(0), fieldError(1), fieldError(2)]);
		expect(
			errorsOf({ requiredFields: [{ column: 'office' }, { column: 'office', closedOnly: true }] })
		).toEqual(['requiredFields lists office twice']);
	});
});

describe('per case type lookups ignore letter case and spaces', () => {
	const s: Settings = {
		...defaultSettings(),
		timeStandards: { default: DEFAULT_TIERS, byType: { ' Appeal ': [{ days: 1, target: 1 }] } },
		caseWeights: { 'Civil ': 2 }
	};
	it('tiers', () => {
		expect(tiersFor(s, 'APPEAL')).toEqual([{ days: 1, target: 1 }]);
		expect(tiersFor(s, ' appeal ')).toEqual([{ days: 1, target: 1 }]);
		expect(tiersFor(s, 'civil')).toBe(DEFAULT_TIERS);
		expect(tiersFor(s, null)).toBe(DEFAULT_TIERS);
	});
	it('weights', () => {
		expect(weightFor(s, ' civil')).toBe(2);
		expect(weightFor(s, 'Appeal')).toBe(1);
		expect(weightFor(s, null)).toBe(1);
	});
});

describe('worker and office targets', () => {
	it('an imported partial set keeps the other defaults; per office as given', () => {
		const s = settingsOf({
			workerTargets: { stale: 5 },
			officeTargets: { North: { utilisation: 0.9 } }
		});
		expect(s.workerTargets).toEqual({ ...DEFAULT_SETTINGS.workerTargets, stale: 5 });
		expect(s.officeTargets).toEqual({ North: { utilisation: 0.9 } });
	});
	it('their problems are named', () => {
		expect(errorsOf({ workerTargets: 3 })).toEqual(['workerTargets must be an object of targets']);
		expect(errorsOf({ officeTargets: [] })).toEqual([
			'officeTargets must be an object keyed by office'
		]);
	});
});
