import type * as N from '../../../../common/contracts/network.contracts'

/** The lists of `common/contracts/network.contracts.ts`, repeated so the bundle does not pull in zod. */
type Same<T extends readonly unknown[]> = readonly T[number][]

export const TIE_KINDS = ['person', 'group', 'institution', 'online_community'] as const satisfies Same<typeof N.TIE_KINDS>
export const TIE_RELATIONS = [
  'family',
  'partner',
  'friend',
  'peer',
  'professional',
  'school',
  'work',
  'faith',
  'community',
  'extremist_milieu',
  'other',
] as const satisfies Same<typeof N.TIE_RELATIONS>
export const TIE_VALENCES = ['supportive', 'ambivalent', 'harmful'] as const satisfies Same<typeof N.TIE_VALENCES>
export const TIE_STRENGTHS = [3, 2, 1] as const satisfies Same<typeof N.TIE_STRENGTHS>
export const MAX_TIES = 200 satisfies typeof N.MAX_TIES

export type TieKind = N.TieKind
export type TieRelation = N.TieRelation
export type TieValence = N.TieValence

/**
 * How a valence is drawn: a line style and a sign as well as a colour, so that the map reads
 * the same in black and white and for colour-blind readers.
 */
export const VALENCE_STYLE: Record<TieValence, { color: string; light: string; dash: string | undefined; sign: string }> = {
  supportive: { color: 'var(--mantine-color-green-7)', light: 'var(--mantine-color-green-0)', dash: undefined, sign: '+' },
  ambivalent: { color: 'var(--mantine-color-orange-8)', light: 'var(--mantine-color-orange-0)', dash: '9 6', sign: '±' },
  harmful: { color: 'var(--mantine-color-red-7)', light: 'var(--mantine-color-red-0)', dash: '1 7', sign: '−' },
}
export const VALENCE_BADGE: Record<TieValence, string> = { supportive: 'green', ambivalent: 'orange', harmful: 'red' }

/** Ties sorted for reading: supportive first, then strongest, then by name. */
export function sortTies<T extends { valence: TieValence; strength: number; name: string }>(ties: T[]): T[] {
  const rank = { supportive: 0, ambivalent: 1, harmful: 2 }
  return [...ties].sort((a, b) => rank[a.valence] - rank[b.valence] || b.strength - a.strength || a.name.localeCompare(b.name))
}
