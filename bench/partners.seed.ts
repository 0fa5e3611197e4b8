import crypto from 'node:crypto'
import fs from 'node:fs'
import type { Insertable } from 'kysely'
import { CAPACITIES, type CoverageLevel, PARTNER_AUDIENCES } from '../common/contracts/partners.contracts'
import { toJson } from '../server/db/json'
import type { Database } from '../server/db/schema'
import type { Services } from '../server/http/context'
import { isKnownArea, placeOfPostcode, slug } from '../server/modules/partners/partners.geography'
import { coverageRow, filterRow, rankCopies, serviceTerms } from '../server/modules/partners/partners.search-index'
import { pick, rng } from '../server/seed/synthetic'
import { systemContext } from '../server/seed/system-context'

export type PartnerScale = { organisations: number; services: number }

/** Places the benchmark searches, and what a query of each kind looks like. */
export type PartnerDataset = {
  organisations: number
  services: number
  coverageRows: number
  postcodes: string[]
  municipalities: string[]
  needs: string[]
}

const DAY = 86_400_000
const ROWS_PER_INSERT = 400
const LANGUAGES = ['fr', 'nl', 'de', 'en', 'ar', 'tr', 'es', 'it', 'pl', 'ro', 'ru', 'ps', 'so', 'ti', 'uk'] as const
const KINDS = ['Maison médicale', 'AMO', 'Centre de santé mentale', 'CPAS', 'Service jeunesse', 'Mission locale', 'Association']
const WORDS = ['écoute', 'accompagnement', 'permanence', 'orientation', 'soutien', 'médiation', 'atelier', 'guidance', 'insertion']
const iso = (ms: number) => new Date(ms).toISOString()

/**
 * The bundled bpost list's places: every postcode (with its municipality, province and region, as
 * the search resolves them) and every main municipality's code, read from common/be-postcodes.csv.
 */
function places() {
  const rows = fs
    .readFileSync(new URL('../common/be-postcodes.csv', import.meta.url), 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.split(','))
  const postcodes = [...new Set(rows.map((r) => r[0] as string))].filter((p) => placeOfPostcode(p)?.municipality)
  const municipalities = [...new Set(rows.filter((r) => r[2] === 'no').map((r) => slug(r[1] as string)))].filter((m) =>
    isKnownArea('municipality', m),
  )
  return { postcodes, municipalities }
}

/**
 * A national directory for the benchmark: `organisations` organisations sharing `services`
 * services, each service covering what such services cover in Belgium: a few postcodes (25 %),
 * one to three municipalities (35 %), a province (20 %), a region (15 %) or the whole country
 * (5 %), most of them around their organisation's home. Every service has one to three need
 * categories, one to four languages (French or Dutch first), zero to three audiences, a capacity
 * and a waiting time. Half the organisations have a signed charter. Written in batches, one
 * audited transaction each, straight into the tables the directory's own commands write.
 */
