import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
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
  const db = services.db.withPlugin(capture)
  const app = await buildApp({ ...services, db, reads: new ReadBatcher(db) })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const port = (app.server.address() as { port: number }).port
  return { app, port, capture, signIn: (email: string) => signInCookie(app, email) }
}
