import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditRows, json, startTestApp, type TestApp } from '../../test/harness'
import { ifMatch, referralWorld } from '../referrals/referral-world.fixture'

/** A partner's staff keep their own organisation's description, services and capacity; never its charter, nor another's. */
let t: TestApp
let w: Awaited<ReturnType<typeof referralWorld>>

beforeAll(async () => {
  t = await startTestApp()
  w = await referralWorld(t)
})
afterAll(() => t.close())

const path = '/api/partner/organisation/profile'

describe('a partner updates its own organisation', () => {
  it('changes the description and a service’s capacity (If-Match); the directory shows it, charter untouched', async () => {
    const signed = { charterSignedOn: '2026-01-10', charterRenewOn: '2027-01-10' }
    const dir = json(await w.lead.get(`/api/partners/${w.orgA.id}`))
    const { createdAt: _c, updatedAt: _u, version, ...input } = dir
    const charter = await w.lead.put(`/api/partners/${w.orgA.id}`, { ...input, ...signed }, ifMatch(version))
    expect(charter.statusCode, charter.body).toBe(200)

    const got = await w.partnerA.get(path)
    expect(got.statusCode, got.body).toBe(200)
    const mine = json(got)
    expect(mine).toMatchObject({ id: w.orgA.id, ...signed })
    const body = {
      description: 'Consultations psychologiques, aussi en soirée',
      services: [{ id: w.orgA.serviceId, description: 'Le mardi soir', eligibility: 'Dès 12 ans', capacity: 'full', waitDays: 30 }],
    }
    expect((await w.partnerA.put(path, body)).statusCode).toBe(428)
    expect((await w.partnerA.put(path, body, ifMatch(mine.version + 1))).statusCode).toBe(412)
    const res = await w.partnerA.put(path, body, ifMatch(mine.version))
    expect(res.statusCode, res.body).toBe(200)
    expect(json(res)).toMatchObject({ description: body.description, version: mine.version + 1, ...signed })
    expect(json(res).services[0]).toMatchObject({ capacity: 'full', waitDays: 30, eligibility: 'Dès 12 ans' })

    const after = json(await w.lead.get(`/api/partners/${w.orgA.id}`))
    expect(after).toMatchObject({ description: body.description, ...signed, name: dir.name, referralEmail: dir.referralEmail })
    expect(after.services[0]).toMatchObject({ name: 'Consultations', capacity: 'full', needs: ['mental_health'] })
    expect(after.services[0].coverage.map((c: { code: string }) => c.code)).toEqual(['4000'])
    const entry = (await auditRows(t.services, 'partner.self_updated')).at(-1)
    expect(entry).toMatchObject({ actor_id: w.partnerA.userId, subject_id: w.orgA.id })
  })

  it('refuses charter and other fields by name, another organisation’s service, and the directory’s own route', async () => {
    const mine = json(await w.partnerA.get(path))
    const base = { description: 'Autre', services: [] }
    for (const [key, value] of [
      ['charterSignedOn', '2026-02-01'],
      ['charterRenewOn', '2030-01-01'],
      ['name', 'Nouveau nom'],
      ['active', false],
    ] as const) {
      const res = await w.partnerA.put(path, { ...base, [key]: value }, ifMatch(mine.version))
      expect(res.statusCode, res.body).toBe(400)
      expect(JSON.stringify(json(res).errors)).toContain(key)
    }
    const foreign = await w.partnerA.put(
      path,
      { ...base, services: [{ id: w.orgB.serviceId, description: null, eligibility: null, capacity: 'full', waitDays: null }] },
      ifMatch(mine.version),
    )
    expect(foreign.statusCode, foreign.body).toBe(400)
    expect(json(foreign).errors[0]).toMatchObject({ field: 'services.0.id', code: 'unknown' })
    // Nothing was written: the other organisation's service and this one's version are as they were.
    expect(json(await w.lead.get(`/api/partners/${w.orgB.id}`)).services[0].capacity).toBe('available')
    expect(json(await w.partnerA.get(path)).version).toBe(mine.version)
    // The directory's own write route is not the partner's.
    expect((await w.partnerA.put(`/api/partners/${w.orgB.id}`, base, ifMatch(1))).statusCode).toBe(403)
    expect((await w.partnerA.put(`/api/partners/${w.orgA.id}`, base, ifMatch(mine.version))).statusCode).toBe(403)
    // Partner B sees and changes only its own.
    expect(json(await w.partnerB.get(path)).id).toBe(w.orgB.id)
    // A worker is not partner staff.
    expect((await w.worker.put(path, base, ifMatch(1))).statusCode).toBe(403)
  })
})
