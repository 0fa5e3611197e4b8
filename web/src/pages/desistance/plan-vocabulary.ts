import type * as D from '../../../../common/contracts/desistance.contracts'
import type * as P from '../../../../common/contracts/plans.contracts'

/** The lists of the contracts, repeated so that the bundle does not pull in zod; `satisfies` keeps them equal. */
type Same<T extends readonly unknown[]> = readonly T[number][]

export const LIFE_DOMAINS = [
  'schooling',
  'employment',
  'housing',
  'family',
  'relationships',
  'health',
  'leisure',
  'identity',
  'citizenship',
  'violence',
] as const satisfies Same<typeof D.LIFE_DOMAINS>
export const STEP_WHO = ['person', 'worker', 'partner'] as const satisfies Same<typeof P.STEP_WHO>
export const STEP_STATUSES = ['not_started', 'in_progress', 'done', 'dropped'] as const satisfies Same<typeof P.STEP_STATUSES>
export const AGREEMENT_STATUSES = ['agreed', 'partly', 'not_yet'] as const satisfies Same<typeof P.AGREEMENT_STATUSES>

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
