import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Agent, json, startTestApp, type TestApp, serviceDate } from '../../test/harness'
import { runScheduledNotifications } from './notifications'

/**
 * Issue 12: the daily events of a case reach the people they concern, in the transaction of the
 * write that causes them, and no one else; each carries the case's code and nothing that names the
 * person. Scheduled ones (an agreement about a relative expiring, a report due) are told once.
 */
let t: TestApp
let team: string
let lead: Agent & { userId: string }
let worker: Agent & { userId: string }
let co: Agent & { userId: string }
let outsider: Agent & { userId: string }
let other: Agent & { userId: string }

beforeAll(async () => {
  t = await startTestApp()
  team = await t.team()
  lead = await t.as(['lead'], { teamIds: [team] })
  worker = await t.as(['worker'], { teamIds: [team] })
  co = await t.as(['worker'], { teamIds: [team] })
  outsider = await t.as(['worker'], { teamIds: [await t.team()] })
  other = await t.as(['worker'], { teamIds: [team] })
})
afterAll(() => t.close())

type Notice = { event: string; subjectType: string; subjectId: string; reference: string }
const notices = async (a: Agent): Promise<Notice[]> => json(await a.get('/api/notifications')).items
const day = serviceDate
const monthsAgo = (months: number, plusDays: number) => {
  const d = new Date()
  d.setUTCMonth(d.getUTCMonth() - months)
  d.setUTCDate(d.getUTCDate() + plusDays)
  return d.toISOString().slice(0, 10)
}

async function openCase(framework?: object) {
  const person = json(await lead.post('/api/persons', { firstName: 'Julien', lastName: 'Verhaegen' }))
  const res = await lead.post('/api/accompaniments', {
    kind: 'concerned',
    personId: person.id,
    teamId: team,
    ...(framework ? { framework } : {}),
  })
  expect(res.statusCode, res.body).toBe(201)
  return json(res) as { id: string; code: string; version: number }
}

it('tells the workers newly put on a case, the requester of a closure decided, and the workers of a case whose glass is broken', async () => {
  const acc = await openCase()
  const assigned = await lead.post(`/api/accompaniments/${acc.id}/assign`, { primaryWorkerId: worker.userId, coWorkerIds: [] })
  expect(assigned.statusCode, assigned.body).toBe(200)
  expect(await notices(worker)).toEqual([
    expect.objectContaining({ event: 'case_assigned', subjectType: 'accompaniment', subjectId: acc.id, reference: acc.code }),
  ])
  // Adding a co-worker tells the co-worker only: the primary worker stays, and was told already.
  expect(
    (await lead.post(`/api/accompaniments/${acc.id}/assign`, { primaryWorkerId: worker.userId, coWorkerIds: [co.userId] })).statusCode,
  ).toBe(200)
  expect((await notices(co)).map((n) => n.event)).toEqual(['case_assigned'])
  expect((await notices(worker)).map((n) => n.event)).toEqual(['case_assigned'])

  const version = json(await worker.get(`/api/accompaniments/${acc.id}`)).version
  const asked = await worker.post(
    `/api/accompaniments/${acc.id}/closure`,
    { outcome: 'goals_reached', reason: 'Objectifs atteints' },
    { 'if-match': `"${version}"` },
  )
  expect(asked.statusCode, asked.body).toBe(200)
  const refused = await lead.post(
    `/api/accompaniments/${acc.id}/closure/decision`,
    { approve: false, note: 'Encore une séance' },
    { 'if-match': `"${json(asked).version}"` },
  )
  expect(refused.statusCode, refused.body).toBe(200)
  expect((await notices(worker))[0]).toMatchObject({ event: 'closure_refused', subjectId: acc.id, reference: acc.code })
  // The co-worker did not ask: not told.
  expect((await notices(co)).map((n) => n.event)).toEqual(['case_assigned'])

  const grant = await outsider.post(`/api/accompaniments/${acc.id}/break-glass`, { reason: 'Appel urgent de la police locale' })
  expect(grant.statusCode, grant.body).toBe(200)
  for (const a of [worker, co])
    expect((await notices(a))[0]).toMatchObject({ event: 'case_break_glass', subjectId: acc.id, reference: acc.code })

  const again = json(await co.get(`/api/accompaniments/${acc.id}`)).version
  const asked2 = await co.post(
    `/api/accompaniments/${acc.id}/closure`,
    { outcome: 'goals_reached', reason: 'Fin' },
    { 'if-match': `"${again}"` },
  )
  expect(asked2.statusCode, asked2.body).toBe(200)
  const approved = await lead.post(
    `/api/accompaniments/${acc.id}/closure/decision`,
    { approve: true },
    { 'if-match': `"${json(asked2).version}"` },
  )
  expect(approved.statusCode, approved.body).toBe(200)
  // The one who asked this time is told; the other worker is not.
  expect((await notices(co))[0]).toMatchObject({ event: 'closure_approved', reference: acc.code })
  expect((await notices(worker))[0]?.event).toBe('case_break_glass')

  // Nothing here reaches a user outside the case, nor the one who broke the glass, nor the lead.
  expect(await notices(other)).toEqual([])
  expect(await notices(outsider)).toEqual([])
  expect(await notices(lead)).toEqual([])
})

