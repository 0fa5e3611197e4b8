import { z } from 'zod'
import { LIFE_DOMAINS } from '../vocabulary'
import { PageQuery } from './shared.contracts'

/**
 * Issue 14: practice notes. An observation or hypothesis about the service's practice, written by
 * workers and leads, read and answered by researchers. A note is about practice, never about
 * someone: the server refuses a text that names a case, a person, an id, an e-mail or a phone.
 * Codes here, words in the web app's languages.
 */

/** What a note is about, a closed list so that notes can be gathered by theme. */
export const PRACTICE_THEMES = [
  'intake',
  'family_involvement',
  'engagement',
  'partnership',
  'judicial_framework',
  'turning_points',
  'setbacks',
  'tools',
  'team_practice',
  'ethics',
] as const
export type PracticeTheme = (typeof PRACTICE_THEMES)[number]

/** Why a text is refused: each names what it found, never the value. */
export const PRACTICE_TEXT_REFUSALS = [
  'contains_case_code',
  'contains_person_code',
  'contains_identifier',
  'contains_email',
  'contains_phone',
] as const

/** Anonymised evidence: an indicator view, kept as its parameters so that anyone can open it again. */
export const PracticeEvidence = z.object({
  kind: z.literal('indicators'),
  /** The same parameters as GET /api/indicators. */
  teamId: z.uuid(),
  from: z.iso.date(),
  to: z.iso.date(),
})
export type PracticeEvidence = z.infer<typeof PracticeEvidence>

const evidenceChecked = PracticeEvidence.refine((e) => e.from <= e.to, { path: ['from'], message: 'date_order' })

export const PracticeNoteInput = z.object({
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(10_000),
  themes: z
    .array(z.enum(PRACTICE_THEMES))
    .min(1)
    .max(PRACTICE_THEMES.length)
    .transform((t) => [...new Set(t)]),
  lifeDomains: z
    .array(z.enum(LIFE_DOMAINS))
    .max(LIFE_DOMAINS.length)
    .default([])
    .transform((d) => [...new Set(d)]),
  evidence: evidenceChecked.nullable().default(null),
})
export type PracticeNoteInput = z.input<typeof PracticeNoteInput>

export const PracticeCommentInput = z.object({ body: z.string().trim().min(1).max(5_000) })
export type PracticeCommentInput = z.input<typeof PracticeCommentInput>

const Author = z.object({ id: z.string(), displayName: z.string() })

export const PracticeComment = z.object({
  id: z.uuid(),
  body: z.string(),
  author: Author,
  createdAt: z.string(),
})
export type PracticeComment = z.infer<typeof PracticeComment>

export const PracticeNoteSummary = z.object({
  id: z.uuid(),
  title: z.string(),
  themes: z.array(z.enum(PRACTICE_THEMES)),
  lifeDomains: z.array(z.enum(LIFE_DOMAINS)),
  evidence: PracticeEvidence.nullable(),
  author: Author,
  createdAt: z.string(),
  updatedAt: z.string(),
  comments: z.number().int(),
})
export type PracticeNoteSummary = z.infer<typeof PracticeNoteSummary>

export const PracticeNoteView = PracticeNoteSummary.extend({
  body: z.string(),
  version: z.number().int(),
  /** Whether the caller wrote it, so may change it. */
  mine: z.boolean(),
  commentList: z.array(PracticeComment),
})
export type PracticeNoteView = z.infer<typeof PracticeNoteView>

export const PracticeNoteList = z.object({ items: z.array(PracticeNoteSummary), total: z.number().int() })
export type PracticeNoteList = z.infer<typeof PracticeNoteList>

export const PracticeNoteQuery = PageQuery.extend({
  theme: z.enum(PRACTICE_THEMES).optional(),
  domain: z.enum(LIFE_DOMAINS).optional(),
})
export const PracticeNoteParams = z.object({ noteId: z.uuid() })
