/**
 * Baselines without DuckDB, on the same files and the same figures as the overview:
 *  - papaparse: parse each whole file (Papa.parse on the text), build columns, then array loops
 *    (lib/figures.ts);
 *  - Arquero: aq.fromCSV with the dates parsed on read, then the same aggregates as Arquero verbs.
 * Both read the file from disk as text first (counted), then parse and compute; each returns its
 * timings, figures for the default scope and for one office, and the process RSS after.
 */
import { readFileSync } from 'node:fs';
import * as aq from 'arquero';
import { op } from 'arquero';
import Papa from 'papaparse';
import { addDays, addMonths } from '../../src/lib/metrics/scope';
import type { Dataset } from './data';
import {
	computeFigures,
	eventKind,
	parseUsDate,
	type CaseCols,
	type DayScope,
	type EventCols,
	type Figures,
	type GoalCols,
	type StaffCols
} from './figures';

const DAY_MS = 86_400_000;
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The default scope from the data's latest opened or closed day: 12 months ending there. */
export function defaultDayScope(latest: number, offices: string[] | null = null): DayScope {
	const asOf = isoOf(Math.floor(latest));
	const from = addDays(addMonths(asOf, -12), 1);
	return {
		from: Date.parse(`${from}T00:00:00Z`) / DAY_MS,
		to: Math.floor(latest),
		asOf: Math.floor(latest),
		offices
	};
}

export interface BaselineRun {
	/** Reading, parsing and building columns (the "import"). */
	loadMs: number;
	/** The figures for the default scope. */
	overviewMs: number;
	/** load + overview: comparable to "file selected to overview shown". */
	totalMs: number;
	/** The figures again, for one office (a filter change). */
	filteredMs: number;
	figures: Figures;
	filteredFigures: Figures;
	rssAfter: number;
}

const clean = (v: string | undefined): string | null => {
	if (v === undefined) return null;
	const t = v.trim();
	return t === '' ? null : t;
};
const num = (v: string | undefined): number => {
	const t = clean(v);
	if (t === null) return NaN;
	const n = Number(t);
	return Number.isFinite(n) ? n : NaN;
};

function parseRows(file: string): string[][] {
	const text = readFileSync(file, 'utf8');
	const result = Papa.parse<string[]>(text, { header: false, skipEmptyLines: true });
	result.data.shift(); // header
	return result.data;
}

// ------------------------------------------------------------------------------------------------
// papaparse + loops

export function runPapaparse(data: Dataset, office: string): BaselineRun {
	const t0 = performance.now();
	const cr = parseRows(data.paths.cases);
	const n = cr.length;
	const dates = (col: number) => {
		const out = new Float64Array(n);
		for (let i = 0; i < n; i++) out[i] = parseUsDate(cr[i][col]);
		return out;
	};
	const text = (col: number) => cr.map((r) => clean(r[col]));
	const cases: CaseCols = {
		n,
		id: cr.map((r) => r[0].trim()),
		opened: dates(1),
		closed: dates(2),
		caseType: text(3),
		worker: text(4),
		office: text(5),
		intake: dates(9),
		firstContact: dates(10),
		lastActivity: dates(12)
	};
	cr.length = 0;
	const gr = parseRows(data.paths.goals);
	const goals: GoalCols = {
		n: gr.length,
		caseId: gr.map((r) => r[0].trim()),
		target: Float64Array.from(gr, (r) => parseUsDate(r[3])),
		achieved: Float64Array.from(gr, (r) => parseUsDate(r[4])),
		gas: Float64Array.from(gr, (r) => {
			const x = num(r[6]);
			return x >= -2 && x <= 2 && x === Math.round(x) ? x : NaN;
		}),
		weight: Float64Array.from(gr, (r) => num(r[7]))
	};
	gr.length = 0;
	const er = parseRows(data.paths.events);
	const events: EventCols = {
		n: er.length,
		caseId: er.map((r) => r[0].trim()),
		kind: er.map((r) => eventKind(clean(r[1]))),
		due: Float64Array.from(er, (r) => parseUsDate(r[2])),
		done: Float64Array.from(er, (r) => parseUsDate(r[3]))
	};
	er.length = 0;
	const sr = parseRows(data.paths.staff);
	const staff: StaffCols = {
		n: sr.length,
		worker: sr.map((r) => clean(r[0])),
		office: sr.map((r) => clean(r[1])),
		fte: Float64Array.from(sr, (r) => num(r[2])),
		capacity: Float64Array.from(sr, (r) => num(r[3]))
	};
	const t1 = performance.now();
	let latest = -Infinity;
	for (let i = 0; i < cases.n; i++) {
		if (cases.opened[i] > latest) latest = cases.opened[i];
		if (cases.closed[i] > latest) latest = cases.closed[i];
	}
	const figures = computeFigures(cases, goals, events, staff, defaultDayScope(latest));
	const t2 = performance.now();
	const filteredFigures = computeFigures(
		cases,
		goals,
		events,
		staff,
		defaultDayScope(latest, [office])
	);
	const t3 = performance.now();
	return {
		loadMs: t1 - t0,
		overviewMs: t2 - t1,
		totalMs: t2 - t0,
		filteredMs: t3 - t2,
		figures,
		filteredFigures,
		rssAfter: process.memoryUsage().rss
	};
}

