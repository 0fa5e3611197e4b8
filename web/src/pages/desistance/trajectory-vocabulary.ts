import { useTranslation } from 'react-i18next'
import type * as T from '../../../../common/contracts/trajectory.contracts'
import { isLanguage, LOCALE_TAGS } from '../../i18n'
import { makeFormat } from '../../i18n/formatters'

/** The lists of the contract, repeated so that the bundle does not pull in zod; `satisfies` keeps them equal. */
type Same<T extends readonly unknown[]> = readonly T[number][]

export const PHASES = ['before', 'entry', 'engagement', 'turning_point', 'doubt', 'disengagement', 're_engagement'] as const satisfies Same<
  typeof T.PHASES
>
export const DATE_PRECISIONS = ['year', 'month', 'day'] as const satisfies Same<typeof T.DATE_PRECISIONS>
export const VALENCES = [2, 1, 0, -1, -2] as const satisfies Same<typeof T.VALENCES>
export type Phase = T.Phase
export type DatePrecision = T.DatePrecision
export type TrajectoryEvent = T.TrajectoryEvent
export type TrajectoryInput = T.TrajectoryInput

/** Each phase has a shape and a colour, and its name in the legend: colour is never the only cue. */
export type Shape = 'circle' | 'triangleDown' | 'square' | 'diamond' | 'ring' | 'triangleUp' | 'plus' | 'star'
export const PHASE_LOOK: Record<Phase, { shape: Shape; color: string }> = {
  before: { shape: 'circle', color: '#5c6b7a' },
  entry: { shape: 'triangleDown', color: '#c2410c' },
  engagement: { shape: 'square', color: '#b42318' },
  turning_point: { shape: 'diamond', color: '#6d28d9' },
  doubt: { shape: 'ring', color: '#a16207' },
  disengagement: { shape: 'triangleUp', color: '#0f766e' },
  re_engagement: { shape: 'plus', color: '#15803d' },
}
export const FUTURE_LOOK = { shape: 'star' as Shape, color: '#1d4ed8' }

export const lookOf = (e: Pick<TrajectoryEvent, 'kind' | 'phase'>) => (e.kind === 'future' || !e.phase ? FUTURE_LOOK : PHASE_LOOK[e.phase])

/** The period a date of some precision stands for, in epoch milliseconds [start, end). */
export function spanOf(date: string, precision: DatePrecision): [number, number] {
  const [y, m, d] = date.split('-').map(Number) as [number, number | undefined, number | undefined]
  if (precision === 'year') return [Date.UTC(y, 0, 1), Date.UTC(y + 1, 0, 1)]
  if (precision === 'month') return [Date.UTC(y, (m ?? 1) - 1, 1), Date.UTC(y, m ?? 1, 1)]
  const start = Date.UTC(y, (m ?? 1) - 1, d ?? 1)
  return [start, start + 86_400_000]
}

/** "≈ 2019", "≈ mars 2019" or "14 mars 2019": an approximate date says so. */
export function useTrajectoryDate() {
  const { i18n } = useTranslation()
  const tag = isLanguage(i18n.language) ? LOCALE_TAGS[i18n.language] : 'fr-BE'
  return (e: { date: string; precision: DatePrecision }): string => {
    const [start] = spanOf(e.date, e.precision)
    if (e.precision === 'year') return `≈ ${e.date}`
    if (e.precision === 'month')
      return `≈ ${new Intl.DateTimeFormat(tag, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(start)}`
    return makeFormat(isLanguage(i18n.language) ? i18n.language : 'fr').date(e.date)
  }
}

/** Month names in the user's language, for the month picker of an approximate date. */
export function useMonthNames(): string[] {
  const { i18n } = useTranslation()
  const tag = isLanguage(i18n.language) ? LOCALE_TAGS[i18n.language] : 'fr-BE'
  const f = new Intl.DateTimeFormat(tag, { month: 'long', timeZone: 'UTC' })
  return Array.from({ length: 12 }, (_, i) => f.format(Date.UTC(2000, i, 1)))
}

export const valenceKey = (v: number) => `trajectory.valence.${v < 0 ? `minus${-v}` : v > 0 ? `plus${v}` : 'zero'}`
