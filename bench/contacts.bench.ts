import http from 'node:http'
import os from 'node:os'
import fs from 'node:fs'
import path from 'node:path'
import { CompiledQuery } from 'kysely'
import type { Services } from '../server/http/context'
import { seedCaseload } from '../server/seed/caseload.synthetic'
import { createServices } from '../server/services'
import { hashPassword } from '../server/security/passwords'
import { boundedWalks, explainStatements, fullScans } from '../server/test/query-plans'
import { benchDatabase } from './bench-database'
import { seedContacts } from './contacts.seed'
import { percentiles, round } from './load'
import { analyze, observedApp } from './bench-app'

/**
 * `npm run bench -- contacts`: the contact point at the scale of a national line after five years.
 * BENCH_CONTACTS (500,000) contacts from BENCH_CALLERS (100,000) callers, BENCH_CONTACT_QUEUE (300)
 * of them waiting in the intake queue, BENCH_CONTACT_LINKED (0.1) of them linked to one of
 * BENCH_CONTACT_CASES (5,000) cases; BENCH_CONTACT_REQUESTS (200) timed requests per route.
 */
const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 500_000)
const CALLERS = Number(process.env.BENCH_CALLERS ?? 100_000)
const QUEUED = Number(process.env.BENCH_CONTACT_QUEUE ?? 300)
const LINKED_SHARE = Number(process.env.BENCH_CONTACT_LINKED ?? 0.1)
const CASES = Number(process.env.BENCH_CONTACT_CASES ?? 5_000)
const REQUESTS = Number(process.env.BENCH_CONTACT_REQUESTS ?? 200)
/** The lead's statistics route (built on another branch) is measured with this query string. */
const STATISTICS_QUERY = process.env.BENCH_CONTACT_STATISTICS_QUERY ?? ''
const PASSWORD = 'benchmark passphrase 2026'
const log = (m: string) => process.stderr.write(`${m}\n`)

type Call = { method: 'GET' | 'POST'; url: string; cookie: string; body?: unknown }

/** Sequential requests over keep-alive HTTP, as one user's browser sends them; p50, p95, p99. */
async function timeRequests(port: number, calls: Call[]) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  const latencies: number[] = []
  let errors = 0
  for (const c of calls) {
    const payload = c.body === undefined ? undefined : JSON.stringify(c.body)
    const started = performance.now()
    const status = await new Promise<number>((resolve) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: c.url,
          method: c.method,
          agent,
          headers: {
            cookie: c.cookie,
            ...(payload
              ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), 'x-parcours-request': '1' }
              : {}),
          },
        },
        (res) => {
          res.resume()
          res.on('end', () => resolve(res.statusCode ?? 0))
        },
      )
      req.on('error', () => resolve(0))
      req.end(payload)
    })
    latencies.push(performance.now() - started)
    if (status !== 200) errors++
  }
  agent.destroy()
  const sorted = [...latencies].sort((a, b) => a - b)
  const p99 = round(sorted[Math.min(sorted.length - 1, Math.floor(0.99 * sorted.length))] ?? 0)
  return { requests: latencies.length, ...percentiles(latencies), p99ms: p99, errors }
}

/** Tables big enough that reading one whole is a bug: more than 10,000 rows here. */
async function largeTables(services: Services): Promise<Set<string>> {
  const tables = ['contacts', 'contact_history', 'person_keys', 'accompaniments', 'accompaniment_events', 'persons', 'audit_log'] as const
  const large = new Set<string>()
  for (const t of tables) {
    const { n } = await services.db
      .selectFrom(t)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    if (Number(n) > 10_000) large.add(t)
  }
  return large
}

