import type { z } from 'zod'
import type * as C from '../../../../common/contracts/accompaniments.contracts'
import type * as R from '../../../../common/contracts/case-relatives.contracts'

/**
 * The lists of `common/contracts/accompaniments.contracts.ts`, repeated here so that the web
 * bundle does not pull in zod; the types keep both in step.
 */
type Same<T extends readonly string[]> = readonly T[number][]

export const STATUSES = ['intake', 'active', 'suspended', 'closing', 'closed'] as const satisfies Same<typeof C.STATUSES>
export const KINDS = ['concerned', 'relative', 'professional'] as const satisfies Same<typeof C.ACCOMPANIMENT_KINDS>
export const CONCERNED_STATUSES = ['known', 'unknown', 'anonymous'] as const satisfies Same<typeof C.CONCERNED_STATUSES>
export const RELATIONSHIPS = [
  'parent',
  'partner',
  'sibling',
  'child',
  'other_family',
  'friend',
  'teacher',
  'youth_worker',
  'social_worker',
  'police',
  'prison_staff',
  'health_professional',
  'other_professional',
] as const satisfies Same<typeof C.RELATIONSHIPS>
export const FAMILY_RELATIONSHIPS = ['parent', 'partner', 'sibling', 'child', 'other_family', 'friend'] as const
export const MEASURES = [
  'probation_condition',
  'conditional_release',
  'electronic_monitoring',
  'youth_protection',
  'other',
] as const satisfies Same<typeof C.MEASURES>
export const AUTHORITY_KINDS = ['justice_house', 'judge', 'youth_court', 'other'] as const satisfies Same<typeof C.AUTHORITY_KINDS>
export const OUTCOMES = [
  'goals_reached',
  'person_withdrew',
  'moved_away',
  'mandate_ended',
  'referred_elsewhere',
  'other',
] as const satisfies Same<typeof C.OUTCOMES>

export type Measure = (typeof MEASURES)[number]
export type AuthorityKind = (typeof AUTHORITY_KINDS)[number]
export type Relationship = (typeof RELATIONSHIPS)[number]
export type ConcernedStatus = (typeof CONCERNED_STATUSES)[number]
export type FrameworkInput = z.input<typeof C.Framework>

export const INVOLVEMENTS = ['informed', 'participates', 'support_person', 'own_accompaniment'] as const satisfies Same<
  typeof R.INVOLVEMENTS
>
export const CONSENTS = ['given', 'refused', 'not_asked'] as const satisfies Same<typeof R.CONSENTS>
export type Involvement = (typeof INVOLVEMENTS)[number]
export type Consent = (typeof CONSENTS)[number]
