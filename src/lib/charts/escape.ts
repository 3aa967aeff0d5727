/**
 * ECharts renders tooltips as HTML. Every value that reaches a tooltip formatter (worker names,
 * case types, numbers) goes through `escapeHtml` first; axis labels, legends and titles are drawn
 * by ECharts as text. Control characters (a right-to-left override ...) are shown as their code: the
 * import writes every cell so (model/visible.ts), and `escapeHtml` does it again for any other text.
 */
import { visibleControls } from '../model/visible';

const HTML: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;',
	'`': '&#96;'
};

/** HTML-escaped text with its control characters shown as codes (a right-to-left override cannot reverse it). */
export function escapeHtml(value: unknown): string {
	return visibleControls(String(value ?? '')).replace(/[&<>"'`]/g, (c) => HTML[c]);
}