it('tells who is given a task by someone else, not who gives one to themselves, and a refused write tells no one', async () => {
  const acc = await openCase()
  expect(
    (await lead.post(`/api/accompaniments/${acc.id}/assign`, { primaryWorkerId: worker.userId, coWorkerIds: [co.userId] })).statusCode,
  ).toBe(200)
  const before = (await notices(worker)).length
  const own = await worker.post(`/api/accompaniments/${acc.id}/tasks`, { title: 'Rappeler Julien', dueDate: day(2) })
  expect(own.statusCode, own.body).toBe(201)
  expect(await notices(worker)).toHaveLength(before)
  const given = await co.post(`/api/accompaniments/${acc.id}/tasks`, {
    title: 'Appeler la mère de Julien',
    dueDate: day(3),
    assigneeId: worker.userId,
  })
  expect(given.statusCode, given.body).toBe(201)
  const mine = await notices(worker)
  expect(mine).toHaveLength(before + 1)
  expect(mine[0]).toEqual(expect.objectContaining({ event: 'task_assigned', subjectId: acc.id, reference: acc.code }))
  expect(JSON.stringify(mine)).not.toMatch(/Julien|Verhaegen|mère/)
  // A task for someone who is not on the case is refused, and nobody hears of it.
  const refused = await co.post(`/api/accompaniments/${acc.id}/tasks`, { title: 'X', dueDate: day(3), assigneeId: other.userId })
  expect(refused.statusCode).toBe(400)
  expect(await notices(other)).toEqual([])
})

it('tells the case’s workers once of a relative’s agreement expiring and of a report due', async () => {
  const acc = await openCase({ framework: 'judicial', measure: 'probation_condition', mandateStart: monthsAgo(3, 5), reportEveryMonths: 3 })
  expect((await lead.post(`/api/accompaniments/${acc.id}/assign`, { primaryWorkerId: co.userId, coWorkerIds: [] })).statusCode).toBe(200)
  const relative = (consentOn: string) =>
    co.post(`/api/accompaniments/${acc.id}/relatives`, {
      name: 'Martine Verhaegen',
      relationship: 'parent',
      involvement: 'participates',
      consent: 'given',
      consentOn,
      note: null,
    })
  // Given a year ago less ten days: expires in ten days. Given a month ago: not yet.
  const soon = await relative(monthsAgo(12, 10))
  expect(soon.statusCode, soon.body).toBe(201)
  expect((await relative(monthsAgo(1, 0))).statusCode).toBe(201)

  const first = await runScheduledNotifications(t.services)
  expect(first.notifications).toBeGreaterThanOrEqual(2)
  const mine = (await notices(co)).filter((n) => n.subjectId === acc.id && n.event !== 'case_assigned')
  expect(mine.map((n) => n.event).sort()).toEqual(['relative_agreement_expiring', 'report_due'])
  for (const n of mine) expect(n.reference).toBe(acc.code)
  expect(JSON.stringify(await notices(co))).not.toMatch(/Martine|Verhaegen/)

  // The next check (another instance, the next quarter of an hour) tells nobody again.
  const second = await runScheduledNotifications(t.services)
  expect(second.notifications).toBe(0)
  expect((await notices(co)).filter((n) => n.subjectId === acc.id)).toHaveLength(3)
  expect((await notices(other)).filter((n) => n.subjectId === acc.id)).toEqual([])
  expect((await notices(lead)).filter((n) => n.subjectId === acc.id)).toEqual([])
})
