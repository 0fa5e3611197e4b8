import { z } from 'zod'
import { LANGUAGES } from '../roles'
import { Id, Instant } from './shared.contracts'

/**
 * Information sheets: the service's knowledge base, written by staff in Markdown. A sheet is
 * stable (code, kind, audiences, themes); its text is kept per language as numbered versions.
 * Sheets are not personal data: nothing here is sealed, but every change is audited.
 */
export const SHEET_KINDS = ['general', 'targeted'] as const
export type SheetKind = (typeof SHEET_KINDS)[number]

/** Who a sheet is written for. */
export const SHEET_AUDIENCES = [
  'general_public',
  'parents',
  'relatives',
  'teachers',
  'youth_workers',
  'professionals',
  'person_concerned',
  'returnees',
  'leaving_group',
] as const
export type SheetAudience = (typeof SHEET_AUDIENCES)[number]

/** A version's state: one draft and one published version at most per sheet and language. */
export const SHEET_STATUSES = ['draft', 'published', 'archived'] as const
export type SheetStatus = (typeof SHEET_STATUSES)[number]

export const SheetLanguage = z.enum(LANGUAGES)
/** A sheet's code names it in URLs and on paper: short, lower-case, stable. */
export const SheetCode = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'invalid_code')
  .max(60)
/** Theme codes, free for now: the configurable themes list will name the same codes. */
export const ThemeCode = z
  .string()
  .regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, 'invalid_code')
  .max(60)
export const SHEET_BODY_MAX = 50_000

export const SheetTextInput = z.object({
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(SHEET_BODY_MAX),
})
export type SheetTextInput = z.infer<typeof SheetTextInput>

const uniqueList = <T extends z.ZodType<string>>(item: T, min: number, max: number) =>
  z
    .array(item)
    .min(min)
    .max(max)
    .refine((xs) => new Set(xs).size === xs.length, 'duplicate')

export const SheetMetadata = z.object({
  kind: z.enum(SHEET_KINDS),
  audiences: uniqueList(z.enum(SHEET_AUDIENCES), 1, SHEET_AUDIENCES.length),
  themes: uniqueList(ThemeCode, 0, 20),
  /** Published texts of a public sheet appear on the public information page. */
  public: z.boolean(),
})
export type SheetMetadata = z.infer<typeof SheetMetadata>

export const NewSheetInput = SheetMetadata.extend({
  code: SheetCode,
  language: SheetLanguage,
  text: SheetTextInput,
})
export type NewSheetInput = z.infer<typeof NewSheetInput>

export const SheetParams = z.object({ id: Id })
export const SheetTextParams = z.object({ id: Id, language: SheetLanguage })
export const SheetVersionParams = SheetTextParams.extend({ version: z.coerce.number().int().min(1).max(1_000_000) })

export const SheetListQuery = z.object({
  language: SheetLanguage.default('fr'),
  /** Words searched in the titles and texts published in `language`; ranked when present. */
  q: z.string().trim().max(200).optional(),
  kind: z.enum(SHEET_KINDS).optional(),
  audience: z.enum(SHEET_AUDIENCES).optional(),
})
export const SheetLanguageQuery = z.object({ language: SheetLanguage.default('fr') })

/** What exists of a sheet in one language. */
export const SheetLanguageState = z.object({
  language: SheetLanguage,
  published: z.object({ version: z.number().int(), title: z.string(), publishedAt: Instant }).nullable(),
  /** Only shown to those who manage sheets. */
  draft: z.object({ version: z.number().int(), title: z.string(), updatedAt: Instant }).nullable(),
})

export const SheetSummary = z.object({
  id: Id,
  code: z.string(),
  kind: z.enum(SHEET_KINDS),
  audiences: z.array(z.enum(SHEET_AUDIENCES)),
  themes: z.array(z.string()),
  public: z.boolean(),
  /** The sheet's record version, for If-Match on every change to it or its texts. */
  version: z.number().int(),
  updatedAt: Instant,
  /** The language asked for: whether a text is published in it, and its title if so. */
  language: SheetLanguage,
  available: z.boolean(),
  title: z.string().nullable(),
  languages: z.array(SheetLanguageState),
})
export type SheetSummary = z.infer<typeof SheetSummary>

export const SheetList = z.object({ language: SheetLanguage, searched: z.boolean(), items: z.array(SheetSummary) })
export type SheetList = z.infer<typeof SheetList>

export const SheetVersionView = z.object({
  id: Id,
  sheetId: Id,
  language: SheetLanguage,
  version: z.number().int(),
  status: z.enum(SHEET_STATUSES),
  title: z.string(),
  body: z.string(),
  createdAt: Instant,
  createdByName: z.string().nullable(),
  updatedAt: Instant,
  publishedAt: Instant.nullable(),
  publishedByName: z.string().nullable(),
})
export type SheetVersionView = z.infer<typeof SheetVersionView>

/**
 * One sheet in one language. `text` is the published version, or null when the sheet has none
 * in that language (then `languages` says which it has): never another language's text instead.
 */
export const SheetView = SheetSummary.extend({
  text: SheetVersionView.nullable(),
  /** The draft in that language, for those who manage sheets; null otherwise. */
  draft: SheetVersionView.nullable(),
})
export type SheetView = z.infer<typeof SheetView>

export const SheetHistory = z.object({
  items: z.array(SheetVersionView.omit({ body: true })),
})
export type SheetHistory = z.infer<typeof SheetHistory>

/** The public information page: published texts of public sheets only, no ids of staff. */
export const PublicSheetSummary = z.object({
  code: z.string(),
  kind: z.enum(SHEET_KINDS),
  audiences: z.array(z.enum(SHEET_AUDIENCES)),
  title: z.string(),
  version: z.number().int(),
  publishedAt: Instant,
})
export type PublicSheetSummary = z.infer<typeof PublicSheetSummary>
export const PublicSheetList = z.object({ language: SheetLanguage, items: z.array(PublicSheetSummary) })
export type PublicSheetList = z.infer<typeof PublicSheetList>
export const PublicSheetParams = z.object({ code: SheetCode })
export const PublicSheetView = z.object({
  code: z.string(),
  kind: z.enum(SHEET_KINDS),
  audiences: z.array(z.enum(SHEET_AUDIENCES)),
  language: SheetLanguage,
  /** Languages the sheet is published in; the text is null when `language` is not one of them. */
  languages: z.array(SheetLanguage),
  text: z.object({ title: z.string(), body: z.string(), version: z.number().int(), publishedAt: Instant }).nullable(),
})
export type PublicSheetView = z.infer<typeof PublicSheetView>
