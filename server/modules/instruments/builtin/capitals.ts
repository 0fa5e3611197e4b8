import { LIFE_DOMAINS } from '../../../../common/contracts/desistance.contracts'
import type { InstrumentDefinition } from '../../../../common/contracts/instruments.contracts'
import { DOMAIN_LABELS, L } from './labels'

const perDomain = (prefix: string) =>
  LIFE_DOMAINS.map((domain) => ({
    key: `${prefix}_${domain}`,
    type: 'scale' as const,
    label: DOMAIN_LABELS[domain],
    perspectives: ['worker' as const, 'person' as const],
    comment: true,
    domain,
  }))

/**
 * Capital inventory: human capital (what the person can do and knows) and social capital (the
 * ties and access they have), per life domain, to see which capital can grow where.
 */
export const CAPITALS: InstrumentDefinition = {
  title: L('Inventaire des capitaux', 'Inventaris van kapitaal', 'Kapital-Inventar', 'Capital inventory'),
  description: L(
    'Pour chaque domaine de vie, de 1 (très faible) à 10 (très solide).',
    'Voor elk levensdomein, van 1 (zeer zwak) tot 10 (zeer sterk).',
    'Für jeden Lebensbereich, von 1 (sehr schwach) bis 10 (sehr stark).',
    'For each life domain, from 1 (very weak) to 10 (very strong).',
  ),
  sections: [
    {
      key: 'human',
      title: L('Capital humain', 'Menselijk kapitaal', 'Humankapital', 'Human capital'),
      description: L(
        'Savoirs, compétences, santé, confiance en soi : ce que la personne peut mobiliser elle-même.',
        'Kennis, vaardigheden, gezondheid, zelfvertrouwen: wat de persoon zelf kan inzetten.',
        'Wissen, Fähigkeiten, Gesundheit, Selbstvertrauen: was die Person selbst einbringen kann.',
        'Knowledge, skills, health, self-confidence: what the person can draw on themselves.',
      ),
      items: perDomain('human'),
    },
    {
      key: 'social',
      title: L('Capital social', 'Sociaal kapitaal', 'Sozialkapital', 'Social capital'),
      description: L(
        'Liens, réseaux, accès aux institutions : ce que les relations de la personne lui ouvrent.',
        'Banden, netwerken, toegang tot instellingen: wat de relaties van de persoon mogelijk maken.',
        'Bindungen, Netzwerke, Zugang zu Institutionen: was die Beziehungen der Person ermöglichen.',
        'Ties, networks, access to institutions: what the person’s relationships open up.',
      ),
      items: perDomain('social'),
    },
  ],
}
