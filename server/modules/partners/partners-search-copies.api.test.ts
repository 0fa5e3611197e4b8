import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, json, startTestApp, type TestApp } from '../../test/harness'

/**
 * The search reads copies of the service's status, capacity and waiting time and of its
 * organisation's name and activity kept in every coverage row and service row (migration 0031),
 * need and term row (0061), with the service's folded text (0073).
 * Every write — creation, update, HSDS import — must keep them in step: checked row by row against
 * the originals, and through the search's ranking.
 */
let t: TestApp
let admin: Agent
let worker: Agent
const L = (text: string) => ({ fr: text, nl: text, de: text, en: text })
const need = `copies_${Date.now() % 100000}`
const ifMatch = (v: number) => ({ 'if-match': `"${v}"` })

const org = (name: string, active: boolean, first: { capacity: string; waitDays: number | null; status: string }) => ({
  name,
  description: 'Test des copies',
  active,
  services: [
    {
      name: 'Premier',
      ...first,
      needs: [need],
      coverage: [
        { level: 'postcode', code: '5000' },
        { level: 'province', code: 'BE-WNA' },
      ],
    },
    { name: 'Second', capacity: 'limited', waitDays: 3, needs: [need], coverage: [{ level: 'municipality', code: 'namur' }] },
  ],
})

/** Every coverage and service row whose copies differ from the service and organisation they copy. */
async function outOfStep() {
  const db = t.services.db
  const rows = await db
    .selectFrom('partner_service_coverage as c')
    .innerJoin('partner_services as s', 's.id', 'c.service_id')
    .innerJoin('partner_organisations as o', 'o.id', 's.organisation_id')
    .select(['c.level', 'c.listed', 'c.precision', 'c.capacity_rank', 'c.wait_days', 'c.organisation_name', 'c.search_text'])
    .select([
      's.status',
      's.capacity',
      's.wait_days as s_wait',
      's.listed as s_listed',
      's.capacity_rank as s_rank',
      's.organisation_name as s_org',
      's.search_text as s_text',
    ])
    .select(['o.name', 'o.active'])
    .execute()
  expect(rows.length).toBeGreaterThan(0)
  const levels = ['postcode', 'municipality', 'province', 'region', 'national']
  const capacities = ['available', 'limited', 'full']
  // The need and term rows (migration 0061) copy the same four values as the service row, and its text (0073).
  const copiesOf = (table: 'partner_service_needs' | 'partner_service_terms') =>
    db
      .selectFrom(table)
      .innerJoin('partner_services as s', 's.id', `${table}.service_id`)
      .select([`${table}.listed`, `${table}.capacity_rank`, `${table}.wait_days`, `${table}.organisation_name`, `${table}.search_text`])
      .select([
        's.listed as s_listed',
        's.capacity_rank as s_rank',
        's.wait_days as s_wait',
        's.organisation_name as s_org',
        's.search_text as s_text',
      ])
      .execute()
  const filters = [...(await copiesOf('partner_service_needs')), ...(await copiesOf('partner_service_terms'))]
  expect(filters.length).toBeGreaterThan(0)
  const staleFilters = filters.filter(
    (f) =>
      Number(f.listed) !== Number(f.s_listed) ||
      Number(f.capacity_rank) !== Number(f.s_rank) ||
      f.wait_days !== f.s_wait ||
      f.organisation_name !== f.s_org ||
      f.search_text !== f.s_text,
  )
  return [
    ...staleFilters,
    ...rows.filter((r) => {
      const listed = r.status === 'active' && Number(r.active) === 1 ? 1 : 0
      const rank = capacities.indexOf(r.capacity)
      return (
        Number(r.listed) !== listed ||
        Number(r.s_listed) !== listed ||
        Number(r.precision) !== levels.indexOf(r.level) ||
        Number(r.capacity_rank) !== rank ||
        Number(r.s_rank) !== rank ||
        r.wait_days !== r.s_wait ||
        r.organisation_name !== r.name ||
        r.s_org !== r.name ||
        r.search_text !== r.s_text
      )
    }),
  ]
}

