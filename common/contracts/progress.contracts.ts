import { z } from 'zod'
import { LifeDomain, Perspective } from './desistance.contracts'
import { NetworkComparison } from './network.contracts'
import { AGREEMENT_STATUSES, PlanCompletion, STEP_STATUSES, STEP_WHO } from './plans.contracts'
import { DATE_PRECISIONS, PHASES } from './trajectory.contracts'
import { PERSON_LANGUAGES } from './persons.contracts'

const Scores = z.partialRecord(LifeDomain, z.partialRecord(Perspective, z.number().int()))
export const ReviewPoint = z.object({ assessmentId: z.uuid(), takenOn: z.string(), scores: Scores })

/** Everything the "progress at a glance" of a case shows, in one call. */
export const Progress = z.object({
  /** Progress reviews, oldest first: the radar shows one, the lines show them all. */
  reviews: z.array(ReviewPoint),
  plan: PlanCompletion,
  network: z.object({
    /** Ties per valence in each snapshot, oldest first. */
    series: z.array(
      z.object({
        snapshotId: z.uuid(),
        takenOn: z.string(),
        supportive: z.number().int(),
        ambivalent: z.number().int(),
        harmful: z.number().int(),
      }),
    ),
    sinceFirst: NetworkComparison.nullable(),
    sincePrevious: NetworkComparison.nullable(),
  }),
  trajectory: z.object({
    events: z.number().int(),
    futureGoals: z.number().int(),
    byPhase: z.partialRecord(z.enum(PHASES), z.number().int()),
  }),
})
export type Progress = z.infer<typeof Progress>

/**
 * The summary a worker goes through with the person and may hand over on paper. Built for the
 * person as reader: their goals and steps, their own words, their scores and the worker's, the
 * people who support them. Never the worker's comments, notes, motivations or judicial details;
 * never the names of harmful ties (a sheet of paper can be lost), only how many were left.
 */
export const PersonSummary = z.object({
  firstName: z.string(),
  /** The languages the person speaks, as recorded (first the one they prefer): the sheet is offered in the first of ours. */
  languages: z.array(z.enum(PERSON_LANGUAGES)),
  caseCode: z.string(),
  generatedOn: z.string(),
  goals: z.array(
    z.object({
      domain: LifeDomain,
      title: z.string(),
      steps: z.array(
        z.object({
          title: z.string(),
          who: z.enum(STEP_WHO),
          partner: z.string().nullable(),
          due: z.string().nullable(),
          status: z.enum(STEP_STATUSES),
        }),
      ),
    }),
  ),
  agreement: z.object({ status: z.enum(AGREEMENT_STATUSES), on: z.string().nullable(), words: z.string().nullable() }),
  progress: z.object({ first: ReviewPoint, latest: ReviewPoint }).nullable(),
  network: z
    .object({
      takenOn: z.string(),
      supportive: z.array(z.string()),
      supportiveGained: z.array(z.string()),
      harmfulLeft: z.number().int(),
      since: z.string().nullable(),
    })
    .nullable(),
  futureGoals: z.array(z.object({ title: z.string(), date: z.string(), precision: z.enum(DATE_PRECISIONS) })),
})
export type PersonSummary = z.infer<typeof PersonSummary>
