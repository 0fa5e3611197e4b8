/** 0054: practice notes and their comments (issue 14). See ../schema.ts for the conventions. */
import type { LifeDomain } from '../../../common/contracts/desistance.contracts'
import type { PracticeEvidence, PracticeTheme } from '../../../common/contracts/practice-notes.contracts'
import type { Json } from '../json'

export interface PracticeNotesTables {
  /** Service-wide notes about practice; no person's data by rule (the server refuses codes and ids). */
  practice_notes: {
    id: string
    author_id: string
    /** Sealed with a system secret: a slip may still quote someone. */
    title_sealed: string
    body_sealed: string
    themes: Json<PracticeTheme[]>
    life_domains: Json<LifeDomain[]>
    evidence: Json<PracticeEvidence> | null
    created_at: string
    updated_at: string
    version: number
  }
  practice_note_comments: {
    id: string
    note_id: string
    author_id: string
    body_sealed: string
    created_at: string
  }
}
