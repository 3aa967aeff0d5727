import type { TableName } from '../model/tables';

/**
 * Column names of German, French, Spanish, Dutch and Portuguese exports, per canonical column, most
 * specific first. Matching ignores accents, case, spaces and punctuation, as for the English names.
 */
export type Language = 'en' | 'de' | 'fr' | 'es' | 'nl' | 'pt';

export const LANGUAGE_NAMES: Record<Language, string> = {
	en: 'English',
	de: 'German',
	fr: 'French',
	es: 'Spanish',
	nl: 'Dutch',
	pt: 'Portuguese'
};

type Names = Partial<Record<TableName, Record<string, string[]>>>;

const GERMAN: Names = {
	cases: {
		case_id: [
			'Aktenzeichen',
			'Fallnummer',
			'Fall-Nr.',
			'Vorgangsnummer',
			'Akten-Nr.',
			'Fall-ID',
			'Vorgang'
		],
		opened_at: [
			'Eröffnet am',
			'Eröffnungsdatum',
			'Anlagedatum',
			'Angelegt am',
			'Eingangsdatum',
			'Beginn'
		],
		closed_at: ['Abgeschlossen am', 'Abschlussdatum', 'Geschlossen am', 'Erledigt am', 'Ende'],
		case_type: ['Fallart', 'Falltyp', 'Verfahrensart', 'Sachgebiet', 'Kategorie', 'Art'],
		worker: [
			'Sachbearbeiter',
			'Sachbearbeiterin',
			'Bearbeiter',
			'Fallverantwortlich',
			'Zuständig',
			'Anwalt'
		],
		office: ['Dienststelle', 'Standort', 'Geschäftsstelle', 'Büro', 'Niederlassung', 'Amt'],
		priority: ['Priorität', 'Dringlichkeit'],
		status: ['Fallstatus', 'Status', 'Bearbeitungsstand', 'Stand'],
		close_reason: ['Abschlussgrund', 'Erledigungsgrund', 'Ergebnis', 'Erledigungsart'],
		intake_at: ['Anfragedatum', 'Meldedatum', 'Antragsdatum', 'Zugang am'],
		first_contact_at: ['Erstkontakt', 'Datum Erstkontakt', 'Erster Kontakt'],
		due_at: ['Frist', 'Fristende', 'Fällig am', 'Fälligkeitsdatum', 'Verjährung'],
		review_at: [
			'Nächste Überprüfung',
			'Wiedervorlage',
			'Überprüfungsdatum',
			'Nächste Fallbesprechung'
		],
		last_activity_at: [
			'Letzte Aktivität',
			'Letzte Bearbeitung',
			'Zuletzt geändert',
			'Letzte Änderung'
		],
		satisfaction: ['Zufriedenheit', 'Kundenzufriedenheit', 'Bewertung']
	},
	goals: {
		case_id: ['Aktenzeichen', 'Fallnummer'],
		goal_id: ['Ziel-ID', 'Zielnummer'],
		set_at: ['Ziel gesetzt am', 'Vereinbart am'],
		target_at: ['Zieldatum', 'Zieltermin'],
		achieved_at: ['Erreicht am'],
		status: ['Zielstatus'],
		gas_score: ['GAS-Wert', 'Zielerreichung']
	},
	events: {
		case_id: ['Aktenzeichen', 'Fallnummer'],
		kind: ['Ereignisart', 'Terminart', 'Art'],
		due_at: ['Fällig am', 'Termin', 'Frist'],
		done_at: ['Erledigt am', 'Durchgeführt am']
	},
	staff: {
		worker: ['Sachbearbeiter', 'Mitarbeiter', 'Mitarbeiterin', 'Name'],
		office: ['Dienststelle', 'Standort'],
		fte: ['VZÄ', 'Vollzeitäquivalent', 'Stellenanteil'],
		capacity: ['Kapazität', 'Maximale Fallzahl']
	}
};

