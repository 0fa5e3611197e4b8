import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { toJson } from '../../db/json'
import { type Agent, json, startTestApp, type TestApp } from '../../test/harness'
import { MailSender } from './mail.sender'
import { runScheduledNotifications } from './notifications.schedule'
import { notify } from './notify'
import { type Received, startSmtp } from './smtp.test-server'

/**
 * E-mail notifications end to end with a real SMTP server in this process: queued in the
 * transaction of the write, sent by the sender, without personal data, nothing lost while the
 * server is down, each delivered once even with two senders at once.
 */

const PUBLIC_URL = 'https://parcours.example.org'
const LINK = `${PUBLIC_URL}/login`
// A Wednesday morning in Brussels: the dates below do not move near midnight.
const NOW = new Date('2026-12-02T09:30:00Z')
const TODAY = '2026-12-02'

let t: TestApp
let smtp: Awaited<ReturnType<typeof startSmtp>>
let lead: Agent & { userId: string; email: string }
let intake: Agent & { userId: string; email: string }

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'], now: NOW })
  smtp = await startSmtp()
  t = await startTestApp({ env: { PARCOURS_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, PARCOURS_PUBLIC_URL: PUBLIC_URL } })
  lead = await t.as(['lead'])
  intake = await t.as(['intake'])
})
afterAll(async () => {
  await t.close()
  await smtp.close()
  vi.useRealTimers()
})

const sender = (port = smtp.port, options: { backoffMs?: number; maxAttempts?: number } = {}) =>
  new MailSender(t.services.db, { smtpUrl: `smtp://127.0.0.1:${port}`, from: 'parcours@example.org', engine: t.services.kind, ...options })

async function organisation(values: { referralEmail?: string; renewOn?: string | null; languages?: string[] } = {}) {
  const id = crypto.randomUUID()
  const at = new Date().toISOString()
  await t.services.db
    .insertInto('partner_organisations')
    .values({
      id,
      name: 'Maison de quartier Zéphyrine',
      alternate_name: null,
      description: 'Accueil',
      missions: null,
      goals: null,
      ethics: null,
      charter_signed_on: null,
      charter_renew_on: values.renewOn ?? null,
      audiences: toJson([]),
      languages: toJson(values.languages ?? ['fr']),
      accessibility: null,
      email: null,
      website: null,
      referral_email: values.referralEmail ?? `referrals-${id.slice(0, 8)}@partner.example.org`,
      active: 1,
      created_at: at,
      updated_at: at,
      version: 1,
    })
    .execute()
  return id
}

const outboxFor = (recipient: string) => t.services.db.selectFrom('mail_outbox').selectAll().where('recipient', '=', recipient).execute()

describe('queued with the write', () => {
  it('exists exactly when the transaction that caused it commits', async () => {
    const email = 'rollback@partner.example.org'
    const org = await organisation({ referralEmail: email, languages: ['nl', 'fr'] })
    const event = { event: 'referral_sent', referralId: crypto.randomUUID(), code: 'R-ROLLBACK1', organisationId: org } as const
    await expect(
      t.services.db.transaction().execute(async (trx) => {
        await trx.updateTable('partner_organisations').set({ version: 2 }).where('id', '=', org).execute()
        expect(await notify(trx, event, t.config)).toEqual({ notifications: 1, mails: 1 })
        throw new Error('the write fails after the event was recorded')
      }),
    ).rejects.toThrow('the write fails')
    expect(await outboxFor(email)).toEqual([])
    expect(await t.services.db.selectFrom('notifications').select('id').where('subject_id', '=', event.referralId).execute()).toEqual([])
    const kept = await t.services.db.selectFrom('partner_organisations').select('version').where('id', '=', org).executeTakeFirstOrThrow()
    expect(kept.version).toBe(1)

    await t.services.db.transaction().execute((trx) => notify(trx, event, t.config))
    const [row] = await outboxFor(email)
    expect(row).toMatchObject({
      event: 'referral_sent',
      language: 'nl',
      reference: 'R-ROLLBACK1',
      link: LINK,
      status: 'pending',
      attempts: 0,
    })
    const shown = await t.services.db.selectFrom('notifications').selectAll().where('subject_id', '=', event.referralId).execute()
    expect(shown).toEqual([
      expect.objectContaining({ organisation_id: org, user_id: null, event: 'referral_sent', reference: 'R-ROLLBACK1' }),
    ])
  })
})

