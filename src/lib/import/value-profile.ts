/**
 * What a column's sample values are like, beyond their kind: how many are filled, how many differ,
 * how long they are, and whether they look like street addresses or map coordinates. The mapping
 * reads it to veto names ("Location" holding coordinates is no office) and to say how sure it is.
 */

export interface ValueProfile {
	/** Sample rows looked at. */
	rows: number;
	/** Rows with a value (not blank, not a placeholder). */
	present: number;
	/** Distinct values among them. */
	distinct: number;
	/** Rows holding the most common value. */
	topCount: number;
	/** Mean length of the present values, in characters. */
	meanLength: number;
	/** Share of present values that look like street addresses ("3400 GARRISON BLVD"). */
	addressShare: number;
	/** Share of present values that are coordinates ("(39.34, -76.66)", "-76.6692365"). */
	coordinateShare: number;
}

/** Street words written after the house number ("3400 GARRISON BLVD", "12 Main Street"). */
const STREET_AFTER_NUMBER =
	'st|street|ave|avenue|rd|road|blvd|boulevard|dr|drive|ln|lane|way|ct|hwy|highway|pkwy|ter|terrace|cir';
/** Street words written before it ("rue de la Paix 3", "Calle Mayor 5", "Rua Augusta 10"). */
const STREET_BEFORE_NUMBER = 'rue|avenue|avenida|calle|rua|via|strasse|straße';
/** Street names ending in a street word ("Hauptstraße 5", "Kerkstraat 12", "Ringweg 3"). */
const STREET_SUFFIX = 'strasse|straße|str\\.|weg|gasse|platz|straat|laan|plein|gracht';
const ADDRESS_RE = new RegExp(
	[
		`^\\d+[a-z]?\\s+.*\\b(${STREET_AFTER_NUMBER})\\b`,
		`^(${STREET_BEFORE_NUMBER})\\b.*\\s\\d+[a-z]?\\b`,
		`[a-zäöüß]+(${STREET_SUFFIX})\\s*\\d+`
	].join('|'),
	'i'
);
/** A latitude/longitude pair, a POINT, or one long-decimal degree value. */
const PAIR_RE = /^\(?\s*-?\d{1,3}\.\d+\s*[,;]\s*-?\d{1,3}\.\d+\s*\)?$/;
const POINT_RE = /^POINT\s*\(\s*-?\d+(\.\d+)?\s+-?\d+(\.\d+)?\s*\)$/i;
const DEGREES_RE = /^-?\d{1,3}[.,]\d{4,}$/;

const DIGIT = /\d/;

export function isAddress(value: string): boolean {
	return ADDRESS_RE.test(value);
}

export function isCoordinate(value: string): boolean {
	if (PAIR_RE.test(value) || POINT_RE.test(value)) return true;
	return DEGREES_RE.test(value) && Math.abs(Number(value.replace(',', '.'))) <= 180;
}

/** The profile of a column from its sample cells (`values`: the cells that hold a value). */
export function profileValues(cells: string[], values: string[]): ValueProfile {
	const counts = new Map<string, number>();
	let length = 0;
	let addresses = 0;
	let coordinates = 0;
	for (const v of values) {
		counts.set(v, (counts.get(v) ?? 0) + 1);
		length += v.length;
		// Both carry digits: the one cheap test spares the others on most values.
		if (DIGIT.test(v)) {
			if (isAddress(v)) addresses++;
			if (isCoordinate(v)) coordinates++;
		}
	}
	const n = values.length;
	return {
		rows: cells.length,
		present: n,
		distinct: counts.size,
		topCount: Math.max(0, ...counts.values()),
		meanLength: n ? length / n : 0,
		addressShare: n ? addresses / n : 0,
		coordinateShare: n ? coordinates / n : 0
	};
}
