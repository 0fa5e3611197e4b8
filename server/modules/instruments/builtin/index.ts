import type { ClientKinds, InstrumentDefinition, InstrumentPurpose } from '../../../../common/contracts/instruments.contracts'
import { CAPITALS } from './capitals'
import { MOTIVATIONS } from './motivations'
import { PROGRESS_REVIEW } from './progress-review'
import { PROTECTIVE_FACTORS } from './protective-factors'
import { RELATIVE_REVIEW } from './relative-review'
import { TRIAGE_GRID } from './triage-grid'
import { VIOLENCE_IMPACT } from './violence-impact'

/**
 * The instruments every database has, in the order the case view lists them; `purpose` is 'case'
 * unless said. `clientKinds` is the default an admin may change (installed once, never reset):
 * - the desistance instruments are about the person concerned, answered with them: `concerned`;
 * - the relative review is about a relative's own burden and needs: `relative`;
 * - none by default for `professional`: a professional consults about someone the service does
 *   not accompany directly, and scoring that person without them would profile someone who took
 *   no part; the relative review asks about a close one's family life. An admin may enable any.
 */
export const BUILT_IN_INSTRUMENTS: {
  code: string
  definition: InstrumentDefinition
  purpose?: InstrumentPurpose
  clientKinds: ClientKinds
}[] = [
  { code: 'motivations', definition: MOTIVATIONS, clientKinds: ['concerned'] },
  { code: 'protective-factors', definition: PROTECTIVE_FACTORS, clientKinds: ['concerned'] },
  { code: 'capitals', definition: CAPITALS, clientKinds: ['concerned'] },
  { code: 'progress-review', definition: PROGRESS_REVIEW, clientKinds: ['concerned'] },
  { code: 'violence-impact', definition: VIOLENCE_IMPACT, clientKinds: ['concerned'] },
  { code: 'relative-review', definition: RELATIVE_REVIEW, clientKinds: ['relative'] },
  // Answered for a contact at the line, not on a case: offered on no case, whatever its kind.
  { code: 'triage-grid', definition: TRIAGE_GRID, purpose: 'contact', clientKinds: [] },
]

export const PROGRESS_REVIEW_CODE = 'progress-review'
