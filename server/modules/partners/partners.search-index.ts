import { fold } from './partners.geography'

/**
 * What the search reads instead of the services' texts and JSON arrays (migration 0028), written
 * with every service by `writeOrganisation` (and by the bench's seed, which bypasses it).
 */

/** The fields the free text is looked for in, in the order a match is explained (MatchReason `text`). */
export const TEXT_FIELDS = ['service.name', 'organisation.name', 'service.description', 'organisation.description'] as const

/**
 * The folded fields joined by `|`: folding leaves only `a-z`, `0-9` and single spaces, so a folded
 * query found in it (`like '%…%'`) lies within one field, as if each were searched alone.
 */
export function searchText(
  service: { name: string; description?: string | null },
  organisation: { name: string; description?: string | null },
): string {
  return [service.name, organisation.name, service.description ?? '', organisation.description ?? ''].map(fold).join('|')
}

export const languageTerm = (code: string) => `language:${code}`
export const audienceTerm = (code: string) => `audience:${code}`

/** One row per language and audience of a service (partner_service_terms). */
export function serviceTerms(languages: readonly string[], audiences: readonly string[]): string[] {
  return [...new Set([...languages.map(languageTerm), ...audiences.map(audienceTerm)])]
}
