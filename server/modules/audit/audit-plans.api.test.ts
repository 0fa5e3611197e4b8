import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../app'
import { ReadBatcher } from '../../http/read-batcher'
import { Agent, DB_KIND, json, startTestApp, type TestApp } from '../../test/harness'
import { type ExplainedStatement, QueryCapture, explainStatements, fullScans } from '../../test/query-plans'

/**
 * The log grows with every read of the service: "who read this person" and "what did this user
 * read" must start from an index (the persons index, the actor index) and never read the log
 * whole. As in the caseload's plan test, the statements a request really runs are captured and
 * explained on the engine under test; PostgreSQL is told sequential scans are a last resort.
 */
const LARGE = new Set(['audit_log', 'audit_persons', 'persons', 'person_keys'])

let t: TestApp
let capture: QueryCapture
let observed: Awaited<ReturnType<typeof buildApp>>
let worker: Agent & { userId: string }
let dpo: Agent & { userId: string }
let code = ''

beforeAll(async () => {
  t = await startTestApp()
  const team = await t.team()
  worker = await t.as(['worker'], { teamIds: [team] })
  dpo = await t.as(['dpo'])
  for (const lastName of ['Haddad', 'Dupont', 'Benali']) {
    const person = json(await worker.post('/api/persons', { firstName: 'Noor', lastName }))
    code ||= person.code
    expect((await worker.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team })).statusCode).toBe(201)
  }
  for (let i = 0; i < 3; i++) expect((await worker.get('/api/accompaniments')).statusCode).toBe(200)

  capture = new QueryCapture(t.services.db)
  const db = t.services.db.withPlugin(capture)
  observed = await buildApp({ ...t.services, db, reads: new ReadBatcher(db) })
  await observed.ready()
})
afterAll(async () => {
  await observed?.close()
  await t?.close()
})

async function plansOf(url: string): Promise<{ explained: ExplainedStatement[]; total: number }> {
  const agent = new Agent(observed)
  agent.cookie = dpo.cookie
  let res: Awaited<ReturnType<Agent['get']>> | undefined
  const statements = await capture.during(async () => {
    res = await agent.get(url)
  })
  expect(res?.statusCode, res?.body).toBe(200)
  const explained = await t.services.db.transaction().execute(async (trx) => {
    if (DB_KIND === 'postgres') await sql`set local enable_seqscan = off`.execute(trx)
    return explainStatements(trx, DB_KIND, statements)
  })
  return { explained, total: json(res!).total }
}

describe('the DPO questions read no large table whole', () => {
  it.each([
    ['who read this person', () => `/api/audit?personCode=${code}`],
    ['who read this person, reads only', () => `/api/audit?personCode=${code}&kind=read`],
    ['who read this person, second page', () => `/api/audit?personCode=${code}&limit=2&offset=2`],
    ['what did this user read', () => `/api/audit?actorId=${worker.userId}&kind=read`],
  ] as const)('%s', async (_name, url) => {
    const { explained, total } = await plansOf(url())
    expect(total).toBeGreaterThan(0)
    // Not vacuous: the page and its count are among the statements explained.
    expect(explained.filter((e) => /from "audit_log"/.test(e.sql)).length).toBeGreaterThanOrEqual(2)
    expect(fullScans(explained, LARGE)).toEqual([])
  })

  it('and the access review’s "who read this person" reads one range of the reads index (0074), not the log', async () => {
    const agent = new Agent(observed)
    agent.cookie = dpo.cookie
    const day = new Date().toISOString().slice(0, 10)
    const statements = await capture.during(async () => {
      const res = await agent.post('/api/audit/access-review/readers', { personCode: code, from: day, to: day })
      expect(res.statusCode, res.body).toBe(200)
      // Not vacuous: the worker's reads of this morning are found.
      expect(json(res).readers.map((r: { actorId: string }) => r.actorId)).toContain(worker.userId)
    })
    const explained = await t.services.db.transaction().execute(async (trx) => {
      if (DB_KIND === 'postgres') await sql`set local enable_seqscan = off`.execute(trx)
      return explainStatements(trx, DB_KIND, statements)
    })
    const readers = explained.find((e) => /from "audit_persons"/.test(e.sql) && /group by/.test(e.sql))
    expect(readers?.sql).not.toMatch(/audit_log/)
    expect(readers?.plan.join('\n')).toMatch(
      DB_KIND === 'postgres'
        ? /using audit_person_reads \(+person_id = /
        : /USING COVERING INDEX audit_person_reads \(person_id=\? AND at>\? AND at<\?\)/,
    )
    expect(fullScans(explained, LARGE)).toEqual([])
  })

  it('and the person filter really starts at the persons index', async () => {
    const { explained } = await plansOf(`/api/audit?personCode=${code}`)
    const page = explained.find((e) => /from "audit_log"/.test(e.sql) && /limit/.test(e.sql))
    expect(page?.plan.join('\n')).toMatch(
      // Either index that begins with the person (the key, or 0074's reads by time).
      DB_KIND === 'postgres' ? /using audit_person(s_pk|_reads) \(+person_id = / : /^SEARCH p USING COVERING INDEX \w+ \(person_id=\?\)/m,
    )
  })
})
