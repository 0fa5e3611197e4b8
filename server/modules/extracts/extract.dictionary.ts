import type { Language } from '../../../common/roles'
import { AGE_BANDS, DURATION_BANDS, SESSION_BANDS, type StudyVariable } from '../../../common/contracts/study-variables.contracts'
import { ACCOMPANIMENT_KINDS, FRAMEWORKS, OUTCOMES } from '../../../common/contracts/accompaniments.contracts'
import { GENDERS } from '../../../common/contracts/persons.contracts'
import type { ExtractResult } from './extract.engine'
import { PROVINCES } from './extract.generalise'

/**
 * The data dictionary given with each extract, in the language asked for: every column, what it
 * means, and the values it takes. The values themselves are codes, the same in every language.
 */
type Texts = Record<Language, string>
const L = (fr: string, nl: string, de: string, en: string): Texts => ({ fr, nl, de, en })

const MEANINGS: Record<'pseudonym' | StudyVariable, Texts> = {
  pseudonym: L(
    "Pseudonyme de l'accompagnement, propre à l'étude : le même d'un extrait à l'autre de cette étude, différent dans toute autre étude.",
    'Pseudoniem van de begeleiding, eigen aan de studie: hetzelfde in elk extract van deze studie, anders in elke andere studie.',
    'Pseudonym der Begleitung, studienspezifisch: in jedem Auszug dieser Studie gleich, in jeder anderen Studie verschieden.',
    'Pseudonym of the accompaniment, specific to the study: the same in every extract of this study, different in any other study.',
  ),
  age_band: L(
    "Tranche d'âge à l'ouverture de l'accompagnement, calculée sur l'année de naissance seule.",
    'Leeftijdsgroep bij de opening van de begeleiding, berekend op het geboortejaar alleen.',
    'Altersgruppe bei Eröffnung der Begleitung, nur aus dem Geburtsjahr berechnet.',
    'Age band when the accompaniment opened, from the birth year alone.',
  ),
  gender: L(
    'Genre de la personne accompagnée.',
    'Gender van de begeleide persoon.',
    'Geschlecht der begleiteten Person.',
    'Gender of the person accompanied.',
  ),
  province: L(
    'Province (ou Région de Bruxelles-Capitale) du code postal de la personne ; « unknown » sans code postal.',
    'Provincie (of Brussels Hoofdstedelijk Gewest) van de postcode van de persoon; "unknown" zonder postcode.',
    'Provinz (oder Region Brüssel-Hauptstadt) der Postleitzahl der Person; „unknown“ ohne Postleitzahl.',
    'Province (or Brussels-Capital Region) of the person\'s postcode; "unknown" without one.',
  ),
  case_kind: L(
    "Type d'accompagnement : la personne concernée, un proche ou un professionnel.",
    'Soort begeleiding: de betrokken persoon, een naaste of een professional.',
    'Art der Begleitung: die betroffene Person, eine nahestehende Person oder eine Fachkraft.',
    'Kind of accompaniment: the person concerned, a relative or a professional.',
  ),
  framework: L(
    'Cadre : volontaire ou judiciaire (mandaté).',
    'Kader: vrijwillig of gerechtelijk (opgelegd).',
    'Rahmen: freiwillig oder gerichtlich (angeordnet).',
    'Framework: voluntary or judicial (mandated).',
  ),
  opened_quarter: L(
    "Trimestre d'ouverture (AAAA-Qn).",
    'Kwartaal van opening (JJJJ-Qn).',
    'Quartal der Eröffnung (JJJJ-Qn).',
    'Quarter the case opened (YYYY-Qn).',
  ),
  closed_quarter: L(
    'Trimestre de clôture (AAAA-Qn) ; « open » si non clôturé.',
    'Kwartaal van afsluiting (JJJJ-Qn); "open" indien niet afgesloten.',
    'Quartal des Abschlusses (JJJJ-Qn); „open“ wenn nicht abgeschlossen.',
    'Quarter the case closed (YYYY-Qn); "open" if not closed.',
  ),
  duration_band: L(
    "Durée d'un accompagnement clôturé, en tranches ; « open » s'il est en cours.",
    'Duur van een afgesloten begeleiding, in groepen; "open" indien lopend.',
    'Dauer einer abgeschlossenen Begleitung, in Gruppen; „open“ wenn laufend.',
    'How long a closed case lasted, in bands; "open" while it runs.',
  ),
  outcome: L(
    'Issue enregistrée à la clôture ; « open » si non clôturé.',
    'Uitkomst bij de afsluiting; "open" indien niet afgesloten.',
    'Ergebnis beim Abschluss; „open“ wenn nicht abgeschlossen.',
    'Outcome recorded at closure; "open" if not closed.',
  ),
  sessions_held_band: L(
    "Nombre d'entretiens tenus au cours de l'accompagnement, en tranches.",
    'Aantal gehouden gesprekken tijdens de begeleiding, in groepen.',
    'Anzahl der geführten Gespräche während der Begleitung, in Gruppen.',
    'Sessions held over the case, in bands.',
  ),
}

const VALUES: Record<StudyVariable, readonly string[] | 'quarter'> = {
  age_band: AGE_BANDS,
  gender: GENDERS,
  province: PROVINCES,
  case_kind: ACCOMPANIMENT_KINDS,
  framework: FRAMEWORKS,
  opened_quarter: 'quarter',
  closed_quarter: 'quarter',
  duration_band: DURATION_BANDS,
  outcome: [...OUTCOMES, 'open'],
  sessions_held_band: SESSION_BANDS,
}

const INTRO = L(
  "Dictionnaire des données de l'extrait : une ligne par accompagnement de l'équipe, variables généralisées ; les lignes dont la combinaison de quasi-identifiants est partagée par moins de k lignes sont supprimées.",
  'Gegevenswoordenboek van het extract: één rij per begeleiding van het team, veralgemeende variabelen; rijen waarvan de combinatie van quasi-identificatoren door minder dan k rijen wordt gedeeld, zijn weggelaten.',
  'Datenwörterbuch des Auszugs: eine Zeile je Begleitung des Teams, verallgemeinerte Variablen; Zeilen, deren Kombination von Quasi-Identifikatoren von weniger als k Zeilen geteilt wird, sind entfernt.',
  "The extract's data dictionary: one row per accompaniment of the team, generalised variables; rows whose combination of quasi-identifiers is shared by fewer than k rows are suppressed.",
)

export function toDictionary(result: ExtractResult, meta: { studyTitle: string; language: Language; createdAt: string }): Buffer {
  const lang = meta.language
  const variables = (['pseudonym', ...result.variables] as const).map((name) => {
    const values = name === 'pseudonym' ? 'hex20' : VALUES[name]
    return {
      name,
      meaning: MEANINGS[name][lang],
      values: values === 'quarter' ? 'YYYY-Q1…YYYY-Q4' : values === 'hex20' ? '20 hex' : [...values],
    }
  })
  const doc = {
    study: meta.studyTitle,
    language: lang,
    createdAt: meta.createdAt,
    description: INTRO[lang],
    k: result.k,
    records: result.records.length,
    dropped: result.dropped,
    variables,
  }
  return Buffer.from(`${JSON.stringify(doc, null, 2)}\n`, 'utf8')
}
