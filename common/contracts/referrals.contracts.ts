import { z } from 'zod'
import { CONSENT_BASES, CONSENT_GIVERS, CONSENT_WAYS, REFERRAL_STATUSES, SHAREABLE_FIELDS } from '../vocabulary'
import { Id } from './shared.contracts'

/**
 * Orientation to partners (issue 11): the consent registry, referrals from a case, and what the
 * partner's staff see of them. What a partner receives is a copy taken when the referral is sent,
 * holding only the fields the worker chose to share, each covered by the consent's scope.
 */

export {
  CONSENT_BASES,
  CONSENT_GIVERS,
  CONSENT_WAYS,
  ENDED_STATUSES,
  REFERRAL_STATUSES,
  SHAREABLE_FIELDS,
  type ReferralStatus,
  type ShareableField,
} from '../vocabulary'

/** How a completed referral went: whether the need was met, and whether the person stayed with the partner. */
export const REFERRAL_NEED_OUTCOMES = ['met', 'partly_met', 'not_met'] as const
export const REFERRAL_STAY_OUTCOMES = ['stayed', 'left'] as const
export const ReferralOutcome = z.object({ need: z.enum(REFERRAL_NEED_OUTCOMES), person: z.enum(REFERRAL_STAY_OUTCOMES) })
export type ReferralOutcome = z.infer<typeof ReferralOutcome>

const text = (max: number) => z.string().trim().min(1).max(max)
const scope = z
  .array(z.enum(SHAREABLE_FIELDS))
  .max(SHAREABLE_FIELDS.length)
  .refine((l) => new Set(l).size === l.length, 'Each field once')

export const ConsentInput = z
  .object({
    organisationId: Id,
    purpose: text(300),
    basis: z.enum(CONSENT_BASES),
    legalBasisId: Id.nullable().default(null),
    givenBy: z.enum(CONSENT_GIVERS),
    givenOn: z.iso.date(),
    how: z.enum(CONSENT_WAYS),
    /** A document of the same case: the signed form. */
    documentId: Id.nullable().default(null),
    scope,
    expiresOn: z.iso.date(),
    note: z.string().trim().max(2000).nullable().default(null),
  })
  .superRefine((v, ctx) => {
    if (v.basis === 'legal_basis' && !v.legalBasisId)
      ctx.addIssue({ code: 'custom', path: ['legalBasisId'], message: 'legal_basis_required' })
    if (v.basis === 'consent' && v.legalBasisId) ctx.addIssue({ code: 'custom', path: ['legalBasisId'], message: 'legal_basis_only' })
    if (v.expiresOn < v.givenOn) ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'date_order' })
  })
export type ConsentInput = z.infer<typeof ConsentInput>

export const ConsentView = z.object({
  id: Id,
  accompanimentId: Id.nullable(),
  /** Set instead of the case when the consent was recorded on a contact without a case. */
  contactId: Id.nullable(),
  organisationId: Id,
  organisationName: z.string(),
  purpose: z.string(),
  basis: z.enum(CONSENT_BASES),
  legalBasisId: Id.nullable(),
  givenBy: z.enum(CONSENT_GIVERS),
  givenOn: z.string(),
  how: z.enum(CONSENT_WAYS),
  documentId: Id.nullable(),
  scope: z.array(z.enum(SHAREABLE_FIELDS)),
  expiresOn: z.string(),
  note: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  withdrawnAt: z.string().nullable(),
  /** Not withdrawn and not past its expiry (Brussels date). */
  active: z.boolean(),
  version: z.number().int(),
})
export type ConsentView = z.infer<typeof ConsentView>
export const ConsentList = z.object({ items: z.array(ConsentView) })
export const ConsentParams = z.object({ consentId: Id })
export const CaseConsentParams = z.object({ id: Id, consentId: Id })
/** What a signed consent form may be: a scan or a photo of the paper. */
export const CONSENT_FORM_TYPES = ['pdf', 'png', 'jpeg'] as const

/**
 * Every code a consent, referral or share error names in a field (`errors[].code`, or the code
 * carried as the message of a contract rule): each has a message in the four languages under
 * `referrals.errors.<code>` (checked by referral-errors.test.ts, which also reads the sources).
 */
export const REFERRAL_ERROR_CODES = [
  'unknown_organisation',
  'unknown_legal_basis',
  'legal_basis_required',
  'legal_basis_only',
  'date_order',
  'unknown_document',
  'unknown_consent',
  'other_recipient',
  'withdrawn',
  'expired',
  'not_in_consent_scope',
  'unknown_service',
  'signed_consent_form',
  'not_shareable',
  'unknown_goal',
  'documents_not_shared',
  'plan_goals_not_shared',
  'required',
  'type_not_allowed',
  'empty',
  'content_mismatch',
  'form_already_attached',
  'unknown_contact',
  'contact_has_case',
  'not_shareable_from_contact',
] as const

export const ReferralInput = z
  .object({
    organisationId: Id,
    serviceId: Id.nullable().default(null),
    reason: text(2000),
    request: z.string().trim().max(2000).nullable().default(null),
    /** Written for the partner: always part of what it receives. */
    summary: z.string().trim().max(4000).nullable().default(null),
    /**
     * The pieces of the case the partner receives besides the pseudonymous reference: by default the
     * summary only. Each must be in the scope of the consent the referral is sent under.
     */
    shared: scope.default(['summary']),
    /** Documents of the case the partner receives ('documents' shared); a consent's signed form never. */
    documentIds: z
      .array(Id)
      .max(20)
      .refine((l) => new Set(l).size === l.length, 'Each document once')
      .default([]),
    /** The relevant goals of the current plan ('plan_goals' shared); none ticked: every goal. */
    planGoalIds: z
      .array(Id)
      .max(50)
      .refine((l) => new Set(l).size === l.length, 'Each goal once')
      .default([]),
  })
  .superRefine((v, ctx) => {
    const documents = v.shared.includes('documents')
    if (documents && v.documentIds.length === 0) ctx.addIssue({ code: 'custom', path: ['documentIds'], message: 'required' })
    if (!documents && v.documentIds.length) ctx.addIssue({ code: 'custom', path: ['documentIds'], message: 'documents_not_shared' })
    if (!v.shared.includes('plan_goals') && v.planGoalIds.length)
      ctx.addIssue({ code: 'custom', path: ['planGoalIds'], message: 'plan_goals_not_shared' })
  })
