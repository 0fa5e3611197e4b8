import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, json, startTestApp, type TestApp } from '../../test/harness'
import { organisation } from '../referrals/referral-world.fixture'

let t: TestApp
let admin: Agent
let orgId: string

beforeAll(async () => {
  t = await startTestApp()
  admin = await t.as(['admin'])
  orgId = (await organisation(admin)).id
})
afterAll(() => t.close())

const user = (over: Record<string, unknown>) => ({
  email: `p-${Math.random().toString(36).slice(2)}@partner.example`,
  displayName: 'Nadia',
  ...over,
})
const fieldOf = (res: { statusCode: number; body: string }) => {
  expect(res.statusCode, res.body).toBe(400)
  return JSON.parse(res.body).errors[0]
}

describe('partner accounts belong to an organisation', () => {
  it('an admin creates a partner account attached to an existing organisation; only a partner account has one', async () => {
    expect(fieldOf(await admin.post('/api/users', user({ roles: ['partner'] })))).toMatchObject({
      field: 'organisationId',
      code: 'required',
    })
    expect(fieldOf(await admin.post('/api/users', user({ roles: ['partner'], organisationId: crypto.randomUUID() })))).toMatchObject({
      field: 'organisationId',
      code: 'unknown_organisation',
    })
    expect(fieldOf(await admin.post('/api/users', user({ roles: ['worker'], organisationId: orgId })))).toMatchObject({
      field: 'organisationId',
      code: 'only_for_partner',
    })
    const created = await admin.post('/api/users', user({ roles: ['partner'], organisationId: orgId }))
    expect(created.statusCode, created.body).toBe(201)
    const view = json(created).user
    expect(view.organisationId).toBe(orgId)
    expect(
      (await t.services.db.selectFrom('users').select('organisation_id').where('id', '=', view.id).executeTakeFirstOrThrow())
        .organisation_id,
    ).toBe(orgId)
    // Moved to another organisation (If-Match), then no longer a partner: the organisation goes with the role.
    const other = (await organisation(admin)).id
    const moved = await admin.patch(`/api/users/${view.id}`, { organisationId: other }, { 'if-match': `"${view.version}"` })
    expect(moved.statusCode, moved.body).toBe(200)
    expect(json(moved).organisationId).toBe(other)
    expect(
      fieldOf(await admin.patch(`/api/users/${view.id}`, { organisationId: null }, { 'if-match': `"${json(moved).version}"` })),
    ).toMatchObject({
      field: 'organisationId',
      code: 'required',
    })
    const worker = await admin.patch(`/api/users/${view.id}`, { roles: ['worker'] }, { 'if-match': `"${json(moved).version}"` })
    expect(worker.statusCode, worker.body).toBe(200)
    expect(json(worker).organisationId).toBeNull()
  })
})
