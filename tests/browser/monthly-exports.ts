/**
 * Small monthly cases exports that overlap, for the history tests (import-history, workspace-history).
 * Latest dates: January 2024-01-31, February 2024-02-28; C2 closes in February's export.
 */
export const HEAD = 'Case ID,Date Opened,Date Closed,Worker';

/** A CSV file for `setInputFiles`, one line per entry. */
export const csv = (name: string, lines: string[]) => ({
	name,
	mimeType: 'text/csv',
	buffer: Buffer.from([...lines, ''].join('\n'))
});

export const JAN = csv('jan.csv', [
	HEAD,
	'C1,2024-01-05,,Ana',
	'C2,2024-01-10,,Bo',
	'C3,2024-01-31,,Cy'
]);
export const FEB = csv('feb.csv', [HEAD, 'C2,2024-01-10,2024-02-20,Bo', 'C4,2024-02-28,,Dee']);
