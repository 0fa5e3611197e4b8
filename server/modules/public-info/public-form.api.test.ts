import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'
import { formTokenKey, issueFormToken } from './public-form.token'

let t: TestApp
beforeAll(async () => {
  t = await startTestApp({
    env: { PARCOURS_PUBLIC_FORM_PER_ADDRESS: '3', PARCOURS_PUBLIC_FORM_PER_DAY: '6', PARCOURS_PUBLIC_INBOX_MAX: '8' },
  })
})
afterAll(() => t?.close())

/** A token as the page would have issued it `secondsAgo` seconds ago (the same signing code, an earlier clock). */
const token = (secondsAgo = 10) => issueFormToken(formTokenKey(t.services.auditKey), Date.now() - secondsAgo * 1000)
const genuine = (extra: Record<string, unknown> = {}) => ({
  token: token(),
  callerKind: 'relative',
  reachBy: 'phone',
  phone: '0470 12 34 56',
  name: 'Nadia',
  preferredTimes: ['morning'],
  message: 'Mon fils ne sort plus de sa chambre et regarde des vidéos de combat.',
  ...extra,
})
const form = (fields: Record<string, string | string[]>) => {
  const p = new URLSearchParams()
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x)
  return p.toString()
}
const postForm = (ip: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/info/contact',
    remoteAddress: ip,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      host: 'parcours.test',
      origin: 'http://parcours.test',
      'sec-fetch-site': 'same-origin',
      ...headers,
    },
    payload: form(fields),
  })
const inbox = () => t.services.db.selectFrom('contact_requests').selectAll().orderBy('received_at').execute()

describe('the public page', () => {
  it('serves /info in French by default and in each language, with alternates, a switch, the line and a form token', async () => {
    const fr = await t.app.inject({ method: 'GET', url: '/info' })
    expect(fr.statusCode).toBe(200)
    expect(fr.headers['content-type']).toMatch(/^text\/html/)
    expect(fr.headers['cache-control']).toBe('no-store')
    // Under no-referrer, Chromium would send the form's POST with `Origin: null`, which CSRF refuses.
    expect(fr.headers['referrer-policy']).toBe('same-origin')
    expect(fr.body).toContain('<html lang="fr">')
    for (const l of ['fr', 'nl', 'de', 'en']) expect(fr.body).toContain(`hreflang="${l}"`)
    expect(fr.body).toContain('0800 00 000')
    expect(fr.body).toMatch(/name="token" value="v1\.[^"]+"/)
    expect(fr.body).not.toMatch(/<script/i)
    const nl = await t.app.inject({ method: 'GET', url: '/info/nl' })
    expect(nl.body).toContain('<html lang="nl">')
    expect(nl.body).toContain('Vertrouwelijkheid')
    const de = await t.app.inject({ method: 'GET', url: '/info?lang=de' })
    expect(de.body).toContain('<html lang="de">')
    // The inline stylesheet carries this response's nonce, which the CSP names.
    const nonce = /<style nonce="([^"]+)"/.exec(fr.body)?.[1]
    expect(String(fr.headers['content-security-policy'])).toContain(`'nonce-${nonce}'`)
  })

  it('answers an unknown language with 404', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/info/xx' })).statusCode).toBe(404)
  })
})

