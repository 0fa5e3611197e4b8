import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../app'
import { startTestApp, type TestApp } from '../../test/harness'
import { chooseEncoding, precompressDir } from './web.precompress'

/**
 * The built web app as the server sends it: precompressed assets chosen by Accept-Encoding,
 * cached for a year when their name carries a content hash, and the page itself never cached
 * (it carries a fresh CSP nonce on every response).
 */
let h: TestApp
let web: FastifyInstance
let webRoot: string
const SCRIPT = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `accompagnement ${i}`))}\n`
const STYLE = `.app-brand { font-weight: 700 }\n`.repeat(200)
const ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">${'<rect width="1" height="1"/>'.repeat(40)}</svg>`

beforeAll(async () => {
  h = await startTestApp()
  webRoot = fs.mkdtempSync(path.join(h.dataDir, 'web-'))
  fs.mkdirSync(path.join(webRoot, 'assets'))
  fs.writeFileSync(path.join(webRoot, 'index.html'), '<html><head><meta name="csp-nonce" content="__CSP_NONCE__"></head></html>')
  fs.writeFileSync(path.join(webRoot, 'assets', 'index-Ab12Cd34.js'), SCRIPT)
  fs.writeFileSync(path.join(webRoot, 'assets', 'index-Ef56Gh78.css'), STYLE)
  fs.writeFileSync(path.join(webRoot, 'assets', 'tiny-Ij90Kl12.js'), 'x')
  fs.writeFileSync(path.join(webRoot, 'favicon.svg'), ICON)
  precompressDir(webRoot)
  web = await buildApp(h.services, { webRoot })
})
afterAll(async () => {
  await web?.close()
  await h?.close()
})

const get = (url: string, acceptEncoding?: string) =>
  web.inject({ method: 'GET', url, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } })

describe('precompressed assets', () => {
  it('writes .br and .gz beside each text asset, but not beside index.html nor when it would not be smaller', () => {
    expect(fs.existsSync(path.join(webRoot, 'assets', 'index-Ab12Cd34.js.br'))).toBe(true)
    expect(fs.existsSync(path.join(webRoot, 'assets', 'index-Ab12Cd34.js.gz'))).toBe(true)
    expect(fs.existsSync(path.join(webRoot, 'favicon.svg.br'))).toBe(true)
    expect(fs.existsSync(path.join(webRoot, 'index.html.br'))).toBe(false)
    expect(fs.existsSync(path.join(webRoot, 'index.html.gz'))).toBe(false)
    expect(fs.existsSync(path.join(webRoot, 'assets', 'tiny-Ij90Kl12.js.br'))).toBe(false)
  })

  it('sends brotli to a browser that accepts it, with Vary, a year of immutable caching and the original type', async () => {
    const res = await get('/assets/index-Ab12Cd34.js', 'gzip, deflate, br, zstd')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-encoding']).toBe('br')
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(String(res.headers.vary)).toMatch(/accept-encoding/i)
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length)
    expect(res.rawPayload.length).toBeLessThan(SCRIPT.length / 3)
    expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(SCRIPT)
  })

  it('sends gzip when brotli is not accepted, or refused with q=0', async () => {
    for (const accept of ['gzip, deflate', 'br;q=0, gzip', 'gzip;q=1.0, br;q=0.5']) {
      const res = await get('/assets/index-Ef56Gh78.css', accept)
      expect(res.headers['content-encoding'], accept).toBe('gzip')
      expect(res.headers['content-type']).toBe('text/css; charset=utf-8')
      expect(String(res.headers.vary)).toMatch(/accept-encoding/i)
      expect(zlib.gunzipSync(res.rawPayload).toString()).toBe(STYLE)
    }
  })

  it('sends the file as it is without Accept-Encoding, with identity only, or when nothing smaller was written', async () => {
    for (const accept of [undefined, 'identity', 'br;q=0, gzip;q=0', '*;q=0']) {
      const res = await get('/assets/index-Ab12Cd34.js', accept)
      expect(res.headers['content-encoding'], String(accept)).toBeUndefined()
      expect(String(res.headers.vary)).toMatch(/accept-encoding/i)
      expect(res.body).toBe(SCRIPT)
    }
    const tiny = await get('/assets/tiny-Ij90Kl12.js', 'br, gzip')
    expect(tiny.headers['content-encoding']).toBeUndefined()
    expect(tiny.body).toBe('x')
  })

  it('revalidates files outside /assets/ (their names carry no hash) but still compresses them', async () => {
    const res = await get('/favicon.svg', 'br')
    expect(res.headers['content-encoding']).toBe('br')
    expect(res.headers['content-type']).toBe('image/svg+xml')
    expect(res.headers['cache-control']).toBe('no-cache')
    expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(ICON)
  })

  it('an unknown asset is a 404 problem, not the page', async () => {
    const res = await get('/assets/missing-00000000.js', 'br')
    expect(res.statusCode).toBe(404)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(String(res.headers['cache-control'])).not.toMatch(/immutable/)
  })
})

