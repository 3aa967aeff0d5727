/** The worker report's comparison: one worker's figures beside their team's (or the organisation's). */
import { countText, oneDecimal } from '../charts/format';
import { metricEntry } from '../metrics/catalogue';
import { Disclosure, isCountUnit } from './disclosure';
import { figureText, formatValue } from './format';
import { WORKER_COMPARE_IDS, type ReportData } from './gather';
import type { ReportCell, ReportColumn, ReportModel } from './model-types';
import { num, rowsOf, scalarOf } from './tables';
import type { ReportTemplate } from './template';

export function workerComparison(
	template: ReportTemplate,
	data: ReportData,
	d: Disclosure
): ReportModel['workerComparison'] {
	if (!data.team || template.scope.kind !== 'worker') return null;
	const worker = template.scope.values[0] ?? null;
	const workerLabel = d.worker(worker) ?? 'Worker';
	const teamLabel =
		data.team.office === null ? 'Whole organisation' : `Team (${data.team.office} office)`;
	const teamN = scalarOf(data.team.results.over_capacity_workers)?.n ?? null;
	const columns: ReportColumn[] = [
		{ key: 'figure', label: 'Figure', numeric: false },
		{ key: 'worker', label: workerLabel, numeric: true },
		{ key: 'team', label: teamLabel, numeric: true },
		{ key: 'per', label: `${teamLabel}, per worker`, numeric: true }
	];
	const rows: ReportCell[][] = [];
	const cell = (text: string, extra: Partial<ReportCell> = {}): ReportCell => ({
		text,
		numeric: true,
		count: false,
		suppressed: false,
		...extra
	});
	/** The number behind a shown figure, for the .xlsx export (none when hidden or missing). */
	const raw = (
		f: { value: number | null; suppressed: boolean } | null,
		unit: string
	): Partial<ReportCell> =>
		f && !f.suppressed && f.value !== null ? { value: f.value, unit } : {};
	for (const id of WORKER_COMPARE_IDS) {
		const entry = metricEntry(id);
		const w = scalarOf(data.now[id]);
		const t = scalarOf(data.team.results[id]);
		const dw = d.figure(w?.value ?? null, entry.unit, w?.n);
		const dt = d.figure(t?.value ?? null, entry.unit, t?.n);
		const count = isCountUnit(entry.unit);
		const per =
			count && !dt.suppressed && dt.value !== null && teamN ? oneDecimal(dt.value / teamN) : '';
		rows.push([
			{ text: entry.title, numeric: false, count: false, suppressed: false },
			cell(w?.unavailable ? 'not available' : (dw.text ?? figureText(dw.value, entry.unit)), {
				count,
				suppressed: dw.suppressed,
				...raw(w?.unavailable ? null : dw, entry.unit)
			}),
			cell(t?.unavailable ? 'not available' : (dt.text ?? figureText(dt.value, entry.unit)), {
				count,
				suppressed: dt.suppressed,
				...raw(t?.unavailable ? null : dt, entry.unit)
			}),
			cell(per, per ? raw({ value: dt.value! / teamN!, suppressed: false }, 'average') : {})
		]);
	}
	// Utilisation: the worker's, and the team's total active caseload over its total capacity.
	const wRow = rowsOf(data.now.utilisation_by_worker).find((r) => r.worker === worker);
	const tRows = rowsOf(data.team.results.utilisation_by_worker);
	const tActive = tRows.reduce((a, r) => a + (num(r.active) ?? 0), 0);
	const tCap = tRows.reduce((a, r) => a + (num(r.capacity) ?? 0), 0);
	const wUtil = d.tooFew(num(wRow?.active)) ? null : num(wRow?.utilisation);
	rows.push([
		{
			text: 'Utilisation (active caseload / capacity)',
			numeric: false,
			count: false,
			suppressed: false
		},
		cell(d.tooFew(num(wRow?.active)) ? `n<${d.threshold}` : formatValue(wUtil, 'share'), {
			suppressed: d.tooFew(num(wRow?.active)),
			...raw({ value: wUtil, suppressed: d.tooFew(num(wRow?.active)) }, 'share')
		}),
		cell(
			tCap > 0 ? formatValue(tActive / tCap, 'share') : '–',
			raw({ value: tCap > 0 ? tActive / tCap : null, suppressed: false }, 'share')
		),
		cell('')
	]);
	const beside = teamLabel.toLowerCase().startsWith('team') ? 'the team' : 'the organisation';
	return {
		workerLabel,
		teamLabel,
		note: template.notes.worker ?? '',
		table: {
			id: 'worker-vs-team',
			title: `${workerLabel} beside ${beside}`,
			columns,
			rows,
			note: teamN ? `The team has ${countText(teamN, 'worker')}.` : null,
			empty: null
		}
	};
}
