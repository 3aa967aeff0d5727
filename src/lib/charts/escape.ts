/**
 * ECharts renders tooltips as HTML. Every value that reaches a tooltip formatter (worker names,
 * case types, numbers) goes through `escapeHtml` first; axis labels, legends and titles are drawn
 * by ECharts as text and need nothing.
 */
const HTML: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;',
	'`': '&#96;'
};

export function escapeHtml(value: unknown): string {
	return String(value ?? '').replace(/[&<>"'`]/g, (c) => HTML[c]);
}
