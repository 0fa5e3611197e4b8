import type { InstrumentDefinition, InstrumentItem } from '../../../../common/contracts/instruments.contracts'
import { L } from './labels'

/** A push or pull factor: its weight (0 = played no part) seen by the worker and by the person. */
const factor = (key: string, label: InstrumentItem['label']): InstrumentItem => ({
  key,
  type: 'scale',
  label,
  min: 0,
  max: 10,
  perspectives: ['worker', 'person'],
  comment: true,
})

/**
 * Motivations: what drew the person in and what pushed them, weighed from both sides. Written
 * for this project as a conversation guide, not a risk score.
 */
export const MOTIVATIONS: InstrumentDefinition = {
  title: L('Motivations', 'Motivaties', 'Beweggründe', 'Motivations'),
  description: L(
    "Ce qui a attiré la personne et ce qui l'a poussée : chaque facteur est pesé de 0 (aucun rôle) à 10 (rôle majeur), par l'intervenant·e et par la personne elle-même.",
    'Wat de persoon aantrok en wat hem of haar duwde: elke factor krijgt een gewicht van 0 (geen rol) tot 10 (grote rol), door de hulpverlener en door de persoon zelf.',
    'Was die Person angezogen und was sie gedrängt hat: Jeder Faktor wird von 0 (keine Rolle) bis 10 (große Rolle) gewichtet, von der Fachkraft und von der Person selbst.',
    'What drew the person in and what pushed them: each factor is weighted from 0 (no part) to 10 (a major part), by the worker and by the person themselves.',
  ),
  sections: [
    {
      key: 'pull',
      title: L(
        "Ce qui a attiré (facteurs d'attraction)",
        'Wat aantrok (pull-factoren)',
        'Was angezogen hat (Pull-Faktoren)',
        'What drew them in (pull factors)',
      ),
      items: [
        factor('belonging', L('Appartenance à un groupe', 'Erbij horen', 'Zugehörigkeit', 'Belonging')),
        factor('identity', L('Identité', 'Identiteit', 'Identität', 'Identity')),
        factor('meaning', L('Sens à donner à sa vie', 'Zingeving', 'Sinn im Leben', 'Meaning')),
        factor('adventure', L('Aventure, sensations', 'Avontuur, spanning', 'Abenteuer, Nervenkitzel', 'Adventure and excitement')),
        factor('status', L('Statut, reconnaissance', 'Status, erkenning', 'Status, Anerkennung', 'Status and recognition')),
        factor('protection', L('Protection, sécurité', 'Bescherming, veiligheid', 'Schutz, Sicherheit', 'Protection and safety')),
        factor('ideology', L('Idéologie, convictions', 'Ideologie, overtuigingen', 'Ideologie, Überzeugungen', 'Ideology and beliefs')),
      ],
    },
    {
      key: 'push',
      title: L(
        'Ce qui a poussé (facteurs de poussée)',
        'Wat duwde (push-factoren)',
        'Was gedrängt hat (Push-Faktoren)',
        'What pushed them (push factors)',
      ),
      items: [
        factor(
          'grievance',
          L(
            'Griefs, sentiment d’injustice',
            'Grieven, gevoel van onrecht',
            'Kränkungen, Gefühl von Ungerechtigkeit',
            'Grievance and injustice',
          ),
        ),
        factor('crisis', L('Crise personnelle', 'Persoonlijke crisis', 'Persönliche Krise', 'Personal crisis')),
        factor(
          'family_peers',
          L(
            'Influence de la famille ou des pairs',
            'Invloed van familie of vrienden',
            'Einfluss von Familie oder Gleichaltrigen',
            'Family or peer influence',
          ),
        ),
        factor('online', L('Exposition en ligne', 'Online blootstelling', 'Online-Exposition', 'Online exposure')),
        factor('other', L('Autre facteur', 'Andere factor', 'Anderer Faktor', 'Other factor')),
      ],
    },
    {
      key: 'narrative',
      title: L('Récit', 'Verhaal', 'Erzählung', 'Narrative'),
      items: [
        {
          key: 'own_words',
          type: 'text',
          label: L('Avec ses propres mots', 'In eigen woorden', 'In eigenen Worten', 'In their own words'),
          help: L(
            'Comment la personne raconte ce qui l’a amenée là.',
            'Hoe de persoon vertelt wat hem of haar daar bracht.',
            'Wie die Person erzählt, was sie dorthin geführt hat.',
            'How the person tells what brought them there.',
          ),
          perspectives: ['person'],
        },
        {
          key: 'worker_reading',
          type: 'text',
          label: L(
            "La lecture de l'intervenant·e",
            'De lezing van de hulpverlener',
            'Die Einschätzung der Fachkraft',
            "The worker's reading",
          ),
          perspectives: ['worker'],
        },
      ],
    },
  ],
}
