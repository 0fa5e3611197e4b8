import { z } from 'zod'
import { Email, Id } from './shared.contracts'

/**
 * The partner directory: organisations the service orients people to, their services, and the
 * need categories those services are filed under. Staff and reference data (organisations'
 * public descriptions, their staff contacts): no person concerned appears here.
 */
const text = (max: number) => z.string().trim().max(max)
const optionalText = (max: number) => text(max).nullable().default(null)

export const COVERAGE_LEVELS = ['national', 'region', 'province', 'municipality', 'postcode'] as const
export type CoverageLevel = (typeof COVERAGE_LEVELS)[number]
export const SERVICE_STATUSES = ['active', 'inactive', 'defunct', 'temporarily closed'] as const
export const CAPACITIES = ['available', 'limited', 'full'] as const
export type Capacity = (typeof CAPACITIES)[number]
export const PARTNER_AUDIENCES = [
  'children',
  'young_people',
  'adults',
  'families',
  'parents',
  'women',
  'professionals',
  'detainees',
  'newcomers',
] as const

/** An ISO 639-1 code, lower case. */
export const LanguageCode = z.string().regex(/^[a-z]{2}$/, 'An ISO 639-1 code (two lower-case letters)')
export const NeedCode = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'Lower-case letters, digits and _')
const Labels = z.object({ fr: text(120).min(1), nl: text(120).min(1), de: text(120).min(1), en: text(120).min(1) })
const distinct = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .refine((a) => new Set(a.map((x) => JSON.stringify(x))).size === a.length, { message: 'Listed twice' })

export const NeedCategoryInput = z.object({
  code: NeedCode,
  labels: Labels,
  active: z.boolean().default(true),
  position: z.number().int().min(0).max(999),
})
export const NeedCategoryUpdate = NeedCategoryInput.omit({ code: true })
export const NeedCategoryParams = z.object({ code: NeedCode })
export const NeedCategoryView = z.object({
  code: z.string(),
  labels: Labels,
  active: z.boolean(),
  position: z.number().int(),
  version: z.number().int(),
})
export const NeedCategoryList = z.object({ items: z.array(NeedCategoryView) })

export const Coverage = z.object({ level: z.enum(COVERAGE_LEVELS), code: z.string().trim().min(1).max(60) })
export type Coverage = z.infer<typeof Coverage>

export const PartnerServiceInput = z
  .object({
    /** Kept when given (an HSDS id, or the id of a service being edited); a new one otherwise. */
    id: Id.optional(),
    name: text(300).min(1),
    description: optionalText(10_000),
    status: z.enum(SERVICE_STATUSES).default('active'),
    eligibility: optionalText(4000),
    capacity: z.enum(CAPACITIES).default('available'),
    waitDays: z.number().int().min(0).max(3650).nullable().default(null),
    feesDescription: optionalText(2000),
    languages: distinct(LanguageCode, 60).default([]),
    audiences: distinct(z.enum(PARTNER_AUDIENCES), PARTNER_AUDIENCES.length).default([]),
    minimumAge: z.number().int().min(0).max(130).nullable().default(null),
    maximumAge: z.number().int().min(0).max(130).nullable().default(null),
    needs: distinct(NeedCode, 40).default([]),
    coverage: distinct(Coverage, 2000).min(1),
  })
  .refine((s) => s.minimumAge === null || s.maximumAge === null || s.minimumAge <= s.maximumAge, {
    message: 'The minimum age is above the maximum',
    path: ['maximumAge'],
  })
export type PartnerServiceInput = z.output<typeof PartnerServiceInput>

export const PartnerContactInput = z.object({
  id: Id.optional(),
  name: text(200).min(1),
  title: optionalText(200),
  email: Email.nullable().default(null),
  phone: text(40).nullable().default(null),
})

export const PartnerOrganisationInput = z
  .object({
    /** An HSDS id may be given on creation; a new one otherwise. */
    id: Id.optional(),
    name: text(300).min(1),
    alternateName: optionalText(300),
    description: text(10_000).min(1),
    missions: optionalText(10_000),
    goals: optionalText(10_000),
    ethics: optionalText(10_000),
    charterSignedOn: z.iso.date().nullable().default(null),
    charterRenewOn: z.iso.date().nullable().default(null),
    audiences: distinct(z.enum(PARTNER_AUDIENCES), PARTNER_AUDIENCES.length).default([]),
    languages: distinct(LanguageCode, 60).default([]),
    accessibility: optionalText(2000),
    email: Email.nullable().default(null),
    website: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .nullable()
      .default(null),
    referralEmail: Email.nullable().default(null),
    active: z.boolean().default(true),
    contacts: z.array(PartnerContactInput).max(100).default([]),
    services: z.array(PartnerServiceInput).max(500).default([]),
  })
  .refine((o) => !o.charterSignedOn || !o.charterRenewOn || o.charterSignedOn <= o.charterRenewOn, {
    message: 'The renewal date is before the signature',
    path: ['charterRenewOn'],
  })
