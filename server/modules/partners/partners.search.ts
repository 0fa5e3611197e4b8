import { expressionBuilder, type SelectQueryBuilder } from 'kysely'
import type { z } from 'zod'
import {
  type CoverageLevel,
  type MatchReason,
  PARTNER_COUNT_CAP,
  type PartnerSearchQuery,
  type PartnerSearchResults,
} from '../../../common/contracts/partners.contracts'
import { fromJson } from '../../db/json'
import type { ModuleServices } from '../../http/context'
import { asStaff, type StaffDatabase, type StaffTx } from '../../http/staff-fence'
import { areaName, fold, municipalityPostcodes, type Place, REGIONS } from './partners.geography'
import { byArea } from './partners.queries'
import { audienceTerm, languageTerm, PRECISION, TEXT_FIELDS } from './partners.search-index'

/**
 * "Who can help near here". The place is resolved to its postcode, municipality, province and
 * region; a service matches when one of its coverage rows names one of them (or Belgium), looked
 * up by the (level, code) index in one query. Results are ranked by the most precise level that
 * matched (postcode, municipality, province, region, national), then capacity (available, limited,
 * full), then waiting time; each says why it matched. A municipality searched without a postcode
 * also finds services covering one of its postcodes (at postcode precision: the most local help).
 *
 * The engine does the filtering (need, language and audience through their indexes, free text in
 * the folded `search_text` of migration 0028), the ranking, the count and the cut to the page in
 * one statement; only the page's services (at most 50) are then read with their details. Ties end
 * on the organisation's name compared byte by byte (`C` collation on PostgreSQL, SQLite's binary),
 * then the service id, so both engines return the same order.
 */
type Query = z.output<typeof PartnerSearchQuery>
type Results = z.input<typeof PartnerSearchResults>
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

