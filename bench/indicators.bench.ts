import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createUser } from '../server/modules/users/users.commands'
import { seedCaseload } from '../server/seed/caseload.synthetic'
import { systemContext } from '../server/seed/system-context'
import { hashPassword } from '../server/security/passwords'
import { explainStatements } from '../server/test/query-plans'
import { serviceToday } from '../server/time/service-day'
import { openDataset, type Stored, timeRequests } from './caseload.bench'
import { load, round } from './load'
import { analyze, observedApp } from './bench-app'

const CASES = Number(process.env.BENCH_INDICATOR_CASES ?? 200_000)
const SESSIONS = Number(process.env.BENCH_INDICATOR_SESSIONS ?? 2_000_000)
const REVIEWS = Number(process.env.BENCH_INDICATOR_REVIEWS ?? 600_000)
/** Fewer, larger teams than the caseload bench: a team's figures read every case of the team. */
const TEAMS = Number(process.env.BENCH_INDICATOR_TEAMS ?? 10)
const REQUESTS = Number(process.env.BENCH_INDICATOR_REQUESTS ?? 100)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
/** A directory to keep the dataset in between runs (before/after a change); a fresh one if unset. */
const KEEP_DIR = process.env.BENCH_INDICATOR_DIR
const PASSWORD = 'benchmark passphrase 2026'
const log = (m: string) => process.stderr.write(`${m}\n`)

/**
 * Issue 14's indicator page (`npm run bench -- indicators`): `GET /api/indicators` over HTTP with
 * the real app, as a lead of their team and as the DPO, for one year and for two, over a service of
 * CASES cases, SESSIONS sessions and REVIEWS reviews. Sequential requests give p50/p95; a closed
 * loop of four connections gives requests per second. The statements of one request are explained
 * into a plans file. Target: p95 ≤ 200 ms.
 */
export async function benchIndicators(kind: 'sqlite' | 'postgres', pgUrl: string) {
  const ds = await openDataset(kind, pgUrl, KEEP_DIR, 'indicators')
  try {
    const { services } = ds
    let stored = ds.stored
    const hash = await hashPassword(PASSWORD)
    if (!stored) {
      log(`[${kind}] indicators: seeding ${CASES} cases, ~${SESSIONS} sessions, ~${REVIEWS} reviews over ${TEAMS} teams…`)
      const started = performance.now()
      let last = 0
      const dataset = await seedCaseload(
        services,
        { accompaniments: CASES, sessions: SESSIONS, reviews: REVIEWS, teams: TEAMS, workersPerTeam: 5 },
        (stage, done, total) => {
          const now = performance.now()
          if (done === total || now - last > 15_000) {
            last = now
            log(`[${kind}]   ${stage} ${done}/${total} (${round((now - started) / 1000, 0)} s)`)
          }
        },
        hash,
      )
      const sys = await systemContext(services, null, 'bench-indicators')
      await sys.write('user.created', async (trx, audit) => {
        const dpo = await createUser(
          trx,
          { email: 'dpo@bench.parcours.test', displayName: 'Bench DPO', roles: ['dpo'], teamIds: [] },
          sys.now(),
          hash,
        )
        audit.subject('user', dpo.id)
      })
      stored = { dataset, seedSeconds: round((performance.now() - started) / 1000, 1), masterKey: ds.masterKey }
      ds.save(stored)
      log(`[${kind}] indicators: seeded in ${stored.seedSeconds} s`)
    } else log(`[${kind}] indicators: reusing the dataset in ${KEEP_DIR}`)
    await analyze(services, kind)
    const { dataset } = stored as Stored

    const { app, port, capture, timer, signIn } = await observedApp(services)
    const leads = await Promise.all(
      dataset.teams.map(async (teamId, t) => ({ cookie: await signIn(`lead-${t}@bench.parcours.test`), teamId })),
    )
    const dpo = await signIn('dpo@bench.parcours.test')

    const today = serviceToday()
    const yearsAgo = (n: number) => `${Number(today.slice(0, 4)) - n}${today.slice(4)}`
    const periods = { oneYear: yearsAgo(1), twoYears: yearsAgo(2) }
    const url = (teamId: string, from: string) => `/api/indicators?teamId=${teamId}&from=${from}&to=${today}`
    const plans: string[] = []
    const results: Record<string, unknown> = {}
    let statementMs: { ms: number; sql: string }[] = []
    for (const [period, from] of Object.entries(periods)) {
      for (const who of ['lead', 'dpo'] as const) {
        const make = (i: number) => {
          const lead = leads[i % leads.length]!
          return { url: url(lead.teamId, from), cookie: who === 'lead' ? lead.cookie : dpo }
        }
        const name = `${who}${period[0]!.toUpperCase()}${period.slice(1)}`
        log(`[${kind}] indicators: ${name}, ${REQUESTS} requests, then ${SECONDS} s at 4 connections`)
        const first = make(0)
        const statements = await capture.during(() => timeRequests(port, [first]))
        if (plans.length === 0) {
          plans.push(`## ${first.url}`)
          for (const e of await explainStatements(services.db, services.kind, statements))
            plans.push(e.sql, ...e.plan.map((p) => `  ${p}`), '')
          statementMs = await timer.during(() => timeRequests(port, [first]))
        }
        await timeRequests(
          port,
          Array.from({ length: 10 }, (_, i) => make(i)),
        )
        const timed = await timeRequests(
          port,
          Array.from({ length: REQUESTS }, (_, i) => make(i)),
        )
        // The closed loop reads one team's figures: requests per second at four connections.
        const loaded = await load(`http://127.0.0.1:${port}${first.url}`, {
          seconds: SECONDS,
          concurrency: 4,
          headers: { cookie: first.cookie },
        })
        results[name] = {
          ...timed,
          rps: round(loaded.rps, 1),
          loadedP95ms: loaded.p95ms,
          errors: timed.errors + loaded.errors,
        }
      }
    }
    await app.close()
    const plansFile = path.join(os.tmpdir(), `parcours-indicators-plans-${kind}.txt`)
    fs.writeFileSync(plansFile, plans.join('\n'))
    const count = async (t: 'accompaniments' | 'case_sessions' | 'assessments') =>
      Number(
        (
          await services.db
            .selectFrom(t)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    const cases = await count('accompaniments')
    return {
      dataset: {
        teams: dataset.teams.length,
        casesPerTeam: Math.round(cases / dataset.teams.length),
        cases,
        sessions: await count('case_sessions'),
        reviews: await count('assessments'),
        seedSeconds: stored.seedSeconds,
      },
      target: 'p95 <= 200 ms',
      loadAverage: os.loadavg().map((l) => round(l, 1)),
      plans: plansFile,
      // The lead's one-year request, statement by statement as it ran them: where its time goes.
      slowestStatements: statementMs.slice(0, 6),
      ...results,
    }
  } finally {
    await ds.close()
  }
}
