import { z } from 'zod'
import { ROLES } from '../roles'

/**
 * The registers the GDPR asks a controller to keep: the records of processing (art. 30) and the
 * breach register (art. 33(5)). Codes here, words in the web app's languages.
 */

/** Categories of data Parcours holds; every sealed field of the codec belongs to one (server/modules/processing-register). */
export const DATA_CATEGORIES = [
  'identity',
  'contact_details',
  'judicial',
  'case_notes',
  'assessments',
  'plans',
  'social_network',
  'documents',
  'contact_point',
  'disclosures',
  'data_subject_requests',
  'orientation',
  'access_reasons',
  'staff_accounts',
  'audit_log',
] as const
export type DataCategory = (typeof DATA_CATEGORIES)[number]

/** Categories of people the data is about. */
export const SUBJECT_CATEGORIES = [
  'clients',
  'relatives',
  'third_parties',
  'callers',
  'public_requesters',
  'staff',
  'partner_staff',
] as const
export type SubjectCategory = (typeof SUBJECT_CATEGORIES)[number]

export const PURPOSES = [
  'accompaniment',
  'judicial_follow_up',
  'contact_point',
  'orientation',
  'disclosure_exceptions',
  'data_subject_rights',
  'statistics',
  'security_audit',
] as const
export type Purpose = (typeof PURPOSES)[number]

/** What Parcours itself does to protect the data (art. 32), each described on screen. */
export const SECURITY_MEASURES = [
  'envelope_encryption',
  'blind_name_index',
  'audit_chain',
  'mfa',
  'session_limits',
  'deny_by_default',
  'break_the_glass',
  'separation_of_duties',
  'guessing_limits',
  'no_personal_data_in_logs',
] as const

const text = (max: number) => z.string().trim().max(max)

/** What the software cannot know, written by the DPO. Empty strings are "not yet written". */
export const RegisterSettings = z.object({
  controller: z.object({
    name: text(300).default(''),
    address: text(1000).default(''),
    enterpriseNumber: text(50).default(''),
    representative: text(300).default(''),
    contact: text(300).default(''),
  }),
  dpo: z.object({ name: text(300).default(''), email: text(300).default(''), phone: text(100).default('') }),
  /** Per purpose: its description and legal basis in the service's words (empty: the shipped wording is shown). */
  purposes: z.partialRecord(z.enum(PURPOSES), z.object({ description: text(4000).default(''), legalBasis: text(2000).default('') })),
  /** Transfers outside the EEA, and their safeguards. */
  transfers: text(4000).default(''),
  /** Retention periods until the retention schedules exist in Parcours. */
  retention: text(8000).default(''),
  /** Recipients outside the directory (courts, houses of justice…). */
  otherRecipients: text(4000).default(''),
  /** Organisational and physical measures the software cannot know. */
  securityNotes: text(4000).default(''),
})
export type RegisterSettings = z.infer<typeof RegisterSettings>

export const ProcessingRegister = z.object({
  generatedAt: z.string(),
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  settings: RegisterSettings,
  purposes: z.array(
    z.object({
      code: z.enum(PURPOSES),
      dataCategories: z.array(z.enum(DATA_CATEGORIES)),
      subjectCategories: z.array(z.enum(SUBJECT_CATEGORIES)),
    }),
  ),
  /** Each category with the stored fields it covers (`table.field`); `special`: GDPR art. 9 or 10 data. */
  dataCategories: z.array(
    z.object({
      code: z.enum(DATA_CATEGORIES),
      special: z.enum(['art9', 'art10']).nullable(),
      sealed: z.boolean(),
      sources: z.array(z.string()),
    }),
  ),
  subjectCategories: z.array(
    z.object({
      code: z.enum(SUBJECT_CATEGORIES),
      /** For staff: the roles and how many active accounts hold each. */
      roles: z.array(z.object({ role: z.enum(ROLES), accounts: z.number().int() })),
    }),
  ),
  recipients: z.object({
    /** The partner organisations of the directory (referrals are sent to them with the person's consent). */
    partners: z.array(z.object({ id: z.string(), name: z.string(), active: z.boolean(), charterSignedOn: z.string().nullable() })),
    /** Recipients Parcours itself sends to: the judicial authorities receiving reports. */
    builtIn: z.array(z.enum(['judicial_authorities', 'partner_organisations'])),
  }),
  legalBases: z.array(
    z.object({
      code: z.string(),
      label: z.object({ fr: z.string(), nl: z.string(), de: z.string(), en: z.string() }),
      reference: z.string(),
      active: z.boolean(),
    }),
  ),
  retention: z.object({
    /** Retention schedules kept in Parcours; none until they exist: the DPO's text stands in. */
    schedules: z.array(z.object({ kind: z.string(), duration: z.string(), trigger: z.string() })),
    toBeSet: z.boolean(),
  }),
  securityMeasures: z.array(z.enum(SECURITY_MEASURES)),
})
export type ProcessingRegister = z.infer<typeof ProcessingRegister>

