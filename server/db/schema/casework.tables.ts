/** Persons, their keys and names, cases and everything done in them. See ../schema.ts for the conventions. */
import type { ColumnType } from 'kysely'
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
} from '../../../common/contracts/accompaniments.contracts'
import type { CONSENTS, INVOLVEMENTS } from '../../../common/contracts/case-relatives.contracts'
import type { ATTENDANCE, MODALITIES, PARTICIPANTS, SESSION_STATUSES } from '../../../common/contracts/case-sessions.contracts'
import type { LifeDomain, Perspective } from '../../../common/contracts/desistance.contracts'
import type { ErasureRefusalReason } from '../../../common/contracts/erasures.contracts'
import type { ClientKinds, InstrumentDefinition, InstrumentPurpose } from '../../../common/contracts/instruments.contracts'
import type { GENDERS, PersonLanguage } from '../../../common/contracts/persons.contracts'
import type { AGE_BANDS } from '../../../common/contracts/study-variables.contracts'
import type { TaskStatus } from '../../../common/contracts/tasks.contracts'
import type { DocumentCategory } from '../../../common/contracts/accompaniments.contracts'
import type { DatePrecision, Phase, TrajectoryKind } from '../../../common/contracts/trajectory.contracts'
import type { Language } from '../../../common/roles'
import type { Json } from '../json'
import type { OneOf } from './one-of'

export interface CaseworkTables {
  /** `master_key_id`: the master key that wrapped it (null: wrapped before rotation existed, migration 0045). */
  person_keys: {
    person_id: string
    wrapped_key: string
    master_key_id: ColumnType<string | null, string | null | undefined, string | null>
    created_at: string
  }
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
    /** 0042: 1 while the processing of this person (and all their cases) is restricted (art. 18). */
    restricted: ColumnType<number, number | undefined, number>
    /** 0043: when the person was crypto-shredded (a tombstone: code and dates kept, sealed columns emptied). */
    erased_at: ColumnType<string | null, string | null | undefined, string | null>
  }
  /** 0042: restrictions of processing and their lifting; reasons sealed with the person's key. */
  restrictions: {
    id: string
    person_id: string
    accompaniment_id: string | null
    request_id: string | null
    reason_sealed: string
    restricted_by: string
    restricted_at: string
    lift_reason_sealed: string | null
    lifted_by: string | null
    lifted_at: string | null
  }
  /** Which set of name keys a person's name makes (0062, ADR 0009): persons named alike share one. */
  person_name_sets: { person_id: string; set_hash: string }
  /** The keyed hashes of each set of name keys, once per set, however many persons bear it. */
  name_set_keys: { key_hash: string; set_hash: string }
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
    /** 0042: 1 while the case is restricted (itself, or through its client or the person it concerns). */
    restricted: ColumnType<number, number | undefined, number>
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
    /** 0043: when the client was crypto-shredded: the case stays as a counted shell. */
    erased_at: ColumnType<string | null, string | null | undefined, string | null>
    /** 0064: when its closure was approved, while closed (the lifecycle keeps it). */
    closed_at: ColumnType<string | null, string | null | undefined, string | null>
    /** 0068: the client's age band when the case opened (ADR 0014); NULL until filled for older cases. */
    age_band: ColumnType<OneOf<typeof AGE_BANDS> | null, OneOf<typeof AGE_BANDS> | null | undefined, OneOf<typeof AGE_BANDS> | null>
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
    /** 0034: "HH:MM" in the service's local time, or null (any time that day). */
    due_time: ColumnType<string | null, string | null | undefined, string | null>
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
    /** 0034: one of DOCUMENT_CATEGORIES (common/contracts/accompaniments.contracts.ts). */
    category: ColumnType<DocumentCategory, DocumentCategory | undefined, DocumentCategory>
    /** 0034: the category can change, from the version the caller saw (If-Match). */
    version: ColumnType<number, number | undefined, number>
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
  /**
   * `purpose` added in 0022; `client_kinds` and `version` in 0038 (`client_kinds` null on a
   * built-in until the installer gives it its default).
   */
  instruments: {
    id: string
    built_in: number
    created_at: string
    purpose: ColumnType<InstrumentPurpose, InstrumentPurpose | undefined>
    client_kinds: Json<ClientKinds> | null
    version: ColumnType<number, number | undefined>
  }
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
    /** Added in 0038; null only on a row written before it by code that does not know it. */
    updated_by: string | null
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
  /** 0036: the first time each user opened each case ("new case for you" on My day until then). */
  case_opens: { accompaniment_id: string; user_id: string; opened_at: string }
  /** 0043: a person's erasure, proposed by a DPO under an erasure request, decided by a second person. */
  erasures: {
    id: string
    person_id: string
    request_id: string
    status: 'proposed' | 'confirmed' | 'refused'
    proposed_by: string
    proposed_at: string
    decided_by: string | null
    decided_at: string | null
    /** 0052: the ground a refusal rests on (ERASURE_REFUSAL_REASONS); null before 0052 and unless refused. */
    refusal_reason: ColumnType<ErasureRefusalReason | null, ErasureRefusalReason | null | undefined, ErasureRefusalReason | null>
    version: ColumnType<number, number | undefined, number>
  }
  /**
   * 0058: per case, non-identifying facts of progress (codes and small numbers), rewritten by the
   * commands that save reviews, plans and network snapshots; read by the indicators.
   */
  case_progress_facts: {
    accompaniment_id: string
    kind: 'review' | 'plan' | 'network'
    /** A life domain, or '' for a fact of the whole case (network). */
    domain: LifeDomain | ''
    /** 'worker' or 'person' for review scores; '' otherwise. */
    rater: Perspective | ''
    first_value: number | null
    latest_value: number | null
    count_a: number
    count_b: number
    observations: number
    updated_at: string
  }
  /**
   * 0066: the progress facts summed per team, month and fact key, over the counted cases opened
   * that month (`opened`) and the closed ones closed that month (`closed`); kept by triggers.
   * Counts only: it names no case.
   */
  progress_fact_months: {
    team_id: string
    side: 'opened' | 'closed'
    month: string
    kind: 'review' | 'plan' | 'network'
    domain: LifeDomain | ''
    rater: Perspective | ''
    facts: number
    up: number
    same: number
    down: number
    compared: number
    count_a: number
    count_b: number
    compared_a: number
    compared_b: number
    gained: number
    lost: number
  }
  /**
   * 0067: how many sessions of the counted cases of a team start on a UTC day, per status; kept by
   * triggers. Counts only: it names no case.
   */
  session_days: {
    team_id: string
    day: string
    status: OneOf<typeof SESSION_STATUSES>
    sessions: number
  }
}
