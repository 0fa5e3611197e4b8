import { afterAll, beforeAll, expect, it } from 'vitest'
import { extractableStudy } from '../modules/studies/studies.queries'
import { serviceToday } from '../time/service-day'
import { json, startTestApp, type TestApp } from '../test/harness'
import { DEMO_DOMAIN, DEMO_PASSWORD } from './demo.data'
import { seedDemo } from './demo.seed'

let t: TestApp
beforeAll(async () => {
  t = await startTestApp()
  await seedDemo(t.services)
})
afterAll(() => t.close())

const signIn = async (local: string) => {
  const agent = t.agent()
  expect((await agent.post('/api/auth/login', { email: `${local}@${DEMO_DOMAIN}`, password: DEMO_PASSWORD })).statusCode).toBe(200)
  return agent
}

it('gives the demo researcher one approved, running study of the demo lead, decided by the demo DPO', async () => {
  const researcher = await signIn('recherche')
  const items = json(await researcher.get('/api/studies')).items
  expect(items).toHaveLength(1)
  const [study] = items
  expect(study).toMatchObject({ status: 'approved', researchers: [{ displayName: 'Hélène Recherche' }] })
  expect(study.createdBy.displayName).toBe('Luc Responsable')
  expect(study.decidedBy.displayName).toBe('Marc Protection')
  expect(study.variables).toHaveLength(5)
  const lead = await signIn('responsable')
  expect(json(await lead.get('/api/studies')).items.map((s: { id: string }) => s.id)).toEqual([study.id])

  const user = await t.services.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', `recherche@${DEMO_DOMAIN}`)
    .executeTakeFirstOrThrow()
  expect(await extractableStudy(t.services.db, { userId: user.id, roles: ['researcher'] }, study.id, serviceToday())).not.toBeNull()
})
