import crypto from 'node:crypto'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { toJson } from '../../db/json'
import { type Agent, json, startTestApp, type TestApp } from '../../test/harness'
import { notify } from './notify'

/**
 * The notifications menu's API: the caller's own (and their organisation's, for partner staff),
 * newest first with the unread count; another user's is 404 whether or not it exists; marking
 * read is the caller's own only. Without an SMTP server nothing is queued, the notice is shown.
 */

let t: TestApp
let worker: Agent & { userId: string }
let other: Agent & { userId: string }
let partner: Agent & { userId: string }
let org: string

beforeAll(async () => {
  t = await startTestApp()
  worker = await t.as(['worker'])
  other = await t.as(['lead'])
  org = crypto.randomUUID()
  const at = new Date().toISOString()
  await t.services.db
    .insertInto('partner_organisations')
    .values({
      id: org,
      name: 'Partner',
      alternate_name: null,
      description: 'Partner',
      missions: null,
      goals: null,
      ethics: null,
      charter_signed_on: null,
      charter_renew_on: null,
      audiences: toJson([]),
      languages: toJson(['fr']),
      accessibility: null,
      email: null,
      website: null,
      referral_email: 'referrals@partner.example.org',
      active: 1,
      created_at: at,
      updated_at: at,
      version: 1,
    })
    .execute()
  partner = await t.as(['partner'])
  // Attaching partner staff to their organisation is the users admin API's (referrals lane).
  await t.services.db.updateTable('users').set({ organisation_id: org }).where('id', '=', partner.userId).execute()
})
afterAll(() => t.close())

const send = (event: Parameters<typeof notify>[1]) => t.services.db.transaction().execute((trx) => notify(trx, event, t.config))

it('lists the caller’s own notifications, newest first, and marks one read', async () => {
  const referralId = crypto.randomUUID()
  expect(await send({ event: 'referral_accepted', referralId, code: 'R-ACCEPT01', userId: worker.userId })).toEqual({
    notifications: 1,
    mails: 0, // no SMTP server configured: shown in the app only
  })
  await new Promise((r) => setTimeout(r, 5))
  await send({ event: 'referral_completed', referralId, code: 'R-ACCEPT01', userId: worker.userId })
  expect(await t.services.db.selectFrom('mail_outbox').select('id').execute()).toEqual([])

  const list = await worker.get('/api/notifications')
  expect(list.statusCode, list.body).toBe(200)
  const body = json(list)
  expect(body.unread).toBe(2)
  expect(body.items.map((n: { event: string }) => n.event)).toEqual(['referral_completed', 'referral_accepted'])
  expect(body.items[0]).toMatchObject({
    subjectType: 'referral',
    subjectId: referralId,
    reference: 'R-ACCEPT01',
    readAt: null,
    forOrganisation: false,
  })

  // Another user sees none of them and cannot mark them: 404, as for an id that does not exist.
  expect(json(await other.get('/api/notifications'))).toEqual({ items: [], unread: 0 })
  const id = body.items[1].id as string
  const theirs = await other.post(`/api/notifications/${id}/read`)
  const none = await other.post(`/api/notifications/${crypto.randomUUID()}/read`)
  expect(theirs.statusCode).toBe(404)
  expect(none.statusCode).toBe(404)
  const pick = (b: { type?: string; title?: string; status?: number }) => [b.type, b.title, b.status]
  expect(pick(json(theirs))).toEqual(pick(json(none)))
  expect((await other.post('/api/notifications/not-an-id/read')).statusCode).toBe(400)

  const read = await worker.post(`/api/notifications/${id}/read`)
  expect(read.statusCode, read.body).toBe(200)
  expect(json(read)).toMatchObject({ id, readAt: expect.any(String) })
  const again = json(await worker.post(`/api/notifications/${id}/read`))
  expect(again.readAt).toBe(json(read).readAt)
  const after = json(await worker.get('/api/notifications'))
  expect(after.unread).toBe(1)
  expect(after.items[1]).toMatchObject({ id, readAt: json(read).readAt })
})

it('shows partner staff their organisation’s notifications, and no one else’s', async () => {
  const referralId = crypto.randomUUID()
  await send({ event: 'referral_sent', referralId, code: 'R-SENT0001', organisationId: org })
  const mine = json(await partner.get('/api/notifications'))
  expect(mine.unread).toBe(1)
  expect(mine.items).toEqual([expect.objectContaining({ event: 'referral_sent', subjectId: referralId, forOrganisation: true })])
  // Staff of the service do not see an organisation's notices.
  expect(json(await worker.get('/api/notifications')).items.map((n: { subjectId: string }) => n.subjectId)).not.toContain(referralId)
  expect((await worker.post(`/api/notifications/${mine.items[0].id}/read`)).statusCode).toBe(404)
  expect((await partner.post(`/api/notifications/${mine.items[0].id}/read`)).statusCode).toBe(200)
  expect(json(await partner.get('/api/notifications')).unread).toBe(0)
})

it('needs a session', async () => {
  expect((await t.agent().get('/api/notifications')).statusCode).toBe(401)
})
