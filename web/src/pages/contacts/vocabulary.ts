import type * as C from '../../../../common/contracts/contacts.contracts'

/** The lists of the contracts, repeated so that the bundle does not pull in zod; `satisfies` keeps them equal. */
type Same<T extends readonly unknown[]> = readonly T[number][]

export const CHANNELS = ['phone', 'email', 'walk_in', 'web_form', 'letter', 'other'] as const satisfies Same<typeof C.CONTACT_CHANNELS>
export const DIRECTIONS = ['incoming', 'outgoing'] as const satisfies Same<typeof C.CONTACT_DIRECTIONS>
export const CALLER_KINDS = ['relative', 'professional', 'person_concerned', 'undisclosed', 'anonymous'] as const satisfies Same<
  typeof C.CALLER_KINDS
>
export const SECTORS = [
  'school',
  'youth_service',
  'police',
  'prison_justice',
  'health',
  'social',
  'municipality',
  'religious_community',
  'other',
] as const satisfies Same<typeof C.CALLER_SECTORS>
export const ORIENTATIONS = ['none', 'information_only', 'advice_case', 'accompaniment', 'referred'] as const satisfies Same<
  typeof C.ORIENTATIONS
>
export const URGENCIES = ['immediate', '48h', 'week', 'none'] as const satisfies Same<typeof C.URGENCIES>

export type Channel = (typeof CHANNELS)[number]
export type Direction = (typeof DIRECTIONS)[number]
export type CallerKind = (typeof CALLER_KINDS)[number]
export type Sector = (typeof SECTORS)[number]
export type Orientation = (typeof ORIENTATIONS)[number]
export type Urgency = (typeof URGENCIES)[number]
export type { ContactView, ContactSummary } from '../../../../common/contracts/contacts.contracts'

/** Badge colours; every urgency also carries its words. */
export const URGENCY_COLOR: Record<Urgency, string> = { immediate: 'red', '48h': 'orange', week: 'yellow', none: 'gray' }