const FRENCH: Names = {
	cases: {
		case_id: [
			'Numéro de dossier',
			'N° dossier',
			'Référence dossier',
			'Numéro',
			'Dossier',
			'Référence'
		],
		opened_at: ["Date d'ouverture", 'Ouvert le', 'Date de création', 'Créé le', "Date d'entrée"],
		closed_at: ['Date de clôture', 'Clôturé le', 'Fermé le', 'Date de fermeture', 'Date de fin'],
		case_type: ['Type de dossier', 'Type de demande', 'Nature', 'Catégorie', 'Type'],
		worker: [
			'Gestionnaire',
			'Référent',
			'Intervenant',
			'Agent',
			'Conseiller',
			'Avocat',
			'Responsable'
		],
		office: ['Bureau', 'Agence', 'Antenne', 'Site', 'Service'],
		priority: ['Priorité', 'Urgence'],
		status: ['Statut', 'État', 'Statut du dossier'],
		close_reason: ['Motif de clôture', 'Raison de clôture', 'Issue', 'Résultat'],
		intake_at: ['Date de la demande', 'Date de réception', 'Date de signalement'],
		first_contact_at: ['Premier contact', 'Date du premier contact'],
		due_at: ['Échéance', "Date d'échéance", 'Date limite', 'Délai', 'Prescription'],
		review_at: [
			'Prochaine révision',
			'Date de révision',
			'Prochain réexamen',
			'Prochaine évaluation'
		],
		last_activity_at: [
			'Dernière activité',
			'Dernière action',
			'Dernière modification',
			'Modifié le'
		],
		satisfaction: ['Satisfaction', 'Note de satisfaction', 'Note']
	},
	goals: {
		case_id: ['Numéro de dossier', 'Dossier'],
		goal_id: ['Identifiant objectif', 'Objectif'],
		set_at: ['Fixé le', 'Date de fixation'],
		target_at: ['Date cible', 'Échéance'],
		achieved_at: ['Atteint le', "Date d'atteinte"],
		status: ["Statut de l'objectif"],
		gas_score: ['Score GAS', "Niveau d'atteinte"]
	},
	events: {
		case_id: ['Numéro de dossier', 'Dossier'],
		kind: ["Type d'événement", "Type d'activité", 'Type'],
		due_at: ['Prévu le', 'Échéance', 'Date prévue'],
		done_at: ['Réalisé le', 'Fait le', 'Date de réalisation']
	},
	staff: {
		worker: ['Gestionnaire', 'Agent', 'Nom'],
		office: ['Bureau', 'Agence'],
		fte: ['ETP', 'Équivalent temps plein'],
		capacity: ['Capacité', 'Nombre maximal de dossiers']
	}
};

const SPANISH: Names = {
	cases: {
		case_id: [
			'Número de expediente',
			'Nº expediente',
			'Expediente',
			'Número de caso',
			'ID de caso',
			'Folio'
		],
		opened_at: [
			'Fecha de apertura',
			'Fecha de alta',
			'Abierto el',
			'Fecha de creación',
			'Fecha de inicio'
		],
		closed_at: ['Fecha de cierre', 'Cerrado el', 'Fecha de baja', 'Fecha de finalización'],
		case_type: ['Tipo de caso', 'Tipo de expediente', 'Materia', 'Categoría', 'Tipo'],
		worker: ['Responsable', 'Gestor', 'Abogado', 'Trabajador social', 'Técnico', 'Asignado a'],
		office: ['Oficina', 'Sede', 'Delegación', 'Centro'],
		priority: ['Prioridad', 'Urgencia'],
		status: ['Estado', 'Estado del caso', 'Situación'],
		close_reason: ['Motivo de cierre', 'Causa de cierre', 'Resultado'],
		intake_at: ['Fecha de solicitud', 'Fecha de recepción', 'Fecha de derivación'],
		first_contact_at: ['Primer contacto', 'Fecha de primer contacto'],
		due_at: ['Fecha límite', 'Plazo', 'Vencimiento', 'Fecha de vencimiento', 'Prescripción'],
		review_at: ['Próxima revisión', 'Fecha de revisión'],
		last_activity_at: ['Última actividad', 'Última actuación', 'Última modificación'],
		satisfaction: ['Satisfacción', 'Puntuación']
	},
	goals: {
		case_id: ['Número de expediente', 'Expediente'],
		goal_id: ['ID de objetivo', 'Objetivo'],
		set_at: ['Fecha de fijación'],
		target_at: ['Fecha objetivo'],
		achieved_at: ['Fecha de logro', 'Logrado el'],
		status: ['Estado del objetivo'],
		gas_score: ['Puntuación GAS']
	},
	events: {
		case_id: ['Número de expediente', 'Expediente'],
		kind: ['Tipo de evento', 'Tipo de actividad'],
		due_at: ['Fecha prevista', 'Vencimiento'],
		done_at: ['Fecha de realización', 'Realizado el']
	},
	staff: {
		worker: ['Responsable', 'Trabajador', 'Nombre'],
		office: ['Oficina', 'Sede'],
		fte: ['Jornada', 'Equivalente a tiempo completo'],
		capacity: ['Capacidad', 'Máximo de casos']
	}
};

