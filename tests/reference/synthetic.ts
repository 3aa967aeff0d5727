/**
 * Seeded random case data for comparing the engine with the reference on what the sample data has
 * little of: times of day everywhere (fractional days, ties), mixed precisions, cases closed before
 * they were opened, blanks in every optional column, letter-case variants in settings keys.
 * writeSyntheticExport writes it as raw CSV files (headers: the reference's column names), which
 * src imports as a user would and the reference parses with SYNTHETIC_COLUMNS.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';

export type SyntheticRow = Record<string, string | number | null>;
export interface SyntheticTables {
	cases: SyntheticRow[];
	goals: SyntheticRow[];
	events: SyntheticRow[];
	staff: SyntheticRow[];
}

function rng(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);

export interface SyntheticOptions {
	seed: number;
	cases: number;
	/** Which date columns carry a time of day. */
	timed: { opened: boolean; closed: boolean; other: boolean; events: boolean; goals: boolean };
}

export const TYPES = ['Housing', 'Debt', 'Family', 'Benefits'];
export const WORKERS = ['Ann', 'Bob', 'Cy', 'Dee', 'Eve', 'Fay'];

export function syntheticTables(o: SyntheticOptions): SyntheticTables {
	const r = rng(o.seed);
	const pick = <T>(list: T[]) => list[Math.floor(r() * list.length)];
	const fmt = (ms: number, timed: boolean) => {
		const iso = new Date(ms).toISOString();
		return timed ? `${iso.slice(0, 10)} ${iso.slice(11, 19)}` : iso.slice(0, 10);
	};
	// Times of day at whole minutes, some exactly midnight, so that ties happen.
	const moment = (day: number, timed: boolean) =>
		START + day * DAY + (timed && r() < 0.8 ? Math.floor(r() * 1440) * 60_000 : 0);
	const cases: SyntheticRow[] = [];
	const goals: SyntheticRow[] = [];
	const events: SyntheticRow[] = [];
	for (let i = 0; i < o.cases; i++) {
		const id = `C${String(i).padStart(5, '0')}`;
		const openDay = Math.floor(r() * 730);
		const opened = moment(openDay, o.timed.opened);
		let closed: number | null = null;
		const u = r();
		if (u < 0.02)
			closed = opened - Math.floor(1 + r() * 5) * DAY; // closed before opened
		else if (u < 0.8)
			closed = moment(
				openDay + Math.floor(r() < 0.2 ? r() * 10 : Math.exp(2 + r() * 4.5)),
				o.timed.closed
			);
		const type = r() < 0.05 ? null : pick(TYPES);
		const worker = r() < 0.05 ? null : pick(WORKERS);
		const intake = r() < 0.7 ? moment(openDay - Math.floor(r() * 6), o.timed.other) : null;
		const base = intake ?? opened;
		cases.push({
			case_id: id,
			opened_at: fmt(opened, o.timed.opened),
			closed_at: closed === null ? null : fmt(closed, o.timed.closed),
			case_type: type,
			worker,
			office: r() < 0.05 ? null : pick(['North', 'South', 'East']),
			priority: pick(['Low', 'Normal', 'High']),
			status: closed === null ? 'Open' : 'Closed',
			close_reason:
				closed !== null && r() < 0.9 ? pick(['Advice', 'Settled', 'Court', 'Withdrawn']) : null,
			intake_at: intake === null ? null : fmt(intake, o.timed.other),
			first_contact_at:
				r() < 0.7 ? fmt(base + Math.floor(r() * 6 * 1440) * 60_000, o.timed.other) : null,
			due_at:
				r() < 0.5
					? fmt(moment(openDay + Math.floor(r() * 200), o.timed.other), o.timed.other)
					: null,
			'last activity':
				r() < 0.7
					? fmt(moment(openDay + Math.floor(r() * 300), o.timed.other), o.timed.other)
					: null,
			satisfaction: closed !== null && r() < 0.4 ? Math.floor(r() * 11) : null
		});
		const nGoals = Math.floor(r() * 4);
		for (let g = 0; g < nGoals; g++) {
			const target = moment(openDay + 30 + Math.floor(r() * 200), o.timed.goals);
			const achieved =
				r() < 0.5 ? moment(openDay + 20 + Math.floor(r() * 250), o.timed.goals) : null;
			goals.push({
				case_id: id,
				goal_id: `${id}-g${g}`,
				'target date': r() < 0.95 ? fmt(target, o.timed.goals) : null,
				'achieved date': achieved === null ? null : fmt(achieved, o.timed.goals),
				gas_score: r() < 0.7 ? Math.floor(r() * 5) - 2 : null,
				weight: r() < 0.5 ? 1 + Math.floor(r() * 5) : r() < 0.05 ? 0 : null
			});
		}
		const nEvents = Math.floor(r() * 5);
		for (let e = 0; e < nEvents; e++) {
			const due = moment(openDay + Math.floor(r() * 400) - 5, o.timed.events);
			const done = r() < 0.7 ? due + Math.floor((r() * 20 - 8) * 1440) * 60_000 : null;
			events.push({
				case_id: r() < 0.02 ? 'NO-SUCH-CASE' : id,
				kind: pick(['contact', 'review', 'deadline', 'hearing', 'other']),
				due_at: r() < 0.9 ? fmt(due, o.timed.events) : null,
				done_at:
					done === null
						? null
						: fmt(o.timed.events ? done : Math.floor(done / DAY) * DAY, o.timed.events)
			});
		}
	}
	const staff: SyntheticRow[] = [
		{ worker: 'Ann', office: 'North', fte: 1, capacity: null },
		{ worker: 'Bob', office: 'South', fte: 0.5, capacity: null },
		{ worker: 'Cy', office: 'North', fte: null, capacity: 60 },
		{ worker: 'Dee', office: null, fte: 0.8, capacity: 30 },
		{ worker: 'Eve', office: 'East', fte: 1, capacity: 0 },
		{ worker: 'Gil', office: 'East', fte: 1, capacity: null }
	];
	return { cases, goals, events, staff };
}

const HEADERS: Record<keyof SyntheticTables, string[]> = {
	cases: [
		'case_id',
		'opened_at',
		'closed_at',
		'case_type',
		'worker',
		'office',
		'priority',
		'status',
		'close_reason',
		'intake_at',
		'first_contact_at',
		'due_at',
		'last activity',
		'satisfaction'
	],
	goals: ['case_id', 'goal_id', 'target date', 'achieved date', 'gas_score', 'weight'],
	events: ['case_id', 'kind', 'due_at', 'done_at'],
	staff: ['worker', 'office', 'fte', 'capacity']
};

/** Writes the four tables as CSV files in a new temporary folder; returns their paths. */
export function writeSyntheticExport(o: SyntheticOptions): {
	cases: string;
	goals: string;
	events: string;
	staff: string;
} {
	const tables = syntheticTables(o);
	const dir = mkdtempSync(path.join(tmpdir(), `casemetrics-synthetic-${o.seed}-`));
	const write = (name: keyof SyntheticTables) => {
		const file = path.join(dir, `${name}.csv`);
		const rows = tables[name].map((r) => HEADERS[name].map((h) => r[h] ?? ''));
		writeFileSync(
			file,
			Papa.unparse({ fields: HEADERS[name], data: rows }, { newline: '\n' }) + '\n'
		);
		return file;
	};
	return {
		cases: write('cases'),
		goals: write('goals'),
		events: write('events'),
		staff: write('staff')
	};
}
