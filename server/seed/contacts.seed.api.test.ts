import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Agent, json, startTestApp, type TestApp } from '../test/harness'
import { seedContacts } from './contacts.seed'
import { DEMO_DOMAIN, DEMO_PASSWORD } from './demo.data'
import { seedDemo } from './demo.seed'

let t: TestApp
let intake: Agent
beforeAll(async () => {
  t = await startTestApp()
  await seedDemo(t.services)
  intake = t.agent()
  expect((await intake.post('/api/auth/login', { email: `accueil@${DEMO_DOMAIN}`, password: DEMO_PASSWORD })).statusCode).toBe(200)
})
afterAll(() => t.close())

it('fills the demo line with a week of contacts: a mother calling twice and called back, a teacher, an e-mail, a walk-in, a letter, an emergency, a call in progress', async () => {
  const list = json(await intake.get('/api/contacts?limit=100'))
  expect(list.total).toBe(9)
  const channels = list.items.map((c: { channel: string }) => c.channel).sort()
  expect(channels).toEqual(['email', 'letter', 'phone', 'phone', 'phone', 'phone', 'phone', 'phone', 'walk_in'])
  expect(list.items.filter((c: { status: string }) => c.status === 'draft')).toHaveLength(1)
  expect(list.items.find((c: { callerSector: string | null }) => c.callerSector === 'school')).toBeTruthy()

  // The mother's calls, from the same number written differently, and the call-back to her: all found by the first.
  const repeat = json(await intake.post('/api/contacts/repeat-caller', { phone: '0478/55.21.09' }))
  expect(repeat.count).toBe(3)
  expect(new Set(repeat.items.map((i: { callerName: string }) => i.callerName))).toEqual(new Set(['Samira El Amrani']))

  // Her first call was answered by an outgoing call: called back, out of the queue.
  const answer = list.items.find((c: { direction: string }) => c.direction === 'outgoing')
  const answerView = json(await intake.get(`/api/contacts/${answer.id}`))
  expect(answerView.answersContactId).toBeTruthy()
  const answered = json(await intake.get(`/api/contacts/${answerView.answersContactId}`))
  expect(answered).toMatchObject({ calledBackBy: answer.id, callbackOn: expect.any(String) })
  expect(answered.calledBackAt).toBeTruthy()

  // The queue: the emergency (immediate danger, not acknowledged) first, then the 48-hour call, then the walk-in.
  const queue = json(await intake.get('/api/contacts/queue')).items
  expect(queue.map((c: { urgency: string }) => c.urgency)).toEqual(['immediate', '48h', 'week'])
  expect(queue[0]).toMatchObject({ dangerAt: expect.any(String), dangerAcknowledgedAt: null, callerSector: 'youth_service' })
  expect(queue.map((c: { id: string }) => c.id)).not.toContain(answered.id)

  // Sheets given on two calls, each with the exact published version.
  const given = await t.services.db
    .selectFrom('contact_information_given')
    .innerJoin('sheet_versions', 'sheet_versions.id', 'contact_information_given.sheet_version_id')
    .select(['contact_information_given.how', 'sheet_versions.status', 'sheet_versions.language'])
    .execute()
  expect(given.map((g) => g.how).sort()).toEqual(['email', 'read_aloud'])
  expect(given.every((g) => g.status === 'published' && g.language === 'fr')).toBe(true)

  // A request from the public form waits in the intake inbox.
  const inbox = json(await intake.get('/api/contact-requests'))
  expect(inbox.items).toHaveLength(1)
  expect(inbox.items[0]).toMatchObject({ state: 'open', callerKind: 'relative' })

  // The exception recorded on the emergency waits for the lead's validation.
  const lead = t.agent()
  expect((await lead.post('/api/auth/login', { email: `responsable@${DEMO_DOMAIN}`, password: DEMO_PASSWORD })).statusCode).toBe(200)
  const register = json(await lead.get('/api/exceptions'))
  expect(register.items).toEqual([expect.objectContaining({ status: 'pending', contactId: queue[0].id, recipientKind: 'police' })])

  // Who is on duty now comes from the demo rota.
  const now = json(await intake.get('/api/duty/now'))
  expect(now.onDuty?.displayName ?? now.next?.displayName).toBeTruthy()

  // Seeding again adds nothing.
  await seedContacts(t.services)
  expect(json(await intake.get('/api/contacts?limit=100')).total).toBe(9)
})
