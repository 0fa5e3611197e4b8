import type { z } from 'zod'
import type { CoverageLevel, MatchReason, PartnerSearchQuery, PartnerSearchResults } from '../../../common/contracts/partners.contracts'
import { CAPACITIES, type PARTNER_AUDIENCES } from '../../../common/contracts/partners.contracts'
import { fromJson, type Json } from '../../db/json'
import { asStaff, type StaffTx } from '../../http/staff-fence'
import { areaName, fold, municipalityPostcodes, type Place, REGIONS } from './partners.geography'
import { byArea } from './partners.queries'

/**
 * "Who can help near here". The place is resolved to its postcode, municipality, province and
 * region; a service matches when one of its coverage rows names one of them (or Belgium), looked
 * up by the (level, code) index in one query. Results are ranked by the most precise level that
 * matched (postcode, municipality, province, region, national), then capacity (available, limited,
 * full), then waiting time; each says why it matched. A municipality searched without a postcode
 * also finds services covering one of its postcodes (at postcode precision: the most local help).
 */
type Query = z.output<typeof PartnerSearchQuery>
type Results = z.input<typeof PartnerSearchResults>
const PRECISION: CoverageLevel[] = ['postcode', 'municipality', 'province', 'region', 'national']
const LIMIT = 50

export function describePlace(place: Place): NonNullable<Results['place']> {
  return {
    postcode: place.postcode,
    municipality: place.municipality ? { code: place.municipality, name: areaName('municipality', place.municipality) } : null,
    province: place.province ? { code: place.province, name: areaName('province', place.province) } : null,
    region: { code: place.region, name: REGIONS[place.region] ?? place.region },
  }
}

function areasOf(place: Place): [CoverageLevel, string][] {
  const areas: [CoverageLevel, string][] = [
    ['national', 'BE'],
    ['region', place.region],
  ]
  if (place.province) areas.push(['province', place.province])
  if (place.municipality) areas.push(['municipality', place.municipality])
  if (place.postcode) areas.push(['postcode', place.postcode])
  else if (place.municipality) for (const p of municipalityPostcodes(place.municipality)) areas.push(['postcode', p])
  return areas
}

