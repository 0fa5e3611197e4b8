import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyAudit } from '../security/audit.chain'
import { LIMITS } from '../security/throttle'
import { DEMO_PASSWORD, DEMO_USERS } from '../seed/demo.data'
import { seedDemo } from '../seed/demo.seed'
import { type Instance, startCluster } from './cluster'
import { type Agent, auditRows, DB_KIND, json } from './harness'

/**
 * Replicas behind a load balancer: three instances on one PostgreSQL database, every request of
 * a user going to whichever instance. On SQLite (one process holds the file) the same scenario
 * runs on one instance.
 */
const COUNT = DB_KIND === 'postgres' ? 3 : 1
const DENIALS = 6
let cluster: Awaited<ReturnType<typeof startCluster>>
let nodes: Instance[]
let team: string

beforeAll(async () => {
  cluster = await startCluster(COUNT, { env: { PARCOURS_DENIALS_PER_MINUTE: String(DENIALS) } })
  nodes = cluster.instances
  await seedDemo(cluster.first.services)
  team = (await cluster.first.services.db.selectFrom('teams').select('id').where('name', '=', 'Équipe Bruxelles').executeTakeFirstOrThrow())
    .id
}, 120_000)
afterAll(() => cluster.close())

const node = (i: number) => nodes[i % nodes.length] as Instance
/** The same browser (cookie) sending its next request to another instance. */
function via(i: number, agent: Agent): Agent {
  const moved = node(i).agent()
  moved.cookie = agent.cookie
  return moved
}
async function signIn(i: number, email: string, password = DEMO_PASSWORD): Promise<Agent> {
  const agent = node(i).agent()
  const res = await agent.post('/api/auth/login', { email, password })
  expect(res.statusCode, res.body).toBe(200)
  return agent
}
const demo = (role: string) => DEMO_USERS.find((u) => u.roles.includes(role as never))!.email
const count = async (table: 'persons' | 'tasks' | 'accompaniments' | 'audit_log') =>
  Number(
    (
      await cluster.first.services.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

it(`runs on ${COUNT} instance(s) of one ${DB_KIND} database`, () => {
  expect(nodes).toHaveLength(COUNT)
  expect(new Set(nodes.map((n) => n.services.db)).size).toBe(COUNT)
})

describe('sessions', () => {
  it('a session made on A works on B and C; signing out on A ends it on C', async () => {
    const a = await signIn(0, demo('worker'))
    for (const i of [0, 1, 2]) expect((await via(i, a).get('/api/me')).statusCode).toBe(200)
    const other = await signIn(1, demo('worker'))
    expect((await via(0, a).post('/api/auth/logout')).statusCode).toBeLessThan(300)
    expect((await via(2, a).get('/api/me')).statusCode).toBe(401)
    // Only that session: the same user's other one goes on everywhere.
    expect((await via(2, other).get('/api/me')).statusCode).toBe(200)
  })
})

describe('a mixed load of reads and writes through every instance', () => {
  it('loses no write, and the audit log stays one valid chain', async () => {
    const before = { persons: await count('persons'), tasks: await count('tasks'), accompaniments: await count('accompaniments') }
    const auditBefore = await count('audit_log')
    const worker = await signIn(0, demo('worker'))
    const lead = await signIn(1, demo('lead'))
    const CLIENTS = 6
    const chains = Array.from({ length: CLIENTS }, async (_, c) => {
      const me = c % 2 === 0 ? worker : lead
      const created = await via(c, me).post('/api/persons', { firstName: `Load${c}`, lastName: 'Cluster' })
      expect(created.statusCode, created.body).toBe(201)
      const person = json(created)
      const read = await via(c + 1, me).get(`/api/persons/${person.id}`)
      expect(read.statusCode).toBe(200)
      expect(read.headers.etag).toBe('"1"')
      const updated = await via(c + 2, me).put(
        `/api/persons/${person.id}`,
        { firstName: `Load${c}`, lastName: 'Cluster', notes: `from client ${c}` },
        { 'if-match': '"1"' },
      )
      expect(updated.statusCode, updated.body).toBe(200)
      const acc = await via(c, me).post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team })
      expect(acc.statusCode, acc.body).toBe(201)
      const caseId = json(acc).id
      for (let k = 0; k < 2; k++) {
        const task = await via(c + k, me).post(`/api/accompaniments/${caseId}/tasks`, { title: `Tâche ${k}`, dueDate: '2030-01-01' })
        expect(task.statusCode, task.body).toBe(201)
      }
      const tasks = json(await via(c + 2, me).get(`/api/accompaniments/${caseId}/tasks`)).items
      expect(tasks).toHaveLength(2)
      const done = await via(c + 1, me).post(
        `/api/accompaniments/${caseId}/tasks/${tasks[0].id}/status`,
        { status: 'done' },
        { 'if-match': '"1"' },
      )
      expect(done.statusCode, done.body).toBe(200)
      // Reads of the demo caseload, from every instance.
      for (const i of [0, 1, 2]) expect((await via(i, me).get('/api/accompaniments')).statusCode).toBe(200)
      expect(json(await via(c + 1, me).get(`/api/persons/${person.id}`)).notes).toBe(`from client ${c}`)
      return person.id as string
    })
    const ids = await Promise.all(chains)
    expect(new Set(ids).size).toBe(CLIENTS)
    expect(await count('persons')).toBe(before.persons + CLIENTS)
    expect(await count('accompaniments')).toBe(before.accompaniments + CLIENTS)
    expect(await count('tasks')).toBe(before.tasks + 2 * CLIENTS)
    // Every write has its entry: per client, one person created, updated, one case, two tasks, one status.
    const mine = (await auditRows(cluster.first.services)).filter((r) => r.seq > auditBefore)
    const of = (action: string) => mine.filter((r) => r.action === action && r.outcome === 'success').length
    expect([
      of('person.created'),
      of('person.updated'),
      of('accompaniment.created'),
      of('task.created'),
      of('task.status_changed'),
    ]).toEqual([CLIENTS, CLIENTS, CLIENTS, 2 * CLIENTS, CLIENTS])
    await expectOneChain()
  })

  it('detects an If-Match conflict between instances: two updates of one version, one 412', async () => {
    const worker = await signIn(0, demo('worker'))
    const person = json(await via(0, worker).post('/api/persons', { firstName: 'Conflit', lastName: 'Cluster' }))
    const [x, y] = await Promise.all(
      [0, 1].map((i) =>
        via(i, worker).put(
          `/api/persons/${person.id}`,
          { firstName: 'Conflit', lastName: 'Cluster', notes: `via ${i}` },
          { 'if-match': '"1"' },
        ),
      ),
    )
    expect([x!.statusCode, y!.statusCode].sort()).toEqual([200, 412])
    const winner = x!.statusCode === 200 ? 'via 0' : 'via 1'
    const now = await via(2, worker).get(`/api/persons/${person.id}`)
    expect(now.headers.etag).toBe('"2"')
    expect(json(now).notes).toBe(winner)
    await expectOneChain()
  })
})

