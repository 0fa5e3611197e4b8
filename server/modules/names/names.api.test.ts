import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, json, serviceAt, serviceDate, startTestApp, type TestApp } from '../../test/harness'

/**
 * Issue 12, "names where people work": My day, the calendar and the lead's dashboard show each
 * case's client by name, recorded on the request's own audit entry and only for cases the caller
 * may see; and "new case for you": a case assigned to a worker is on their My day until they
 * open it, and on nobody else's.
 */
let t: TestApp
let team: string
let lead: Agent & { userId: string }
let intake: Agent & { userId: string }
let ana: Agent & { userId: string }
let ben: Agent & { userId: string }
let julien: { id: string }
let nora: { id: string }
let anaCase: { id: string; code: string }
let benCase: { id: string; code: string }

const day = serviceDate
const noonToday = () => serviceAt(0)

/** The persons the audit entries of this request list. */
async function recorded(res: LightMyRequestResponse): Promise<string[]> {
  const rows = await t.services.db
    .selectFrom('audit_persons')
    .innerJoin('audit_log', 'audit_log.seq', 'audit_persons.seq')
    .select('audit_persons.person_id')
    .where('audit_log.request_id', '=', String(res.headers['x-request-id']))
    .execute()
  return rows.map((r) => r.person_id)
}

beforeAll(async () => {
  t = await startTestApp()
  team = await t.team()
  lead = await t.as(['lead'], { teamIds: [team] })
  intake = await t.as(['intake'])
  ana = await t.as(['worker'], { teamIds: [team] })
  ben = await t.as(['worker'], { teamIds: [team] })
  julien = json(await ana.post('/api/persons', { firstName: 'Julien', lastName: 'Dubois' }))
  nora = json(await ben.post('/api/persons', { firstName: 'Nora', lastName: 'Haddad' }))
  anaCase = json(await ana.post('/api/accompaniments', { kind: 'concerned', personId: julien.id, teamId: team }))
  benCase = json(await ben.post('/api/accompaniments', { kind: 'concerned', personId: nora.id, teamId: team }))
  // Ana's day: a session at noon, a task overdue; Ben's: a session too.
  expect((await ana.post(`/api/accompaniments/${anaCase.id}/sessions`, { startsAt: noonToday(), modality: 'office' })).statusCode).toBe(201)
  expect((await ana.post(`/api/accompaniments/${anaCase.id}/tasks`, { title: 'Rappeler', dueDate: day(-1) })).statusCode).toBe(201)
  expect((await ben.post(`/api/accompaniments/${benCase.id}/sessions`, { startsAt: noonToday(), modality: 'office' })).statusCode).toBe(201)
})
afterAll(() => t.close())

describe('names where people work', () => {
  it('My day names the client of each case it shows, records them on its entry, and names no one else', async () => {
    const res = await ana.get('/api/my-day')
    expect(res.statusCode).toBe(200)
    const body = json(res)
    expect(body.sessionsToday.map((s: { accompanimentId: string }) => s.accompanimentId)).toEqual([anaCase.id])
    expect(body.overdueTasks.map((s: { accompanimentId: string }) => s.accompanimentId)).toEqual([anaCase.id])
    expect(body.clients).toEqual({ [anaCase.id]: { firstName: 'Julien', lastName: 'Dubois' } })
    expect(res.body).not.toContain('Nora')
    expect(await recorded(res)).toContain(julien.id)
    expect(await recorded(res)).not.toContain(nora.id)
  })

  it('the calendar names the client of each session, recorded on its entry', async () => {
    const res = await ben.get(`/api/calendar?from=${day(-1)}T00:00:00.000Z&to=${day(2)}T00:00:00.000Z`)
    expect(res.statusCode).toBe(200)
    expect(json(res).clients).toEqual({ [benCase.id]: { firstName: 'Nora', lastName: 'Haddad' } })
    expect(res.body).not.toContain('Julien')
    expect(await recorded(res)).toEqual([nora.id])
  })

  it("the lead's dashboard names the clients of the cases it lists (cases to assign here)", async () => {
    const person = json(await intake.post('/api/persons', { firstName: 'Yasmine', lastName: 'Claes' }))
    const waiting = json(await intake.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team }))
    const res = await lead.get(`/api/dashboard/caseload?teamId=${team}`)
    expect(res.statusCode).toBe(200)
    const body = json(res)
    expect(body.unassignedCases.map((c: { id: string }) => c.id)).toContain(waiting.id)
    expect(body.clients[waiting.id]).toEqual({ firstName: 'Yasmine', lastName: 'Claes' })
    // Ana's overdue task is listed, so her client is named too.
    expect(body.clients[anaCase.id]).toEqual({ firstName: 'Julien', lastName: 'Dubois' })
    expect(await recorded(res)).toEqual(expect.arrayContaining([person.id, julien.id]))
    // A worker does not reach the dashboard, names or not.
    expect((await ana.get(`/api/dashboard/caseload?teamId=${team}`)).statusCode).toBe(403)
  })

  it('a worker taken off a case loses its client’s name from My day and the calendar', async () => {
    const person = json(await ana.post('/api/persons', { firstName: 'Elias', lastName: 'Martens' }))
    const acc = json(await ana.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team }))
    expect((await ana.post(`/api/accompaniments/${acc.id}/sessions`, { startsAt: noonToday(), modality: 'phone' })).statusCode).toBe(201)
    expect(json(await ana.get('/api/my-day')).clients[acc.id]).toEqual({ firstName: 'Elias', lastName: 'Martens' })
    expect((await lead.post(`/api/accompaniments/${acc.id}/assign`, { primaryWorkerId: ben.userId })).statusCode).toBe(200)
    const after = await ana.get('/api/my-day')
    expect(after.body).not.toContain('Elias')
    expect(await recorded(after)).not.toContain(person.id)
    expect((await ana.get(`/api/calendar?from=${day(-1)}T00:00:00.000Z&to=${day(2)}T00:00:00.000Z`)).body).not.toContain('Martens')
  })
})

