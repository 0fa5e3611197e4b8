import { z } from 'zod'
import { HsdsDirectory, type HsdsAttribute } from '../../../common/contracts/hsds.contracts'
import { type CoverageLevel, PARTNER_AUDIENCES, PartnerOrganisationInput } from '../../../common/contracts/partners.contracts'
import type { FieldError } from '../../../common/contracts/problem.contracts'
import { isKnownArea } from './partners.geography'
import { AREA_URI, NEEDS_TAXONOMY, ORGANISATION_TERMS, SERVICE_TERMS, TAXONOMY, term } from './partners.hsds'

/**
 * Reads an HSDS file into directory inputs, or says everything wrong with it. Each error names
 * the record (its index in the file and, when it is a valid uuid, its id) and the field, as a
 * path into the file (`3.services.0.service_areas.1.uri`). Values are never echoed.
 */
export type Parsed = { inputs: { index: number; input: PartnerOrganisationInput }[]; errors: FieldError[] }
const MAX_ERRORS = 50
const UUID = z.uuid()
const AUDIENCES = new Set<string>(PARTNER_AUDIENCES)
const isoDate = z.iso.date()

/** Term ids of our own attributes, for files that carry `taxonomy_term_id` without the term. */
const TERM_BY_ID = new Map<string, { taxonomy: string; code: string }>(
  [...Object.keys(ORGANISATION_TERMS).map((c) => `organization.${c}`), ...Object.keys(SERVICE_TERMS).map((c) => `service.${c}`)].map(
    (code) => [term(TAXONOMY, code, '', '').id, { taxonomy: TAXONOMY, code }],
  ),
)

function recordLabel(body: unknown, index: number): string {
  const id = Array.isArray(body) ? (body[index] as { id?: unknown } | undefined)?.id : undefined
  return UUID.safeParse(id).success ? `organization ${index} (${String(id)})` : `organization ${index}`
}

