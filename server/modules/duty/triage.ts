import type { Answers } from '../../../common/contracts/instruments.contracts'
import { TRIAGE_CODE, triageOutcome, type TriageOutcome } from '../../../common/triage'
import { fail } from '../../http/errors'
import type { StaffTx } from '../../http/staff-fence'
import { checkAnswers } from '../assessments/assessments.validate'
import { latestVersion } from '../instruments/instruments.queries'

/**
 * SEAM for the contacts module: a filled triage grid, checked against the grid's latest version
 * (errors named `answers.<item>.worker`), with its outcome. A contact stores `instrumentVersionId`
 * with the answers sealed under the contact's key (like an assessment's, so a later version of
 * the grid still renders them), and `outcome.urgency` / `outcome.immediateDanger` in clear for the
 * queue; when `immediateDanger`, it creates the on-duty lead's task (`dutyNow().onDuty`, or the
 * next one when nobody is on duty) in the same transaction, and shows EmergencyPathPanel.
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
