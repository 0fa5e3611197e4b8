import { createRequire } from 'node:module'
import os from 'node:os'
import { Worker } from 'node:worker_threads'
import { type Kysely, PostgresAdapter, sql, type Transaction } from 'kysely'
import type { Config } from '../config'
import type { Database } from '../db/schema'
import { GENESIS, canonicalSql, firstIndexMismatch, personCount, readHead, type Verification, verifyAudit } from './audit.chain'

type Tx = Kysely<Database> | Transaction<Database>

/** The SQLite file the workers may open, when the database is one. */
export const sqliteFileOf = (config: Pick<Config, 'database'>) => (config.database.kind === 'sqlite' ? config.database.file : undefined)

/** What one stretch of the chain says of itself: its first link, its last hash, and whether it holds. */
type Stretch = { n: number; indexRows: number; first: string | null; last: string | null; bad: boolean }

/**
 * The whole chain checked in parallel stretches: each entry's hash depends only on its own
 * columns and the previous hash it stores, so stretches are checked apart (each its own hashes,
 * links and sequence), then joined (each stretch's first link is the previous stretch's last
 * hash, the first is the genesis, the last is the head). PostgreSQL hashes each stretch on its own
 * connection and sends back one row; on SQLite each stretch is read and hashed by a worker thread
 * on a read-only connection of its own, in raw mode. Any doubt — a stretch that does not hold, or a join that
 * does not meet — and the sequential walk (`verifyAudit`) runs and says where and why, so the
 * verdict and its diagnosis are always the walk's; this only makes a sound chain fast to confirm.
 */
export async function verifyAuditParallel(db: Tx, options: { sqliteFile?: string; stretches?: number } = {}): Promise<Verification> {
  const started = performance.now()
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  const file = options.sqliteFile && options.sqliteFile !== ':memory:' ? options.sqliteFile : null
  if (!postgres && !file) return verifyAudit(db)
  const head = await readHead(db)
  const end = Number(head?.seq ?? 0)
  if (!head || end === 0) return verifyAudit(db)
  // PostgreSQL hashes four stretches on four connections; SQLite one stretch a worker thread, a
  // thread for each core that is idle (on a saturated machine a second thread only adds its own
  // cost), each stretch long enough to be worth a thread's start. The load average counts this
  // process too, whose thread only waits while the workers hash: up to one unit of it is ours
  // (counting it as another's left a 2-core machine at one thread after the bench's own appends).
  const othersLoad = Math.max(0, (os.loadavg()[0] ?? 0) - 1)
  const idleCores = Math.floor(os.availableParallelism() - othersLoad + 0.5)
  const wanted = options.stretches ?? (postgres ? 4 : Math.min(4, Math.max(1, idleCores), Math.ceil(end / MIN_THREAD_STRETCH)))
  const size = Math.ceil(end / Math.max(1, wanted))
  const ranges = Array.from({ length: Math.ceil(end / size) }, (_, i) => [i * size + 1, Math.min(end, (i + 1) * size)] as const)
  const query = postgres ? '' : sqliteStretchQuery(db)
  const stretches = await Promise.all(
    ranges.map(([from, to]) => (postgres ? pgStretch(db, from, to) : sqliteStretch(file as string, query, from, to))),
  )
  let prev = GENESIS
  let count = 0
  let indexRows = 0
  let sound = true
  stretches.forEach((s, i) => {
    const [from, to] = ranges[i] as readonly [number, number]
    if (s.bad || s.n !== to - from + 1 || s.first !== prev) sound = false
    prev = s.last ?? prev
    count += s.n
    indexRows += s.indexRows
  })
  if (!sound || count !== end || prev !== head.hash) {
    return verifyAudit(db)
  }
  const last = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst()
  const latest = await readHead(db)
  if (Number(last?.seq ?? 0) > Number(latest?.seq ?? 0)) return verifyAudit(db)
  if ((await firstIndexMismatch(db, end, indexRows)) !== null) return verifyAudit(db)
  return { ok: true, entries: count, firstBadSeq: null, reason: null, durationMs: performance.now() - started }
}