const search = async (params: Record<string, string>) => {
  const res = await worker.get(`/api/partners/search?${new URLSearchParams({ need, ...params }).toString()}`)
  expect(res.statusCode, res.body).toBe(200)
  return (json(res) as { items: { organisation: { name: string }; service: { name: string } }[] }).items.map(
    (i) => `${i.organisation.name}/${i.service.name}`,
  )
}

beforeAll(async () => {
  t = await startTestApp()
  admin = await t.as(['admin'])
  worker = await t.as(['worker'])
  expect((await admin.post('/api/need-categories', { code: need, labels: L(need), position: 92 })).statusCode).toBe(201)
})
afterAll(() => t.close())

describe('the search copies stay in step with every write', () => {
  it('on creation, update of a service and of its organisation, and HSDS import', async () => {
    const a = await admin.post('/api/partners', org('Alpha', true, { capacity: 'full', waitDays: 9, status: 'active' }))
    expect(a.statusCode, a.body).toBe(201)
    const b = await admin.post('/api/partners', org('Beta', true, { capacity: 'available', waitDays: null, status: 'active' }))
    expect(b.statusCode, b.body).toBe(201)
    expect(await outOfStep()).toEqual([])
    // Postcode first; among them, the available one before the full one.
    expect(await search({ place: '5000' })).toEqual(['Beta/Premier', 'Alpha/Premier', 'Alpha/Second', 'Beta/Second'])

    // Capacity and waiting time change: the ranking follows.
    const alphaId = json(a).id as string
    const upd = await admin.put(
      `/api/partners/${alphaId}`,
      org('Alpha', true, { capacity: 'available', waitDays: 0, status: 'active' }),
      ifMatch(1),
    )
    expect(upd.statusCode, upd.body).toBe(200)
    expect(await outOfStep()).toEqual([])
    expect(await search({ place: '5000' })).toEqual(['Alpha/Premier', 'Beta/Premier', 'Alpha/Second', 'Beta/Second'])

    // A service made inactive, then its organisation renamed ("Aaron" now sorts first) and deactivated.
    const inactive = await admin.put(
      `/api/partners/${alphaId}`,
      org('Zulu', true, { capacity: 'available', waitDays: 0, status: 'inactive' }),
      ifMatch(2),
    )
    expect(inactive.statusCode, inactive.body).toBe(200)
    expect(await outOfStep()).toEqual([])
    expect(await search({ place: '5000' })).toEqual(['Beta/Premier', 'Beta/Second', 'Zulu/Second'])
    expect(await search({})).toEqual(['Beta/Premier', 'Beta/Second', 'Zulu/Second'])
    const off = await admin.put(
      `/api/partners/${alphaId}`,
      org('Zulu', false, { capacity: 'available', waitDays: 0, status: 'active' }),
      ifMatch(3),
    )
    expect(off.statusCode, off.body).toBe(200)
    expect(await outOfStep()).toEqual([])
    expect(await search({ place: 'Namur' })).toEqual(['Beta/Premier', 'Beta/Second'])
    expect(await search({})).toEqual(['Beta/Premier', 'Beta/Second'])

    // HSDS import of the exported directory with Beta renamed "Aaron" and Zulu active again.
    const exported = json(await admin.get('/api/partners/hsds')) as { name: string }[]
    const renamed = exported.map((o) => (o.name === 'Beta' ? { ...o, name: 'Aaron' } : o))
    const imported = await admin.post('/api/partners/hsds', renamed)
    expect(imported.statusCode, imported.body).toBe(200)
    expect(await outOfStep()).toEqual([])
    expect(await search({ place: 'Namur' })).toContain('Aaron/Premier')
    expect(await search({ place: 'Namur' })).not.toContain('Beta/Premier')
    // Free text with a place or a need reads the rows' copies of the text: the new name is found, the old one no more.
    expect(await search({ place: 'Namur', q: 'aaron' })).toEqual(['Aaron/Premier', 'Aaron/Second'])
    expect(await search({ q: 'aaron' })).toEqual(['Aaron/Premier', 'Aaron/Second'])
    expect(await search({ place: 'Namur', q: 'beta' })).toEqual([])
    expect(await search({ q: 'beta' })).toEqual([])
  })
})
