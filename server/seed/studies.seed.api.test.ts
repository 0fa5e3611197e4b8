import { expect, it } from 'vitest'
import { extractableStudy } from '../modules/studies/studies.queries'
import { serviceToday } from '../time/service-day'
import { json } from '../test/harness'
import { DEMO_DOMAIN } from './demo.data'
import { demoApp } from './demo.fixture'

const app = demoApp()
const signIn = (local: string) => app.signIn(local)

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

  const user = await app.t.services.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', `recherche@${DEMO_DOMAIN}`)
    .executeTakeFirstOrThrow()
  expect(await extractableStudy(app.t.services.db, { userId: user.id, roles: ['researcher'] }, study.id, serviceToday())).not.toBeNull()
})