/**
 * One stretch hashed by PostgreSQL (its sha256 is the chain's): one row back, however long the
 * stretch. The entries are hashed in an inner scan whose rows are narrow (seq, links, a verdict)
 * before the window compares each link with the hash before it: the window then stores 150-byte
 * rows, not whole entries. The sequence needs no window: seq is the primary key, so `to - from + 1`
 * rows between `from` and `to` are exactly those numbers (the caller checks the count).
 */
async function pgStretch(db: Tx, from: number, to: number): Promise<Stretch> {
  const canon = canonicalSql(true)
  const { rows } = await sql<{ n: number; index_rows: number | null; bad: number | null; first: string | null; last: string | null }>`
    select count(*)::int as n, sum(persons_n)::bigint as index_rows, min(bad) as bad,
      (select prev_hash from audit_log where seq = ${from}) as first,
      (select hash from audit_log where seq = ${to}) as last
    from (
      select persons_n, case when not ok or prev_hash <> coalesce(lag(hash) over (order by seq), prev_hash) then seq end as bad
      from (
        select seq, prev_hash, hash, ${personCount} as persons_n,
          encode(sha256(convert_to(prev_hash || chr(31) || ${canon}, 'UTF8')), 'hex') = hash as ok
        from audit_log where seq >= ${from} and seq <= ${to}
        offset 0
      ) hashed
    ) linked`.execute(db)
  const r = rows[0]
  return {
    n: Number(r?.n ?? 0),
    indexRows: Number(r?.index_rows ?? 0),
    first: r?.first ?? null,
    last: r?.last ?? null,
    bad: r?.bad != null,
  }
}

/** Below this many entries a stretch is read on fewer threads: starting one costs tens of ms. */
const MIN_THREAD_STRETCH = 50_000

/** The SQLite stretch query: the exact text each entry's hash covers (previous hash, SEP, canonical text). */
function sqliteStretchQuery(db: Tx): string {
  return db
    .selectFrom('audit_log')
    .select([
      'seq',
      'prev_hash',
      'hash',
      sql<string>`prev_hash || char(31) || ${canonicalSql(false)}`.as('text'),
      personCount.as('persons_n'),
    ])
    .where('seq', '>=', 0)
    .where('seq', '<=', 0)
    .orderBy('seq')
    .compile().sql
}

/**
 * A stretch of a SQLite file is read and hashed by a worker thread on a read-only connection of
 * its own, in raw mode (rows as arrays, iterated, never held), so that stretches run on every core
 * and the server's event loop stays free. Plain JavaScript, evaluated: it runs the same from
 * source (tsx, vitest) and from the build. It reports what the stretch says of itself; a failure
 * of the thread reports a stretch that does not hold, and the walk then gives the verdict.
 */
const STRETCH_WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
const crypto = require('node:crypto')
const SQLite = require(workerData.driver)
const { file, query, from, to } = workerData
const reader = new SQLite(file, { readonly: true, fileMustExist: true })
let expected = from, prev = null, first = null, n = 0, indexRows = 0, bad = false
try {
  for (const [seq, prevHash, hash, text, personsN] of reader.prepare(query).raw(true).iterate(from, to)) {
    if (Number(seq) !== expected || (first !== null && prevHash !== prev)) { bad = true; break }
    if (first === null) first = prevHash
    if (crypto.hash('sha256', text, 'hex') !== hash) { bad = true; break }
    prev = hash
    expected++
    n++
    indexRows += Number(personsN)
  }
} finally {
  reader.close()
}
parentPort.postMessage({ n, indexRows, first, last: prev, bad })
`

const driver = createRequire(import.meta.url).resolve('better-sqlite3')

function sqliteStretch(file: string, query: string, from: number, to: number): Promise<Stretch> {
  const failed: Stretch = { n: 0, indexRows: 0, first: null, last: null, bad: true }
  return new Promise((resolve) => {
    const worker = new Worker(STRETCH_WORKER, { eval: true, workerData: { driver, file, query, from, to } })
    worker.once('message', (s: Stretch) => resolve(s))
    worker.once('error', () => resolve(failed))
    worker.once('exit', () => resolve(failed))
  })
}
