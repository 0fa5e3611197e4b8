import { benchDatabase } from './bench-database'
import crypto from 'node:crypto'
import http from 'node:http'
import os from 'node:os'
import { sql } from 'kysely'
import { API_ROUTES, buildApp } from '../server/app'
import { ReadBatcher } from '../server/http/read-batcher'
import { createUser } from '../server/modules/users/users.commands'
import { hashPassword } from '../server/security/passwords'
import { systemContext } from '../server/seed/system-context'
import { createServices } from '../server/services'
import { QueryCapture } from '../server/test/query-plans'
import { percentiles, round } from './load'
import { Client, seedHistory, YEARS, REVIEWS, EVENTS, SNAPSHOTS, PLAN_VERSIONS } from './overview.history'

/**
 * One case with years of desistance history, and the API calls its overview and path tabs make.
 * Everything is set up through the API (answer sets, events, snapshots, plan versions), so that
 * what is measured reads data written as users write it.
 */
const REQUESTS = Number(process.env.BENCH_OVERVIEW_REQUESTS ?? 200)
const WARMUP = Math.min(20, REQUESTS)
const PASSWORD = 'benchmark passphrase 2026'
const log = (m: string) => process.stderr.write(`${m}\n`)

/** One GET over keep-alive HTTP: status, time and size of the body. */
function get(agent: http.Agent, port: number, url: string, cookie: string) {
  return new Promise<{ status: number; ms: number; bytes: number }>((resolve) => {
    const started = performance.now()
    const req = http.get(`http://127.0.0.1:${port}${url}`, { agent, headers: { cookie } }, (res) => {
      let bytes = 0
      res.on('data', (chunk: Buffer) => (bytes += chunk.length))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, bytes }))
    })
    req.on('error', () => resolve({ status: 0, ms: performance.now() - started, bytes: 0 }))
  })
}

const stats = (values: number[]) => ({ ...percentiles(values), maxms: round(Math.max(...values)) })

