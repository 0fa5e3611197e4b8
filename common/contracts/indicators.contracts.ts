import { z } from 'zod'
import { ACCOMPANIMENT_KINDS, FRAMEWORKS, OUTCOMES } from './accompaniments.contracts'
import { SESSION_STATUSES } from './case-sessions.contracts'

/** The longest period one view covers: two years and a day, enough for "last year" against the one before. */
export const INDICATORS_MAX_DAYS = 732

const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000

export const IndicatorsQuery = z
  .object({
    teamId: z.uuid(),
    from: z.iso.date(),
    to: z.iso.date(),
  })
  .refine((q) => q.from <= q.to, { path: ['from'], message: 'date_order' })
  .refine((q) => days(q.from, q.to) <= INDICATORS_MAX_DAYS, { path: ['from'], message: 'period_too_long' })
export type IndicatorsQuery = z.output<typeof IndicatorsQuery>

const Count = z.number().int().min(0)
/** A count as published: the figure, or only that it is under the small-cell threshold. */
export const PublishedCount = z.union([z.object({ count: Count }).strict(), z.object({ below: Count }).strict()])
export type PublishedCount = z.infer<typeof PublishedCount>

/** A two-way table with its margins, every cell through the small-cell rule. */
const Table = <R extends readonly [string, ...string[]], C extends readonly [string, ...string[]]>(rows: R, columns: C) =>
  z.object({
    rows: z.array(z.enum(rows)).max(rows.length),
    columns: z.array(z.enum(columns)).max(columns.length),
    cells: z.array(z.array(PublishedCount).max(columns.length)).max(rows.length),
    rowTotals: z.array(PublishedCount).max(rows.length),
    columnTotals: z.array(PublishedCount).max(columns.length),
    total: PublishedCount,
  })

/** A list of counts by key, with its total. */
const List = <K extends readonly [string, ...string[]]>(keys: K) =>
  z.object({
    keys: z.array(z.enum(keys)).max(keys.length),
    counts: z.array(PublishedCount).max(keys.length),
    total: PublishedCount,
  })

export const Indicators = z.object({
  teamId: z.uuid(),
  from: z.iso.date(),
  to: z.iso.date(),
  /** Counts from 1 to threshold − 1 are shown as "< threshold", and enough others to protect them. */
  threshold: Count,
  /** Accompaniments opened in the period, by kind and framework. */
  opened: Table(ACCOMPANIMENT_KINDS, FRAMEWORKS),
  /** Accompaniments open at some time in the period. */
  active: Table(ACCOMPANIMENT_KINDS, FRAMEWORKS),
  /** Accompaniments closed in the period, by outcome. */
  closedByOutcome: List(OUTCOMES),
  /** How long the accompaniments closed in the period lasted, in days; the median only over enough cases. */
  duration: z.object({ cases: PublishedCount, medianDays: z.number().int().min(0).nullable() }),
  /** Sessions planned in the period, by what became of them. */
  sessions: List(SESSION_STATUSES),
})
export type Indicators = z.infer<typeof Indicators>

/** The teams whose indicators the caller may read: a lead's own teams, every team for the DPO. */
export const IndicatorTeams = z.object({
  items: z.array(z.object({ id: z.uuid(), name: z.string() })),
})
export type IndicatorTeams = z.infer<typeof IndicatorTeams>