// ---- Breaches (art. 33/34) ----

export const BREACH_NATURES = ['confidentiality', 'integrity', 'availability'] as const
export const BREACH_STATUSES = ['open', 'contained', 'closed'] as const
export const NOTIFICATION_DECISIONS = ['pending', 'notified', 'not_required'] as const
/** The authority must be told within 72 hours of discovery (art. 33(1)). */
export const NOTIFY_WITHIN_HOURS = 72

const instant = z.iso.datetime({ offset: true }).max(35)
const longText = text(5000)

const Notification = z.object({
  decision: z.enum(NOTIFICATION_DECISIONS).default('pending'),
  notifiedAt: instant.nullable().default(null),
  /** The authority's reference, or how the persons were told (letter, phone…). */
  reference: text(300).nullable().default(null),
  /** Why not (not required: unlikely risk, disproportionate effort…). */
  reason: text(2000).nullable().default(null),
})

const requireDetails = (n: z.infer<typeof Notification>, ctx: z.RefinementCtx, at: string) => {
  if (n.decision === 'notified' && !n.notifiedAt) ctx.addIssue({ code: 'custom', path: [at, 'notifiedAt'], message: 'required' })
  if (n.decision === 'not_required' && !n.reason) ctx.addIssue({ code: 'custom', path: [at, 'reason'], message: 'required' })
}

export const BreachInput = z
  .object({
    discoveredAt: instant,
    nature: z.array(z.enum(BREACH_NATURES)).min(1).max(3),
    /** Sealed: may quote what leaked. */
    description: longText.min(1),
    subjectCategories: z.array(z.enum(SUBJECT_CATEGORIES)).max(SUBJECT_CATEGORIES.length).default([]),
    dataCategories: z.array(z.enum(DATA_CATEGORIES)).max(DATA_CATEGORIES.length).default([]),
    personsAffected: z.number().int().min(0).max(100_000_000).nullable().default(null),
    recordsAffected: z.number().int().min(0).max(1_000_000_000).nullable().default(null),
    consequences: longText.default(''),
    measures: longText.default(''),
    authority: Notification.default({ decision: 'pending', notifiedAt: null, reference: null, reason: null }),
    persons: Notification.default({ decision: 'pending', notifiedAt: null, reference: null, reason: null }),
    status: z.enum(BREACH_STATUSES).default('open'),
  })
  .superRefine((b, ctx) => {
    requireDetails(b.authority, ctx, 'authority')
    requireDetails(b.persons, ctx, 'persons')
  })
export type BreachInput = z.input<typeof BreachInput>

export const BreachView = z.object({
  id: z.uuid(),
  version: z.number().int(),
  discoveredAt: z.string(),
  nature: z.array(z.enum(BREACH_NATURES)),
  description: z.string(),
  subjectCategories: z.array(z.enum(SUBJECT_CATEGORIES)),
  dataCategories: z.array(z.enum(DATA_CATEGORIES)),
  personsAffected: z.number().int().nullable(),
  recordsAffected: z.number().int().nullable(),
  consequences: z.string(),
  measures: z.string(),
  authority: z.object({
    decision: z.enum(NOTIFICATION_DECISIONS),
    notifiedAt: z.string().nullable(),
    reference: z.string().nullable(),
    reason: z.string().nullable(),
  }),
  persons: z.object({
    decision: z.enum(NOTIFICATION_DECISIONS),
    notifiedAt: z.string().nullable(),
    reference: z.string().nullable(),
    reason: z.string().nullable(),
  }),
  status: z.enum(BREACH_STATUSES),
  closedAt: z.string().nullable(),
  recordedAt: z.string(),
  recordedBy: z.object({ id: z.string(), displayName: z.string() }),
  updatedAt: z.string(),
  /**
   * The 72-hour clock: due at discovery + 72 h; running while the authority is neither notified
   * nor the notification judged not required; overdue once past due while running.
   */
  clock: z.object({ dueAt: z.string(), running: z.boolean(), overdue: z.boolean(), secondsLeft: z.number().int() }),
})
export type BreachView = z.infer<typeof BreachView>
export const BreachList = z.object({ items: z.array(BreachView), total: z.number().int() })
export const BreachQuery = z.object({
  state: z.enum(['open', 'closed', 'all']).default('open'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
})
export const BreachParams = z.object({ breachId: z.uuid() })
