/**
 * A cross-filter keeps its chart's context: every category stays drawn, the selected ones keep their
 * colour and the others are dimmed; the marks and the description say which are selected.
 */
import { describe, expect, it } from 'vitest';
import { caseloadByWorker, caseloadHeatmap, closeByType } from '../../../src/lib/charts/options';
import { DIMMED, withSelection } from '../../../src/lib/charts/selection';

const workers = [
	{ worker: 'Ann', active: 30, capacity: 20, utilisation: 1.5, over_capacity: true },
	{ worker: 'Bob', active: 12, capacity: 20, utilisation: 0.6, over_capacity: false },
	{ worker: null, active: 4, capacity: 20, utilisation: 0.2, over_capacity: false }
];
const data = (option: unknown, i: number) =>
	(option as { series: { data: unknown[] }[] }).series[i].data;

describe('withSelection', () => {
	it('dims every bar but the selected worker, in every series, and says so', () => {
		const spec = withSelection(caseloadByWorker(workers), ['Bob']);
		expect((spec.option.yAxis as { data: string[] }).data).toEqual(['Ann', 'Bob', '(blank)']);
		// Within capacity: Ann is over (null), Bob 12, blank 4.
		expect(data(spec.option, 0)).toEqual([
			{ value: null, itemStyle: { opacity: DIMMED } },
			12,
			{ value: 4, itemStyle: { opacity: DIMMED } }
		]);
		// Capacity marks: 20 each, Bob's undimmed.
		expect(data(spec.option, 2)).toEqual([
			{ value: 20, itemStyle: { opacity: DIMMED } },
			20,
			{ value: 20, itemStyle: { opacity: DIMMED } }
		]);
		expect(spec.marks?.map((m) => m.label.endsWith('(selected)'))).toEqual([false, true, false]);
		expect(spec.description).toMatch(/ Selected: Bob; the others are dimmed\.$/);
	});

	it('a blank value selects the "(blank)" category; a box keeps its five figures', () => {
		const types = [
			{ case_type: 'Housing', n: 3, min: 1, q1: 2, median: 3, q3: 4, max: 5 },
			{ case_type: null, n: 2, min: 6, q1: 7, median: 8, q3: 9, max: 10 }
		];
		const spec = withSelection(closeByType(types), [null]);
		expect(data(spec.option, 0)).toEqual([
			{ value: [1, 2, 3, 4, 5], itemStyle: { opacity: DIMMED } },
			[6, 7, 8, 9, 10]
		]);
	});

	it('a heatmap dims the cells of the other rows', () => {
		const rows = [
			{ month: '2024-01-01', worker: 'Ann', cases: 3, active: 3 },
			{ month: '2024-01-01', worker: 'Bob', cases: 5, active: 5 }
		];
		const spec = withSelection(caseloadHeatmap(rows), ['Ann']);
		const labels = (spec.option.yAxis as { data: string[] }).data;
		const cells = data(spec.option, 0) as unknown[];
		const ann = labels.indexOf('Ann');
		for (const cell of cells) {
			const dimmed = !Array.isArray(cell);
			const row = dimmed ? (cell as { value: number[] }).value[1] : (cell as number[])[1];
			expect(dimmed).toBe(row !== ann);
		}
		expect(cells).toHaveLength(2);
	});

	it('changes nothing when nothing drawn is selected', () => {
		const spec = caseloadByWorker(workers);
		expect(withSelection(spec, [])).toBe(spec);
		expect(withSelection(spec, ['Zoe'])).toBe(spec);
	});
});
