import type { InstrumentDefinition, Labels } from '../../../../common/contracts/instruments.contracts'
import { SEVERITY_DIMENSIONS, type SeverityDimension, URGENCIES, type Urgency } from '../../../../common/triage'
import { L } from './labels'

/**
 * The triage grid of the contact point (after the grids of Montréal's CPRMV that the service
 * uses): the urgency of the situation and its severity along six dimensions, rated by the worker
 * during or after the call. Answered for a contact, not a case (`purpose: 'contact'`); read by
 * `triageOutcome` (common/triage.ts), whose keys are these.
 */
const URGENCY_LABELS: Record<Urgency, Labels> = {
  none: L('Pas d’urgence', 'Geen urgentie', 'Keine Dringlichkeit', 'No urgency'),
  within_week: L('Dans la semaine', 'Binnen de week', 'Innerhalb einer Woche', 'Within a week'),
  within_48h: L('Dans les 48 heures', 'Binnen 48 uur', 'Innerhalb von 48 Stunden', 'Within 48 hours'),
  immediate: L('Immédiate (danger)', 'Onmiddellijk (gevaar)', 'Sofort (Gefahr)', 'Immediate (danger)'),
}

const LEVELS = [
  { key: 'none', label: L('Absent', 'Afwezig', 'Nicht vorhanden', 'Absent') },
  { key: 'unknown', label: L('Inconnu', 'Onbekend', 'Unbekannt', 'Not known') },
  { key: 'moderate', label: L('Présent', 'Aanwezig', 'Vorhanden', 'Present') },
  { key: 'high', label: L('Grave', 'Ernstig', 'Schwerwiegend', 'Serious') },
]

const DIMENSIONS: Record<SeverityDimension, { label: Labels; help: Labels }> = {
  violence_intent: {
    label: L(
      'Intention exprimée ou menace de violence',
      'Geuite intentie of dreiging met geweld',
      'Geäußerte Absicht oder Androhung von Gewalt',
      'Expressed intent or threat of violence',
    ),
    help: L(
      'Propos, messages ou gestes annonçant une violence contre autrui ou soi-même.',
      'Uitspraken, berichten of handelingen die geweld tegen anderen of zichzelf aankondigen.',
      'Äußerungen, Nachrichten oder Handlungen, die Gewalt gegen andere oder sich selbst ankündigen.',
      'Words, messages or acts announcing violence against others or oneself.',
    ),
  },
  access_means: {
    label: L('Accès à des moyens', 'Toegang tot middelen', 'Zugang zu Mitteln', 'Access to means'),
    help: L(
      'Armes, explosifs, véhicule, argent ou contacts permettant de passer à l’acte.',
      'Wapens, explosieven, voertuig, geld of contacten om tot daden over te gaan.',
      'Waffen, Sprengstoff, Fahrzeug, Geld oder Kontakte, die eine Tat ermöglichen.',
      'Weapons, explosives, a vehicle, money or contacts that make acting possible.',
    ),
  },
  travel_conflict_zone: {
    label: L(
      'Départ prévu vers une zone de conflit',
      'Geplande reis naar een conflictgebied',
      'Geplante Ausreise in ein Konfliktgebiet',
      'Planned travel to a conflict zone',
    ),
    help: L(
      'Grave : billet, date ou passeur connus.',
      'Ernstig: ticket, datum of smokkelaar bekend.',
      'Schwerwiegend: Ticket, Datum oder Schleuser bekannt.',
      'Serious: a ticket, a date or a smuggler is known.',
    ),
  },
  isolation: {
    label: L('Isolement', 'Isolement', 'Isolation', 'Isolation'),
    help: L(
      'Rupture avec la famille, l’école, le travail ou les amis.',
      'Breuk met familie, school, werk of vrienden.',
      'Bruch mit Familie, Schule, Arbeit oder Freunden.',
      'Cut off from family, school, work or friends.',
    ),
  },
  minors_involved: {
    label: L('Mineurs concernés', 'Minderjarigen betrokken', 'Minderjährige betroffen', 'Minors involved'),
    help: L(
      'La personne est mineure, ou des enfants sont exposés à la situation.',
      'De persoon is minderjarig, of kinderen worden aan de situatie blootgesteld.',
      'Die Person ist minderjährig, oder Kinder sind der Lage ausgesetzt.',
      'The person is a minor, or children are exposed to the situation.',
    ),
  },
  mental_health_crisis: {
    label: L('Crise de santé mentale', 'Psychische crisis', 'Psychische Krise', 'Mental-health crisis'),
    help: L(
      'Détresse aiguë, idées suicidaires, décompensation.',
      'Acute nood, suïcidale gedachten, decompensatie.',
      'Akute Not, Suizidgedanken, Dekompensation.',
      'Acute distress, suicidal thoughts, decompensation.',
    ),
  },
}

export const TRIAGE_GRID: InstrumentDefinition = {
  title: L('Grille de triage', 'Triagerooster', 'Triage-Raster', 'Triage grid'),
  description: L(
    'Évaluer l’urgence et la gravité de la situation décrite. En cas de danger immédiat, suivre la procédure d’urgence.',
    'De urgentie en de ernst van de beschreven situatie inschatten. Bij onmiddellijk gevaar de noodprocedure volgen.',
    'Dringlichkeit und Schwere der geschilderten Lage einschätzen. Bei unmittelbarer Gefahr dem Notfallablauf folgen.',
    'Rate the urgency and severity of the situation described. In immediate danger, follow the emergency path.',
  ),
  sections: [
    {
      key: 'urgency',
      title: L('Urgence', 'Urgentie', 'Dringlichkeit', 'Urgency'),
      items: [
        {
          key: 'urgency',
          type: 'choice',
          label: L('Quand faut-il agir ?', 'Wanneer moet er gehandeld worden?', 'Wann muss gehandelt werden?', 'When must we act?'),
          options: URGENCIES.map((key) => ({ key, label: URGENCY_LABELS[key] })),
          perspectives: ['worker'],
          comment: true,
        },
      ],
    },
    {
      key: 'severity',
      title: L('Gravité', 'Ernst', 'Schwere', 'Severity'),
      items: SEVERITY_DIMENSIONS.map((key) => ({
        key,
        type: 'choice' as const,
        label: DIMENSIONS[key].label,
        help: DIMENSIONS[key].help,
        options: LEVELS,
        perspectives: ['worker' as const],
        comment: true,
      })),
    },
  ],
}
