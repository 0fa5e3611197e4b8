import { z } from 'zod'

const StaffRef = z.object({ id: z.uuid(), displayName: z.string() })

export const ERASURE_STATUSES = ['proposed', 'confirmed', 'refused'] as const

/**
 * Why a second person refuses an erasure: the grounds of GDPR art. 17(3) that apply to this
 * service, and art. 12(5) for a request that is manifestly unfounded or excessive. A code, not
 * free text: the decision outlives the person's key.
 */
export const ERASURE_REFUSAL_REASONS = [
  'legal_obligation',
  'public_task',
  'legal_claims',
  'archiving_research',
  'unfounded_or_excessive',
  'proposal_error',
] as const
export type ErasureRefusalReason = (typeof ERASURE_REFUSAL_REASONS)[number]
export const ErasureRefusal = z.object({ reason: z.enum(ERASURE_REFUSAL_REASONS) }).strict()

/** The DPO's proposal: the open erasure request it answers. */
export const ErasureProposal = z.object({ requestId: z.uuid() })

/** An erasure decision, named by pseudonymous codes only (never a name: the person may be gone). */
export const ErasureView = z.object({
  id: z.uuid(),
  version: z.number().int(),
  status: z.enum(ERASURE_STATUSES),
  personId: z.uuid(),
  personCode: z.string(),
  caseCodes: z.array(z.string()),
  requestId: z.uuid(),
  proposedBy: StaffRef,
  proposedAt: z.string(),
  decidedBy: StaffRef.nullable(),
  decidedAt: z.string().nullable(),
  /** The ground of a refusal; null otherwise (and on refusals recorded before reasons were asked). */
  refusalReason: z.enum(ERASURE_REFUSAL_REASONS).nullable(),
  /** When the person became a tombstone (confirmed erasures). */
  erasedAt: z.string().nullable(),
  /** Whether the caller may confirm or refuse it: a second person (the case team's lead or another DPO). */
  mayDecide: z.boolean(),
})
export type ErasureView = z.infer<typeof ErasureView>
export const ErasureList = z.object({ items: z.array(ErasureView), total: z.number().int() })
export const ErasureQuery = z.object({
  state: z.enum(ERASURE_STATUSES).default('proposed'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
})
