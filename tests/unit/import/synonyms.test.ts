/**
 * Exports in other languages and from more systems (issue 17, item 4): one header set per language,
 * German and French exports imported with no manual mapping, and docs/mapping.md held to the source.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import type { Engine } from '../../../src/lib/engine/types';
import { guessColumns } from '../../../src/lib/import/columns';
import { explainProposal, proposeMapping } from '../../../src/lib/import/mapping';
import { importPaths } from '../../../src/lib/import/node';
import { normaliseHeader } from '../../../src/lib/import/synonyms';
import { mappingDoc } from '../../../src/lib/import/synonyms-doc';

/** Maps headers onto the cases table with one row of values. */
function casesMapping(headers: string[], row: string[]) {
	return explainProposal('cases', guessColumns(headers, [row, row]));
}

describe('one export per language maps without help', () => {
	it.each([
		[
			'German',
			'de',
			[
				'Aktenzeichen',
				'Eröffnet am',
				'Abgeschlossen am',
				'Fallart',
				'Sachbearbeiterin',
				'Dienststelle',
				'Priorität'
			],
			['K-1', '03.02.2024', '10.02.2024', 'Miete', 'Anna Weber', 'Nord', 'hoch']
		],
		[
			'French',
			'fr',
			[
				'Numéro de dossier',
				"Date d'ouverture",
				'Date de clôture',
				'Type de demande',
				'Gestionnaire',
				'Bureau',
				'Priorité'
			],
			['D-1', '03/02/2024', '10/02/2024', 'Logement', 'Luc Martin', 'Lyon', 'haute']
		],
		[
			'Spanish',
			'es',
			[
				'Número de expediente',
				'Fecha de apertura',
				'Fecha de cierre',
				'Tipo de caso',
				'Responsable',
				'Oficina',
				'Prioridad'
			],
			['E-1', '03/02/2024', '10/02/2024', 'Vivienda', 'Ana López', 'Sevilla', 'alta']
		],
		[
			'Dutch',
			'nl',
			[
				'Dossiernummer',
				'Datum geopend',
				'Datum gesloten',
				'Zaaktype',
				'Behandelaar',
				'Vestiging',
				'Prioriteit'
			],
			['N-1', '03-02-2024', '10-02-2024', 'Huur', 'Sanne de Vries', 'Utrecht', 'hoog']
		],
		[
			'Portuguese',
			'pt',
			[
				'Número do processo',
				'Data de abertura',
				'Data de encerramento',
				'Tipo de processo',
				'Técnico responsável',
				'Escritório',
				'Prioridade'
			],
			['P-1', '03/02/2024', '10/02/2024', 'Habitação', 'João Silva', 'Porto', 'alta']
		]
	])('%s', (_, language, headers, row) => {
		const { mapping, proposals } = casesMapping(headers, row);
		expect(mapping.columns).toEqual({
			case_id: headers[0],
			opened_at: headers[1],
			closed_at: headers[2],
			case_type: headers[3],
			worker: headers[4],
			office: headers[5],
			priority: headers[6]
		});
		expect(mapping.language).toBe(language);
		expect(proposals.find((p) => p.column === 'opened_at')!.reason).toContain(
			`the name matches '${headers[1]}' (`
		);
	});

	it('practice management, court and child-welfare names', () => {
		const { mapping } = casesMapping(
			[
				'Matter Number',
				'Matter Opened',
				'Practice Area',
				'Responsible Attorney',
				'Statute of Limitations',
				'Court'
			],
			['M-1', '2024-01-02', 'Family', 'J. Doe', '2026-01-02', 'Superior Court']
		);
		expect(mapping.columns).toEqual({
			case_id: 'Matter Number',
			opened_at: 'Matter Opened',
			case_type: 'Practice Area',
			worker: 'Responsible Attorney',
			due_at: 'Statute of Limitations',
			office: 'Court'
		});
		const welfare = casesMapping(
			[
				'Referral ID',
				'Case Opened',
				'Assigned Social Worker',
				'Date of Referral',
				'Next Review Date'
			],
			['R-1', '2024-01-05', 'Kim Park', '2024-01-02', '2024-04-05']
		).mapping.columns;
		expect(welfare).toEqual({
			case_id: 'Referral ID',
			opened_at: 'Case Opened',
			worker: 'Assigned Social Worker',
			intake_at: 'Date of Referral',
			review_at: 'Next Review Date'
		});
	});

	it('accents, ß and punctuation do not matter', () => {
		expect(normaliseHeader('Eröffnet am')).toBe('eroffnetam');
		expect(normaliseHeader('Straße')).toBe('strasse');
		expect(normaliseHeader("Date d'ouverture")).toBe('datedouverture');
		expect(
			proposeMapping(
				'cases',
				guessColumns(
					['AKTENZEICHEN', 'eroeffnet am', 'Eroffnet am'],
					[['1', '2024-01-01', '2024-01-01']]
				)
			).columns
		).toEqual({
			case_id: 'AKTENZEICHEN',
			opened_at: 'Eroffnet am'
		});
	});

	it('localized status words are recognised as a status', () => {
		const { proposals } = casesMapping(
			['Aktenzeichen', 'Eröffnet am', 'Status'],
			['1', '01.02.2024', 'offen']
		);
		expect(proposals.find((p) => p.column === 'status')!.reason).toContain(
			'status words such as offen'
		);
	});

	it('decimal commas, with or without thousands grouped', () => {
		const [g] = guessColumns(['Zufriedenheit'], [['7,5'], ['1.234,5'], ['8']]);
		expect([g.kind, g.decimalComma]).toEqual(['number', true]);
	});
});

