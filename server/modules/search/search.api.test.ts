import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'

/**
 * THE HEADER SEARCH finds what the caller may open and nothing else, through the same doors as
 * the person search and the caseload. Julien Marchetti's case is in team A (workerA); workerB, in
 * team B, has his own Julio. Intake registered Juliette, and opens cases it never reads.
 */
type Member = Agent & { userId: string }
type Hit = { kind: string; id: string; code: string | null; label: string; link: string }
let t: TestApp
let intake: Member
let workerA: Member
let workerB: Member
let leadA: Member
let julien: { id: string; code: string }
let juliette: string
let caseA: { id: string; code: string }
let partnerId: string

async function openCase(personId: string, teamId: string, worker: Member, lead: Member, opener = intake) {
  const created = await opener.post('/api/accompaniments', { personId, teamId, kind: 'concerned' })
  expect(created.statusCode, created.body).toBe(201)
  const { id } = json(created)
  const assigned = await lead.post(`/api/accompaniments/${id}/assign`, { primaryWorkerId: worker.userId })
  expect(assigned.statusCode, assigned.body).toBe(200)
  return { id: id as string, code: json(assigned).code as string }
}

beforeAll(async () => {
  t = await startTestApp()
  const teamA = await t.team()
  const teamB = await t.team()
  intake = await t.as(['intake'], { teamIds: [teamA] })
  workerA = await t.as(['worker'], { teamIds: [teamA] })
  workerB = await t.as(['worker'], { teamIds: [teamB] })
  leadA = await t.as(['lead'], { teamIds: [teamA] })
  const leadB = await t.as(['lead'], { teamIds: [teamB] })
  const created = await intake.post('/api/persons', { firstName: 'Julien', lastName: 'Marchetti', birthYear: 2001 })
  julien = json(created)
  caseA = await openCase(julien.id, teamA, workerA, leadA)
  const julio = json(await workerB.post('/api/persons', { firstName: 'Julio', lastName: 'Verstraeten' })).id
  await openCase(julio, teamB, workerB, leadB, workerB)
  juliette = json(await intake.post('/api/persons', { firstName: 'Juliette', lastName: 'Osterrieth' })).id
  const partner = await leadA.post('/api/partners', {
    name: 'Maison Jules Bordet',
    description: 'Accueil',
    audiences: [],
    languages: ['fr'],
    contacts: [],
    services: [{ name: 'Écoute', needs: ['mental_health'], coverage: [{ level: 'province', code: 'BE-WLG' }] }],
  })
  expect(partner.statusCode, partner.body).toBe(201)
  partnerId = json(partner).id
})
afterAll(() => t?.close())

const search = async (agent: Agent, q: unknown) => {
  const res = await agent.post('/api/search', { q })
  expect(res.statusCode, res.body).toBe(200)
  return json<{ items: Hit[]; searched: string[] }>(res)
}
const ids = (items: Hit[], kind: string) => items.filter((i) => i.kind === kind).map((i) => i.id)

describe('what a search finds', () => {
  it("finds a worker's own client and case from three letters, each a link, and nothing of another team", async () => {
    const found = await search(workerA, 'Jul')
    expect(found.searched).toEqual(['case', 'person', 'partner'])
    expect(found.items).toContainEqual({
      kind: 'case',
      id: caseA.id,
      code: caseA.code,
      label: 'Julien Marchetti',
      link: `/accompaniments/${caseA.id}`,
    })
    expect(found.items).toContainEqual({
      kind: 'person',
      id: julien.id,
      code: julien.code,
      label: 'Julien Marchetti',
      link: `/persons/${julien.id}`,
    })
    // Julio is another team's client, Juliette intake's registration: workerA may open neither.
    expect(found.items.map((i) => i.label)).not.toContain('Julio Verstraeten')
    expect(found.items.map((i) => i.label)).not.toContain('Juliette Osterrieth')
    expect(JSON.stringify(found)).not.toMatch(/Verstraeten|Osterrieth/)
  })

  it('never finds a case or person of another team, even by whole name or case code', async () => {
    for (const q of ['Jul', 'Julien Marchetti', 'Marchetti', caseA.code, julien.code]) {
      const found = await search(workerB, q)
      expect(ids(found.items, 'case'), q).not.toContain(caseA.id)
      expect(ids(found.items, 'person'), q).not.toContain(julien.id)
    }
    expect(ids((await search(workerB, 'Jul')).items, 'person')).toHaveLength(1)
  })

  it('finds the case by its code, leniently typed, and the lead of its team finds it too', async () => {
    const lenient = caseA.code.toLowerCase().replace(/-/g, ' ')
    expect(ids((await search(workerA, lenient)).items, 'case')).toEqual([caseA.id])
    expect(ids((await search(leadA, 'Marchetti')).items, 'case')).toEqual([caseA.id])
    expect(ids((await search(workerA, julien.code)).items, 'person')).toEqual([julien.id])
  })

  it('lets intake find the persons it registered, never a case, whose content it does not read', async () => {
    const found = await search(intake, 'Jul')
    expect(found.searched).toEqual(['person', 'partner'])
    expect(ids(found.items, 'person').sort()).toEqual([julien.id, juliette].sort())
    expect(found.items.filter((i) => i.kind === 'case')).toEqual([])
  })

  it('finds partner organisations by a word of their name, accents and case folded, never by a code', async () => {
    expect((await search(workerA, 'bordet')).items).toContainEqual(
      expect.objectContaining({ kind: 'partner', id: partnerId, code: null, link: `/partners/${partnerId}` }),
    )
    expect(ids((await search(intake, 'MAISON JULES')).items, 'partner')).toEqual([partnerId])
    expect(ids((await search(workerA, caseA.code)).items, 'partner')).toEqual([])
  })

  it('is refused to roles that search no one', async () => {
    for (const roles of [['admin'], ['dpo'], ['partner'], ['researcher']] as const) {
      const agent = await t.as([...roles])
      expect((await agent.post('/api/search', { q: 'Jul' })).statusCode, roles[0]).toBe(403)
    }
  })
})

describe('bad input', () => {
  const fields = (res: LightMyRequestResponse) => json<{ errors: { field: string }[] }>(res).errors.map((e) => e.field)
  it('names the field, never echoes it, and writes no audit entry', async () => {
    const before = (await auditRows(t.services, 'search.performed')).length
    for (const body of [{}, { q: '' }, { q: '   ' }, { q: 'x'.repeat(201) }, { q: 42 }, { q: 'a b c d e f g h i' }]) {
      const res = await workerA.post('/api/search', body)
      expect(res.statusCode, JSON.stringify(body)).toBe(400)
      expect(res.headers['content-type']).toMatch(/problem\+json/)
      expect(fields(res)).toEqual(['q'])
      expect(res.body).not.toContain('xxxxxxxx')
    }
    expect((await auditRows(t.services, 'search.performed')).length).toBe(before)
  })
})

describe('the audit entry', () => {
  it('records who searched, how, and every person shown, never the letters typed', async () => {
    await search(workerA, 'Jul')
    const entry = (await auditRows(t.services, 'search.performed')).at(-1)!
    expect(entry.details).not.toMatch(/jul/i)
    expect(JSON.parse(String(entry.details))).toMatchObject({ by: 'name', shown: { case: 1, person: 1, partner: 1 } })
    expect(entry.persons).toContain(julien.id)
    expect(entry.outcome).toBe('success')
  })
})
