import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PERMISSIONS } from '../../common/permissions'
import { ROLES, type Role } from '../../common/roles'
import { API_ROUTES } from '../app'
import { webRoutes } from '../modules/web/web.routes'
import { codeFor } from '../security/mfa'
import { auditRows, json, startTestApp, type TestApp } from '../test/harness'
import { MATRIX } from './permissions-matrix.fixture'
import { type MatrixFixture, matrixRequests } from './permissions-requests.fixture'

/** The answers that mean "the policy stopped you" rather than "the handler answered". */
const POLICY_CODES = ['auth.required', 'auth.mfa_required', 'auth.mfa_enrolment_required', 'access.forbidden', 'csrf.rejected']

let h: TestApp
let call: ReturnType<typeof matrixRequests>
const fixture: MatrixFixture = { loginEmail: '', targetUserId: '', personId: '', teamId: '', accompanimentId: '', caseCode: '' }

beforeAll(async () => {
  h = await startTestApp()
  fixture.loginEmail = (await h.user(['worker'])).email
  fixture.targetUserId = (await h.user(['researcher'])).id
  const owner = await h.as(['worker'])
  fixture.personId = json(await owner.post('/api/persons', { firstName: 'Matrix', lastName: 'Fixture' })).id
  fixture.teamId = await h.team()
  const acc = json(await owner.post('/api/accompaniments', { kind: 'concerned', personId: fixture.personId, teamId: fixture.teamId }))
  fixture.accompanimentId = acc.id
  // A case the DPO can hold by its code: opened by a worker of its team.
  const member = await h.as(['worker'], { teamIds: [fixture.teamId] })
  const client = json(await member.post('/api/persons', { firstName: 'Matrix', lastName: 'Held' }))
  const held = await member.post('/api/accompaniments', { kind: 'concerned', personId: client.id, teamId: fixture.teamId })
  expect(held.statusCode, held.body).toBe(201)
  fixture.caseCode = json(held).code
  call = matrixRequests(h, fixture)
})
afterAll(() => h?.close())

const routeKey = (r: { method: string; path: string }) => `${r.method} ${r.path}`
const ALL_ROUTES = [...API_ROUTES, ...webRoutes(null)]

/** The answer's problem (or other JSON); an HTML page (the public page and its form) has no code. */
const problemOf = (res: LightMyRequestResponse): { code?: string } =>
  res.body && String(res.headers['content-type']).includes('json') ? res.json() : {}

/** Every route Fastify actually registered, read back from its router. */
function registeredRoutes(): string[] {
  const out: string[] = []
  const stack: string[] = []
  for (const line of h.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│├└─\s]*)(\S+)(?: \(([A-Z, ]+)\))?$/.exec(line)
    if (!m) continue
    const depth = Math.floor((m[1] as string).length / 4)
    const full = (stack[depth - 1] ?? '') + (m[2] as string)
    stack[depth] = full
    stack.length = depth + 1
    for (const method of (m[3] ?? '').split(', ').filter(Boolean)) out.push(`${method} ${full.startsWith('/') ? full : `/${full}`}`)
  }
  return out.sort()
}

