import { z } from 'zod'
import { LifeDomain } from './desistance.contracts'
import { AGREEMENT_STATUSES, STEP_STATUSES, STEP_WHO } from '../vocabulary'

export { AGREEMENT_STATUSES, STEP_STATUSES, STEP_WHO }

export const PLAN_LIMITS = { goals: 40, steps: 25, title: 300, why: 2000, partner: 200, words: 4000 } as const

const text = (max: number) => z.string().trim().min(1).max(max)
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .nullable()
    .transform((v) => (v ? v : null))
const optionalDate = z.iso
  .date()
  .optional()
  .nullable()
  .transform((v) => v ?? null)

export const PlanStepInput = z
  .object({
    /** Sent for a step that already exists; the server gives new steps their id. */
    id: z.uuid().optional(),
    title: text(PLAN_LIMITS.title),
    who: z.enum(STEP_WHO),
    partner: optionalText(PLAN_LIMITS.partner),
    due: optionalDate,
    status: z.enum(STEP_STATUSES).default('not_started'),
  })
  .refine((s) => s.who !== 'partner' || s.partner !== null, { path: ['partner'], message: 'required_for_partner' })
  // A partner name only means something when a partner carries the step.
  .transform((s) => ({ ...s, partner: s.who === 'partner' ? s.partner : null }))

export const PlanGoalInput = z.object({
  id: z.uuid().optional(),
  domain: LifeDomain,
  title: text(PLAN_LIMITS.title),
  why: optionalText(PLAN_LIMITS.why),
  steps: z.array(PlanStepInput).max(PLAN_LIMITS.steps).default([]),
})

export const AgreementInput = z.object({
  status: z.enum(AGREEMENT_STATUSES).default('not_yet'),
  on: optionalDate,
  /** The person's own words about the plan, as they said them. */
  words: optionalText(PLAN_LIMITS.words),
})

export const PlanInput = z
  .object({
    goals: z.array(PlanGoalInput).max(PLAN_LIMITS.goals),
    agreement: AgreementInput.default({ status: 'not_yet', on: null, words: null }),
  })
  .superRefine((plan, ctx) => {
    const seen = new Set<string>()
    const once = (id: string | undefined, path: (string | number)[]) => {
      if (!id) return
      if (seen.has(id)) ctx.addIssue({ code: 'custom', path, message: 'duplicate_id' })
      seen.add(id)
    }
    plan.goals.forEach((g, gi) => {
      once(g.id, ['goals', gi, 'id'])
      g.steps.forEach((s, si) => once(s.id, ['goals', gi, 'steps', si, 'id']))
    })
  })
export type PlanInput = z.input<typeof PlanInput>

export const PlanStep = z.object({
  id: z.uuid(),
  title: z.string(),
  who: z.enum(STEP_WHO),
  partner: z.string().nullable(),
  due: z.string().nullable(),
  status: z.enum(STEP_STATUSES),
})
export type PlanStep = z.infer<typeof PlanStep>
export const PlanGoal = z.object({
  id: z.uuid(),
  domain: LifeDomain,
  title: z.string(),
  why: z.string().nullable(),
  steps: z.array(PlanStep),
})
export type PlanGoal = z.infer<typeof PlanGoal>
export const Agreement = z.object({
  status: z.enum(AGREEMENT_STATUSES),
  on: z.string().nullable(),
  words: z.string().nullable(),
})
export type Agreement = z.infer<typeof Agreement>
/** What one version of a plan holds; stored sealed as a whole. */
export const PlanContent = z.object({ goals: z.array(PlanGoal), agreement: Agreement })
export type PlanContent = z.infer<typeof PlanContent>

/** A version of the plan; version 0 is the empty plan of a case that has none yet. */
export const PlanView = PlanContent.extend({
  accompanimentId: z.uuid(),
  version: z.number().int(),
  savedAt: z.string().nullable(),
  savedBy: z.string().nullable(),
})
export type PlanView = z.infer<typeof PlanView>

export const PlanVersionSummary = z.object({
  version: z.number().int(),
  savedAt: z.string(),
  savedBy: z.string(),
  goals: z.number().int(),
  steps: z.number().int(),
  done: z.number().int(),
  agreement: z.enum(AGREEMENT_STATUSES),
})
export type PlanVersionSummary = z.infer<typeof PlanVersionSummary>
export const PlanHistory = z.object({ items: z.array(PlanVersionSummary) })
export const PlanVersionParams = z.object({ id: z.uuid(), version: z.coerce.number().int().min(1).max(1_000_000) })

/** Plan completion for the progress overview: counts only, no text. */
export const PlanCompletion = z.object({
  version: z.number().int(),
  goals: z.number().int(),
  steps: z.number().int(),
  done: z.number().int(),
  inProgress: z.number().int(),
  dropped: z.number().int(),
  byDomain: z.record(z.string(), z.object({ steps: z.number().int(), done: z.number().int() })),
  agreement: z.enum(AGREEMENT_STATUSES),
})
export type PlanCompletion = z.infer<typeof PlanCompletion>