const DUTCH: Names = {
	cases: {
		case_id: ['Dossiernummer', 'Zaaknummer', 'Zaak-ID', 'Dossier', 'Kenmerk'],
		opened_at: ['Datum geopend', 'Geopend op', 'Startdatum', 'Aanmaakdatum', 'Registratiedatum'],
		closed_at: ['Datum gesloten', 'Gesloten op', 'Einddatum', 'Afgesloten op', 'Datum afgesloten'],
		case_type: ['Zaaktype', 'Soort zaak', 'Type zaak', 'Categorie', 'Soort'],
		worker: ['Behandelaar', 'Casemanager', 'Medewerker', 'Advocaat', 'Toegewezen aan'],
		office: ['Kantoor', 'Vestiging', 'Locatie', 'Afdeling'],
		priority: ['Prioriteit', 'Urgentie'],
		status: ['Zaakstatus', 'Status', 'Stand van zaken'],
		close_reason: ['Reden afsluiting', 'Afsluitreden', 'Resultaat', 'Uitkomst'],
		intake_at: ['Datum aanmelding', 'Aanmelddatum', 'Intakedatum'],
		first_contact_at: ['Eerste contact', 'Datum eerste contact'],
		due_at: ['Deadline', 'Termijn', 'Uiterste datum', 'Vervaldatum', 'Verjaringsdatum'],
		review_at: ['Volgende evaluatie', 'Evaluatiedatum', 'Herbeoordelingsdatum'],
		last_activity_at: ['Laatste activiteit', 'Laatst gewijzigd', 'Laatste wijziging'],
		satisfaction: ['Tevredenheid', 'Klanttevredenheid', 'Cijfer']
	},
	goals: {
		case_id: ['Dossiernummer', 'Zaaknummer'],
		goal_id: ['Doel-ID', 'Doelnummer'],
		set_at: ['Doel gesteld op'],
		target_at: ['Streefdatum'],
		achieved_at: ['Bereikt op'],
		status: ['Doelstatus'],
		gas_score: ['GAS-score']
	},
	events: {
		case_id: ['Dossiernummer', 'Zaaknummer'],
		kind: ['Soort activiteit', 'Type activiteit'],
		due_at: ['Gepland op', 'Vervaldatum'],
		done_at: ['Uitgevoerd op', 'Afgerond op']
	},
	staff: {
		worker: ['Behandelaar', 'Medewerker', 'Naam'],
		office: ['Kantoor', 'Vestiging'],
		fte: ['FTE', 'Aanstelling'],
		capacity: ['Capaciteit', 'Maximale caseload']
	}
};

