import fs from 'node:fs'
import path from 'node:path'
import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_ROUTES, buildApp } from '../app'
import { type Agent, json, startTestApp, type TestApp } from '../test/harness'

let h: TestApp
let worker: Agent & { userId: string }

beforeAll(async () => {
  h = await startTestApp()
  worker = await h.as(['worker'])
})
afterAll(() => h?.close())

const PERSON = { firstName: 'Aline', lastName: 'Verhoeven' }

function expectSecurityHeaders(res: LightMyRequestResponse) {
  const csp = String(res.headers['content-security-policy'])
  expect(csp).toContain("default-src 'self'")
  expect(csp).toContain("object-src 'none'")
  expect(csp).toContain("base-uri 'none'")
  expect(csp).toContain("frame-ancestors 'none'")
  expect(csp).not.toContain('unsafe-inline')
  expect(csp).not.toContain('unsafe-eval')
  expect(res.headers['x-content-type-options']).toBe('nosniff')
  expect(res.headers['referrer-policy']).toBe('no-referrer')
  expect(res.headers['x-frame-options']).toBe('DENY')
}

/** Nothing a client receives may show our internals: stack frames, file paths or SQL. */
function expectNoInternals(res: LightMyRequestResponse) {
  const body = res.body
  expect(body).not.toMatch(/\bat .*\.ts:\d+/)
  expect(body).not.toMatch(/node_modules|\/work\/|server\/[a-z/.-]+\.ts/)
  expect(body).not.toMatch(/SQLITE_|sqlite_master|syntax error|violates|relation "|\binsert into\b|\bselect\b.{1,200}\bfrom\b/i)
}

function expectProblem(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode).toBe(status)
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
  const body = json(res)
  expect(body.code).toBe(code)
  expect(body.status).toBe(status)
  expect(typeof body.title).toBe('string')
  expect(body.requestId).toBe(res.headers['x-request-id'])
  expectNoInternals(res)
  return body
}

describe('security headers', () => {
  it('are set on an API response, which is never cached', async () => {
    const res = await worker.get('/api/me')
    expect(res.statusCode).toBe(200)
    expectSecurityHeaders(res)
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.headers['strict-transport-security']).toBeUndefined()
  })

  it('are set on API errors too', async () => {
    const res = await h.agent().get('/api/me')
    expectProblem(res, 401, 'auth.required')
    expectSecurityHeaders(res)
    expect(res.headers['cache-control']).toBe('no-store')
  })

  it('are set on the web fallback, whose page gets a fresh style nonce per response', async () => {
    const webRoot = fs.mkdtempSync(path.join(h.dataDir, 'web-'))
    fs.writeFileSync(path.join(webRoot, 'index.html'), '<html><head><style nonce="__CSP_NONCE__"></style></head></html>')
    const web = await buildApp(h.services, { webRoot })
    try {
      const first = await web.inject({ method: 'GET', url: '/persons/some-page' })
      const second = await web.inject({ method: 'GET', url: '/persons/some-page' })
      expect(first.statusCode).toBe(200)
      expect(first.headers['content-type']).toMatch(/^text\/html/)
      expectSecurityHeaders(first)
      const nonce = /nonce="([^"]+)"/.exec(first.body)?.[1]
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/)
      expect(String(first.headers['content-security-policy'])).toContain(`style-src 'self' 'nonce-${nonce}'`)
      expect(second.body).not.toContain(nonce)
      // Without a web build, the fallback still answers with the headers, as a problem.
      const bare = await h.agent().get('/persons/some-page')
      expect(bare.statusCode).toBe(404)
      expectSecurityHeaders(bare)
    } finally {
      await web.close()
    }
  })

  it('HSTS and a __Host- Secure cookie only behind an https public URL', async () => {
    const secure = await startTestApp({ env: { PARCOURS_PUBLIC_URL: 'https://parcours.example' } })
    try {
      const u = await secure.user(['worker'])
      const agent = secure.agent()
      const login = await agent.post('/api/auth/login', { email: u.email, password: u.password })
      expect(login.statusCode).toBe(200)
      expect(login.headers['strict-transport-security']).toMatch(/max-age=\d{7,}/)
      const cookie = String(login.headers['set-cookie'])
      expect(cookie).toMatch(/^__Host-parcours=/)
      expect(cookie).toMatch(/; Secure/)
      expect(cookie).toMatch(/; HttpOnly/)
      expect(cookie).toMatch(/; Path=\//)
      expect(cookie).toMatch(/SameSite=Strict/)
      expect(cookie).not.toMatch(/Domain=/i)
      const me = await agent.get('/api/me')
      expect(me.statusCode).toBe(200)
      expect(me.headers['strict-transport-security']).toBeDefined()
    } finally {
      await secure.close()
    }
    // And the plain-http app sets neither.
    const u = await h.user(['worker'])
    const login = await h.agent().post('/api/auth/login', { email: u.email, password: u.password })
    expect(String(login.headers['set-cookie'])).toMatch(/^parcours=/)
    expect(String(login.headers['set-cookie'])).not.toMatch(/Secure/)
    expect(login.headers['strict-transport-security']).toBeUndefined()
  })
})

