import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, json, startTestApp, type TestApp } from '../../test/harness'
import { FIXTURE_FILE } from './fixtures/make-fixture'

let t: TestApp
let worker: Agent
let admin: Agent
const L = (text: string) => ({ fr: text, nl: text, de: text, en: text })

beforeAll(async () => {
  t = await startTestApp()
  admin = await t.as(['admin'])
  worker = await t.as(['worker'])
  const imported = await admin.post('/api/partners/hsds', JSON.parse(fs.readFileSync(FIXTURE_FILE, 'utf8')))
  expect(imported.statusCode, imported.body).toBe(200)
})
afterAll(() => t.close())

type Result = { organisation: { name: string }; service: { id: string; name: string }; precision: string; reasons: unknown[] }
const search = async (params: Record<string, string>) => {
  const res = await worker.get(`/api/partners/search?${new URLSearchParams(params).toString()}`)
  expect(res.statusCode, res.body).toBe(200)
  return json(res) as { place: any; items: Result[]; total: number }
}

describe('who can help near here', () => {
  it('near 4000 Liège, mental health, Arabic-speaking: the most local first, each saying why', async () => {
    const found = await search({ place: '4000', need: 'mental_health', language: 'ar' })
    expect(found.place).toEqual({
      postcode: '4000',
      municipality: { code: 'liege', name: 'Liège' },
      province: { code: 'BE-WLG', name: 'Liège' },
      region: { code: 'BE-WAL', name: 'Wallonia' },
    })
    expect(found.items.map((i) => [i.organisation.name, i.service.name, i.precision])).toEqual([
      ['Centre de santé mentale Les Tilleuls', 'Consultations psychologiques', 'postcode'],
      ['Huy Écoute', 'Écoute psychologique', 'province'],
    ])
    expect(found.items[0]?.reasons).toEqual([
      { kind: 'coverage', level: 'postcode', code: '4000', name: '4000 Liège' },
      { kind: 'need', code: 'mental_health' },
      { kind: 'language', code: 'ar' },
    ])
    // Without the language, services speaking only French or Turkish come too, by precision.
    const any = await search({ place: '4000', need: 'mental_health' })
    const precisions = any.items.map((i) => i.precision)
    expect(precisions).toEqual([...precisions].sort((a, b) => order(a) - order(b)))
    expect(precisions).toEqual(expect.arrayContaining(['postcode', 'municipality', 'province', 'region']))
  })

  it('understands municipality names in French, Dutch or German, without accents, and sub-municipalities', async () => {
    const liege = await search({ place: 'Liège', need: 'mental_health' })
    expect(liege.place.municipality).toEqual({ code: 'liege', name: 'Liège' })
    expect(liege.place.postcode).toBeNull()
    for (const name of ['liege', 'LIEGE', 'Luik', 'Lüttich']) {
      const other = await search({ place: name, need: 'mental_health' })
      expect(other.place, name).toEqual(liege.place)
      expect(
        other.items.map((i) => i.service.id),
        name,
      ).toEqual(liege.items.map((i) => i.service.id))
    }
    const brussels = await search({ place: 'Bruxelles' })
    expect((await search({ place: 'Brussel' })).place).toEqual(brussels.place)
    expect(brussels.place).toMatchObject({ municipality: { code: 'bruxelles' }, province: null, region: { code: 'BE-BRU' } })
    // A sub-municipality's own postcode belongs to its municipality: 4020 Jupille, 4030 Grivegnée are Liège.
    expect((await search({ place: 'Jupille-sur-Meuse' })).place).toMatchObject({ postcode: '4020', municipality: { code: 'liege' } })
    expect((await search({ place: 'Grivegnée' })).place).toMatchObject({ postcode: '4030', municipality: { code: 'liege' } })
    expect((await search({ place: '1120' })).place).toMatchObject({ municipality: { code: 'bruxelles' } })
    const unknown = await worker.get('/api/partners/search?place=Atlantis')
    expect(unknown.statusCode).toBe(400)
    expect(json(unknown).errors[0].field).toBe('query.place')
  })

  it('ranks by precision, then capacity, then waiting time', async () => {
    const code = `rank_${Date.now() % 100000}`
    expect((await admin.post('/api/need-categories', { code, labels: L('Rang'), position: 90 })).statusCode).toBe(201)
    const add = async (name: string, capacity: string, coverage: { level: string; code: string }[], waitDays: number | null = null) => {
      const res = await admin.post('/api/partners', {
        name,
        description: 'Test',
        services: [{ name, capacity, waitDays, needs: [code], coverage }],
      })
      expect(res.statusCode, res.body).toBe(201)
    }
    await add('E national', 'available', [{ level: 'national', code: 'BE' }])
    await add('A region', 'available', [{ level: 'region', code: 'BE-WAL' }])
    await add('B postcode full', 'full', [{ level: 'postcode', code: '4000' }])
    await add('C postcode available, long wait', 'available', [{ level: 'postcode', code: '4000' }], 60)
    await add('C2 postcode available, short wait', 'available', [{ level: 'postcode', code: '4000' }], 5)
    await add('D municipality', 'limited', [{ level: 'municipality', code: 'liege' }])
    await add('F province', 'available', [{ level: 'province', code: 'BE-WLG' }])
    await add('G elsewhere', 'available', [{ level: 'province', code: 'BE-WNA' }])
    await add('H Brussels', 'available', [{ level: 'region', code: 'BE-BRU' }])
    const found = await search({ place: '4000 Liège', need: code })
    expect(found.items.map((i) => i.organisation.name)).toEqual([
      'C2 postcode available, short wait',
      'C postcode available, long wait',
      'B postcode full',
      'D municipality',
      'F province',
      'A region',
      'E national',
    ])
    expect(found.total).toBe(7)
    expect((await search({ place: 'Namur', need: code })).items.map((i) => i.organisation.name)).toEqual([
      'G elsewhere',
      'A region',
      'E national',
    ])
  })

  it('filters by audience and free text, and says which field the text matched', async () => {
    const young = await search({ place: 'Verviers', audience: 'young_people' })
    expect(young.items.length).toBeGreaterThan(0)
    for (const i of young.items) expect(i.reasons).toContainEqual({ kind: 'audience', code: 'young_people' })
    const text = await search({ place: 'Verviers', q: 'devoirs' })
    expect(text.items.map((i) => i.service.name)).toEqual(['École de devoirs'])
    expect(text.items[0]?.reasons).toContainEqual({ kind: 'text', field: 'service.name' })
    // An inactive organisation (Dinant Solidarités) is never proposed.
    expect((await search({ place: 'Dinant', need: 'social_assistance' })).items.map((i) => i.organisation.name)).not.toContain(
      'Dinant Solidarités',
    )
  })
})

const order = (level: string) => ['postcode', 'municipality', 'province', 'region', 'national'].indexOf(level)
