import crypto from 'node:crypto'
import type { HsdsAttribute, HsdsOrganization, HsdsService } from '../../../common/contracts/hsds.contracts'
import type { CoverageLevel, PartnerOrganisationView } from '../../../common/contracts/partners.contracts'
import { areaName } from './partners.geography'

/**
 * Parcours's directory as Open Referral HSDS 3.0 (docs/adr/0011-hsds-mapping.md). The export is
 * a pure function of the directory: sub-records HSDS requires an id for (service areas,
 * languages, attributes, phones) get ids derived from what they describe, so exporting the same
 * directory twice, or from another database it was imported into, gives the same JSON.
 */
export const TAXONOMY = 'parcours'
export const NEEDS_TAXONOMY = 'parcours-needs'
export const AREA_URI = /^urn:parcours:be:(national|region|province|municipality|postcode):([A-Za-z0-9-]{1,60})$/
export const areaUri = (level: CoverageLevel, code: string) => `urn:parcours:be:${level}:${code}`

/** A name-based uuid (version 5 layout over SHA-1), the same wherever it is computed. */
export function stableId(name: string): string {
  const h = crypto.createHash('sha1').update(`parcours:hsds:${name}`).digest()
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x50
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80
  const x = h.subarray(0, 16).toString('hex')
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`
}

/** Parcours's own fields carried as attributes: the term code, and what it describes. */
export const ORGANISATION_TERMS = {
  missions: 'Missions of the organisation',
  goals: 'Goals of the organisation',
  ethics: 'Ethical principles (charter text)',
  charter_signed_on: 'Date the partnership charter was signed (ISO 8601 date)',
  charter_renew_on: 'Date the partnership charter is due for renewal (ISO 8601 date)',
  accessibility: 'Accessibility of the organisation',
  referral_email: 'Address that receives referrals',
  audience: 'An audience the organisation serves (one attribute each)',
  language: 'A language spoken, ISO 639-1 (one attribute each)',
  active: 'Whether the organisation takes part in the network (true/false)',
} as const
export const SERVICE_TERMS = {
  capacity: 'Current capacity: available, limited or full',
  wait_days: 'Usual waiting time in days',
  audience: 'An audience the service serves (one attribute each)',
} as const

export function term(taxonomy: string, code: string, name: string, description: string) {
  return { id: stableId(`term:${taxonomy}:${code}`), code, name, description, taxonomy }
}

function attribute(entity: 'organization' | 'service', linkId: string, t: ReturnType<typeof term>, value?: string): HsdsAttribute {
  return {
    id: stableId(`attribute:${linkId}:${t.taxonomy}:${t.code}:${value ?? ''}`),
    link_id: linkId,
    link_entity: entity,
    taxonomy_term_id: t.id,
    ...(value === undefined ? {} : { value }),
    taxonomy_term: t,
  }
}

const own = (code: keyof typeof ORGANISATION_TERMS) => term(TAXONOMY, `organization.${code}`, code, ORGANISATION_TERMS[code])
const ownService = (code: keyof typeof SERVICE_TERMS) => term(TAXONOMY, `service.${code}`, code, SERVICE_TERMS[code])
const languageNames = new Intl.DisplayNames(['en'], { type: 'language' })
/** Only the keys whose value is set: HSDS's optional fields are left out rather than null. */
const present = <T extends Record<string, unknown>>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as Partial<T>

export function toHsds(orgs: PartnerOrganisationView[], needNames: Map<string, string>): HsdsOrganization[] {
  return orgs.map((o) => {
    const single: [keyof typeof ORGANISATION_TERMS, string | null][] = [
      ['missions', o.missions],
      ['goals', o.goals],
      ['ethics', o.ethics],
      ['charter_signed_on', o.charterSignedOn],
      ['charter_renew_on', o.charterRenewOn],
      ['accessibility', o.accessibility],
      ['referral_email', o.referralEmail],
    ]
    const attributes = [
      ...single.flatMap(([code, value]) => (value === null ? [] : [attribute('organization', o.id, own(code), value)])),
      ...o.audiences.map((a) => attribute('organization', o.id, own('audience'), a)),
      ...o.languages.map((l) => attribute('organization', o.id, own('language'), l)),
      attribute('organization', o.id, own('active'), String(o.active)),
    ]
    return {
      ...present({
        id: o.id,
        name: o.name,
        alternate_name: o.alternateName,
        description: o.description,
        email: o.email,
        website: o.website,
      }),
      id: o.id,
      name: o.name,
      description: o.description,
      contacts: o.contacts.map((c) => ({
        ...present({ id: c.id, organization_id: o.id, name: c.name, title: c.title, email: c.email }),
        id: c.id,
        phones: c.phone ? [{ id: stableId(`phone:${c.id}`), number: c.phone }] : [],
      })),
      attributes,
      services: o.services.map((s) => serviceToHsds(o.id, s, needNames)),
    }
  })
}

function serviceToHsds(orgId: string, s: PartnerOrganisationView['services'][number], needNames: Map<string, string>): HsdsService {
  const attributes = [
    ...s.needs.map((n) => attribute('service', s.id, term(NEEDS_TAXONOMY, n, needNames.get(n) ?? n, needNames.get(n) ?? n))),
    attribute('service', s.id, ownService('capacity'), s.capacity),
    ...(s.waitDays === null ? [] : [attribute('service', s.id, ownService('wait_days'), String(s.waitDays))]),
    ...s.audiences.map((a) => attribute('service', s.id, ownService('audience'), a)),
  ]
  return {
    ...present({
      id: s.id,
      organization_id: orgId,
      name: s.name,
      description: s.description,
      status: s.status,
      eligibility_description: s.eligibility,
      fees_description: s.feesDescription,
      minimum_age: s.minimumAge,
      maximum_age: s.maximumAge,
    }),
    id: s.id,
    name: s.name,
    status: s.status,
    languages: s.languages.map((code) => ({
      id: stableId(`language:${s.id}:${code}`),
      service_id: s.id,
      name: languageNames.of(code) ?? code,
      code,
    })),
    service_areas: s.coverage.map((c) => ({
      id: stableId(`area:${s.id}:${c.level}:${c.code}`),
      service_id: s.id,
      name: areaName(c.level, c.code),
      uri: areaUri(c.level, c.code),
    })),
    attributes,
  }
}
