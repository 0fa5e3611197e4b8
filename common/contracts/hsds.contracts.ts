import { z } from 'zod'

/**
 * The part of Open Referral HSDS 3.0 the partner directory reads and writes (organization with
 * its contacts and attributes, service with its languages, service areas and attributes), as
 * JSON: an array of `organization` objects each carrying its `services`. Fields of HSDS the
 * directory does not keep are accepted and ignored; `null` is read as absent. How Parcours's own
 * fields travel in `attributes` and `service_areas` is docs/adr/0011-hsds-mapping.md.
 */
const str = (max: number) => z.string().max(max)
const opt = (max: number) => str(max).nullish()
const list = <T extends z.ZodType>(item: T, max: number) => z.array(item).max(max).nullish()

export const HsdsTaxonomyTerm = z.object({
  id: z.uuid(),
  code: opt(100),
  name: str(300),
  description: str(2000),
  taxonomy: opt(100),
})
export const HsdsAttribute = z.object({
  id: z.uuid(),
  link_id: z.uuid().nullish(),
  link_type: opt(100),
  link_entity: opt(100),
  taxonomy_term_id: z.uuid().nullish(),
  value: opt(10_000),
  taxonomy_term: HsdsTaxonomyTerm.nullish(),
})
export type HsdsAttribute = z.infer<typeof HsdsAttribute>
export const HsdsPhone = z.object({ id: z.uuid(), number: str(40) })
export const HsdsContact = z.object({
  id: z.uuid(),
  organization_id: z.uuid().nullish(),
  name: opt(200),
  title: opt(200),
  email: z.email().max(254).nullish(),
  phones: list(HsdsPhone, 5),
})
export const HsdsLanguage = z.object({
  id: z.uuid(),
  service_id: z.uuid().nullish(),
  name: opt(100),
  code: opt(3),
})
export const HsdsServiceArea = z.object({
  id: z.uuid(),
  service_id: z.uuid().nullish(),
  name: opt(300),
  description: opt(2000),
  extent_type: opt(20),
  uri: opt(200),
})
export const HsdsService = z.object({
  id: z.uuid(),
  organization_id: z.uuid().nullish(),
  name: str(300),
  description: opt(10_000),
  status: z.enum(['active', 'inactive', 'defunct', 'temporarily closed']),
  eligibility_description: opt(4000),
  fees_description: opt(2000),
  minimum_age: z.number().int().min(0).max(130).nullish(),
  maximum_age: z.number().int().min(0).max(130).nullish(),
  languages: list(HsdsLanguage, 60),
  service_areas: list(HsdsServiceArea, 2000),
  attributes: list(HsdsAttribute, 200),
})
export type HsdsService = z.infer<typeof HsdsService>
export const HsdsOrganization = z.object({
  id: z.uuid(),
  name: str(300),
  alternate_name: opt(300),
  description: str(10_000),
  email: z.email().max(254).nullish(),
  website: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullish(),
  contacts: list(HsdsContact, 100),
  attributes: list(HsdsAttribute, 200),
  services: list(HsdsService, 500),
})
export type HsdsOrganization = z.infer<typeof HsdsOrganization>
/** At most 10,000 organisations in one file; the request's body limit bounds it first. */
export const HsdsDirectory = z.array(HsdsOrganization).max(10_000)
export type HsdsDirectory = z.infer<typeof HsdsDirectory>
