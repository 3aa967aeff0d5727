/** The shapes of the report model: what the printed report shows, block by block. */
import type { ChartSpec } from '../charts/options';
import type { Area } from '../metrics/types';
import type { ExceptionId } from './gather';
import type { ReportTemplate } from './template';

export interface ReportCell {
	text: string;
	numeric: boolean;
	/** A count (cases, goals …): what disclosure control suppresses when small. */
	count: boolean;
	suppressed: boolean;
	/**
	 * What the .xlsx export writes instead of the text: the number (in `unit`) or the ISO date behind
	 * it. Absent for text cells and for suppressed ones (a hidden count never leaves in a download).
	 */
	value?: number | string;
	unit?: string;
}

export interface ReportColumn {
	key: string;
	label: string;
	numeric: boolean;
}

export interface ReportTable {
	id: string;
	title: string;
	columns: ReportColumn[];
	rows: ReportCell[][];
	/** Shown under the table (e.g. "first 50 of 212"). */
	note: string | null;
	/** Shown instead of an empty table. */
	empty: string | null;
}

export interface FigureRow {
	id: string;
	title: string;
	unit: string;
	/** The engine's value (null when undefined, unavailable or suppressed). */
	value: number | null;
	text: string;
	before: number | null;
	beforeText: string;
	change: string;
	/** The change judged by the figure's polarity: better, worse, the same; null when there is none. */
	direction: 'better' | 'worse' | 'same' | null;
	/** Beyond chance (true), within chance (false), or not tested (null). */
	significant: boolean | null;
	/** The judgement in words: "better, beyond chance", "worse, within chance", "too few cases to compare". */
	judgement: string;
	target: string | null;
	missed: boolean;
	suppressed: boolean;
	/** Why there is no value ("not available: …"), if there is none. */
	note: string | null;
}

export interface ChartBlock {
	/** The catalogue metric the chart draws (for the definitions appendix). */
	metric: string;
	spec: ChartSpec;
	caption: string;
}

/** A chart, or a table (with its heading unless it is the table of the chart just before it). */
export type AreaBlock =
	{ kind: 'chart'; chart: ChartBlock } | { kind: 'table'; table: ReportTable; heading: boolean };

export interface AreaSection {
	id: Area;
	title: string;
	figures: FigureRow[];
	/** Charts, each followed by the table of the figures behind it, in reading order. */
	blocks: AreaBlock[];
	/** The supervisor's note for the section, as typed. */
	note: string;
}

export interface ExceptionSection {
	id: ExceptionId;
	title: string;
	description: string;
	total: number;
	totalText: string;
	table: ReportTable;
}

export interface BriefFinding {
	kind: 'target' | 'change' | 'attention' | 'summary';
	/** The figure the finding is about, if one. */
	figure: string | null;
	text: string;
}

export interface BriefModel {
	/** Scope, period, comparison and as-of, as label and value. */
	/** `iso`: the machine-readable date behind a fact written as the settings write dates. */
	facts: { label: string; value: string; iso?: string }[];
	figures: FigureRow[];
	findings: BriefFinding[];
	/** Set when the comparison period holds no data: what the brief says instead of changes. */
	noComparison: string | null;
	note: string;
}

/** A section that prints one line instead of itself, because its data is not loaded. */
export interface MissingSection {
	id: string;
	title: string;
	line: string;
}

export interface AppendixEntry {
	id: string;
	title: string;
	definition: string;
	source: string;
}

export interface ReportModel {
	title: string;
	scopeLabel: string;
	/** Members of a team, when they may be named. */
	teamMembers: string[] | null;
	periodLabel: string;
	compareLabel: string;
	asOf: string;
	generated: string;
	/** The running head: the first part goes top left, the second top right, on every page. */
	head: [string, string];
	sources: { table: string; fileName: string; rows: string; importedAt: string }[];
	disclosure: string | null;
	paper: ReportTemplate['output']['paper'];
	orientation: ReportTemplate['output']['orientation'];
	brief: BriefModel | null;
	/** The fewest cases on each side for a change to be tested (the setting). */
	minCompareN: number;
	areas: AreaSection[];
	/** Areas chosen whose data is not loaded: one line each. */
	missing: MissingSection[];
	exceptions: { lists: ExceptionSection[]; note: string } | null;
	workerComparison: {
		workerLabel: string;
		teamLabel: string;
		table: ReportTable;
		note: string;
	} | null;
	/** The categorical tables whole, when the user asks for the full lists. */
	fullLists: ReportTable[] | null;
	appendix: { area: string; entries: AppendixEntry[] }[] | null;
	signoff: { preparedBy: string; reviewedBy: string } | null;
}
