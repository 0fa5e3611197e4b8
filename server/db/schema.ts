/**
 * Table shapes as Kysely sees them. Timestamps are ISO-8601 UTC strings and booleans are 0/1
 * integers (`number` here: SQLite has no boolean, and one set of queries serves SQLite and
 * PostgreSQL alike). Columns ending in `_sealed` hold ciphertext produced by the codec
 * (security/codec.ts), never plaintext.
 *
 * A column that holds one of a closed set of values is typed as that set, taken from the
 * contracts in common/ that the API validates against: what the server writes there came
 * through those contracts. Columns added by a later migration are optional on insert
 * (`ColumnType<Read, Insert, Update>`), like the column itself for rows written before it.
 * JSON held in a text column is `Json<T>` (db/json.ts): written with `toJson`, read with `fromJson`.
 */
import type { ColumnType, Generated } from 'kysely'
import type { AuditOutcome } from '../../common/contracts/audit.contracts'
import type {
  ACCOMPANIMENT_KINDS,
  AUTHORITY_KINDS,
  CONCERNED_STATUSES,
  FRAMEWORKS,
  MEASURES,
  OUTCOMES,
  RELATIONSHIPS,
  STATUSES,
  TIMELINE_EVENT_TYPES,
  WORKER_ROLES,
} from '../../common/contracts/accompaniments.contracts'
import type { SessionState } from '../../common/contracts/auth.contracts'
import type { CONSENTS, INVOLVEMENTS } from '../../common/contracts/case-relatives.contracts'
import type {
  CALLER_KINDS,
  CALLER_SECTORS,
  CONTACT_CHANNELS,
  CONTACT_DIRECTIONS,
  CONTACT_STATUSES,
  ORIENTATIONS,
  URGENCIES,
} from '../../common/contracts/contacts.contracts'
import type {
  PREFERRED_TIMES,
  PUBLIC_LANGUAGES,
  REACH_BY,
  REQUEST_CALLER_KINDS,
  REQUEST_SECTORS,
  REQUEST_STATES,
} from '../../common/contracts/contact-requests.contracts'
import type { ATTENDANCE, MODALITIES, PARTICIPANTS, SESSION_STATUSES } from '../../common/contracts/case-sessions.contracts'
import type { LifeDomain } from '../../common/contracts/desistance.contracts'
import type { JobState } from '../../common/contracts/jobs.contracts'
import type { SHEET_AUDIENCES, SHEET_KINDS, SHEET_STATUSES } from '../../common/contracts/sheets.contracts'
import type { InstrumentDefinition, InstrumentPurpose, Labels } from '../../common/contracts/instruments.contracts'
import type { GENDERS, PersonLanguage } from '../../common/contracts/persons.contracts'
import type { TaskStatus } from '../../common/contracts/tasks.contracts'
import type { DatePrecision, Phase, TrajectoryKind } from '../../common/contracts/trajectory.contracts'
import type { DpoAlertKind, RoleRequestStatus } from '../../common/duties'
import type { Half } from '../../common/contracts/duty.contracts'
import type { ExceptionStatus, RecipientKind } from '../../common/contracts/exceptions.contracts'
import type { Language, Role } from '../../common/roles'
import type { Capacity, CoverageLevel, PARTNER_AUDIENCES, SERVICE_STATUSES } from '../../common/contracts/partners.contracts'
import type { Json } from './json'

/** One of the values of a contract's list. */
type OneOf<L extends readonly unknown[]> = L[number]

