import type { FastifyInstance } from 'fastify'
import { type Kysely, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, sql } from 'kysely'
import { buildApp } from '../server/app'
import type { Services } from '../server/http/context'
import { ReadBatcher } from '../server/http/read-batcher'
import { QueryCapture } from '../server/test/query-plans'

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
  const timer = new QueryTimer(services.db)
  const db = services.db.withPlugin(capture).withPlugin(timer)
  const app = await buildApp({ ...services, db, reads: new ReadBatcher(db) })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const port = (app.server.address() as { port: number }).port
  return { app, port, capture, timer, signIn: (email: string) => signInCookie(app, email) }
}

/**
 * Where a request's time goes: each statement it runs, timed from the moment Kysely hands it to
 * the plugins to its result, as the request ran it (on one connection, a statement started
 * together with others by Promise.all also counts the time it waited behind them). Running a
 * statement again alone, warm, hid a 100 ms one (ADR 0013's index): it is timed in place instead.
 * A subquery built into a statement is handed to plugins when it is built and has no result of
 * its own: it is not counted.
 */
export class QueryTimer implements KyselyPlugin {
  private starts = new Map<unknown, { at: number; sql: string }>()
  private timed: { ms: number; sql: string }[] | null = null

  constructor(private readonly db: Kysely<any>) {}

  transformQuery(args: PluginTransformQueryArgs) {
    if (this.timed)
      this.starts.set(args.queryId, { at: performance.now(), sql: this.db.getExecutor().compileQuery(args.node, args.queryId).sql })
    return args.node
  }

  async transformResult(args: PluginTransformResultArgs) {
    const start = this.starts.get(args.queryId)
    if (start && this.timed)
      this.timed.push({ ms: Math.round((performance.now() - start.at) * 10) / 10, sql: start.sql.replace(/\s+/g, ' ').slice(0, 160) })
    return args.result
  }

  /** The statements run while `fn` runs, the slowest first. */
  async during(fn: () => Promise<unknown>): Promise<{ ms: number; sql: string }[]> {
    this.timed = []
    this.starts.clear()
    try {
      await fn()
      return [...this.timed].sort((a, b) => b.ms - a.ms)
    } finally {
      this.timed = null
    }
  }
}
