import { CAPACITIES, type CoverageLevel } from '../../../common/contracts/partners.contracts'
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

/** Coverage levels from the most precise: a coverage row's `precision` is its level's index here. */
export const PRECISION = ['postcode', 'municipality', 'province', 'region', 'national'] as const

/**
 * What the ranking and the filters read, copied into each service row and each of its coverage rows
 * (migration 0031) and need and term rows (0061), so the search reads one index without joining
 * services and organisations; with the folded text (0073), so that free text with a filter is
 * checked on the rows the filter already reads. Written by `writeOrganisation` on every write (and
 * by the bench's seed, which bypasses it).
 */
export function rankCopies(
  service: { name: string; description?: string | null; status: string; capacity: (typeof CAPACITIES)[number]; waitDays: number | null },
  organisation: { name: string; description?: string | null; active: boolean },
) {
  return {
    listed: service.status === 'active' && organisation.active ? 1 : 0,
    capacity_rank: CAPACITIES.indexOf(service.capacity),
    organisation_name: organisation.name,
    search_text: searchText(service, organisation),
  }
}

/** A coverage row with its copies. */
export function coverageRow(
  serviceId: string,
  area: { level: CoverageLevel; code: string },
  copies: ReturnType<typeof rankCopies>,
  waitDays: number | null,
) {
  return {
    service_id: serviceId,
    level: area.level,
    code: area.code,
    precision: PRECISION.indexOf(area.level),
    wait_days: waitDays,
    ...copies,
  }
}

/** A need or term row with the ranking's copies (migration 0061) and the text (0073). */
export function filterRow(serviceId: string, copies: ReturnType<typeof rankCopies>, waitDays: number | null) {
  return { service_id: serviceId, wait_days: waitDays, ...copies }
}
