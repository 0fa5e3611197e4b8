import http from 'node:http'
import { buildApp } from '../server/app'
import { formTokenKey, issueFormToken } from '../server/modules/public-info/public-form.token'
import { createServices } from '../server/services'
import { benchDatabase } from './bench-database'
import { percentiles, round } from './load'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const log = (m: string) => process.stderr.write(`${m}\n`)

type Answer = { status: number; ms: number }

/** One POST of a JSON body over a keep-alive agent; the answer's status and time. */
function post(agent: http.Agent, port: number, path: string, body: unknown, headers: Record<string, string>): Promise<Answer> {
  const payload = JSON.stringify(body)
  const started = performance.now()
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          'x-parcours-request': '1',
          ...headers,
        },
      },
      (res) => {
        res.resume()
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }))
      },
    )
    req.on('error', () => resolve({ status: 0, ms: performance.now() - started }))
    req.end(payload)
  })
}

/**
 * The public form under a flood: 8 connections send rejected submissions as fast as they are
 * answered (a third with the honeypot filled, a third sent too soon, a third valid but from one
 * address over its allowance, which costs a counter update), while a genuine request from a fresh
 * address arrives every 100 ms. Reports the flood's sustained rate, the genuine requests' latency
 * during it and on an idle server, and checks that every genuine one landed.
 */
export async function benchPublicForm(kind: 'sqlite' | 'postgres', pgUrl: string) {
  const { config, drop } = await benchDatabase(kind, pgUrl, 'public-form')
  // Addresses come from X-Forwarded-For (one trusted hop), so that each genuine request has its own.
  const tuned = { ...config, trustProxy: true, publicForm: { ...config.publicForm, perDay: 1_000_000, inboxMax: 1_000_000 } }
  const { services, close } = await createServices(tuned)
  const app = await buildApp(services)
  await app.listen({ host: '127.0.0.1', port: 0 })
  const port = (app.server.address() as { port: number }).port
  const key = formTokenKey(services.auditKey)
  const token = () => issueFormToken(key, Date.now() - 10_000)
  const request = { callerKind: 'relative', reachBy: 'phone', phone: '0470 12 34 56', message: 'Bench request' }
  let genuineCount = 0
  const genuine = (agent: http.Agent) => {
    genuineCount++
    const address = `10.${(genuineCount >> 16) & 255}.${(genuineCount >> 8) & 255}.${genuineCount & 255}`
    return post(agent, port, '/api/public/contact-requests', { ...request, token: token() }, { 'x-forwarded-for': address })
  }
  try {
    const calm = new http.Agent({ keepAlive: true, maxSockets: 1 })
    log(`[${kind}] public form: genuine requests on an idle server`)
    const idle: Answer[] = []
    for (let i = 0; i < 100; i++) idle.push(await genuine(calm))

    log(`[${kind}] public form: rejected flood for ${SECONDS}s, a genuine request every 100 ms`)
    const flooder = new http.Agent({ keepAlive: true, maxSockets: 8 })
    const flood: Answer[] = []
    const during: Answer[] = []
    const deadline = performance.now() + SECONDS * 1000
    let n = 0
    const kinds = [
      () => ({ ...request, token: token(), website: 'http://spam.example' }),
      () => ({ ...request, token: issueFormToken(key) }),
      () => ({ ...request, token: token() }),
    ]
    const started = performance.now()
    const floodLoop = Promise.all(
      Array.from({ length: 8 }, async () => {
        while (performance.now() < deadline) {
          const body = kinds[n++ % kinds.length]!()
          flood.push(await post(flooder, port, '/api/public/contact-requests', body, { 'x-forwarded-for': '192.0.2.66' }))
        }
      }),
    )
    const genuineLoop = (async () => {
      while (performance.now() < deadline) {
        during.push(await genuine(calm))
        await new Promise((r) => setTimeout(r, 100))
      }
    })()
    await Promise.all([floodLoop, genuineLoop])
    const seconds = (performance.now() - started) / 1000
    flooder.destroy()
    calm.destroy()
    const landed = Number(
      (
        await services.db
          .selectFrom('contact_requests')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
    const statuses: Record<string, number> = {}
    for (const a of flood) statuses[a.status] = (statuses[a.status] ?? 0) + 1
    const idleP = percentiles(idle.map((a) => a.ms))
    const duringP = percentiles(during.map((a) => a.ms))
    // As load.ts takes its percentiles: the value at floor(q × n) of the sorted times.
    const p99 = (xs: Answer[]) => {
      const sorted = xs.map((a) => a.ms).sort((a, b) => a - b)
      return round(sorted[Math.min(sorted.length - 1, Math.floor(0.99 * sorted.length))] ?? 0)
    }
    return {
      floodRps: round(flood.length / seconds),
      floodStatuses: statuses,
      // The flooding address's own allowance for the day (3) is accepted: everything else is refused.
      floodAccepted: flood.filter((a) => a.status === 201).length,
      genuineIdle: { ...idleP, p99ms: p99(idle), n: idle.length },
      genuineDuringFlood: { ...duringP, p99ms: p99(during), n: during.length, refused: during.filter((a) => a.status !== 201).length },
      p95Ratio: round(duringP.p95ms / idleP.p95ms),
      landed,
      expectedLanded: idle.length + during.length + flood.filter((a) => a.status === 201).length,
    }
  } finally {
    await app.close()
    await close()
    await drop()
  }
}
