import type { Engine } from '../engine/types';

export interface DataSummary {
	cases: number;
	open: number;
	workers: number;
	offices: number;
	caseTypes: number;
	firstOpened: string | null;
	lastOpened: string | null;
	goals: number;
	events: number;
	staff: number;
}

/** The headline counts of what is loaded, shown after every import. */
export async function summarise(engine: Engine): Promise<DataSummary> {
	const [row] = await engine.query<DataSummary & Record<string, unknown>>(`
		SELECT count(*)::INTEGER AS cases,
		       count(*) FILTER (WHERE closed_at IS NULL)::INTEGER AS open,
		       count(DISTINCT worker)::INTEGER AS workers,
		       count(DISTINCT office)::INTEGER AS offices,
		       count(DISTINCT case_type)::INTEGER AS "caseTypes",
		       strftime(min(opened_at), '%Y-%m-%d') AS "firstOpened",
		       strftime(max(opened_at), '%Y-%m-%d') AS "lastOpened",
		       (SELECT count(*)::INTEGER FROM goals) AS goals,
		       (SELECT count(*)::INTEGER FROM events) AS events,
		       (SELECT count(*)::INTEGER FROM staff) AS staff
		FROM cases`);
	return row;
}
