import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AUDIT_ACTIONS, type AuditAction } from '../../../common/audit-actions'
import { type Agent, auditRows, json, serviceAt, startTestApp, type TestApp } from '../../test/harness'

/**
 * The DPO's questions, answered from the log: "who read this person, when, through which
 * screen" (list reads included: a caseload shows fifty clients in one entry) and "what did this
 * user read". The person is named by their code, never by a name.
 */

type Item = {
  seq: number
  action: string
  kind: string | null
  actorId: string | null
  persons: string[]
  subjectType: string | null
}
type User = Agent & { userId: string }

let t: TestApp
let worker: User
let lead: User
let other: User
let dpo: User
const julie = { id: '', code: '', caseId: '' }
const karim = { id: '', code: '', caseId: '' }

const audit = async (query: string) => {
  const res = await dpo.get(`/api/audit?limit=200&${query}`)
  expect(res.statusCode, res.body).toBe(200)
  return json<{ items: Item[]; total: number }>(res)
}
const actionsOf = (items: Item[]) => [...new Set(items.map((i) => i.action))].sort()

beforeAll(async () => {
  t = await startTestApp()
  const team = await t.team()
  worker = await t.as(['worker'], { teamIds: [team] })
  lead = await t.as(['lead'], { teamIds: [team] })
  other = await t.as(['worker'], { teamIds: [await t.team()] })
  dpo = await t.as(['dpo'])
  for (const [p, firstName, lastName] of [
    [julie, 'Julie', 'Vandamme'],
    [karim, 'Karim', 'Haddad'],
  ] as const) {
    const person = json(await worker.post('/api/persons', { firstName, lastName }))
    Object.assign(p, { id: person.id, code: person.code })
    const opened = await worker.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team })
    expect(opened.statusCode, opened.body).toBe(201)
    p.caseId = json(opened).id
  }
  // Julie has a session today (My day, the calendar); Karim only ever appears in lists.
  const session = await worker.post(`/api/accompaniments/${julie.caseId}/sessions`, {
    modality: 'office',
    startsAt: serviceAt(0),
  })
  expect(session.statusCode, session.body).toBe(201)
  // A worker of another team opens Julie's case in an emergency: the grant is listed to the lead.
  expect((await other.post(`/api/accompaniments/${julie.caseId}/break-glass`, { reason: 'Appel urgent de la police' })).statusCode).toBe(
    200,
  )

  // The list reads, none of which names Julie or Karim as the entry's main person.
  expect((await worker.get('/api/accompaniments')).statusCode).toBe(200)
  expect((await worker.get('/api/my-day')).statusCode).toBe(200)
  expect((await worker.get(`/api/calendar?from=${serviceAt(0, '00:00')}&to=${serviceAt(1, '00:00')}`)).statusCode).toBe(200)
  expect((await worker.post('/api/persons/search', { q: 'Julie Vandamme' })).statusCode).toBe(200)
  expect((await lead.get('/api/access-grants')).statusCode).toBe(200)
})
afterAll(() => t?.close())

describe('who read this person', () => {
  it('finds every list read that showed them: caseload, My day, calendar, search, grants', async () => {
    const list = await audit(`personCode=${julie.code}&kind=read`)
    expect(actionsOf(list.items)).toEqual(
      expect.arrayContaining(['accompaniment.listed', 'my_day.viewed', 'calendar.viewed', 'person.searched', 'access_grant.listed']),
    )
    const by = (action: string) => list.items.find((i) => i.action === action)
    expect(by('accompaniment.listed')?.actorId).toBe(worker.userId)
    expect(by('access_grant.listed')?.actorId).toBe(lead.userId)
    // Each list entry names everyone it showed, by code: the caseload showed both clients.
    expect(by('accompaniment.listed')?.persons.sort()).toEqual([julie.code, karim.code].sort())
    expect(list.items.every((i) => i.persons.includes(julie.code) && i.kind === 'read')).toBe(true)
  })

  it('finds a person who was only ever shown in a list, and answers exactly what the index holds', async () => {
    const list = await audit(`personCode=${karim.code}`)
    const listed = list.items.filter((i) => i.action === 'accompaniment.listed')
    expect(listed.map((i) => i.actorId)).toEqual([worker.userId])
    // The entry's main person is nobody: only the persons index knows Karim was on that page.
    const row = (await auditRows(t.services, 'accompaniment.listed')).find((r) => Number(r.seq) === listed[0]?.seq)
    expect(row?.person_id).toBeNull()
    const indexed = await t.services.db.selectFrom('audit_persons').select('seq').where('person_id', '=', karim.id).execute()
    // The DPO's own lookup is under Karim too, recorded after the answer was read.
    expect(list.total).toBe(indexed.length - 1)
    expect(list.items.map((i) => i.seq)).toEqual(
      indexed
        .map((r) => Number(r.seq))
        .filter((s) => s < Math.max(...indexed.map((r) => Number(r.seq))))
        .sort((a, b) => b - a),
    )
  })

  it('accepts a code as people type it, and an unknown code finds nothing rather than failing', async () => {
    const sloppy = julie.code.replace(/-/g, '').toLowerCase()
    expect((await audit(`personCode=${sloppy}&kind=read`)).total).toBeGreaterThanOrEqual(5)
    const unknown = await audit('personCode=P-0000-0000')
    expect(unknown).toEqual({ items: [], total: 0 })
    const malformed = await dpo.get('/api/audit?personCode=Julie')
    expect(malformed.statusCode).toBe(400)
    expect(json(malformed).errors.map((e: { field: string }) => e.field)).toEqual(['query.personCode'])
  })

  it('names persons by code only: no name leaves the log', async () => {
    const res = await dpo.get(`/api/audit?limit=200&personCode=${julie.code}`)
    expect(res.body).toContain(julie.code)
    expect(res.body).not.toMatch(/Julie|Vandamme|Karim|Haddad/)
  })

  it("the DPO's question is itself recorded under the person, with the user asked about", async () => {
    const res = await dpo.get(`/api/audit?personCode=${julie.code}&actorId=${worker.userId}&kind=read`)
    expect(res.statusCode).toBe(200)
    const [row] = (await auditRows(t.services, 'audit.viewed')).filter((r) => r.request_id === res.headers['x-request-id'])
    expect(row).toMatchObject({ actor_id: dpo.userId, person_id: julie.id, subject_type: 'user', subject_id: worker.userId })
    expect(JSON.parse(row?.details ?? '{}')).toEqual({ filters: ['personCode', 'actorId', 'kind'], kind: 'read' })
    // And so the next "who read" shows the DPO among the readers: looking up whom a person's data
    // was shown to is itself a read of that person's file.
    const next = await audit(`personCode=${julie.code}&kind=read`)
    expect(next.items.map((i) => [i.action, i.actorId])).toContainEqual(['audit.viewed', dpo.userId])
  })
})