const PORTUGUESE: Names = {
	cases: {
		case_id: ['Número do processo', 'Nº processo', 'Processo', 'Número do caso', 'ID do caso'],
		opened_at: ['Data de abertura', 'Aberto em', 'Data de criação', 'Data de início'],
		closed_at: [
			'Data de encerramento',
			'Encerrado em',
			'Data de fecho',
			'Data de fechamento',
			'Fechado em'
		],
		case_type: ['Tipo de processo', 'Tipo de caso', 'Assunto', 'Categoria', 'Tipo'],
		worker: [
			'Técnico responsável',
			'Responsável',
			'Gestor',
			'Advogado',
			'Assistente social',
			'Atribuído a'
		],
		office: ['Escritório', 'Unidade', 'Balcão', 'Delegação', 'Sede'],
		priority: ['Prioridade', 'Urgência'],
		status: ['Situação', 'Estado', 'Status'],
		close_reason: ['Motivo de encerramento', 'Motivo de fecho', 'Resultado', 'Desfecho'],
		intake_at: ['Data do pedido', 'Data de entrada', 'Data de receção', 'Data de recebimento'],
		first_contact_at: ['Primeiro contacto', 'Primeiro contato', 'Data do primeiro contato'],
		due_at: ['Prazo', 'Data limite', 'Data de vencimento', 'Vencimento', 'Prescrição'],
		review_at: ['Próxima revisão', 'Data de revisão', 'Próxima reavaliação'],
		last_activity_at: ['Última atividade', 'Última atualização', 'Última movimentação'],
		satisfaction: ['Satisfação', 'Avaliação', 'Nota']
	},
	goals: {
		case_id: ['Número do processo', 'Processo'],
		goal_id: ['ID do objetivo', 'Objetivo'],
		set_at: ['Definido em'],
		target_at: ['Data alvo', 'Data prevista'],
		achieved_at: ['Alcançado em', 'Atingido em'],
		status: ['Estado do objetivo'],
		gas_score: ['Pontuação GAS']
	},
	events: {
		case_id: ['Número do processo', 'Processo'],
		kind: ['Tipo de evento', 'Tipo de atividade'],
		due_at: ['Previsto para', 'Data prevista'],
		done_at: ['Realizado em', 'Concluído em']
	},
	staff: {
		worker: ['Técnico', 'Funcionário', 'Nome'],
		office: ['Escritório', 'Unidade'],
		fte: ['ETI', 'Equivalente a tempo integral'],
		capacity: ['Capacidade', 'Máximo de processos']
	}
};

export const LOCALIZED: Record<Exclude<Language, 'en'>, Names> = {
	de: GERMAN,
	fr: FRENCH,
	es: SPANISH,
	nl: DUTCH,
	pt: PORTUGUESE
};

/** Languages whose exports write numeric dates day first (31/01/2024). */
export const DAY_FIRST_LANGUAGES: Language[] = ['de', 'fr', 'es', 'nl', 'pt'];

/**
 * Status words of closed and open cases in each language, as exports write them: evidence that a
 * column is a status (and the mapping screen shows which were recognised).
 */
export const STATUS_WORDS: Record<Language, { open: string[]; closed: string[] }> = {
	en: {
		open: ['open', 'new', 'pending', 'in progress', 'active', 'assigned', 'pending review'],
		closed: ['closed', 'resolved', 'completed', 'done', 'cancelled', 'canceled', 'archived']
	},
	de: {
		open: ['offen', 'neu', 'in bearbeitung', 'aktiv', 'laufend', 'wartend'],
		closed: ['abgeschlossen', 'geschlossen', 'erledigt', 'beendet', 'archiviert']
	},
	fr: {
		open: ['ouvert', 'en cours', 'nouveau', 'actif', 'en attente'],
		closed: ['clos', 'clôturé', 'fermé', 'terminé', 'résolu', 'archivé']
	},
	es: {
		open: ['abierto', 'en curso', 'nuevo', 'activo', 'pendiente', 'en trámite'],
		closed: ['cerrado', 'resuelto', 'finalizado', 'archivado', 'terminado']
	},
	nl: {
		open: ['open', 'lopend', 'nieuw', 'actief', 'in behandeling'],
		closed: ['gesloten', 'afgesloten', 'afgerond', 'opgelost', 'gearchiveerd']
	},
	pt: {
		open: ['aberto', 'em curso', 'em andamento', 'novo', 'ativo', 'pendente'],
		closed: ['encerrado', 'fechado', 'concluído', 'resolvido', 'arquivado']
	}
};