// ------------------------------------------------------------------------------------------------
// Arquero

type Table = aq.ColumnTable;
// Arquero compiles these expressions from their source: they may use only `d`, `$` and `op`.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Row = any;

function readCsv(
	file: string,
	names: Record<string, string>,
	dateCols: string[],
	numCols: string[] = []
): Table {
	const parse: Record<string, (v: string) => unknown> = {};
	for (const c of dateCols)
		parse[c] = (v: string) => {
			const d = parseUsDate(v);
			return Number.isNaN(d) ? null : d;
		};
	for (const c of numCols)
		parse[c] = (v: string) => {
			const x = num(v);
			return Number.isNaN(x) ? null : x;
		};
	for (const c of Object.keys(names)) parse[c] ??= (v: string) => clean(v);
	return aq.fromCSV(readFileSync(file, 'utf8'), { parse, autoType: false }).select(names);
}

function arqueroFigures(
	cases: Table,
	goals: Table,
	events: Table,
	staff: Table,
	scope: DayScope
): Figures {
	const $ = { F: scope.from, E: scope.to + 1, A: scope.asOf, offices: scope.offices ?? [] };
	const filtered = scope.offices
		? cases.params($).filter((d: Row, p: Row) => op.includes(p.offices, d.office))
		: cases;
	const scoped = filtered
		.params($)
		.filter((d: Row) => d.opened != null)
		.derive({ closed: (d: Row) => (d.closed != null && d.closed < d.opened ? d.opened : d.closed) })
		.derive({
			closed_in: (d: Row, p: Row) => d.closed != null && d.closed >= p.F && d.closed < p.E,
			is_open: (d: Row, p: Row) =>
				op.floor(d.opened) <= p.A && (d.closed == null || op.floor(d.closed) > p.A),
			opened_in: (d: Row, p: Row) => d.opened >= p.F && d.opened < p.E
		});

	const res = scoped
		.params($)
		.rollup({
			opened: (d: Row) => op.sum(d.opened_in ? 1 : 0),
			closed: (d: Row) => op.sum(d.closed_in ? 1 : 0),
			dur_median: (d: Row) =>
				op.median(d.closed_in ? op.floor(d.closed) - op.floor(d.opened) : null),
			n_open: (d: Row) => op.sum(d.is_open ? 1 : 0),
			backlog: (d: Row, p: Row) => op.sum(d.is_open && p.A - op.floor(d.opened) > 540 ? 1 : 0)
		})
		.object() as Row;

	// Kaplan-Meier median over the period's openings.
	const km = scoped
		.params($)
		.filter((d: Row, p: Row) => d.opened_in && op.floor(d.opened) <= p.A)
		.derive({ ev: (d: Row, p: Row) => d.closed != null && op.floor(d.closed) <= p.A })
		.derive({
			t: (d: Row, p: Row) =>
				d.ev ? op.floor(d.closed) - op.floor(d.opened) : p.A - op.floor(d.opened)
		})
		.groupby('t')
		.rollup({ events: (d: Row) => op.sum(d.ev ? 1 : 0), n: op.count() })
		.orderby('t')
		.objects() as { t: number; events: number; n: number }[];
	let atRisk = km.reduce((a, r) => a + r.n, 0);
	let survival = 1;
	let kmMedian: number | null = null;
	for (const r of km) {
		survival *= 1 - r.events / atRisk;
		if (kmMedian === null && survival <= 0.5 + 1e-10) kmMedian = r.t;
		atRisk -= r.n;
	}

	// Goals of scoped cases.
	const pg = goals
		.join(scoped.select('case_id', 'opened', 'closed', 'is_open'), 'case_id')
		.params($)
		.derive({
			due: (d: Row, p: Row) => d.target != null && d.target >= p.F && d.target < p.E,
			met: (d: Row) =>
				d.achieved != null
					? op.floor(d.achieved) <= op.floor(d.target)
					: d.gas != null
						? d.gas >= 0
						: false,
			active: (d: Row, p: Row) =>
				(d.opened < p.E && (d.closed == null || d.closed >= p.F)) || d.is_open,
			w: (d: Row) => (d.weight == null ? 1 : d.weight)
		});
	const gm = pg
		.rollup({
			due: (d: Row) => op.sum(d.due ? 1 : 0),
			met: (d: Row) => op.sum(d.due && d.met ? 1 : 0)
		})
		.object() as Row;
	const gas = pg
		.filter((d: Row) => d.gas != null && d.active)
		.groupby('case_id')
		.rollup({
			swx: (d: Row) => op.sum(d.w * d.gas),
			sww: (d: Row) => op.sum(d.w * d.w),
			sw: (d: Row) => op.sum(d.w)
		})
		.derive({ den: (d: Row) => op.sqrt(0.7 * d.sww + 0.3 * d.sw * d.sw) })
		.filter((d: Row) => d.den > 0)
		.rollup({ t: (d: Row) => op.mean(50 + (10 * d.swx) / d.den) })
		.object() as Row;

	// Caseload: open cases per listed worker.
	const act = scoped
		.filter((d: Row) => d.is_open && d.worker != null)
		.groupby('worker')
		.count({ as: 'active' });
	const per = (
		scope.offices
			? staff.params($).filter((d: Row, p: Row) => op.includes(p.offices, d.office))
			: staff
	)
		.filter((d: Row) => d.worker != null)
		.derive({
			cap: (d: Row) => (d.capacity != null ? d.capacity : 40 * (d.fte != null ? d.fte : 1))
		})
		.groupby('worker')
		.rollup({ cap: (d: Row) => op.max(d.cap) })
		.join_left(act, 'worker')
		.derive({ active: (d: Row) => (d.active == null ? 0 : d.active) });
	const load = per
		.rollup({
			mean: (d: Row) => op.mean(d.active),
			sd: (d: Row) => op.stdevp(d.active),
			over: (d: Row) => op.sum(d.cap > 0 && d.active / d.cap > 1 ? 1 : 0)
		})
		.object() as Row;

	// First contact.
	const doneByAsOf = events
		.params($)
		.filter((d: Row, p: Row) => d.done != null && op.floor(d.done) <= p.A);
	const ev = doneByAsOf
		.filter((d: Row) => d.kind === 'contact')
		.groupby('case_id')
		.rollup({ ev_t: (d: Row) => op.min(d.done) });
	const fc = scoped
		.derive({ intake2: (d: Row) => (d.intake != null ? d.intake : d.opened) })
		.params($)
		.filter((d: Row, p: Row) => d.intake2 >= p.F && d.intake2 < p.E)
		.join_left(ev, 'case_id')
		.params($)
		.derive({
			fc_case: (d: Row, p: Row) =>
				d.first_contact != null && op.floor(d.first_contact) <= p.A ? d.first_contact : null
		})
		.derive({
			fc: (d: Row) =>
				d.fc_case == null ? d.ev_t : d.ev_t == null ? d.fc_case : op.least(d.fc_case, d.ev_t)
		})
		.params($)
		.derive({
			outcome: (d: Row, p: Row) =>
				d.fc != null
					? op.floor(d.fc) - op.floor(d.intake2) <= 3
						? 'on_time'
						: 'late'
					: p.A - op.floor(d.intake2) > 3
						? 'no_contact'
						: 'waiting'
		})
		.rollup({
			on_time: (d: Row) => op.sum(d.outcome === 'on_time' ? 1 : 0),
			counted: (d: Row) => op.sum(d.outcome !== 'waiting' ? 1 : 0)
		})
		.object() as Row;

	// Deadlines: the deadline and hearing events of scoped cases ("Next Review Due" is a review date).
	const dueIn = (d: Row, p: Row) =>
		d.due != null && d.due >= p.F && d.due < p.E && op.floor(d.due) <= p.A;
	const dlEvents = events
		.params($)
		.filter((d: Row) => d.kind === 'deadline' || d.kind === 'hearing')
		.filter(dueIn)
		.semijoin(scoped, 'case_id')
		.rollup({
			n: op.count(),
			met: (d: Row) => op.sum(d.done != null && op.floor(d.done) <= op.floor(d.due) ? 1 : 0)
		})
		.object() as Row;

	// Stale open cases.
	const la = doneByAsOf.groupby('case_id').rollup({ la_t: (d: Row) => op.max(d.done) });
	const stale = scoped
		.filter((d: Row) => d.is_open)
		.join_left(la, 'case_id')
		.params($)
		.derive({
			idle: (d: Row, p: Row) =>
				op.least(
					p.A - op.floor(d.opened),
					d.last_activity != null && op.floor(d.last_activity) <= p.A
						? p.A - op.floor(d.last_activity)
						: Infinity,
					d.la_t != null ? p.A - op.floor(d.la_t) : Infinity
				)
		})
		.rollup({ stale: (d: Row) => op.sum(d.idle > 60 ? 1 : 0) })
		.object() as Row;

	const dlN = dlEvents.n;
	return {
		clearance_rate: res.opened === 0 ? null : res.closed / res.opened,
		days_to_close_median: res.dur_median ?? null,
		km_median_days: kmMedian,
		backlog_share: res.n_open === 0 ? null : res.backlog / res.n_open,
		goals_met_rate: gm.due === 0 ? null : gm.met / gm.due,
		gas_t_mean: gas.t ?? null,
		caseload_cv: load.mean > 0 ? load.sd / load.mean : null,
		over_capacity_workers: load.over,
		first_contact_on_time: fc.counted === 0 ? null : fc.on_time / fc.counted,
		deadlines_met_rate: dlN === 0 ? null : dlEvents.met / dlN,
		stale_cases: stale.stale
	};
}

