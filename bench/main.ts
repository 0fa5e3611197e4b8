import { benchDatabase } from './bench-database'
import crypto from 'node:crypto'
import os from 'node:os'
import Fastify from 'fastify'
import pg from 'pg'
import { buildApp } from '../server/app'
import { ReadBatcher } from '../server/http/read-batcher'
import { appendAuditMany, verifyAudit } from '../server/security/audit.chain'
import { sqliteFileOf, verifyAuditParallel } from '../server/security/audit.verify'
import { seedPersons } from '../server/seed/persons.seed'
import { FIRST_NAMES, LAST_NAMES, pick, rng } from '../server/seed/synthetic'
import { createServices } from '../server/services'
import { hashPassword } from '../server/security/passwords'
import { benchAuditPersons } from './audit-persons.bench'
import { benchCaseload } from './caseload.bench'
import { benchContacts } from './contacts.bench'
import { benchDpoAccess } from './dpo-access.bench'
import { benchDpo } from './dpo.bench'
import { benchFloor } from './floor.bench'
import { load, percentiles, round } from './load'
import { benchOverview } from './overview.bench'
import { benchPartners } from './partners.bench'
import { benchPublicForm } from './public-form.bench'
import { benchVerify } from './verify.bench'
import { benchWeb } from './web.bench'

const PERSONS = Number(process.env.BENCH_PERSONS ?? 200_000)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const AUDIT_ENTRIES = Number(process.env.BENCH_AUDIT_ENTRIES ?? 200_000)
const PG_URL = process.env.PARCOURS_TEST_PG_URL ?? 'postgres://parcours:parcours@127.0.0.1:5432/postgres'
const log = (m: string) => process.stderr.write(`${m}\n`)

/** One engine, measured in one run: throughput ratio, search latency, audit verification rate. */
async function benchEngine(kind: 'sqlite' | 'postgres') {
  const { config, drop } = await benchDatabase(kind, PG_URL, 'persons')
  const { services, close } = await createServices(config)
  // Before/after in one set of conditions: BENCH_READ_INFLIGHT=1 is the group commit without pipelining.
  if (process.env.BENCH_READ_INFLIGHT) services.reads = new ReadBatcher(services.db, { inFlight: Number(process.env.BENCH_READ_INFLIGHT) })
  try {
    log(`[${kind}] seeding ${PERSONS} persons…`)
    const seedStart = performance.now()
    const authorId = await seedPersons(services, PERSONS, (done) => {
      if (done % 20_000 === 0) log(`[${kind}]   ${done}/${PERSONS}`)
    })
    const seedSeconds = (performance.now() - seedStart) / 1000
    // The synthetic author gets a known password so that the benchmark signs in like a user.
    await services.db
      .updateTable('users')
      .set({ password_hash: await hashPassword('benchmark passphrase 2026') })
      .where('id', '=', authorId)
      .execute()
    const email = (await services.db.selectFrom('users').select('email').where('id', '=', authorId).executeTakeFirstOrThrow()).email

    const app = await buildApp(services)
    await app.listen({ host: '127.0.0.1', port: 0 })
    const port = (app.server.address() as { port: number }).port
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json', 'x-parcours-request': '1' },
      payload: { email, password: 'benchmark passphrase 2026' },
    })
    const cookie = String(login.headers['set-cookie']).split(';')[0] as string
    const person = await services.db.selectFrom('persons').select('id').limit(1).executeTakeFirstOrThrow()

    const bare = Fastify()
    bare.get('/bare', async () => ({ id: person.id, code: 'P-0000-0000', firstName: 'Bench', lastName: 'Mark', version: 1 }))
    await bare.listen({ host: '127.0.0.1', port: 0 })
    const barePort = (bare.server.address() as { port: number }).port

    log(`[${kind}] load: bare route and GET /api/persons/:id, ${SECONDS}s each`)
    const concurrency = 8
    await load(`http://127.0.0.1:${barePort}/bare`, { seconds: 1, concurrency })
    const bareResult = await load(`http://127.0.0.1:${barePort}/bare`, { seconds: SECONDS, concurrency })
    await load(`http://127.0.0.1:${port}/api/persons/${person.id}`, { seconds: 1, concurrency, headers: { cookie } })
    const personResult = await load(`http://127.0.0.1:${port}/api/persons/${person.id}`, {
      seconds: SECONDS,
      concurrency,
      headers: { cookie },
    })
    await bare.close()

    log(`[${kind}] name search: 300 queries`)
    const r = rng(7)
    const latencies: number[] = []
    let hits = 0
    for (let i = 0; i < 300; i++) {
      const first = pick(r, FIRST_NAMES)
      const last = pick(r, LAST_NAMES)
      // One query in three misspelt the way people do on the phone.
      const q =
        i % 3 === 0 ? `${first.replace(/mm/, 'm').replace(/ou/, 'u')} ${last.replace(/t$/, 'd').replace(/ /g, '')}` : `${first} ${last}`
      const started = performance.now()
      const res = await app.inject({
        method: 'POST',
        url: '/api/persons/search',
        headers: { cookie, 'content-type': 'application/json', 'x-parcours-request': '1' },
        payload: { q },
      })
      latencies.push(performance.now() - started)
      if (res.statusCode === 200 && (res.json() as { items: unknown[] }).items.length > 0) hits++
    }
    await app.close()

    log(`[${kind}] audit: appending ${AUDIT_ENTRIES} entries, then verifying the chain`)
    // Appended in batches (how the group commit writes them): what is measured is the verification.
    for (let done = 0; done < AUDIT_ENTRIES; done += 5000) {
      await services.db.transaction().execute(async (trx) => {
        for (let i = 0; i < 5000; i += 500) {
          await appendAuditMany(
            trx,
            Array.from({ length: 500 }, () => ({
              at: new Date().toISOString(),
              actorId: authorId,
              actorRole: 'worker',
              action: 'person.viewed',
              subjectType: 'person',
              subjectId: person.id,
              personId: person.id,
              persons: [],
              purpose: null,
              outcome: 'success' as const,
              requestId: crypto.randomUUID(),
              clientIp: '127.0.0.1',
              details: null,
            })),
          )
        }
      })
    }
    // The sequential walk (which diagnoses a broken chain) and the parallel check (`audit verify`).
    const sequential = await verifyAudit(services.db)
    const verification = await verifyAuditParallel(services.db, { sqliteFile: sqliteFileOf(config) })
    return {
      engine: kind,
      persons: PERSONS,
      seedSeconds: round(seedSeconds, 1),
      getPerson: {
        bareRps: round(bareResult.rps, 0),
        personRps: round(personResult.rps, 0),
        ratio: round(personResult.rps / bareResult.rps, 3),
        target: '>= 0.3 (issue 9)',
        personP50ms: personResult.p50ms,
        personP95ms: personResult.p95ms,
        errors: bareResult.errors + personResult.errors,
        concurrency,
      },
      nameSearch: { queries: latencies.length, withResults: hits, ...percentiles(latencies), target: 'p95 <= 20 ms' },
      auditVerify: {
        ok: verification.ok,
        entries: verification.entries,
        seconds: round(verification.durationMs / 1000, 3),
        entriesPerSecond: round(verification.entries / (verification.durationMs / 1000), 0),
        sequentialEntriesPerSecond: round(sequential.entries / (sequential.durationMs / 1000), 0),
        target: '>= 500000/s',
      },
    }
  } finally {
    await close()
    await drop()
  }
}

