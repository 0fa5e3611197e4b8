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

it('fills the demo line with a week of contacts: a mother calling twice, a teacher, an e-mail, a walk-in, a letter, a call in progress', async () => {
  const list = json(await intake.get('/api/contacts?limit=100'))
  expect(list.total).toBe(7)
  const channels = list.items.map((c: { channel: string }) => c.channel).sort()
  expect(channels).toEqual(['email', 'letter', 'phone', 'phone', 'phone', 'phone', 'walk_in'])
  expect(list.items.filter((c: { status: string }) => c.status === 'draft')).toHaveLength(1)
  expect(list.items.find((c: { callerSector: string | null }) => c.callerSector === 'school')).toBeTruthy()

  // The mother's second call, from the same number written differently, is found by the first.
  const repeat = json(await intake.post('/api/contacts/repeat-caller', { phone: '0478/55.21.09' }))
  expect(repeat.count).toBe(2)
  expect(repeat.items.map((i: { callerName: string }) => i.callerName)).toEqual(['Samira El Amrani', 'Samira El Amrani'])

  // The queue: the 48-hour call first, then the week ones oldest first (the mother's first call has a call-back).
  const queue = json(await intake.get('/api/contacts/queue')).items
  expect(queue.map((c: { urgency: string }) => c.urgency)).toEqual(['48h', 'week', 'week'])
  expect(queue[1].callbackOn).toBeTruthy()

  // Seeding again adds nothing.
  await seedContacts(t.services)
  expect(json(await intake.get('/api/contacts?limit=100')).total).toBe(7)
})
