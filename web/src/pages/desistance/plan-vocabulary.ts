import type * as D from '../../../../common/contracts/desistance.contracts'
import type * as P from '../../../../common/contracts/plans.contracts'

export { AGREEMENT_STATUSES, LIFE_DOMAINS, STEP_STATUSES, STEP_WHO } from '../../../../common/vocabulary'

export type LifeDomain = D.LifeDomain
export type StepWho = P.PlanStep['who']
export type StepStatus = P.PlanStep['status']
export type AgreementStatus = P.Agreement['status']
export type { PlanGoal, PlanStep, PlanView, PlanVersionSummary, Agreement } from '../../../../common/contracts/plans.contracts'

/** Badge colours; every status also carries its own icon and words. */
export const STEP_STATUS_COLOR: Record<StepStatus, string> = {
  not_started: 'gray',
  in_progress: 'blue',
  done: 'green',
  dropped: 'gray',
}
export const AGREEMENT_COLOR: Record<AgreementStatus, string> = { agreed: 'green', partly: 'orange', not_yet: 'gray' }