describe('what did this user read', () => {
  it('is the actor with kind=read: every list and record they read, nothing they changed', async () => {
    const list = await audit(`actorId=${worker.userId}&kind=read`)
    expect(actionsOf(list.items)).toEqual(['accompaniment.listed', 'calendar.viewed', 'my_day.viewed', 'person.searched'])
    expect(list.items.every((i) => i.actorId === worker.userId && i.kind === 'read')).toBe(true)
    const everything = await audit(`actorId=${worker.userId}`)
    expect(actionsOf(everything.items)).toEqual(expect.arrayContaining(['person.created', 'accompaniment.created', 'accompaniment.listed']))
    const counted = (await auditRows(t.services)).filter(
      (r) => r.actor_id === worker.userId && AUDIT_ACTIONS[r.action as AuditAction] === 'read',
    )
    expect(list.total).toBe(counted.length)
  })

  it('each kind holds only its own actions, and each item says its kind', async () => {
    for (const kind of ['read', 'change', 'access', 'account', 'system'] as const) {
      const list = await audit(`kind=${kind}`)
      expect(
        list.items.every((i) => AUDIT_ACTIONS[i.action as AuditAction] === kind && i.kind === kind),
        kind,
      ).toBe(true)
    }
    const changes = await audit(`kind=change&actorId=${worker.userId}`)
    expect(actionsOf(changes.items)).toEqual(['accompaniment.created', 'case_session.created', 'person.created'])
    expect((await dpo.get('/api/audit?kind=gossip')).statusCode).toBe(400)
  })

  it('lists staff accounts for the picker to the DPO only', async () => {
    const res = await dpo.get('/api/audit/actors')
    expect(res.statusCode).toBe(200)
    const items = json<{ items: { id: string; displayName: string; roles: string[] }[] }>(res).items
    expect(items.find((i) => i.id === worker.userId)).toEqual({
      id: worker.userId,
      displayName: 'Test worker',
      roles: ['worker'],
      disabled: false,
    })
    expect(Object.keys(items[0] ?? {}).sort()).toEqual(['disabled', 'displayName', 'id', 'roles'])
    expect((await worker.get('/api/audit/actors')).statusCode).toBe(403)
  })
})

describe('the other filters', () => {
  it('takes an action from the catalogue only, and matches it exactly', async () => {
    const enrol = await worker.post('/api/me/mfa/enrol')
    expect(enrol.statusCode).toBe(200)
    const list = await audit('action=user.mfa_enrolment_started')
    expect(list.items.map((i) => [i.action, i.actorId])).toEqual([['user.mfa_enrolment_started', worker.userId]])
    for (const action of ['user.mfa_enrolment', 'person.', '%25.viewed', 'made.up']) {
      const res = await dpo.get(`/api/audit?action=${action}`)
      expect(res.statusCode, action).toBe(400)
      expect(json(res).errors.map((e: { field: string }) => e.field)).toEqual(['query.action'])
    }
  })

  it('by person id, by actor and kind together, and by dates', async () => {
    const byId = await audit(`personId=${julie.id}`)
    const byCode = await audit(`personCode=${julie.code}`)
    // The second question is one entry later: the first one, recorded under Julie.
    expect(byCode.total).toBe(byId.total + 1)
    const all = await auditRows(t.services)
    const day = (all.at(-1)?.at ?? '').slice(0, 10)
    const onDay = (await auditRows(t.services)).filter((r) => r.at.startsWith(day)).length
    expect((await audit(`from=${day}&to=${day}`)).total).toBe(onDay)
    expect((await audit('from=2999-01-01')).total).toBe(0)
    expect((await audit('to=2000-01-01')).total).toBe(0)
    expect((await dpo.get('/api/audit?from=yesterday')).statusCode).toBe(400)
    expect((await audit(`personCode=${julie.code}&from=2999-01-01`)).total).toBe(0)
  })

  it('is for the DPO only', async () => {
    expect((await worker.get('/api/audit')).statusCode).toBe(403)
    expect((await lead.get(`/api/audit?personCode=${julie.code}`)).statusCode).toBe(403)
  })
})
