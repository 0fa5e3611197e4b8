import { z } from 'zod'
import { PERSON_CODE_INPUT, PERSON_NAME_MAX } from './audit.contracts'
import { isBroadNameQuery } from '../person-search'

/**
 * The DPO's access review (issue 13): how much each account read per day, with the days and
 * accounts that stand out, and the two questions "who read this person" and "what did this user
 * read" between two dates. Persons and cases are named by their codes, never their names.
 */

/** A day is an outlier when it reaches this many times the account's own median day… */
export const OUTLIER_RATIO = 10
/** …and at least this many distinct persons (or cases): 10× a median of 1 is not a finding. */
export const OUTLIER_FLOOR = 20
/** Break-the-glass grants over the period from which an account is flagged. */
export const BREAK_GLASS_FLOOR = 3
/** The longest period reviewed in one answer, in days (a quarter). */
export const REVIEW_MAX_DAYS = 92

export const REVIEW_FLAGS = ['reads_spike', 'break_glass'] as const
export type ReviewFlag = (typeof REVIEW_FLAGS)[number]

const daysBetween = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000

/** A period of calendar days (UTC), both included. */
const period = () =>
  z
    .object({ from: z.iso.date(), to: z.iso.date() })
    .refine((q) => q.from <= q.to, { path: ['to'], message: 'before_from' })
    .refine((q) => daysBetween(q.from, q.to) < REVIEW_MAX_DAYS, { path: ['from'], message: 'period_too_long' })

export const AccessReviewQuery = period()

export const AccessReviewDay = z.object({
  day: z.iso.date(),
  /** Distinct persons whose data the account's reads showed that day, list reads included. */
  persons: z.number().int(),
  /** Distinct cases the account opened that day. */
  cases: z.number().int(),
  outlier: z.boolean(),
})
export const AccessReviewUser = z.object({
  actorId: z.string(),
  actorName: z.string().nullable(),
  roles: z.array(z.string()),
  /** Days with at least one read, oldest first. */
  days: z.array(AccessReviewDay),
  medianPersons: z.number(),
  medianCases: z.number(),
  peakPersons: z.number().int(),
  /** Distinct persons and cases over the whole period. */
  persons: z.number().int(),
  cases: z.number().int(),
  breakGlassGrants: z.number().int(),
  flags: z.array(z.enum(REVIEW_FLAGS)),
})
export const AccessReview = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  ratio: z.number(),
  floor: z.number().int(),
  breakGlassFloor: z.number().int(),
  /** Flagged accounts first (most flags, then the highest peak), then by persons read. */
  users: z.array(AccessReviewUser),
})

/** "Who read this person": by id, by code, or by first and last name (hence a POST body). */
export const ReadersQuery = z
  .object({
    from: z.iso.date(),
    to: z.iso.date(),
    personId: z.uuid().optional(),
    personCode: z.string().trim().regex(PERSON_CODE_INPUT, 'Not a person code').optional(),
    personName: z
      .string()
      .trim()
      .min(1)
      .max(PERSON_NAME_MAX)
      .refine((v) => /\p{L}/u.test(v), { message: 'not_a_name' })
      .refine((v) => !isBroadNameQuery(v), { message: 'first_and_last_name' })
      .optional(),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'before_from' })
  .refine((q) => [q.personId, q.personCode, q.personName].filter(Boolean).length === 1, { path: ['personCode'], message: 'one_person' })

export const Reader = z.object({
  actorId: z.string(),
  actorName: z.string().nullable(),
  roles: z.array(z.string()),
  /** Read entries that showed the person (list reads included). */
  reads: z.number().int(),
  firstAt: z.string(),
  lastAt: z.string(),
})
export const Readers = z.object({
  /** Codes of the persons asked about (what the name designated; empty when nobody). */
  matchedCodes: z.array(z.string()),
  readers: z.array(Reader),
})

export const UserReadsQuery = period()
const ReadCount = z.object({ reads: z.number().int(), firstAt: z.string(), lastAt: z.string() })
export const UserReads = z.object({
  actorId: z.string(),
  actorName: z.string().nullable(),
  /** Most read first. */
  persons: z.array(ReadCount.extend({ personId: z.string(), code: z.string() })),
  cases: z.array(ReadCount.extend({ caseId: z.string(), code: z.string() })),
})
