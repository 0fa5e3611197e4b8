import type { InstrumentDefinition, InstrumentPurpose } from '../../../../common/contracts/instruments.contracts'
import { CAPITALS } from './capitals'
import { MOTIVATIONS } from './motivations'
import { PROGRESS_REVIEW } from './progress-review'
import { PROTECTIVE_FACTORS } from './protective-factors'
import { TRIAGE_GRID } from './triage-grid'
import { VIOLENCE_IMPACT } from './violence-impact'

/** The instruments every database has, in the order the case view lists them; `purpose` is 'case' unless said. */
export const BUILT_IN_INSTRUMENTS: { code: string; definition: InstrumentDefinition; purpose?: InstrumentPurpose }[] = [
  { code: 'motivations', definition: MOTIVATIONS },
  { code: 'protective-factors', definition: PROTECTIVE_FACTORS },
  { code: 'capitals', definition: CAPITALS },
  { code: 'progress-review', definition: PROGRESS_REVIEW },
  { code: 'violence-impact', definition: VIOLENCE_IMPACT },
  // Answered for a contact at the line, not on a case: the case view does not offer it.
  { code: 'triage-grid', definition: TRIAGE_GRID, purpose: 'contact' },
]

export const PROGRESS_REVIEW_CODE = 'progress-review'
