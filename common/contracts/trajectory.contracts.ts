import { z } from 'zod'
import { LifeDomain } from './desistance.contracts'

/** `event`: something that happened on the path; `future`: a goal of the redefined trajectory. */
export const TRAJECTORY_KINDS = ['event', 'future'] as const
/** How exactly the date is known: approximate dates keep their precision instead of a fake day. */
export const DATE_PRECISIONS = ['day', 'month', 'year'] as const
export const PHASES = ['before', 'entry', 'engagement', 'turning_point', 'doubt', 'disengagement', 're_engagement'] as const
/**
 * How the moment weighed on the person, on a five-point scale: -2 very hard, -1 hard, 0 neutral,
 * +1 good, +2 very good. A number (not three labels) so that the timeline can place events above
 * and below its axis and show the ups and downs of the path.
 */
export const VALENCES = [-2, -1, 0, 1, 2] as const
export const TRAJECTORY_LIMITS = { title: 200, description: 5000, goals: 10 } as const

export type TrajectoryKind = (typeof TRAJECTORY_KINDS)[number]
export type DatePrecision = (typeof DATE_PRECISIONS)[number]
export type Phase = (typeof PHASES)[number]

const DATE_FORMS: Record<DatePrecision, RegExp> = {
  year: /^\d{4}$/,
  month: /^\d{4}-(0[1-9]|1[0-2])$/,
  day: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
}

/** True when `date` is written as its precision says and, for a day, exists in the calendar. */
export function dateMatches(precision: DatePrecision, date: string): boolean {
  if (!DATE_FORMS[precision].test(date)) return false
  const year = Number(date.slice(0, 4))
  if (year < 1900 || year > 2100) return false
  if (precision !== 'day') return true
  const d = new Date(`${date}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date
}

export const TrajectoryInput = z
  .object({
    kind: z.enum(TRAJECTORY_KINDS).default('event'),
    precision: z.enum(DATE_PRECISIONS),
    /** `yyyy`, `yyyy-mm` or `yyyy-mm-dd`, matching `precision`. */
    date: z.string().trim().max(10),
    phase: z.enum(PHASES).nullable().default(null),
    domain: LifeDomain.nullable().default(null),
    valence: z.number().int().min(-2).max(2).default(0),
    title: z.string().trim().min(1).max(TRAJECTORY_LIMITS.title),
    description: z
      .string()
      .trim()
      .max(TRAJECTORY_LIMITS.description)
      .optional()
      .nullable()
      .transform((v) => (v ? v : null)),
    /** For a future goal: the plan goals it is linked to (ids of the current plan). */
    goalIds: z.array(z.uuid()).max(TRAJECTORY_LIMITS.goals).default([]),
  })
  .refine((e) => dateMatches(e.precision, e.date), { path: ['date'], message: 'does_not_match_precision' })
  .refine((e) => e.kind !== 'event' || e.phase !== null, { path: ['phase'], message: 'required_for_event' })
  .refine((e) => e.kind !== 'future' || e.phase === null, { path: ['phase'], message: 'only_for_event' })
  .refine((e) => e.kind !== 'event' || e.goalIds.length === 0, { path: ['goalIds'], message: 'only_for_future' })
  .refine((e) => new Set(e.goalIds).size === e.goalIds.length, { path: ['goalIds'], message: 'duplicate_id' })
export type TrajectoryInput = z.input<typeof TrajectoryInput>

export const TrajectoryEvent = z.object({
  id: z.uuid(),
  accompanimentId: z.uuid(),
  kind: z.enum(TRAJECTORY_KINDS),
  precision: z.enum(DATE_PRECISIONS),
  date: z.string(),
  phase: z.enum(PHASES).nullable(),
  domain: LifeDomain.nullable(),
  valence: z.number().int(),
  title: z.string(),
  description: z.string().nullable(),
  goalIds: z.array(z.uuid()),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
})
export type TrajectoryEvent = z.infer<typeof TrajectoryEvent>
export const TrajectoryList = z.object({ items: z.array(TrajectoryEvent) })
export const TrajectoryParams = z.object({ id: z.uuid(), eventId: z.uuid() })

/**
 * Chronological order of dates of mixed precision: an approximate date sorts at the start of
 * its span ("2019" before "2019-03" before "2019-03-14"), which string order already gives for
 * these fixed-width forms; compared in code so that no database collation can change it.
 */
export function compareTrajectoryDates(a: { date: string; createdAt: string }, b: { date: string; createdAt: string }): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0
}
