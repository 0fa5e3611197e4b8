import crypto from 'node:crypto'
import http from 'node:http'
import { buildApp } from '../server/app'
import { createUser } from '../server/modules/users/users.commands'
import { hashPassword } from '../server/security/passwords'
import { systemContext } from '../server/seed/system-context'
import { createServices } from '../server/services'
import { benchDatabase } from './bench-database'
import { type LoadResult, load, round } from './load'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const UPLOAD_MIB = Number(process.env.BENCH_UPLOAD_MIB ?? 8)
const UPLOADERS = 2
const PASSWORD = 'benchmark passphrase 2026'
const log = (m: string) => process.stderr.write(`${m}\n`)

function request(port: number, method: string, url: string, headers: Record<string, string>, body?: Buffer | string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: url, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

const summary = (r: LoadResult) => ({ rps: round(r.rps, 0), p50ms: r.p50ms, p95ms: r.p95ms, requests: r.requests, errors: r.errors })

/**
 * What one large upload costs everybody else: the throughput and latency of other requests (a
 * case's document list, an audited read) alone, then while two clients upload 8 MiB PDFs in a loop.
 */
export async function benchDocuments(kind: 'sqlite' | 'postgres', pgUrl: string) {
  const { config, drop } = await benchDatabase(kind, pgUrl, 'documents')
  const { services, close } = await createServices({
    ...config,
    documents: { ...config.documents, maxBytes: (UPLOAD_MIB + 1) * 1_048_576 },
  })
  try {
    const teamId = crypto.randomUUID()
    await services.db.insertInto('teams').values({ id: teamId, name: 'Bench team', created_at: new Date().toISOString() }).execute()
    const email = 'documents@bench.parcours.test'
    const hash = await hashPassword(PASSWORD)
    const sys = await systemContext(services, null, 'bench')
    await sys.write('user.created', async (trx, audit) => {
      const created = await createUser(trx, { email, displayName: 'Bench Worker', roles: ['worker'], teamIds: [teamId] }, sys.now(), hash)
      audit.subject('user', created.id)
    })
    const app = await buildApp(services)
    await app.listen({ host: '127.0.0.1', port: 0 })
    const port = (app.server.address() as { port: number }).port
    const json = { 'content-type': 'application/json', 'x-parcours-request': '1' }
    const login = await new Promise<string>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/api/auth/login', headers: json }, (res) => {
        res.resume()
        res.on('end', () => resolve(String(res.headers['set-cookie']).split(';')[0] as string))
      })
      req.on('error', reject)
      req.end(JSON.stringify({ email, password: PASSWORD }))
    })
    const headers = { ...json, cookie: login }
    const person = JSON.parse(
      (await request(port, 'POST', '/api/persons', headers, JSON.stringify({ firstName: 'Bench', lastName: 'Upload' }))).body,
    )
    const acc = JSON.parse(
      (await request(port, 'POST', '/api/accompaniments', headers, JSON.stringify({ kind: 'concerned', personId: person.id, teamId })))
        .body,
    )
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), crypto.randomBytes(UPLOAD_MIB * 1_048_576 - 9)])
    const uploadHeaders = { cookie: login, 'x-parcours-request': '1', 'content-type': 'application/pdf', 'x-filename': 'bench.pdf' }

    const others = `http://127.0.0.1:${port}/api/accompaniments/${acc.id}/documents`
    const measure = () => load(others, { seconds: SECONDS, concurrency: 4, headers: { cookie: login } })
    log(`[${kind}] documents: other requests alone, ${SECONDS}s`)
    await load(others, { seconds: 1, concurrency: 4, headers: { cookie: login } })
    const alone = await measure()

    log(`[${kind}] documents: other requests with ${UPLOADERS} concurrent ${UPLOAD_MIB} MiB uploads, ${SECONDS}s`)
    let running = true
    const uploads: number[] = []
    let uploadErrors = 0
    const uploader = async () => {
      while (running) {
        const started = performance.now()
        const res = await request(port, 'POST', `/api/accompaniments/${acc.id}/documents`, uploadHeaders, pdf)
        if (res.status === 201) uploads.push(performance.now() - started)
        else uploadErrors++
      }
    }
    const loops = Array.from({ length: UPLOADERS }, uploader)
    await new Promise((r) => setTimeout(r, 300))
    const during = await measure()
    running = false
    await Promise.all(loops)
    // The last upload, downloaded: the time to stream one back.
    const listed = JSON.parse((await request(port, 'GET', `/api/accompaniments/${acc.id}/documents`, { cookie: login })).body)
    const started = performance.now()
    const down = await request(port, 'GET', `/api/accompaniments/${acc.id}/documents/${listed.items[0].id}`, { cookie: login })
    const downloadMs = round(performance.now() - started)
    await app.close()
    return {
      otherRequests: 'GET /api/accompaniments/:id/documents, 4 connections',
      alone: summary(alone),
      duringUploads: summary(during),
      throughputRatio: round(during.rps / alone.rps, 3),
      p95Ratio: round(during.p95ms / alone.p95ms, 1),
      uploads: {
        concurrent: UPLOADERS,
        mib: UPLOAD_MIB,
        completed: uploads.length,
        meanMs: round(uploads.reduce((a, b) => a + b, 0) / Math.max(1, uploads.length)),
        errors: uploadErrors,
      },
      download: { ms: downloadMs, status: down.status },
    }
  } finally {
    await close()
    await drop()
  }
}