describe('the permission matrix', () => {
  it('names exactly the routes that exist, each with a policy from the vocabulary', () => {
    const keys = ALL_ROUTES.map(routeKey)
    expect(new Set(keys).size).toBe(keys.length)
    expect([...keys].sort()).toEqual(Object.keys(MATRIX).sort())
    // Public GET routes also answer HEAD (register.ts); no other route does.
    const heads = Object.entries(MATRIX)
      .filter(([key, who]) => key.startsWith('GET ') && who === 'public')
      .map(([key]) => key.replace(/^GET /, 'HEAD '))
    expect(registeredRoutes()).toEqual([...Object.keys(MATRIX), ...heads].sort())
    const vocabulary = [...Object.keys(PERMISSIONS), 'public', 'authenticated']
    for (const r of ALL_ROUTES) {
      expect(r.allow, routeKey(r)).toBeTruthy()
      expect(vocabulary, routeKey(r)).toContain(r.allow)
    }
  })

  it('agrees with each route policy and the permissions table', () => {
    for (const r of ALL_ROUTES) {
      const who = MATRIX[routeKey(r)]
      if (r.allow === 'public' || r.allow === 'authenticated') expect(who, routeKey(r)).toBe(r.allow)
      else expect([...(PERMISSIONS[r.allow] as readonly string[])].sort(), routeKey(r)).toEqual([...(who as readonly Role[])].sort())
    }
  })

  describe.each(Object.entries(MATRIX))('%s', (key, who) => {
    it('is refused to anonymous callers unless public', async () => {
      const res = await call(key, h.agent())
      if (who === 'public') {
        expect(POLICY_CODES).not.toContain(problemOf(res).code)
        expect([401, 403]).not.toContain(res.statusCode)
      } else {
        expect(res.statusCode).toBe(401)
        expect(res.json().code).toBe('auth.required')
      }
    })

    it.each(ROLES)('as %s: passes the policy exactly when the role is listed', async (role) => {
      const agent = await h.as([role])
      const allowed = who === 'public' || who === 'authenticated' || who.includes(role)
      const res = await call(key, agent, allowed)
      if (allowed) {
        const body = problemOf(res)
        expect(POLICY_CODES, `${res.statusCode} ${res.body}`).not.toContain(body.code)
        expect([401, 403], `${res.statusCode} ${res.body}`).not.toContain(res.statusCode)
        expect(body.code, `the request shape must be valid: ${res.body}`).not.toBe('validation.failed')
        expect(res.statusCode).toBeLessThan(500)
        return
      }
      expect(res.statusCode, res.body).toBe(403)
      expect(res.json().code).toBe('access.forbidden')
      const denied = (await auditRows(h.services, 'access.denied')).filter((r) => r.actor_id === agent.userId)
      expect(denied).toHaveLength(1)
      expect(denied[0]?.outcome).toBe('denied')
      expect(denied[0]?.request_id).toBe(res.headers['x-request-id'])
      expect(JSON.parse(denied[0]?.details ?? '{}')).toMatchObject({ route: key })
      // Refused before the handler: nothing else is written for this caller.
      const others = (await auditRows(h.services)).filter((r) => r.actor_id === agent.userId && r.action !== 'auth.login')
      expect(others.map((r) => r.action)).toEqual(['access.denied'])
    })
  })

  it('lets a caller with several roles act under the role that grants the permission', async () => {
    const agent = await h.as(['researcher', 'worker'])
    const res = await agent.post('/api/persons', { firstName: 'Multi', lastName: 'Role' })
    expect(res.statusCode).toBe(201)
    const [entry] = (await auditRows(h.services, 'person.created')).filter((r) => r.subject_id === json(res).id)
    expect(entry?.actor_role).toBe('worker')
  })

  it('keeps a half-open (MFA pending) session away from everything but its next step', async () => {
    const secret = 'JBSWY3DPEHPK3PXP'
    const u = await h.user(['admin', 'dpo', 'worker'], { mfaSecret: secret })
    const agent = h.agent()
    expect(json(await agent.post('/api/auth/login', { email: u.email, password: u.password })).status).toBe('mfa_required')
    for (const key of Object.keys(MATRIX)) {
      const who = MATRIX[key]
      if (who === 'public' || ['POST /api/auth/mfa/verify', 'POST /api/auth/logout', 'GET /api/me'].includes(key)) continue
      const res = await call(key, agent)
      expect(res.statusCode, key).toBe(401)
      expect(res.json().code, key).toBe('auth.mfa_required')
    }
    expect((await agent.post('/api/auth/mfa/verify', { code: codeFor(secret) })).statusCode).toBe(200)
    expect((await agent.get('/api/users')).statusCode).toBe(200)
  })
})
