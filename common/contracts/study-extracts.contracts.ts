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

export const ExtractView = z.object({
  id: z.uuid(),
  studyId: z.uuid(),
  createdBy: StudyPerson,
  createdAt: z.string(),
  language: z.enum(LANGUAGES),
  variables: z.array(StudyVariable),
  records: z.number().int(),
  dropped: z.number().int(),
  k: z.number().int(),
  /** When the files were deleted, once the study closed or ended; the register row stays. */
  purgedAt: z.string().nullable(),
})
export type ExtractView = z.infer<typeof ExtractView>

export const ExtractList = z.object({ items: z.array(ExtractView) })
export const ExtractFileParams = z.object({ studyId: z.uuid(), extractId: z.uuid(), format: z.enum(EXTRACT_FORMATS) })
