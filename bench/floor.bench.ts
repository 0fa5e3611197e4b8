import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import Fastify, { type FastifyInstance } from 'fastify'
import pg from 'pg'
import { createDatabase, dropDatabase } from '../server/test/pg-drop'
import { load, round } from './load'

/**
 * The floor of an audited, decrypting read in this design, written by hand: what issue 9's ratio
 * (≥ 0.3 of a bare Fastify route) asks of `GET /api/persons/:id` once everything that is not
 * strictly needed is taken away. No Kysely, no hooks, no schemas, no policy, no key unwrap: a
 * session looked up by the hash of its token, the person's row, two AES-256-GCM fields opened
 * with a key already in memory, and one audit entry chained by SHA-256, appended by a group commit
 * that releases each answer only after its batch has committed (the same durability as Parcours:
 * SQLite WAL with synchronous = NORMAL, PostgreSQL synchronous_commit = on).
 *
 * Both routes run in this process, with the load generator, as in `bench/main.ts persons`, so the
 * two ratios compare. If the floor stays under 0.3, no amount of trimming the real route reaches
 * it on this machine; the gap between the floor and the real route is what the real route's
 * structure (policy, access checks, key unwrap, typed queries, schemas) costs.
 */
const PERSONS = 5000
const key = crypto.randomBytes(32)
const seal = (text: string) => {
  const iv = crypto.randomBytes(12)
  const c = crypto.createCipheriv('aes-256-gcm', key, iv)
  const body = Buffer.concat([c.update(text, 'utf8'), c.final()])
  return Buffer.concat([iv, c.getAuthTag(), body])
}
const open = (blob: Buffer) => {
  const d = crypto.createDecipheriv('aes-256-gcm', key, blob.subarray(0, 12))
  d.setAuthTag(blob.subarray(12, 28))
  return Buffer.concat([d.update(blob.subarray(28)), d.final()]).toString('utf8')
}
const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex')

type Entry = { at: string; actor: string; person: string; requestId: string }
type Pending = { entry: Entry; release: () => void; fail: (e: unknown) => void }

/**
 * The entries that arrived together, appended and committed, then released. `inFlight` batches at
 * once: on PostgreSQL the next batch waits for the head row, which the previous one holds until
 * its commit (how Parcours pipelines); on SQLite one connection, so one batch.
 */
function groupCommit(flush: (entries: Entry[]) => Promise<void>, inFlight = 1) {
  let queue: Pending[] = []
  let running = 0
  const next = () => {
    if (running >= inFlight || queue.length === 0) return
    running++
    setImmediate(async () => {
      const batch = queue
      queue = []
      try {
        if (batch.length > 0) await flush(batch.map((p) => p.entry))
        for (const p of batch) p.release()
      } catch (e) {
        for (const p of batch) p.fail(e)
      }
      running--
      next()
    })
  }
  return (entry: Entry) =>
    new Promise<void>((release, fail) => {
      queue.push({ entry, release, fail })
      next()
    })
}

const UNNEST = 'select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])'

const chain = (head: string, entries: Entry[]) =>
  entries.map((e) => {
    head = sha(`${head}|${e.at}|${e.actor}|person.viewed|${e.person}|${e.requestId}`)
    return { ...e, hash: head }
  })

