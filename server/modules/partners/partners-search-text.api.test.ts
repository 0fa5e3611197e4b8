import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PARTNER_COUNT_CAP } from '../../../common/contracts/partners.contracts'
import { type Agent, json, startTestApp, type TestApp } from '../../test/harness'

/**
 * Free text alone (migration 0063): the matches are counted through the trigram index up to
 * PARTNER_COUNT_CAP, past which the page is walked in rank order and the total says "more than".
 * These tests hold both paths to the ranking's rules, the count to what is listed, and the index
 * to every edit of a service (on SQLite it is a separate table kept by triggers).
 */
let t: TestApp
let admin: Agent
let worker: Agent
const run = Date.now() % 100000
// Words no other test's directory holds, so each count is this file's alone.
const common = `quokka${run}`
const rare = `wombat${run}`
const CAPACITIES = ['available', 'limited', 'full'] as const
const ifMatch = (v: number) => ({ 'if-match': `"${v}"` })

type Found = {
  items: { organisation: { name: string }; service: { id: string; name: string }; reasons: unknown[] }[]
  total: number
  capped: boolean
}
const search = async (q: string) => {
  const res = await worker.get(`/api/partners/search?${new URLSearchParams({ q }).toString()}`)
  expect(res.statusCode, res.body).toBe(200)
  return json(res) as Found
}

/** The services of one organisation, the i-th with a capacity and waiting time that vary (some unknown). */
const servicesOf = (org: number, count: number, word: string) =>
  Array.from({ length: count }, (_, i) => {
    const n = org * 1000 + i
    return {
      name: `${word} ${org}-${i}`,
      capacity: CAPACITIES[n % 3],
      waitDays: n % 7 === 0 ? null : n % 11,
      languages: ['fr'],
      coverage: [{ level: 'region', code: 'BE-WAL' }],
    }
  })
const organisation = (org: number, count: number, word = common) => ({
  name: `Org ${String.fromCharCode(90 - org)} ${run}`,
  description: 'Organisation fictive',
  services: servicesOf(org, count, word),
})

/** The ranking's rules: capacity, then waiting time with unknown last, then the organisation's name, then (ties) any order. */
function ranked(orgs: { name: string; services: ReturnType<typeof servicesOf> }[]) {
  const all = orgs.flatMap((o) =>
    o.services.map((s) => ({ org: o.name, name: s.name, cap: CAPACITIES.indexOf(s.capacity!), wait: s.waitDays })),
  )
  return all.sort(
    (a, b) =>
      a.cap - b.cap ||
      (a.wait === null ? 1 : 0) - (b.wait === null ? 1 : 0) ||
      (a.wait ?? 0) - (b.wait ?? 0) ||
      (a.org < b.org ? -1 : a.org > b.org ? 1 : 0),
  )
}
const key = (r: { cap: number; wait: number | null; org: string }) => `${r.cap}|${r.wait}|${r.org}`

/** The ranking keys of a page (ties on capacity, waiting time and organisation are ordered by service id, unknown here). */
const keysOf = (found: Found) =>
  found.items.map((i) => {
    const s = bodies.flatMap((b) => b.services).find((x) => x.name === i.service.name)!
    return key({ cap: CAPACITIES.indexOf(s.capacity!), wait: s.waitDays, org: i.organisation.name })
  })

const bodies = [organisation(0, 500), organisation(1, 500), organisation(2, 1)]
const ids: string[] = []

beforeAll(async () => {
  t = await startTestApp()
  admin = await t.as(['admin'])
  worker = await t.as(['worker'])
  for (const body of bodies) {
    const created = await admin.post('/api/partners', body)
    expect(created.statusCode, created.body).toBe(201)
    ids.push(json(created).id)
  }
  const few = await admin.post('/api/partners', {
    name: `Les Tilleuls ${run}`,
    description: `Accueil ${rare} et écoute`,
    services: [
      { name: 'Permanence', waitDays: 3, languages: ['fr'], coverage: [{ level: 'national', code: 'BE' }] },
      { name: 'Groupe de parole', capacity: 'full', languages: ['fr'], coverage: [{ level: 'national', code: 'BE' }] },
    ],
  })
  expect(few.statusCode, few.body).toBe(201)
}, 180_000)
afterAll(() => t.close())

describe('free text alone', () => {
  it('counts a common word up to the cap, says there are more, and still ranks the page by the rules', async () => {
    const found = await search(common.toUpperCase())
    expect(found.capped).toBe(true)
    expect(found.total).toBe(PARTNER_COUNT_CAP)
    expect(found.items).toHaveLength(50)
    expect(keysOf(found)).toEqual(ranked(bodies).slice(0, 50).map(key))
    for (const i of found.items) expect(i.reasons).toContainEqual({ kind: 'text', field: 'service.name' })
    // Two letters, shorter than a trigram: no index serves them, the texts are read, and the
    // 1,001 services holding "kk" (in "quokka") are found all the same.
    expect(await search('KK')).toMatchObject({ total: PARTNER_COUNT_CAP, capped: true })
  })

  it('counts exactly at the cap when one of the matches stops being listed', async () => {
    const [, , lastId] = ids
    const body = bodies[2]!
    const stopped = await admin.put(
      `/api/partners/${lastId}`,
      { ...body, services: body.services.map((s) => ({ ...s, status: 'inactive' })) },
      ifMatch(1),
    )
    expect(stopped.statusCode, stopped.body).toBe(200)
    const found = await search(common)
    expect(found.total).toBe(PARTNER_COUNT_CAP)
    expect(found.capped).toBe(false)
    expect(found.items).toHaveLength(50)
    expect(found.items.map((i) => i.service.name)).not.toContain(body.services[0]!.name)
    expect(keysOf(found)).toEqual(ranked(bodies.slice(0, 2)).slice(0, 50).map(key))
  })

  it('counts a rare word exactly and ranks it, full capacity last', async () => {
    const found = await search(rare)
    expect(found).toMatchObject({ total: 2, capped: false })
    expect(found.items.map((i) => i.service.name)).toEqual(['Permanence', 'Groupe de parole'])
    expect(found.items[0]?.reasons).toContainEqual({ kind: 'text', field: 'organisation.description' })
    expect(await search(`${rare}x`)).toMatchObject({ total: 0, capped: false, items: [] })
  })

  it('finds a service by a part of its name that spans a hyphen', async () => {
    // "1-49" folds to "1 49", as the name does: the service and the ten numbered 1-490 to 1-499.
    const found = await search('1-49')
    expect(found).toMatchObject({ total: 11, capped: false })
    expect(found.items.map((i) => i.service.name)).toContain(`${common} 1-49`)
  })

  it('searches a service under its new name at once, and a removed service no more', async () => {
    const [firstId] = ids
    const body = bodies[0]!
    const renamed = `${rare} renamed`
    const services = [{ ...body.services[0]!, name: renamed }, ...body.services.slice(1, 499)]
    const edited = await admin.put(`/api/partners/${firstId}`, { ...body, services }, ifMatch(1))
    expect(edited.statusCode, edited.body).toBe(200)
    expect((await search(rare)).items.map((i) => i.service.name)).toContain(renamed)
    expect((await search(`${common} 0-0`)).total).toBe(0)
    // The 500th service was left out of the edit: it is gone from the directory and from the index.
    expect((await search(`${common} 0-499`)).total).toBe(0)
    expect((await search(`${common} 0-498`)).total).toBe(1)
  })
})