async function postgresReachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 })
  try {
    await c.connect()
    return true
  } catch {
    return false
  } finally {
    await c.end().catch(() => {})
  }
}

const engines: ('sqlite' | 'postgres')[] = ['sqlite']
if (process.env.BENCH_ENGINES) engines.splice(0, 1, ...(process.env.BENCH_ENGINES.split(',') as ('sqlite' | 'postgres')[]))
else if (await postgresReachable()) engines.push('postgres')
else log('PostgreSQL not reachable: benchmarking SQLite only')

// `npm run bench -- caseload` runs one group; no argument runs them all.
const groups = process.argv.slice(2)
const runs = (group: 'persons' | 'verify' | 'audit' | 'caseload' | 'overview' | 'public-form' | 'contacts' | 'partners') =>
  groups.length === 0 || groups.includes(group)
const results = []
for (const e of engines) {
  results.push({
    ...(runs('persons') ? await benchEngine(e) : { engine: e }),
    ...(runs('verify') ? { auditVerify: await benchVerify(e, PG_URL) } : {}),
    ...(runs('audit') ? { auditPersons: await benchAuditPersons(e, PG_URL) } : {}),
    ...(runs('caseload') ? { caseload: await benchCaseload(e, PG_URL) } : {}),
    ...(runs('overview') ? { overview: await benchOverview(e, PG_URL) } : {}),
    ...(runs('public-form') ? { publicForm: await benchPublicForm(e, PG_URL) } : {}),
    ...(runs('contacts') ? { contacts: await benchContacts(e, PG_URL) } : {}),
    ...(runs('partners') ? { partners: await benchPartners(e, PG_URL) } : {}),
    // Minutes of seeding: only when named (`npm run bench -- dpo-access`), PostgreSQL only.
    ...(groups.includes('dpo-access') && e === 'postgres' ? { dpoAccess: await benchDpoAccess(e, PG_URL) } : {}),
    // Issue 13's DPO and operator figures: export, retention dry run, key rotation (minutes of seeding).
    // Issue 9's ratio for a hand-written audited read, the floor of this design: only when named.
    ...(groups.includes('floor') ? { floor: await benchFloor(e, PG_URL) } : {}),
    ...(groups.includes('dpo') ? { dpo: await benchDpo(e, PG_URL) } : {}),
    // Issue 14's indicator page and study extract (minutes of seeding): only when named.
    ...(groups.includes('indicators') ? { indicators: await (await import('./indicators.bench')).benchIndicators(e, PG_URL) } : {}),
    ...(groups.includes('extract') ? { extract: await (await import('./extract.bench')).benchExtract(e, PG_URL) } : {}),
    ...(groups.length === 0 || groups.includes('documents')
      ? { documents: await (await import('./documents.bench')).benchDocuments(e, PG_URL) }
      : {}),
  })
}
// The web app under Lighthouse runs only when named (`npm run bench -- web`): bench/web.bench.ts.
if (groups.includes('web')) results.push({ web: await benchWeb(PG_URL) })
process.stdout.write(`${JSON.stringify({ node: process.version, cpus: os.cpus().length, results }, null, 2)}\n`)
process.exit(0)
