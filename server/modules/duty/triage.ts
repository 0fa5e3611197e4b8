import type { Answers } from '../../../common/contracts/instruments.contracts'
import { TRIAGE_CODE, triageOutcome, type TriageOutcome } from '../../../common/triage'
import { fail } from '../../http/errors'
import type { StaffTx } from '../../http/staff-fence'
import { checkAnswers } from '../assessments/assessments.validate'
import { latestVersion } from '../instruments/instruments.queries'

/**
 * A filled triage grid, checked against the grid's latest version (errors named
 * `answers.<item>.worker`), with its outcome. Used by the line's try-out route and by the contacts
 * module (contacts/contact-triage.ts), which stores `instrumentVersionId` with the answers sealed
 * under the contact's key, raises the contact's urgency, and on `immediateDanger` flags the contact
 * for a lead and gives its call-back to the person on duty (`dutyNow`) in the same transaction.
 */
export async function checkTriage(
  trx: StaffTx,
  answers: Answers,
): Promise<{ instrumentVersionId: string; version: number; answers: Answers; outcome: TriageOutcome }> {
  const grid = await latestVersion(trx, TRIAGE_CODE)
  if (!grid) throw fail('resource.not_found')
  const clean = checkAnswers(grid.definition, answers)
  return { instrumentVersionId: grid.id, version: grid.version, answers: clean, outcome: triageOutcome(clean) }
}
