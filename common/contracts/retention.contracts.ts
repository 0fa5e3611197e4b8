import { z } from 'zod'

/**
 * What a retention schedule applies to, and from which moment its term runs. The kinds follow
 * what the law and the service distinguish: a judicial case is kept as long as the mandate's
 * authority may ask for it; a relative's or a professional's (advice) case less; a contact that
 * led nowhere least. The audit log has a schedule too, shown in the register, but is never purged
 * by the job: its chain is the proof the rest was handled lawfully.
 */
export const RETENTION_KINDS = ['case_voluntary', 'case_judicial', 'case_advice', 'contact_unlinked', 'dpo_request', 'audit_log'] as const
export type RetentionKind = (typeof RETENTION_KINDS)[number]
export const RETENTION_TRIGGERS = {
  case_voluntary: 'closure',
  case_judicial: 'closure',
  case_advice: 'closure',
  contact_unlinked: 'contact',
  dpo_request: 'request_closed',
  audit_log: 'entry',
} as const satisfies Record<RetentionKind, string>

export const RetentionKindParams = z.object({ kind: z.enum(RETENTION_KINDS) })

export const RetentionScheduleInput = z.object({
  /** The term after the trigger, in months; null: not set (nothing of that kind is ever due). */
  months: z.number().int().min(0).max(1200).nullable(),
  /** Why this term: the law, the authority's instruction, the service's policy (no personal data). */
  legalReason: z.string().trim().max(2000).default(''),
})

export const RetentionScheduleView = z.object({
  kind: z.enum(RETENTION_KINDS),
  trigger: z.enum(['closure', 'contact', 'request_closed', 'entry']),
  months: z.number().int().nullable(),
  legalReason: z.string(),
  updatedAt: z.string().nullable(),
  updatedBy: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  version: z.number().int(),
})
export const RetentionScheduleList = z.object({ items: z.array(RetentionScheduleView) })

export const LegalHoldInput = z.object({
  /** The case, by its code as written on the file: the DPO does not browse cases. */
  caseCode: z.string().trim().min(1).max(40),
  reason: z.string().trim().min(1).max(2000),
  reviewOn: z.iso.date(),
})
export const LegalHoldLift = z.object({ reason: z.string().trim().min(1).max(2000) })
export const LegalHoldParams = z.object({ holdId: z.uuid() })
export const LegalHoldView = z.object({
  id: z.uuid(),
  version: z.number().int(),
  case: z.object({ id: z.uuid(), code: z.string() }),
  reason: z.string(),
  reviewOn: z.iso.date(),
  /** The review date has passed: the DPO should look at it again. */
  reviewDue: z.boolean(),
  placedBy: z.object({ id: z.uuid(), displayName: z.string() }),
  placedAt: z.string(),
  liftedAt: z.string().nullable(),
  liftReason: z.string().nullable(),
})
export const LegalHoldList = z.object({ items: z.array(LegalHoldView) })

/** The dry run: what is due today under the schedules, held items apart. Codes and dates only. */
export const RetentionDue = z.object({
  asOf: z.iso.date(),
  kinds: z.array(
    z.object({ kind: z.enum(RETENTION_KINDS), months: z.number().int().nullable(), due: z.number().int(), held: z.number().int() }),
  ),
  items: z.array(
    z.object({
      kind: z.enum(RETENTION_KINDS),
      subject: z.enum(['case', 'contact', 'dpo_request']),
      id: z.uuid(),
      code: z.string().nullable(),
      /** The day the term started (closure, contact, request closed). */
      since: z.iso.date(),
      held: z.boolean(),
    }),
  ),
  /** More items are due than listed (the counts above are whole). */
  truncated: z.boolean(),
})
export type RetentionDue = z.infer<typeof RetentionDue>

export const RETENTION_RUN_STATUSES = ['proposed', 'approved', 'executed', 'cancelled'] as const
export type RetentionRunStatus = (typeof RETENTION_RUN_STATUSES)[number]
/**
 * Why an item of an approved run was left alone: it was held by then, it was no longer due (a
 * term lengthened, a case reopened), the person still has a case that is not due (only a person
 * whose every case is due is erased), a judicial mandate still runs, or it was erased already.
 */
export const RETENTION_SKIP_REASONS = ['held', 'no_longer_due', 'other_cases_kept', 'mandate_running', 'already_erased'] as const
export type RetentionSkipReason = (typeof RETENTION_SKIP_REASONS)[number]

export const RetentionRunParams = z.object({ runId: z.uuid() })
const KindCounts = z.object({
  kind: z.enum(RETENTION_KINDS),
  months: z.number().int().nullable(),
  due: z.number().int(),
  held: z.number().int(),
})
/** What a carried-out run did, per kind: counts only, never a name or a code. */
export const RetentionReport = z.object({
  asOf: z.iso.date(),
  executedAt: z.string(),
  kinds: z.array(
    z.object({
      kind: z.enum(RETENTION_KINDS),
      erased: z.number().int(),
      anonymised: z.number().int(),
      skipped: z.record(z.enum(RETENTION_SKIP_REASONS), z.number().int()),
    }),
  ),
  /** Persons crypto-shredded (each with all their cases). */
  persons: z.number().int(),
})
export type RetentionReport = z.infer<typeof RetentionReport>
const Staff = z.object({ id: z.uuid(), displayName: z.string() }).nullable()
export const RetentionRunSummary = z.object({
  id: z.uuid(),
  version: z.number().int(),
  status: z.enum(RETENTION_RUN_STATUSES),
  asOf: z.iso.date(),
  kinds: z.array(KindCounts),
  total: z.number().int(),
  /** null: proposed by the daily job. */
  proposedBy: Staff,
  proposedAt: z.string(),
  approvedBy: Staff,
  approvedAt: z.string().nullable(),
  executedAt: z.string().nullable(),
  report: RetentionReport.nullable(),
})
export const RetentionRunList = z.object({ items: z.array(RetentionRunSummary) })
export const RetentionRunView = RetentionRunSummary.extend({
  items: z.array(
    z.object({
      kind: z.enum(RETENTION_KINDS),
      subject: z.enum(['case', 'contact', 'dpo_request']),
      id: z.uuid(),
      outcome: z.enum(['erased', 'anonymised', 'skipped']).nullable(),
      skipReason: z.enum(RETENTION_SKIP_REASONS).nullable(),
    }),
  ),
})
export type RetentionRunView = z.infer<typeof RetentionRunView>
