/** 0057: the team's training and awareness log (issue 14). See ../schema.ts for the conventions. */
import type { TrainingAudience } from '../../../common/contracts/training-sessions.contracts'

export interface TrainingSessionsTables {
  /** Sessions the service gave; no person's data by rule (the server refuses codes, ids, e-mails and phones). */
  training_sessions: {
    id: string
    team_id: string
    /** A calendar date, YYYY-MM-DD. */
    held_on: string
    audience: TrainingAudience
    /** Sealed with a system secret: a slip may still quote someone. */
    title_sealed: string
    organisation_sealed: string | null
    note_sealed: string | null
    participants: number
    minutes: number
    created_by: string
    created_at: string
    updated_by: string
    updated_at: string
    version: number
  }
}
