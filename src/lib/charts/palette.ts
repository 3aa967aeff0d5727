/**
 * Okabe and Ito's palette (2008), distinguishable with the common colour-vision deficiencies.
 * Black is left out of series colours; the order puts the most distinct pairs first.
 */
export const OKABE_ITO = {
	blue: '#0072B2',
	orange: '#E69F00',
	green: '#009E73',
	vermillion: '#D55E00',
	sky: '#56B4E9',
	purple: '#CC79A7',
	yellow: '#F0E442',
	black: '#000000'
} as const;

export const SERIES_COLOURS = [
	OKABE_ITO.blue,
	OKABE_ITO.orange,
	OKABE_ITO.green,
	OKABE_ITO.vermillion,
	OKABE_ITO.sky,
	OKABE_ITO.purple,
	'#7f6d00',
	'#555555'
];

/** A sequential scale for heatmaps (viridis stops: monotone in lightness, colour-blind safe). */
export const SEQUENTIAL = ['#fde725', '#7ad151', '#22a884', '#2a788e', '#414487', '#440154'];

/** Colour for "standard missed" marks and "within standard" marks. */
export const MISSED = OKABE_ITO.vermillion;
export const WITHIN = OKABE_ITO.blue;

export function seriesColour(i: number): string {
	return SERIES_COLOURS[
		((i % SERIES_COLOURS.length) + SERIES_COLOURS.length) % SERIES_COLOURS.length
	];
}
