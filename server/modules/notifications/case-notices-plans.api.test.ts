import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Trx } from '../../http/context'
import { reportsDue } from '../../security/case-notices'
import { DB_KIND, startTestApp, type TestApp } from '../../test/harness'
import { explainStatements, fullScans, QueryCapture } from '../../test/query-plans'

/**
 * The daily notices look for judicial reports falling due (security/case-notices.ts) among every
 * team's cases: a range of the reports-due index (migration 0070), never the whole cases table,
 * which at a national service's size is tens of megabytes read at each start-up and each day.
 * The statements really run are captured and explained on the engine under test; PostgreSQL is
 * told sequential scans are a last resort, as in the other plan tests.
 */
let t: TestApp

beforeAll(async () => {
  t = await startTestApp()
})
afterAll(() => t.close())

it('finds the judicial reports falling due without reading the cases table whole', async () => {
  const capture = new QueryCapture(t.services.db)
  const db = t.services.db.withPlugin(capture)
  const statements = await capture.during(() => db.transaction().execute((trx) => reportsDue(trx as unknown as Trx, '2026-12-31')))
  const explained = await t.services.db.transaction().execute(async (trx) => {
    if (DB_KIND === 'postgres') await sql`set local enable_seqscan = off`.execute(trx)
    return explainStatements(trx, DB_KIND, statements)
  })
  const cases = explained.filter((e) => /from "accompaniments"/.test(e.sql))
  expect(cases).toHaveLength(1)
  expect(fullScans(explained, new Set(['accompaniments'])).map((s) => `${s.detail} in ${s.sql}`)).toEqual([])
  expect(cases[0]!.plan.join('\n')).toMatch(/accompaniments_reports_due/)
})
