import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { type Agent, json, startTestApp, type TestApp } from '../../test/harness'

/**
 * Partner charter renewals on My day (issue 11): the lead sees the organisations whose charter
 * is to be renewed within 30 days, or overdue; workers do not get the field. "Today"
 * is frozen (Date only) so that the boundaries below are the same whenever the test runs; the
 * agents sign in inside the frozen time so that their sessions live in it too.
 */
let t: TestApp
let lead: Agent
let admin: Agent
let worker: Agent
let intake: Agent
beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2027-03-10T09:30:00Z') })
  t = await startTestApp()
  lead = await t.as(['lead'])
  admin = await t.as(['admin'])
  worker = await t.as(['worker'])
  intake = await t.as(['intake'])
})
afterAll(async () => {
  await t.close()
  vi.useRealTimers()
})

const organisation = (name: string, renewOn: string | null, active = true) => ({
  name,
  description: 'Organisation fictive',
  charterSignedOn: renewOn ? '2025-03-01' : null,
  charterRenewOn: renewOn,
  languages: ['fr'],
  active,
  contacts: [],
  services: [{ name: 'Accueil', languages: ['fr'], needs: ['mental_health'], coverage: [{ level: 'postcode', code: '4000' }] }],
})

describe('charter renewals on My day', () => {
  const ids: Record<string, string> = {}
  beforeAll(async () => {
    for (const [name, renewOn, active] of [
      ['In thirty days', '2027-04-09', true],
      ['In thirty-one days', '2027-04-10', true],
      ['Overdue by a day', '2027-03-09', true],
      ['Due today', '2027-03-10', true],
      ['Inactive, due soon', '2027-03-20', false],
      ['No charter', null, true],
      ['Long overdue', '2026-11-30', true],
    ] as const) {
      const res = await lead.post('/api/partners', organisation(name, renewOn, active))
      expect(res.statusCode, res.body).toBe(201)
      ids[name] = json(res).id
    }
  })

  it('shows the lead the charters due within 30 days and the overdue ones, most urgent first, not later ones nor inactive partners', async () => {
    const day = json(await lead.get('/api/my-day'))
    expect(day.date).toBe('2027-03-10')
    expect(day.charterRenewals).toEqual([
      { organisationId: ids['Long overdue'], name: 'Long overdue', renewOn: '2026-11-30', overdue: true },
      { organisationId: ids['Overdue by a day'], name: 'Overdue by a day', renewOn: '2027-03-09', overdue: true },
      { organisationId: ids['Due today'], name: 'Due today', renewOn: '2027-03-10', overdue: false },
      { organisationId: ids['In thirty days'], name: 'In thirty days', renewOn: '2027-04-09', overdue: false },
    ])
  })

  it('gives workers and intake no charter renewals at all (admin has no My day)', async () => {
    for (const agent of [worker, intake]) {
      const res = await agent.get('/api/my-day')
      expect(res.statusCode).toBe(200)
      expect(json(res)).not.toHaveProperty('charterRenewals')
    }
    expect((await admin.get('/api/my-day')).statusCode).toBe(403)
  })

  it('drops a charter from the list once it is renewed', async () => {
    const id = ids['Overdue by a day'] as string
    const current = await lead.get(`/api/partners/${id}`)
    const renewed = await lead.put(
      `/api/partners/${id}`,
      { ...organisation('Overdue by a day', '2029-03-09'), charterSignedOn: '2027-03-10' },
      { 'if-match': current.headers.etag as string },
    )
    expect(renewed.statusCode, renewed.body).toBe(200)
    const day = json(await lead.get('/api/my-day'))
    expect(day.charterRenewals.map((c: { name: string }) => c.name)).toEqual(['Long overdue', 'Due today', 'In thirty days'])
  })
})
