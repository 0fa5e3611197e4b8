import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'

/**
 * The lead's team view of the calendar (issue 12): every session on the cases of the teams they
 * lead, through the door's team scope; a worker asking for it is refused and the refusal recorded;
 * and the cases a worker may plan a session on from the calendar.
 */
let t: TestApp
let teamA: string
let lead: Agent & { userId: string }
let ana: Agent & { userId: string }
let bart: Agent & { userId: string }
let other: Agent & { userId: string }
const sessions = {} as Record<'ana' | 'bart' | 'other' | 'nextWeek', string>
const cases = {} as Record<'ana' | 'bart' | 'other' | 'closed', { id: string; personId: string }>

const WEEK = 'from=2027-03-01T00:00:00Z&to=2027-03-08T00:00:00Z'
type Week = { items: { id: string; workerId: string; workerName: string; accompanimentId: string }[]; clients: Record<string, unknown> }

async function newCase(worker: Agent, team: string, firstName: string) {
  const person = json(await worker.post('/api/persons', { firstName, lastName: 'Peeters' }))
  const res = await worker.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team })
  expect(res.statusCode, res.body).toBe(201)
  return { id: json(res).id as string, personId: person.id as string }
}
async function plan(worker: Agent, caseId: string, startsAt: string) {
  const res = await worker.post(`/api/accompaniments/${caseId}/sessions`, { startsAt, modality: 'office' })
  expect(res.statusCode, res.body).toBe(201)
  return json(res).id as string
}

beforeAll(async () => {
  t = await startTestApp()
  teamA = await t.team()
  const teamB = await t.team()
  lead = await t.as(['lead'], { teamIds: [teamA] })
  ana = await t.as(['worker'], { teamIds: [teamA] })
  bart = await t.as(['worker'], { teamIds: [teamA] })
  other = await t.as(['worker'], { teamIds: [teamB] })
  cases.ana = await newCase(ana, teamA, 'Amira')
  cases.bart = await newCase(bart, teamA, 'Bram')
  cases.other = await newCase(other, teamB, 'Olivier')
  cases.closed = await newCase(ana, teamA, 'Chloé')
  sessions.ana = await plan(ana, cases.ana.id, '2027-03-02T09:00:00Z')
  sessions.bart = await plan(bart, cases.bart.id, '2027-03-03T14:00:00Z')
  sessions.other = await plan(other, cases.other.id, '2027-03-02T10:00:00Z')
  sessions.nextWeek = await plan(ana, cases.ana.id, '2027-03-09T09:00:00Z')
  // Closed the usual way: a closure asked by its worker, approved by the lead.
  const asked = await ana.post(
    `/api/accompaniments/${cases.closed.id}/closure`,
    { outcome: 'goals_reached', reason: 'Fin' },
    { 'if-match': '"1"' },
  )
  expect(asked.statusCode, asked.body).toBe(200)
  const decided = await lead.post(
    `/api/accompaniments/${cases.closed.id}/closure/decision`,
    { approve: true },
    { 'if-match': `"${json(asked).version}"` },
  )
  expect(decided.statusCode, decided.body).toBe(200)
})
afterAll(() => t.close())

it("shows the lead every session of their team's cases, with its worker, and none of another team", async () => {
  const res = await lead.get(`/api/calendar?${WEEK}&scope=team`)
  expect(res.statusCode, res.body).toBe(200)
  const week = json<Week>(res)
  expect(week.items.map((s) => s.id)).toEqual([sessions.ana, sessions.bart])
  expect(week.items.map((s) => s.workerId)).toEqual([ana.userId, bart.userId])
  expect(week.items.every((s) => s.workerName.length > 0)).toBe(true)
  expect(Object.keys(week.clients).sort()).toEqual([cases.ana.id, cases.bart.id].sort())
  // Their own calendar is still theirs alone: the lead holds no session this week.
  expect(json<Week>(await lead.get(`/api/calendar?${WEEK}`)).items).toEqual([])
  // And the other team's lead sees only theirs.
  const otherLead = await t.as(['lead'], { teamIds: [json(await other.get('/api/me')).teams[0].id] })
  expect(json<Week>(await otherLead.get(`/api/calendar?${WEEK}&scope=team`)).items.map((s) => s.id)).toEqual([sessions.other])
})

