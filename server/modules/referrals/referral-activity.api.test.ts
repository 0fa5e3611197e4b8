import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { json, startTestApp, type TestApp } from '../../test/harness'
import { median } from './referral-activity'
import { ifMatch, newCase, referralWorld, sent } from './referral-world.fixture'

/** Activity of the network: counts per organisation, for leads and admins, and for that organisation's own staff only. */
let t: TestApp
let w: Awaited<ReturnType<typeof referralWorld>>

beforeAll(async () => {
  t = await startTestApp()
  w = await referralWorld(t)
})
afterAll(() => t.close())

describe('activity of the partner network', () => {
  it('counts sent, awaiting, accepted, declined, completed, outcomes and the time to answer; counts only', async () => {
    const worker = w.worker
    const codes: string[] = []
    const lastNames: string[] = []
    const one = async () => {
      const c = await newCase(worker, w.team)
      lastNames.push(c.lastName)
      const { referral } = await sent(worker, c.caseId, w.orgA, ['summary'])
      codes.push(referral.code)
      return `/api/partner/referrals/${referral.id}`
    }
    const done = await one()
    expect((await w.partnerA.post(`${done}/accept`, {}, ifMatch(2))).statusCode).toBe(200)
    expect((await w.partnerA.post(`${done}/progress`, {}, ifMatch(3))).statusCode).toBe(200)
    const completed = await w.partnerA.post(`${done}/complete`, { outcome: { need: 'met', person: 'stayed' } }, ifMatch(4))
    expect(completed.statusCode, completed.body).toBe(200)
    const refused = await one()
    expect(
      (await w.partnerA.post(`${refused}/decline`, { reasonCode: 'no_capacity', reason: 'Plus de places' }, ifMatch(2))).statusCode,
    ).toBe(200)
    const elsewhere = await one()
    const second = await w.partnerA.post(`${elsewhere}/decline`, { reasonCode: 'outside_area', reason: 'Hors zone' }, ifMatch(2))
    expect(second.statusCode, second.body).toBe(200)
    await one()

    const res = await w.lead.get(`/api/partners/${w.orgA.id}/activity`)
    expect(res.statusCode, res.body).toBe(200)
    const a = json(res)
    expect(a).toMatchObject({
      organisationId: w.orgA.id,
      sent: 4,
      awaiting: 1,
      accepted: 1,
      declined: 2,
      completed: 1,
      stopped: 0,
      outcomes: { need: { met: 1, partly_met: 0, not_met: 0 }, person: { stayed: 1, left: 0 } },
      declineReasons: { no_capacity: 1, outside_mission: 0, outside_area: 1, not_eligible: 0, better_elsewhere: 0, other: 0, not_given: 0 },
    })
    expect(a.medianHoursToAnswer).toBeGreaterThanOrEqual(0)
    expect(a.medianHoursToAnswer).toBeLessThan(1)
    // Counts only: no code, no name, no reason.
    const all = await w.lead.get('/api/partners/activity')
    expect(all.statusCode, all.body).toBe(200)
    const text = all.body + res.body
    for (const s of [...codes, ...lastNames, 'Plus de places', 'Hors zone']) expect(text).not.toContain(s)
    const b = json(all).items.find((i: { organisationId: string }) => i.organisationId === w.orgB.id)
    expect(b).toMatchObject({ sent: 0, accepted: 0, medianHoursToAnswer: null })
  })

  it('a partner sees its own organisation’s activity only; a worker none', async () => {
    expect((await w.partnerA.get(`/api/partners/${w.orgA.id}/activity`)).statusCode).toBe(200)
    const other = await w.partnerA.get(`/api/partners/${w.orgB.id}/activity`)
    expect(other.statusCode).toBe(404)
    expect((await w.partnerA.get('/api/partners/activity')).statusCode).toBe(403)
    expect((await w.worker.get(`/api/partners/${w.orgA.id}/activity`)).statusCode).toBe(403)
    const admin = await t.as(['admin'])
    expect((await admin.get(`/api/partners/${w.orgB.id}/activity`)).statusCode).toBe(200)
    expect((await admin.get('/api/partners/00000000-0000-4000-8000-000000000000/activity')).statusCode).toBe(404)
  })

  it('the median is the middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeNull()
    expect(median([5, 1, 3])).toBe(3)
    expect(median([4, 1, 3, 10])).toBe(3.5)
  })
})