export function runArquero(data: Dataset, office: string): BaselineRun {
	const t0 = performance.now();
	const cases = readCsv(
		data.paths.cases,
		{
			'Matter Number': 'case_id',
			'Date Opened': 'opened',
			'Date Closed': 'closed',
			'Case Type': 'case_type',
			'Primary Advocate': 'worker',
			Office: 'office',
			'Intake Date': 'intake',
			'First Contact': 'first_contact',
			'Last Activity': 'last_activity'
		},
		['Date Opened', 'Date Closed', 'Intake Date', 'First Contact', 'Last Activity']
	);
	const goals = readCsv(
		data.paths.goals,
		{
			'Matter Number': 'case_id',
			'Target Date': 'target',
			'Achieved Date': 'achieved',
			'GAS Score': 'gas',
			Weight: 'weight'
		},
		['Target Date', 'Achieved Date'],
		['GAS Score', 'Weight']
	).derive({
		gas: (d: Row) =>
			d.gas != null && d.gas >= -2 && d.gas <= 2 && d.gas === op.round(d.gas) ? d.gas : null
	});
	const events = readCsv(
		data.paths.events,
		{
			'Matter Number': 'case_id',
			'Event Type': 'type',
			'Due Date': 'due',
			'Completed Date': 'done'
		},
		['Due Date', 'Completed Date']
	);
	// The event kind (a regular-expression classification) is a plain JavaScript function over the few labels.
	const kinds = new Map<string | null, string | null>();
	const typeCol = events.array('type') as (string | null)[];
	for (const t of typeCol) if (!kinds.has(t)) kinds.set(t, eventKind(t));
	const eventsK = events.assign({ kind: typeCol.map((t) => kinds.get(t) ?? null) });
	const staff = readCsv(
		data.paths.staff,
		{ Advocate: 'worker', Office: 'office', FTE: 'fte', Capacity: 'capacity' },
		[],
		['FTE', 'Capacity']
	);
	const t1 = performance.now();
	const m = cases
		.rollup({ o: (d: Row) => op.max(d.opened), c: (d: Row) => op.max(d.closed) })
		.object() as Row;
	const latest = Math.max(m.o, m.c ?? -Infinity);
	const figures = arqueroFigures(cases, goals, eventsK, staff, defaultDayScope(latest));
	const t2 = performance.now();
	const filteredFigures = arqueroFigures(
		cases,
		goals,
		eventsK,
		staff,
		defaultDayScope(latest, [office])
	);
	const t3 = performance.now();
	return {
		loadMs: t1 - t0,
		overviewMs: t2 - t1,
		totalMs: t2 - t0,
		filteredMs: t3 - t2,
		figures,
		filteredFigures,
		rssAfter: process.memoryUsage().rss
	};
}
