import crypto from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildApp } from '../../app'
import { toJson } from '../../db/json'
import { ReadBatcher } from '../../http/read-batcher'
import { Agent, DB_KIND, json, startTestApp, type TestApp } from '../../test/harness'
import { QueryCapture, boundedWalks, explainStatements, fullScans } from '../../test/query-plans'

/**
 * The intake queue shows open work only, so its cost must follow the queue, not the line: it reads
 * one range of `contacts_queue`, an index that holds only the contacts waiting for something
 * (partial, 0032), and only the columns its lines show. The fixture writes 2,000 plain contacts
 * that wait for nothing directly (nothing sealed: what is checked is the plan), then three waiting
 * ones through the API. The statements the request really runs are captured and explained on the
 * engine under test; PostgreSQL is told sequential scans are a last resort.
 */
let t: TestApp
let capture: QueryCapture
let observed: Awaited<ReturnType<typeof buildApp>>
let intake: Agent & { userId: string }

beforeAll(async () => {
  t = await startTestApp()
  intake = await t.as(['intake'])
  const rows = Array.from({ length: 2000 }, (_, i) => {
    const at = new Date(Date.parse('2025-01-01T08:00:00Z') + i * 3_600_000).toISOString()
    return {
      id: crypto.randomUUID(),
      status: 'final' as const,
      channel: 'phone' as const,
      direction: 'incoming' as const,
      occurred_at: at,
      caller_kind: 'anonymous' as const,
      themes: toJson<string[]>([]),
      orientation: 'none' as const,
      urgency: 'none' as const,
      queue_rank: null,
      created_by: intake.userId,
      created_at: at,
      updated_at: at,
      finalised_at: at,
      version: 2,
    }
  })
  for (let i = 0; i < rows.length; i += 200)
    await t.services.db
      .insertInto('contacts')
      .values(rows.slice(i, i + 200))
      .execute()
  for (const day of ['05', '06', '07']) {
    const created = await intake.post('/api/contacts', {
      channel: 'phone',
      occurredAt: `2026-10-${day}T09:00:00.000Z`,
      callerKind: 'relative',
      urgency: 'week',
      summary: 'Rappel demandé',
    })
    expect(created.statusCode, created.body).toBe(201)
    expect((await intake.post(`/api/contacts/${json(created).id}/finalise`, undefined, { 'if-match': '"1"' })).statusCode).toBe(200)
  }
  await sql`analyze`.execute(t.services.db)
  capture = new QueryCapture(t.services.db)
  const db = t.services.db.withPlugin(capture)
  observed = await buildApp({ ...t.services, db, reads: new ReadBatcher(db) })
  await observed.ready()
})
afterAll(async () => {
  await observed?.close()
  await t?.close()
})

it('reads the waiting contacts from the partial queue index, and only the columns a line shows', async () => {
  const agent = new Agent(observed)
  agent.cookie = intake.cookie
  let body: { items: { occurredAt: string }[] } = { items: [] }
  const statements = await capture.during(async () => {
    const res = await agent.get('/api/contacts/queue')
    expect(res.statusCode, res.body).toBe(200)
    body = json(res)
  })
  expect(body.items.map((i) => i.occurredAt.slice(0, 10))).toEqual(['2026-10-05', '2026-10-06', '2026-10-07'])
  const explained = await t.services.db.transaction().execute(async (trx) => {
    if (DB_KIND === 'postgres') await sql`set local enable_seqscan = off`.execute(trx)
    return explainStatements(trx, DB_KIND, statements)
  })
  // PostgreSQL shows a scan of a partial index whose predicate is the query's own without an index
  // condition: it reads the whole of contacts_queue, which holds only the waiting contacts (below),
  // and the plan reader says so.
  const scans = fullScans(explained, new Set(['contacts', 'person_keys']))
  expect(scans.map((s) => `${s.detail} in ${s.sql}`)).toEqual([])
  if (DB_KIND === 'postgres')
    expect(boundedWalks(explained, new Set(['contacts'])).map((s) => [s.detail, s.bounded])).toEqual([
      [expect.stringMatching(/using contacts_queue$/), 'partial index'],
    ])
  const queue = explained.filter((e) => /from "contacts"/.test(e.sql) && /queue_rank/.test(e.sql))
  expect(queue).toHaveLength(1)
  expect(queue[0]?.plan.join('\n')).toMatch(DB_KIND === 'postgres' ? /Index Scan on contacts using contacts_queue/ : /INDEX contacts_queue/)
  // No sealed text a line does not show is read.
  expect(queue[0]?.sql).not.toMatch(/summary_sealed|description_sealed|"contacts"\.\*/)

  // The index holds the waiting contacts only, not the 2,000 others.
  const definition =
    DB_KIND === 'postgres'
      ? (await sql<{ d: string }>`select indexdef as d from pg_indexes where indexname = 'contacts_queue'`.execute(t.services.db)).rows
      : (await sql<{ d: string }>`select sql as d from sqlite_master where name = 'contacts_queue'`.execute(t.services.db)).rows
  expect(definition).toHaveLength(1)
  expect(definition[0]?.d).toMatch(/where\s*\(?\s*\(?"?queue_rank"? is not null/i)
})

it('tells a walk that stops at its page from one that filters its way through the index', async () => {
  const agent = new Agent(observed)
  agent.cookie = intake.cookie
  const statements = await capture.during(async () => {
    const res = await agent.get('/api/contacts')
    expect(res.statusCode, res.body).toBe(200)
  })
  const filtered = { sql: 'select "id" from "contacts" where "channel" = \'email\' order by "occurred_at" desc limit 5', parameters: [] }
  const explained = await t.services.db.transaction().execute(async (trx) => {
    if (DB_KIND === 'postgres') await sql`set local enable_seqscan = off`.execute(trx)
    return explainStatements(trx, DB_KIND, [...statements, filtered])
  })
  const contacts = new Set(['contacts'])
  // Intake's list: the newest page along contacts_occurred and a capped count, each under its LIMIT.
  const bounded = boundedWalks(explained, contacts)
  expect(bounded.length).toBeGreaterThanOrEqual(1)
  expect(bounded.every((s) => s.bounded === 'limit' && s.sql !== filtered.sql)).toBe(true)
  // A LIMIT does not bound a walk that skips rows it does not want: that one may read it all.
  expect(fullScans(explained, contacts).map((s) => s.sql)).toEqual([filtered.sql])
})
