/** The contact point: contacts, sheets, public requests, duty and confidentiality exceptions. See ../schema.ts for the conventions. */
import type { ColumnType, Generated } from 'kysely'
import type {
  CALLER_KINDS,
  CALLER_SECTORS,
  CONTACT_CHANNELS,
  CONTACT_DIRECTIONS,
  CONTACT_STATUSES,
  ORIENTATIONS,
  URGENCIES,
} from '../../../common/contracts/contacts.contracts'
import type {
  PREFERRED_TIMES,
  PUBLIC_LANGUAGES,
  REACH_BY,
  REQUEST_CALLER_KINDS,
  REQUEST_SECTORS,
  REQUEST_STATES,
} from '../../../common/contracts/contact-requests.contracts'
import type { SHEET_AUDIENCES, SHEET_KINDS, SHEET_STATUSES } from '../../../common/contracts/sheets.contracts'
import type { Labels } from '../../../common/contracts/instruments.contracts'
import type { Half } from '../../../common/contracts/duty.contracts'
import type { ExceptionStatus, RecipientKind } from '../../../common/contracts/exceptions.contracts'
import type { Language } from '../../../common/roles'
import type { Json } from '../json'
import type { OneOf } from './one-of'

export interface ContactPointTables {
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
    /** 0049: emptied by a retention run (a contact that led nowhere, past its term). */
    anonymised_at: string | null
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
  /**
   * Per Brussels day, how many contacts occurred, by dimension (0032): `total` (value ''),
   * `channel`, `caller_kind`, `orientation` ('' for none yet) and `theme`. Kept by the contact
   * door with every contact write, in its transaction; counts only, never an id.
   */
  contact_day_counts: {
    day: string
    dimension: 'total' | 'channel' | 'caller_kind' | 'orientation' | 'theme'
    value: string
    n: number
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
}
