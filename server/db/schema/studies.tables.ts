/** 0053: action-research studies and their researchers. See ../schema.ts for the conventions. */
import type { StudyStatus } from '../../../common/contracts/studies.contracts'
import type { StudyVariable } from '../../../common/contracts/study-variables.contracts'
import type { Json } from '../json'

export interface StudiesTables {
  studies: {
    id: string
    team_id: string
    title: string
    question: string
    protocol: string
    approving_body: string
    approval_reference: string
    /** Service days (YYYY-MM-DD), both included. */
    starts_on: string
    ends_on: string
    variables: Json<StudyVariable[]>
    status: StudyStatus
    decided_by: string | null
    decided_at: string | null
    decision_note: string | null
    created_by: string
    created_at: string
    version: number
  }
  study_researchers: { study_id: string; user_id: string }
}
