/**
 * Date format detection. A column's sample values are sorted into shapes (ISO, 04/12/2018 11:11 AM,
 * 31.01.2024 ...); each shape yields a DuckDB strptime format. Day-first against month-first is
 * decided from the values themselves (a part above 12 settles it); when no value settles it the
 * order is ambiguous and the user is asked.
 */

/** `ISO` means DuckDB's own cast, which reads every ISO 8601 form (offsets are dropped: times stay as written). */
export const ISO = 'ISO';

export type DateOrder = 'month-first' | 'day-first';

export interface DateGuess {
	/** strptime formats (or ISO), tried in order for each value. */
	formats: string[];
	/** Some format carries a time of day. */
	hasTime: boolean;
	/** Share of the non-empty sample values that have a recognised date shape. */
	share: number;
	/** The order of day and month in numeric dates, when the column has such dates. */
	order?: DateOrder;
	/** True when no value settled the order; `order` is then only a default, and the user should be asked. */
	orderAmbiguous: boolean;
	/** Why the order was chosen, for the mapping screen. */
	orderReason?: string;
}

const ISO_RE =
	/^\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const NUMERIC_RE =
	/^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([AaPp][Mm])?)?$/;
const YMD_SLASH_RE = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const NAMED_RE =
	/^(\d{1,2})[ -]([A-Za-z]{3})[a-z]*\.?[ -](\d{4}|\d{2})$|^([A-Za-z]{3})[a-z]*\.? (\d{1,2}),? (\d{4})$/;

const PLACEHOLDERS = new Set([
	'',
	'n/a',
	'na',
	'#n/a',
	'-',
	'--',
	'null',
	'none',
	'nil',
	'(blank)',
	'unknown',
	'?'
]);

/** Values that mean "no value" in exports; they are read as empty, not as errors. */
export function isPlaceholder(value: string): boolean {
	return PLACEHOLDERS.has(value.trim().toLowerCase());
}
export const PLACEHOLDER_VALUES = [...PLACEHOLDERS];

function timeFormat(seconds: string | undefined, meridiem: string | undefined): string {
	const hours = meridiem ? '%I' : '%H';
	return ` ${hours}:%M${seconds !== undefined ? ':%S' : ''}${meridiem ? ' %p' : ''}`;
}

/** One sample value's shape, as a format with day/month placeholders still open. */
interface Shape {
	/** Format with `{A}` and `{B}` for the first and second numeric part when the order is open. */
	template: string;
	hasTime: boolean;
	/** Numeric first and second parts, for deciding the order. */
	parts?: [number, number];
	separator?: string;
}

function shapeOf(value: string): Shape | null {
	const v = value.trim();
	if (ISO_RE.test(v)) return { template: ISO, hasTime: /\d:\d/.test(v) };
	let m = NUMERIC_RE.exec(v);
	if (m) {
		const year = m[4].length === 4 ? '%Y' : '%y';
		const time = m[5] !== undefined ? timeFormat(m[7], m[8]) : '';
		return {
			template: `{A}${m[2]}{B}${m[2]}${year}${time}`,
			hasTime: m[5] !== undefined,
			parts: [Number(m[1]), Number(m[3])],
			separator: m[2]
		};
	}
	m = YMD_SLASH_RE.exec(v);
	if (m)
		return {
			template: `%Y/%m/%d${m[4] !== undefined ? timeFormat(m[6], undefined) : ''}`,
			hasTime: m[4] !== undefined
		};
	m = NAMED_RE.exec(v);
	if (m) {
		if (m[1] !== undefined) {
			const sep = v.includes('-') ? '-' : ' ';
			return { template: `%d${sep}%b${sep}${m[3].length === 4 ? '%Y' : '%y'}`, hasTime: false };
		}
		return { template: v.includes(',') ? '%b %d, %Y' : '%b %d %Y', hasTime: false };
	}
	return null;
}

function fill(template: string, order: DateOrder): string {
	return order === 'month-first'
		? template.replace('{A}', '%m').replace('{B}', '%d')
		: template.replace('{A}', '%d').replace('{B}', '%m');
}

/** Guesses the date formats of a column from sample values; null when the values are not dates. */
export function guessDateFormats(values: string[]): DateGuess | null {
	const present = values.map((v) => v.trim()).filter((v) => !isPlaceholder(v));
	if (present.length === 0) return null;
	const counts = new Map<string, { shape: Shape; n: number }>();
	let recognised = 0;
	let firstOver12 = false;
	let secondOver12 = false;
	let dotted = false;
	for (const v of present) {
		const shape = shapeOf(v);
		if (!shape) continue;
		recognised++;
		if (shape.parts) {
			firstOver12 ||= shape.parts[0] > 12;
			secondOver12 ||= shape.parts[1] > 12;
			dotted ||= shape.separator === '.';
		}
		const entry = counts.get(shape.template);
		if (entry) entry.n++;
		else counts.set(shape.template, { shape, n: 1 });
	}
	const share = recognised / present.length;
	if (share < 0.5) return null;
	const shapes = [...counts.values()].sort((a, b) => b.n - a.n).map((e) => e.shape);
	const numeric = shapes.some((s) => s.parts);
	let order: DateOrder | undefined;
	let orderAmbiguous = false;
	let orderReason: string | undefined;
	if (numeric) {
		if (firstOver12 && !secondOver12) {
			order = 'day-first';
			orderReason = 'some dates have a first number above 12, so it must be the day';
		} else if (secondOver12 && !firstOver12) {
			order = 'month-first';
			orderReason = 'some dates have a second number above 12, so it must be the day';
		} else if (dotted) {
			order = 'day-first';
			orderReason = 'dates written with dots (31.01.2024) are day-first';
		} else {
			order = 'month-first';
			orderAmbiguous = true;
			orderReason = firstOver12
				? 'the values contradict each other: both orders occur'
				: 'no day in the sample is above 12, so the values cannot tell';
		}
	}
	const formats = [
		...new Set(shapes.map((s) => (s.parts ? fill(s.template, order!) : s.template)))
	];
	return {
		formats,
		hasTime: shapes.some((s) => s.hasTime),
		share,
		order,
		orderAmbiguous,
		orderReason
	};
}

/** The formats with day and month swapped, for the user's answer to an ambiguous order. */
export function withOrder(formats: string[], order: DateOrder): string[] {
	return formats.map((f) => {
		const m = /^%([md])([/.-])%([md])\2/.exec(f);
		if (!m) return f;
		const head = order === 'month-first' ? `%m${m[2]}%d${m[2]}` : `%d${m[2]}%m${m[2]}`;
		return head + f.slice(m[0].length);
	});
}

/** Human form of a strptime format, e.g. `%m/%d/%Y %I:%M:%S %p` → `MM/DD/YYYY hh:mm:ss AM/PM`. */
export function describeFormat(format: string): string {
	if (format === ISO) return 'ISO 8601 (YYYY-MM-DD, optional time)';
	return format
		.replace('%Y', 'YYYY')
		.replace('%y', 'YY')
		.replace('%m', 'MM')
		.replace('%d', 'DD')
		.replace('%b', 'Mon')
		.replace('%H', 'HH')
		.replace('%I', 'hh')
		.replace('%M', 'mm')
		.replace('%S', 'ss')
		.replace('%p', 'AM/PM');
}
