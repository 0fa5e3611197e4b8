import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'
import { addDays, brussels } from '../duty/duty.time'

/**
 * The contact point on My day: the person on duty now (this half-day's rota slot, Brussels time)
 * sees the contacts in immediate danger not yet acknowledged and the call-backs due today or
 * earlier; nobody else gets the section. "Now" is frozen at a Wednesday 10:30 in Brussels (the
 * morning half-day), so that a run near midnight cannot compare two different days; the agents
 * sign in inside the frozen time so that their sessions live in it too.
 */

type Member = Agent & { userId: string }
let t: TestApp
let intake: Member
let lead: Member
let worker: Member
let otherIntake: Member

const NOW = new Date('2026-12-02T09:30:00Z')
const today = brussels(NOW).date
const ifMatch = (v: number) => ({ 'if-match': `"${v}"` })
const CALL = {
  channel: 'phone',
  occurredAt: '2026-11-30T09:15:00.000Z',
  callerKind: 'relative',
  caller: { name: 'Nadia Belkacem', phone: '0470 11 22 33', email: null, reach: null },
  summary: 'Appel',
  urgency: 'week',
}
const DANGER = { urgency: { worker: 'within_week' }, violence_intent: { worker: 'high' }, access_means: { worker: 'moderate' } }

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'], now: NOW })
  t = await startTestApp()
  const team = await t.team()
  intake = await t.as(['intake'])
  otherIntake = await t.as(['intake'])
  lead = await t.as(['lead'], { teamIds: [team] })
  worker = await t.as(['worker'], { teamIds: [team] })
})
afterAll(async () => {
  vi.useRealTimers()
  await t.close()
})

async function finalWithCallback(by: Member, dueDate: string, body: object = CALL) {
  const c = json(await by.post('/api/contacts', body))
  const final = json(await by.post(`/api/contacts/${c.id}/finalise`, undefined, ifMatch(1)))
  const cb = await by.post(`/api/contacts/${c.id}/callback`, { dueDate }, ifMatch(final.version))
  expect(cb.statusCode, cb.body).toBe(200)
  return json(cb).contact as { id: string; version: number }
}

const ids = (items: { id: string }[]) => items.map((i) => i.id)
let slotVersion = 0
async function onDuty(member: Member) {
  const res = await lead.put(`/api/duty/rota/${today}/am`, { userId: member.userId }, ifMatch(slotVersion))
  expect(res.statusCode, res.body).toBe(200)
  slotVersion = json(res).version
}

let danger: { id: string }
let overdue: { id: string }
let dueToday: { id: string }
let tomorrow: { id: string }
let calledBack: { id: string }

it('shows the one on duty the unacknowledged emergencies and the call-backs due, and nobody else', async () => {
  await onDuty(intake)
  const flagged = json(await intake.post('/api/contacts', CALL))
  const triaged = await intake.post(`/api/contacts/${flagged.id}/triage`, { answers: DANGER }, ifMatch(1))
  expect(triaged.statusCode, triaged.body).toBe(200)
  danger = flagged
  overdue = await finalWithCallback(intake, addDays(today, -2))
  dueToday = await finalWithCallback(intake, today)
  tomorrow = await finalWithCallback(intake, addDays(today, 1))
  calledBack = await finalWithCallback(intake, today)
  const answer = json(await intake.post('/api/contacts', { ...CALL, direction: 'outgoing', answersContactId: calledBack.id }))
  expect((await intake.post(`/api/contacts/${answer.id}/finalise`, undefined, ifMatch(1))).statusCode).toBe(200)

  const res = await intake.get('/api/my-day')
  expect(res.statusCode, res.body).toBe(200)
  const section = json(res).contactPoint
  expect(section.today).toBe(today)
  expect(ids(section.danger)).toEqual([danger.id])
  expect(section.danger[0]).toMatchObject({ urgency: 'immediate', dangerAcknowledgedAt: null, callerName: 'Nadia Belkacem' })
  // Overdue first, then today's (the emergency's call-back is due today too); not tomorrow's, not one already made.
  expect(ids(section.callbacks)[0]).toBe(overdue.id)
  expect(ids(section.callbacks)).toEqual(expect.arrayContaining([dueToday.id, danger.id]))
  expect(ids(section.callbacks)).not.toContain(tomorrow.id)
  expect(ids(section.callbacks)).not.toContain(calledBack.id)
  // No more about a caller than the queue shows the same person.
  const queue = json(await intake.get('/api/contacts/queue')).items
  for (const line of [...section.danger, ...section.callbacks]) expect(line).toEqual(queue.find((q: { id: string }) => q.id === line.id))

  // Read in an audited transaction, under My day.
  const entries = (await auditRows(t.services, 'my_day.viewed')).filter((e) => e.actor_id === intake.userId)
  const details = entries.at(-1)?.details
  expect(typeof details === 'string' ? JSON.parse(details) : details).toMatchObject({ onDuty: true })

  // Not on duty now: the other intake officer, the lead and the worker get no section at all.
  for (const agent of [otherIntake, lead, worker]) {
    const other = await agent.get('/api/my-day')
    expect(other.statusCode).toBe(200)
    expect(json(other)).not.toHaveProperty('contactPoint')
  }
  // Nor anyone on duty on another half-day.
  const afternoon = await lead.put(`/api/duty/rota/${today}/pm`, { userId: otherIntake.userId }, ifMatch(0))
  expect(afternoon.statusCode).toBe(200)
  expect(json(await otherIntake.get('/api/my-day'))).not.toHaveProperty('contactPoint')
})

it('lets the lead on duty acknowledge an emergency from My day, which then leaves it', async () => {
  await onDuty(lead)
  expect(json(await intake.get('/api/my-day'))).not.toHaveProperty('contactPoint')
  const section = json(await lead.get('/api/my-day')).contactPoint
  const line = section.danger.find((c: { id: string }) => c.id === danger.id)
  expect(line).toBeDefined()
  const ack = await lead.post(`/api/contacts/${line.id}/danger/acknowledge`, undefined, ifMatch(line.version))
  expect(ack.statusCode, ack.body).toBe(200)
  const after = json(await lead.get('/api/my-day')).contactPoint
  expect(ids(after.danger)).not.toContain(danger.id)
  expect(ids(after.callbacks)).toContain(overdue.id)
})

it('shows a worker on duty only the contacts the contact door gives them', async () => {
  await onDuty(worker)
  const mine = await finalWithCallback(worker, today)
  const section = json(await worker.get('/api/my-day')).contactPoint
  expect(ids(section.callbacks)).toEqual([mine.id])
  expect(section.danger).toEqual([])
})

it('refuses My day to roles without it', async () => {
  for (const roles of [['dpo'], ['admin'], ['researcher']] as const) {
    const agent = await t.as([...roles])
    expect((await agent.get('/api/my-day')).statusCode).toBe(403)
  }
})
