import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Agent, json, startTestApp, type TestApp } from '../test/harness'
import { DEMO_DOMAIN, DEMO_PASSWORD } from './demo.data'
import { seedDemo } from './demo.seed'
import { DEMO_PARTNER_EMAIL, DEMO_PARTNER_ORGANISATION } from './partners.seed'

let t: TestApp
let lead: Agent
beforeAll(async () => {
  t = await startTestApp()
  await seedDemo(t.services)
  lead = t.agent()
  expect((await lead.post('/api/auth/login', { email: `responsable@${DEMO_DOMAIN}`, password: DEMO_PASSWORD })).statusCode).toBe(200)
})
afterAll(() => t.close())

const DAY = 86_400_000
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10)

it('imports the thirty fictitious organisations of the HSDS fixture, found by "who can help near here"', async () => {
  const list = json(await lead.get('/api/partners'))
  expect(list.items).toHaveLength(30)
  // The same data as the fixture file exports, charters aside: the import's own code wrote it.
  const search = json(
    await lead.get(`/api/partners/search?${new URLSearchParams({ place: '4000 Liège', need: 'mental_health', language: 'ar' })}`),
  )
  expect(search.items.map((i: { organisation: { name: string } }) => i.organisation.name)).toContain(DEMO_PARTNER_ORGANISATION)
  const audit = await t.services.db.selectFrom('audit_log').select('action').where('action', '=', 'partner.imported').execute()
  expect(audit).toHaveLength(1)
})

it('dates charters from today: three due within 30 days, one overdue, the others later', async () => {
  const list = json(await lead.get('/api/partners')).items as { name: string; charterRenewOn: string | null }[]
  const dated = list.filter((o) => o.charterRenewOn)
  const overdue = dated.filter((o) => o.charterRenewOn! < day(0))
  const due = dated.filter((o) => o.charterRenewOn! >= day(0) && o.charterRenewOn! <= day(30))
  expect(overdue.map((o) => o.name)).toEqual([DEMO_PARTNER_ORGANISATION])
  expect(due).toHaveLength(3)
  expect(dated.length).toBeGreaterThan(4)
})

it('attaches the demo partner user to its organisation', async () => {
  const user = await t.services.db
    .selectFrom('users')
    .innerJoin('partner_organisations', 'partner_organisations.id', 'users.organisation_id')
    .select('partner_organisations.name')
    .where('users.email', '=', DEMO_PARTNER_EMAIL)
    .executeTakeFirstOrThrow()
  expect(user.name).toBe(DEMO_PARTNER_ORGANISATION)
})

it('gives the network referrals in every state, one from a contact without a case, and the partner user sees only those still under way at its organisation', async () => {
  const worker = t.agent()
  expect((await worker.post('/api/auth/login', { email: `intervenant@${DEMO_DOMAIN}`, password: DEMO_PASSWORD })).statusCode).toBe(200)
  const statuses = new Set<string>()
  for (const c of json(await worker.get('/api/accompaniments')).items as { id: string }[]) {
    for (const r of json(await worker.get(`/api/accompaniments/${c.id}/referrals`)).items as { status: string }[]) statuses.add(r.status)
  }
  expect([...statuses].sort()).toEqual(['accepted', 'completed', 'declined', 'draft', 'in_progress', 'sent', 'stopped'])

  const partner = t.agent()
  expect((await partner.post('/api/auth/login', { email: DEMO_PARTNER_EMAIL, password: DEMO_PASSWORD })).statusCode).toBe(200)
  const portal = json(await partner.get('/api/partner/referrals')).items as { status: string; copy: { caller?: { name: string | null } } }[]
  expect(portal.map((r) => r.status).sort()).toEqual(['accepted', 'in_progress', 'sent', 'sent'])
  // One came straight from the line: a relative's call that led to no case, with her name.
  const fromLine = portal.filter((r) => r.copy.caller)
  expect(fromLine).toHaveLength(1)
  expect(fromLine[0]?.copy.caller?.name).toBeTruthy()
})