describe('the form without JavaScript', () => {
  it('takes a plain form POST, answers a thank-you page, and stores the request sealed', async () => {
    const res = await postForm('198.51.100.1', {
      token: token(),
      language: 'nl',
      callerKind: 'professional',
      sector: 'school',
      mode: 'callback',
      name: 'Mevrouw Peeters',
      reachBy: 'email',
      email: 'leerkracht@school.example',
      preferredTimes: ['morning', 'afternoon'],
      message: 'Een leerling deelt extremistische filmpjes in de klas.',
      website: '',
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.body).toContain('<html lang="nl">')
    expect(res.body).toContain('Bedankt, uw vraag is goed ontvangen')
    const [row] = await inbox()
    expect(row).toMatchObject({
      caller_kind: 'professional',
      sector: 'school',
      anonymous: 0,
      reach_by: 'email',
      language: 'nl',
      state: 'open',
    })
    expect(JSON.stringify(row)).not.toContain('Peeters')
    expect(JSON.stringify(row)).not.toContain('leerkracht@')
    const audit = (await auditRows(t.services, 'contact_request.received')).at(-1)
    expect(audit?.client_ip).toBe('withheld')
  })

  it('answers what was wrong, naming the field, with the answers kept and a fresh token', async () => {
    const res = await postForm('198.51.100.2', {
      token: token(),
      language: 'fr',
      callerKind: 'relative',
      mode: 'callback',
      reachBy: 'phone',
      phone: '',
      message: 'Bonjour',
    })
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toMatch(/^text\/html/)
    expect(res.body).toContain('href="#f-phone"')
    expect(res.body).toMatch(/id="f-phone"[^>]*aria-invalid="true"/)
    expect(res.body).toContain('>Bonjour</textarea>')
    expect(res.body).toMatch(/name="token" value="v1\./)
  })

  it('refuses a form sent from another site, and a form-encoded body on any other route', async () => {
    const cross = await postForm('198.51.100.3', { token: token(), callerKind: 'relative' }, { 'sec-fetch-site': 'cross-site' })
    expect(cross.statusCode).toBe(403)
    expect(json(cross).code).toBe('csrf.rejected')
    const origin = await postForm(
      '198.51.100.3',
      { token: token(), callerKind: 'relative' },
      { origin: 'https://evil.example', 'sec-fetch-site': '' },
    )
    expect(origin.statusCode).toBe(403)
    const elsewhere = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-parcours-request': '1' },
      payload: 'email=a%40b.c&password=x',
    })
    // As any media type the route does not take (server/http/framework-errors.api.test.ts).
    expect(elsewhere.statusCode).toBe(400)
    expect(json(elsewhere).code).toBe('validation.failed')
  })
})

describe('the JSON variant', () => {
  it('issues a token, then answers 201 with nothing about the inbox', async () => {
    const agent = new Agent(t.app, '198.51.100.10')
    const issued = json(await agent.get('/api/public/contact-form'))
    expect(issued).toMatchObject({ minSeconds: 3, maxAgeSeconds: 10800 })
    const res = await agent.post('/api/public/contact-requests', genuine({ anonymous: true, name: '', phone: '', reachBy: null }))
    expect(res.statusCode, res.body).toBe(201)
    expect(json(res)).toEqual({ received: true, anonymous: true })
  })

  it('names each refusal: field, expired or forged token, too fast, honeypot, token used twice', async () => {
    const agent = new Agent(t.app, '198.51.100.11')
    const missing = await agent.post('/api/public/contact-requests', genuine({ phone: '' }))
    expect(missing.statusCode).toBe(400)
    expect(json(missing).errors.map((e: { field: string }) => e.field)).toEqual(['phone'])
    const sector = await agent.post('/api/public/contact-requests', genuine({ callerKind: 'professional' }))
    expect(json(sector).errors.map((e: { field: string }) => e.field)).toEqual(['sector'])
    const long = await agent.post('/api/public/contact-requests', genuine({ message: 'x'.repeat(1001) }))
    expect(json(long).errors.map((e: { field: string }) => e.field)).toEqual(['message'])
    expect(json(await agent.post('/api/public/contact-requests', genuine({ token: token(4 * 3600) }))).code).toBe('public_form.expired')
    const forged = token().replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))
    expect(json(await agent.post('/api/public/contact-requests', genuine({ token: forged }))).code).toBe('public_form.expired')
    expect(json(await agent.post('/api/public/contact-requests', genuine({ token: token(0) }))).code).toBe('public_form.too_fast')
    expect(json(await agent.post('/api/public/contact-requests', genuine({ website: 'http://spam.example' }))).code).toBe(
      'public_form.refused',
    )
    const once = token()
    expect((await agent.post('/api/public/contact-requests', genuine({ token: once }))).statusCode).toBe(201)
    const twice = await agent.post('/api/public/contact-requests', genuine({ token: once }))
    expect(json(twice).code).toBe('public_form.expired')
  })

  it('requires our header like every JSON write', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/public/contact-requests',
      payload: genuine(),
      headers: { 'content-type': 'application/json' },
    })
    expect(json(res).code).toBe('csrf.rejected')
  })
})
