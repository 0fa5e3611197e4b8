import type { FastifyInstance } from 'fastify'
import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../app'
import type { Database } from '../db/schema'
import { Agent, auditRows, json, startTestApp, type TestApp } from '../test/harness'
import type { RequestContext, Trx } from './context'
import { defineRoute, type HandlerArgs, type Route } from './define-route'
import { registerRoutes } from './register'
import { FenceError, type StaffDb } from './staff-fence'

/**
 * The structure holds at run time, against code that casts its way past the types: a test app
 * carries extra routes written the wrong way, and each is stopped by the structure itself.
 */
let t: TestApp
let app: FastifyInstance
let worker: Agent
let person: { id: string; firstName: string; lastName: string }

/** What a module could get from the unaudited handle by casting it to the whole database. */
const whole = (db: StaffDb) => db as unknown as Kysely<Database>

/** Runs each attempt and says how it ended: the value, or the refusal's class and message. */
async function attempts(list: Record<string, () => Promise<unknown>>) {
  const out: Record<string, { ok: true } | { ok: false; fence: boolean; message: string }> = {}
  for (const [name, attempt] of Object.entries(list)) {
    try {
      await attempt()
      out[name] = { ok: true }
    } catch (e) {
      out[name] = { ok: false, fence: e instanceof FenceError, message: (e as Error).message }
    }
  }
  return out
}

const testRoute = (path: string, handler: (ctx: RequestContext, args: HandlerArgs<unknown, unknown, unknown>) => Promise<unknown>): Route =>
  defineRoute({
    method: 'GET',
    path,
    summary: 'A route written the wrong way, for this test',
    allow: 'person.read',
    handler: (args) => handler(args.ctx, args),
  })

const BAD_ROUTES: Route[] = [
  testRoute('/api/test/persons-unaudited', (ctx) => ctx.unaudited((db) => whole(db).selectFrom('persons').selectAll().execute())),
  testRoute('/api/test/fence', (ctx) =>
    ctx.unaudited((db) =>
      attempts({
        persons: () => whole(db).selectFrom('persons').selectAll().execute(),
        aliasedCase: () => whole(db).selectFrom('accompaniments as a').selectAll().execute(),
        joinedCase: () =>
          whole(db)
            .selectFrom('users')
            .innerJoin('accompaniment_workers', 'accompaniment_workers.user_id', 'users.id')
            .selectAll()
            .execute(),
        subquery: () =>
          whole(db)
            .selectFrom('users')
            .select('users.id')
            .where('users.id', 'in', whole(db).selectFrom('persons').select('persons.created_by'))
            .execute(),
        insertAudit: () => whole(db).insertInto('audit_persons').values({ person_id: person.id, seq: 1 }).execute(),
        raw: () => sql`select * from persons`.execute(db),
        staff: () => db.selectFrom('users').select(['id', 'display_name']).execute(),
      }),
    ),
  ),
  testRoute('/api/test/key-unaudited', (ctx) => ctx.codec.personKey(null as unknown as Trx, person.id)),
  testRoute('/api/test/keys', async (ctx) => {
    let kept: Trx | null = null
    const inside = await ctx.read('person.viewed', async (trx) => {
      kept = trx
      return (await ctx.codec.personKey(trx, person.id)).length
    })
    return {
      inside,
      ...(await attempts({
        outside: () => ctx.codec.personKey(null as unknown as Trx, person.id),
        keptTransaction: () => ctx.codec.personKeys(kept as unknown as Trx, [person.id]),
        create: () => ctx.codec.createPersonKey(kept as unknown as Trx, person.id, ctx.now()),
      })),
    }
  }),
  testRoute('/api/test/context', async (ctx, { request, reply }) => ({
    system: typeof (ctx as unknown as Record<string, unknown>).system,
    db: typeof (ctx.services as unknown as Record<string, unknown>).db,
    frozen: Object.isFrozen(ctx.services),
    // Everything a handler is given: its context, and Fastify's request and reply (whose server holds no service).
    root: reachable({ ctx, request, reply }, ROOT_PARTS()),
    codec: reachable({ ctx, request, reply }, new Map([[t.services.codec, 'the raw codec']])),
  })),
]

/** The composition root and its parts that hold the database. */
const ROOT_PARTS = () =>
  new Map<unknown, string>([
    [t.services, 'the services'],
    [t.services.db, 'the database'],
    [t.services.reads, 'the read batcher'],
    [t.services.denials, 'the denial limiter'],
  ])

/**
 * What a handler's arguments lead to, following every property (own, enumerable or not,
 * TypeScript-private included) up to `deep` steps: the composition root's parts found on the way.
 * Closures are not followed: code cannot reach into them either.
 */
