/** Accounts, sessions, limits, jobs and the audit log. See ../schema.ts for the conventions. */
import type { ColumnType } from 'kysely'
import type { AuditOutcome } from '../../../common/contracts/audit.contracts'
import type { SessionState } from '../../../common/contracts/auth.contracts'
import type { JobState } from '../../../common/contracts/jobs.contracts'
import type { DpoAlertKind, RoleRequestStatus } from '../../../common/duties'
import type { Language, Role } from '../../../common/roles'
import type { RecentKind } from '../../../common/contracts/search.contracts'
import type { Json } from '../json'

export interface AccessTables {
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
    /** 0035: the account's interface and e-mail language; null: the service's default (French). */
    language: ColumnType<Language | null, Language | null | undefined, Language | null>
    /** 0036: the user's privacy screen (1 initials, 0 names); null follows the service's setting. */
    names_masked: ColumnType<number | null, number | null | undefined, number | null>
  }
  /** 0035: the secret address of a user's calendar feed: only the token's SHA-256 (hex) is kept. */
  calendar_feeds: { user_id: string; token_hash: string; created_at: string }
  /** 0037: the cases and persons a user opened last (ids only; shown through the doors). */
  recent_views: { user_id: string; subject_kind: RecentKind; subject_id: string; viewed_at: string }
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
  /** 0074: with its entry's time, actor, action and outcome, for "who read this person" (`audit_person_reads`). */
  audit_persons: {
    person_id: string
    seq: number
    at: ColumnType<string, string | undefined, string>
    actor_id: ColumnType<string | null, string | null | undefined, string | null>
    action: ColumnType<string, string | undefined, string>
    outcome: ColumnType<string, string | undefined, string>
  }
  system_state: { key: string; value: string; updated_at: string }
}
