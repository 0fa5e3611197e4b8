import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'

/**
 * THE CASELOAD'S FILTERS: kind, framework, case code and worker narrow the page and its total,
 * for a worker (the set form) and for a lead (the team's recent cases), never beyond what the
 * caller sees.
 */
type Member = Agent & { userId: string }
let t: TestApp
let lead: Member
let w1: Member
let w2: Member
let outsider: Member
const cases: Record<string, { id: string; code: string }> = {}

beforeAll(async () => {
  t = await startTestApp()
  const team = await t.team()
  const other = await t.team()
  lead = await t.as(['lead'], { teamIds: [team] })
  w1 = await t.as(['worker'], { teamIds: [team] })
  w2 = await t.as(['worker'], { teamIds: [team] })
  outsider = await t.as(['worker'], { teamIds: [other] })
  const open = async (name: string, body: Record<string, unknown>, worker: Member) => {
    const person = json(await w1.post('/api/persons', { firstName: name, lastName: 'Filtre' })).id
    const res = await w1.post('/api/accompaniments', { personId: person, teamId: team, ...body })
    expect(res.statusCode, res.body).toBe(201)
    const assigned = await lead.post(`/api/accompaniments/${json(res).id}/assign`, { primaryWorkerId: worker.userId })
    expect(assigned.statusCode, assigned.body).toBe(200)
    cases[name] = { id: json(assigned).id, code: json(assigned).code }
  }
  await open('Julien', { kind: 'concerned' }, w1)
  await open('Nadia', { kind: 'concerned', framework: { framework: 'judicial', measure: 'other' } }, w2)
  await open('Sofia', { kind: 'professional', relationship: 'social_worker', concernedStatus: 'unknown' }, w1)
})
afterAll(() => t?.close())

const page = async (agent: Agent, query: string) => {
  const res = await agent.get(`/api/accompaniments?${query}`)
  expect(res.statusCode, res.body).toBe(200)
  const body = json<{ items: { id: string }[]; total: number }>(res)
  return { ids: body.items.map((i) => i.id).sort(), total: body.total }
}
const ids = (...names: string[]) => names.map((n) => cases[n]!.id).sort()

describe('caseload filters', () => {
  it('narrows a lead’s page and total by kind, framework, worker and case code', async () => {
    expect(await page(lead, '')).toEqual({ ids: ids('Julien', 'Nadia', 'Sofia'), total: 3 })
    expect(await page(lead, 'kind=concerned')).toEqual({ ids: ids('Julien', 'Nadia'), total: 2 })
    expect(await page(lead, 'framework=judicial')).toEqual({ ids: ids('Nadia'), total: 1 })
    expect(await page(lead, `workerId=${w1.userId}`)).toEqual({ ids: ids('Julien', 'Sofia'), total: 2 })
    expect(await page(lead, `workerId=${w1.userId}&kind=professional`)).toEqual({ ids: ids('Sofia'), total: 1 })
    const typed = cases.Nadia!.code.toLowerCase().replace(/-/g, ' ')
    expect(await page(lead, `code=${encodeURIComponent(typed)}`)).toEqual({ ids: ids('Nadia'), total: 1 })
  })

  it('narrows a worker’s own cases the same way, never beyond them', async () => {
    expect(await page(w1, 'kind=concerned')).toEqual({ ids: ids('Julien'), total: 1 })
    expect(await page(w1, `code=${cases.Nadia!.code}`)).toEqual({ ids: [], total: 0 })
    expect(await page(outsider, `code=${cases.Julien!.code}`)).toEqual({ ids: [], total: 0 })
  })

  it('names a bad filter in problem+json', async () => {
    const res = await lead.get('/api/accompaniments?kind=nope&code=zzz&workerId=x')
    expect(res.statusCode).toBe(400)
    const fields = json(res).errors.map((e: { field: string }) => e.field)
    expect(fields).toEqual(expect.arrayContaining(['query.kind', 'query.code', 'query.workerId']))
  })
})

/** The caseload searched by the client's name, in a POST body (never a URL). */
const byName = async (agent: Agent, body: Record<string, unknown>) => {
  const res = await agent.post('/api/accompaniments/search', body)
  expect(res.statusCode, res.body).toBe(200)
  const out = json<{ items: { id: string }[]; total: number }>(res)
  return { ids: out.items.map((i) => i.id).sort(), total: out.total }
}

describe('caseload by client name', () => {
  it('finds a client by name as the person search does: spelling, accents, case, beginnings from three letters', async () => {
    for (const name of ['Julien Filtre', 'JÚLIEN', 'julian filtre', 'Jul'])
      expect(await byName(w1, { name }), name).toEqual({ ids: ids('Julien'), total: 1 })
    expect(await byName(w1, { name: 'Ju' })).toEqual({ ids: [], total: 0 })
    expect(await byName(lead, { name: 'Nad' })).toEqual({ ids: ids('Nadia'), total: 1 })
  })

  it('combines with the other filters, and without a name is the list', async () => {
    expect(await byName(w1, { name: 'Sof', kind: 'concerned' })).toEqual({ ids: [], total: 0 })
    expect(await byName(lead, { name: 'Sofia', workerId: w1.userId })).toEqual({ ids: ids('Sofia'), total: 1 })
    expect(await byName(lead, {})).toEqual(await page(lead, ''))
  })

  it('never finds a case the caller does not see, and records no name', async () => {
    expect(await byName(w2, { name: 'Julien Filtre' })).toEqual({ ids: [], total: 0 })
    expect(await byName(outsider, { name: 'Nadia Filtre' })).toEqual({ ids: [], total: 0 })
    const entries = await auditRows(t.services, 'accompaniment.listed')
    expect(entries.at(-1)?.details).not.toMatch(/nadia|filtre/i)
    expect(JSON.parse(entries.at(-1)?.details ?? '{}')).toMatchObject({ byName: true, shown: [] })
  })

  it('refuses an empty or overlong name, naming the field', async () => {
    for (const name of ['   ', 'x'.repeat(201)]) {
      const res = await w1.post('/api/accompaniments/search', { name })
      expect(res.statusCode).toBe(400)
      expect(json(res).errors.map((e: { field: string }) => e.field)).toEqual(['name'])
    }
  })
})