function reachable(from: object, wanted: Map<unknown, string>, deep = 8): string[] {
  const found = new Set<string>()
  const seen = new Set<unknown>()
  let level: { value: unknown; path: string }[] = [{ value: from, path: 'handler' }]
  for (let depth = 0; depth < deep && level.length; depth++) {
    const next: typeof level = []
    for (const { value, path } of level) {
      if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value)) continue
      seen.add(value)
      const name = wanted.get(value)
      if (name) found.add(`${name} at ${path}`)
      if (Buffer.isBuffer(value)) continue
      for (const key of Reflect.ownKeys(value)) {
        const d = Object.getOwnPropertyDescriptor(value, key)
        if (d && 'value' in d) next.push({ value: d.value, path: `${path}.${String(key)}` })
      }
    }
    level = next
  }
  return [...found]
}

beforeAll(async () => {
  t = await startTestApp()
  app = await buildApp(t.services)
  registerRoutes(app, BAD_ROUTES, t.services)
  await app.ready()
  const u = await t.user(['worker'])
  worker = new Agent(app)
  expect((await worker.post('/api/auth/login', { email: u.email, password: u.password })).statusCode).toBe(200)
  person = { firstName: 'Yasmina', lastName: 'Berrada', id: '' }
  person.id = json(await worker.post('/api/persons', { firstName: person.firstName, lastName: person.lastName })).id
})
afterAll(async () => {
  await app?.close()
  await t?.close()
})

describe('the unaudited handle', () => {
  it('answers 500 problem+json and no personal data when a route reads persons through it', async () => {
    const res = await worker.get('/api/test/persons-unaudited')
    expect(res.statusCode).toBe(500)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(json(res)).toMatchObject({ code: 'server.error', status: 500 })
    for (const value of [person.id, person.firstName, person.lastName, 'persons', 'sealed']) expect(res.body).not.toContain(value)
  })

  it('is refused by the fence, before the database, for any table that is not staff, however named', async () => {
    const res = await worker.get('/api/test/fence')
    expect(res.statusCode, res.body).toBe(200)
    const { staff, ...refused } = json(res)
    expect(staff).toEqual({ ok: true })
    expect(Object.keys(refused)).toEqual(['persons', 'aliasedCase', 'joinedCase', 'subquery', 'insertAudit', 'raw'])
    for (const outcome of Object.values(refused)) expect(outcome).toMatchObject({ ok: false, fence: true })
  })
})

describe('the recording codec', () => {
  it('opens a person key inside ctx.read and records the person; refuses outside it, even with a transaction kept from it', async () => {
    const res = await worker.get('/api/test/keys')
    expect(res.statusCode, res.body).toBe(200)
    const body = json(res)
    expect(body.inside).toBe(32)
    for (const name of ['outside', 'keptTransaction', 'create'])
      expect(body[name], name).toMatchObject({
        ok: false,
        fence: false,
        message: 'a person key was requested outside ctx.read or ctx.write',
      })
    const [entry] = (await auditRows(t.services)).filter((r) => r.request_id === res.headers['x-request-id'])
    expect(entry?.persons?.split(',')).toEqual([person.id])
  })

  it('answers 500 problem+json and no personal data when a route asks for a key outside ctx.read', async () => {
    const res = await worker.get('/api/test/key-unaudited')
    expect(res.statusCode).toBe(500)
    expect(json(res)).toMatchObject({ code: 'server.error' })
    for (const value of [person.id, person.firstName, person.lastName]) expect(res.body).not.toContain(value)
  })
})

describe('the request context', () => {
  it('has no system, no database among its services, and leads to no part of the composition root', async () => {
    const res = await worker.get('/api/test/context')
    expect(res.statusCode, res.body).toBe(200)
    expect(json(res)).toMatchObject({ system: 'undefined', db: 'undefined', frozen: true, root: [] })
  })

  it('leads to no codec that opens keys without recording them', async () => {
    // Through the raw codec, a module would open any person's key inside ctx.read without the
    // person being recorded on the entry: the recording codec must hold it out of reach.
    expect(json(await worker.get('/api/test/context')).codec).toEqual([])
  })
})

describe('registering a route', () => {
  it('refuses a route without a policy, whoever registers it', async () => {
    const other = await buildApp(t.services)
    try {
      const open = { ...testRoute('/api/test/open', async () => 'open'), allow: undefined } as unknown as Route
      expect(() => registerRoutes(other, [open], t.services)).toThrow('route GET /api/test/open has no policy')
      expect(() => other.get('/api/test/raw', async () => 'raw')).toThrow('route GET /api/test/raw has no policy')
    } finally {
      await other.close()
    }
  })
})