describe('new case for you', () => {
  it('shows a case assigned to a worker on their My day until they open it, and never on another worker’s', async () => {
    const person = json(await intake.post('/api/persons', { firstName: 'Lina', lastName: 'Peeters' }))
    const acc = json(await intake.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team }))
    const news = async (who: Agent) =>
      json(await who.get('/api/my-day')).newCases.map((c: { accompanimentId: string }) => c.accompanimentId)
    expect(await news(ana)).not.toContain(acc.id)

    const assigned = await lead.post(`/api/accompaniments/${acc.id}/assign`, { primaryWorkerId: ana.userId })
    expect(assigned.statusCode).toBe(200)
    const day1 = await ana.get('/api/my-day')
    expect(json(day1).newCases).toEqual([expect.objectContaining({ accompanimentId: acc.id, accompanimentCode: json(assigned).code })])
    expect(json(day1).clients[acc.id]).toEqual({ firstName: 'Lina', lastName: 'Peeters' })
    expect(await recorded(day1)).toContain(person.id)
    // Another worker of the team, and the lead who assigned it, never see it as theirs.
    expect(await news(ben)).not.toContain(acc.id)
    expect(await news(lead)).not.toContain(acc.id)
    // Still new after a reload: only opening the case clears it.
    expect(await news(ana)).toEqual([acc.id])

    expect((await ana.get(`/api/accompaniments/${acc.id}`)).statusCode).toBe(200)
    expect(await news(ana)).toEqual([])
    // Opening it again changes nothing.
    expect((await ana.get(`/api/accompaniments/${acc.id}`)).statusCode).toBe(200)
    expect(await news(ana)).toEqual([])
  })

  it('a case a worker opened themselves is not news to them; a co-worker added later gets it as new', async () => {
    const person = json(await ben.post('/api/persons', { firstName: 'Tom', lastName: 'Janssens' }))
    const acc = json(await ben.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team }))
    expect(json(await ben.get('/api/my-day')).newCases.map((c: { accompanimentId: string }) => c.accompanimentId)).not.toContain(acc.id)
    expect(
      (await lead.post(`/api/accompaniments/${acc.id}/assign`, { primaryWorkerId: ben.userId, coWorkerIds: [ana.userId] })).statusCode,
    ).toBe(200)
    expect(json(await ana.get('/api/my-day')).newCases.map((c: { accompanimentId: string }) => c.accompanimentId)).toEqual([acc.id])
    expect(json(await ben.get('/api/my-day')).newCases.map((c: { accompanimentId: string }) => c.accompanimentId)).not.toContain(acc.id)
  })
})

describe('privacy screen', () => {
  it('is off by default, remembered per user on the server, idempotent, and back to the service’s choice with null', async () => {
    expect(json(await ana.get('/api/me/privacy-screen'))).toEqual({ masked: false, serviceDefault: 'names', own: false })
    for (let i = 0; i < 2; i++) {
      const res = await ana.put('/api/me/privacy-screen', { masked: true })
      expect(res.statusCode).toBe(200)
      expect(json(res)).toEqual({ masked: true, serviceDefault: 'names', own: true })
    }
    // Remembered across sessions of the same user, and no one else's.
    expect(json(await ana.get('/api/me/privacy-screen')).masked).toBe(true)
    expect(json(await ben.get('/api/me/privacy-screen')).masked).toBe(false)
    expect(json(await ana.put('/api/me/privacy-screen', { masked: null }))).toEqual({ masked: false, serviceDefault: 'names', own: false })
  })

  it('refuses a bad body naming the field, and an anonymous caller', async () => {
    const res = await ana.put('/api/me/privacy-screen', { masked: 'yes' })
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('masked')
    expect((await t.agent().get('/api/me/privacy-screen')).statusCode).toBe(401)
  })
})

describe('a service that masks names by default', () => {
  let other: TestApp
  beforeAll(async () => {
    other = await startTestApp({ env: { PARCOURS_NAMES_DEFAULT: 'initials' } })
  })
  afterAll(() => other.close())

  it('masks for users who have not chosen, and lets a user show names', async () => {
    const worker = await other.as(['worker'])
    expect(json(await worker.get('/api/me/privacy-screen'))).toEqual({ masked: true, serviceDefault: 'initials', own: false })
    expect(json(await worker.put('/api/me/privacy-screen', { masked: false }))).toEqual({
      masked: false,
      serviceDefault: 'initials',
      own: true,
    })
  })
})
