import { z } from 'zod'
import { AUDIT_ACTION_NAMES } from '../audit-actions'
import { AUDIT_KINDS } from '../vocabulary'

export { AUDIT_KINDS }

/** How a request ended, as its audit entry says. */
export const AUDIT_OUTCOMES = ['success', 'denied', 'failure', 'not_found'] as const
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number]

/** A person code as people write it (`P-7K2M-9QXD`, `p7k2m9qxd`); the server normalises it. */
export const PERSON_CODE_INPUT = /^P-?[0-9A-Z]{4}-?[0-9A-Z]{4}$/i

export const AuditEntryView = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  /** How the DPO reads the entry; null for an action no longer in the catalogue. */
  kind: z.enum(AUDIT_KINDS).nullable(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  /** Codes of every person the entry showed or changed, main one first: codes, never names. */
  persons: z.array(z.string()),
  purpose: z.string().nullable(),
  outcome: z.string(),
  requestId: z.string().nullable(),
  clientIp: z.string().nullable(),
})
export const AuditQuery = z.object({
  /** The person the DPO asks about, by their code; an unknown code finds nothing (no error). */
  personCode: z.string().trim().regex(PERSON_CODE_INPUT, 'Not a person code').optional(),
  personId: z.uuid().optional(),
  actorId: z.uuid().optional(),
  kind: z.enum(AUDIT_KINDS).optional(),
  action: z.enum(AUDIT_ACTION_NAMES).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
})
export const AuditList = z.object({ items: z.array(AuditEntryView), total: z.number().int() })
export const AuditVerification = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  firstBadSeq: z.number().int().nullable(),
  reason: z.string().nullable(),
  durationMs: z.number(),
})
/** Staff accounts, for the DPO's "what did this user do" picker: disabled ones too. */
export const AuditActorList = z.object({
  items: z.array(z.object({ id: z.string(), displayName: z.string(), roles: z.array(z.string()), disabled: z.boolean() })),
})