async function measure(kind: string, serve: (app: FastifyInstance) => void) {
  const bare = Fastify()
  bare.get('/bare', async () => ({ id: 'x', code: 'P-0000-0000', firstName: 'Bench', lastName: 'Mark', version: 1 }))
  await bare.listen({ host: '127.0.0.1', port: 0 })
  const app = Fastify()
  serve(app)
  await app.listen({ host: '127.0.0.1', port: 0 })
  const url = (a: FastifyInstance, p: string) => `http://127.0.0.1:${(a.server.address() as { port: number }).port}${p}`
  const seconds = Number(process.env.BENCH_SECONDS ?? 4)
  const headers = { cookie: 'parcours_session=token-0' }
  await load(url(bare, '/bare'), { seconds: 1, concurrency: 8 })
  const b = await load(url(bare, '/bare'), { seconds, concurrency: 8 })
  await load(url(app, '/persons/7'), { seconds: 1, concurrency: 8, headers })
  const f = await load(url(app, '/persons/7'), { seconds, concurrency: 8, headers })
  await bare.close()
  await app.close()
  if (f.errors > 0) throw new Error(`${kind}: ${f.errors} failed reads`)
  return { engine: kind, bareRps: round(b.rps, 0), floorRps: round(f.rps, 0), ratio: round(f.rps / b.rps, 3), floorP95ms: f.p95ms }
}