let engine: Engine;
beforeAll(async () => {
	engine = await createNodeEngine();
});
afterAll(async () => engine.close());

describe('German and French exports import with no manual mapping', () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'languages-'));
	const write = (name: string, text: string) => {
		const file = path.join(dir, name);
		writeFileSync(file, text);
		return file;
	};

	it('German: semicolons, DD.MM.YYYY, decimal commas, "offen" and "abgeschlossen"', async () => {
		const cases = write(
			'faelle.csv',
			[
				'Aktenzeichen;Eröffnet am;Abgeschlossen am;Fallart;Sachbearbeiter;Dienststelle;Status;Zufriedenheit',
				'K-1;03.02.2024;10.02.2024;Miete;Anna Weber;Nord;abgeschlossen;7,5',
				'K-2;04.02.2024;;Arbeit;Jonas Beck;Süd;offen;',
				'K-3;28.02.2024;01.03.2024;Miete;Anna Weber;Nord;abgeschlossen;9'
			].join('\n')
		);
		const result = await importPaths(engine, { cases }, { today: '2026-01-01' });
		expect(result.tables[0].mapping.columns).toEqual({
			case_id: 'Aktenzeichen',
			opened_at: 'Eröffnet am',
			closed_at: 'Abgeschlossen am',
			case_type: 'Fallart',
			worker: 'Sachbearbeiter',
			office: 'Dienststelle',
			status: 'Status',
			satisfaction: 'Zufriedenheit'
		});
		expect(result.issueTotal).toBe(0);
		expect(
			await engine.query(
				`SELECT case_id, strftime(opened_at, '%Y-%m-%d') AS opened, strftime(closed_at, '%Y-%m-%d') AS closed,
				status, satisfaction FROM cases ORDER BY case_id`
			)
		).toEqual([
			{
				case_id: 'K-1',
				opened: '2024-02-03',
				closed: '2024-02-10',
				status: 'abgeschlossen',
				satisfaction: 7.5
			},
			{ case_id: 'K-2', opened: '2024-02-04', closed: null, status: 'offen', satisfaction: null },
			{
				case_id: 'K-3',
				opened: '2024-02-28',
				closed: '2024-03-01',
				status: 'abgeschlossen',
				satisfaction: 9
			}
		]);
	});

	it('French: DD/MM/YYYY read day first from the language when no day is above 12', async () => {
		const cases = write(
			'dossiers.csv',
			[
				"Numéro de dossier;Date d'ouverture;Date de clôture;Type de demande;Gestionnaire;Statut",
				'D-1;03/02/2024;10/02/2024;Logement;Luc Martin;clos',
				'D-2;05/02/2024;;Travail;Inès Roy;ouvert'
			].join('\n')
		);
		const result = await importPaths(engine, { cases }, { today: '2026-01-01' });
		expect(Object.keys(result.tables[0].mapping.columns).sort()).toEqual(
			['case_id', 'case_type', 'closed_at', 'opened_at', 'status', 'worker'].sort()
		);
		const opened = result.tables[0].dates.find((d) => d.column === 'opened_at')!;
		expect(opened).toMatchObject({
			formats: ['%d/%m/%Y'],
			orderAmbiguous: false,
			orderReason: 'the headers are French, and French exports write the day first'
		});
		expect(
			await engine.query(
				`SELECT case_id, strftime(opened_at, '%Y-%m-%d') AS opened, strftime(closed_at, '%Y-%m-%d') AS closed
				FROM cases ORDER BY case_id`
			)
		).toEqual([
			{ case_id: 'D-1', opened: '2024-02-03', closed: '2024-02-10' },
			{ case_id: 'D-2', opened: '2024-02-05', closed: null }
		]);
	});
});

describe('docs/mapping.md', () => {
	it('is the table generated from the synonyms (npm run mapping:doc)', () => {
		const doc = readFileSync(new URL('../../../docs/mapping.md', import.meta.url), 'utf8');
		expect(doc).toBe(mappingDoc());
	});
});
