import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import { importPaths } from '../../../src/lib/import/node';
import { drill, drillSql, metricContext } from '../../../src/lib/metrics/run';
import { defaultScope } from '../../../src/lib/metrics/scope';
import { defaultSettings } from '../../../src/lib/metrics/settings';
import type { MetricContext } from '../../../src/lib/metrics/types';
import { drillAll, drillPage, likePattern, queryColumns } from '../../../src/lib/state/drill';

const SAMPLE = path.resolve(import.meta.dirname, '../../../sample-data');
let engine: Engine;
let ctx: MetricContext;

beforeAll(async () => {
	engine = await createNodeEngine();
	const { dataset } = await importPaths(engine, {
		cases: `${SAMPLE}/cases.csv`,
		events: `${SAMPLE}/events.csv`
	});
	ctx = metricContext(await defaultScope(engine, dataset), defaultSettings(), dataset);
});
afterAll(async () => engine?.close());

describe('drill-down pages in SQL', () => {
	it("pages concatenate to exactly the metric module's drill rows, in its order", async () => {
		const sql = drillSql(ctx, 'days_to_close_median')!;
		const columns = await queryColumns(engine, sql);
		expect(columns).toContain('days_open');
		const all = await drill(engine, ctx, 'days_to_close_median');
		const pages = [];
		let total = 0;
		for (let offset = 0; offset < all.length; offset += 400) {
			const p = await drillPage(engine, sql, columns, { limit: 400, offset });
			total = p.total;
			pages.push(...p.rows);
		}
		expect(total).toBe(all.length);
		expect(pages).toEqual(all);
	});

	it('search matches any column, case-insensitively, with % and _ taken literally', async () => {
		const sql = drillSql(ctx, 'opened')!;
		const columns = await queryColumns(engine, sql);
		const all = await drill(engine, ctx, 'opened');
		const laura = all.filter((r) =>
			Object.values(r).some((v) =>
				String(v ?? '')
					.toLowerCase()
					.includes('laura')
			)
		);
		const p = await drillPage(engine, sql, columns, { search: 'LAURA', limit: 10_000, offset: 0 });
		expect(p.total).toBe(laura.length);
		expect(p.rows).toEqual(laura);
		expect(
			(await drillPage(engine, sql, columns, { search: "La_ra' OR 1=1 --", limit: 5, offset: 0 }))
				.total
		).toBe(0);
		expect(likePattern('50%_a\\')).toBe('%50\\%\\_a\\\\%');
	});

	it('sorts by a column with the drill order as tie-break; unknown columns are ignored', async () => {
		const sql = drillSql(ctx, 'opened')!;
		const columns = await queryColumns(engine, sql);
		const rows = await drillAll(engine, sql, columns, { sort: 'days_open', dir: 'desc' });
		const days = rows.map((r) => r.days_open as number);
		expect(days).toEqual([...days].sort((a, b) => b - a));
		const unsorted = await drillAll(engine, sql, columns, { sort: 'nope; DROP TABLE cases' });
		expect(unsorted).toEqual(await drill(engine, ctx, 'opened'));
	});
});