describe('the page', () => {
  it('index.html and every client route are never cached and carry a fresh nonce', async () => {
    for (const url of ['/', '/index.html', '/my-day', '/accompaniments/0b6f6c0e-0000-4000-8000-000000000000']) {
      const res = await get(url, 'br, gzip')
      expect(res.statusCode, url).toBe(200)
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
      expect(res.headers['cache-control'], url).toMatch(/^(no-store|no-cache)/)
      const nonce = /content="([^"]+)"/.exec(res.body)?.[1]
      expect(nonce, url).toMatch(/^[A-Za-z0-9+/]{22}==$/)
      expect(String(res.headers['content-security-policy'])).toContain(`'nonce-${nonce}'`)
    }
  })

  it('is read again when a build replaces it under the running server', async () => {
    const file = path.join(webRoot, 'index.html')
    const before = fs.readFileSync(file, 'utf8')
    try {
      expect((await get('/my-day')).body).not.toContain('index-New12345.js')
      // What a new build writes: the same page naming the new chunks (a later time, another length).
      fs.writeFileSync(file, before.replace('</head>', '<script type="module" src="/assets/index-New12345.js"></script></head>'))
      fs.utimesSync(file, new Date(), new Date(Date.now() + 2000))
      const res = await get('/my-day')
      expect(res.statusCode).toBe(200)
      expect(res.body).toContain('/assets/index-New12345.js')
      expect(res.body).not.toContain('__CSP_NONCE__')
    } finally {
      fs.writeFileSync(file, before)
    }
  })
})

describe('chooseEncoding', () => {
  it('follows q-values and the server order', () => {
    expect(chooseEncoding('gzip, br', ['br', 'gzip'])).toBe('br')
    expect(chooseEncoding('gzip;q=1, br;q=0.8', ['br', 'gzip'])).toBe('gzip')
    expect(chooseEncoding('*', ['br', 'gzip'])).toBe('br')
    expect(chooseEncoding('*;q=0.5, br;q=0', ['br', 'gzip'])).toBe('gzip')
    expect(chooseEncoding('deflate', ['br', 'gzip'])).toBeNull()
    expect(chooseEncoding('br', ['gzip'])).toBeNull()
    expect(chooseEncoding('', ['br', 'gzip'])).toBeNull()
  })
})

describe('HEAD', () => {
  it('answers HEAD on the page and on public API routes, without a body; not on signed-in routes', async () => {
    const page = await web.inject({ method: 'HEAD', url: '/' })
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-type']).toMatch(/^text\/html/)
    expect(page.body).toBe('')
    const health = await web.inject({ method: 'HEAD', url: '/api/health' })
    expect(health.statusCode).toBe(200)
    const persons = await web.inject({ method: 'HEAD', url: '/api/persons/00000000-0000-4000-8000-000000000000' })
    expect(persons.statusCode).toBe(404)
  })
})
