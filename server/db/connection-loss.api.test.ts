import pg from 'pg'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { DB_KIND, json, PG_ADMIN_URL, startTestApp, type TestApp } from '../test/harness'

/**
 * PostgreSQL closes connections on its own (a restart, a failover, an operator's terminate, a
 * dropped database): an idle connection of the pool then reports an error with no query to fail.
 * Unheard, that error ended the process (it surfaced in CI as unhandled errors when test
 * databases were dropped). The pool must drop the dead connection and serve the next request on a
 * new one. SQLite holds no connection to lose: there, the request is simply served.
 */
let t: TestApp
beforeAll(async () => {
  t = await startTestApp()
})
afterAll(() => t.close())

it(`serves the next request after the ${DB_KIND} server closed every idle connection`, async () => {
  const worker = await t.as(['worker'], { teamIds: [await t.team()] })
  expect((await worker.get('/api/me')).statusCode).toBe(200)
  if (DB_KIND === 'postgres') {
    const name = new URL(t.databaseUrl).pathname.slice(1)
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL })
    await admin.connect()
    try {
      const killed = await admin.query('select pg_terminate_backend(pid) as done from pg_stat_activity where datname = $1', [name])
      expect(killed.rows.length).toBeGreaterThan(0)
    } finally {
      await admin.end()
    }
    // Let the pool hear of the closed connections before the next request.
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  const again = await worker.get('/api/me')
  expect(again.statusCode, again.body).toBe(200)
  expect(json(again).email).toBe(worker.email)
})
