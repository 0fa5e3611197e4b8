import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, auditRows, json, startTestApp, TEST_PASSWORD, type TestApp } from '../../test/harness'

/**
 * Finding 5 of the review: an administrator could give themselves the lead role and a team
 * (a PATCH on their own account) and then read that team's cases. Nobody changes their own
 * roles, teams or disabled state; the refusal is recorded.
 */
let t: TestApp
let teamId: string
let caseId: string
beforeAll(async () => {
  t = await startTestApp()
  teamId = await t.team()
  const intake = await t.as(['intake'])
  const person = json(await intake.post('/api/persons', { firstName: 'Self', lastName: 'Change' }))
  caseId = json(await intake.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId })).id
})
afterAll(() => t.close())

async function signIn(email: string): Promise<Agent> {
  const agent = t.agent()
  expect((await agent.post('/api/auth/login', { email, password: TEST_PASSWORD })).statusCode).toBe(200)
  return agent
}

describe('nobody changes their own access', () => {
  it('refuses an admin who gives themselves the lead role and a team, and records the attempt', async () => {
    const admin = await t.as(['admin'])
    const view = json(await admin.get(`/api/users/${admin.userId}`))
    const res = await admin.patch(
      `/api/users/${admin.userId}`,
      { roles: ['admin', 'lead'], teamIds: [teamId] },
      { 'if-match': `"${view.version}"` },
    )
    expect(res.statusCode, res.body).toBe(403)
    expect(json(res).code).toBe('access.self_change')
    // Signed in again, the admin still reads no case of the team.
    const again = await signIn(admin.email)
    expect((await again.get('/api/accompaniments')).statusCode).toBe(403)
    expect((await again.get(`/api/accompaniments/${caseId}`)).statusCode).toBe(403)
    expect(json(await again.get(`/api/users/${admin.userId}`))).toMatchObject({ roles: ['admin'], teamIds: [], version: view.version })
    const denied = (await auditRows(t.services, 'access.denied')).filter((r) => r.actor_id === admin.userId && r.subject_type === 'user')
    expect(denied).toHaveLength(1)
    expect(denied[0]).toMatchObject({ subject_type: 'user', subject_id: admin.userId, outcome: 'denied' })
    expect(JSON.parse(denied[0]?.details ?? '{}')).toMatchObject({ reason: 'access.self_change', fields: ['roles', 'teamIds'] })
  })

  it('refuses a change of their own teams alone, and disabling themselves', async () => {
    const admin = await t.as(['admin'])
    const view = json(await admin.get(`/api/users/${admin.userId}`))
    const headers = { 'if-match': `"${view.version}"` }
    expect(json(await admin.patch(`/api/users/${admin.userId}`, { teamIds: [teamId] }, headers)).code).toBe('access.self_change')
    expect(json(await admin.patch(`/api/users/${admin.userId}`, { disabled: true }, headers)).code).toBe('access.self_change')
    expect(json(await admin.patch(`/api/users/${admin.userId}`, { roles: ['admin'] }, headers)).code).toBe('access.self_change')
    expect((await admin.get('/api/me')).statusCode).toBe(200)
  })

  it('still lets an administrator correct their own display name', async () => {
    const admin = await t.as(['admin'])
    const view = json(await admin.get(`/api/users/${admin.userId}`))
    const res = await admin.patch(`/api/users/${admin.userId}`, { displayName: 'Nom corrigé' }, { 'if-match': `"${view.version}"` })
    expect(res.statusCode, res.body).toBe(200)
    expect(json(res)).toMatchObject({ displayName: 'Nom corrigé', roles: ['admin'], version: view.version + 1 })
  })
})
