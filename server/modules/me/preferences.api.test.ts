import { afterAll, beforeAll, expect, it } from 'vitest'
import { MailSender } from '../notifications/mail.sender'
import { type Received, startSmtp } from '../notifications/smtp.test-server'
import { type Agent, json, startTestApp, type TestApp } from '../../test/harness'

/**
 * Issue 12: each account chooses its language (returned by /api/me, used for its e-mails) and how
 * it hears of each event — in the app, by e-mail, both or neither — with a real SMTP server in this
 * process. E-mails stay content-free: the case's code and the sign-in link.
 */
let t: TestApp
let smtp: Awaited<ReturnType<typeof startSmtp>>
let team: string
let lead: Agent & { userId: string; email: string }
let worker: Agent & { userId: string; email: string }
let other: Agent & { userId: string; email: string }

beforeAll(async () => {
  smtp = await startSmtp()
  t = await startTestApp({
    env: { PARCOURS_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, PARCOURS_PUBLIC_URL: 'https://parcours.example.org' },
  })
  team = await t.team()
  lead = await t.as(['lead'], { teamIds: [team] })
  worker = await t.as(['worker'], { teamIds: [team] })
  other = await t.as(['worker'], { teamIds: [team] })
})
afterAll(async () => {
  await t.close()
  await smtp.close()
})

const send = () =>
  new MailSender(t.services.db, {
    smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
    from: 'parcours@example.org',
    engine: t.services.kind,
  }).runOnce()
const mailsTo = (email: string) => smtp.received.filter((m) => m.to.includes(email))
async function assignedCase(workerId: string) {
  const person = json(await lead.post('/api/persons', { firstName: 'Julien', lastName: 'Verhaegen' }))
  const acc = json(await lead.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team }))
  const res = await lead.post(`/api/accompaniments/${acc.id}/assign`, { primaryWorkerId: workerId, coWorkerIds: [] })
  expect(res.statusCode, res.body).toBe(200)
  return acc as { id: string; code: string }
}

it('keeps the account’s language, returns it with /api/me and writes its e-mails in it', async () => {
  expect(json(await worker.get('/api/me')).language).toBeNull()
  const bad = await worker.put('/api/me/language', { language: 'es' })
  expect(bad.statusCode).toBe(400)
  expect(JSON.stringify(json(bad))).toContain('language')
  expect((await worker.put('/api/me/language', { language: 'nl' })).statusCode).toBe(200)
  expect(json(await worker.get('/api/me')).language).toBe('nl')
  // Another account's language is untouched.
  expect(json(await other.get('/api/me')).language).toBeNull()

  const acc = await assignedCase(worker.userId)
  await assignedCase(other.userId)
  expect(await send()).toBeGreaterThanOrEqual(2)
  const [mine] = mailsTo(worker.email) as [Received]
  expect(mine.subject).toContain('Er werd u een dossier toegewezen')
  expect(mine.body).toContain(acc.code)
  expect(mine.body).toContain('https://parcours.example.org/login')
  expect(mine.raw).not.toMatch(/Julien|Verhaegen/)
  // No language chosen: the service's default, French.
  expect((mailsTo(other.email)[0] as Received).subject).toContain('Un dossier vous a été attribué')
})

it('tells each user only the ways they chose, event by event', async () => {
  const prefs = json(await other.get('/api/me/notification-preferences'))
  expect(prefs.emailAvailable).toBe(true)
  expect(prefs.items).toContainEqual({ event: 'case_assigned', inApp: true, email: true })
  expect(prefs.items.map((p: { event: string }) => p.event)).not.toContain('referral_sent')

  const set = await other.put('/api/me/notification-preferences', {
    items: [
      { event: 'case_assigned', inApp: false, email: true },
      { event: 'task_assigned', inApp: true, email: false },
    ],
  })
  expect(set.statusCode, set.body).toBe(200)
  expect(json(set).items).toContainEqual({ event: 'case_assigned', inApp: false, email: true })
  expect(json(set).items).toContainEqual({ event: 'closure_approved', inApp: true, email: true })
  expect(
    (await other.put('/api/me/notification-preferences', { items: [{ event: 'referral_sent', inApp: false, email: false }] })).statusCode,
  ).toBe(400)
  // Preferences are one's own: the worker's are still the defaults.
  expect(json(await worker.get('/api/me/notification-preferences')).items).toContainEqual({
    event: 'case_assigned',
    inApp: true,
    email: true,
  })

  const inAppBefore = json(await other.get('/api/notifications')).items.length
  const mailsBefore = mailsTo(other.email).length
  const acc = await assignedCase(other.userId)
  // case_assigned: by e-mail only.
  expect(json(await other.get('/api/notifications')).items).toHaveLength(inAppBefore)
  await send()
  expect(mailsTo(other.email)).toHaveLength(mailsBefore + 1)
  // task_assigned: in the app only.
  expect(
    (await lead.post(`/api/accompaniments/${acc.id}/assign`, { primaryWorkerId: other.userId, coWorkerIds: [worker.userId] })).statusCode,
  ).toBe(200)
  const task = await worker.post(`/api/accompaniments/${acc.id}/tasks`, {
    title: 'Rappeler',
    dueDate: '2030-01-01',
    assigneeId: other.userId,
  })
  expect(task.statusCode, task.body).toBe(201)
  expect(json(await other.get('/api/notifications')).items[0]).toMatchObject({ event: 'task_assigned', reference: acc.code })
  await send()
  expect(mailsTo(other.email)).toHaveLength(mailsBefore + 1)
})
