import crypto from 'node:crypto'
import { CompiledQuery, type Kysely, PostgresAdapter, sql, type Transaction } from 'kysely'
import type { AuditOutcome } from '../../common/contracts/audit.contracts'
import type { Database } from '../db/schema'
import { toJson } from '../db/json'

type Tx = Kysely<Database> | Transaction<Database>

export type AuditEntry = {
  at: string
  actorId: string | null
  actorRole: string | null
  action: string
  subjectType: string | null
  subjectId: string | null
  /** The main person the entry concerns, when there is one. */
  personId: string | null
  /**
   * Every person whose data the request showed or changed (the main one included): the DPO's
   * "who read this person" reads these. Hashed with the entry, and indexed in audit_persons.
   */
  persons: string[]
  purpose: string | null
  outcome: AuditOutcome
  requestId: string | null
  clientIp: string | null
  details: Record<string, unknown> | null
}

export const GENESIS = '0'.repeat(64)
const SEP = '\x1f'
const NULL = '\x1e'

/** Hashed columns, in order. Each is written as text, null as a distinct marker, joined by SEP. */
const HASHED = [
  'seq',
  'at',
  'actor_id',
  'actor_role',
  'action',
  'subject_type',
  'subject_id',
  'person_id',
  'purpose',
  'outcome',
  'request_id',
  'client_ip',
  'details',
] as const

type Hashed = Pick<Database['audit_log'], (typeof HASHED)[number]> & { persons?: string | null }
/** The hashed columns after `seq`, which the text starts with. */
const AFTER_SEQ = HASHED.slice(1)

/**
 * The persons column came later (migration 0013): it is hashed only when present, so that
 * entries written before it keep their hash, while blanking it on a later entry changes its hash.
 */
export function canonical(r: Hashed): string {
  let text = String(r.seq)
  for (const column of AFTER_SEQ) {
    const v = r[column]
    text += SEP + (v === null ? NULL : String(v))
  }
  if (r.persons != null) text += SEP + r.persons
  return text
}

/** The same canonical text, built by the database, so verification reads one string per entry. */
export function canonicalSql(postgres: boolean) {
  const sepSql = postgres ? sql`chr(31)` : sql`char(31)`
  const nullSql = postgres ? sql`chr(30)` : sql`char(30)`
  const parts = HASHED.map((c, i) =>
    i === 0
      ? postgres
        ? sql`${sql.ref(c)}::text`
        : sql`cast(${sql.ref(c)} as text)`
      : sql`${sepSql} || coalesce(${sql.ref(c)}, ${nullSql})`,
  )
  parts.push(sql`coalesce(${sepSql} || persons, '')`)
  return sql<string>`${sql.join(parts, sql` || `)}`
}

/** The hash of an entry: any change to any column, or to the previous hash, changes it. */
export function entryHash(prevHash: string, r: Hashed): string {
  return hashText(prevHash, canonical(r))
}

const hashText = (prevHash: string, text: string) => crypto.hash('sha256', prevHash + SEP + text, 'hex')

/**
 * Appends one entry. Must run inside the transaction of the change it records: the head row
 * update takes the write lock, so concurrent appends are serialised on both engines and the
 * chain never forks.
 */
export async function appendAudit(trx: Tx, e: AuditEntry): Promise<number> {
  return (await appendAuditMany(trx, [e]))[0] as number
}

/** Columns of an audit_log row, in the order the append statements give them. */
const STORED = [...HASHED, 'persons', 'prev_hash', 'hash'] as const
type StoredRow = { [C in (typeof STORED)[number]]: C extends 'seq' ? number : string | null }

/**
 * Appends several entries in order, taking the head once: the group commit of reads uses this.
 * Each statement's text is the same whatever the number of entries and persons (the rows travel
 * as arrays or one JSON document), so it is prepared once and parsed once: on PostgreSQL, the
 * entries, their person index and the new head go in one statement after the head's
 * `update … returning` (two round trips a batch); on SQLite, three statements in one transaction.
 */
