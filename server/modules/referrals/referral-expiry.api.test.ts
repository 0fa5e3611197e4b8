import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { queueDailyJobs } from '../../jobs/jobs'
import { JobRunner } from '../../jobs/jobs.runner'
import { type Agent, auditRows, json, serviceAt, serviceDate, startTestApp, type TestApp } from '../../test/harness'
import { brussels } from '../duty/duty.time'
import { referralExpiryJob, startOfBrusselsDay } from './referral-expiry'
import { consent, ifMatch, type Member, newCase, referralWorld } from './referral-world.fixture'

/**
 * The daily sweep of expired consents: the copy's key is destroyed as withdrawal does, the step is
 * on the referral's lifecycle, the partner's next request gets 404 and nothing is downloadable.
 */
let t: TestApp
let w: Awaited<ReturnType<typeof referralWorld>>
let worker: Member

const PDF = Buffer.from('%PDF-1.4\nBilan partagé\n%%EOF\n')

beforeAll(async () => {
  t = await startTestApp()
  w = await referralWorld(t)
  worker = w.worker
})
afterEach(() => vi.useRealTimers())
afterAll(() => t.close())

const db = () => t.services.db
const stored = (id: string) =>
  db().selectFrom('referrals').select(['copy_sealed', 'shredded_at']).where('id', '=', id).executeTakeFirstOrThrow()
const keyOf = (id: string) => db().selectFrom('person_keys').select('person_id').where('person_id', '=', id).executeTakeFirst()
const today = () => brussels(new Date()).date

/** A referral sent under a consent whose last day is today, sharing the summary and one document. */
async function sentUntilToday(agent: Agent = worker) {
  const { caseId } = await newCase(worker, w.team)
  const up = await agent.post(`/api/accompaniments/${caseId}/documents`, PDF, {
    'content-type': 'application/pdf',
    'x-filename': 'bilan.pdf',
  })
  expect(up.statusCode, up.body).toBe(201)
  const documentId = json(up).id as string
  const c = await consent(worker, caseId, w.orgA.id, ['summary', 'documents'], { expiresOn: today() })
  const draft = await worker.post(`/api/accompaniments/${caseId}/referrals`, {
    organisationId: w.orgA.id,
    serviceId: w.orgA.serviceId,
    reason: 'Soutien psychologique',
    summary: 'Résumé pour le partenaire',
    shared: ['summary', 'documents'],
    documentIds: [documentId],
  })
  expect(draft.statusCode, draft.body).toBe(201)
  const id = json(draft).id as string
  expect((await worker.post(`/api/referrals/${id}/send`, { consentId: c.id }, ifMatch(1))).statusCode).toBe(200)
  return { caseId, id, documentId }
}

/** Runs the due jobs of the sweep with the clock moved `days` ahead (only Date: sessions are not touched afterwards). */
async function sweepIn(days: number) {
  const runner = new JobRunner(t.services, [referralExpiryJob], { leaseMs: 60_000 })
  vi.useFakeTimers({ toFake: ['Date'] })
  // Noon in Brussels: the sweep is queued for 00:05, so a clock moved from just after midnight
  // would find nothing due.
  vi.setSystemTime(new Date(serviceAt(days)))
  try {
    await queueDailyJobs(t.services)
    let runs = 0
    while (await runner.runOnce()) runs++
    return runs
  } finally {
    vi.useRealTimers()
    await runner.stop(1000)
  }
}

describe('the daily sweep of expired consents', () => {
  it('leaves a consent valid today alone; the day after, shreds the copy and its key, records the step; the partner gets 404', async () => {
    const { caseId, id, documentId } = await sentUntilToday()
    const base = `/api/partner/referrals/${id}`
    expect((await w.partnerA.get(`${base}/documents/${documentId}`)).statusCode).toBe(200)

    // Today is the consent's last day: the sweep of today changes nothing.
    await sweepIn(0)
    expect((await stored(id)).copy_sealed).not.toBeNull()
    expect(await keyOf(id)).toBeDefined()

    // Two days later (the consent ended yesterday): the sweep destroys the copy and its key.
    expect(await sweepIn(2)).toBeGreaterThanOrEqual(1)
    const row = await stored(id)
    expect(row.copy_sealed).toBeNull()
    expect(row.shredded_at).not.toBeNull()
    expect(await keyOf(id)).toBeUndefined()
    const entry = (await auditRows(t.services, 'referral.expired_shredded')).at(-1)
    expect(entry?.actor_id).toBeNull()
    expect(JSON.parse(entry?.details as string)).toMatchObject({ job: 'referral.expiry' })

    // Back to today's clock: the consent's date alone would still let the partner in, the
    // missing copy does not. Nothing to read, nothing to download, not in the list.
    expect((await w.partnerA.get(base)).statusCode).toBe(404)
    expect((await w.partnerA.get(`${base}/documents/${documentId}`)).statusCode).toBe(404)
    const list = json(await w.partnerA.get('/api/partner/referrals')).items as { id: string }[]
    expect(list.map((r) => r.id)).not.toContain(id)

    // The case shows the step on the referral's lifecycle, and when the copy went.
    const mine = (json(await worker.get(`/api/accompaniments/${caseId}/referrals`)).items as any[]).find((r) => r.id === id)
    expect(mine.shreddedAt).not.toBeNull()
    expect(mine.events.map((e: { kind: string }) => e.kind)).toEqual(['created', 'sent', 'shredded'])
    // …and a line of the case's history says so, under "other", with the referral's code only.
    const history = json(await worker.get(`/api/accompaniments/${caseId}/timeline?kinds=other`)).items as any[]
    const line = history.filter((e) => e.type === 'referral_expired')
    expect(line).toHaveLength(1)
    expect(line[0]).toMatchObject({ kind: 'other', actorId: null, data: { referralId: id, code: mine.code } })
    const sessionsOnly = json(await worker.get(`/api/accompaniments/${caseId}/timeline?kinds=sessions`)).items as any[]
    expect(sessionsOnly.some((e) => e.type === 'referral_expired')).toBe(false)
    // The case keeps its own document.
    expect((await worker.get(`/api/accompaniments/${caseId}/documents/${documentId}`)).rawPayload.equals(PDF)).toBe(true)
  })

  it('a second sweep finds nothing more to do, and each run queues the next day’s once', async () => {
    const { id } = await sentUntilToday()
    await sweepIn(3)
    const events = () =>
      db().selectFrom('referral_events').select('kind').where('referral_id', '=', id).where('kind', '=', 'shredded').execute()
    expect(await events()).toHaveLength(1)
    await sweepIn(3)
    expect(await events()).toHaveLength(1)
    const next = serviceDate(4)
    const waiting = await db()
      .selectFrom('jobs')
      .select(['run_after', 'state'])
      .where('dedupe_key', '=', `referral.expiry:${next}`)
      .execute()
    expect(waiting).toEqual([{ run_after: startOfBrusselsDay(next).toISOString(), state: 'queued' }])
  })

  it('starts each day just after midnight in Brussels, in winter and in summer', () => {
    expect(startOfBrusselsDay('2026-12-03').toISOString()).toBe('2026-12-02T23:05:00.000Z')
    expect(startOfBrusselsDay('2026-07-01').toISOString()).toBe('2026-06-30T22:05:00.000Z')
    // The days of the changes of time: both are still midnight-and-five there.
    expect(startOfBrusselsDay('2026-03-29').toISOString()).toBe('2026-03-28T23:05:00.000Z')
    expect(startOfBrusselsDay('2026-10-25').toISOString()).toBe('2026-10-24T22:05:00.000Z')
  })
})
