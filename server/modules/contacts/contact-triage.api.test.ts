import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'
import { addDays, brussels } from '../duty/duty.time'

type Member = Agent & { userId: string }
let t: TestApp
let intake: Member
let lead: Member
let worker: Member
let other: Member

beforeAll(async () => {
  t = await startTestApp()
  const team = await t.team()
  intake = await t.as(['intake'])
  lead = await t.as(['lead'], { teamIds: [team] })
  worker = await t.as(['worker'], { teamIds: [team] })
  other = await t.as(['worker'], { teamIds: [await t.team()] })
})
afterAll(() => t.close())

const CALL = { channel: 'phone', occurredAt: '2026-11-30T09:15:00.000Z', callerKind: 'relative', summary: 'Appel', urgency: 'week' }
const DANGER = { urgency: { worker: 'within_week' }, violence_intent: { worker: 'high' }, access_means: { worker: 'moderate' } }
const ifMatch = (v: number) => ({ 'if-match': `"${v}"` })

async function contact(by: Member = intake, body: object = CALL) {
  const res = await by.post('/api/contacts', body)
  expect(res.statusCode, res.body).toBe(201)
  return json(res) as { id: string; version: number }
}

it('fills the grid through the contact door, sealed under the contact’s key, raising the urgency and never lowering it', async () => {
  const c = await contact()
  // Through the door: unknown or unreachable contacts answer 404; the version is required; bad answers are named.
  expect((await intake.post(`/api/contacts/${crypto.randomUUID()}/triage`, { answers: {} }, ifMatch(1))).statusCode).toBe(404)
  expect((await other.post(`/api/contacts/${c.id}/triage`, { answers: {} }, ifMatch(1))).statusCode).toBe(404)
  expect((await other.get(`/api/contacts/${c.id}/triage`)).statusCode).toBe(404)
  expect((await intake.post(`/api/contacts/${c.id}/triage`, { answers: {} })).statusCode).toBe(428)
  const bad = await intake.post(`/api/contacts/${c.id}/triage`, { answers: { urgency: { worker: 'tomorrow' } } }, ifMatch(1))
  expect(bad.statusCode).toBe(400)
  expect(json(bad).errors[0]).toMatchObject({ field: 'answers.urgency.worker' })
  expect(json(await intake.get(`/api/contacts/${c.id}/triage`))).toEqual({ triage: null })

  const raised = await intake.post(`/api/contacts/${c.id}/triage`, { answers: { urgency: { worker: 'within_48h' } } }, ifMatch(1))
  expect(raised.statusCode, raised.body).toBe(200)
  expect(raised.headers.etag).toBe('"2"')
  expect(json(raised).contact).toMatchObject({ urgency: '48h', dangerAt: null, version: 2 })
  expect(json(raised).triage).toMatchObject({
    urgency: 'within_48h',
    immediateDanger: false,
    answers: { urgency: { worker: 'within_48h' } },
  })
  expect((await intake.post(`/api/contacts/${c.id}/triage`, { answers: {} }, ifMatch(1))).statusCode).toBe(412)

  // A calmer filling later does not lower what was set.
  const calmer = await intake.post(`/api/contacts/${c.id}/triage`, { answers: { urgency: { worker: 'none' } } }, ifMatch(2))
  expect(json(calmer).contact.urgency).toBe('48h')
  expect(json(calmer).triage.urgency).toBe('none')

  const rows = await t.services.db.selectFrom('contact_triages').selectAll().where('contact_id', '=', c.id).execute()
  expect(rows).toHaveLength(2)
  for (const r of rows) expect(r.answers_sealed).not.toContain('within')
  const latest = json(await intake.get(`/api/contacts/${c.id}/triage`)).triage
  expect(latest).toMatchObject({ urgency: 'none', answers: { urgency: { worker: 'none' } } })
  expect((await auditRows(t.services, 'contact.triaged')).length).toBe(2)
  expect((await auditRows(t.services, 'contact.triage_viewed')).length).toBeGreaterThanOrEqual(2)
})

it('on immediate danger, gives the call-back to the next on duty when nobody is, then to the one on duty now, flags the contact first in the queue until a lead acknowledges it', async () => {
  const local = brussels(new Date())
  const half = local.time < '13:00' ? 'am' : 'pm'
  // Nobody on duty now; the lead is on duty in two days.
  const later = await lead.put(`/api/duty/rota/${addDays(local.date, 2)}/am`, { userId: lead.userId }, ifMatch(0))
  expect(later.statusCode, later.body).toBe(200)

  // An immediate contact already waits in the queue (final, no orientation).
  const waiting = await contact(intake, { ...CALL, urgency: 'immediate' })
  expect((await intake.post(`/api/contacts/${waiting.id}/finalise`, undefined, ifMatch(1))).statusCode).toBe(200)

  const first = await contact()
  const flagged = await intake.post(`/api/contacts/${first.id}/triage`, { answers: DANGER }, ifMatch(1))
  expect(flagged.statusCode, flagged.body).toBe(200)
  expect(json(flagged)).toMatchObject({
    dutyUserId: lead.userId,
    triage: { immediateDanger: true, urgency: 'immediate' },
    contact: { urgency: 'immediate', dangerAcknowledgedAt: null, callbackAssigneeId: lead.userId, callbackOn: local.date },
  })
  expect(json(flagged).contact.dangerAt).toEqual(expect.any(String))

  // Someone is on duty now: the worker gets the next danger's call-back.
  const now = await lead.put(`/api/duty/rota/${local.date}/${half}`, { userId: worker.userId }, ifMatch(0))
  expect(now.statusCode, now.body).toBe(200)
  const second = await contact()
  const flaggedNow = json(await intake.post(`/api/contacts/${second.id}/triage`, { answers: DANGER }, ifMatch(1)))
  expect(flaggedNow).toMatchObject({ dutyUserId: worker.userId, contact: { callbackAssigneeId: worker.userId } })

  // The queue shows unacknowledged danger first (draft or not), before the contact already marked immediate.
  const queue = json(await lead.get('/api/contacts/queue')).items.map((i: { id: string }) => i.id)
  expect(queue.indexOf(first.id)).toBeLessThan(queue.indexOf(waiting.id))
  expect(queue.indexOf(second.id)).toBeLessThan(queue.indexOf(waiting.id))

  // Only a lead acknowledges, with If-Match; once only.
  expect((await intake.post(`/api/contacts/${first.id}/danger/acknowledge`, undefined, ifMatch(2))).statusCode).toBe(403)
  expect((await lead.post(`/api/contacts/${first.id}/danger/acknowledge`)).statusCode).toBe(428)
  const ack = await lead.post(`/api/contacts/${first.id}/danger/acknowledge`, undefined, ifMatch(2))
  expect(ack.statusCode, ack.body).toBe(200)
  expect(json(ack).dangerAcknowledgedAt).toEqual(expect.any(String))
  expect((await lead.post(`/api/contacts/${first.id}/danger/acknowledge`, undefined, ifMatch(3))).statusCode).toBe(409)
  const [entry] = await auditRows(t.services, 'contact.danger_acknowledged')
  expect(entry!.actor_id).toBe(lead.userId)

  // Acknowledged, the draft leaves the head of the queue (a draft waits for nothing there).
  const after = json(await lead.get('/api/contacts/queue')).items.map((i: { id: string }) => i.id)
  expect(after).not.toContain(first.id)
  expect(after[0]).toBe(second.id)
  // A lead cannot acknowledge a contact with no danger.
  expect((await lead.post(`/api/contacts/${waiting.id}/danger/acknowledge`, undefined, ifMatch(2))).statusCode).toBe(409)
})
