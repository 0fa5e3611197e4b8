import { z } from 'zod'
import { DPO_ALERT_KINDS } from '../duties'
import { ROLES } from '../roles'

const StaffRef = z.object({ id: z.uuid(), displayName: z.string() })

/** Who took which path into whose account, or confirmed which grant, and whether the DPO has seen it. */
export const DpoAlertView = z.object({
  id: z.uuid(),
  version: z.number().int(),
  kind: z.enum(DPO_ALERT_KINDS),
  at: z.string(),
  actor: StaffRef,
  user: StaffRef.extend({ email: z.string() }),
  /** The roles at stake: those the user held or waited for (take-over), or those just granted. */
  roles: z.array(z.enum(ROLES)),
  teams: z.array(z.object({ id: z.uuid(), name: z.string() })),
  acknowledgedBy: StaffRef.nullable(),
  acknowledgedAt: z.string().nullable(),
  /** Whether the caller may acknowledge it: not an alert about their own account or their own act. */
  mayAcknowledge: z.boolean(),
})
export type DpoAlertView = z.infer<typeof DpoAlertView>
export const DpoAlertList = z.object({ items: z.array(DpoAlertView), total: z.number().int() })
export const DpoAlertQuery = z.object({
  state: z.enum(['open', 'acknowledged']).default('open'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
})
