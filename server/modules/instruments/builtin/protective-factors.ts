import type { InstrumentDefinition, InstrumentItem } from '../../../../common/contracts/instruments.contracts'
import { L } from './labels'

const resource = (key: string, label: InstrumentItem['label']): InstrumentItem => ({
  key,
  type: 'scale',
  label,
  perspectives: ['worker', 'person'],
  comment: true,
})

/** Protective factors and resources: what holds the person, scored 1 (absent) to 10 (strong). */
export const PROTECTIVE_FACTORS: InstrumentDefinition = {
  title: L(
    'Facteurs de protection et ressources',
    'Beschermende factoren en hulpbronnen',
    'Schutzfaktoren und Ressourcen',
    'Protective factors and resources',
  ),
  description: L(
    'Ce qui soutient la personne aujourd’hui, de 1 (absent) à 10 (très présent), vu par l’intervenant·e et par la personne.',
    'Wat de persoon vandaag steunt, van 1 (afwezig) tot 10 (sterk aanwezig), gezien door de hulpverlener en door de persoon.',
    'Was die Person heute stützt, von 1 (fehlt) bis 10 (stark vorhanden), aus Sicht der Fachkraft und der Person.',
    'What supports the person today, from 1 (absent) to 10 (strongly present), as seen by the worker and by the person.',
  ),
  sections: [
    {
      key: 'people',
      title: L('Personnes et liens', 'Mensen en banden', 'Menschen und Bindungen', 'People and ties'),
      items: [
        resource('trusted_people', L('Personnes de confiance', 'Vertrouwenspersonen', 'Vertrauenspersonen', 'Trusted people')),
        resource(
          'community_faith',
          L(
            'Ancrages communautaires ou religieux',
            'Verankering in gemeenschap of geloof',
            'Verankerung in Gemeinschaft oder Glauben',
            'Community or faith anchors',
          ),
        ),
        resource(
          'professionals',
          L('Professionnels autour de la personne', 'Professionals rond de persoon', 'Fachleute um die Person', 'Professionals around'),
        ),
      ],
    },
    {
      key: 'life',
      title: L('Activités et santé', 'Activiteiten en gezondheid', 'Tätigkeiten und Gesundheit', 'Activities and health'),
      items: [
        resource('schooling', L('Scolarité, formation', 'School, opleiding', 'Schule, Ausbildung', 'Schooling and training')),
        resource('work', L('Travail', 'Werk', 'Arbeit', 'Work')),
        resource('health', L('Santé', 'Gezondheid', 'Gesundheit', 'Health')),
        resource('skills', L('Compétences et forces', 'Vaardigheden en sterktes', 'Fähigkeiten und Stärken', 'Skills and strengths')),
      ],
    },
    {
      key: 'summary',
      title: L('En résumé', 'Samengevat', 'Zusammenfassung', 'In summary'),
      items: [
        {
          key: 'what_helps',
          type: 'text',
          label: L('Ce qui aide le plus', 'Wat het meest helpt', 'Was am meisten hilft', 'What helps most'),
          perspectives: ['worker', 'person'],
        },
      ],
    },
  ],
}