export async function searchPartners(tx: StaffTx, kind: ModuleServices['kind'], query: Query, place: Place | null): Promise<Results> {
  const db = asStaff(tx)
  const text = query.q ? fold(query.q) : null
  const terms = [...(query.language ? [languageTerm(query.language)] : []), ...(query.audience ? [audienceTerm(query.audience)] : [])]
  const collation = kind === 'postgres' ? 'C' : 'binary'
  // The filters on a service id, as `id in (…)`: SQLite then reads the need's or the term's index
  // once instead of probing it for every candidate.
  const needIds = (need: string) =>
    db.selectFrom('partner_service_needs').select('partner_service_needs.service_id').where('partner_service_needs.need_code', '=', need)
  const termIds = (term: string) =>
    db.selectFrom('partner_service_terms').select('partner_service_terms.service_id').where('partner_service_terms.term', '=', term)
  // The two text subqueries are built apart from `db`: a subquery built from the handle passes
  // through its plugins as if it were a statement of its own (the fence still checks it in place).
  // SQLite: the services whose folded text holds the query's, through the FTS5 trigram table (migration 0063).
  const textIds = (folded: string) =>
    expressionBuilder<StaffDatabase, never>()
      .selectFrom('partner_service_text_docs')
      .select('partner_service_text_docs.service_id')
      .where('partner_service_text_docs.id', 'in', (eb) =>
        eb
          .selectFrom('partner_service_text')
          .select('partner_service_text.rowid')
          .where('partner_service_text.search_text', 'like', `%${folded}%`),
      )
  let page: { id: string; precision: number; total: number | string | bigint }[]
  let capped = false
  const areas = place ? areasOf(place) : []
  if (place) {
    // One range of the (level, code, listed, …) index per area of the place, and nothing else:
    // the ranking's columns are copies kept in the coverage rows (migration 0031).
    const coverage = db.selectFrom('partner_service_coverage').where('partner_service_coverage.listed', '=', 1)
    const range = ([level, code]: [CoverageLevel, string]) =>
      coverage
        .where('partner_service_coverage.level', '=', level)
        .where('partner_service_coverage.code', '=', code)
        // Free text: checked on the rows the place's ranges read, in their copy of the text (0073).
        .$if(text !== null, (q) => q.where('partner_service_coverage.search_text', 'like', `%${text}%`))
        .select([
          'partner_service_coverage.service_id',
          'partner_service_coverage.precision',
          'partner_service_coverage.capacity_rank',
          'partner_service_coverage.wait_days',
          'partner_service_coverage.organisation_name',
        ])
    const rows =
      query.need || terms.length
        ? // A need, a language or an audience: one statement, each filter's subquery read once.
          coverage
            .where((eb) =>
              eb.or(
                areas.map(([level, code]) =>
                  eb.and([eb('partner_service_coverage.level', '=', level), eb('partner_service_coverage.code', '=', code)]),
                ),
              ),
            )
            .$if(!!query.need, (q) => q.where('partner_service_coverage.service_id', 'in', needIds(query.need!)))
            .$call((q) => terms.reduce((acc, term) => acc.where('partner_service_coverage.service_id', 'in', termIds(term)), q))
            .$if(text !== null, (q) => q.where('partner_service_coverage.search_text', 'like', `%${text}%`))
        : // The place alone (or with text): the ranges read one by one and put together (`union
          // all`). On the bench's directory PostgreSQL then read each range from the index alone,
          // where `level = … or level = …` made it visit the table's rows too (a postcode: 3.3
          // against 7.5 ms, README "The partner network at scale").
          db.selectFrom(
            areas
              .slice(1)
              .map(range)
              .reduce((acc, q) => acc.unionAll(q), range(areas[0]!))
              .as('areas'),
          )
    // Columns named without a table, for either source: the derived table's alias would read as a
    // table to the staff fence. Typed as the coverage table, which both sources' columns are.
    page = await (rows as unknown as SelectQueryBuilder<StaffDatabase, 'partner_service_coverage', object>)
      .groupBy('service_id')
      .select((eb) => [
        'service_id as id',
        eb.fn.min('precision').as('precision'),
        // The same in every row of a service: min() only names the one value.
        eb.fn.min('capacity_rank').as('capacity_rank'),
        eb.fn.min('wait_days').as('wait_days'),
        eb.fn.min('organisation_name').as('organisation_name'),
        eb.fn.countAll().over().as('total'),
      ])
      .orderBy('precision')
      .orderBy('capacity_rank')
      .orderBy('wait_days', (ob) => ob.asc().nullsLast())
      // Collated, an output name would be read by PostgreSQL as an input column: the expressions themselves.
      .orderBy(
        (eb) => eb.fn.min('organisation_name'),
        (ob) => ob.asc().collate(collation),
      )
      .orderBy('service_id', (ob) => ob.asc().collate(collation))
      .limit(LIMIT)
      .execute()
  } else if (query.need || terms.length) {
    // A need, a language or an audience without a place: one range of that filter's rank index
    // (migration 0061), the other filters on the candidates' ids.
    // Both tables carry the same copies under the same names, so the statement names its columns
    // without the table (an alias would read as a table to the staff fence).
    const driver = (
      query.need
        ? db.selectFrom('partner_service_needs').where('need_code', '=', query.need)
        : db.selectFrom('partner_service_terms').where('term', '=', terms[0]!)
    ) as SelectQueryBuilder<StaffDatabase, 'partner_service_needs', object>
    const others = query.need ? terms : terms.slice(1)
    page = await driver
      .where('listed', '=', 1)
      .$call((q) => others.reduce((acc, term) => acc.where('service_id', 'in', termIds(term)), q))
      .$if(text !== null, (q) => q.where('search_text', 'like', `%${text}%`))
      .select((eb) => ['service_id as id', eb.lit(0).as('precision'), eb.fn.countAll().over().as('total')])
      .orderBy('capacity_rank')
      .orderBy('wait_days', (ob) => ob.asc().nullsLast())
      .orderBy('organisation_name', (ob) => ob.asc().collate(collation))
      .orderBy('service_id', (ob) => ob.asc().collate(collation))
      .limit(LIMIT)
      .execute()
  } else if (text !== null) {
    // Free text alone: a common word ("médiation") is in thousands of services, and counting and
    // ranking every one of them read all their texts. The matches are counted up to the cap
    // through the trigram index (migration 0063); past it, the page is the first services in rank
    // order whose text holds the word (a common word meets 50 of them early), and the total says
    // "more than"; under it, the few matches are read through the index and sorted.
    const matching = (q: SelectQueryBuilder<StaffDatabase, 'partner_services', object>) =>
      kind === 'sqlite' ? q.where('partner_services.id', 'in', textIds(text)) : q.where('partner_services.search_text', 'like', `%${text}%`)
    // One small row per match, up to one past the cap: the count stops there.
    const counted = await (
      kind === 'sqlite'
        ? // The index's matches drive (a cross join keeps SQLite's join order).
          db
            .selectFrom('partner_service_text')
            .crossJoin('partner_service_text_docs')
            .crossJoin('partner_services')
            .whereRef('partner_service_text_docs.id', '=', 'partner_service_text.rowid')
            .whereRef('partner_services.id', '=', 'partner_service_text_docs.service_id')
            .where('partner_service_text.search_text', 'like', `%${text}%`)
            .where('partner_services.listed', '=', 1)
            .select((eb) => eb.lit(1).as('one'))
        : db
            .selectFrom('partner_services')
            .where('partner_services.listed', '=', 1)
            .where('partner_services.search_text', 'like', `%${text}%`)
            .select((eb) => eb.lit(1).as('one'))
    )
      .limit(PARTNER_COUNT_CAP + 1)
      .execute()
    const n = counted.length
    capped = n > PARTNER_COUNT_CAP
    page = await db
      .selectFrom('partner_services')
      .where('partner_services.listed', '=', 1)
      .$call((q) => (capped ? q.where('partner_services.search_text', 'like', `%${text}%`) : matching(q)))
      .select((eb) => ['partner_services.id', eb.lit(0).as('precision'), eb.lit(capped ? PARTNER_COUNT_CAP : n).as('total')])
      .orderBy('partner_services.capacity_rank')
      // SQLite puts nulls first in an index: `wait_days is null` first walks 0063's index in rank order.
      .$call((q) =>
        kind === 'sqlite'
          ? q.orderBy((eb) => eb('partner_services.wait_days', 'is', null)).orderBy('partner_services.wait_days')
          : q.orderBy('partner_services.wait_days', (ob) => ob.asc().nullsLast()),
      )
      .orderBy('partner_services.organisation_name', (ob) => ob.asc().collate(collation))
      .orderBy('partner_services.id', (ob) => ob.asc().collate(collation))
      .limit(LIMIT)
      .execute()
  } else {
    page = await db
      .selectFrom('partner_services')
      .where('partner_services.listed', '=', 1)
      .select((eb) => ['partner_services.id', eb.lit(0).as('precision'), eb.fn.countAll().over().as('total')])
      .orderBy('partner_services.capacity_rank')
      .orderBy('partner_services.wait_days', (ob) => ob.asc().nullsLast())
      .orderBy('partner_services.organisation_name', (ob) => ob.asc().collate(collation))
      .orderBy('partner_services.id', (ob) => ob.asc().collate(collation))
      .limit(LIMIT)
      .execute()
  }
  const total = page.length ? Number(page[0]!.total) : 0
  const ids = page.map((p) => p.id)
  // By primary key, one table at a time: joined, PostgreSQL would hash the whole organisation table.
  const [services, needs, coverage] = ids.length
    ? await Promise.all([
        db
          .selectFrom('partner_services')
          .select(['id', 'organisation_id', 'name', 'description', 'capacity', 'wait_days', 'languages', 'audiences'])
          .where('id', 'in', ids)
          .execute(),
        db.selectFrom('partner_service_needs').select(['service_id', 'need_code']).where('service_id', 'in', ids).execute(),
        db.selectFrom('partner_service_coverage').select(['service_id', 'level', 'code']).where('service_id', 'in', ids).execute(),
      ])
    : [[], [], []]
  const orgIds = [...new Set(services.map((s) => s.organisation_id))]
  const organisations = orgIds.length
    ? await db
        .selectFrom('partner_organisations')
        .select(['id', 'name', 'description', 'referral_email'])
        .where('id', 'in', orgIds)
        .execute()
    : []
  const orgOf = new Map(organisations.map((o) => [o.id, o]))
  const rows = services.map((s) => {
    const o = orgOf.get(s.organisation_id)!
    return {
      serviceId: s.id,
      serviceName: s.name,
      serviceDescription: s.description,
      capacity: s.capacity,
      waitDays: s.wait_days,
      languages: s.languages,
      audiences: s.audiences,
      organisationId: o.id,
      organisationName: o.name,
      organisationDescription: o.description,
      referralEmail: o.referral_email,
    }
  })
  const rowOf = new Map(rows.map((r) => [r.serviceId, r]))
  const searched = new Set(areas.map(([level, code]) => `${level}:${code}`))
  return {
    place: place ? describePlace(place) : null,
    total,
    capped,
    items: page.map(({ id, precision }) => {
      const row = rowOf.get(id)!
      const own = coverage.filter((c) => c.service_id === id)
      const level = place ? (PRECISION[Number(precision)] ?? null) : null
      const reasons: MatchReason[] = []
      if (level) {
        // Among the service's areas at that precision that the place names, the first by code.
        const [code] = own
          .filter((c) => c.level === level && searched.has(`${c.level}:${c.code}`))
          .map((c) => c.code)
          .sort()
        if (code) reasons.push({ kind: 'coverage', level, code, name: areaName(level, code) })
      }
      if (query.need) reasons.push({ kind: 'need', code: query.need })
      if (query.audience) reasons.push({ kind: 'audience', code: query.audience })
      if (query.language) reasons.push({ kind: 'language', code: query.language })
      if (text) {
        const values = [row.serviceName, row.organisationName, row.serviceDescription, row.organisationDescription]
        const hit = TEXT_FIELDS.find((_f, i) => fold(values[i] ?? '').includes(text))
        if (hit) reasons.push({ kind: 'text', field: hit })
      }
      return {
        organisation: { id: row.organisationId, name: row.organisationName, referralEmail: row.referralEmail },
        service: {
          id,
          name: row.serviceName,
          capacity: row.capacity,
          waitDays: row.waitDays,
          languages: fromJson(row.languages),
          audiences: fromJson(row.audiences),
          needs: needs
            .filter((n) => n.service_id === id)
            .map((n) => n.need_code)
            .sort(),
          coverage: own.map((c) => ({ level: c.level, code: c.code, name: areaName(c.level, c.code) })).sort(byArea),
        },
        precision: level,
        reasons,
      }
    }),
  }
}
