import { afterAll, beforeAll, expect, it } from 'vitest'
import { LIMITS } from '../security/throttle'
import { auditRows, startTestApp, type TestApp } from '../test/harness'

/**
 * Behind the reverse proxy (PARCOURS_TRUST_PROXY), the client address is the one the proxy saw:
 * the last X-Forwarded-For entry, which the proxy appends. Entries before it are whatever the
 * client sent, and must reach neither the audit log nor the per-address sign-in limit.
 */
let t: TestApp
beforeAll(async () => {
  t = await startTestApp({ env: { PARCOURS_TRUST_PROXY: 'true' } })
})
afterAll(() => t.close())

const PROXY = '10.0.0.1'

it('records the address the proxy saw, not one the client wrote', async () => {
  const res = await t
    .agent(PROXY)
    .post(
      '/api/auth/login',
      { email: 'who@test.parcours.test', password: 'not the password at all' },
      { 'x-forwarded-for': '198.51.100.7, 203.0.113.9' },
    )
  expect(res.statusCode).toBe(401)
  const entry = (await auditRows(t.services, 'auth.login')).find((r) => r.request_id === res.headers['x-request-id'])
  expect(entry?.client_ip).toBe('203.0.113.9')
  // The proxy's other headers are still honoured: HTTPS as the proxy saw it.
  const https = await t.agent(PROXY).get('/api/health', { 'x-forwarded-proto': 'https' })
  expect(https.headers['strict-transport-security']).toBeDefined()
  expect((await t.agent(PROXY).get('/api/health')).headers['strict-transport-security']).toBeUndefined()
})

it('keeps the per-address limit when the client changes what it writes in X-Forwarded-For', async () => {
  const statuses: number[] = []
  for (let i = 0; i <= LIMITS.address.failures; i++) {
    const res = await t
      .agent(PROXY)
      .post(
        '/api/auth/login',
        { email: `guess${i}@test.parcours.test`, password: 'not the password at all' },
        { 'x-forwarded-for': `198.51.100.${i}, 203.0.113.50` },
      )
    statuses.push(res.statusCode)
  }
  expect(statuses.at(-1)).toBe(429)
  expect(statuses.filter((s) => s === 401)).toHaveLength(LIMITS.address.failures)
})
