import type { FastifyInstance } from 'fastify'
import { CompiledQuery, sql } from 'kysely'
import { buildApp } from '../server/app'
import type { Services } from '../server/http/context'
import { ReadBatcher } from '../server/http/read-batcher'
import { QueryCapture, type Statement } from '../server/test/query-plans'

/** The password every bench account is seeded with. */
export const BENCH_PASSWORD = 'benchmark passphrase 2026'

/**
 * Statistics are part of a bench's setup (again on a kept dataset, whose indexes may be newer
 * than its statistics): plans made without them mislead.
 */
export async function analyze(services: Services, kind: 'sqlite' | 'postgres'): Promise<void> {
  if (kind === 'postgres') await sql`vacuum analyze`.execute(services.db)
  else await sql`analyze`.execute(services.db)
}

/** Signs in through the API, as the web app's login form does, and gives the session cookie. */
export async function signInCookie(app: FastifyInstance, email: string, password = BENCH_PASSWORD): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'content-type': 'application/json', 'x-parcours-request': '1' },
    payload: { email, password },
  })
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode}`)
  return String(res.headers['set-cookie']).split(';')[0] as string
}

/**
 * The app on the bench's database, listening on a free port and observed: every statement a
 * request runs is recorded, so that a bench can explain the plans of what it timed.
 */
export async function observedApp(services: Services) {
  const capture = new QueryCapture(services.db)
  const db = services.db.withPlugin(capture)
  const app = await buildApp({ ...services, db, reads: new ReadBatcher(db) })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const port = (app.server.address() as { port: number }).port
  return { app, port, capture, signIn: (email: string) => signInCookie(app, email) }
}

/**
 * Where a request's time goes: each read statement it ran (as captured, with its parameters),
 * run again `times` times on its own, the slowest first with their median in milliseconds. Writes
 * (the audit entry) are left out: running them again would add entries. A subquery built into a
 * statement (a CTE) is captured alone as well, as Kysely hands it to plugins when it is built:
 * such a line is not a statement the request ran by itself.
 */
export async function timeStatements(services: Services, statements: readonly Statement[], times = 5) {
  const reads = statements.filter((s) => /^\s*(select|with)\b/i.test(s.sql))
  const timed: { ms: number; sql: string }[] = []
  for (const s of reads) {
    const runs: number[] = []
    for (let i = 0; i < times; i++) {
      const started = performance.now()
      await services.db.executeQuery(CompiledQuery.raw(s.sql, [...s.parameters]))
      runs.push(performance.now() - started)
    }
    runs.sort((a, b) => a - b)
    timed.push({ ms: Math.round(runs[runs.length >> 1]! * 10) / 10, sql: s.sql.replace(/\s+/g, ' ').slice(0, 160) })
  }
  return timed.sort((a, b) => b.ms - a.ms)
}