export type PartnerOrganisationInput = z.output<typeof PartnerOrganisationInput>

export const PartnerServiceView = z.object({
  id: Id,
  name: z.string(),
  description: z.string().nullable(),
  status: z.enum(SERVICE_STATUSES),
  eligibility: z.string().nullable(),
  capacity: z.enum(CAPACITIES),
  waitDays: z.number().int().nullable(),
  feesDescription: z.string().nullable(),
  languages: z.array(z.string()),
  audiences: z.array(z.enum(PARTNER_AUDIENCES)),
  minimumAge: z.number().int().nullable(),
  maximumAge: z.number().int().nullable(),
  needs: z.array(z.string()),
  coverage: z.array(Coverage.extend({ name: z.string() })),
  updatedAt: z.string(),
  version: z.number().int(),
})
export type PartnerServiceView = z.infer<typeof PartnerServiceView>
export const PartnerContactView = z.object({
  id: Id,
  name: z.string(),
  title: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
})
export const PartnerOrganisationView = z.object({
  id: Id,
  name: z.string(),
  alternateName: z.string().nullable(),
  description: z.string(),
  missions: z.string().nullable(),
  goals: z.string().nullable(),
  ethics: z.string().nullable(),
  charterSignedOn: z.string().nullable(),
  charterRenewOn: z.string().nullable(),
  audiences: z.array(z.enum(PARTNER_AUDIENCES)),
  languages: z.array(z.string()),
  accessibility: z.string().nullable(),
  email: z.string().nullable(),
  website: z.string().nullable(),
  referralEmail: z.string().nullable(),
  active: z.boolean(),
  contacts: z.array(PartnerContactView),
  services: z.array(PartnerServiceView),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
})
export type PartnerOrganisationView = z.infer<typeof PartnerOrganisationView>
export const PartnerOrganisationList = z.object({ items: z.array(PartnerOrganisationView) })
export const PartnerListQuery = z.object({ active: z.enum(['true', 'false']).optional() })

export const HsdsImportResult = z.object({
  organizations: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  services: z.number().int(),
})

/** "Who can help near here": every criterion optional; `place` is a postcode or a municipality's name. */
export const PartnerSearchQuery = z.object({
  place: text(100).optional(),
  need: NeedCode.optional(),
  audience: z.enum(PARTNER_AUDIENCES).optional(),
  language: LanguageCode.optional(),
  q: text(100).optional(),
})
export const SearchPlace = z.object({
  postcode: z.string().nullable(),
  municipality: z.object({ code: z.string(), name: z.string() }).nullable(),
  province: z.object({ code: z.string(), name: z.string() }).nullable(),
  region: z.object({ code: z.string(), name: z.string() }),
})
/** Why a result matched, for the screen to say in its language. */
export const MatchReason = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('coverage'), level: z.enum(COVERAGE_LEVELS), code: z.string(), name: z.string() }),
  z.object({ kind: z.literal('need'), code: z.string() }),
  z.object({ kind: z.literal('audience'), code: z.enum(PARTNER_AUDIENCES) }),
  z.object({ kind: z.literal('language'), code: z.string() }),
  z.object({
    kind: z.literal('text'),
    field: z.enum(['organisation.name', 'service.name', 'service.description', 'organisation.description']),
  }),
])
export type MatchReason = z.infer<typeof MatchReason>
export const PartnerSearchResult = z.object({
  organisation: z.object({ id: Id, name: z.string(), referralEmail: z.string().nullable() }),
  service: z.object({
    id: Id,
    name: z.string(),
    capacity: z.enum(CAPACITIES),
    waitDays: z.number().int().nullable(),
    languages: z.array(z.string()),
    audiences: z.array(z.enum(PARTNER_AUDIENCES)),
    needs: z.array(z.string()),
    coverage: z.array(Coverage.extend({ name: z.string() })),
  }),
  /** The most precise level at which the service's coverage contains the place (null: no place given). */
  precision: z.enum(COVERAGE_LEVELS).nullable(),
  reasons: z.array(MatchReason),
})
/** A search by free text alone counts its matches up to this many (then `capped`: say "more than 1,000"). */
export const PARTNER_COUNT_CAP = 1000
export const PartnerSearchResults = z.object({
  place: SearchPlace.nullable(),
  items: z.array(PartnerSearchResult),
  /** At most PARTNER_COUNT_CAP when `capped`. */
  total: z.number().int(),
  /** More services than `total` match (a free-text search without other criteria stops counting at PARTNER_COUNT_CAP). */
  capped: z.boolean(),
})
