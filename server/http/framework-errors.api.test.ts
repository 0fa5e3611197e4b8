import crypto from 'node:crypto'
import net from 'node:net'
import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, json, startTestApp, type TestApp } from '../test/harness'

/**
 * Errors raised by Fastify or Node before any route runs leave as problem+json from the
 * catalogue too, with the security headers, and never quote what was sent.
 */
let h: TestApp
let worker: Agent & { userId: string }
let admin: Agent & { userId: string }

beforeAll(async () => {
  h = await startTestApp()
  worker = await h.as(['worker'])
  admin = await h.as(['admin'])
})
afterAll(() => h?.close())

/** A value that must never come back: letters only, so that no encoding step changes it. */
const marker = () => `Sent${crypto.randomBytes(6).toString('hex')}Value`

function expectProblem(res: LightMyRequestResponse, status: number, code: string, sent: string) {
  expect(res.statusCode, res.body).toBe(status)
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
  const body = json(res)
  expect(body).toMatchObject({ status, code, type: `about:blank#${code}` })
  expect(body.requestId).toBe(res.headers['x-request-id'])
  expect(res.headers['x-content-type-options']).toBe('nosniff')
  expect(res.headers['cache-control']).toBe('no-store')
  expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'")
  expect(res.body).not.toContain(sent)
  return body
}

describe('path parameters', () => {
  it('a 300-character id on a case route is a field error of the contract, on every method', async () => {
    const id = `${marker()}${'x'.repeat(300)}`.slice(0, 300)
    for (const res of [
      await worker.get(`/api/accompaniments/${id}`),
      await worker.get(`/api/accompaniments/${id}/timeline`),
      await worker.post(`/api/accompaniments/${id}/tasks`, { title: 'Call back' }),
      await admin.patch(`/api/users/${id}`, { displayName: 'x' }, { 'if-match': '"1"' }),
    ]) {
      const body = expectProblem(res, 400, 'validation.failed', id.slice(0, 20))
      expect(body.errors.map((e: { field: string }) => e.field)).toEqual(['params.id'])
    }
  })

  it('a parameter longer than the router keeps is refused without quoting it', async () => {
    const id = `${marker()}${'y'.repeat(3000)}`
    const res = await worker.post(`/api/accompaniments/${id}/assign`, { userId: worker.userId })
    const body = expectProblem(res, 400, 'validation.failed', id.slice(0, 20))
    expect(body.errors).toEqual([{ field: 'params', code: 'too_long', message: expect.any(String) }])
  })

  it('a path that is not valid percent-encoding is refused without quoting it', async () => {
    const sent = marker()
    for (const res of [
      await worker.get(`/api/accompaniments/${sent}%E0%A4%A`),
      await worker.post(`/api/accompaniments/${sent}%E0%A4%A/assign`, {}),
      await h.agent().get(`/api/${sent}%ZZ`),
    ]) {
      const body = expectProblem(res, 400, 'validation.failed', sent)
      expect(body.errors).toEqual([{ field: 'path', code: 'invalid_encoding', message: expect.any(String) }])
    }
  })
})

describe('no route, and bodies Fastify refuses', () => {
  it('an unknown path or method is a 404 that does not quote the path', async () => {
    const sent = marker()
    expectProblem(await worker.get(`/api/${sent}`), 404, 'resource.not_found', sent)
    expectProblem(await worker.post(`/api/${sent}`, {}), 404, 'resource.not_found', sent)
    expectProblem(await worker.request('DELETE', `/api/accompaniments?${sent}=1`), 404, 'resource.not_found', sent)
    expectProblem(await worker.request('OPTIONS', `/api/accompaniments/${sent}`), 404, 'resource.not_found', sent)
  })

  it('malformed JSON, a wrong media type and a body too large are refused without quoting the body', async () => {
    const sent = marker()
    const raw = (payload: string, type: string) => worker.request('POST', '/api/persons', Buffer.from(payload), { 'content-type': type })
    const bad = expectProblem(await raw(`{"firstName": "${sent}", `, 'application/json'), 400, 'validation.failed', sent)
    expect(bad.errors.map((e: { field: string }) => e.field)).toEqual(['body'])
    expectProblem(await raw(`<firstName>${sent}</firstName>`, 'application/xml'), 400, 'validation.failed', sent)
    expectProblem(await raw(`{"firstName":"${sent}"}`, `application/${sent}`), 400, 'validation.failed', sent)
    expectProblem(
      await raw(JSON.stringify({ firstName: sent, notes: sent.repeat(60_000) }), 'application/json'),
      413,
      'payload.too_large',
      sent,
    )
    expectProblem(await raw('{"__proto__": {"admin": true}}', 'application/json'), 400, 'validation.failed', 'admin')
  })

  it('a body nested deeper than the call stack is a 400, not a crash', async () => {
    const deep = `${'['.repeat(100_000)}"${marker()}"${']'.repeat(100_000)}`
    const res = await worker.request('POST', '/api/persons', Buffer.from(deep), { 'content-type': 'application/json' })
    expectProblem(res, 400, 'validation.failed', 'Value')
  })
})

describe('requests Node refuses before Fastify sees them', () => {
  let port: number
  beforeAll(async () => {
    await h.app.listen({ host: '127.0.0.1', port: 0 })
    port = (h.app.server.address() as net.AddressInfo).port
  })

  /** Sends raw bytes and reads the whole answer until the server closes the connection. */
  function rawRequest(bytes: string): Promise<{ status: number; headers: string; body: string }> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1')
      const chunks: Buffer[] = []
      socket.on('data', (c) => chunks.push(c))
      socket.on('error', reject)
      socket.on('close', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        const [head = '', body = ''] = text.split('\r\n\r\n')
        resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]), headers: head, body })
      })
      socket.write(bytes)
    })
  }

  function expectRawProblem(res: { status: number; headers: string; body: string }, status: number, code: string, sent: string) {
    expect(res.status, res.headers).toBe(status)
    expect(res.headers).toMatch(/\r\ncontent-type: application\/problem\+json/i)
    expect(res.headers).toMatch(/\r\nx-content-type-options: nosniff/i)
    expect(JSON.parse(res.body)).toMatchObject({ status, code, type: `about:blank#${code}` })
    expect(res.headers + res.body).not.toContain(sent)
  }

  it('a query string larger than the header limit', async () => {
    const sent = marker()
    const res = await rawRequest(`GET /api/accompaniments?q=${sent.repeat(2000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`)
    expectRawProblem(res, 413, 'payload.too_large', sent)
  })

  it('a header value holding a line break or a request Node cannot parse', async () => {
    const sent = marker()
    expectRawProblem(
      await rawRequest(`GET /api/me HTTP/1.1\r\nHost: localhost\r\nX-Parcours-Purpose: a\rb${sent}\r\n\r\n`),
      400,
      'validation.failed',
      sent,
    )
    expectRawProblem(await rawRequest(`GET /api/me ${sent}\r\n\r\n`), 400, 'validation.failed', sent)
  })
})
