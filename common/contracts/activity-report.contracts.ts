import { z } from 'zod'
import { LANGUAGES } from '../roles'
import { STATISTIC_ORIENTATIONS } from './contact-statistics.contracts'
import { CALLER_KINDS, CONTACT_CHANNELS } from './contacts.contracts'
import { Indicators, PublishedCount } from './indicators.contracts'
import { TRAINING_AUDIENCES } from './training-sessions.contracts'

/**
 * Issue 14: the yearly activity report ("Rapport d'activité") of a team, in the funder's shape.
 * Every count about persons goes through the small-cell rule; the training log's figures are
 * about the service's own sessions and are given as they are.
 */
export const ActivityReportQuery = z.object({
  teamId: z.uuid(),
  year: z.coerce.number().int().min(2000).max(2100),
  /** The language of the labels (PDF, CSV, partner categories). */
  lang: z.enum(LANGUAGES).default('fr'),
})
export type ActivityReportQuery = z.output<typeof ActivityReportQuery>

/** Present state of a referral sent in the year. */
export const REFERRAL_REPORT_STATES = ['awaiting', 'accepted', 'completed', 'declined', 'stopped'] as const
/** A referral whose service names no need category (or no service at all). */
export const UNCATEGORISED = 'uncategorised'

const Count = z.number().int().min(0)
const List = <K extends readonly [string, ...string[]]>(keys: K) =>
  z.object({
    keys: z.array(z.enum(keys)).max(keys.length),
    counts: z.array(PublishedCount).max(keys.length),
    total: PublishedCount,
  })

export const ActivityReport = z.object({
  teamId: z.uuid(),
  teamName: z.string(),
  year: z.number().int(),
  from: z.iso.date(),
  to: z.iso.date(),
  language: z.enum(LANGUAGES),
  threshold: Count,
  /** Accompaniments over the year: the indicators of the team for that period. */
  accompaniments: Indicators,
  /** The contact point is the service's line, not a team's: its contacts of the year. */
  contacts: z.object({
    byCallerKind: List(CALLER_KINDS),
    byOrientation: List(STATISTIC_ORIENTATIONS),
    byChannel: List(CONTACT_CHANNELS),
  }),
  /** Referrals of the team's cases sent in the year, by the need category of the service and their present state. */
  referrals: z.object({
    rows: z.array(z.object({ code: z.string(), label: z.string() })).max(200),
    columns: z.array(z.enum(REFERRAL_REPORT_STATES)).max(REFERRAL_REPORT_STATES.length),
    cells: z.array(z.array(PublishedCount)),
    rowTotals: z.array(PublishedCount),
    columnTotals: z.array(PublishedCount),
    total: PublishedCount,
  }),
  /** Training and awareness sessions the team gave in the year (not about persons: not suppressed). */
  training: z.object({
    sessions: Count,
    participants: Count,
    hours: z.number().min(0),
    byAudience: z.array(z.object({ audience: z.enum(TRAINING_AUDIENCES), sessions: Count, participants: Count, hours: z.number().min(0) })),
  }),
})
export type ActivityReport = z.infer<typeof ActivityReport>
