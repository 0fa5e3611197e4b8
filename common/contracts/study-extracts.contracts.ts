import { z } from 'zod'
import { LANGUAGES } from '../roles'
import { StudyPerson } from './studies.contracts'
import { StudyVariable } from './study-variables.contracts'

/**
 * Issue 14: an extract of an approved study, taken by one of its researchers or the DPO while the
 * study runs. The register says who took it, when, with which variables, how many records it
 * holds and how many k-anonymity dropped; the files (CSV, XLSX, data dictionary) are downloaded
 * separately, each download audited.
 */
export const EXTRACT_FORMATS = ['csv', 'xlsx', 'dictionary'] as const
export type ExtractFormat = (typeof EXTRACT_FORMATS)[number]

export const ExtractInput = z.object({
  /** The data dictionary's language. */
  language: z.enum(LANGUAGES),
})

/**
 * An extract is made by a background job: `queued`, then `running` (with its progress in pages
 * read), then `ready` (its files can be downloaded), or `failed` (the job gave up; `failure` says
 * why when it is known, e.g. `study.not_extractable` when the study closed before it ran).
 */
export const EXTRACT_STATES = ['queued', 'running', 'ready', 'failed'] as const
export type ExtractState = (typeof EXTRACT_STATES)[number]

export const ExtractView = z.object({
  id: z.uuid(),
  studyId: z.uuid(),
  createdBy: StudyPerson,
  createdAt: z.string(),
  language: z.enum(LANGUAGES),
  variables: z.array(StudyVariable),
  state: z.enum(EXTRACT_STATES),
  /** Steps done out of the total (pages of cases read, then the files), while the job works. */
  progress: z.object({ done: z.number().int(), total: z.number().int().nullable() }).nullable(),
  failure: z.string().nullable(),
  readyAt: z.string().nullable(),
  /** Records in the files, and records k-anonymity dropped: 0 until the extract is ready. */
  records: z.number().int(),
  dropped: z.number().int(),
  k: z.number().int(),
  /** When the files were deleted, once the study closed or ended; the register row stays. */
  purgedAt: z.string().nullable(),
})
export type ExtractView = z.infer<typeof ExtractView>

export const ExtractList = z.object({ items: z.array(ExtractView) })
export const ExtractFileParams = z.object({ studyId: z.uuid(), extractId: z.uuid(), format: z.enum(EXTRACT_FORMATS) })
