import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { codeFor, newMfaSecret } from '../../security/mfa'
import { auditRows, json, startTestApp, type TestApp } from '../../test/harness'

let t: TestApp
beforeAll(async () => {
  t = await startTestApp({ demo: false })
})
afterAll(() => t.close())

describe('sign-in', () => {
  it('answers an unknown e-mail exactly like a wrong password, and audits both', async () => {
    const u = await t.user(['worker'], { mfaSecret: newMfaSecret() })
    const wrong = await t.agent('10.0.0.1').post('/api/auth/login', { email: u.email, password: 'wrong password here!' })
    const unknown = await t
      .agent('10.0.0.1')
      .post('/api/auth/login', { email: 'nobody@test.parcours.test', password: 'wrong password here!' })
    expect(wrong.statusCode).toBe(401)
    expect(unknown.statusCode).toBe(401)
    const strip = (b: any) => ({ ...b, requestId: undefined })
    expect(strip(json(wrong))).toEqual(strip(json(unknown)))
    const failures = (await auditRows(t.services, 'auth.login')).filter((r) => r.outcome === 'failure')
    expect(failures.length).toBeGreaterThanOrEqual(2)
    expect(JSON.stringify(failures)).not.toContain('nobody@')
  })

  it('sets a fresh HttpOnly SameSite=Strict cookie at each sign-in', async () => {
    const secret = newMfaSecret()
    const u = await t.user(['worker'], { mfaSecret: secret })
    const agent = t.agent()
    const res = await agent.post('/api/auth/login', { email: u.email, password: u.password })
    expect(json(res).status).toBe('mfa_required')
    const cookie = String(res.headers['set-cookie'])
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Strict/)
    const first = agent.cookie
    const again = await agent.post('/api/auth/login', { email: u.email, password: u.password })
    expect(again.statusCode).toBe(200)
    expect(agent.cookie).not.toBe(first)
    // The token itself is never stored: only its hash.
    const token = decodeURIComponent(String(agent.cookie).split('=')[1] ?? '')
    const stored = await t.services.db.selectFrom('sessions').select('id').execute()
    expect(stored.map((s) => s.id)).not.toContain(token)
  })

  it('locks an account after repeated failures, even for the right password', async () => {
    const u = await t.user(['worker'], { mfaSecret: newMfaSecret() })
    for (let i = 0; i < 5; i++)
      await t.agent(`10.1.0.${i}`).post('/api/auth/login', { email: u.email, password: 'not the password at all' })
    const locked = await t.agent('10.1.1.1').post('/api/auth/login', { email: u.email, password: u.password })
    expect(locked.statusCode).toBe(429)
    expect(json(locked).code).toBe('auth.throttled')
  })

  it('throttles an address that tries many accounts', async () => {
    const agent = t.agent('10.2.0.9')
    for (let i = 0; i < 30; i++)
      await agent.post('/api/auth/login', { email: `guess${i}@test.parcours.test`, password: 'not the password at all' })
    const u = await t.user(['worker'], { mfaSecret: newMfaSecret() })
    expect((await agent.post('/api/auth/login', { email: u.email, password: u.password })).statusCode).toBe(429)
    expect((await t.agent('10.2.0.10').post('/api/auth/login', { email: u.email, password: u.password })).statusCode).toBe(200)
  })
})

