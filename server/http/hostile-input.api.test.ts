import crypto from 'node:crypto'
import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, json, startTestApp, type TestApp } from '../test/harness'

/**
 * Input that the contracts let through but the rest of the stack cannot hold: a cookie that is
 * not valid percent-encoding, U+0000 (which PostgreSQL text refuses), half a surrogate pair
 * (which both engines silently turn into U+FFFD). Each is refused the same way on both engines.
 */
let h: TestApp
let admin: Agent & { userId: string }
let dpo: Agent & { userId: string }
let worker: Agent & { userId: string }
let caseId: string

beforeAll(async () => {
  h = await startTestApp()
  admin = await h.as(['admin'])
  dpo = await h.as(['dpo'])
  const team = await h.team()
  worker = await h.as(['worker'], { teamIds: [team] })
  const person = json(await worker.post('/api/persons', { firstName: 'Salma', lastName: 'Ouali' }))
  caseId = json(await worker.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team })).id
})
afterAll(() => h?.close())

const BROKEN_COOKIE = 'parcours=%E0%A4%A'

function expectFieldProblem(res: LightMyRequestResponse, field: string, code: string, sent: string) {
  expect(res.statusCode, res.body).toBe(400)
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
  const body = json(res)
  expect(body.code).toBe('validation.failed')
  expect(body.errors).toEqual([{ field, code, message: expect.any(String) }])
  expect(res.body).not.toContain(sent)
}

describe('a session cookie that is not valid percent-encoding', () => {
  it('is no session: public routes answer, protected ones ask for sign-in, sign-in works', async () => {
    const health = await h.app.inject({ method: 'GET', url: '/api/health', headers: { cookie: BROKEN_COOKIE } })
    expect(health.statusCode).toBe(200)
    const me = await h.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: `other=1; ${BROKEN_COOKIE}` } })
    expect(me.statusCode).toBe(401)
    expect(json(me).code).toBe('auth.required')
    const u = await h.user(['worker'])
    const agent = h.agent()
    agent.cookie = BROKEN_COOKIE
    const login = await agent.post('/api/auth/login', { email: u.email, password: u.password })
    expect(login.statusCode).toBe(200)
    expect(String(login.headers['set-cookie'])).toMatch(/^parcours=[A-Za-z0-9_-]{43};/)
    expect((await agent.get('/api/me')).statusCode).toBe(200)
  })
})

describe('U+0000 in any string', () => {
  it('refuses a sign-in whose e-mail or password holds it, before any password work', async () => {
    const u = await h.user(['worker'])
    const [local, domain] = u.email.split('@')
    expectFieldProblem(
      await h.agent().post('/api/auth/login', { email: `${local}\u0000@${domain}`, password: u.password }),
      'email',
      'nul_character',
      local as string,
    )
    expectFieldProblem(
      await h.agent().post('/api/auth/login', { email: u.email, password: `${u.password}\u0000` }),
      'password',
      'nul_character',
      u.password,
    )
  })

  it('refuses a team name and a display name, writing nothing', async () => {
    const name = `Team ${crypto.randomBytes(4).toString('hex')}`
    expectFieldProblem(await admin.post('/api/teams', { name: `${name}\u0000x` }), 'name', 'nul_character', name)
    expect(json(await admin.get('/api/teams')).items.map((t: { name: string }) => t.name)).not.toContain(`${name}\u0000x`)
    const target = await h.user(['worker'])
    const before = json(await admin.get(`/api/users/${target.id}`))
    const patch = await admin.patch(
      `/api/users/${target.id}`,
      { displayName: 'Renamed\u0000Person' },
      { 'if-match': `"${before.version}"` },
    )
    expectFieldProblem(patch, 'displayName', 'nul_character', 'Renamed')
    expect(json(await admin.get(`/api/users/${target.id}`))).toMatchObject({ displayName: before.displayName, version: before.version })
  })

  it('refuses it in a query, in path parameters and deep in a JSON body, naming the field', async () => {
    expectFieldProblem(await dpo.get('/api/audit?action=user.%00created'), 'query.action', 'nul_character', 'user.')
    expectFieldProblem(await admin.get('/api/instruments/check%00in/versions/1'), 'params.code', 'nul_character', 'check')
    const definition = {
      title: { fr: 'Bilan', nl: 'Balans', de: 'Bilanz', en: 'Review\u0000' },
      sections: [{ key: 'main', title: { fr: 'a', nl: 'b', de: 'c', en: 'd' }, items: [] }],
    }
    expectFieldProblem(
      await admin.post('/api/instruments', { code: 'nul-check', definition }),
      'definition.title.en',
      'nul_character',
      'Review',
    )
    const inArray = { ...definition, title: { ...definition.title, en: 'Review' } }
    inArray.sections[0]!.items = [{ key: 'x', label: { fr: '\u0000' } }] as never
    expectFieldProblem(
      await admin.post('/api/instruments', { code: 'nul-check', definition: inArray }),
      'definition.sections.0.items.0.label.fr',
      'nul_character',
      'Review',
    )
    // A property name is never echoed: the field named is the object that holds it.
    expectFieldProblem(await admin.post('/api/teams', { name: 'A team', 'Secret\u0000key': 1 }), 'body', 'nul_character', 'Secret')
    expect((await admin.get('/api/instruments/nul-check/versions/1')).statusCode).toBe(404)
  })

  it('refuses it in the file name of an upload', async () => {
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n')
    const upload = await worker.post(`/api/accompaniments/${caseId}/documents`, pdf, {
      'content-type': 'application/pdf',
      'x-filename': encodeURIComponent('Rapport\u0000Ouali.pdf'),
    })
    expectFieldProblem(upload, 'headers.x-filename', 'nul_character', 'Rapport')
    expect(json(await worker.get(`/api/accompaniments/${caseId}/documents`)).items).toEqual([])
  })

  it('answers an anonymous caller 401 first: the check runs after authorisation', async () => {
    const res = await h.agent().post('/api/teams', { name: 'x\u0000' })
    expect(res.statusCode).toBe(401)
  })
})

describe('half a surrogate pair', () => {
  it('is refused rather than stored as U+FFFD', async () => {
    const name = `Team ${crypto.randomBytes(4).toString('hex')}`
    expectFieldProblem(await admin.post('/api/teams', { name: `${name}\ud800` }), 'name', 'invalid_unicode', name)
    expect(json(await admin.get('/api/teams')).items.filter((t: { name: string }) => t.name.startsWith(name))).toEqual([])
    // A whole pair (an emoji) is ordinary text.
    const emoji = await admin.post('/api/teams', { name: `${name} \u{1F33F}` })
    expect(emoji.statusCode).toBe(201)
    expect(json(await admin.get('/api/teams')).items.map((t: { name: string }) => t.name)).toContain(`${name} \u{1F33F}`)
  })
})