export async function appendAuditMany(trx: Tx, entries: AuditEntry[]): Promise<number[]> {
  if (entries.length === 0) return []
  const rows = entries.map((e) => ({
    seq: 0,
    at: e.at,
    actor_id: e.actorId,
    actor_role: e.actorRole,
    action: e.action,
    subject_type: e.subjectType,
    subject_id: e.subjectId,
    person_id: e.personId,
    purpose: e.purpose,
    outcome: e.outcome,
    request_id: e.requestId,
    client_ip: e.clientIp,
    details: e.details ? toJson(e.details) : null,
    persons: personsOf(e),
  }))
  // Separators inside a value could shift field boundaries without changing the hash.
  for (const row of rows) {
    for (const c of [...HASHED, 'persons'] as const) {
      const v = row[c]
      if (typeof v === 'string' && /[\x1e\x1f]/.test(v)) throw new Error(`audit field ${c} holds a separator`)
    }
  }
  const postgres = isPostgres(trx)
  // The head row's update takes the write lock: concurrent appends wait here until this commits.
  const head = (await trx.executeQuery<{ seq: number | string; hash: string }>(CompiledQuery.raw(headTake(postgres), [rows.length])))
    .rows[0]
  if (!head) throw new Error('audit head missing')
  const first = Number(head.seq) - rows.length + 1
  let prev = head.hash
  const chained: StoredRow[] = rows.map((row, i) => {
    const withSeq = { ...row, seq: first + i }
    const hash = entryHash(prev, withSeq)
    const out = { ...withSeq, prev_hash: prev, hash }
    prev = hash
    return out
  })
  // One row per person of each entry, with the entry's time, actor, action and outcome (migration 0074).
  const index = chained.flatMap((r) =>
    r.persons ? r.persons.split(',').map((person) => [person, r.seq, r.at, r.actor_id, r.action, r.outcome] as const) : [],
  )
  if (postgres) {
    const columns = STORED.map((c) => chained.map((r) => r[c]))
    const indexColumns = INDEXED.map((_, i) => index.map((row) => row[i]))
    await trx.executeQuery(CompiledQuery.raw(PG_APPEND, [...columns, ...indexColumns, prev]))
  } else {
    await trx.executeQuery(CompiledQuery.raw(SQLITE_LOG, [JSON.stringify(chained.map((r) => STORED.map((c) => r[c])))]))
    if (index.length) await trx.executeQuery(CompiledQuery.raw(SQLITE_PERSONS, [JSON.stringify(index)]))
    await trx.executeQuery(CompiledQuery.raw(HEAD_SET, [prev]))
  }
  return chained.map((r) => r.seq)
}

const isPostgres = (db: Tx) => db.getExecutor().adapter instanceof PostgresAdapter
const headTake = (postgres: boolean) => `update audit_head set seq = seq + ${postgres ? '$1' : '?'} where id = 1 returning seq, hash`
const HEAD_SET = 'update audit_head set hash = ? where id = 1'
/** Columns of an audit_persons row, in the order `index` gives them. */
const INDEXED = ['person_id', 'seq', 'at', 'actor_id', 'action', 'outcome'] as const
const PG_APPEND = `with entries as (
  insert into audit_log (${STORED.join(', ')})
  select * from unnest(${STORED.map((c, i) => `$${i + 1}::${c === 'seq' ? 'bigint' : 'text'}[]`).join(', ')})
), persons as (
  insert into audit_persons (${INDEXED.join(', ')})
  select * from unnest(${INDEXED.map((c, i) => `$${STORED.length + i + 1}::${c === 'seq' ? 'bigint' : 'text'}[]`).join(', ')})
)
update audit_head set hash = $${STORED.length + INDEXED.length + 1} where id = 1`
const SQLITE_LOG = `insert into audit_log (${STORED.join(', ')})
  select ${STORED.map((_, i) => `value ->> ${i}`).join(', ')} from json_each(?) order by key`
const SQLITE_PERSONS = `insert into audit_persons (${INDEXED.join(', ')})
  select ${INDEXED.map((_, i) => `value ->> ${i}`).join(', ')} from json_each(?)`

/** The entry's persons, main one first, each once; null when it concerns nobody. */
function personsOf(e: AuditEntry): string | null {
  const all = new Set<string>()
  if (e.personId) all.add(e.personId)
  for (const p of e.persons) all.add(p)
  for (const p of all) if (p.includes(',')) throw new Error('audit person id holds a comma')
  return all.size ? [...all].join(',') : null
}

export type Verification = {
  ok: boolean
  entries: number
  firstBadSeq: number | null
  reason: string | null
  durationMs: number
}

export const readHead = (db: Tx) => db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst()

/**
 * Walks the whole chain in order. Detects an edited entry (hash mismatch), a deleted or
 * reordered one (sequence gap or broken link), a truncated tail (head disagrees) and entries
 * added past the head. The head is read first and the walk stops there, so entries appended
 * while it runs (committed with their head update) are not mistaken for tampering.
 */