export type ReferralInput = z.infer<typeof ReferralInput>

/** Sending names the consent (or recorded legal basis) it rests on. */
export const SendReferral = z.object({ consentId: Id })
/** Why a partner declines, as a code the network's activity can count; the words stay sealed. */
export const REFERRAL_DECLINE_REASONS = [
  'no_capacity',
  'outside_mission',
  'outside_area',
  'not_eligible',
  'better_elsewhere',
  'other',
] as const
export type ReferralDeclineReason = (typeof REFERRAL_DECLINE_REASONS)[number]
export const DeclineReferral = z.object({ reasonCode: z.enum(REFERRAL_DECLINE_REASONS), reason: text(2000) })
export const CompleteReferral = z.object({ outcome: ReferralOutcome })
export const FeedbackInput = z.object({ note: text(4000) })

export const FeedbackView = z.object({
  id: Id,
  side: z.enum(['service', 'partner']),
  author: z.string(),
  note: z.string(),
  writtenAt: z.string(),
})

export const ReferralEventView = z.object({
  at: z.string(),
  kind: z.string(),
  fromStatus: z.enum(REFERRAL_STATUSES).nullable(),
  toStatus: z.enum(REFERRAL_STATUSES).nullable(),
})

/** A referral as the case sees it: what was shared, with whom, until when. */
export const ReferralView = z.object({
  id: Id,
  code: z.string(),
  accompanimentId: Id.nullable(),
  /** Set instead of the case when the referral was made from a contact without a case. */
  contactId: Id.nullable(),
  organisationId: Id,
  organisationName: z.string(),
  serviceId: Id.nullable(),
  serviceName: z.string().nullable(),
  consentId: Id.nullable(),
  status: z.enum(REFERRAL_STATUSES),
  shared: z.array(z.enum(SHAREABLE_FIELDS)),
  documentIds: z.array(Id),
  planGoalIds: z.array(Id),
  reason: z.string(),
  request: z.string().nullable(),
  summary: z.string().nullable(),
  declineReason: z.string().nullable(),
  /** Null for referrals not declined, or declined before reasons had codes. */
  declineReasonCode: z.enum(REFERRAL_DECLINE_REASONS).nullable(),
  outcome: ReferralOutcome.nullable(),
  /** The partner's access ends on this date (the consent's expiry), or ended at `shreddedAt`. */
  sharedUntil: z.string().nullable(),
  shreddedAt: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  events: z.array(ReferralEventView),
  feedback: z.array(FeedbackView),
  version: z.number().int(),
})
export type ReferralView = z.infer<typeof ReferralView>
export const ReferralList = z.object({ items: z.array(ReferralView) })
export const ReferralParams = z.object({ referralId: Id })

/** The partner's copy: a pseudonymous reference, the summary, and only the shared fields. */
export const ReferralCopy = z.object({
  reference: z.string(),
  /** Present when 'summary' is shared (the default). */
  summary: z.string().optional(),
  identity: z.object({ firstName: z.string(), lastName: z.string(), birthYear: z.number().int().nullable() }).optional(),
  contactDetails: z.object({ phone: z.string().nullable(), email: z.string().nullable() }).optional(),
  /** From a contact without a case, 'identity' is the caller's: their name and how they asked to be reached. */
  caller: z.object({ name: z.string().nullable(), reach: z.string().nullable() }).optional(),
  planGoals: z.array(z.string()).optional(),
  /** The documents shared, as they were when sent; downloaded through the portal while the copy lasts. */
  documents: z.array(z.object({ id: Id, filename: z.string(), contentType: z.string(), size: z.number().int() })).optional(),
})
export type ReferralCopy = z.infer<typeof ReferralCopy>

/** A referral as the partner's staff see it. */
export const PartnerReferralView = z.object({
  id: Id,
  code: z.string(),
  serviceId: Id.nullable(),
  serviceName: z.string().nullable(),
  status: z.enum(REFERRAL_STATUSES),
  shared: z.array(z.enum(SHAREABLE_FIELDS)),
  copy: ReferralCopy,
  outcome: ReferralOutcome.nullable(),
  sentAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  sharedUntil: z.string(),
  feedback: z.array(FeedbackView),
  version: z.number().int(),
})
export type PartnerReferralView = z.infer<typeof PartnerReferralView>
export const PartnerDocumentParams = z.object({ referralId: Id, documentId: Id })
export const PartnerReferralList = z.object({ items: z.array(PartnerReferralView.omit({ feedback: true })) })

/**
 * What a partner's step answers: the referral's new status and version. Declining or completing
 * ends the referral and destroys the copy, so there is nothing more to show.
 */
export const PartnerStepResult = z.object({ id: Id, code: z.string(), status: z.enum(REFERRAL_STATUSES), version: z.number().int() })

export const PartnerOrganisationView = z.object({
  id: Id,
  name: z.string(),
  description: z.string().nullable(),
  email: z.string().nullable(),
  referralEmail: z.string().nullable(),
  services: z.array(z.object({ id: Id, name: z.string(), capacity: z.string(), waitDays: z.number().int().nullable() })),
})
