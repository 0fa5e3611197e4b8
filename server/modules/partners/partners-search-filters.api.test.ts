import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, json, startTestApp, type TestApp } from '../../test/harness'

/**
 * The search's filters, ranking and count are done by the engine (migration 0028's folded
 * `search_text` and `partner_service_terms`): these tests hold them to the same results as the
 * rules say, and show that an edit of an organisation or a service is searched at once.
 */
let t: TestApp
let admin: Agent
let worker: Agent
const L = (text: string) => ({ fr: text, nl: text, de: text, en: text })
const need = `filters_${Date.now() % 100000}`
const many = `many_${Date.now() % 100000}`
const ifMatch = (v: number) => ({ 'if-match': `"${v}"` })

type Item = { organisation: { name: string }; service: { name: string; languages: string[] }; precision: string | null; reasons: unknown[] }
const search = async (params: Record<string, string>) => {
  const res = await worker.get(`/api/partners/search?${new URLSearchParams(params).toString()}`)
  expect(res.statusCode, res.body).toBe(200)
  return json(res) as { items: Item[]; total: number }
}
const names = (found: { items: Item[] }) => found.items.map((i) => i.service.name)

const zephyr = (languagesOfFirst: string[]) => ({
  name: 'Maison Zéphyr',
  description: 'Accueil de jour',
  services: [
    {
      name: 'Soutien scolaire',
      waitDays: 1,
      languages: languagesOfFirst,
      audiences: ['young_people'],
      needs: [need],
      coverage: [{ level: 'postcode', code: '4000' }],
    },
    {
      name: 'Permanence',
      description: 'Aide aux devoirs, en arabe !',
      capacity: 'full',
      languages: ['fr'],
      audiences: ['young_people'],
      needs: [need],
      coverage: [{ level: 'municipality', code: 'liege' }],
    },
    {
      name: 'Écoute',
      waitDays: 2,
      languages: ['ar'],
      audiences: ['families'],
      needs: [need],
      coverage: [{ level: 'province', code: 'BE-WLG' }],
    },
  ],
})
let zephyrId = ''

beforeAll(async () => {
  t = await startTestApp()
  admin = await t.as(['admin'])
  worker = await t.as(['worker'])
  for (const code of [need, many])
    expect((await admin.post('/api/need-categories', { code, labels: L(code), position: 91 })).statusCode).toBe(201)
  const created = await admin.post('/api/partners', zephyr(['fr', 'ar']))
  expect(created.statusCode, created.body).toBe(201)
  zephyrId = json(created).id
  const north = await admin.post('/api/partners', {
    name: 'Zéphyr Nord',
    description: 'Maison de quartier',
    services: [
      {
        name: 'Atelier',
        languages: ['ar', 'nl'],
        audiences: ['young_people'],
        needs: [need],
        coverage: [{ level: 'region', code: 'BE-WAL' }],
      },
    ],
  })
  expect(north.statusCode, north.body).toBe(201)
})
afterAll(() => t.close())

describe('the search filters, ranks and counts in the engine', () => {
  it('filters by language and audience, most local first, with the count', async () => {
    const arabic = await search({ place: '4000', need, language: 'ar' })
    expect(names(arabic)).toEqual(['Soutien scolaire', 'Écoute', 'Atelier'])
    expect(arabic.items.map((i) => i.precision)).toEqual(['postcode', 'province', 'region'])
    expect(arabic.total).toBe(3)
    const young = await search({ place: '4000', need, language: 'ar', audience: 'young_people' })
    expect(names(young)).toEqual(['Soutien scolaire', 'Atelier'])
    expect(young.total).toBe(2)
    expect(young.items[1]?.reasons).toEqual([
      { kind: 'coverage', level: 'region', code: 'BE-WAL', name: 'Wallonia' },
      { kind: 'need', code: need },
      { kind: 'audience', code: 'young_people' },
      { kind: 'language', code: 'ar' },
    ])
    // Without a place: every region, by capacity (the full one last), then organisation name.
    const anywhere = await search({ need, audience: 'young_people' })
    expect(names(anywhere)).toEqual(['Soutien scolaire', 'Atelier', 'Permanence'])
    expect(anywhere.items.map((i) => i.precision)).toEqual([null, null, null])
    expect(anywhere.total).toBe(3)
  })

  it('finds free text without accents, case or punctuation, inside one field, and says which', async () => {
    const found = await search({ place: 'Liège', need, q: 'ZEPHYR' })
    expect(names(found)).toEqual(['Soutien scolaire', 'Permanence', 'Écoute', 'Atelier'])
    expect(found.total).toBe(4)
    for (const i of found.items) expect(i.reasons).toContainEqual({ kind: 'text', field: 'organisation.name' })
    const described = await search({ place: '4000', need, q: 'devoirs en arabe' })
    expect(names(described)).toEqual(['Permanence'])
    expect(described.items[0]?.reasons).toContainEqual({ kind: 'text', field: 'service.description' })
    expect((await search({ need, q: 'ecoute' })).items[0]?.reasons).toContainEqual({ kind: 'text', field: 'service.name' })
    // "jour" ends the organisation's description and "Soutien" begins a service's name: never one match.
    expect((await search({ need, q: 'scolaire maison' })).total).toBe(0)
    expect((await search({ need, q: 'de jour' })).total).toBe(3)
  })

  it('searches an edited organisation under its new name and its services under their new languages', async () => {
    const edited = await admin.put(`/api/partners/${zephyrId}`, { ...zephyr(['fr']), name: 'Maison Alizé' }, ifMatch(1))
    expect(edited.statusCode, edited.body).toBe(200)
    expect(names(await search({ need, q: 'zephyr' }))).toEqual(['Atelier'])
    expect(names(await search({ need, q: 'alize' }))).toEqual(['Soutien scolaire', 'Écoute', 'Permanence'])
    const arabic = await search({ place: '4000', need, language: 'ar' })
    expect(names(arabic)).toEqual(['Écoute', 'Atelier'])
    expect(arabic.total).toBe(2)
  })

  it('returns a page of 50 with the count of all matches', async () => {
    const services = Array.from({ length: 55 }, (_, i) => ({
      name: `Service ${String(i).padStart(2, '0')}`,
      waitDays: i,
      needs: [many],
      coverage: [{ level: 'national', code: 'BE' }],
    }))
    expect((await admin.post('/api/partners', { name: 'Réseau national', description: 'Test', services })).statusCode).toBe(201)
    const found = await search({ place: 'Namur', need: many })
    expect(found.total).toBe(55)
    expect(names(found)).toEqual(services.slice(0, 50).map((s) => s.name))
  })
})
