import { z } from 'zod'
import { LANGUAGES } from '../roles'
import { Id } from './shared.contracts'

/**
 * Information given during a contact: an information sheet, in the exact version and language
 * the caller received, and how. Append-only: a later revision of the sheet never rewrites what
 * was given (the version is kept, not the sheet's latest text).
 */
export const INFORMATION_HOWS = ['read_aloud', 'email', 'paper'] as const
export type InformationHow = (typeof INFORMATION_HOWS)[number]

export const InformationGivenInput = z.object({
  sheetId: Id,
  /** The language of the text given; the sheet must have a published text in it (422 otherwise). */
  language: z.enum(LANGUAGES),
  how: z.enum(INFORMATION_HOWS),
})
export type InformationGivenInput = z.infer<typeof InformationGivenInput>

export const InformationGivenEntry = z.object({
  id: Id,
  sheetId: Id,
  sheetCode: z.string(),
  /** The title of the version given, in the language given. */
  title: z.string(),
  /** The number of the text's version given (sheet_versions.version), in that language. */
  version: z.number().int(),
  language: z.enum(LANGUAGES),
  how: z.enum(INFORMATION_HOWS),
  recordedBy: z.string().nullable(),
  recordedAt: z.string(),
})
export type InformationGivenEntry = z.infer<typeof InformationGivenEntry>

/** Newest first. */
export const InformationGivenList = z.object({ items: z.array(InformationGivenEntry) })
export type InformationGivenList = z.infer<typeof InformationGivenList>

/** What recording answers: the entry, and the contact's version (bumped when it is final). */
export const InformationGivenResult = z.object({ entry: InformationGivenEntry, contactVersion: z.number().int() })