export interface Database {
  teams: { id: string; name: string; created_at: string }
  users: {
    id: string
    email: string
    display_name: string
    password_hash: string | null
    mfa_secret_sealed: string | null
    /** 0/1. */
    mfa_enabled: number
    mfa_last_step: number
    /** 0/1. */
    disabled: number
    activation_token_hash: string | null
    activation_expires_at: string | null
    version: number
    created_at: string
    /** 0027: the partner organisation a `partner` user belongs to (null for the service's own staff). */
    organisation_id: ColumnType<string | null, string | null | undefined, string | null>
    updated_at: string
  }
  user_roles: { user_id: string; role: Role }
  user_teams: { user_id: string; team_id: string }
  /** Added in 0014: grants of roles and teams waiting for a second person (JSON arrays). */
  role_requests: {
    id: string
    user_id: string
    roles: Json<Role[]>
    team_ids: Json<string[]>
    status: RoleRequestStatus
    requested_by: string
    requested_at: string
    decided_by: string | null
    decided_at: string | null
    reason: string | null
    version: number
  }
  /** Added in 0014: account take-overs and confirmed grants, until the DPO acknowledges them. */
  dpo_alerts: {
    id: string
    kind: DpoAlertKind
    user_id: string
    actor_id: string
    at: string
    roles: Json<Role[]>
    team_ids: Json<string[]>
    acknowledged_by: string | null
    acknowledged_at: string | null
    version: number
  }
  sessions: {
    id: string
    user_id: string
    state: SessionState
    created_at: string
    last_seen_at: string
    expires_at: string
  }
  login_throttle: { key: string; failures: number; window_start: string; locked_until: string | null }
  /** Refusals per user in the current minute (security/denial-limiter.ts). */
  denial_windows: { user_id: string; window_start: string; refusals: number }
  /** Accepted public-form submissions per hashed address and for the whole form (modules/public-info). */
  public_form_windows: { key: string; window_start: string; count: number }
  /** Background work (server/jobs/): ids in the payload, never personal data in plaintext. */
  jobs: {
    id: string
    kind: string
    payload: string
    state: JobState
    dedupe_key: string | null
    run_after: string
    attempts: number
    max_attempts: number
    lease_token: string | null
    lease_until: string | null
    last_error: string | null
    progress_done: number | null
    progress_total: number | null
    created_at: string
    updated_at: string
    finished_at: string | null
  }
  audit_head: { id: number; seq: number; hash: string }
  audit_log: {
    seq: number
    at: string
    actor_id: string | null
    /** The roles the actor acted with, comma-separated. */
    actor_role: string | null
    /** Kept as written: the action catalogue may change, the log does not (the DPO's view says so). */
    action: string
    subject_type: string | null
    subject_id: string | null
    person_id: string | null
    purpose: string | null
    outcome: AuditOutcome
    request_id: string | null
    client_ip: string | null
    details: Json<Record<string, unknown>> | null
    /** Added in 0013: every person of the entry, comma-separated; hashed when present. */
    persons: ColumnType<string | null, string | null | undefined, string | null>
    prev_hash: string
    hash: string
  }
  audit_persons: { person_id: string; seq: number }
  system_state: { key: string; value: string; updated_at: string }
  person_keys: { person_id: string; wrapped_key: string; created_at: string }
  persons: {
    id: string
    code: string
    first_name_sealed: string
    last_name_sealed: string
    other_names_sealed: string
    birth_date_sealed: string | null
    birth_year_sealed: string | null
    gender: OneOf<typeof GENDERS>
    languages: Json<PersonLanguage[]>
    postcode: string | null
    phone_sealed: string | null
    email_sealed: string | null
    notes_sealed: string | null
    created_by: string
    created_at: string
    updated_at: string
    version: number
  }
  person_name_keys: { key_hash: string; person_id: string }
  accompaniments: {
    id: string
    code: string
    kind: OneOf<typeof ACCOMPANIMENT_KINDS>
    person_id: string
    concerned_person_id: string | null
    concerned_status: OneOf<typeof CONCERNED_STATUSES>
    relationship: OneOf<typeof RELATIONSHIPS> | null
    team_id: string
    status: OneOf<typeof STATUSES>
    framework: OneOf<typeof FRAMEWORKS>
    measure: OneOf<typeof MEASURES> | null
    authority_kind: OneOf<typeof AUTHORITY_KINDS> | null
    mandate_start: string | null
    mandate_end: string | null
    /** Added in 0012: optional on insert, like any column added to a table later. */
    report_every_months: ColumnType<number | null, number | null | undefined, number | null>
    authority_sealed: string | null
    conditions_sealed: string | null
    reporting_sealed: string | null
    summary_sealed: string | null
    closure_reason_sealed: string | null
    closure_outcome: OneOf<typeof OUTCOMES> | null
    created_by: string
    created_at: string
    updated_at: string
    version: number
  }
  accompaniment_workers: { accompaniment_id: string; user_id: string; role: OneOf<typeof WORKER_ROLES> }
  accompaniment_events: {
    id: string
    accompaniment_id: string
    at: string
    actor_id: string | null
    type: OneOf<typeof TIMELINE_EVENT_TYPES>
    /** Ids, codes and counts of the event; free text goes to the sealed note. */
    data: Json<Record<string, unknown>> | null
    note_sealed: string | null
  }
  access_grants: {
    id: string
    accompaniment_id: string
    user_id: string
    reason_sealed: string
    granted_at: string
    expires_at: string
  }
  case_sessions: {
    id: string
    accompaniment_id: string
    status: OneOf<typeof SESSION_STATUSES>
    starts_at: string
    duration_minutes: number
    modality: OneOf<typeof MODALITIES>
    place_sealed: string | null
    participants: Json<OneOf<typeof PARTICIPANTS>[]>
    attendance: OneOf<typeof ATTENDANCE> | null
    notes_sealed: string | null
    worker_id: string
    created_at: string
    updated_at: string
    version: number
  }
  tasks: {
    id: string
    accompaniment_id: string
    title_sealed: string
    assignee_id: string
    due_date: string
    status: TaskStatus
    created_by: string
    created_at: string
    done_at: string | null
    version: number
  }
  documents: {
    id: string
    accompaniment_id: string
    filename_sealed: string
    /** One of the accepted types of modules/documents/file-types.ts. */
    content_type: string
    size: number
    uploaded_by: string
    uploaded_at: string
    /** The content's own key, sealed with the person's; null for documents stored before chunking (one blob sealed with the person's key). */
    content_key_sealed: string | null
  }
  /** Sealed chunks of documents stored in the database (PostgreSQL; ADR 0008), in order from 0. */
  document_chunks: {
    document_id: string
    seq: number
    sealed: Buffer
    stored_at: string
  }
  judicial_reports: {
    id: string
    accompaniment_id: string
    period_from: string
    period_to: string
    language: Language
    content_sealed: string
    recipient_sealed: string
    sent_at: string
    created_by: string
    created_at: string
  }
  /** `built_in`: 0/1. */
  /** `purpose` added in 0022 ('case' for every instrument before it). */
  instruments: { id: string; built_in: number; created_at: string; purpose: ColumnType<InstrumentPurpose, InstrumentPurpose | undefined> }
  instrument_versions: {
    id: string
    instrument_id: string
    version: number
    definition: Json<InstrumentDefinition>
    created_by: string | null
    created_at: string
  }
  assessments: {
    id: string
    accompaniment_id: string
    instrument_id: string
    instrument_version_id: string
    taken_on: string
    answers_sealed: string
    created_by: string
    created_at: string
    updated_at: string
    version: number
  }
  plan_versions: {
    id: string
    accompaniment_id: string
    version: number
    content_sealed: string
    created_by: string
    created_at: string
  }
  trajectory_events: {
    id: string
    accompaniment_id: string
    kind: TrajectoryKind
    date_precision: DatePrecision
    date: string
    phase: Phase | null
    domain: LifeDomain | null
    /** A point of the contract's scale `VALENCES` (-2 to +2), kept a number: the timeline places it on an axis. */
    valence: number
    title_sealed: string
    description_sealed: string | null
    /** Goals of the case's plan a future goal serves (plan goal ids). */
    goal_ids: Json<string[]>
    created_by: string
    created_at: string
    updated_at: string
    version: number
  }
  case_relatives: {
    id: string
    accompaniment_id: string
    person_id: string | null
    name_sealed: string
    relationship: OneOf<typeof RELATIONSHIPS>
    involvement: OneOf<typeof INVOLVEMENTS>
    consent: OneOf<typeof CONSENTS>
    consent_on: string | null
    note_sealed: string | null
    ended_on: string | null
    created_by: string
    created_at: string
    updated_at: string
    version: number
  }
  network_snapshots: {
    id: string
    accompaniment_id: string
    taken_on: string
    ties_sealed: string
    note_sealed: string | null
    created_by: string
    created_at: string
    updated_at: string
    version: number
  }
  contact_themes: {
    code: string
    labels: Json<{ fr: string; nl: string; de: string; en: string }>
    active: number
    position: number
    updated_at: string
    version: number
  }
  contacts: {
    id: string
    status: OneOf<typeof CONTACT_STATUSES>
    channel: OneOf<typeof CONTACT_CHANNELS>
    direction: OneOf<typeof CONTACT_DIRECTIONS>
    occurred_at: string
    duration_minutes: number | null
    caller_kind: OneOf<typeof CALLER_KINDS>
    caller_sector: OneOf<typeof CALLER_SECTORS> | null
    caller_sealed: string | null
    /** Keyed hash of the caller's phone in E.164 (security/contact-index.ts). */
    phone_index: string | null
    /** Keyed hash of the caller's e-mail, lower-cased. */
    email_index: string | null
    person_id: string | null
    description_sealed: string | null
    themes: Json<string[]>
    summary_sealed: string | null
    orientation: OneOf<typeof ORIENTATIONS> | null
    referred_to_sealed: string | null
    urgency: OneOf<typeof URGENCIES>
    callback_on: string | null
    callback_assignee_id: string | null
    /** Derived on write: null when the contact waits for nothing; else its urgency's rank (0 = immediate). */
    queue_rank: number | null
    accompaniment_id: string | null
    /** Null for contacts that came in without a staff member (the public form). */
    created_by: string | null
    created_at: string
    updated_at: string
    finalised_at: string | null
    version: number
    /** Set when a triage finds immediate danger (0023); acknowledged by a lead. */
    danger_at: string | null
    danger_acknowledged_at: string | null
    danger_acknowledged_by: string | null
    /** An outgoing contact that answers an earlier one (0025). */
    answers_contact_id: string | null
    /** Set when the contact answering this one is finalised (0025): out of the queue. */
    called_back_at: string | null
  }
  /** Information sheets given during a contact (0025): sheet, exact version, language and how. */
  contact_information_given: {
    id: string
    contact_id: string
    sheet_id: string
    sheet_version_id: string
    language: 'fr' | 'nl' | 'de' | 'en'
    how: 'read_aloud' | 'email' | 'paper'
    recorded_by: string | null
    recorded_at: string
  }
  /** Each filling of the triage grid on a contact (0023), answers sealed under the contact's key. */
  contact_triages: {
    id: string
    contact_id: string
    instrument_version_id: string
    answers_sealed: string
    urgency: 'none' | 'within_week' | 'within_48h' | 'immediate'
    immediate_danger: number
    reasons: Json<string[]>
    recorded_by: string
    recorded_at: string
  }
  contact_history: {
    id: string
    contact_id: string
    at: string
    actor_id: string | null
    kind: 'updated' | 'finalised' | 'linked' | 'callback' | 'triage' | 'danger_acknowledged' | 'information_given' | 'called_back'
    changes_sealed: string
    version: number
  }
  /** Information sheets (0020): staff-written knowledge, not personal data. `public`: 0/1. */
  sheets: {
    id: string
    code: string
    kind: OneOf<typeof SHEET_KINDS>
    audiences: Json<OneOf<typeof SHEET_AUDIENCES>[]>
    themes: Json<string[]>
    public: number
    version: number
    created_by: string | null
    created_at: string
    updated_at: string
  }
  sheet_versions: {
    id: string
    sheet_id: string
    language: Language
    version: number
    status: OneOf<typeof SHEET_STATUSES>
    title: string
    body: string
    created_by: string | null
    created_at: string
    updated_at: string
    published_by: string | null
    published_at: string | null
  }
  /** One row per published text: the key of the full-text index. `document` exists on PostgreSQL only. */
  sheet_search_docs: {
    id: Generated<number>
    sheet_id: string
    language: Language
    version_id: string
    document: ColumnType<unknown, never, never>
  }
  /** SQLite only: the contentless FTS5 index over published texts (rowid = sheet_search_docs.id). */
  sheet_search: {
    rowid: number
    title: string
    body: string
    sheet_search: ColumnType<string, never, never>
    rank: ColumnType<number, never, never>
  }
  /** The public form's inbox; identity and message sealed under the request's own key (in person_keys). */
  contact_requests: {
    id: string
    received_at: string
    caller_kind: OneOf<typeof REQUEST_CALLER_KINDS>
    sector: OneOf<typeof REQUEST_SECTORS> | null
    anonymous: number
    reach_by: OneOf<typeof REACH_BY> | null
    preferred_times: Json<OneOf<typeof PREFERRED_TIMES>[]>
    language: OneOf<typeof PUBLIC_LANGUAGES>
    name_sealed: string | null
    phone_sealed: string | null
    email_sealed: string | null
    message_sealed: string | null
    state: OneOf<typeof REQUEST_STATES>
    decided_by: string | null
    decided_at: string | null
    form_nonce: string
    version: number
    /** 0024: the web-form contact it was taken into (null until then). */
    contact_id: string | null
  }
  /** 0022: the line's opening hours ('hours') and emergency path ('emergency_path'), as JSON. */
  duty_documents: { id: 'hours' | 'emergency_path'; content: string; version: number; updated_by: string | null; updated_at: string }
  /** 0022: who is on duty which half-day (user null: the slot was cleared). */
  duty_rota: {
    id: string
    on_date: string
    half: Half
    user_id: string | null
    phone: string | null
    version: number
    updated_by: string
    updated_at: string
  }
  /** 0022: legal bases for disclosures, kept by the DPO. */
  legal_bases: {
    id: string
    code: string
    label: Json<Labels>
    reference: string
    active: number
    shipped_default: number
    updated_by: string | null
    updated_at: string
    version: number
  }
  /** 0022: the confidentiality-exception register; sealed with the key of `key_id`. */
  confidentiality_exceptions: {
    id: string
    accompaniment_id: string | null
    contact_id: string | null
    key_id: string
    legal_basis_id: string
    situation_sealed: string
    recipient_kind: RecipientKind
    recipient_name_sealed: string
    disclosed_sealed: string
    disclosed_at: string
    status: ExceptionStatus
    recorded_by: string
    recorded_at: string
    decided_by: string | null
    decided_at: string | null
    refusal_reason_sealed: string | null
    updated_at: string
    version: number
  }
  /** 0026: need categories of the partner directory (a configurable taxonomy, labels in four languages). */
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
  }
  partner_service_needs: { service_id: string; need_code: string }
  /** 0028: a service's languages (`language:ar`) and audiences (`audience:young_people`), indexed for the search. */
  partner_service_terms: { service_id: string; term: string }
  partner_service_coverage: { service_id: string; level: CoverageLevel; code: string }
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
    reason_sealed: string
    request_sealed: string | null
    summary_sealed: string | null
    copy_sealed: string | null
    decline_reason_sealed: string | null
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