async function sqliteFloor() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-floor-'))
  const db = new Database(path.join(dir, 'floor.sqlite'))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.exec(`create table sessions (token_hash text primary key, user_id text not null, expires_at text not null);
    create table persons (id integer primary key, first_name blob not null, last_name blob not null, version integer not null);
    create table audit (seq integer primary key, at text, actor text, person text, request_id text, hash text not null)`)
  db.prepare('insert into sessions values (?, ?, ?)').run(sha('token-0'), 'user-1', '2999-01-01')
  const insert = db.prepare('insert into persons values (?, ?, ?, 1)')
  db.transaction(() => {
    for (let i = 0; i < PERSONS; i++) insert.run(i, seal(`First${i}`), seal(`Last${i}`))
  })()
  const session = db.prepare('select user_id from sessions where token_hash = ? and expires_at > ?')
  const person = db.prepare('select first_name, last_name, version from persons where id = ?')
  const head = db.prepare('select hash from audit order by seq desc limit 1').pluck()
  const append = db.prepare('insert into audit (at, actor, person, request_id, hash) values (?, ?, ?, ?, ?)')
  const flush = groupCommit(async (entries) => {
    db.exec('begin immediate')
    try {
      for (const e of chain((head.get() as string | undefined) ?? '', entries)) append.run(e.at, e.actor, e.person, e.requestId, e.hash)
      db.exec('commit')
    } catch (e) {
      db.exec('rollback')
      throw e
    }
  })
  try {
    return await measure('sqlite', (app) =>
      app.get<{ Params: { id: string } }>('/persons/:id', async (req, reply) => {
        const token = /parcours_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1] ?? ''
        const s = session.get(sha(token), new Date().toISOString()) as { user_id: string } | undefined
        if (!s) return reply.code(401).send()
        const row = person.get(Number(req.params.id)) as { first_name: Buffer; last_name: Buffer; version: number }
        const body = { id: req.params.id, firstName: open(row.first_name), lastName: open(row.last_name), version: row.version }
        await flush({ at: new Date().toISOString(), actor: s.user_id, person: req.params.id, requestId: req.id })
        return body
      }),
    )
  } finally {
    db.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

async function postgresFloor(adminUrl: string) {
  const { name, url } = await createDatabase(adminUrl, 'parcours_floor')
  const pool = new pg.Pool({ connectionString: url, max: 8 })
  try {
    await pool.query(`create table sessions (token_hash text primary key, user_id text not null, expires_at timestamptz not null);
      create table persons (id integer primary key, first_name bytea not null, last_name bytea not null, version integer not null);
      create table audit_head (id integer primary key, hash text not null);
      create table audit (seq bigserial primary key, at text, actor text, person text, request_id text, hash text not null);
      insert into audit_head values (1, '')`)
    await pool.query('insert into sessions values ($1, $2, $3)', [sha('token-0'), 'user-1', '2999-01-01'])
    for (let i = 0; i < PERSONS; i += 500) {
      const ids = Array.from({ length: 500 }, (_, k) => i + k)
      await pool.query('insert into persons select unnest($1::int[]), unnest($2::bytea[]), unnest($3::bytea[]), 1', [
        ids,
        ids.map((n) => seal(`First${n}`)),
        ids.map((n) => seal(`Last${n}`)),
      ])
    }
    const columns = (chained: ReturnType<typeof chain>) => [
      chained.map((e) => e.at),
      chained.map((e) => e.actor),
      chained.map((e) => e.person),
      chained.map((e) => e.requestId),
      chained.map((e) => e.hash),
    ]
    // What Parcours' append does, in its fewest round trips: the head row locked, the batch's
    // entries in one statement, the head moved, the commit (5 round trips). Named statements, so
    // the server parses and plans each once per connection.
    const inTransaction = async (entries: Entry[]) => {
      const client = await pool.connect()
      try {
        await client.query('begin')
        const h = await client.query({ name: 'head', text: 'select hash from audit_head where id = 1 for update' })
        const chained = chain(h.rows[0].hash as string, entries)
        await client.query({
          name: 'append',
          text: `insert into audit (at, actor, person, request_id, hash) ${UNNEST}`,
          values: columns(chained),
        })
        await client.query({ name: 'set-head', text: 'update audit_head set hash = $1 where id = 1', values: [chained.at(-1)?.hash] })
        await client.query('commit')
      } catch (e) {
        await client.query('rollback')
        throw e
      } finally {
        client.release()
      }
    }
    // Issue 9's "one statement per batch": one round trip, its own transaction. It needs the head
    // known in advance, which only a single process can (here, from memory; the statement checks it
    // did not move): the floor of the floor, not a design for several instances.
    let lastHead: string | null = null
    const oneStatement = async (entries: Entry[]) => {
      lastHead ??= (await pool.query('select hash from audit_head where id = 1')).rows[0].hash as string
      const chained = chain(lastHead, entries)
      const r = await pool.query({
        name: 'append-one',
        text: `with h as (update audit_head set hash = $6 where id = 1 and hash = $7 returning 1)
          insert into audit (at, actor, person, request_id, hash) ${UNNEST} where exists (select from h)`,
        values: [...columns(chained), chained.at(-1)?.hash, lastHead],
      })
      if (r.rowCount !== entries.length) throw new Error('the head moved')
      lastHead = chained.at(-1)?.hash ?? lastHead
    }
    const route = (flush: (entry: Entry) => Promise<void>) => (app: FastifyInstance) =>
      app.get<{ Params: { id: string } }>('/persons/:id', async (req, reply) => {
        const token = /parcours_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1] ?? ''
        // The session and the person in one round trip: the least a read can cost on a network.
        const { rows } = await pool.query({
          name: 'read',
          text: `select s.user_id, p.first_name, p.last_name, p.version from sessions s, persons p
            where s.token_hash = $1 and s.expires_at > now() and p.id = $2`,
          values: [sha(token), Number(req.params.id)],
        })
        const row = rows[0] as { user_id: string; first_name: Buffer; last_name: Buffer; version: number } | undefined
        if (!row) return reply.code(401).send()
        const body = { id: req.params.id, firstName: open(row.first_name), lastName: open(row.last_name), version: row.version }
        await flush({ at: new Date().toISOString(), actor: row.user_id, person: req.params.id, requestId: req.id })
        return body
      })
    // One batch at a time measured best for the transaction: 0.133 of the bare route, against 0.12
    // with two batches in flight and 0.075 with four (BENCH_FLOOR_INFLIGHT): batches get smaller.
    const inFlight = Number(process.env.BENCH_FLOOR_INFLIGHT ?? 1)
    return {
      ...(await measure('postgres', route(groupCommit(inTransaction, inFlight)))),
      oneStatementPerBatch: await measure('postgres', route(groupCommit(oneStatement, 1))),
    }
  } finally {
    await pool.end()
    await dropDatabase(adminUrl, name)
  }
}

export async function benchFloor(kind: 'sqlite' | 'postgres', pgUrl: string) {
  return kind === 'sqlite' ? sqliteFloor() : postgresFloor(pgUrl)
}
