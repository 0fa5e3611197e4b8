import { z } from 'zod'
import { AUDIT_ACTION_NAMES } from '../audit-actions'
import { isBroadNameQuery } from '../person-search'
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
  /**
   * How the subject is named on screen, never by its id: a case, person or referral code, a staff
   * account's, team's or partner organisation's name, or the instant a contact took place (ISO).
   * Null for other kinds and for records that are gone.
   */
  subjectRef: z.string().nullable(),
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

/** Longer than any name people type; a name is looked up in the keyed name index, never stored. */
export const PERSON_NAME_MAX = 120

/**
 * The same filters, sent in a POST body so that a person's name never appears in a URL: the
 * person is found by name with the spelling-tolerant search (first and last name, as for anyone
 * the caller may not open), and the log is filtered on the persons found.
 */
export const AuditSearch = AuditQuery.omit({ personId: true })
  .extend({
    personName: z
      .string()
      .trim()
      .min(1)
      .max(PERSON_NAME_MAX)
      .refine((v) => /\p{L}/u.test(v), { message: 'not_a_name' })
      // One name alone designates a family, not a person: the DPO, who opens nobody, gives both (ADR 0006).
      .refine((v) => !isBroadNameQuery(v), { message: 'first_and_last_name' })
      .optional(),
  })
  .refine((q) => !(q.personName && q.personCode), { path: ['personName'], message: 'name_or_code' })

/** The log's page, and the codes of the persons the name matched (empty when nobody). */
export const AuditSearchResult = AuditList.extend({ matchedCodes: z.array(z.string()) })
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
