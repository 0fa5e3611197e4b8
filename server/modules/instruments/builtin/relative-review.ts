import type { InstrumentDefinition, InstrumentItem } from '../../../../common/contracts/instruments.contracts'
import { L } from './labels'

/** A strain or a resource of the relative, scored by the worker and by the relative themselves. */
const strain = (key: string, label: InstrumentItem['label'], help: InstrumentItem['label']): InstrumentItem => ({
  key,
  type: 'scale',
  label,
  help,
  perspectives: ['worker', 'person'],
  comment: true,
})

/**
 * The review for a relative (a parent, a partner, a sibling…) who comes to the service about
 * someone close: what the situation costs them and what they need. Offered on relatives' cases
 * only: the client there is the relative, and the desistance instruments, which are about the
 * person concerned, are not answered with them.
 */
export const RELATIVE_REVIEW: InstrumentDefinition = {
  title: L(
    'Bilan du proche : charge et besoins',
    'Bespreking met de naaste: belasting en noden',
    'Bilanz mit der angehörigen Person: Belastung und Bedarf',
    'Review with a relative: burden and needs',
  ),
  description: L(
    'Pour les proches qui s’adressent au service (pas pour la personne concernée, ni pour les professionnels) : ce que la situation leur coûte et ce dont ils ont besoin, de 1 (pas du tout) à 10 (énormément), vu par l’intervenant·e et par le proche.',
    'Voor naasten die zich tot de dienst richten (niet voor de betrokken persoon, noch voor professionals): wat de situatie hen kost en wat ze nodig hebben, van 1 (helemaal niet) tot 10 (enorm), gezien door de hulpverlener en door de naaste.',
    'Für Angehörige, die sich an den Dienst wenden (nicht für die betroffene Person und nicht für Fachleute): was die Lage sie kostet und was sie brauchen, von 1 (gar nicht) bis 10 (sehr stark), aus Sicht der Fachkraft und der angehörigen Person.',
    'For relatives who come to the service (not for the person concerned, nor for professionals): what the situation costs them and what they need, from 1 (not at all) to 10 (enormously), as seen by the worker and by the relative.',
  ),
  sections: [
    {
      key: 'burden',
      title: L('Charge', 'Belasting', 'Belastung', 'Burden'),
      items: [
        strain(
          'worry',
          L('Inquiétude', 'Ongerustheid', 'Sorge', 'Worry'),
          L(
            'À quel point le proche s’inquiète pour la personne.',
            'Hoe ongerust de naaste zich maakt over de persoon.',
            'Wie sehr sich die angehörige Person um die Person sorgt.',
            'How worried the relative is about the person.',
          ),
        ),
        strain(
          'isolation',
          L('Isolement', 'Isolement', 'Isolation', 'Isolation'),
          L(
            'À quel point le proche se sent seul face à la situation.',
            'Hoe alleen de naaste zich voelt tegenover de situatie.',
            'Wie allein sich die angehörige Person mit der Lage fühlt.',
            'How alone the relative feels in the situation.',
          ),
        ),
        strain(
          'family_tension',
          L('Tensions familiales', 'Spanningen in het gezin', 'Spannungen in der Familie', 'Family tension'),
          L(
            'Disputes, ruptures ou non-dits autour de la situation.',
            'Ruzies, breuken of onuitgesproken zaken rond de situatie.',
            'Streit, Brüche oder Unausgesprochenes rund um die Lage.',
            'Quarrels, breaks or things left unsaid around the situation.',
          ),
        ),
      ],
    },
    {
      key: 'needs',
      title: L('Besoins et soutien', 'Noden en steun', 'Bedarf und Unterstützung', 'Needs and support'),
      items: [
        strain(
          'information_need',
          L('Besoin d’information', 'Nood aan informatie', 'Informationsbedarf', 'Need for information'),
          L(
            'Sur l’extrémisme violent, les démarches, ce qui peut arriver.',
            'Over gewelddadig extremisme, de stappen, wat er kan gebeuren.',
            'Über gewaltbereiten Extremismus, die Schritte, was geschehen kann.',
            'About violent extremism, the steps to take, what may happen.',
          ),
        ),
        strain(
          'support_network',
          L('Réseau de soutien', 'Steunnetwerk', 'Unterstützungsnetz', 'Support network'),
          L(
            'Les personnes et services sur qui le proche peut compter (1 : personne, 10 : beaucoup).',
            'De mensen en diensten op wie de naaste kan rekenen (1: niemand, 10: veel).',
            'Menschen und Dienste, auf die die angehörige Person zählen kann (1: niemand, 10: viele).',
            'The people and services the relative can count on (1: no one, 10: many).',
          ),
        ),
      ],
    },
  ],
}
