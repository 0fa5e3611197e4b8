import { z } from 'zod'

/** GDPR art. 18: the DPO restricts the processing of a person (all their cases, or one). */
export const RestrictInput = z.object({
  /** Why (sealed with the person's key; shown to the DPO only). */
  reason: z.string().trim().min(3).max(2000),
  /** The data-subject request this restriction answers (the DPO's request register). */
  requestId: z.uuid().optional(),
  /** One case of the person only; absent: the person and every case of theirs. */
  accompanimentId: z.uuid().optional(),
})
export type RestrictInput = z.infer<typeof RestrictInput>

export const LiftInput = z.object({ reason: z.string().trim().min(3).max(2000) })
export type LiftInput = z.infer<typeof LiftInput>

export const RestrictionEntry = z.object({
  id: z.uuid(),
  accompanimentId: z.string().nullable(),
  requestId: z.string().nullable(),
  reason: z.string(),
  restrictedAt: z.string(),
  liftReason: z.string().nullable(),
  liftedAt: z.string().nullable(),
})

/** The DPO's view of a person's restriction: current state and history, newest first. */
export const RestrictionView = z.object({
  personId: z.uuid(),
  code: z.string(),
  restricted: z.boolean(),
  /** The person's version: restricting and lifting are edits of the person (If-Match). */
  version: z.number().int(),
  history: z.array(RestrictionEntry),
})
export type RestrictionView = z.infer<typeof RestrictionView>

/** The DPO finds a person by their code (pseudonymous), never by name. */
export const RestrictionLookup = z.object({ code: z.string().trim().min(3).max(32) })
