import { describe, expect, it } from 'vitest'
import { REFERRAL_REPORT_STATES } from '../../../common/contracts/activity-report.contracts'
import { ACCOMPANIMENT_KINDS, FRAMEWORKS, OUTCOMES } from '../../../common/contracts/accompaniments.contracts'
import { SESSION_STATUSES } from '../../../common/contracts/case-sessions.contracts'
import { STATISTIC_ORIENTATIONS } from '../../../common/contracts/contact-statistics.contracts'
import { CALLER_KINDS, CONTACT_CHANNELS } from '../../../common/contracts/contacts.contracts'
import { TRAINING_AUDIENCES } from '../../../common/contracts/training-sessions.contracts'
import { LANGUAGES } from '../../../common/roles'
import { ACTIVITY_LABELS } from './activity-report.labels'

/** Every code the report prints, under the prefix its label has: a code added to a contract needs its words here. */
const CODES: [string, readonly string[]][] = [
  ['kind', ACCOMPANIMENT_KINDS],
  ['framework', FRAMEWORKS],
  ['outcome', OUTCOMES],
  ['session', SESSION_STATUSES],
  ['caller', CALLER_KINDS],
  ['orientation', STATISTIC_ORIENTATIONS],
  ['channel', CONTACT_CHANNELS],
  ['state', REFERRAL_REPORT_STATES],
  ['audience', TRAINING_AUDIENCES],
]

describe('activity report labels', () => {
  it.each(LANGUAGES)('%s names every code the report prints', (lang) => {
    const labels = ACTIVITY_LABELS[lang] as Record<string, string>
    const missing = CODES.flatMap(([prefix, codes]) => codes.map((c) => `${prefix}.${c}`)).filter((k) => !labels[k]?.trim())
    expect(missing).toEqual([])
  })

  it.each(LANGUAGES.filter((l) => l !== 'fr'))('%s is translated, not French copied', (lang) => {
    const fr = ACTIVITY_LABELS.fr as Record<string, string>
    const own = ACTIVITY_LABELS[lang] as Record<string, string>
    // Short words may be the same in two languages ("Total", "Police"); sentences may not.
    const copied = Object.keys(fr).filter((k) => fr[k]!.length > 20 && own[k] === fr[k])
    expect(copied).toEqual([])
  })
})