describe('cross-site request forgery', () => {
  const personCount = async () =>
    Number(
      (
        await h.services.db
          .selectFrom('persons')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  it('refuses a cookie-authenticated write without the custom header, and writes nothing', async () => {
    const before = await personCount()
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/persons',
      headers: { cookie: worker.cookie as string, 'content-type': 'application/json' },
      payload: JSON.stringify(PERSON),
    })
    expectProblem(res, 403, 'csrf.rejected')
    expect(await personCount()).toBe(before)
    const wrongValue = await worker.post('/api/persons', PERSON, { 'x-parcours-request': 'yes' })
    expectProblem(wrongValue, 403, 'csrf.rejected')
    expect(await personCount()).toBe(before)
  })

  it('refuses a foreign or opaque Origin even with the header', async () => {
    const foreign = await worker.post('/api/persons', PERSON, { origin: 'https://evil.example' })
    expectProblem(foreign, 403, 'csrf.rejected')
    const opaque = await worker.post('/api/persons', PERSON, { origin: 'null' })
    expectProblem(opaque, 403, 'csrf.rejected')
    const garbage = await worker.post('/api/persons', PERSON, { origin: 'not a url' })
    expectProblem(garbage, 403, 'csrf.rejected')
    const same = await worker.post('/api/persons', PERSON, { host: 'parcours.example', origin: 'https://parcours.example' })
    expect(same.statusCode).toBe(201)
  })

  it('also guards the sign-in form (login CSRF)', async () => {
    const u = await h.user(['worker'])
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: u.email, password: u.password }),
    })
    expectProblem(res, 403, 'csrf.rejected')
    expect(res.headers['set-cookie']).toBeUndefined()
  })
})

describe('errors as problem+json', () => {
  it('answers an unknown API path with 404 on every method', async () => {
    expectProblem(await h.agent().get('/api/nope'), 404, 'resource.not_found')
    expectProblem(await worker.get('/api/nope'), 404, 'resource.not_found')
    expectProblem(await worker.post('/api/nope', {}), 404, 'resource.not_found')
    expectProblem(await worker.request('DELETE', '/api/persons'), 404, 'resource.not_found')
  })

  it('names the body when the JSON is malformed', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/persons',
      headers: { cookie: worker.cookie as string, 'x-parcours-request': '1', 'content-type': 'application/json' },
      payload: '{"firstName": "Aline", ',
    })
    const body = expectProblem(res, 400, 'validation.failed')
    expect(body.errors.map((e: { field: string }) => e.field)).toContain('body')
    expect(res.body).not.toContain('Aline')
  })

  it('names each invalid field, without echoing the values', async () => {
    const res = await worker.post('/api/persons', { firstName: '', lastName: 'Verhoeven', email: 'secret-not-an-email', birthYear: 1800 })
    const body = expectProblem(res, 400, 'validation.failed')
    const fields = body.errors.map((e: { field: string }) => e.field)
    expect(fields).toEqual(expect.arrayContaining(['firstName', 'email', 'birthYear']))
    expect(fields).not.toContain('lastName')
    for (const e of body.errors) expect(typeof e.code).toBe('string')
    expect(res.body).not.toContain('secret-not-an-email')

    const params = await worker.get('/api/persons/not-a-uuid')
    expect(expectProblem(params, 400, 'validation.failed').errors.map((e: { field: string }) => e.field)).toEqual(['params.id'])
    const query = await worker.get('/api/postcodes?q=')
    expect(expectProblem(query, 400, 'validation.failed').errors.map((e: { field: string }) => e.field)).toEqual(['query.q'])
  })

  it('reveals no stack trace, path or SQL on any failure, including a crash', async () => {
    const created = json(await worker.post('/api/persons', PERSON))
    const responses = [
      await worker.post('/api/persons/search', { q: "' OR 1=1; drop table persons; --" }),
      await worker.put(`/api/persons/${created.id}`, PERSON, { 'if-match': 'garbage' }),
      await worker.put(`/api/persons/${created.id}`, PERSON),
      await worker.put(`/api/persons/${created.id}`, PERSON, { 'if-match': '"999"' }),
      await worker.post('/api/persons', { ...PERSON, postcode: '0000' }),
      await worker.post('/api/persons', { ...PERSON, notes: 'x'.repeat(1_100_000) }),
      await worker.request('POST', '/api/persons', 'plain text', { 'content-type': 'text/plain' }),
      await worker.get(`/api/persons/${crypto.randomUUID()}`),
    ]
    expect(responses.map((r) => r.statusCode)).toEqual([200, 400, 428, 412, 400, 413, 400, 404])
    // A record that can no longer be decrypted makes the handler throw deep in the codec.
    await h.services.db
      .updateTable('persons')
      .set({ notes_sealed: 'v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAA' })
      .where('id', '=', created.id)
      .execute()
    const crash = await worker.get(`/api/persons/${created.id}`)
    const body = expectProblem(crash, 500, 'server.error')
    expect(body.detail).toBeUndefined()
    expect(crash.body).not.toMatch(/auth|tag|decrypt|cipher/i)
    for (const r of responses) {
      expectNoInternals(r)
      if (r.statusCode >= 400) expect(r.headers['content-type']).toMatch(/^application\/problem\+json/)
    }
  })
})

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 and lists every API route, with paths in OpenAPI form', async () => {
    const res = await h.agent().get('/api/openapi.json')
    expect(res.statusCode).toBe(200)
    const doc = json(res)
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/)
    expect(doc.paths['/api/persons/{id}']).toBeDefined()
    expect(doc.paths['/api/persons/{id}'].get).toBeDefined()
    expect(doc.paths['/api/persons/{id}'].put).toBeDefined()
    for (const r of API_ROUTES) {
      if (r.hide) continue
      const p = r.path.replace(/:(\w+)/g, '{$1}')
      expect(doc.paths[p]?.[r.method.toLowerCase()], `${r.method} ${r.path}`).toBeDefined()
    }
    expect(Object.keys(doc.paths).filter((p) => !p.startsWith('/api/'))).toEqual([])
    expect(doc.paths['/api/openapi.json']).toBeUndefined()
  })
})
