import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'

/**
 * The name search is proportionate (docs/adr/0006-proportionate-name-search.md): a reason for
 * broad queries, at most five persons, and persons the caller may not open reduced to what tells
 * namesakes apart, found only by first and last name together.
 */
let t: TestApp
let owner: Agent & { userId: string }
let other: Agent & { userId: string }
let intake: Agent & { userId: string }

beforeAll(async () => {
  t = await startTestApp()
  owner = await t.as(['worker'])
  other = await t.as(['worker'])
  intake = await t.as(['intake'])
})
afterAll(() => t.close())

type Created = { id: string; code: string }
const register = async (agent: Agent, firstName: string, lastName: string, over: Record<string, unknown> = {}): Promise<Created> => {
  const res = await agent.post('/api/persons', { firstName, lastName, birthYear: 1998, postcode: '4000', ...over })
  expect(res.statusCode).toBe(201)
  return json(res)
}
const search = (agent: Agent, q: string, reason?: string) => agent.post('/api/persons/search', reason ? { q, reason } : { q })
const items = async (agent: Agent, q: string, reason?: string) => {
  const res = await search(agent, q, reason)
  expect(res.statusCode, res.body).toBe(200)
  return json<{ items: Record<string, unknown>[]; capped: boolean }>(res)
}
const lastSearchEntry = async () => (await auditRows(t.services, 'person.searched')).at(-1)!

describe('a reason for broad searches', () => {
  it('refuses a one-name query without a reason, naming the field, and records nothing', async () => {
    const before = (await auditRows(t.services, 'person.searched')).length
    for (const q of ['Dupont', 'van den Berg', 'dupont   ', 'El Khattabi']) {
      const res = await search(owner, q)
      expect(res.statusCode, q).toBe(400)
      expect(json(res).errors).toEqual([expect.objectContaining({ field: 'reason', code: 'required_for_broad_search' })])
    }
    const outside = await search(owner, 'Dupont', 'curiosity')
    expect(outside.statusCode).toBe(400)
    expect(json(outside).errors.map((e: { field: string }) => e.field)).toEqual(['reason'])
    expect((await auditRows(t.services, 'person.searched')).length).toBe(before)
  })

  it('takes a reason from the closed list and records it, never the query', async () => {
    for (const reason of ['duplicate_check', 'identify_caller', 'find_client']) {
      await items(owner, 'Zoutewelle', reason)
      const entry = await lastSearchEntry()
      expect(JSON.parse(entry.details ?? '{}')).toMatchObject({ by: 'name', reason, shown: 0, capped: false })
      expect(entry.details).not.toMatch(/zoutewelle/i)
    }
  })

  it('needs no reason for a first and a last name, nor for a person code', async () => {
    const p = await register(owner, 'Maxime', 'Zoutewelle')
    expect((await search(owner, 'maxime zoutewelle')).statusCode).toBe(200)
    expect((await search(owner, p.code)).statusCode).toBe(200)
    expect(JSON.parse((await lastSearchEntry()).details ?? '{}')).toMatchObject({ by: 'code', reason: null })
  })

  it('refuses a query of more words than a name has', async () => {
    const res = await search(owner, 'anna bert carl dirk emma frans gert hans ilse')
    expect(res.statusCode).toBe(400)
    expect(json(res).errors).toEqual([expect.objectContaining({ field: 'q', code: 'too_many_words' })])
  })
})

