import { LIFE_DOMAINS } from '../../../../common/contracts/desistance.contracts'
import type { InstrumentDefinition } from '../../../../common/contracts/instruments.contracts'
import { DOMAIN_LABELS, L } from './labels'

/**
 * The progress review: every life domain scored 1 to 10 by the worker and by the person, side by
 * side. Item keys are the domains themselves; the overview charts read `domain`.
 */
export const PROGRESS_REVIEW: InstrumentDefinition = {
  title: L('Bilan de progression', 'Voortgangsbespreking', 'Fortschrittsbilanz', 'Progress review'),
  description: L(
    'Où en est la personne dans chaque domaine de vie, de 1 (très difficile) à 10 (très bien) ? Chacun donne son regard.',
    'Waar staat de persoon in elk levensdomein, van 1 (zeer moeilijk) tot 10 (zeer goed)? Ieder geeft zijn kijk.',
    'Wo steht die Person in jedem Lebensbereich, von 1 (sehr schwierig) bis 10 (sehr gut)? Jede Seite gibt ihre Sicht.',
    'Where does the person stand in each life domain, from 1 (very difficult) to 10 (very good)? Each side gives its view.',
  ),
  sections: [
    {
      key: 'domains',
      title: L('Domaines de vie', 'Levensdomeinen', 'Lebensbereiche', 'Life domains'),
      items: LIFE_DOMAINS.map((domain) => ({
        key: domain,
        type: 'scale' as const,
        label: DOMAIN_LABELS[domain],
        perspectives: ['worker' as const, 'person' as const],
        comment: true,
        domain,
      })),
    },
  ],
}