describe('multi-factor', () => {
  it('requires enrolment outside demo mode before anything else', async () => {
    const u = await t.user(['worker'])
    const agent = t.agent()
    const res = await agent.post('/api/auth/login', { email: u.email, password: u.password })
    expect(json(res).status).toBe('mfa_enrolment_required')
    expect(json(await agent.get('/api/me')).abilities).toEqual([])
    const blocked = await agent.post('/api/persons/search', { q: 'x' })
    expect(blocked.statusCode).toBe(403)
    expect(json(blocked).code).toBe('auth.mfa_enrolment_required')
    const enrol = json(await agent.post('/api/me/mfa/enrol'))
    expect(enrol.otpauthUri).toMatch(/^otpauth:\/\/totp\//)
    expect(enrol.qrSvg).toContain('<svg')
    expect((await agent.post('/api/me/mfa/confirm', { code: '000000' })).statusCode).toBe(401)
    const ok = await agent.post('/api/me/mfa/confirm', { code: codeFor(enrol.secret) })
    expect(ok.statusCode).toBe(200)
    expect(json(await agent.get('/api/me'))).toMatchObject({ sessionState: 'active', mfaEnabled: true })
    expect((await agent.post('/api/persons/search', { q: 'x', reason: 'duplicate_check' })).statusCode).toBe(200)
  })

  it('accepts each code once only', async () => {
    const secret = newMfaSecret()
    const u = await t.user(['worker'], { mfaSecret: secret })
    const now = Date.now()
    const a = t.agent()
    const { second } = await a.loginWithMfa(u.email, u.password, secret, now)
    expect(json(second).status).toBe('signed_in')
    const b = t.agent()
    const replay = await b.loginWithMfa(u.email, u.password, secret, now)
    expect(replay.second.statusCode).toBe(401)
    expect(json(replay.second).code).toBe('auth.mfa_invalid')
    expect(json(await b.get('/api/me')).sessionState).toBe('mfa_pending')
    expect((await b.post('/api/persons/search', { q: 'x' })).statusCode).toBe(401)
  })

  it('lets an admin reset a user MFA, never set their password', async () => {
    const admin = await t.user(['admin'], { mfaSecret: newMfaSecret() })
    const adminSecret = newMfaSecret()
    await t.services.db
      .updateTable('users')
      .set({ mfa_secret_sealed: t.services.codec.sealSecret(adminSecret, `users.mfa_secret:${admin.id}`) })
      .where('id', '=', admin.id)
      .execute()
    const agent = t.agent()
    await agent.loginWithMfa(admin.email, admin.password, adminSecret)
    const target = await t.user(['worker'], { mfaSecret: newMfaSecret() })
    const reset = await agent.post(`/api/users/${target.id}/mfa-reset`)
    expect(json(reset).mfaEnabled).toBe(false)
    const setPassword = await agent.patch(
      `/api/users/${target.id}`,
      { password: 'admin chosen password' },
      { 'if-match': `"${json(reset).version}"` },
    )
    expect(setPassword.statusCode).toBe(200)
    const row = await t.services.db.selectFrom('users').select('password_hash').where('id', '=', target.id).executeTakeFirstOrThrow()
    expect(await import('../../security/passwords').then((m) => m.verifyPassword(row.password_hash, 'admin chosen password'))).toBe(false)
  })
})

describe('sessions', () => {
  async function signedIn() {
    const secret = newMfaSecret()
    const u = await t.user(['worker'], { mfaSecret: secret })
    const agent = t.agent()
    await agent.loginWithMfa(u.email, u.password, secret)
    expect((await agent.get('/api/me')).statusCode).toBe(200)
    return { agent, u }
  }

  it('ends at logout', async () => {
    const { agent } = await signedIn()
    const cookie = agent.cookie
    expect((await agent.post('/api/auth/logout')).statusCode).toBe(200)
    agent.cookie = cookie
    expect((await agent.get('/api/me')).statusCode).toBe(401)
  })

  it('ends after 30 idle minutes and after 12 hours in all', async () => {
    const idle = await signedIn()
    await t.services.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000).toISOString() })
      .where('user_id', '=', idle.u.id)
      .execute()
    expect((await idle.agent.get('/api/me')).statusCode).toBe(401)
    const old = await signedIn()
    await t.services.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('user_id', '=', old.u.id)
      .execute()
    expect((await old.agent.get('/api/me')).statusCode).toBe(401)
  })

  it('ends on the very next request when the user is disabled', async () => {
    const { agent, u } = await signedIn()
    await t.services.db.updateTable('users').set({ disabled: 1 }).where('id', '=', u.id).execute()
    expect((await agent.get('/api/me')).statusCode).toBe(401)
    expect((await t.agent().post('/api/auth/login', { email: u.email, password: u.password })).statusCode).toBe(401)
  })
})

describe('passwords', () => {
  it('changes a password, refusing common ones, and signs out other sessions', async () => {
    const secret = newMfaSecret()
    const u = await t.user(['worker'], { mfaSecret: secret })
    const a = t.agent()
    const b = t.agent()
    // Two consecutive time steps, both inside the accepted window even if a step boundary passes.
    const now = Date.now()
    await a.loginWithMfa(u.email, u.password, secret, now)
    await b.loginWithMfa(u.email, u.password, secret, now + 30_000)
    const common = await a.post('/api/me/password', { currentPassword: u.password, newPassword: 'Password12345' })
    expect(json(common)).toMatchObject({ code: 'auth.password_rejected', errors: [{ field: 'newPassword', code: 'too_common' }] })
    const wrong = await a.post('/api/me/password', { currentPassword: 'not my password', newPassword: 'a fresh long passphrase' })
    expect(json(wrong).code).toBe('auth.password_incorrect')
    expect((await a.post('/api/me/password', { currentPassword: u.password, newPassword: 'a fresh long passphrase' })).statusCode).toBe(200)
    expect((await a.get('/api/me')).statusCode).toBe(200)
    expect((await b.get('/api/me')).statusCode).toBe(401)
  })
})
