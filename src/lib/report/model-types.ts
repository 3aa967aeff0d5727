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
	target: string | null;
	missed: boolean;
	suppressed: boolean;
	/** Why there is no value ("not available: …"), if there is none. */
	note: string | null;
}

export interface ChartBlock {
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
}

export interface ExceptionSection {
	id: ExceptionId;
	title: string;
	description: string;
	total: number;
	totalText: string;
	table: ReportTable;
}

export interface AppendixEntry {
	id: string;
	title: string;
	definition: string;
	formula: string;
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
	cover: boolean;
	summary: { figures: FigureRow[]; narrative: string[] } | null;
	areas: AreaSection[];
	exceptions: ExceptionSection[] | null;
	workerComparison: { workerLabel: string; teamLabel: string; table: ReportTable } | null;
	appendix: { area: string; entries: AppendixEntry[] }[] | null;
	signoff: { preparedBy: string; reviewedBy: string } | null;
}
