import { z } from 'zod'
import { ACCOMPANIMENT_KINDS, FRAMEWORKS, OUTCOMES } from './accompaniments.contracts'
import { SESSION_STATUSES } from './case-sessions.contracts'
import { STATISTIC_ORIENTATIONS } from './contact-statistics.contracts'
import { CALLER_KINDS, CONTACT_CHANNELS, ThemeCode } from './contacts.contracts'
import { LIFE_DOMAINS } from './desistance.contracts'
import { PARTNER_AUDIENCES } from './partners.contracts'

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

/** A list whose keys are codes managed as data (contact themes): the counts do not add up to a whole. */
const CodeList = z.object({
  keys: z.array(ThemeCode).max(200),
  counts: z.array(PublishedCount).max(200),
  /** Each code's name in the four languages (staff vocabulary), for readers who may not list the themes. */
  labels: z.array(z.object({ fr: z.string(), nl: z.string(), de: z.string(), en: z.string() })).max(200),
})

/** How a domain's score moved from a case's first review to its latest. */
export const REVIEW_CHANGES = ['improved', 'same', 'worse'] as const
export const GOAL_STATES = ['done', 'open'] as const
/** What became of a referral sent in the period, as it stands now. */
export const REFERRAL_RESULTS = ['awaiting', 'declined', 'ongoing', 'met', 'partly_met', 'not_met', 'stopped'] as const
export const YES_NO = ['yes', 'no'] as const

/** The contact point's line over the period (the line is the service's, not a team's). */
export const ContactIndicators = z.object({
  total: PublishedCount,
  byChannel: List(CONTACT_CHANNELS),
  byCallerKind: List(CALLER_KINDS),
  byOrientation: List(STATISTIC_ORIENTATIONS),
  /** A contact filed under several themes counts once under each. */
  byTheme: CodeList,
})

export const ReferralIndicators = z.object({
  /** Referrals sent in the period from the team's cases, by what became of them. */
  byResult: List(REFERRAL_RESULTS),
  /** The same by the audiences the partner serves: a partner serving several counts under each. */
  byAudience: z.object({
    keys: z.array(z.enum(PARTNER_AUDIENCES)).max(PARTNER_AUDIENCES.length),
    counts: z.array(PublishedCount).max(PARTNER_AUDIENCES.length),
  }),
})

/**
 * Progress of the cases active in the period, from their first review, plan and network snapshot
 * to their latest (facts written when they were saved; no narrative is opened to count them).
 */
export const ProgressIndicators = z.object({
  /** Cases with two reviews or more scoring the domain, by how the score moved; one table per rater. */
  reviewsByWorker: Table(LIFE_DOMAINS, REVIEW_CHANGES),
  reviewsByPerson: Table(LIFE_DOMAINS, REVIEW_CHANGES),
  /** Goals of the current plans, per domain, done or still open. */
  planGoals: Table(LIFE_DOMAINS, GOAL_STATES),
  /** Cases with two network snapshots or more: whether they gained supportive ties and left harmful ones. */
  network: z.object({
    cases: PublishedCount,
    supportiveGained: List(YES_NO),
    harmfulLeft: List(YES_NO),
    supportiveTiesGained: PublishedCount,
    harmfulTiesLeft: PublishedCount,
  }),
})
export type ProgressIndicators = z.infer<typeof ProgressIndicators>

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
  contacts: ContactIndicators,
  referrals: ReferralIndicators,
  progress: ProgressIndicators,
})
export type Indicators = z.infer<typeof Indicators>

/** The teams whose indicators the caller may read: a lead's own teams, every team for the DPO. */
export const IndicatorTeams = z.object({
  items: z.array(z.object({ id: z.uuid(), name: z.string() })),
})
export type IndicatorTeams = z.infer<typeof IndicatorTeams>
