import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { CompiledQuery } from 'kysely'
import pg from 'pg'
import { loadConfig } from '../server/config'
import { dropDatabase as dropPgDatabase } from '../server/test/pg-drop'
import { type ExplainedStatement, explainStatements, fullScans } from '../server/test/query-plans'
import type { Services } from '../server/http/context'
import { type CaseloadDataset, seedCaseload } from '../server/seed/caseload.synthetic'
import { createServices } from '../server/services'
import { hashPassword } from '../server/security/passwords'
import { percentiles, round } from './load'
import { analyze, observedApp } from './bench-app'

const ACCOMPANIMENTS = Number(process.env.BENCH_ACCOMPANIMENTS ?? 200_000)
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 2_000_000)
const TEAMS = Number(process.env.BENCH_TEAMS ?? 40)
const WORKERS_PER_TEAM = Number(process.env.BENCH_WORKERS_PER_TEAM ?? 10)
const REQUESTS = Number(process.env.BENCH_CASELOAD_REQUESTS ?? 200)
/** A directory to keep the dataset in between runs (seeding takes minutes); a fresh one if unset. */
const KEEP_DIR = process.env.BENCH_CASELOAD_DIR
const PG_PARALLEL = process.env.BENCH_PG_PARALLEL === '1'
const PASSWORD = 'benchmark passphrase 2026'
const log = (m: string) => process.stderr.write(`${m}\n`)

export type Stored = { dataset: CaseloadDataset; seedSeconds: number; masterKey: string }

/**
 * The database of this run: a temporary one, or the kept one of an earlier run (in `keepDir`, and
 * on PostgreSQL the database `parcours_bench_<label>`). Other benches that seed a caseload use it too.
 */