describe('what a search shows', () => {
  it('shows a person the caller may not open as initial, last name, birth year and municipality, without id or code', async () => {
    const p = await register(owner, 'Julien', 'Vervoort')
    for (const agent of [other, intake]) {
      const res = await search(agent, 'julien vervoort')
      expect(json(res)).toEqual({
        items: [{ readable: false, initial: 'J', lastName: 'Vervoort', birthYear: 1998, municipality: 'Liège', match: 'exact' }],
        capped: false,
      })
      expect(res.body).not.toContain(p.id)
      expect(res.body).not.toContain(p.code)
      expect(res.body).not.toContain('Julien')
    }
  })

  it('shows a person the caller may open in full, with the code that leads to the record', async () => {
    const p = await register(owner, 'Élodie', 'Vanderlinden-Lefebvre', { birthYear: 2001, postcode: '1030' })
    const found = await items(owner, 'elodie vanderlinden')
    expect(found.items).toEqual([
      {
        readable: true,
        id: p.id,
        code: p.code,
        firstName: 'Élodie',
        lastName: 'Vanderlinden-Lefebvre',
        birthYear: 2001,
        municipality: 'Schaerbeek',
        match: 'exact',
      },
    ])
    // Reduced for others; the initial is the letter as written.
    expect((await items(other, 'elodie lefevre')).items).toEqual([
      { readable: false, initial: 'É', lastName: 'Vanderlinden-Lefebvre', birthYear: 2001, municipality: 'Schaerbeek', match: 'close' },
    ])
  })

  it('finds a person the caller may not open only when first and last name both match', async () => {
    await register(owner, 'Noémie', 'Kerkhofs-Wauters')
    // The family name alone, even in two words or with a reason, lists no one the caller may not open.
    expect((await items(other, 'kerkhofs', 'duplicate_check')).items).toEqual([])
    expect((await items(other, 'kerkhofs wauters')).items).toEqual([])
    // A word said twice is still one word.
    expect((await search(other, 'kerkhofs kerkhofs')).statusCode).toBe(400)
    expect((await items(other, 'kerkhofs kerkhofs', 'identify_caller')).items).toEqual([])
    expect((await items(other, 'noemie noemie', 'identify_caller')).items).toEqual([])
    // A word that matches nothing excludes the person: every word must match.
    expect((await items(other, 'noemie kerkhofs janssens')).items).toEqual([])
    expect((await items(other, 'noemie kerkhofs')).items).toHaveLength(1)
    expect((await items(other, 'Noemi Kerckhofs')).items).toEqual([
      expect.objectContaining({ lastName: 'Kerkhofs-Wauters', match: 'close' }),
    ])
    // The one who registered her finds her by her family name, in two words or, given a reason, in one.
    expect((await items(owner, 'kerkhofs wauters')).items).toEqual([expect.objectContaining({ readable: true, firstName: 'Noémie' })])
    expect((await items(owner, 'kerkhofs', 'duplicate_check')).items).toEqual([
      expect.objectContaining({ readable: true, lastName: 'Kerkhofs-Wauters' }),
    ])
  })

  it('keeps Mohamed, Mahmoud and Mehdi apart', async () => {
    await register(owner, 'Mahmoud', 'Ouazzani')
    await register(owner, 'Mehdi', 'Ouazzani')
    const mohamed = await register(owner, 'Mohammed', 'Ouazzani')
    const found = await items(owner, 'mohamed ouazzani')
    expect(found.items.map((i) => i.id)).toEqual([mohamed.id])
  })

  it('finds Balkan, Turkish and Maghrebi transliterations, the most alike first, the given birth year first among equals', async () => {
    const dj = await register(owner, 'Đorđe', 'Đorđević', { birthYear: 1990 })
    const sh = await register(owner, 'Şükrü', 'Şahin')
    expect((await items(owner, 'djordje djordjevic')).items.map((i) => i.id)).toEqual([dj.id])
    expect((await items(owner, 'dorde dordevic')).items.map((i) => i.id)).toEqual([dj.id])
    expect((await items(owner, 'shukru shahin')).items).toEqual([expect.objectContaining({ id: sh.id, match: 'close' })])
    const older = await register(owner, 'Abdelkader', 'Benali', { birthYear: 1971 })
    const younger = await register(owner, 'Abdelkader', 'Benali', { birthYear: 2003 })
    const near = await register(owner, 'Abdelkrim', 'Benali', { birthYear: 2003 })
    const all = await items(owner, 'abd el kader ben ali')
    expect(
      all.items
        .slice(0, 2)
        .map((i) => i.id)
        .sort(),
    ).toEqual([older.id, younger.id].sort())
    expect(all.items.map((i) => i.id)).not.toContain(near.id)
    const res = await owner.post('/api/persons/search', { q: 'abdelkader benali', birthYear: 2003 })
    // The two exact spellings first, born in 2003 before born in 1971; Abdelkrim, close, after them.
    expect(json<{ items: { id: string }[] }>(res).items.map((i) => i.id)).toEqual([younger.id, older.id, near.id])
  })

  it('shows at most five, exact spellings first, and says when there were more', async () => {
    const exact = await Promise.all([1, 2, 3].map(() => register(owner, 'Lucas', 'Goossens')))
    const close = await Promise.all([1, 2, 3, 4].map(() => register(owner, 'Lukas', 'Gossens')))
    const mine = await items(owner, 'lucas goossens')
    expect(mine.capped).toBe(true)
    expect(mine.items).toHaveLength(5)
    expect(
      mine.items
        .slice(0, 3)
        .map((i) => i.id)
        .sort(),
    ).toEqual(exact.map((p) => p.id).sort())
    expect(mine.items.slice(0, 3).every((i) => i.match === 'exact')).toBe(true)
    expect(mine.items.slice(3).every((i) => i.match === 'close' && close.some((p) => p.id === i.id))).toBe(true)
    const theirs = await items(other, 'lucas goossens')
    expect(theirs.capped).toBe(true)
    expect(theirs.items).toHaveLength(5)
    expect(theirs.items.every((i) => i.readable === false)).toBe(true)
    // The seven whose names were opened to rank them are on the audit entry (ADR 0009), five shown.
    const entry = await lastSearchEntry()
    const recorded = (entry.persons ?? '').split(',').filter(Boolean)
    expect(recorded.sort()).toEqual([...exact, ...close].map((p) => p.id).sort())
    expect(JSON.parse(entry.details ?? '{}')).toMatchObject({ by: 'name', shown: 5, compared: 7, capped: true })
  })

  it('records on the audit entry every person shown, readable or not, and no one else', async () => {
    const a = await register(owner, 'Wannes', 'Blommaert')
    const b = await register(other, 'Wannes', 'Blommaert', { birthYear: 1975 })
    await register(other, 'Griet', 'Blommaert')
    const found = await items(owner, 'wannes blommaert')
    expect(found.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ readable: true, id: a.id }),
        { readable: false, initial: 'W', lastName: 'Blommaert', birthYear: 1975, municipality: 'Liège', match: 'exact' },
      ]),
    )
    const entry = await lastSearchEntry()
    expect((entry.persons ?? '').split(',').sort()).toEqual([a.id, b.id].sort())
    const indexed = await t.services.db.selectFrom('audit_persons').select('person_id').where('seq', '=', entry.seq).execute()
    expect(indexed.map((r) => r.person_id).sort()).toEqual([a.id, b.id].sort())
  })
  it('finds no one whose data key was destroyed (crypto-shredded)', async () => {
    const p = await register(owner, 'Ilse', 'Verschaeve')
    expect((await items(owner, 'ilse verschaeve')).items).toHaveLength(1)
    await t.services.db.deleteFrom('person_keys').where('person_id', '=', p.id).execute()
    expect(await items(owner, 'ilse verschaeve')).toEqual({ items: [], capped: false })
    expect((await lastSearchEntry()).persons ?? '').not.toContain(p.id)
    expect(await items(owner, p.code)).toEqual({ items: [], capped: false })
    expect((await lastSearchEntry()).persons ?? '').not.toContain(p.id)
  })
})

describe('the person code', () => {
  it('finds exactly one person, reduced for those who may not open them', async () => {
    const p = await register(owner, 'Sien', 'Dewaele')
    const mine = await items(owner, p.code.toLowerCase().replace(/-/g, ' '))
    expect(mine.items).toEqual([expect.objectContaining({ readable: true, id: p.id, code: p.code })])
    const theirs = await search(other, p.code)
    expect(json(theirs).items).toEqual([
      { readable: false, initial: 'S', lastName: 'Dewaele', birthYear: 1998, municipality: 'Liège', match: 'exact' },
    ])
    expect(theirs.body).not.toContain(p.id)
    const near = `${p.code.slice(0, -1)}${p.code.endsWith('0') ? '2' : '0'}`
    expect((await items(other, near)).items).toEqual([])
  })
})
