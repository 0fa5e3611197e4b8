import { z } from 'zod'
import { LANGUAGES } from '../roles'
import { CALLER_KINDS, CONTACT_CHANNELS, ORIENTATIONS, ThemeCode } from './contacts.contracts'

/** The longest period the lead may ask for: two years, so that one request stays a bounded scan. */
export const STATISTICS_MAX_DAYS = 731
/** Orientation of a contact that has none yet (still a draft, or finalised without one). */
export const NOT_YET = 'not_yet'
export const STATISTIC_ORIENTATIONS = [...ORIENTATIONS, NOT_YET] as const
export const HOW_GIVEN = ['read_aloud', 'email', 'paper'] as const
export const EXCEPTION_STATUSES_COUNTED = ['pending', 'validated', 'refused'] as const

const days = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000

/** Local dates in Brussels, both included; by default the last twelve weeks (this one included). */
export const ContactStatisticsQuery = z
  .object({
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    /** The language of the sheet titles. */
    language: z.enum(LANGUAGES).default('fr'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['from'], message: 'date_order' })
  .refine((q) => !q.from || !q.to || days(q.from, q.to) < STATISTICS_MAX_DAYS, { path: ['from'], message: 'period_too_long' })
export type ContactStatisticsQuery = z.output<typeof ContactStatisticsQuery>

const Count = z.number().int().min(0)
const counts = <T extends readonly [string, ...string[]]>(keys: T) => z.record(z.enum(keys), Count)
const Hours = z.number().min(0).nullable()

const Breakdown = z.object({
  total: Count,
  channel: counts(CONTACT_CHANNELS),
  callerKind: counts(CALLER_KINDS),
  orientation: counts(STATISTIC_ORIENTATIONS),
  /** A contact filed under several themes counts once under each. */
  theme: z.record(ThemeCode, Count),
})
export type StatisticsBreakdown = z.infer<typeof Breakdown>

/** Counts only: no identity, no summary, no free text. */
export const ContactStatistics = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  /** Every ISO week (its Monday) the period touches, oldest first, empty weeks included. */
  weeks: z.array(Breakdown.extend({ week: z.iso.date() })),
  totals: Breakdown,
  /** Contacts of the period already called back: hours from the contact to its call-back. */
  callBack: z.object({ count: Count, medianHours: Hours, p90Hours: Hours }),
  /** Contacts of the period on which a triage found immediate danger. */
  emergencies: z.object({ total: Count, acknowledged: Count, medianHoursToAcknowledge: Hours }),
  /** Confidentiality exceptions recorded on contacts in the period, by status. */
  exceptions: counts(EXCEPTION_STATUSES_COUNTED),
  /** The ten sheets given most in the period. */
  sheets: z.array(
    z.object({
      sheetId: z.string(),
      code: z.string(),
      /** In the language asked for, else French, else any language it is published in. */
      title: z.string().nullable(),
      count: Count,
      byHow: counts(HOW_GIVEN),
    }),
  ),
})
export type ContactStatistics = z.infer<typeof ContactStatistics>