export async function benchOverview(kind: 'sqlite' | 'postgres', pgUrl: string) {
  const { config, drop } = await benchDatabase(kind, pgUrl, 'overview')
  const { services, close } = await createServices(config)
  try {
    const teamId = crypto.randomUUID()
    await services.db.insertInto('teams').values({ id: teamId, name: 'Bench team', created_at: new Date().toISOString() }).execute()
    const email = 'worker@bench.parcours.test'
    const hash = await hashPassword(PASSWORD)
    const sys = await systemContext(services, null, 'bench')
    await sys.write('user.created', async (trx, audit) => {
      const created = await createUser(trx, { email, displayName: 'Bench Worker', roles: ['worker'], teamIds: [teamId] }, sys.now(), hash)
      audit.subject('user', created.id)
    })

    // The app runs on the same database, observed: every statement a request runs is recorded.
    const capture = new QueryCapture(services.db)
    const db = services.db.withPlugin(capture)
    const app = await buildApp({ ...services, db, reads: new ReadBatcher(db) })
    await app.listen({ host: '127.0.0.1', port: 0 })
    const port = (app.server.address() as { port: number }).port
    const client = new Client(app)
    await client.send('POST', '/api/auth/login', { email, password: PASSWORD })

    log(
      `[${kind}] overview: ${YEARS} years of history (${REVIEWS} reviews, ${EVENTS} events, ${SNAPSHOTS} snapshots, ${PLAN_VERSIONS} plan versions)…`,
    )
    const seedStart = performance.now()
    const person = await client.send('POST', '/api/persons', { firstName: 'Yanis', lastName: 'Haddad' })
    const acc = await client.send('POST', '/api/accompaniments', { kind: 'concerned', personId: person.id, teamId })
    const { firstSnapshot, lastSnapshot } = await seedHistory(client, acc.id as string)
    const seedSeconds = round((performance.now() - seedStart) / 1000, 1)
    log(`[${kind}] overview: set up in ${seedSeconds} s`)
    // What the API gives back, so that the figures are known to be about the history described.
    const plan = await client.send('GET', `/api/accompaniments/${acc.id}/plan`)
    const network = await client.send('GET', `/api/accompaniments/${acc.id}/network`)
    const trajectory = (await client.send('GET', `/api/accompaniments/${acc.id}/trajectory`)).items as { kind: string }[]
    const shape = {
      planGoals: plan.goals.length as number,
      planSteps: (plan.goals as { steps: unknown[] }[]).reduce((n, g) => n + g.steps.length, 0),
      tiesPerSnapshot: (network.items as { ties: unknown[] }[])
        .map((s) => s.ties.length)
        .reduce((r, n) => ({ min: Math.min(r.min, n), max: Math.max(r.max, n) }), { min: Infinity, max: 0 }),
      futureGoals: trajectory.filter((e) => e.kind === 'future').length,
    }
    if (kind === 'postgres') await sql`vacuum analyze`.execute(services.db)
    else await sql`analyze`.execute(services.db)

    const base = `/api/accompaniments/${acc.id}`
    const hasProgress = API_ROUTES.some((r) => r.method === 'GET' && r.path === '/api/accompaniments/:id/progress')
    const calls: Record<string, string> = {
      accompaniment: base,
      ...(hasProgress ? { progress: `${base}/progress` } : {}),
      relatives: `${base}/relatives`,
      timeline: `${base}/timeline`,
      instruments: '/api/instruments',
      reviews: `${base}/assessments?instrument=progress-review`,
      assessments: `${base}/assessments`,
      plan: `${base}/plan`,
      trajectory: `${base}/trajectory`,
      network: `${base}/network`,
      networkCompare: `${base}/network/compare?from=${firstSnapshot}&to=${lastSnapshot}`,
    }
    // What the web app requests at once: the overview tab, the path tab (its first part), and the
    // worst case of every call of both tabs together.
    const pages: Record<string, string[]> = {
      overviewTab: ['accompaniment', 'progress', 'relatives', 'timeline'].filter((c) => c in calls),
      pathTab: ['accompaniment', 'instruments', 'assessments'],
      everything: Object.keys(calls),
    }

    // Decryptions per request, counted where every sealed column is opened.
    let opened = 0
    const codec = services.codec as unknown as { openRow: (...args: unknown[]) => unknown }
    const openRow = codec.openRow.bind(codec)
    codec.openRow = (...args: unknown[]) => {
      opened++
      return openRow(...args)
    }

    // The development machine is shared: its load says how much to trust a run's tail.
    const loadBefore = os.loadavg()[0] as number
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    const perCall: Record<string, unknown> = {}
    for (const [name, callUrl] of Object.entries(calls)) {
      opened = 0
      let first = { status: 0, ms: 0, bytes: 0 }
      const statements = await capture.during(async () => {
        first = await get(agent, port, callUrl, client.cookie)
      })
      if (first.status !== 200) throw new Error(`${name}: ${first.status}`)
      const decrypted = opened
      for (let i = 0; i < WARMUP; i++) await get(agent, port, callUrl, client.cookie)
      const times: number[] = []
      let errors = 0
      for (let i = 0; i < REQUESTS; i++) {
        const res = await get(agent, port, callUrl, client.cookie)
        times.push(res.ms)
        if (res.status !== 200) errors++
      }
      perCall[name] = {
        requests: REQUESTS,
        ...stats(times),
        errors,
        bytes: first.bytes,
        statements: statements.length,
        rowsOpened: decrypted,
      }
      log(`[${kind}] overview: ${name} ${JSON.stringify(perCall[name])}`)
    }
    agent.destroy()

    // A page as a browser loads it: its calls at once, on up to six connections, end to end.
    const browser = new http.Agent({ keepAlive: true, maxSockets: 6 })
    const wholePage: Record<string, unknown> = {}
    for (const [pageName, names] of Object.entries(pages)) {
      const urls = names.map((n) => calls[n] as string)
      const page = async () => {
        const started = performance.now()
        const all = await Promise.all(urls.map((u) => get(browser, port, u, client.cookie)))
        return { ms: performance.now() - started, ok: all.every((a) => a.status === 200) }
      }
      for (let i = 0; i < WARMUP; i++) await page()
      const pageTimes: number[] = []
      let pageErrors = 0
      for (let i = 0; i < REQUESTS; i++) {
        const p = await page()
        pageTimes.push(p.ms)
        if (!p.ok) pageErrors++
      }
      wholePage[pageName] = { calls: names, pages: REQUESTS, ...stats(pageTimes), errors: pageErrors }
      log(`[${kind}] overview: page ${pageName} ${JSON.stringify(wholePage[pageName])}`)
    }
    browser.destroy()
    await app.close()

    const count = async (t: 'assessments' | 'trajectory_events' | 'network_snapshots' | 'plan_versions' | 'audit_log') =>
      Number(
        (
          await services.db
            .selectFrom(t)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    return {
      dataset: {
        years: YEARS,
        assessments: await count('assessments'),
        progressReviews: REVIEWS,
        trajectoryEvents: await count('trajectory_events'),
        networkSnapshots: await count('network_snapshots'),
        planVersions: await count('plan_versions'),
        ...shape,
        auditEntries: await count('audit_log'),
        seedSeconds,
      },
      progressRoute: hasProgress ? 'measured' : 'absent',
      loadAverage1m: { before: round(loadBefore, 1), after: round(os.loadavg()[0] as number, 1) },
      target: 'p95 <= 50 ms per call',
      sequential: perCall,
      wholePage,
    }
  } finally {
    await close()
    await drop()
  }
}
