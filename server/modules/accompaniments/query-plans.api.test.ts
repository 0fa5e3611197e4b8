import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../../../common/roles'
import { buildApp } from '../../app'
import { type ExplainedStatement, QueryCapture, explainStatements, fullScans } from '../../test/query-plans'
import { ReadBatcher } from '../../http/read-batcher'
import { Agent, DB_KIND, json, startTestApp, type TestApp } from '../../test/harness'

/**
 * The caseload and the lead's dashboard must stay index-driven: at 200,000 cases a full scan is
 * the difference between milliseconds and a second (see `npm run bench -- caseload`). Timings are
 * not testable; plans are. The app runs here on the test database observed by a QueryCapture, and
 * every statement a request runs is explained. SQLite plans without statistics as if tables were
 * large; PostgreSQL is told sequential scans are a last resort, so it only picks one (or walks a
 * whole index) when no index fits the query.
 */
const LARGE = new Set([
  'accompaniments',
  'accompaniment_workers',
  'access_grants',
  'accompaniment_events',
  'case_sessions',
  'tasks',
  'persons',
  'person_keys',
  'audit_log',
])

let t: TestApp
let capture: QueryCapture
let observed: Awaited<ReturnType<typeof buildApp>>
let team: string
let otherTeam: string
const WHO = ['worker', 'coWorker', 'lead', 'otherLead', 'otherWorker', 'breakGlass', 'expiredGrant'] as const
const users = {} as Record<(typeof WHO)[number], Agent & { userId: string }>
const cases: string[] = []

beforeAll(async () => {
  t = await startTestApp()
  team = await t.team()
  otherTeam = await t.team()
  const as = (roles: Role[], teamIds: string[]) => t.as(roles, { teamIds })
  users.worker = await as(['worker'], [team])
  users.coWorker = await as(['worker'], [team])
  users.lead = await as(['lead'], [team])
  users.otherLead = await as(['lead'], [otherTeam])
  users.otherWorker = await as(['worker'], [otherTeam])
  users.breakGlass = await as(['worker'], [otherTeam])
  users.expiredGrant = await as(['worker'], [otherTeam])
  // Cases in every state of the relationship: the worker's own, shared with a co-worker, handed
  // to the team without a worker, another team's, and ones opened by break-the-glass.
  const open = async (by: Agent, teamId: string) => {
    const person = json(await by.post('/api/persons', { firstName: 'Karim', lastName: 'Haddad' }))
    return json(await by.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId })).id as string
  }
  for (let i = 0; i < 3; i++) cases.push(await open(users.worker, team))
  const shared = await open(users.worker, team)
  expect(
    (
      await users.lead.post(`/api/accompaniments/${shared}/assign`, {
        primaryWorkerId: users.worker.userId,
        coWorkerIds: [users.coWorker.userId],
      })
    ).statusCode,
  ).toBe(200)
  cases.push(shared)
  const intake = await as(['intake'], [])
  const unassignedPerson = json(await intake.post('/api/persons', { firstName: 'Nour', lastName: 'Benali' }))
  cases.push(json(await intake.post('/api/accompaniments', { kind: 'concerned', personId: unassignedPerson.id, teamId: team })).id)
  const theirs = await open(users.otherWorker, otherTeam)
  cases.push(theirs)
  const grantedHere = cases[0] as string
  expect(
    (await users.breakGlass.post(`/api/accompaniments/${grantedHere}/break-glass`, { reason: 'Appel urgent de la police' })).statusCode,
  ).toBe(200)
  expect(
    (await users.expiredGrant.post(`/api/accompaniments/${grantedHere}/break-glass`, { reason: 'Appel urgent du parquet' })).statusCode,
  ).toBe(200)
  await t.services.db
    .updateTable('access_grants')
    .set({ expires_at: new Date(Date.now() - 60_000).toISOString() })
    .where('user_id', '=', users.expiredGrant.userId)
    .execute()
  expect((await users.worker.post(`/api/accompaniments/${cases[1]}/status`, { to: 'suspended' }, { 'if-match': '"1"' })).statusCode).toBe(
    200,
  )

  capture = new QueryCapture(t.services.db)
  const db = t.services.db.withPlugin(capture)
  observed = await buildApp({ ...t.services, db, reads: new ReadBatcher(db) })
  await observed.ready()
})
afterAll(async () => {
  await observed.close()
  await t.close()
})

/** The same signed-in user, on the observed app. */
function observedAs(user: Agent): Agent {
  const agent = new Agent(observed)
  agent.cookie = user.cookie
  return agent
}

async function plansOf(user: Agent, url: string): Promise<ExplainedStatement[]> {
  let status = 0
  const statements = await capture.during(async () => {
    status = (await observedAs(user).get(url)).statusCode
  })
  expect(status).toBe(200)
  return t.services.db.transaction().execute(async (trx) => {
    if (DB_KIND === 'postgres') await sql`set local enable_seqscan = off`.execute(trx)
    return explainStatements(trx, DB_KIND, statements)
  })
}

describe('plans', () => {
  it.each([
    ['worker', '/api/accompaniments'],
    ['worker', '/api/accompaniments?status=active'],
    ['worker', '/api/accompaniments?offset=25'],
    ['lead', '/api/accompaniments'],
    ['lead', '/api/accompaniments?status=intake'],
    ['breakGlass', '/api/accompaniments'],
  ] as const)('the caseload of a %s (%s) reads no large table whole', async (who, url) => {
    const explained = await plansOf(users[who], url)
    // Not vacuous: the list and its count are among the statements explained.
    expect(explained.filter((e) => /from "accompaniments"/.test(e.sql)).length).toBeGreaterThanOrEqual(2)
    expect(fullScans(explained, LARGE)).toEqual([])
  })

  it("the lead's dashboard reads no large table whole", async () => {
    const explained = await plansOf(users.lead, `/api/dashboard/caseload?teamId=${team}`)
    expect(explained.filter((e) => /from "accompaniments"/.test(e.sql)).length).toBeGreaterThanOrEqual(5)
    expect(fullScans(explained, LARGE)).toEqual([])
  })
})

describe('the caseload shows exactly the cases one may open', () => {
  it.each(WHO)('for %s', async (who) => {
    const user = users[who]
    const list = json(await user.get('/api/accompaniments?limit=100'))
    const opened: string[] = []
    for (const id of cases) if ((await user.get(`/api/accompaniments/${id}`)).statusCode === 200) opened.push(id)
    expect(list.items.map((i: { id: string }) => i.id).sort()).toEqual(opened.sort())
    expect(list.total).toBe(opened.length)
    const active = json(await user.get('/api/accompaniments?status=active&limit=100'))
    expect(active.items.every((i: { status: string }) => i.status === 'active')).toBe(true)
    expect(active.total).toBe(list.items.filter((i: { status: string }) => i.status === 'active').length)
  })

  it('sees each relationship as expected', async () => {
    const count = async (who: keyof typeof users) => json(await users[who].get('/api/accompaniments?limit=100')).total
    expect(await count('worker')).toBe(4)
    expect(await count('coWorker')).toBe(1)
    expect(await count('lead')).toBe(5)
    expect(await count('otherWorker')).toBe(1)
    expect(await count('otherLead')).toBe(1)
    expect(await count('breakGlass')).toBe(1)
    expect(await count('expiredGrant')).toBe(0)
  })
})
