import type { CoverageLevel, PartnerOrganisationView, PartnerServiceView } from '../../../common/contracts/partners.contracts'
import { COVERAGE_LEVELS } from '../../../common/contracts/partners.contracts'
import { fromJson } from '../../db/json'
import { asStaff, type StaffTx } from '../../http/staff-fence'
import { areaName } from './partners.geography'

const LEVEL_RANK = new Map<CoverageLevel, number>(COVERAGE_LEVELS.map((l, i) => [l, i]))
/** Coverage in one order everywhere (wide to narrow, then by code), so that an export is stable. */
export const byArea = (a: { level: CoverageLevel; code: string }, b: { level: CoverageLevel; code: string }) =>
  (LEVEL_RANK.get(a.level) ?? 0) - (LEVEL_RANK.get(b.level) ?? 0) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)

/**
 * Organisations with their contacts and services, in name order (then id). `ids` narrows to those
 * organisations; without it, the whole directory is read in five queries, whatever its size.
 */
export async function loadOrganisations(
  tx: StaffTx,
  filter: { ids?: string[]; active?: boolean } = {},
): Promise<PartnerOrganisationView[]> {
  const db = asStaff(tx)
  if (filter.ids && filter.ids.length === 0) return []
  let orgQuery = db.selectFrom('partner_organisations').selectAll()
  if (filter.ids) orgQuery = orgQuery.where('id', 'in', filter.ids)
  if (filter.active !== undefined) orgQuery = orgQuery.where('active', '=', filter.active ? 1 : 0)
  // Sorted here, not by the engine: PostgreSQL's collation and SQLite's differ, and an export must not.
  const orgs = (await orgQuery.execute()).sort(byNameThenId)
  if (orgs.length === 0) return []
  const only = filter.ids
  let contactsQuery = db.selectFrom('partner_org_contacts').selectAll()
  let servicesQuery = db.selectFrom('partner_services').selectAll()
  let needsQuery = db
    .selectFrom('partner_service_needs')
    .innerJoin('partner_services', 'partner_services.id', 'partner_service_needs.service_id')
  let coverageQuery = db
    .selectFrom('partner_service_coverage')
    .innerJoin('partner_services', 'partner_services.id', 'partner_service_coverage.service_id')
  if (only) {
    contactsQuery = contactsQuery.where('organisation_id', 'in', only)
    servicesQuery = servicesQuery.where('organisation_id', 'in', only)
    needsQuery = needsQuery.where('partner_services.organisation_id', 'in', only)
    coverageQuery = coverageQuery.where('partner_services.organisation_id', 'in', only)
  }
  // No table aliases: the staff fence reads every table name a query carries, aliases included.
  const [contacts, services, needs, coverage] = await Promise.all([
    contactsQuery.orderBy('organisation_id').orderBy('position').execute(),
    servicesQuery.orderBy('organisation_id').orderBy('position').execute(),
    needsQuery.select(['partner_service_needs.service_id', 'partner_service_needs.need_code']).execute(),
    coverageQuery
      .select(['partner_service_coverage.service_id', 'partner_service_coverage.level', 'partner_service_coverage.code'])
      .execute(),
  ])
  const needsOf = group(needs, (n) => n.service_id)
  const coverageOf = group(coverage, (c) => c.service_id)
  const servicesOf = group(
    services.map((s): PartnerServiceView & { organisationId: string } => ({
      organisationId: s.organisation_id,
      id: s.id,
      name: s.name,
      description: s.description,
      status: s.status,
      eligibility: s.eligibility,
      capacity: s.capacity,
      waitDays: s.wait_days,
      feesDescription: s.fees_description,
      languages: fromJson(s.languages),
      audiences: fromJson(s.audiences),
      minimumAge: s.minimum_age,
      maximumAge: s.maximum_age,
      needs: (needsOf.get(s.id) ?? []).map((n) => n.need_code).sort(),
      coverage: (coverageOf.get(s.id) ?? []).map((c) => ({ level: c.level, code: c.code, name: areaName(c.level, c.code) })).sort(byArea),
      updatedAt: s.updated_at,
      version: s.version,
    })),
    (s) => s.organisationId,
  )
  const contactsOf = group(contacts, (c) => c.organisation_id)
  return orgs.map((o) => ({
    id: o.id,
    name: o.name,
    alternateName: o.alternate_name,
    description: o.description,
    missions: o.missions,
    goals: o.goals,
    ethics: o.ethics,
    charterSignedOn: o.charter_signed_on,
    charterRenewOn: o.charter_renew_on,
    audiences: fromJson(o.audiences),
    languages: fromJson(o.languages),
    accessibility: o.accessibility,
    email: o.email,
    website: o.website,
    referralEmail: o.referral_email,
    active: o.active === 1,
    contacts: (contactsOf.get(o.id) ?? []).map((c) => ({ id: c.id, name: c.name, title: c.title, email: c.email, phone: c.phone })),
    services: (servicesOf.get(o.id) ?? []).map(({ organisationId: _o, ...s }) => s),
    createdAt: o.created_at,
    updatedAt: o.updated_at,
    version: o.version,
  }))
}

export const byNameThenId = (a: { name: string; id: string }, b: { name: string; id: string }) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0

function group<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const row of rows) {
    const k = key(row)
    const list = out.get(k)
    if (list) list.push(row)
    else out.set(k, [row])
  }
  return out
}