it('narrows the team view to one worker', async () => {
  const week = json<Week>(await lead.get(`/api/calendar?${WEEK}&scope=team&workerId=${bart.userId}`))
  expect(week.items.map((s) => s.id)).toEqual([sessions.bart])
  expect(Object.keys(week.clients)).toEqual([cases.bart.id])
  // A worker of another team has no session on this team's cases.
  expect(json<Week>(await lead.get(`/api/calendar?${WEEK}&scope=team&workerId=${other.userId}`)).items).toEqual([])
  // On one's own calendar a worker filter means nothing: refused, naming the field.
  const mine = await lead.get(`/api/calendar?${WEEK}&workerId=${bart.userId}`)
  expect(mine.statusCode).toBe(400)
  expect(json(mine).errors[0]).toMatchObject({ field: 'query.workerId', code: 'team_scope_only' })
})

it('refuses the team view to a worker (403), and records the refusal', async () => {
  const before = (await auditRows(t.services, 'access.denied')).length
  const res = await ana.get(`/api/calendar?${WEEK}&scope=team`)
  expect(res.statusCode).toBe(403)
  expect(res.headers['content-type']).toContain('application/problem+json')
  expect(json(res).code).toBe('access.forbidden')
  expect(res.body).not.toContain(sessions.bart)
  const denied = (await auditRows(t.services, 'access.denied')).slice(before)
  expect(denied).toHaveLength(1)
  expect(denied[0]).toMatchObject({ actor_id: ana.userId, outcome: 'denied' })
  // Their own week is theirs as before.
  expect(json<Week>(await ana.get(`/api/calendar?${WEEK}`)).items.map((s) => s.id)).toEqual([sessions.ana])
})

it('records the team view in the audit log with every client it showed', async () => {
  const before = (await auditRows(t.services, 'calendar.team_viewed')).length
  await lead.get(`/api/calendar?${WEEK}&scope=team`)
  const entries = (await auditRows(t.services, 'calendar.team_viewed')).slice(before)
  expect(entries).toHaveLength(1)
  expect(entries[0]).toMatchObject({ actor_id: lead.userId, outcome: 'success' })
  const persons = await t.services.db.selectFrom('audit_persons').select('person_id').where('seq', '=', entries[0]!.seq).execute()
  expect(persons.map((p) => p.person_id).sort()).toEqual([cases.ana.personId, cases.bart.personId].sort())
  // Nothing identifying in the entry's details: ids only.
  expect(JSON.stringify(entries[0]!.details)).not.toMatch(/Amira|Bram|Peeters/)
})

it('lists the open cases a worker may plan a session on, with their clients, and records the read', async () => {
  const before = (await auditRows(t.services, 'accompaniment.listed')).length
  const res = await ana.get('/api/calendar/cases')
  expect(res.statusCode, res.body).toBe(200)
  const list = json<{ items: { id: string; code: string }[]; clients: Record<string, { firstName: string }> }>(res)
  // Not the closed one, not a colleague's, not another team's.
  expect(list.items.map((c) => c.id)).toEqual([cases.ana.id])
  expect(list.clients[cases.ana.id]).toMatchObject({ firstName: 'Amira' })
  const entries = (await auditRows(t.services, 'accompaniment.listed')).slice(before)
  expect(entries).toHaveLength(1)
  expect(entries[0]!.persons).toContain(cases.ana.personId)
  // A lead sees the team's cases, but plans on those they work on: none here.
  expect(json(await lead.get('/api/calendar/cases')).items).toEqual([])
})
