/**
 * The printed page: paper sizes, the width charts are drawn at, and the `@page` rules with the
 * running head ("title · scope" top left, "period · as of" top right) and "Page N of M" in the page
 * margins. CSS margin boxes with counter(page) and counter(pages) work in Chromium 131 and later, so
 * the browser's own print dialog and "Save as PDF" carry them too, not only a scripted print.
 */
import { cssString } from './format';
import type { Orientation, Paper } from './template';

/** Paper sizes in millimetres (portrait). */
export const PAPER_MM: Record<Paper, { width: number; height: number; css: string }> = {
	A4: { width: 210, height: 297, css: 'A4' },
	Letter: { width: 215.9, height: 279.4, css: 'letter' }
};

/** Page margins in millimetres: top and bottom hold the running head and the page number. */
export const MARGIN_MM = { top: 17, right: 14, bottom: 16, left: 14 };

const PX_PER_MM = 96 / 25.4;

/** The printable width in CSS pixels: what charts and the on-screen page are laid out at. */
export function contentWidthPx(paper: Paper, orientation: Orientation): number {
	const p = PAPER_MM[paper];
	const width = orientation === 'landscape' ? p.height : p.width;
	return Math.floor((width - MARGIN_MM.left - MARGIN_MM.right) * PX_PER_MM) - 2;
}

/** The printable height in CSS pixels (charts taller than this would be cut; they are capped below it). */
export function contentHeightPx(paper: Paper, orientation: Orientation): number {
	const p = PAPER_MM[paper];
	const height = orientation === 'landscape' ? p.width : p.height;
	return Math.floor((height - MARGIN_MM.top - MARGIN_MM.bottom) * PX_PER_MM) - 2;
}

export interface PageCssInput {
	paper: Paper;
	orientation: Orientation;
	head: [string, string];
	/** Bottom left, e.g. "Casemetrics · generated …". */
	foot: string;
}

/** The `@page` rules for a report; every text is written as an escaped CSS string. */
export function pageCss({ paper, orientation, head, foot }: PageCssInput): string {
	const m = MARGIN_MM;
	const box =
		'font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 8pt; color: #222;';
	return `@page {
	size: ${PAPER_MM[paper].css} ${orientation};
	margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm;
	@top-left { content: ${cssString(head[0])}; ${box} vertical-align: bottom; padding-bottom: 3mm; }
	@top-right {
		content: ${cssString(head[1])}; ${box} vertical-align: bottom; padding-bottom: 3mm; white-space: nowrap;
	}
	@bottom-left { content: ${cssString(foot)}; ${box} vertical-align: top; padding-top: 3mm; }
	@bottom-right {
		content: "Page " counter(page) " of " counter(pages); ${box} vertical-align: top; padding-top: 3mm;
		white-space: nowrap;
	}
}`;
}
