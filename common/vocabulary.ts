import type { AuditKind } from './audit-actions'

/**
 * Value lists that the web app shows (filters, legends, timelines) as well as the zod contracts
 * validate. They live here, with no zod, so that the browser gets the lists without the
 * validation library: the contracts import them from this file, the web imports them from here.
 */

/** The kinds of the action catalogue (`common/audit-actions.ts`), in the order the DPO reads them. */
export const AUDIT_KINDS = ['read', 'change', 'access', 'account', 'system'] as const satisfies readonly AuditKind[]
// Fails to compile when the catalogue gains a kind that is not listed above.
const _everyKind: readonly (typeof AUDIT_KINDS)[number][] = [] as AuditKind[]

/**
 * Vocabulary shared by every part of the desistance path (assessments, plan, trajectory,
 * network), so that a review score, a plan goal and a trajectory event about "housing" mean the
 * same domain and can be shown side by side.
 */
export const LIFE_DOMAINS = [
  'schooling',
  'employment',
  'housing',
  'family',
  'relationships',
  'health',
  'leisure',
  'identity',
  'citizenship',
  'violence',
] as const

/** Who carries a step: the person themself, their worker, or a partner service. */
export const STEP_WHO = ['person', 'worker', 'partner'] as const
/** `dropped`: no longer needed — kept in the plan so that its history stays readable. */
export const STEP_STATUSES = ['not_started', 'in_progress', 'done', 'dropped'] as const
export const AGREEMENT_STATUSES = ['agreed', 'partly', 'not_yet'] as const

/** What a line of the timeline records: the case's opening, its assignments, emergency access, changes of its details and each lifecycle move. */
export const TIMELINE_EVENT_TYPES = [
  'created',
  'assigned',
  'break_glass',
  'details_changed',
  'suspend',
  'resume',
  'request_closure',
  'approve_closure',
  'refuse_closure',
  'reopen',
  /** A contact of the contact point linked to the case (data: contactId, channel, occurredAt). */
  'contact_linked',
  /** Orientation (issue 11): a consent recorded or withdrawn (data: consentId, organisationId…). */
  'consent_recorded',
  'consent_withdrawn',
  /** A referral's step taken by the service (data: referralId, code, from, to). */
  'referral',
  /** A document removed from the case (data: documentId, category, size, contentType; its name in the sealed note). */
  'document_removed',
] as const

/** What the header's search can find, in the order the results are grouped. */
export const SEARCH_KINDS = ['case', 'person', 'partner'] as const
export type SearchKind = (typeof SEARCH_KINDS)[number]

/** A subject's request is flagged as due soon this many days before its deadline (Europe/Brussels days). */
export const DPO_REQUEST_WARNING_DAYS = 7
/**
 * Orientation (referrals.contracts.ts). The pieces of a case that may be shared. Nothing but the reference code and the summary by default.
 * 'documents': the documents the worker ticks (`documentIds`); 'plan_goals': the goals ticked
 * (`planGoalIds`), or every goal of the current plan when none is ticked.
 */
export const SHAREABLE_FIELDS = ['identity', 'contact_details', 'summary', 'plan_goals', 'documents'] as const
export type ShareableField = (typeof SHAREABLE_FIELDS)[number]
/** What a referral from a contact without a case can share: the caller's name and how to reach them, and the summary. */
export const CONTACT_SHAREABLE_FIELDS = ['identity', 'contact_details', 'summary'] as const satisfies readonly ShareableField[]

export const CONSENT_BASES = ['consent', 'legal_basis'] as const
/** Who gave it: the person; for a minor, the legal representative and/or the minor (DESIGN §3). */
export const CONSENT_GIVERS = ['person', 'legal_representative', 'minor_and_representative'] as const
export const CONSENT_WAYS = ['oral', 'signed_form', 'written'] as const

export const REFERRAL_STATUSES = ['draft', 'sent', 'accepted', 'declined', 'in_progress', 'completed', 'stopped'] as const
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number]
/** The statuses that end a referral: the partner's copy is shredded when one is reached. */
export const ENDED_STATUSES: readonly ReferralStatus[] = ['declined', 'completed', 'stopped']

/** Who a confidentiality exception disclosed to (exceptions.contracts.ts). */
export const RECIPIENT_KINDS = ['police', 'prosecutor', 'child_protection', 'health_service', 'other'] as const
export type RecipientKind = (typeof RECIPIENT_KINDS)[number]
