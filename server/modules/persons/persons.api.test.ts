import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, json, startTestApp, type TestApp } from '../../test/harness'

let t: TestApp
let worker: Agent & { userId: string }
let other: Agent & { userId: string }

beforeAll(async () => {
  t = await startTestApp()
  worker = await t.as(['worker'])
  other = await t.as(['worker'])
})
afterAll(() => t.close())

const person = (over: Record<string, unknown> = {}) => ({
  firstName: 'Mohammed',
  lastName: 'Benali',
  birthYear: 2004,
  gender: 'male',
  languages: ['fr', 'ar'],
  postcode: '1080',
  phone: '+32 470 12 34 56',
  email: 'm.benali@example.test',
  notes: 'Premier contact par sa mère.',
  ...over,
})

const search = async (agent: Agent, q: string, reason?: string) =>
  json<{ items: any[] }>(await agent.post('/api/persons/search', reason ? { q, reason } : { q })).items

describe('persons', () => {
  it('creates and reads a person in full, with municipality, province and region', async () => {
    const res = await worker.post('/api/persons', person())
    expect(res.statusCode).toBe(201)
    const created = json(res)
    expect(res.headers.etag).toBe('"1"')
    expect(created.code).toMatch(/^P-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
    const read = json(await worker.get(`/api/persons/${created.id}`))
    expect(read).toMatchObject({
      firstName: 'Mohammed',
      lastName: 'Benali',
      birthYear: 2004,
      notes: 'Premier contact par sa mère.',
      municipality: { postcode: '1080', locality: 'Molenbeek-Saint-Jean', region: 'Brussels-Capital' },
    })
  })

  it('accepts a full birth date and derives the year', async () => {
    const created = json(await worker.post('/api/persons', person({ birthYear: null, birthDate: '1999-01-30' })))
    expect(created.birthDate).toBe('1999-01-30')
    expect(created.birthYear).toBe(1999)
  })

  it('names every bad field and writes nothing', async () => {
    const before = await t.services.db
      .selectFrom('persons')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const res = await worker.post('/api/persons', person({ firstName: '', email: 'not-an-email', gender: 'x', birthYear: 1800 }))
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toContain('application/problem+json')
    const fields = json(res).errors.map((e: { field: string }) => e.field)
    expect(fields).toEqual(expect.arrayContaining(['firstName', 'email', 'gender', 'birthYear']))
    const unknownPostcode = await worker.post('/api/persons', person({ postcode: '9999' }))
    expect(json(unknownPostcode).errors).toEqual([expect.objectContaining({ field: 'postcode', code: 'unknown_postcode' })])
    const mismatch = await worker.post('/api/persons', person({ birthDate: '2000-05-01', birthYear: 2001 }))
    expect(json(mismatch).errors[0].field).toBe('birthYear')
    const after = await t.services.db
      .selectFrom('persons')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
  })

  it('updates with If-Match and refuses a stale version without overwriting', async () => {
    const created = json(await worker.post('/api/persons', person({ firstName: 'Julien', lastName: 'Dupont' })))
    const missing = await worker.put(`/api/persons/${created.id}`, person({ firstName: 'Julien', lastName: 'Dupont', notes: 'x' }))
    expect(missing.statusCode).toBe(428)
    const first = await worker.put(`/api/persons/${created.id}`, person({ firstName: 'Julien', lastName: 'Dupont', notes: 'Version A' }), {
      'if-match': '"1"',
    })
    expect(first.statusCode).toBe(200)
    expect(first.headers.etag).toBe('"2"')
    const stale = await worker.put(`/api/persons/${created.id}`, person({ firstName: 'Julien', lastName: 'Dupont', notes: 'Version B' }), {
      'if-match': '"1"',
    })
    expect(stale.statusCode).toBe(412)
    expect(json(stale).code).toBe('version.mismatch')
    expect(json(await worker.get(`/api/persons/${created.id}`)).notes).toBe('Version A')
  })

  it('finds spelling variants, joined particles and the person code', async () => {
    const a = json(await worker.post('/api/persons', person({ firstName: 'Muhammad', lastName: 'El Khattabi' })))
    const b = json(await worker.post('/api/persons', person({ firstName: 'Lotte', lastName: 'Van den Berg' })))
    const c = json(await worker.post('/api/persons', person({ firstName: 'Élodie', lastName: 'Dupond-Lefèvre' })))
    expect((await search(worker, 'mohamed elkhattabi')).map((p) => p.id)).toContain(a.id)
    expect((await search(worker, 'Mohammed El-Khatabi')).map((p) => p.id)).toContain(a.id)
    expect((await search(worker, 'vandenberg', 'duplicate_check')).map((p) => p.id)).toContain(b.id)
    expect((await search(worker, 'lotte van den bergh')).map((p) => p.id)).toContain(b.id)
    expect((await search(worker, 'elodie dupont')).map((p) => p.id)).toContain(c.id)
    expect((await search(worker, c.code.toLowerCase())).map((p) => p.id)).toEqual([c.id])
    expect(await search(worker, 'Zygmunt Brzęczyszczykiewicz')).toEqual([])
  })

  it('shows only what tells namesakes apart in search, and hides the full record from others (404)', async () => {
    const created = json(await worker.post('/api/persons', person({ firstName: 'Sarah', lastName: 'Lambert', postcode: '5000' })))
    expect(await search(other, 'sara lambert')).toEqual([
      { readable: false, initial: 'S', lastName: 'Lambert', birthYear: 2004, municipality: 'Namur', match: 'close' },
    ])
    const res = await other.get(`/api/persons/${created.id}`)
    expect(res.statusCode).toBe(404)
    expect(res.body).not.toContain('Sarah')
    const put = await other.put(`/api/persons/${created.id}`, person(), { 'if-match': '"1"' })
    expect(put.statusCode).toBe(404)
  })

  it('lets intake and leads search and create, and refuses other roles', async () => {
    for (const roles of [['intake'], ['lead']] as const) {
      const agent = await t.as([...roles])
      expect((await agent.post('/api/persons', person({ firstName: 'Emma', lastName: 'Peeters' }))).statusCode).toBe(201)
      expect((await agent.post('/api/persons/search', { q: 'emma peeters' })).statusCode).toBe(200)
    }
    for (const role of ['partner', 'researcher', 'dpo', 'admin'] as const) {
      const agent = await t.as([role])
      expect((await agent.post('/api/persons/search', { q: 'emma peeters' })).statusCode).toBe(403)
      expect((await agent.post('/api/persons', person())).statusCode).toBe(403)
    }
  })

  it('suggests Belgian postcodes by number or locality', async () => {
    const byNumber = json(await worker.get('/api/postcodes?q=470')).items
    expect(byNumber.some((m: { locality: string }) => m.locality === 'Eupen')).toBe(true)
    const byName = json(await worker.get('/api/postcodes?q=schaerb')).items
    expect(byName[0]).toMatchObject({ postcode: '1030', region: 'Brussels-Capital' })
  })
})
