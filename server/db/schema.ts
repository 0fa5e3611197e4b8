/**
 * Table shapes as Kysely sees them. Timestamps are ISO-8601 UTC strings and booleans are 0/1
 * integers so that one set of queries serves SQLite and PostgreSQL alike. Columns ending in
 * `_sealed` hold ciphertext produced by the codec (security/codec.ts), never plaintext.
 */
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
    prev_hash: string
    hash: string
  }
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
}
