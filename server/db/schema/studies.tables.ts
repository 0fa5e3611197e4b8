/** 0053: action-research studies and their researchers. See ../schema.ts for the conventions. */
import type { StudyStatus } from '../../../common/contracts/studies.contracts'
import type { ExtractFormat } from '../../../common/contracts/study-extracts.contracts'
import type { StudyVariable } from '../../../common/contracts/study-variables.contracts'
import type { Language } from '../../../common/roles'
import type { ColumnType } from 'kysely'
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
    /** 0059: the k of the study's extracts (at least 5). */
    k: ColumnType<number, number | undefined, number>
    /** 0059: who closed the study, and when; null while it is not closed. */
    closed_by: ColumnType<string | null, string | null | undefined, string | null>
    closed_at: ColumnType<string | null, string | null | undefined, string | null>
    created_by: string
    created_at: string
    version: number
  }
  study_researchers: { study_id: string; user_id: string }
  /**
   * 0056: extracts taken for a study. The three files are sealed, each with the row's random key
   * (`key_sealed`, a system secret); the rest is the register: who, when, what, how many.
   */
  study_extracts: {
    id: string
    study_id: string
    created_by: string
    created_at: string
    language: Language
    variables: Json<StudyVariable[]>
    records: number
    dropped: number
    k: number
    key_sealed: string
    /** 0059: when the files were deleted (study closed or ended); they are empty from then on. */
    purged_at: ColumnType<string | null, string | null | undefined, string | null>
    /** 0065: the job that makes the files; null for extracts made in their request, before it. */
    job_id: ColumnType<string | null, string | null | undefined, string | null>
    /** 0065: when the files were stored; the files are empty before. */
    ready_at: ColumnType<string | null, string | null | undefined, string | null>
    /** 0065: why the job gave up for good (an error code), when it did. */
    failure: ColumnType<string | null, string | null | undefined, string | null>
  }
  /** 0071: an extract's files, each sealed with the extract's key; none before the job stores them, none once purged. */
  study_extract_files: {
    extract_id: string
    format: ExtractFormat
    sealed: Buffer
  }
}