export function readHsds(body: unknown, needs: ReadonlySet<string>): Parsed {
  const errors: FieldError[] = []
  const say = (index: number, field: string, code: string, message: string) => {
    if (errors.length < MAX_ERRORS) errors.push({ field, code, message: `${recordLabel(body, index)}: ${message}` })
  }
  const parsed = HsdsDirectory.safeParse(body)
  if (!parsed.success) {
    for (const issue of parsed.error.issues.slice(0, MAX_ERRORS)) {
      const field = issue.path.map(String).join('.') || 'body'
      const index = typeof issue.path[0] === 'number' ? issue.path[0] : -1
      if (index < 0) errors.push({ field, code: issue.code, message: issue.message })
      else say(index, field, issue.code, issue.message)
    }
    return { inputs: [], errors }
  }

  const orgIds = new Set<string>()
  const serviceIds = new Set<string>()
  const contactIds = new Set<string>()
  const inputs: Parsed['inputs'] = []
  parsed.data.forEach((org, i) => {
    const at = (path: string) => `${i}.${path}`
    if (orgIds.has(org.id)) say(i, at('id'), 'duplicate', 'Another organization of the file has this id')
    orgIds.add(org.id)
    const attrs = ownAttributes(org.attributes ?? [], 'organization', (k, code, msg) => say(i, at(`attributes.${k}`), code, msg))
    const one = (code: string) => attrs.get(code)?.[0] ?? null
    const contacts = (org.contacts ?? []).map((c, k) => {
      if (contactIds.has(c.id)) say(i, at(`contacts.${k}.id`), 'duplicate', 'Another contact of the file has this id')
      contactIds.add(c.id)
      if (!c.name) say(i, at(`contacts.${k}.name`), 'required', 'A contact needs a name')
      return { id: c.id, name: c.name ?? '', title: c.title ?? null, email: c.email ?? null, phone: c.phones?.[0]?.number ?? null }
    })
    const services = (org.services ?? []).map((s, j) => {
      const sat = (path: string) => at(`services.${j}.${path}`)
      if (serviceIds.has(s.id)) say(i, sat('id'), 'duplicate', 'Another service of the file has this id')
      serviceIds.add(s.id)
      if (s.organization_id && s.organization_id !== org.id)
        say(i, sat('organization_id'), 'mismatch', 'The service names another organization than the one it is listed under')
      const sAttrs = ownAttributes(s.attributes ?? [], 'service', (k, code, msg) => say(i, sat(`attributes.${k}`), code, msg))
      const serviceNeeds: string[] = []
      ;(s.attributes ?? []).forEach((a, k) => {
        if (a.taxonomy_term?.taxonomy !== NEEDS_TAXONOMY) return
        const code = a.taxonomy_term.code ?? ''
        if (!needs.has(code)) say(i, sat(`attributes.${k}.taxonomy_term.code`), 'unknown', 'No need category has this code')
        else if (!serviceNeeds.includes(code)) serviceNeeds.push(code)
      })
      const coverage: { level: CoverageLevel; code: string }[] = []
      ;(s.service_areas ?? []).forEach((area, k) => {
        const match = AREA_URI.exec(area.uri ?? '')
        if (!match)
          return say(i, sat(`service_areas.${k}.uri`), 'unknown_area', 'The area is not one of Belgium’s (urn:parcours:be:<level>:<code>)')
        const [, level, code] = match as unknown as [string, CoverageLevel, string]
        if (!isKnownArea(level, code)) return say(i, sat(`service_areas.${k}.uri`), 'unknown_area', `No ${level} has this code`)
        if (!coverage.some((c) => c.level === level && c.code === code)) coverage.push({ level, code })
      })
      if (coverage.length === 0) say(i, sat('service_areas'), 'required', 'A service needs at least one service area')
      const languages: string[] = []
      ;(s.languages ?? []).forEach((l, k) => {
        const code = (l.code ?? '').toLowerCase()
        if (!/^[a-z]{2}$/.test(code)) return say(i, sat(`languages.${k}.code`), 'unsupported', 'An ISO 639-1 code is needed')
        if (!languages.includes(code)) languages.push(code)
      })
      const waitDays = sAttrs.get('service.wait_days')?.[0]
      if (waitDays !== undefined && !/^\d{1,4}$/.test(waitDays)) say(i, sat('attributes'), 'invalid', 'wait_days must be a number of days')
      return {
        id: s.id,
        name: s.name,
        description: s.description ?? null,
        status: s.status,
        eligibility: s.eligibility_description ?? null,
        capacity: sAttrs.get('service.capacity')?.[0] ?? 'available',
        waitDays: waitDays !== undefined && /^\d{1,4}$/.test(waitDays) ? Number(waitDays) : null,
        feesDescription: s.fees_description ?? null,
        languages,
        audiences: sAttrs.get('service.audience') ?? [],
        minimumAge: s.minimum_age ?? null,
        maximumAge: s.maximum_age ?? null,
        needs: serviceNeeds,
        coverage,
      }
    })
    const candidate = {
      id: org.id,
      name: org.name,
      alternateName: org.alternate_name ?? null,
      description: org.description,
      missions: one('organization.missions'),
      goals: one('organization.goals'),
      ethics: one('organization.ethics'),
      charterSignedOn: one('organization.charter_signed_on'),
      charterRenewOn: one('organization.charter_renew_on'),
      audiences: attrs.get('organization.audience') ?? [],
      languages: attrs.get('organization.language') ?? [],
      accessibility: one('organization.accessibility'),
      email: org.email ?? null,
      website: org.website ?? null,
      referralEmail: one('organization.referral_email'),
      active: one('organization.active') !== 'false',
      contacts,
      services,
    }
    // What the mapping produced must still pass the directory's own contract (dates, audiences,
    // capacity, limits); a failure names the HSDS record, with the directory's field name.
    const checked = PartnerOrganisationInput.safeParse(candidate)
    if (!checked.success) for (const issue of checked.error.issues) say(i, at(issue.path.map(String).join('.')), issue.code, issue.message)
    else inputs.push({ index: i, input: checked.data })
  })
  return { inputs: errors.length ? [] : inputs, errors }
}

/** Our attributes of one record, by term code (`organization.missions`), values in order; others ignored. */
function ownAttributes(
  attributes: HsdsAttribute[],
  entity: 'organization' | 'service',
  say: (index: number, code: string, message: string) => void,
): Map<string, string[]> {
  const out = new Map<string, string[]>()
  const terms: Record<string, string> = entity === 'organization' ? ORGANISATION_TERMS : SERVICE_TERMS
  attributes.forEach((a, k) => {
    const t = a.taxonomy_term
      ? { taxonomy: a.taxonomy_term.taxonomy ?? '', code: a.taxonomy_term.code ?? '' }
      : TERM_BY_ID.get(a.taxonomy_term_id ?? '')
    if (!t || t.taxonomy !== TAXONOMY) return
    const code = t.code.startsWith(`${entity}.`) ? t.code.slice(entity.length + 1) : null
    if (code === null || !(code in terms)) return say(k, 'unknown', `No ${entity} attribute of the ${TAXONOMY} taxonomy has this code`)
    const value = a.value ?? ''
    const many = code === 'audience' || code === 'language'
    const list = out.get(t.code) ?? []
    if (!many && list.length > 0) return say(k, 'duplicate', 'This attribute is given twice')
    if (code === 'audience' && !AUDIENCES.has(value)) return say(k, 'unknown', 'Not one of the directory’s audiences')
    if ((code === 'charter_signed_on' || code === 'charter_renew_on') && !isoDate.safeParse(value).success)
      return say(k, 'invalid', 'An ISO 8601 date is needed')
    if (code === 'active' && value !== 'true' && value !== 'false') return say(k, 'invalid', 'true or false')
    if (!list.includes(value)) list.push(value)
    out.set(t.code, list)
  })
  return out
}
