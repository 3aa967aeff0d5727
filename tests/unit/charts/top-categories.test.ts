/**
 * Many categories: a chart draws the largest values and one "Other (N values)" mark, its table keeps
 * every value, and selecting "Other" opens its list. The 500 case types are built at test time and
 * their figures computed by the real engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	caseloadByWorker,
	caseloadHeatmap,
	closeByType,
	outcomeMix,
	type ChartSpec
} from '../../../src/lib/charts/options';
import { topRows } from '../../../src/lib/charts/spec';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import { computeArea, tableRows } from '../../../src/lib/metrics/run';
import { ctx, loadFixture, scope } from '../metrics/fixture';

const categories = (spec: ChartSpec) => (spec.option.yAxis as { data: string[] }).data;
const seriesData = (spec: ChartSpec, i = 0) =>
	(spec.option.series as { data: unknown[] }[])[i].data;

describe('the largest values and "Other"', () => {
	it('keeps the rows in their order, the largest by size, the earlier of two equal', () => {
		const rows = [5, 1, 9, 5, 3].map((size, i) => ({ i, size }));
		expect(topRows(rows, (r) => r.size, 3).shown.map((r) => r.i)).toEqual([0, 2, 3]);
		expect(topRows(rows, (r) => r.size, 3).rest.map((r) => r.i)).toEqual([1, 4]);
		expect(topRows(rows, (r) => r.size, 5).rest).toEqual([]);
	});

	let engine: Engine;
	beforeAll(async () => {
		engine = await createNodeEngine();
	});
	afterAll(async () => engine.close());

	it('a file with 500 case types draws 13 boxes: the 12 most closed and Other (488 values)', async () => {
		// Types T000..T011 close 20 - i cases each (20 down to 9), T012..T499 one case each.
		const cases = [];
		for (let t = 0; t < 500; t++) {
			const type = `T${String(t).padStart(3, '0')}`;
			const closings = t < 12 ? 20 - t : 1;
			for (let k = 0; k < closings; k++)
				cases.push({
					case_id: `${type}-${k}`,
					case_type: type,
					worker: `W${t % 30}`,
					opened_at: '2025-01-10',
					closed_at: `2025-02-${String(1 + (k % 28)).padStart(2, '0')}`,
					close_reason: `R${t % 40}`
				});
		}
		const dataset = await loadFixture(engine, { cases });
		const c = ctx(dataset, scope('2025-12-31', '2025-01-01', '2025-12-31'));
		const results = await computeArea(engine, c, 'resolution');
		const rows = tableRows(results.days_to_close_by_type);
		expect(rows).toHaveLength(500);

		const spec = closeByType(rows, 12);
		expect(categories(spec)).toHaveLength(13);
		expect(seriesData(spec)).toHaveLength(13);
		expect(categories(spec).slice(0, 3)).toEqual(['T000', 'T001', 'T002']);
		expect(categories(spec)[11]).toBe('T011');
		expect(categories(spec)[12]).toBe('Other (488 values)');
		expect(spec.other?.values).toHaveLength(488);
		expect(spec.other?.values[0]).toBe('T012');
		expect(spec.other?.dim).toBe('case_type');
		// The table keeps every type.
		expect(spec.table.rows).toHaveLength(500);
		// Selecting a box filters by its type; selecting "Other" opens the list.
		expect(spec.onClick?.({ dataIndex: 1 })).toEqual({
			kind: 'filter',
			dim: 'case_type',
			value: 'T001'
		});
		expect(spec.onClick?.({ dataIndex: 12 })).toEqual({ kind: 'other' });
		expect(spec.description).toContain('500 case types');
		// The number is the setting's: 5 draws 6.
		expect(categories(closeByType(rows, 5))).toHaveLength(6);
	});

	it('close reasons: "Other" is one bar, the sum of the folded reasons', () => {
		const rows = Array.from({ length: 15 }, (_, i) => ({
			close_reason: `Reason ${i}`,
			n: 15 - i,
			share: (15 - i) / 120
		}));
		const spec = outcomeMix(rows, 12);
		expect(categories(spec)).toHaveLength(13);
		// Reasons 12, 13, 14 closed 3 + 2 + 1 = 6 cases.
		expect(seriesData(spec)[12]).toBe(6);
		expect(categories(spec)[12]).toBe('Other (3 values)');
		expect(spec.table.rows).toHaveLength(15);
	});

	it('workers: the 12 heaviest caseloads drawn, the heatmap sums the others into one row', () => {
		const workers = Array.from({ length: 14 }, (_, i) => ({
			worker: `W${i}`,
			active: 100 - i,
			capacity: 40,
			utilisation: (100 - i) / 40,
			over_capacity: true
		}));
		const bars = caseloadByWorker(workers, 12);
		expect(categories(bars)).toHaveLength(13);
		expect(bars.other?.values).toEqual(['W12', 'W13']);
		expect(bars.table.rows).toHaveLength(14);
		const months = ['2025-01-01', '2025-02-01'].flatMap((month) =>
			workers.map((w, i) => ({ month, worker: w.worker, cases: i + 1, active: i + 1 }))
		);
		const heat = caseloadHeatmap(months, 12);
		// W13 (14 cases a month) ... W2 are the 12 with most; W0 and W1 (1 + 2 = 3 a month) are Other.
		expect(categories(heat)).toHaveLength(13);
		expect(heat.other?.values).toEqual(['W0', 'W1']);
		const otherRow = (seriesData(heat) as number[][]).filter((d) => d[1] === 12);
		expect(otherRow.map((d) => d[2])).toEqual([3, 3]);
	});
});
