import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, json, startTestApp, type TestApp } from '../../test/harness'

/**
 * FROM A PERSON TO THEIR CASES. The person page lists the cases of the person that the caller may
 * see, and says only whether others exist: never their number, code, team, status or dates.
 * Julien has a case in team A (worked on by `workerA`) and one in team B (worked on by
 * `workerB`), both opened by intake, who reads neither.
 */
type Member = Agent & { userId: string }
let t: TestApp
let teamA: string
let teamB: string
let intake: Member
let workerA: Member
let workerB: Member
let leadA: Member
let stranger: Member
let julien: string
let caseA: { id: string; code: string }
let caseB: { id: string; code: string }
let alone: string

async function openCase(personId: string, teamId: string, worker: Member, lead: Member) {
  const created = await intake.post('/api/accompaniments', { personId, teamId, kind: 'concerned' })
  expect(created.statusCode, created.body).toBe(201)
  const { id } = json(created)
  const assigned = await lead.post(`/api/accompaniments/${id}/assign`, { primaryWorkerId: worker.userId })
  expect(assigned.statusCode, assigned.body).toBe(200)
  return { id: id as string, code: json(assigned).code as string }
}

beforeAll(async () => {
  t = await startTestApp()
  teamA = await t.team()
  teamB = await t.team()
  intake = await t.as(['intake'], { teamIds: [teamA] })
  workerA = await t.as(['worker'], { teamIds: [teamA] })
  workerB = await t.as(['worker'], { teamIds: [teamB] })
  leadA = await t.as(['lead'], { teamIds: [teamA] })
  const leadB = await t.as(['lead'], { teamIds: [teamB] })
  stranger = await t.as(['worker'], { teamIds: [teamA] })
  julien = json(await intake.post('/api/persons', { firstName: 'Julien', lastName: 'Lambert', birthYear: 2003 })).id
  caseA = await openCase(julien, teamA, workerA, leadA)
  caseB = await openCase(julien, teamB, workerB, leadB)
  alone = json(await intake.post('/api/persons', { firstName: 'Amina', lastName: 'Lambert' })).id
  await openCase(alone, teamA, workerA, leadA)
})
afterAll(() => t?.close())

const list = async (agent: Agent, personId: string) => {
  const res = await agent.get(`/api/persons/${personId}/cases`)
  expect(res.statusCode, res.body).toBe(200)
  return { res, body: json<{ items: any[]; othersExist: boolean }>(res) }
}

/** The audit entry of a request, and the persons it lists. */
async function entryOf(res: LightMyRequestResponse) {
  const requestId = String(res.headers['x-request-id'])
  const entry = await t.services.db
    .selectFrom('audit_log')
    .select(['seq', 'action', 'subject_id', 'outcome'])
    .where('request_id', '=', requestId)
    .executeTakeFirstOrThrow()
  const persons = await t.services.db.selectFrom('audit_persons').select('person_id').where('seq', '=', entry.seq).execute()
  return { ...entry, persons: persons.map((p) => p.person_id) }
}

describe("a person's cases", () => {
  it("a worker of case A sees A with its workers and dates, and that another case exists, nothing of B's", async () => {
    const { res, body } = await list(workerA, julien)
    expect(body.items).toEqual([
      expect.objectContaining({
        id: caseA.id,
        code: caseA.code,
        kind: 'concerned',
        status: 'active',
        framework: 'voluntary',
        role: 'client',
        access: 'assigned',
        workers: [{ userId: workerA.userId, name: expect.any(String), role: 'primary' }],
        openedAt: expect.any(String),
        updatedAt: expect.any(String),
      }),
    ])
    expect(body.othersExist).toBe(true)
    // Only a boolean leaves the door: B's id, code, team and worker appear nowhere in the answer.
    for (const secret of [caseB.id, caseB.code, teamB, workerB.userId]) expect(res.body).not.toContain(secret)
    expect(Object.keys(body).sort()).toEqual(['items', 'othersExist'])
  })

  it("B's worker sees B, and that another exists", async () => {
    const { body } = await list(workerB, julien)
    expect(body.items.map((c) => c.id)).toEqual([caseB.id])
    expect(body.othersExist).toBe(true)
  })

  it("team A's lead sees A as lead, and that another exists", async () => {
    const { body } = await list(leadA, julien)
    expect(body.items).toEqual([expect.objectContaining({ id: caseA.id, access: 'lead' })])
    expect(body.othersExist).toBe(true)
  })

  it('intake, who registered Julien and opened both cases, sees no case but that cases exist', async () => {
    const { body } = await list(intake, julien)
    expect(body).toEqual({ items: [], othersExist: true })
  })

  it('says no others exist when the caller sees every case of the person', async () => {
    const { body } = await list(workerA, alone)
    expect(body.items).toHaveLength(1)
    expect(body.othersExist).toBe(false)
  })

  it('a caller who may not read the person gets 404, as for a person that does not exist', async () => {
    const hidden = await stranger.get(`/api/persons/${julien}/cases`)
    const missing = await stranger.get(`/api/persons/${crypto.randomUUID()}/cases`)
    expect(hidden.statusCode).toBe(404)
    expect(missing.statusCode).toBe(404)
    expect(hidden.body).not.toContain(caseA.code)
    expect(json(hidden).code).toBe(json(missing).code)
  })

  it('is audited as a read of the person, listing the person shown', async () => {
    const { res } = await list(workerA, julien)
    const entry = await entryOf(res)
    expect(entry).toMatchObject({ action: 'person.cases_viewed', subject_id: julien, outcome: 'success' })
    expect(entry.persons).toContain(julien)
    const denied = await entryOf(await stranger.get(`/api/persons/${julien}/cases`))
    expect(denied.outcome).not.toBe('success')
  })
})

describe('the person search by case code', () => {
  const search = async (agent: Agent, q: string) => {
    const res = await agent.post('/api/persons/search', { q })
    expect(res.statusCode, res.body).toBe(200)
    return json<{ items: any[] }>(res).items
  }

  it("finds the case's client for those who see the case, however the code is typed", async () => {
    expect((await search(workerA, caseA.code)).map((p) => p.id)).toEqual([julien])
    expect((await search(leadA, caseA.code.toLowerCase().replace(/-/g, ' '))).map((p) => p.id)).toEqual([julien])
  })

  it('finds nobody for a case the caller does not see, as for a code no case has', async () => {
    expect(await search(workerA, caseB.code)).toEqual([])
    expect(await search(stranger, caseA.code)).toEqual([])
    expect(await search(intake, caseA.code)).toEqual([])
    expect(await search(workerA, 'A-0000-0000')).toEqual([])
  })
})
