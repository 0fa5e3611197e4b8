import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { codeFor, newMfaSecret } from '../../security/mfa'
import { LIMITS } from '../../security/throttle'
import { auditRows, json, startTestApp, TEST_PASSWORD, type TestApp } from '../../test/harness'

/**
 * Attempts sent all at once must not each find the counter below the limit: every attempt is
 * counted before its password or code is checked, and refused unchecked once over the limit.
 */
let t: TestApp
beforeAll(async () => {
  t = await startTestApp({ demo: false })
})
afterAll(() => t.close())

const WRONG = 'not the password at all'

async function outcomes(action: 'auth.login' | 'auth.mfa', userId: string) {
  const rows = (await auditRows(t.services, action)).filter((r) => r.subject_id === userId)
  const reason = (r: { details: string | null }) => (JSON.parse(r.details ?? '{}') as { reason?: string }).reason
  return {
    checked: rows.filter((r) => r.outcome === 'failure').length,
    throttled: rows.filter((r) => r.outcome === 'denied' && reason(r) === 'throttled').length,
    all: rows.length,
  }
}

describe('sign-in under parallel attempts', () => {
  it('checks at most the account limit of twenty parallel wrong passwords, then refuses the right one', async () => {
    const u = await t.user(['worker'], { mfaSecret: newMfaSecret() })
    const attempts = await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.agent(`10.4.0.${i}`).post('/api/auth/login', { email: u.email, password: WRONG })),
    )
    const statuses = attempts.map((r) => r.statusCode)
    const seen = await outcomes('auth.login', u.id)
    expect(seen.all).toBe(20)
    expect(seen.checked).toBeLessThanOrEqual(LIMITS.account.failures)
    expect(seen.throttled).toBe(20 - seen.checked)
    expect(statuses.filter((s) => s === 401)).toHaveLength(seen.checked)
    expect(statuses.filter((s) => s === 429)).toHaveLength(20 - seen.checked)

    const right = await t.agent('10.4.1.1').post('/api/auth/login', { email: u.email, password: u.password })
    expect(right.statusCode).toBe(429)
    expect(json(right).code).toBe('auth.throttled')
    expect(right.headers['set-cookie']).toBeUndefined()
    expect((await outcomes('auth.login', u.id)).checked).toBe(seen.checked)
  })

  it('checks at most the address limit of parallel guesses at many accounts from one address', async () => {
    const n = LIMITS.address.failures + 10
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        t.agent('10.5.0.1').post('/api/auth/login', { email: `guess${i}@test.parcours.test`, password: WRONG }),
      ),
    )
    const rows = (await auditRows(t.services, 'auth.login')).filter((r) => r.client_ip === '10.5.0.1')
    expect(rows).toHaveLength(n)
    expect(rows.filter((r) => r.outcome === 'failure').length).toBeLessThanOrEqual(LIMITS.address.failures)
    const u = await t.user(['worker'], { mfaSecret: newMfaSecret() })
    expect((await t.agent('10.5.0.1').post('/api/auth/login', { email: u.email, password: u.password })).statusCode).toBe(429)
    expect((await t.agent('10.5.0.2').post('/api/auth/login', { email: u.email, password: u.password })).statusCode).toBe(200)
  })

  it('does not count successful sign-ins against an address, and a success clears the account', async () => {
    const users = await Promise.all(Array.from({ length: 4 }, () => t.user(['worker'], { mfaSecret: newMfaSecret() })))
    // More successes from one address (an office behind one NAT) than the address limit.
    for (let i = 0; i <= LIMITS.address.failures; i++) {
      const u = users[i % users.length]!
      expect((await t.agent('10.6.0.1').post('/api/auth/login', { email: u.email, password: u.password })).statusCode).toBe(200)
    }
    const u = users[0]!
    for (let i = 0; i < LIMITS.account.failures - 1; i++)
      expect((await t.agent('10.6.0.1').post('/api/auth/login', { email: u.email, password: WRONG })).statusCode).toBe(401)
    expect((await t.agent('10.6.0.1').post('/api/auth/login', { email: u.email, password: u.password })).statusCode).toBe(200)
    // The failures before the success are forgotten: a full count of fresh ones is checked again.
    for (let i = 0; i < LIMITS.account.failures; i++)
      expect((await t.agent('10.6.0.2').post('/api/auth/login', { email: u.email, password: WRONG })).statusCode).toBe(401)
    expect((await t.agent('10.6.0.2').post('/api/auth/login', { email: u.email, password: u.password })).statusCode).toBe(429)
  })
})