export async function searchPartners(tx: StaffTx, query: Query, place: Place | null): Promise<Results> {
  const db = asStaff(tx)
  let q = db
    .selectFrom('partner_services')
    .innerJoin('partner_organisations', 'partner_organisations.id', 'partner_services.organisation_id')
    .where('partner_services.status', '=', 'active')
    .where('partner_organisations.active', '=', 1)
  if (query.need) {
    const need = query.need
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('partner_service_needs')
          .select('partner_service_needs.need_code')
          .whereRef('partner_service_needs.service_id', '=', 'partner_services.id')
          .where('partner_service_needs.need_code', '=', need),
      ),
    )
  }
  const columns = [
    'partner_services.id as serviceId',
    'partner_services.name as serviceName',
    'partner_services.description as serviceDescription',
    'partner_services.capacity',
    'partner_services.wait_days as waitDays',
    'partner_services.languages',
    'partner_services.audiences',
    'partner_organisations.id as organisationId',
    'partner_organisations.name as organisationName',
    'partner_organisations.description as organisationDescription',
    'partner_organisations.referral_email as referralEmail',
  ] as const
  type Row = {
    serviceId: string
    serviceName: string
    serviceDescription: string | null
    capacity: (typeof CAPACITIES)[number]
    waitDays: number | null
    languages: Json<string[]>
    audiences: Json<(typeof PARTNER_AUDIENCES)[number][]>
    organisationId: string
    organisationName: string
    organisationDescription: string
    referralEmail: string | null
  }
  const best = new Map<string, { row: Row; level: CoverageLevel | null; code: string | null }>()
  if (place) {
    const areas = areasOf(place)
    const rows = await q
      .innerJoin('partner_service_coverage', 'partner_service_coverage.service_id', 'partner_services.id')
      .where((eb) =>
        eb.or(
          areas.map(([level, code]) =>
            eb.and([eb('partner_service_coverage.level', '=', level), eb('partner_service_coverage.code', '=', code)]),
          ),
        ),
      )
      .select([...columns, 'partner_service_coverage.level', 'partner_service_coverage.code'])
      .execute()
    for (const r of rows) {
      const had = best.get(r.serviceId)
      if (!had || PRECISION.indexOf(r.level) < PRECISION.indexOf(had.level as CoverageLevel))
        best.set(r.serviceId, { row: r, level: r.level, code: r.code })
    }
  } else {
    for (const r of await q.select([...columns]).execute()) best.set(r.serviceId, { row: r, level: null, code: null })
  }

  const text = query.q ? fold(query.q) : null
  const matched: { row: Row; level: CoverageLevel | null; reasons: MatchReason[] }[] = []
  for (const { row, level, code } of best.values()) {
    const languages = fromJson(row.languages)
    const audiences = fromJson(row.audiences)
    if (query.language && !languages.includes(query.language)) continue
    if (query.audience && !audiences.includes(query.audience)) continue
    const reasons: MatchReason[] = []
    if (level && code) reasons.push({ kind: 'coverage', level, code, name: areaName(level, code) })
    if (query.need) reasons.push({ kind: 'need', code: query.need })
    if (query.audience) reasons.push({ kind: 'audience', code: query.audience })
    if (query.language) reasons.push({ kind: 'language', code: query.language })
    if (text) {
      const fields = [
        ['service.name', row.serviceName],
        ['organisation.name', row.organisationName],
        ['service.description', row.serviceDescription],
        ['organisation.description', row.organisationDescription],
      ] as const
      const hit = fields.find(([, value]) => value !== null && fold(value).includes(text))
      if (!hit) continue
      reasons.push({ kind: 'text', field: hit[0] })
    }
    matched.push({ row, level, reasons })
  }
  const rank = (l: CoverageLevel | null) => (l === null ? 0 : PRECISION.indexOf(l))
  matched.sort(
    (a, b) =>
      rank(a.level) - rank(b.level) ||
      CAPACITIES.indexOf(a.row.capacity) - CAPACITIES.indexOf(b.row.capacity) ||
      (a.row.waitDays ?? Infinity) - (b.row.waitDays ?? Infinity) ||
      (a.row.organisationName < b.row.organisationName ? -1 : a.row.organisationName > b.row.organisationName ? 1 : 0) ||
      (a.row.serviceId < b.row.serviceId ? -1 : 1),
  )
  const page = matched.slice(0, LIMIT)
  const ids = page.map((m) => m.row.serviceId)
  const [needs, coverage] = ids.length
    ? await Promise.all([
        db.selectFrom('partner_service_needs').select(['service_id', 'need_code']).where('service_id', 'in', ids).execute(),
        db.selectFrom('partner_service_coverage').select(['service_id', 'level', 'code']).where('service_id', 'in', ids).execute(),
      ])
    : [[], []]
  return {
    place: place ? describePlace(place) : null,
    total: matched.length,
    items: page.map(({ row, level, reasons }) => ({
      organisation: { id: row.organisationId, name: row.organisationName, referralEmail: row.referralEmail },
      service: {
        id: row.serviceId,
        name: row.serviceName,
        capacity: row.capacity,
        waitDays: row.waitDays,
        languages: fromJson(row.languages),
        audiences: fromJson(row.audiences),
        needs: needs
          .filter((n) => n.service_id === row.serviceId)
          .map((n) => n.need_code)
          .sort(),
        coverage: coverage
          .filter((c) => c.service_id === row.serviceId)
          .map((c) => ({ level: c.level, code: c.code, name: areaName(c.level, c.code) }))
          .sort(byArea),
      },
      precision: level,
      reasons,
    })),
  }
}