describe('limits hold across instances', () => {
  it('failed sign-ins spread over A, B and C reach the account limit together', async () => {
    const u = await cluster.first.user(['worker'], { teamIds: [team] })
    const statuses: number[] = []
    for (let i = 0; i < LIMITS.account.failures; i++)
      statuses.push((await node(i).agent(`10.9.0.${i}`).post('/api/auth/login', { email: u.email, password: 'not it at all' })).statusCode)
    expect(statuses).toEqual(Array(LIMITS.account.failures).fill(401))
    // The right password, through any instance, is now refused unchecked.
    for (const i of [0, 1, 2]) {
      const res = await node(i).agent('10.9.1.1').post('/api/auth/login', { email: u.email, password: u.password })
      expect(res.statusCode).toBe(429)
      expect(json(res).code).toBe('auth.throttled')
    }
  })

  it('refusals spread over A, B and C reach the per-user denial limit together', async () => {
    const u = await cluster.first.user(['worker'], { teamIds: [team] })
    const agent = node(0).agent()
    expect((await agent.post('/api/auth/login', { email: u.email, password: u.password })).statusCode).toBe(200)
    const statuses: number[] = []
    for (let i = 0; i < DENIALS + 3; i++) statuses.push((await via(i, agent).get(`/api/accompaniments/${crypto.randomUUID()}`)).statusCode)
    expect(statuses).toEqual([...Array(DENIALS + 1).fill(404), 429, 429])
    for (const i of [0, 1, 2]) expect((await via(i, agent).get('/api/accompaniments')).statusCode).toBe(429)
    const entries = (await auditRows(cluster.first.services)).filter((r) => r.actor_id === u.id)
    expect(entries.filter((r) => r.action === 'access.denied')).toHaveLength(DENIALS)
    expect(entries.filter((r) => r.action === 'rate.limited')).toHaveLength(1)
  })
})

/** One chain: entries numbered 1..N without gap or repeat, each linked to the one before, verified. */
async function expectOneChain() {
  const db = cluster.first.services.db
  const rows = await db.selectFrom('audit_log').select(['seq', 'prev_hash', 'hash']).orderBy('seq').execute()
  expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1))
  for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash)
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirstOrThrow()
  expect([Number(head.seq), head.hash]).toEqual([rows.length, rows.at(-1)!.hash])
  const verified = await verifyAudit(db)
  expect(verified).toMatchObject({ ok: true, entries: rows.length })
}
