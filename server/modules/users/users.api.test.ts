import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, json, startTestApp, type TestApp } from '../../test/harness'

let t: TestApp
let admin: Agent & { userId: string }
beforeAll(async () => {
  t = await startTestApp()
  admin = await t.as(['admin'])
})
afterAll(() => t.close())

describe('user administration', () => {
  it('creates a user who activates their account with a one-time link; roles wait for a second person', async () => {
    const team = json(await admin.post('/api/teams', { name: 'Équipe Liège' }))
    const res = await admin.post('/api/users', {
      email: 'New.Worker@Test.Parcours.test',
      displayName: 'Nouvelle Intervenante',
      roles: ['worker', 'lead'],
      teamIds: [team.id],
    })
    expect(res.statusCode).toBe(201)
    const { user, activationToken, activationPath } = json(res)
    expect(user).toMatchObject({
      email: 'new.worker@test.parcours.test',
      roles: [],
      teamIds: [],
      activated: false,
      pending: { roles: ['worker', 'lead'], teamIds: [team.id], requestedBy: { id: admin.userId } },
    })
    expect(activationPath).toBe(`/activate#token=${activationToken}`)
    const anon = t.agent()
    expect(json(await anon.post('/api/auth/activate', { token: activationToken, password: 'azertyuiop123' })).code).toBe(
      'auth.password_rejected',
    )
    expect((await anon.post('/api/auth/activate', { token: activationToken, password: 'mon chemin vers la lumière' })).statusCode).toBe(200)
    expect(json(await anon.post('/api/auth/activate', { token: activationToken, password: 'mon chemin vers la lumière' })).code).toBe(
      'auth.activation_invalid',
    )
    const login = await anon.post('/api/auth/login', { email: 'new.worker@test.parcours.test', password: 'mon chemin vers la lumière' })
    expect(json(login).status).toBe('signed_in')
    expect(json(await anon.get('/api/me'))).toMatchObject({ roles: [], teams: [], abilities: [] })
    const second = await t.as(['admin'])
    const confirmed = await second.post(`/api/role-requests/${user.pending.requestId}/confirm`, {}, { 'if-match': '"1"' })
    expect(confirmed.statusCode, confirmed.body).toBe(200)
    expect(json(await anon.get('/api/me'))).toMatchObject({ roles: ['worker', 'lead'], teams: [{ id: team.id, name: 'Équipe Liège' }] })
    expect((await admin.get('/api/teams')).json().items.find((x: { id: string }) => x.id === team.id).memberCount).toBe(1)
  })

  it('refuses a duplicate e-mail and an unknown team, naming the field', async () => {
    const u = await t.user(['worker'])
    const dup = await admin.post('/api/users', { email: u.email, displayName: 'X', roles: ['worker'] })
    expect(dup.statusCode).toBe(409)
    expect(json(dup).errors[0].field).toBe('email')
    const team = await admin.post('/api/users', {
      email: 'x1@test.parcours.test',
      displayName: 'X',
      roles: ['worker'],
      teamIds: [crypto.randomUUID()],
    })
    expect(json(team).errors[0].field).toBe('teamIds')
    const role = await admin.post('/api/users', { email: 'x2@test.parcours.test', displayName: 'X', roles: ['superuser'] })
    expect(json(role).errors[0].field).toMatch(/^roles/)
  })

  it('edits with If-Match; taking a role away and disabling sign the user out at once, a new role waits', async () => {
    const worker = await t.as(['worker'])
    const view = json(await admin.get(`/api/users/${worker.userId}`))
    expect((await admin.patch(`/api/users/${worker.userId}`, { disabled: true })).statusCode).toBe(428)
    const stale = await admin.patch(`/api/users/${worker.userId}`, { disabled: true }, { 'if-match': `"${view.version + 5}"` })
    expect(stale.statusCode).toBe(412)
    const ok = await admin.patch(`/api/users/${worker.userId}`, { disabled: true, roles: ['intake'] }, { 'if-match': `"${view.version}"` })
    expect(json(ok)).toMatchObject({ disabled: true, roles: [], pending: { roles: ['intake'] }, version: view.version + 1 })
    expect((await worker.get('/api/me')).statusCode).toBe(401)
  })

  it('issues a new activation link instead of ever setting a password', async () => {
    const worker = await t.as(['worker'])
    const res = json(await admin.post(`/api/users/${worker.userId}/activation`))
    expect(res.user.activated).toBe(false)
    expect((await worker.get('/api/me')).statusCode).toBe(401)
    expect(
      (await t.agent().post('/api/auth/activate', { token: res.activationToken, password: 'a brand new passphrase' })).statusCode,
    ).toBe(200)
  })

  it('lists users page by page, for admins only', async () => {
    const page = json(await admin.get('/api/users?limit=2&offset=0'))
    expect(page.items).toHaveLength(2)
    expect(page.total).toBeGreaterThan(2)
    const worker = await t.as(['worker'])
    expect((await worker.get('/api/users')).statusCode).toBe(403)
    expect((await worker.get(`/api/users/${worker.userId}`)).statusCode).toBe(403)
  })
})