export async function verifyAudit(db: Tx, batch = 50_000): Promise<Verification> {
  const started = performance.now()
  let prev = GENESIS
  let expectedSeq = 1
  let count = 0
  let indexRows = 0
  const fail = (seq: number, reason: string): Verification => ({
    ok: false,
    entries: count,
    firstBadSeq: seq,
    reason,
    durationMs: performance.now() - started,
  })
  const head = await readHead(db)
  const end = Number(head?.seq ?? 0)
  const postgres = isPostgres(db)
  const canon = canonicalSql(postgres)
  for (;;) {
    // PostgreSQL hashes in the database (its sha256 is the same function); SQLite hands us the
    // canonical text. Either way the links and the sequence are checked here.
    const check = postgres
      ? sql<string>`case when encode(sha256(convert_to(prev_hash || chr(31) || ${canon}, 'UTF8')), 'hex') = hash then '' else 'x' end`
      : canon
    const rows = await db
      .selectFrom('audit_log')
      .select(['seq', 'prev_hash', 'hash', check.as('canon'), personCount.as('persons_n')])
      .where('seq', '>=', expectedSeq)
      .where('seq', '<=', end)
      .orderBy('seq')
      .limit(batch)
      .execute()
    for (const r of rows) {
      const seq = Number(r.seq)
      if (seq !== expectedSeq) return fail(expectedSeq, 'missing entry')
      if (r.prev_hash !== prev) return fail(seq, 'broken link')
      if (postgres ? r.canon !== '' : hashText(prev, r.canon) !== r.hash) return fail(seq, 'altered entry')
      prev = r.hash
      expectedSeq++
      count++
      indexRows += Number(r.persons_n)
    }
    if (rows.length < batch) break
  }
  if (!head || count !== end || head.hash !== prev) return fail(count + 1, 'missing entries at the end')
  // Rows past the head are legitimate only if the head, read after them, covers them.
  const last = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst()
  const latest = await readHead(db)
  if (Number(last?.seq ?? 0) > Number(latest?.seq ?? 0)) return fail(Number(latest?.seq ?? 0) + 1, 'entries past the head')
  const badIndex = await firstIndexMismatch(db, end, indexRows)
  if (badIndex !== null) return fail(badIndex, 'person index differs from the entry')
  return { ok: true, entries: count, firstBadSeq: null, reason: null, durationMs: performance.now() - started }
}

/** How many audit_persons rows the entries up to `end` call for: their persons, or their one person_id. */
export const personCount = sql<number>`case when persons is not null then length(persons) - length(replace(persons, ',', '')) + 1 when person_id is not null then 1 else 0 end`

/**
 * The person index (audit_persons) is what the DPO's questions read, so it must say what the
 * hashed entries say. The walk counts the rows the entries call for; they are compared with the
 * index's count (one pass over the index), and only when they differ is the first entry whose
 * index rows are missing or extra looked for.
 */
export async function firstIndexMismatch(db: Tx, end: number, expected: number): Promise<number | null> {
  const have = await db
    .selectFrom('audit_persons')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('seq', '<=', end)
    .executeTakeFirstOrThrow()
  if (expected === Number(have.n)) return null
  const row = await db
    .selectFrom('audit_log as a')
    .select('a.seq')
    .where('a.seq', '<=', end)
    .where((eb) =>
      eb(
        sql<number>`case when a.persons is not null then length(a.persons) - length(replace(a.persons, ',', '')) + 1 when a.person_id is not null then 1 else 0 end`,
        '<>',
        eb
          .selectFrom('audit_persons as p')
          .select((p) => p.fn.countAll<number>().as('n'))
          .whereRef('p.seq', '=', 'a.seq'),
      ),
    )
    .orderBy('a.seq')
    .limit(1)
    .executeTakeFirst()
  return row ? Number(row.seq) : end
}

/**
 * The chain proves that no entry was changed alone; someone able to write to the database could
 * still rewrite an entry and every hash after it, head included. An anchor — an entry's number
 * and hash, kept outside the database (the DPO's register, a signed e-mail) — closes that: a
 * rewritten log no longer matches the anchors taken before.
 */
export type Anchor = { seq: number; hash: string }

export function parseAnchor(text: string): Anchor | null {
  const m = /^(\d{1,15}):([0-9a-f]{64})$/.exec(text.trim())
  return m ? { seq: Number(m[1]), hash: m[2] as string } : null
}

export async function currentAnchor(db: Tx): Promise<Anchor> {
  const head = await readHead(db)
  return { seq: Number(head?.seq ?? 0), hash: head?.hash ?? GENESIS }
}

/** The first anchor the log no longer matches, or null when it matches them all. */
export async function checkAnchors(db: Tx, anchors: Anchor[]): Promise<{ seq: number; reason: string } | null> {
  for (const a of [...anchors].sort((x, y) => x.seq - y.seq)) {
    if (a.seq === 0) continue
    const row = await db.selectFrom('audit_log').select('hash').where('seq', '=', a.seq).executeTakeFirst()
    if (!row) return { seq: a.seq, reason: 'anchored entry missing' }
    if (row.hash !== a.hash) return { seq: a.seq, reason: 'entry differs from its anchor: the log was rewritten' }
  }
  return null
}
