import type { InstrumentDefinition } from '../../../../common/contracts/instruments.contracts'
import { CAPITALS } from './capitals'
import { MOTIVATIONS } from './motivations'
import { PROGRESS_REVIEW } from './progress-review'
import { PROTECTIVE_FACTORS } from './protective-factors'
import { VIOLENCE_IMPACT } from './violence-impact'

/** The instruments every database has, in the order the case view lists them. */
export const BUILT_IN_INSTRUMENTS: { code: string; definition: InstrumentDefinition }[] = [
  { code: 'motivations', definition: MOTIVATIONS },
  { code: 'protective-factors', definition: PROTECTIVE_FACTORS },
  { code: 'capitals', definition: CAPITALS },
  { code: 'progress-review', definition: PROGRESS_REVIEW },
  { code: 'violence-impact', definition: VIOLENCE_IMPACT },
]

export const PROGRESS_REVIEW_CODE = 'progress-review'
