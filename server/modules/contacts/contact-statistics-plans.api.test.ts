import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildApp } from '../../app'
import { ReadBatcher } from '../../http/read-batcher'
import { Agent, DB_KIND, startTestApp, type TestApp } from '../../test/harness'
import { QueryCapture, explainStatements, fullScans } from '../../test/query-plans'

/**
 * The line's tables grow with every call: the lead's statistics start from the day counts' key
 * (0032) and the date indexes (contacts_statistics_timed, contact_information_given_recorded,
 * confidentiality_exceptions_status) and never read a table whole. As in the other plan tests, the statements the request really runs
 * are captured and explained on the engine under test; PostgreSQL is told sequential scans are a
 * last resort, since on a table this small it would rightly prefer one.
 */
const LARGE = new Set([
  'contact_day_counts',
  'contacts',
  'contact_information_given',
  'confidentiality_exceptions',
  'contact_history',
  'contact_triages',
])

let t: TestApp
let capture: QueryCapture
let observed: Awaited<ReturnType<typeof buildApp>>
let lead: Agent & { userId: string }

beforeAll(async () => {
  t = await startTestApp()
  lead = await t.as(['lead'], { teamIds: [await t.team()] })
  const intake = await t.as(['intake'])
  for (const day of ['05', '06', '12'])
    expect(
      (
        await intake.post('/api/contacts', {
          channel: 'phone',
          occurredAt: `2026-10-${day}T09:00:00.000Z`,
          callerKind: 'relative',
          urgency: 'week',
        })
      ).statusCode,
    ).toBe(201)
  capture = new QueryCapture(t.services.db)
  const db = t.services.db.withPlugin(capture)
  observed = await buildApp({ ...t.services, db, reads: new ReadBatcher(db) })
  await observed.ready()
})
afterAll(async () => {
  await observed?.close()
  await t?.close()
})

it('reads no contact table whole', async () => {
  const agent = new Agent(observed)
  agent.cookie = lead.cookie
  let status = 0
  const statements = await capture.during(async () => {
    status = (await agent.get('/api/contacts/statistics?from=2026-10-05&to=2026-10-18')).statusCode
  })
  expect(status).toBe(200)
  const explained = await t.services.db.transaction().execute(async (trx) => {
    if (DB_KIND === 'postgres') await sql`set local enable_seqscan = off`.execute(trx)
    return explainStatements(trx, DB_KIND, statements)
  })
  // The day counts, the timed read of contacts, the sheets' and the exceptions' counts were explained (the audit's own are not ours).
  const ours = explained.filter((e) => /"(contact_day_counts|contacts|contact_information_given|confidentiality_exceptions)"/.test(e.sql))
  expect(ours.length).toBeGreaterThanOrEqual(4)
  expect(fullScans(explained, LARGE).map((s) => `${s.detail} in ${s.sql}`)).toEqual([])
  // The counts come from the day counts (0032), a range of their primary key: no contact is read
  // for them. The one read of contacts left, call-back and danger times, is answered from its
  // partial covering index alone (0029): no lookup into the table.
  const days = explained.filter((e) => /from "contact_day_counts"/.test(e.sql))
  expect(days).toHaveLength(1)
  for (const e of days)
    expect(e.plan.join('\n'), e.sql).toMatch(
      DB_KIND === 'postgres' ? /contact_day_counts_pk/ : /INDEX sqlite_autoindex_contact_day_counts_1/,
    )
  const aggregates = explained.filter((e) => /from "contacts"/.test(e.sql) && !/"contacts"\."id"/.test(e.sql))
  expect(aggregates).toHaveLength(1)
  for (const e of aggregates) {
    const plan = e.plan.join('\n')
    if (DB_KIND === 'postgres') expect(plan, e.sql).toMatch(/Index Only Scan on contacts using contacts_statistics_timed/)
    else expect(plan, e.sql).toMatch(/USING COVERING INDEX contacts_statistics_timed/)
  }
})