export async function seedPartnerDirectory(services: Services, scale: PartnerScale): Promise<PartnerDataset> {
  const r = rng(1111)
  const ctx = await systemContext(services, null, 'seed-partners')
  const { postcodes, municipalities } = places()
  const needs = (await services.db.selectFrom('need_categories').select('code').orderBy('position').execute()).map((n) => n.code)
  const regions = ['BE-BRU', 'BE-WAL', 'BE-VLG']
  const nowMs = Date.now()
  const now = iso(nowMs)
  const orgIds = Array.from({ length: scale.organisations }, () => crypto.randomUUID())
  let coverageRows = 0
  const perOrg = scale.services / scale.organisations
  for (let start = 0; start < scale.organisations; start += 500) {
    const end = Math.min(scale.organisations, start + 500)
    await ctx.write('seed.caseload', async (trx, audit) => {
      const orgs: Insertable<Database['partner_organisations']>[] = []
      const rows: Insertable<Database['partner_services']>[] = []
      const needRows: Insertable<Database['partner_service_needs']>[] = []
      const coverage: Insertable<Database['partner_service_coverage']>[] = []
      const termRows: Insertable<Database['partner_service_terms']>[] = []
      for (let o = start; o < end; o++) {
        const id = orgIds[o] as string
        const home = pick(r, postcodes)
        const homePlace = placeOfPostcode(home)!
        const dutch = homePlace.region === 'BE-VLG'
        const signed = r() < 0.5 ? nowMs - Math.floor(r() * 700) * DAY : null
        const org = {
          id,
          name: `${pick(r, KINDS)} ${o} ${homePlace.municipality}`,
          alternate_name: null,
          description: `${pick(r, WORDS)} et ${pick(r, WORDS)} à ${home} (organisation fictive n° ${o})`,
          missions: null,
          goals: null,
          ethics: null,
          charter_signed_on: signed ? iso(signed).slice(0, 10) : null,
          charter_renew_on: signed ? iso(signed + 730 * DAY).slice(0, 10) : null,
          audiences: toJson([pick(r, PARTNER_AUDIENCES)]),
          languages: toJson([dutch ? 'nl' : 'fr']),
          accessibility: null,
          email: `contact.${o}@partners.example`,
          website: null,
          referral_email: `orientation.${o}@partners.example`,
          active: r() < 0.97 ? 1 : 0,
          created_at: now,
          updated_at: now,
          version: 1,
        }
        orgs.push(org)
        // Services are spread evenly, the remainder to the first organisations.
        const count = Math.floor(perOrg * (o + 1)) - Math.floor(perOrg * o)
        for (let s = 0; s < count; s++) {
          const serviceId = crypto.randomUUID()
          const languages = new Set<string>([dutch ? 'nl' : 'fr'])
          while (languages.size < 1 + Math.floor(r() * r() * 4)) languages.add(pick(r, LANGUAGES))
          const audiences = new Set<string>()
          while (audiences.size < Math.floor(r() * 4)) audiences.add(pick(r, PARTNER_AUDIENCES))
          const service: Omit<Insertable<Database['partner_services']>, 'search_text' | keyof ReturnType<typeof rankCopies>> = {
            id: serviceId,
            organisation_id: id,
            position: s,
            name: `${pick(r, WORDS)} ${pick(r, WORDS)} ${o}-${s}`,
            description: `Service fictif de ${pick(r, WORDS)} pour les habitants de ${homePlace.municipality}`,
            status: r() < 0.95 ? 'active' : 'inactive',
            eligibility: null,
            capacity: pick(r, CAPACITIES),
            wait_days: r() < 0.8 ? Math.floor(r() * 60) : null,
            fees_description: null,
            languages: toJson([...languages]),
            audiences: toJson([...audiences] as (typeof PARTNER_AUDIENCES)[number][]),
            minimum_age: null,
            maximum_age: null,
            updated_at: now,
            version: 1,
          }
          const copies = rankCopies(
            { ...service, waitDays: service.wait_days ?? null },
            { name: org.name, description: org.description, active: org.active === 1 },
          )
          rows.push({ ...service, ...copies })
          for (const term of serviceTerms([...languages], [...audiences]))
            termRows.push({ ...filterRow(serviceId, copies, service.wait_days ?? null), term })
          const serviceNeeds = new Set<string>()
          while (serviceNeeds.size < 1 + Math.floor(r() * 3)) serviceNeeds.add(pick(r, needs))
          for (const need_code of serviceNeeds) needRows.push({ ...filterRow(serviceId, copies, service.wait_days ?? null), need_code })
          const areas = new Map<string, [CoverageLevel, string]>()
          const draw = r()
          if (draw < 0.05) areas.set('BE', ['national', 'BE'])
          else if (draw < 0.2) areas.set(homePlace.region, ['region', r() < 0.9 ? homePlace.region : pick(r, regions)])
          else if (draw < 0.4 && homePlace.province) areas.set(homePlace.province, ['province', homePlace.province])
          else if (draw < 0.4) areas.set(homePlace.region, ['region', homePlace.region])
          else if (draw < 0.75) {
            areas.set(homePlace.municipality!, ['municipality', homePlace.municipality!])
            for (let k = Math.floor(r() * 3); k > 0; k--) {
              const m = pick(r, municipalities)
              areas.set(m, ['municipality', m])
            }
          } else {
            areas.set(home, ['postcode', home])
            for (let k = Math.floor(r() * 5); k > 0; k--) {
              const p = pick(r, postcodes)
              areas.set(p, ['postcode', p])
            }
          }
          for (const [level, code] of areas.values())
            coverage.push(coverageRow(serviceId, { level, code }, copies, service.wait_days ?? null))
        }
      }
      const insert = async <T extends keyof Database>(table: T, values: Insertable<Database[T]>[]) => {
        for (let i = 0; i < values.length; i += ROWS_PER_INSERT)
          await trx
            .insertInto(table)
            .values(values.slice(i, i + ROWS_PER_INSERT) as never)
            .execute()
      }
      await insert('partner_organisations', orgs)
      await insert('partner_services', rows)
      await insert('partner_service_needs', needRows)
      await insert('partner_service_coverage', coverage)
      await insert('partner_service_terms', termRows)
      coverageRows += coverage.length
      audit.detail({ organisations: orgs.length, services: rows.length })
    })
  }
  return { organisations: scale.organisations, services: scale.services, coverageRows, postcodes, municipalities, needs }
}
