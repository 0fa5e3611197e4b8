import { afterAll, beforeAll, expect, it } from 'vitest'
import { json, startTestApp, type TestApp, serviceDate } from '../../test/harness'
import { ifMatch, newCase, referralWorld, sent } from '../referrals/referral-world.fixture'

/** Issue 14: referrals sent from the team's cases, by what became of them and by the partner's audience. */
let t: TestApp
let w: Awaited<ReturnType<typeof referralWorld>>

const day = serviceDate

beforeAll(async () => {
  t = await startTestApp()
  w = await referralWorld(t)
  for (let i = 0; i < 12; i++) {
    const { caseId } = await newCase(w.worker, w.team)
    const { referral } = await sent(w.worker, caseId, w.orgA, ['summary'])
    // One declined by the partner: a cell of one.
    if (i === 0) {
      const declined = await w.partnerA.post(
        `/api/partner/referrals/${referral.id}/decline`,
        { reasonCode: 'no_capacity', reason: 'Liste d’attente' },
        ifMatch(referral.version),
      )
      expect(declined.statusCode, declined.body).toBe(200)
    }
  }
})
afterAll(() => t?.close())

it('counts the team’s referrals by result and by the partner’s audience, the declined one hidden', async () => {
  const res = await w.lead.get(`/api/indicators?teamId=${w.team}&from=${day(-1)}&to=${day(1)}`)
  expect(res.statusCode, res.body).toBe(200)
  const r = json(res).referrals
  const at = (key: string) => r.byResult.counts[r.byResult.keys.indexOf(key)]
  expect(at('declined')).toEqual({ below: 10 })
  // The eleven awaiting an answer are hidden with it: the total of twelve would give it back.
  expect(at('awaiting')).toEqual({ below: 10 })
  expect(at('met')).toEqual({ count: 0 })
  expect(r.byResult.total).toEqual({ count: 12 })
  expect(r.byAudience.counts[r.byAudience.keys.indexOf('young_people')]).toEqual({ count: 12 })
  expect(r.byAudience.counts[r.byAudience.keys.indexOf('adults')]).toEqual({ count: 0 })
  // Another team's lead learns nothing of them.
  const other = await t.as(['lead'], { teamIds: [await t.team()] })
  expect((await other.get(`/api/indicators?teamId=${w.team}&from=${day(-1)}&to=${day(1)}`)).statusCode).toBe(404)
})
