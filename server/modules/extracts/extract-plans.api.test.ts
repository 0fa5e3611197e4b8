import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Trx } from '../../http/context'
import { studyCases } from '../../security/study-door'
import { DB_KIND, startTestApp, type TestApp } from '../../test/harness'
import { explainStatements, QueryCapture } from '../../test/query-plans'
import { seedStudyTeam, type StudyTeam } from './extracts.fixture'

/**
 * An extract walks a team's cases a page at a time (study-door.ts). The page's columns of the case
 * (its client, erasure mark and age band included, migration 0069) come from the counted-cases
 * index alone: no lookup into the cases' table per row (a heap fetch each on PostgreSQL before).
 * The statement the door really runs is captured and explained on the engine
 * under test; PostgreSQL is told sequential scans are a last resort, as in the other plan tests.
 */
let t: TestApp
let s: StudyTeam

beforeAll(async () => {
  t = await startTestApp()
  s = await seedStudyTeam(t)
})
afterAll(() => t.close())

it('reads a page of the team’s cases from the counted-cases index alone', async () => {
  const capture = new QueryCapture(t.services.db)
  const db = t.services.db.withPlugin(capture)
  for (const page of [
    { after: null, limit: 1000 },
    { after: { createdAt: '2020-01-01T00:00:00.000Z', id: '' }, limit: 2 },
  ]) {
    let rows = 0
    const statements = await capture.during(() =>
      db.transaction().execute(async (trx) => {
        rows = (await studyCases(trx as unknown as Trx, s.team, { birthYears: true, page })).length
      }),
    )
    expect(rows).toBe(page.limit === 2 ? 2 : 7)
    const explained = await t.services.db.transaction().execute(async (trx) => {
      if (DB_KIND === 'postgres') await sql`set local enable_seqscan = off`.execute(trx)
      return explainStatements(trx, DB_KIND, statements)
    })
    expect(explained).toHaveLength(1)
    const plan = explained[0]!.plan.join('\n')
    if (DB_KIND === 'postgres') expect(plan).toMatch(/Index Only Scan on accompaniments using accompaniments_team_counted/)
    else expect(plan).toMatch(/SEARCH accompaniments USING COVERING INDEX accompaniments_team_counted/)
  }
})