describe('scheduled events, sent without personal data', () => {
  const NAME = 'Zénobie Quartermaine'
  const SUMMARY = 'Propos inquiétants entendus au club de boxe Hirondelle'
  let contactId: string

  it('queues a call-back due to the person on duty and a charter renewal to the leads, once each', async () => {
    const created = await intake.post('/api/contacts', {
      channel: 'phone',
      occurredAt: '2026-12-01T10:05:00.000Z',
      callerKind: 'relative',
      caller: { name: NAME, phone: '0471 22 33 44', email: 'zenobie@example.org', reach: null },
      summary: SUMMARY,
      urgency: 'week',
    })
    expect(created.statusCode, created.body).toBe(201)
    contactId = json(created).id
    const final = await intake.post(`/api/contacts/${contactId}/finalise`, undefined, { 'if-match': '"1"' })
    expect(final.statusCode, final.body).toBe(200)
    const cb = await intake.post(`/api/contacts/${contactId}/callback`, { dueDate: TODAY }, { 'if-match': `"${json(final).version}"` })
    expect(cb.statusCode, cb.body).toBe(200)
    const rota = await lead.put(`/api/duty/rota/${TODAY}/am`, { userId: intake.userId, phone: '' }, { 'if-match': '"0"' })
    expect(rota.statusCode, rota.body).toBe(200)
    const org = await organisation({ renewOn: '2026-12-20' })
    await organisation({ renewOn: '2027-03-01' }) // beyond 30 days: not yet

    const first = await runScheduledNotifications(t.services, NOW)
    expect(first.date).toBe(TODAY)
    const toIntake = await outboxFor(intake.email)
    expect(toIntake).toEqual([expect.objectContaining({ event: 'callback_due', status: 'pending', link: LINK })])
    const toLead = await outboxFor(lead.email)
    expect(toLead).toEqual([
      expect.objectContaining({ event: 'charter_renewal_due', reference: `P-${org.replace(/-/g, '').slice(0, 8).toUpperCase()}` }),
    ])

    // The next check, or another instance's, the same day: nothing new.
    expect(await runScheduledNotifications(t.services, NOW)).toMatchObject({ notifications: 0, mails: 0 })
    expect(await outboxFor(intake.email)).toHaveLength(1)
    const mine = json(await intake.get('/api/notifications'))
    expect(mine.items).toEqual([expect.objectContaining({ event: 'callback_due', subjectType: 'contact', subjectId: contactId })])
  })

  it('delivers them: event, reference and link only — no name, no summary, no organisation name', async () => {
    expect(await sender().runOnce()).toBeGreaterThanOrEqual(2)
    const [toIntake] = await outboxFor(intake.email)
    expect(toIntake).toMatchObject({ status: 'sent', attempts: 1, last_error: null })
    const message = smtp.received.find((m) => m.to.includes(intake.email)) as Received
    expect(message.subject).toContain(toIntake?.reference)
    expect(message.subject).toContain('Rappel')
    expect(message.body).toContain(toIntake?.reference)
    expect(message.body).toContain(LINK)
    const charter = smtp.received.find((m) => m.to.includes(lead.email)) as Received
    expect(charter.subject).toContain('Charte')
    for (const m of [message, charter]) {
      for (const secret of [
        NAME,
        'Zénobie',
        'Quartermaine',
        'zenobie@example.org',
        '0471',
        SUMMARY,
        'boxe',
        'Zéphyrine',
        contactId,
        'Test intake',
      ]) {
        expect(m.subject).not.toContain(secret)
        expect(m.raw).not.toContain(secret)
        expect(m.body).not.toContain(secret)
      }
    }
    // Sent once: a second run finds nothing due.
    expect(await sender().runOnce()).toBe(0)
    expect(smtp.received.filter((m) => m.to.includes(intake.email))).toHaveLength(1)
  })
})

async function queue(n: number, tag: string): Promise<string[]> {
  const emails = Array.from({ length: n }, (_, i) => `${tag}-${i}@partner.example.org`)
  for (const email of emails) {
    const org = await organisation({ referralEmail: email })
    const event = { event: 'referral_sent', referralId: crypto.randomUUID(), code: `R-${tag.toUpperCase()}`, organisationId: org } as const
    await t.services.db.transaction().execute((trx) => notify(trx, event, t.config))
  }
  return emails
}

describe('the SMTP server down', () => {
  it('keeps every e-mail, retries with backoff, and delivers each once when it is back', async () => {
    const down = await startSmtp()
    const port = down.port
    await down.close()
    const emails = await queue(3, 'down')
    expect(await sender(port, { backoffMs: 60_000 }).runOnce()).toBe(0)
    for (const email of emails) {
      const [row] = await outboxFor(email)
      expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: expect.stringMatching(/^smtp\.[a-z0-9_.]+$/) })
      expect(row?.next_attempt_at).toBe(new Date(NOW.getTime() + 60_000).toISOString())
    }
    // Not due yet: a run now leaves them alone.
    expect(await sender(port, { backoffMs: 60_000 }).runOnce()).toBe(0)
    expect((await outboxFor(emails[0] as string))[0]?.attempts).toBe(1)

    const up = await startSmtp(port)
    try {
      vi.setSystemTime(new Date(NOW.getTime() + 61_000))
      expect(await sender(port).runOnce()).toBe(3)
      expect(await sender(port).runOnce()).toBe(0)
      for (const email of emails) {
        expect(up.received.filter((m) => m.to.includes(email))).toHaveLength(1)
        expect(await outboxFor(email)).toEqual([expect.objectContaining({ status: 'sent', attempts: 2 })])
      }
    } finally {
      await up.close()
      vi.setSystemTime(NOW)
    }
  })

  it('gives up after the last attempt, keeping an error code and no address', async () => {
    const down = await startSmtp()
    await down.close()
    const [email] = await queue(1, 'gone')
    const s = sender(down.port, { backoffMs: 0, maxAttempts: 2 })
    await s.runOnce()
    await s.runOnce()
    const [row] = await outboxFor(email as string)
    expect(row).toMatchObject({ status: 'failed', attempts: 2 })
    expect(row?.last_error).toMatch(/^smtp\.[a-z0-9_.]+$/)
    expect(await s.runOnce()).toBe(0)
  })
})

describe('two senders at once', () => {
  it('deliver each e-mail once', async () => {
    const emails = await queue(6, 'twice')
    const [a, b] = await Promise.all([sender().runOnce(), sender().runOnce()])
    expect(a + b).toBe(6)
    for (const email of emails) {
      expect(smtp.received.filter((m) => m.to.includes(email))).toHaveLength(1)
      expect(await outboxFor(email)).toEqual([expect.objectContaining({ status: 'sent', attempts: 1 })])
    }
  })
})
