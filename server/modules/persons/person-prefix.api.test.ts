import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServices } from '../../services'
import { NAME_INDEX_VERSION, partKeys } from '../../security/name-index'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'

/**
 * A name is found from its first three letters ("Jul" finds Julien), accents and case folded,
 * never from two; and a beginning finds only persons the caller may open (ADR 0012).
 */
let t: TestApp
let owner: Agent & { userId: string }
let stranger: Agent & { userId: string }
let julien: { id: string; code: string }

beforeAll(async () => {
  t = await startTestApp()
  owner = await t.as(['worker'])
  stranger = await t.as(['worker'])
  const res = await owner.post('/api/persons', { firstName: 'Julien', lastName: 'Vermeulenbroek', birthYear: 1999, postcode: '1000' })
  expect(res.statusCode).toBe(201)
  julien = json(res)
  // Someone else's Julien: the stranger's own, and no one the owner may open.
  expect((await stranger.post('/api/persons', { firstName: 'Julienne', lastName: 'Oosterwijck' })).statusCode).toBe(201)
})
afterAll(() => t.close())

type Item = { id?: string; firstName?: string; lastName: string; readable: boolean }
const found = async (agent: Agent, q: string, reason = 'find_client'): Promise<Item[]> => {
  const res = await agent.post('/api/persons/search', { q, reason })
  expect(res.statusCode, res.body).toBe(200)
  return json<{ items: Item[] }>(res).items
}
const ids = (items: Item[]) => items.map((i) => i.id)

describe('prefixes', () => {
  it('finds Julien from three letters on, whatever the case and accents', async () => {
    for (const q of ['Jul', 'jul', 'JUL', 'Júl', 'Juli', 'julie', 'Vermeul', 'VERMEULENB'])
      expect(ids(await found(owner, q)), q).toContain(julien.id)
    const [item] = (await found(owner, 'Jul')).filter((i) => i.id === julien.id)
    expect(item).toMatchObject({ firstName: 'Julien', lastName: 'Vermeulenbroek', readable: true })
  })

  it('does not find him from two letters', async () => {
    for (const q of ['Ju', 'ju', 'Ve']) expect(ids(await found(owner, q)), q).not.toContain(julien.id)
  })

  it('finds him from beginnings of his first and last name together', async () => {
    const res = await owner.post('/api/persons/search', { q: 'Jul Vermeu' })
    expect(res.statusCode, res.body).toBe(200)
    expect(ids(json<{ items: Item[] }>(res).items)).toContain(julien.id)
  })

  it('finds nobody the caller may not open from beginnings, even of both names; whole names still do', async () => {
    // The owner may not open Julienne Oosterwijck.
    const lastNames = (items: Item[]) => items.map((i) => i.lastName)
    expect(lastNames(await found(owner, 'Julienn'))).not.toContain('Oosterwijck')
    expect(lastNames(await found(stranger, 'Julienn'))).toContain('Oosterwijck')
    const both = await owner.post('/api/persons/search', { q: 'Jul Oos' })
    expect(json<{ items: Item[] }>(both).items).toEqual([])
    const whole = await owner.post('/api/persons/search', { q: 'Julienne Oosterwijck' })
    expect(json<{ items: Item[] }>(whole).items).toEqual([expect.objectContaining({ lastName: 'Oosterwijck', readable: false })])
    // A whole first name with a beginning of the last: still a beginning, still nobody. (From four
    // letters on, the loose bucket of ADR 0009 — first letters of the folded word — already
    // tolerated a cut-off last name; prefixes add nothing to what a stranger's full name finds.)
    const half = await owner.post('/api/persons/search', { q: 'Julienne Oos' })
    expect(json<{ items: Item[] }>(half).items).toEqual([])
  })

  it('records the search as any other, without the letters typed', async () => {
    await found(owner, 'Jul')
    const entry = (await auditRows(t.services, 'person.searched')).at(-1)!
    expect(entry.details).not.toMatch(/jul/i)
    expect(entry.persons).toContain(julien.id)
  })
})

describe('the index made before prefixes', () => {
  it('is made again at start-up, so that persons registered before find by prefix', async () => {
    // What version 4 stored for Julien: every key but the beginnings (5) and the deletions (6).
    const names = t.services.names
    const old = [
      ...partKeys('first', 'Julien').map((k) => [k, names.hash('first', k)] as const),
      ...partKeys('last', 'Vermeulenbroek').map((k) => [k, names.hash('last', k)] as const),
    ]
      .filter(([k]) => !/^[pd]:/.test(k))
      .map(([, h]) => h)
    await t.services.db.deleteFrom('person_name_sets').where('person_id', '=', julien.id).execute()
    await t.services.db.insertInto('person_name_sets').values({ person_id: julien.id, set_hash: 'version-4-julien' }).execute()
    await t.services.db
      .insertInto('name_set_keys')
      .values([...new Set(old)].map((key_hash) => ({ key_hash, set_hash: 'version-4-julien' })))
      .execute()
    await t.services.db.updateTable('system_state').set({ value: '4' }).where('key', '=', 'name_index_version').execute()
    expect(ids(await found(owner, 'Jul'))).not.toContain(julien.id)
    expect(ids(await found(owner, 'Julien Vermeulenbroek'))).toContain(julien.id)

    const restarted = await createServices(t.config)
    try {
      expect(restarted.reindexed).toBe(2)
    } finally {
      await restarted.close()
    }
    expect(ids(await found(owner, 'Jul'))).toContain(julien.id)
    const entry = (await auditRows(t.services, 'names.reindexed')).at(-1)!
    expect(JSON.parse(entry.details ?? '{}')).toMatchObject({ from: 4, to: NAME_INDEX_VERSION, reason: 'version' })
  })
})
