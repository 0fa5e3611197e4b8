/** The partner directory, consents, referrals, notifications and the mail outbox. See ../schema.ts for the conventions. */
import type { Capacity, CoverageLevel, PARTNER_AUDIENCES, SERVICE_STATUSES } from '../../../common/contracts/partners.contracts'
import type { Json } from '../json'

export interface PartnerTables {
  need_categories: {
    code: string
    labels: Json<{ fr: string; nl: string; de: string; en: string }>
    active: number
    position: number
    updated_at: string
    version: number
  }
  /** 0026: partner organisations (HSDS organization ids); public descriptions, not personal data. `active`: 0/1. */
  partner_organisations: {
    id: string
    name: string
    alternate_name: string | null
    description: string
    missions: string | null
    goals: string | null
    ethics: string | null
    charter_signed_on: string | null
    charter_renew_on: string | null
    audiences: Json<(typeof PARTNER_AUDIENCES)[number][]>
    languages: Json<string[]>
    accessibility: string | null
    email: string | null
    website: string | null
    referral_email: string | null
    active: number
    created_at: string
    updated_at: string
    version: number
  }
  /** 0026: an organisation's staff contacts (people and their roles): staff data, not case data. */
  partner_org_contacts: {
    id: string
    organisation_id: string
    position: number
    name: string
    title: string | null
    email: string | null
    phone: string | null
  }
  /** 0026: a partner's services (HSDS service ids). */
  partner_services: {
    id: string
    organisation_id: string
    position: number
    name: string
    description: string | null
    status: (typeof SERVICE_STATUSES)[number]
    eligibility: string | null
    capacity: Capacity
    wait_days: number | null
    fees_description: string | null
    languages: Json<string[]>
    audiences: Json<(typeof PARTNER_AUDIENCES)[number][]>
    minimum_age: number | null
    maximum_age: number | null
    updated_at: string
    version: number
    /** 0028: folded service name | organisation name | service description | organisation description (partners.search-index.ts). */
    search_text: string
    /** 0031: copies for the search without a place (partners.search-index.ts `rankCopies`): 1 when the service and its organisation are active. */
    listed: number
    capacity_rank: number
    organisation_name: string
  }
  /** 0063, SQLite only: a number for each service, the row id of its text in `partner_service_text` (kept by triggers). */
  partner_service_text_docs: { id: number; service_id: string }
  /** 0063, SQLite only: the services' `search_text` in an FTS5 trigram index (rowid = partner_service_text_docs.id). */
  partner_service_text: { rowid: number; search_text: string }
  /** 0061: with the ranking's copies, as in the coverage rows (partners.search-index.ts `filterRow`). */
  partner_service_needs: { service_id: string; need_code: string } & FilterCopies
  /** 0028: a service's languages (`language:ar`) and audiences (`audience:young_people`), indexed for the search; 0061: with the ranking's copies. */
  partner_service_terms: { service_id: string; term: string } & FilterCopies
  /** 0031: `listed` … `organisation_name` copied from the service and its organisation (partners.search-index.ts `rankCopies`). */
  partner_service_coverage: {
    service_id: string
    level: CoverageLevel
    code: string
    listed: number
    precision: number
    capacity_rank: number
    wait_days: number | null
    organisation_name: string
    /** 0073: the service's `search_text`, for free text with a place. */
    search_text: string
  }
  /**
   * 0027: the consent registry (or another recorded legal basis). `scope`: the fields the
   * recipient may receive. Withdrawal is a timestamp, never a deletion. Note sealed with `key_id`'s key.
   */
  consents: {
    id: string
    accompaniment_id: string | null
    contact_id: string | null
    key_id: string
    organisation_id: string
    purpose: string
    /** 'consent' or 'legal_basis' (then `legal_basis_id`). */
    basis: string
    legal_basis_id: string | null
    /** Who gave it: the person, their legal representative, or both with a minor. */
    given_by: string
    given_on: string
    /** Oral, signed form (then `document_id`), written. */
    how: string
    document_id: string | null
    scope: Json<string[]>
    expires_on: string
    note_sealed: string | null
    recorded_by: string
    recorded_at: string
    withdrawn_at: string | null
    withdrawn_by: string | null
    version: number
  }
  /**
   * 0027: a referral to a partner's service. Worker fields sealed with `key_id`'s key; `copy_sealed`
   * (what the partner sees) with the referral's own key (person_keys under the referral id).
   */
  referrals: {
    id: string
    code: string
    accompaniment_id: string | null
    contact_id: string | null
    key_id: string
    organisation_id: string
    service_id: string | null
    consent_id: string | null
    status: string
    shared: Json<string[]>
    /** 0033: the documents and plan goals chosen (ids only); NULL: none chosen. */
    selection: Json<{ documentIds: string[]; planGoalIds: string[] }> | null
    reason_sealed: string
    request_sealed: string | null
    summary_sealed: string | null
    copy_sealed: string | null
    decline_reason_sealed: string | null
    /** 0039: why the partner declined, from REFERRAL_DECLINE_REASONS; null before 0039. */
    decline_code: string | null
    outcome: string | null
    created_by: string
    created_at: string
    sent_at: string | null
    answered_at: string | null
    closed_at: string | null
    shredded_at: string | null
    updated_at: string
    version: number
  }
  /** 0027: feedback notes either side writes on a referral, sealed with `key_id`'s key. */
  referral_feedback: {
    id: string
    referral_id: string
    key_id: string
    side: 'service' | 'partner'
    author_id: string
    note_sealed: string
    written_at: string
  }
  /** 0027: a referral's lifecycle, without content. */
  referral_events: {
    id: string
    referral_id: string
    at: string
    actor_id: string | null
    kind: string
    from_status: string | null
    to_status: string | null
  }
  /** 0027: in-app notifications for a user or an organisation's partner staff; no personal data. */
  notifications: {
    id: string
    user_id: string | null
    organisation_id: string | null
    event: string
    subject_type: string
    subject_id: string
    reference: string
    created_at: string
    read_at: string | null
  }
  /** 0035: how a user wants to hear of an event (0/1 each); no row: in the app and by e-mail. */
  notification_preferences: { user_id: string; event: string; in_app: number; email: number; updated_at: string }
  /** 0027: e-mails waiting to be sent (event, reference code and link only: no personal data). */
  mail_outbox: {
    id: string
    dedupe_key: string | null
    event: string
    recipient: string
    language: string
    reference: string
    link: string
    status: 'pending' | 'sent' | 'failed'
    attempts: number
    next_attempt_at: string
    last_error: string | null
    created_at: string
    sent_at: string | null
  }
}

/** 0061: what a search by need, language or audience ranks on, copied from the service and its organisation. */
interface FilterCopies {
  listed: number
  capacity_rank: number
  wait_days: number | null
  organisation_name: string
  /** 0073: the service's `search_text`, for free text with a need, a language or an audience. */
  search_text: string
}