export async function openDataset<S extends { masterKey: string } = Stored>(
  kind: 'sqlite' | 'postgres',
  pgUrl: string,
  keepDir = KEEP_DIR,
  label = 'caseload',
) {
  const dataDir = keepDir ? path.join(keepDir, kind) : fs.mkdtempSync(path.join(os.tmpdir(), `parcours-bench-${label}-`))
  fs.mkdirSync(dataDir, { recursive: true })
  const storedFile = path.join(dataDir, 'dataset.json')
  const stored: S | null = fs.existsSync(storedFile) ? (JSON.parse(fs.readFileSync(storedFile, 'utf8')) as S) : null
  let url = `sqlite:${path.join(dataDir, 'bench.sqlite')}`
  let drop = async () => {}
  if (kind === 'postgres') {
    const name = keepDir ? `parcours_bench_${label.replaceAll('-', '_')}` : `parcours_bench_${crypto.randomBytes(4).toString('hex')}`
    const admin = new pg.Client({ connectionString: pgUrl })
    await admin.connect()
    if (!stored) {
      await admin.query(`drop database if exists ${name} with (force)`)
      await admin.query(`create database ${name}`)
    }
    // Parallel workers cost more to start than these small index-driven queries take (see the
    // README); BENCH_PG_PARALLEL=1 measures PostgreSQL's default instead.
    await admin.query(`alter database ${name} ${PG_PARALLEL ? 'reset' : 'set'} max_parallel_workers_per_gather${PG_PARALLEL ? '' : ' = 0'}`)
    await admin.end()
    const u = new URL(pgUrl)
    u.pathname = `/${name}`
    url = u.toString()
    if (!keepDir) drop = () => dropPgDatabase(pgUrl, name)
  } else if (!stored) fs.rmSync(path.join(dataDir, 'bench.sqlite'), { force: true })
  const masterKey = stored?.masterKey ?? crypto.randomBytes(32).toString('base64')
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: url,
    PARCOURS_DATA_DIR: dataDir,
    PARCOURS_MASTER_KEY: masterKey,
    // Demo mode signs in without a second factor, like the other benchmarks.
    PARCOURS_DEMO: 'true',
    LOG_LEVEL: 'silent',
  })
  const { services, close } = await createServices(config)
  return {
    services,
    stored,
    save: (s: S) => fs.writeFileSync(storedFile, JSON.stringify(s)),
    masterKey,
    /** Where the dataset lives, for a process of its own (the built server) once this one is closed. */
    url,
    dataDir,
    async close() {
      await close()
      await drop()
      if (!keepDir) fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Sequential requests over keep-alive HTTP, as a user's browser sends them. */
export async function timeRequests(port: number, requests: { url: string; cookie: string }[]) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  const latencies: number[] = []
  let errors = 0
  for (const r of requests) {
    const started = performance.now()
    const status = await new Promise<number>((resolve) => {
      const req = http.get(`http://127.0.0.1:${port}${r.url}`, { agent, headers: { cookie: r.cookie } }, (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      })
      req.on('error', () => resolve(0))
    })
    latencies.push(performance.now() - started)
    if (status !== 200) errors++
  }
  agent.destroy()
  return { requests: latencies.length, ...percentiles(latencies), errors }
}

/** Tables big enough that reading one whole is a bug: more than 10,000 rows here. */
async function largeTables(services: Services): Promise<Set<string>> {
  const tables = [
    'accompaniments',
    'accompaniment_workers',
    'accompaniment_events',
    'access_grants',
    'case_sessions',
    'tasks',
    'persons',
    'person_keys',
    'person_name_sets',
    'name_set_keys',
    'audit_log',
  ] as const
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

export async function benchCaseload(kind: 'sqlite' | 'postgres', pgUrl: string) {
  const ds = await openDataset(kind, pgUrl)
  try {
    const { services } = ds
    let stored = ds.stored
    if (!stored) {
      log(`[${kind}] caseload: seeding ${ACCOMPANIMENTS} accompaniments and ~${SESSIONS} sessions over ${TEAMS} teams…`)
      const started = performance.now()
      let last = 0
      const dataset = await seedCaseload(
        services,
        { accompaniments: ACCOMPANIMENTS, sessions: SESSIONS, teams: TEAMS, workersPerTeam: WORKERS_PER_TEAM },
        (stage, done, total) => {
          const now = performance.now()
          if (done === total || now - last > 10_000) {
            last = now
            log(`[${kind}]   ${stage} ${done}/${total} (${round((now - started) / 1000, 0)} s)`)
          }
        },
        await hashPassword(PASSWORD),
      )
      stored = { dataset, seedSeconds: round((performance.now() - started) / 1000, 1), masterKey: ds.masterKey }
      ds.save(stored)
      log(`[${kind}] caseload: seeded in ${stored.seedSeconds} s`)
    } else log(`[${kind}] caseload: reusing the dataset in ${KEEP_DIR}`)
    await analyze(services, kind)
    const { dataset } = stored

    const { app, port, capture, signIn } = await observedApp(services)
    // Ten workers and ten leads from teams across the service, so that caches do not serve one user.
    const picked = Array.from({ length: 10 }, (_, i) => Math.floor((i * TEAMS) / 10))
    const workers = await Promise.all(picked.map((t) => signIn(`worker-${t}-${t % WORKERS_PER_TEAM}@bench.parcours.test`)))
    const leads = await Promise.all(
      picked.map(async (t) => ({ cookie: await signIn(`lead-${t}@bench.parcours.test`), teamId: dataset.teams[t] as string })),
    )
    const large = await largeTables(services)

    const cases = {
      workerCaseload: (i: number) => ({ url: '/api/accompaniments', cookie: workers[i % workers.length] as string }),
      workerCaseloadActive: (i: number) => ({ url: '/api/accompaniments?status=active', cookie: workers[i % workers.length] as string }),
      workerCaseloadPage3: (i: number) => ({ url: '/api/accompaniments?offset=50', cookie: workers[i % workers.length] as string }),
      leadCaseload: (i: number) => ({ url: '/api/accompaniments', cookie: leads[i % leads.length]!.cookie }),
      leadDashboard: (i: number) => {
        const lead = leads[i % leads.length]!
        return { url: `/api/dashboard/caseload?teamId=${lead.teamId}`, cookie: lead.cookie }
      },
    }
    const plansFile = path.join(os.tmpdir(), `parcours-caseload-plans-${kind}.txt`)
    const planText: string[] = []
    const results: Record<string, unknown> = {}
    for (const [name, make] of Object.entries(cases)) {
      log(`[${kind}] caseload: ${name}, ${REQUESTS} requests`)
      // Plans first, from the statements of one real request.
      const first = make(0)
      let explained: ExplainedStatement[] = []
      const statements = await capture.during(() => timeRequests(port, [first]))
      explained = await explainStatements(services.db, services.kind, statements)
      const scans = fullScans(explained, large)
      // The same request's reads run directly, one after the other, 20 times: the database's part
      // of the latency, without HTTP, decryption and the audit commit.
      const reads = statements.filter((st) => /^\s*select\b/i.test(st.sql))
      const dbTimes: number[] = []
      for (let i = 0; i < 20; i++) {
        const started = performance.now()
        for (const st of reads) await services.db.executeQuery(CompiledQuery.raw(st.sql, [...st.parameters]))
        dbTimes.push(performance.now() - started)
      }
      planText.push(`## ${name} ${first.url}`)
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
        ...(scans.length ? { scans: scans.map((s) => `${s.detail} in: ${s.sql.slice(0, 160)}`) } : {}),
      }
    }
    fs.writeFileSync(plansFile, planText.join('\n'))
    await app.close()
    const count = async (t: 'accompaniments' | 'case_sessions' | 'tasks' | 'accompaniment_workers') =>
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
        teams: dataset.teams.length,
        workers: dataset.teams.length * WORKERS_PER_TEAM,
        accompaniments: await count('accompaniments'),
        caseWorkers: await count('accompaniment_workers'),
        sessions: await count('case_sessions'),
        tasks: await count('tasks'),
        seedSeconds: stored.seedSeconds,
      },
      target: 'p95 <= 50 ms, 0 full table scans',
      ...(kind === 'postgres' ? { maxParallelWorkersPerGather: PG_PARALLEL ? 'default' : 0 } : {}),
      // Other work on the machine moves these figures: the load while measuring, for the record.
      loadAverage: os.loadavg().map((l) => round(l, 1)),
      plans: plansFile,
      ...results,
    }
  } finally {
    await ds.close()
  }
}
