import { z } from 'zod'
import { LANGUAGES } from '../roles'

export const GENDERS = ['female', 'male', 'non_binary', 'unknown'] as const
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
    languages: z
      .array(z.enum([...LANGUAGES, 'ar', 'tr', 'other']))
      .max(8)
      .default([]),
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
})
export type PersonView = z.infer<typeof PersonView>

/** Minimal identity, enough to recognise a duplicate and nothing more. */
export const PersonSummary = z.object({
  id: z.uuid(),
  code: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  birthYear: z.number().int().nullable(),
  municipality: z.string().nullable(),
  /** Whether the caller may open the full record. */
  readable: z.boolean(),
})
export const PersonSearchQuery = z.object({
  q: z.string().trim().min(1).max(200),
  limit: z.coerce.number().int().min(1).max(50).default(20),
})
export const PersonSearchResult = z.object({ items: z.array(PersonSummary) })

export const PostcodeQuery = z.object({ q: z.string().trim().min(1).max(60) })
export const PostcodeList = z.object({ items: z.array(Municipality) })
