import { z } from 'zod'

export const AuditEntryView = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  purpose: z.string().nullable(),
  outcome: z.string(),
  requestId: z.string().nullable(),
  clientIp: z.string().nullable(),
})
export const AuditQuery = z.object({
  personId: z.uuid().optional(),
  actorId: z.uuid().optional(),
  action: z.string().max(80).optional(),
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
