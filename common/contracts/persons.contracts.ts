import { z } from 'zod'
import { isBroadNameQuery, MAX_QUERY_WORDS, nameTokens, SEARCH_CAP, SEARCH_REASONS } from '../person-search'
import { LANGUAGES } from '../roles'

export const GENDERS = ['female', 'male', 'non_binary', 'unknown'] as const
/** Languages a person speaks: the app's own, and those a service most often meets besides. */
export const PERSON_LANGUAGES = [...LANGUAGES, 'ar', 'tr', 'other'] as const
export type PersonLanguage = (typeof PERSON_LANGUAGES)[number]
const text = (max: number) => z.string().trim().max(max)
const optionalText = (max: number) =>
  text(max)
    .optional()
    .nullable()
    .transform((v) => (v ? v : null))

export const PersonInput = z
  .object({
    firstName: text(100).min(1),
    lastName: text(100).min(1),
    otherNames: z.array(text(100).min(1)).max(10).default([]),
    /** Either a full date (YYYY-MM-DD) or only a year. */
    birthDate: z.iso.date().optional().nullable(),
    birthYear: z.number().int().min(1900).max(2100).optional().nullable(),
    gender: z.enum(GENDERS).default('unknown'),
    languages: z.array(z.enum(PERSON_LANGUAGES)).max(8).default([]),
    postcode: z
      .string()
      .regex(/^\d{4}$/)
      .optional()
      .nullable(),
    phone: optionalText(40).refine((v) => v === null || /^[+()\d\s./-]{6,40}$/.test(v), 'invalid_phone'),
    email: z.email().max(254).optional().nullable(),
    notes: optionalText(20_000),
  })
  .refine((p) => !(p.birthDate && p.birthYear && Number(p.birthDate.slice(0, 4)) !== p.birthYear), {
    path: ['birthYear'],
    message: 'birth_year_mismatch',
  })
export type PersonInput = z.input<typeof PersonInput>

export const Municipality = z.object({
  postcode: z.string(),
  locality: z.string(),
  province: z.string(),
  region: z.string(),
})

export const PersonView = z.object({
  id: z.uuid(),
  code: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  otherNames: z.array(z.string()),
  birthDate: z.string().nullable(),
  birthYear: z.number().int().nullable(),
  gender: z.enum(GENDERS),
  languages: z.array(z.string()),
  postcode: z.string().nullable(),
  municipality: Municipality.nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  /** Processing restricted (art. 18): shown to those who still read the person (their cases' leads). */
  restricted: z.boolean(),
})
export type PersonView = z.infer<typeof PersonView>

/** How a found person matched: every word as spelt, or some only as heard ("Dupond" for "Dupont"). */
const MatchKind = z.enum(['exact', 'close'])

/** A person the caller may open: shown in full, with the code and the id that opens the record. */
export const ReadablePersonMatch = z.object({
  readable: z.literal(true),
  id: z.uuid(),
  code: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  birthYear: z.number().int().nullable(),
  municipality: z.string().nullable(),
  match: MatchKind,
})

/**
 * A person the caller may not open: only what tells namesakes apart ("J. Dupont, 1998, Liège"),
 * and neither id nor code, so that nothing in the answer leads to the record.
 */
export const ReducedPersonMatch = z.object({
  readable: z.literal(false),
  initial: z.string().max(2),
  lastName: z.string(),
  birthYear: z.number().int().nullable(),
  municipality: z.string().nullable(),
  match: MatchKind,
})

export const PersonSummary = z.discriminatedUnion('readable', [ReadablePersonMatch, ReducedPersonMatch])
export type PersonSummary = z.infer<typeof PersonSummary>

export const PersonSearchQuery = z
  .object({
    q: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .refine((q) => nameTokens(q).length <= MAX_QUERY_WORDS, 'too_many_words'),
    /** Required when the query is broad (`isBroadNameQuery`); recorded in the audit entry. */
    reason: z.enum(SEARCH_REASONS).optional(),
    /** When known, persons born that year rank first among equally good spellings (ADR 0009). */
    birthYear: z.number().int().min(1900).max(2100).optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.reason && isBroadNameQuery(v.q)) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'required_for_broad_search' })
  })

export const PersonSearchResult = z.object({
  items: z.array(PersonSummary).max(SEARCH_CAP),
  /** More persons matched than a search shows: the query should say more. */
  capped: z.boolean(),
})

export const PostcodeQuery = z.object({ q: z.string().trim().min(1).max(60) })
export const PostcodeList = z.object({ items: z.array(Municipality) })
