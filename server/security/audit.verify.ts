import crypto from 'node:crypto'
import SQLite from 'better-sqlite3'
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
 * connection and sends back one row; on SQLite the chain is read through a read-only connection
 * of its own, in raw mode. Any doubt — a stretch that does not hold, or a join that
 * does not meet — and the sequential walk (`verifyAudit`) runs and says where and why, so the
 * verdict and its diagnosis are always the walk's; this only makes a sound chain fast to confirm.
 */
export const entryTextHash = (prevHash: string, text: string) => crypto.hash('sha256', `${prevHash}\x1f${text}`, 'hex')

export async function verifyAuditParallel(db: Tx, options: { sqliteFile?: string } = {}): Promise<Verification> {
  const started = performance.now()
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  const file = options.sqliteFile && options.sqliteFile !== ':memory:' ? options.sqliteFile : null
  if (!postgres && !file) return verifyAudit(db)
  const head = await readHead(db)
  const end = Number(head?.seq ?? 0)
  if (!head || end === 0) return verifyAudit(db)
  // PostgreSQL hashes stretches on several connections at once; SQLite reads one stretch.
  const size = postgres ? Math.ceil(end / 4) : end
  const ranges = Array.from({ length: Math.ceil(end / size) }, (_, i) => [i * size + 1, Math.min(end, (i + 1) * size)] as const)
  const stretches = await Promise.all(
    ranges.map(([from, to]) => (postgres ? pgStretch(db, from, to) : sqliteStretch(db, file as string, from, to))),
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

/** One stretch hashed by PostgreSQL (its sha256 is the chain's): one row back, however long the stretch. */
async function pgStretch(db: Tx, from: number, to: number): Promise<Stretch> {
  const canon = canonicalSql(true)
  const { rows } = await sql<{ n: number; index_rows: number | null; bad: number | null; first: string | null; last: string | null }>`
    select count(*)::int as n, sum(persons_n)::bigint as index_rows,
      min(case when not ok or seq - ${from} <> rn or (rn > 0 and prev_hash is distinct from before) then seq end) as bad,
      (select prev_hash from audit_log where seq = ${from}) as first,
      (select hash from audit_log where seq = ${to}) as last
    from (
      select seq, prev_hash, lag(hash) over (order by seq) as before, row_number() over (order by seq) - 1 as rn,
        ${personCount} as persons_n,
        encode(sha256(convert_to(prev_hash || chr(31) || ${canon}, 'UTF8')), 'hex') = hash as ok
      from audit_log where seq >= ${from} and seq <= ${to}
    ) s`.execute(db)
  const r = rows[0]
  return {
    n: Number(r?.n ?? 0),
    indexRows: Number(r?.index_rows ?? 0),
    first: r?.first ?? null,
    last: r?.last ?? null,
    bad: r?.bad != null,
  }
}

/**
 * One stretch of a SQLite file, read through a read-only connection of its own in raw mode (rows
 * as arrays, iterated, never held): Kysely's row objects cost more than hashing them.
 */
function sqliteStretch(db: Tx, file: string, from: number, to: number): Stretch {
  const query = db
    .selectFrom('audit_log')
    .select(['seq', 'prev_hash', 'hash', canonicalSql(false).as('canon'), personCount.as('persons_n')])
    .where('seq', '>=', from)
    .where('seq', '<=', to)
    .orderBy('seq')
    .compile()
  const reader = new SQLite(file, { readonly: true, fileMustExist: true })
  let expected = from
  let prev: string | null = null
  let first: string | null = null
  let n = 0
  let indexRows = 0
  try {
    const rows = reader.prepare(query.sql).raw(true).iterate(from, to) as Iterable<[number, string, string, string, number]>
    for (const [seq, prevHash, hash, canon, personsN] of rows) {
      if (Number(seq) !== expected || (first !== null && prevHash !== prev)) return { n, indexRows, first, last: prev, bad: true }
      if (first === null) first = prevHash
      if (entryTextHash(prevHash, canon) !== hash) return { n, indexRows, first, last: prev, bad: true }
      prev = hash
      expected++
      n++
      indexRows += Number(personsN)
    }
  } finally {
    reader.close()
  }
  return { n, indexRows, first, last: prev, bad: false }
}
