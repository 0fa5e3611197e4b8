/**
 * Table shapes as Kysely sees them. Timestamps are ISO-8601 UTC strings and booleans are 0/1
 * integers so that one set of queries serves SQLite and PostgreSQL alike. Columns ending in
 * `_sealed` hold ciphertext produced by the codec (security/codec.ts), never plaintext.
 */
import type { ColumnType } from 'kysely'
import type { DpoAlertKind, RoleRequestStatus } from '../../common/duties'

export interface Database {
  teams: { id: string; name: string; created_at: string }
  users: {
    id: string
    email: string
    display_name: string
    password_hash: string | null
    mfa_secret_sealed: string | null
    mfa_enabled: number
    mfa_last_step: number
    disabled: number
    activation_token_hash: string | null
    activation_expires_at: string | null
    version: number
    created_at: string
    updated_at: string
  }
  user_roles: { user_id: string; role: string }
  user_teams: { user_id: string; team_id: string }
  /** Added in 0014: grants of roles and teams waiting for a second person (JSON arrays). */
  role_requests: {
    id: string
    user_id: string
    roles: string
    team_ids: string
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
    roles: string
    team_ids: string
    acknowledged_by: string | null
    acknowledged_at: string | null
    version: number
  }
  sessions: {
    id: string
    user_id: string
    state: string
    created_at: string
    last_seen_at: string
    expires_at: string
  }
  login_throttle: { key: string; failures: number; window_start: string; locked_until: string | null }
  audit_head: { id: number; seq: number; hash: string }
  audit_log: {
    seq: number
    at: string
    actor_id: string | null
    actor_role: string | null
    action: string
    subject_type: string | null
    subject_id: string | null
    person_id: string | null
    purpose: string | null
    outcome: string
    request_id: string | null
    client_ip: string | null
    details: string | null
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
    gender: string
    languages: string
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
    kind: string
    person_id: string
    concerned_person_id: string | null
    concerned_status: string
    relationship: string | null
    team_id: string
    status: string
    framework: string
    measure: string | null
    authority_kind: string | null
    mandate_start: string | null
    mandate_end: string | null
    /** Added in 0012: optional on insert, like any column added to a table later. */
    report_every_months: ColumnType<number | null, number | null | undefined, number | null>
    authority_sealed: string | null
    conditions_sealed: string | null
    reporting_sealed: string | null
    summary_sealed: string | null
    closure_reason_sealed: string | null
    closure_outcome: string | null
    created_by: string
    created_at: string
    updated_at: string
    version: number
  }
  accompaniment_workers: { accompaniment_id: string; user_id: string; role: string }
  accompaniment_events: {
    id: string
    accompaniment_id: string
    at: string
    actor_id: string | null
    type: string
    data: string | null
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
    status: string
    starts_at: string
    duration_minutes: number
    modality: string
    place_sealed: string | null
    participants: string
    attendance: string | null
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
    status: string
    created_by: string
    created_at: string
    done_at: string | null
    version: number
  }
  documents: {
    id: string
    accompaniment_id: string
    filename_sealed: string
    content_type: string
    size: number
    uploaded_by: string
    uploaded_at: string
  }
  judicial_reports: {
    id: string
    accompaniment_id: string
    period_from: string
    period_to: string
    language: string
    content_sealed: string
    recipient_sealed: string
    sent_at: string
    created_by: string
    created_at: string
  }
  instruments: { id: string; built_in: number; created_at: string }
  instrument_versions: {
    id: string
    instrument_id: string
    version: number
    definition: string
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
    kind: string
    date_precision: string
    date: string
    phase: string | null
    domain: string | null
    valence: number
    title_sealed: string
    description_sealed: string | null
    goal_ids: string
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
    relationship: string
    involvement: string
    consent: string
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
}