export async function benchContacts(kind: 'sqlite' | 'postgres', pgUrl: string) {
  const { config, drop } = await benchDatabase(kind, pgUrl, 'contacts')
  const { services, close } = await createServices(config)
  try {
    const hash = await hashPassword(PASSWORD)
    const started = performance.now()
    log(`[${kind}] contacts: seeding ${CASES} cases, then ${CONTACTS} contacts from ${CALLERS} callers…`)
    await seedCaseload(services, { accompaniments: CASES, sessions: CASES, teams: 10, workersPerTeam: 5 }, undefined, hash)
    const cases = await services.db
      .selectFrom('accompaniments')
      .leftJoin('accompaniment_workers', (j) =>
        j.onRef('accompaniment_workers.accompaniment_id', '=', 'accompaniments.id').on('accompaniment_workers.role', '=', 'primary'),
      )
      .leftJoin('users', 'users.id', 'accompaniment_workers.user_id')
      .select(['accompaniments.id', 'accompaniments.person_id as personId', 'users.email as workerEmail'])
      .execute()
    let lastLog = 0
    const dataset = await seedContacts(
      services,
      { contacts: CONTACTS, callers: CALLERS, queued: QUEUED, linkedShare: LINKED_SHARE, years: 5 },
      cases,
      hash,
      (done) => {
        const now = performance.now()
        if (done === CONTACTS || now - lastLog > 10_000) {
          lastLog = now
          log(`[${kind}]   contacts ${done}/${CONTACTS} (${round((now - started) / 1000, 0)} s)`)
        }
      },
    )
    const seedSeconds = round((performance.now() - started) / 1000, 1)
    await analyze(services, kind)

    const { app, port, capture, signIn } = await observedApp(services)
    const intake = await signIn(dataset.intakeEmail)
    const lead = await signIn('lead-0@bench.parcours.test')
    const worker = dataset.linkedCase ? await signIn(dataset.linkedCase.workerEmail) : null
    const large = await largeTables(services)

    const routes: Record<string, ((i: number) => Call) | null> = {
      intakeQueue: () => ({ method: 'GET', url: '/api/contacts/queue', cookie: intake }),
      repeatCaller: (i) => ({
        method: 'POST',
        url: '/api/contacts/repeat-caller',
        cookie: intake,
        body: { phone: dataset.phones[i % dataset.phones.length], email: null },
      }),
      // The contacts of the cases a worker holds: the contact list as a worker sees it.
      workerContactList: worker ? () => ({ method: 'GET', url: '/api/contacts', cookie: worker }) : null,
      // The case's timeline, which names the contacts that led to it (contact_linked lines).
      caseTimeline:
        worker && dataset.linkedCase
          ? () => ({ method: 'GET', url: `/api/accompaniments/${dataset.linkedCase!.id}/timeline`, cookie: worker })
          : null,
      intakeContactList: () => ({ method: 'GET', url: '/api/contacts', cookie: intake }),
      // The lead's contact statistics: measured when this build has the route (lane "stats").
      leadStatistics: app.hasRoute({ method: 'GET', url: '/api/contacts/statistics' })
        ? () => ({ method: 'GET', url: `/api/contacts/statistics${STATISTICS_QUERY ? `?${STATISTICS_QUERY}` : ''}`, cookie: lead })
        : null,
    }
    const plansFile = path.join(os.tmpdir(), `parcours-contacts-plans-${kind}.txt`)
    const planText: string[] = []
    const results: Record<string, unknown> = {}
    let scansTotal = 0
    for (const [name, make] of Object.entries(routes)) {
      if (!make) {
        const why =
          name === 'leadStatistics' ? 'statistics: route not present on this build' : `${name}: no case with a worker in the dataset`
        log(`[${kind}] ${why}`)
        results[name] = why
        continue
      }
      log(`[${kind}] contacts: ${name}, ${REQUESTS} requests`)
      const first = make(0)
      const statements = await capture.during(() => timeRequests(port, [first]))
      const explained = await explainStatements(services.db, services.kind, statements)
      const scans = fullScans(explained, large)
      const bounded = boundedWalks(explained, large)
      scansTotal += scans.length
      // The request's reads run directly, 20 times: the database's part of the latency.
      const reads = statements.filter((st) => /^\s*(select|with)\b/i.test(st.sql))
      const dbTimes: number[] = []
      for (let i = 0; i < 20; i++) {
        const t0 = performance.now()
        for (const st of reads) await services.db.executeQuery(CompiledQuery.raw(st.sql, [...st.parameters]))
        dbTimes.push(performance.now() - t0)
      }
      planText.push(`## ${name} ${first.method} ${first.url}`)
      for (const e of explained) planText.push(e.sql, ...e.plan.map((p) => `  ${p}`), '')
      await timeRequests(
        port,
        Array.from({ length: 20 }, (_, i) => make(i)),
      )
      const timed = await timeRequests(
        port,
        Array.from({ length: REQUESTS }, (_, i) => make(i)),
      )
      results[name] = {
        ...timed,
        statements: explained.length,
        readsP50ms: percentiles(dbTimes).p50ms,
        fullTableScans: scans.filter((s) => s.kind === 'table').length,
        fullIndexScans: scans.filter((s) => s.kind === 'index').length,
        ...(scans.length ? { scans: scans.map((s) => `${s.detail} in: ${s.sql.slice(0, 200)}`) } : {}),
        // Walks with no condition to start from that stop at their LIMIT, or read a partial index.
        ...(bounded.length ? { boundedIndexWalks: bounded.map((s) => `${s.detail} (${s.bounded}) in: ${s.sql.slice(0, 120)}`) } : {}),
      }
    }
    fs.writeFileSync(plansFile, planText.join('\n'))
    await app.close()
    log(`[${kind}] contacts: ${scansTotal} full scans across the measured requests (plans in ${plansFile})`)
    return {
      dataset: {
        contacts: dataset.contacts,
        callers: CALLERS,
        queued: dataset.queued,
        linkedToCases: dataset.linked,
        cases: cases.length,
        seedSeconds,
      },
      target: 'p95 <= 50 ms, 0 full scans',
      fullScans: scansTotal,
      // Other work on the machine moves these figures: the load while measuring, for the record.
      loadAverage: os.loadavg().map((l) => round(l, 1)),
      plans: plansFile,
      ...results,
    }
  } finally {
    await close()
    await drop()
  }
}