describe('the count over time', () => {
  const accountKey = (email: string) =>
    `acct:${crypto.createHmac('sha256', t.services.auditKey).update(email).digest('base64url').slice(0, 22)}`
  const shift = (key: string, values: { window_start?: string; locked_until?: string }) =>
    t.services.db.updateTable('login_throttle').set(values).where('key', '=', key).execute()
  const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString()

  it('refuses during the lock, and counts from one again once the lock has run out', async () => {
    const u = await t.user(['worker'], { mfaSecret: newMfaSecret() })
    for (let i = 0; i <= LIMITS.account.failures; i++)
      await t.agent('10.8.0.1').post('/api/auth/login', { email: u.email, password: WRONG })
    const row = await t.services.db
      .selectFrom('login_throttle')
      .selectAll()
      .where('key', '=', accountKey(u.email))
      .executeTakeFirstOrThrow()
    expect(row.failures).toBe(LIMITS.account.failures + 1)
    expect(Date.parse(row.locked_until ?? '')).toBeGreaterThan(Date.now() + LIMITS.account.lockMs - 60_000)
    expect((await t.agent('10.8.0.2').post('/api/auth/login', { email: u.email, password: u.password })).statusCode).toBe(429)
    await shift(accountKey(u.email), { locked_until: ago(1) })
    expect((await t.agent('10.8.0.2').post('/api/auth/login', { email: u.email, password: WRONG })).statusCode).toBe(401)
    expect((await t.agent('10.8.0.2').post('/api/auth/login', { email: u.email, password: u.password })).statusCode).toBe(200)
  })

  it('forgets failures once their window has gone quiet, but not within it', async () => {
    const u = await t.user(['worker'], { mfaSecret: newMfaSecret() })
    const wrong = () => t.agent('10.9.0.1').post('/api/auth/login', { email: u.email, password: WRONG })
    for (let i = 0; i < LIMITS.account.failures; i++) expect((await wrong()).statusCode).toBe(401)
    await shift(accountKey(u.email), { window_start: ago(LIMITS.account.windowMs / 60_000 - 1) })
    expect((await wrong()).statusCode).toBe(429)
    const fresh = await t.user(['worker'], { mfaSecret: newMfaSecret() })
    const wrongFresh = () => t.agent('10.9.0.2').post('/api/auth/login', { email: fresh.email, password: WRONG })
    for (let i = 0; i < LIMITS.account.failures - 1; i++) expect((await wrongFresh()).statusCode).toBe(401)
    await shift(accountKey(fresh.email), { window_start: ago(LIMITS.account.windowMs / 60_000 + 1) })
    for (let i = 0; i < LIMITS.account.failures; i++) expect((await wrongFresh()).statusCode).toBe(401)
    expect((await wrongFresh()).statusCode).toBe(429)
  })
})

describe('second factor under parallel attempts', () => {
  async function halfSignedIn() {
    const secret = newMfaSecret()
    const u = await t.user(['worker'], { mfaSecret: secret })
    const agent = t.agent('10.7.0.1')
    expect(json(await agent.post('/api/auth/login', { email: u.email, password: u.password })).status).toBe('mfa_required')
    return { u, agent, secret }
  }

  it('checks at most the limit of twenty parallel wrong codes, then refuses the right one', async () => {
    const { u, agent, secret } = await halfSignedIn()
    const right = codeFor(secret)
    const wrong = String((Number(right) + 500_000) % 1_000_000).padStart(6, '0')
    const attempts = await Promise.all(Array.from({ length: 20 }, () => agent.post('/api/auth/mfa/verify', { code: wrong })))
    const seen = await outcomes('auth.mfa', u.id)
    expect(seen.all).toBe(20)
    expect(seen.checked).toBeLessThanOrEqual(LIMITS.account.failures)
    expect(seen.throttled).toBe(20 - seen.checked)
    expect(attempts.filter((r) => r.statusCode === 429)).toHaveLength(20 - seen.checked)
    const late = await agent.post('/api/auth/mfa/verify', { code: right })
    expect(late.statusCode).toBe(429)
    expect(json(await agent.get('/api/me')).sessionState).toBe('mfa_pending')
  })

  it('accepts one code once even when sent twice at the same moment', async () => {
    const { u, agent: a, secret } = await halfSignedIn()
    const b = t.agent('10.7.0.2')
    await b.post('/api/auth/login', { email: u.email, password: u.password })
    const code = codeFor(secret)
    const [first, second] = await Promise.all([a.post('/api/auth/mfa/verify', { code }), b.post('/api/auth/mfa/verify', { code })])
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 401])
    const states = [json(await a.get('/api/me')).sessionState, json(await b.get('/api/me')).sessionState]
    expect(states.sort()).toEqual(['active', 'mfa_pending'])
  })
})

describe('changing the password from a live session', () => {
  it('counts each check of the current password: a session is not a way to guess it', async () => {
    const demo = await startTestApp({ demo: true })
    try {
      const a = await demo.as(['worker'])
      const u = { id: a.userId }
      const guesses = await Promise.all(
        Array.from({ length: 12 }, () => a.post('/api/me/password', { currentPassword: WRONG, newPassword: 'a fresh long passphrase' })),
      )
      const rows = (await auditRows(demo.services, 'user.password_changed')).filter((r) => r.subject_id === u.id)
      const checked = rows.filter((r) => r.outcome === 'failure').length
      expect(checked).toBeLessThanOrEqual(LIMITS.account.failures)
      expect(guesses.filter((r) => r.statusCode === 429)).toHaveLength(12 - checked)
      // Locked: even the right password is not checked until the lock is over.
      const right = await a.post('/api/me/password', {
        currentPassword: TEST_PASSWORD,
        newPassword: 'a fresh long passphrase',
      })
      expect(right.statusCode).toBe(429)
    } finally {
      await demo.close()
    }
  })
})
