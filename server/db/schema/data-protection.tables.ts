/** The DPO's registers (issue 13). See ../schema.ts for the conventions. */
import type {
  DpoRequestChannel,
  DpoRequestDecision,
  DpoRequestIdentityCheck,
  DpoRequestKind,
  DpoRequestRequester,
  DpoRequestStatus,
} from '../../../common/contracts/dpo-requests.contracts'
import type { RetentionKind, RetentionRunStatus, RetentionSkipReason } from '../../../common/contracts/retention.contracts'

export interface DataProtectionTables {
  /** 0040: data-subject requests; the words sealed with `key_id` (the subject's key, or the request's own). */
  dpo_requests: {
    id: string
    /** What the DPO quotes in letters and on the phone: `D-7K2M-Q9XD` (says nothing about the subject; 0072: D- and not R-, which referrals use). */
    code: string
    kind: DpoRequestKind
    person_id: string | null
    key_id: string
    requester: DpoRequestRequester
    channel: DpoRequestChannel
    identity_check: DpoRequestIdentityCheck
    /** Calendar days (yyyy-mm-dd) in the service's time zone. */
    received_on: string
    due_on: string
    extended_to: string | null
    status: DpoRequestStatus
    decision: DpoRequestDecision | null
    closed_on: string | null
    details_sealed: string | null
    extension_reason_sealed: string | null
    decision_reason_sealed: string | null
    created_by: string
    created_at: string
    updated_at: string
    version: number
    /** 0047: who marked a rectification done, and when. */
    rectified_by: string | null
    rectified_at: string | null
    /** 0049: its words emptied by a retention run (closed, past its term). */
    anonymised_at: string | null
  }
  /** 0048: the DPO's retention term per record kind (no row: not set). */
  retention_schedules: {
    kind: RetentionKind
    months: number | null
    legal_reason: string
    updated_by: string
    updated_at: string
    version: number
  }
  /** 0048: a case kept whatever its term (an ongoing judicial procedure); reasons sealed with the client's key. */
  legal_holds: {
    id: string
    accompaniment_id: string
    review_on: string
    reason_sealed: string
    lift_reason_sealed: string | null
    placed_by: string
    placed_at: string
    lifted_by: string | null
    lifted_at: string | null
    version: number
  }
  /** 0049: a retention run: the due list when proposed, carried out once the DPO approved it. */
  retention_runs: {
    id: string
    status: RetentionRunStatus
    /** The service's day the snapshot was taken. */
    as_of: string
    /** JSON: due and held per kind at the proposal. */
    counts: string
    /** JSON: erased, anonymised and skipped per kind, once carried out; counts only. */
    report: string | null
    /** null: proposed by the daily job. */
    proposed_by: string | null
    proposed_at: string
    approved_by: string | null
    approved_at: string | null
    executed_at: string | null
    version: number
  }
  /** 0049: what a run takes, by id only, and what became of each. */
  retention_run_items: {
    run_id: string
    item_id: string
    kind: RetentionKind
    subject: 'case' | 'contact' | 'dpo_request'
    outcome: 'erased' | 'anonymised' | 'skipped' | null
    skip_reason: RetentionSkipReason | null
  }
}
