import crypto from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema'

type Tx = Kysely<Database> | Transaction<Database>

export type AuditEntry = {
  at: string
  actorId: string | null
  actorRole: string | null
  action: string
  subjectType: string | null
  subjectId: string | null
  /** The person the entry concerns, when there is one: the DPO filters on it. */
  personId: string | null
  purpose: string | null
  outcome: 'success' | 'denied' | 'failure' | 'not_found'
  requestId: string | null
  clientIp: string | null
  details: Record<string, unknown> | null
}

const GENESIS = '0'.repeat(64)
const SEP = '\x1f'

/** The hashed form of an entry; any change to any column changes the hash. */
export function entryHash(prevHash: string, r: Omit<Database['audit_log'], 'hash' | 'prev_hash'>): string {
  const text = [
    r.seq,
    r.at,
    r.actor_id ?? '',
    r.actor_role ?? '',
    r.action,
    r.subject_type ?? '',
    r.subject_id ?? '',
    r.person_id ?? '',
    r.purpose ?? '',
    r.outcome,
    r.request_id ?? '',
    r.client_ip ?? '',
    r.details ?? '',
  ].join(SEP)
  return crypto.createHash('sha256').update(prevHash).update(SEP).update(text).digest('hex')
}

/**
 * Appends one entry. Must run inside the transaction of the change it records: the head row
 * update takes the write lock, so concurrent appends are serialised on both engines and the
 * chain never forks.
 */
export async function appendAudit(trx: Tx, e: AuditEntry): Promise<number> {
  const head = await trx
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow()
  const row = {
    seq: Number(head.seq),
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
    details: e.details ? JSON.stringify(e.details) : null,
  }
  const hash = entryHash(head.hash, row)
  await trx
    .insertInto('audit_log')
    .values({ ...row, prev_hash: head.hash, hash })
    .execute()
  await trx.updateTable('audit_head').set({ hash }).where('id', '=', 1).execute()
  return row.seq
}

export type Verification = {
  ok: boolean
  entries: number
  firstBadSeq: number | null
  reason: string | null
  durationMs: number
}

const readHead = (db: Tx) => db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst()

/**
 * Walks the whole chain in order. Detects an edited entry (hash mismatch), a deleted or
 * reordered one (sequence gap or broken link), a truncated tail (head disagrees) and entries
 * added past the head. The head is read first and the walk stops there, so entries appended
 * while it runs (committed with their head update) are not mistaken for tampering.
 */
export async function verifyAudit(db: Tx, batch = 20_000): Promise<Verification> {
  const started = performance.now()
  let prev = GENESIS
  let expectedSeq = 1
  let count = 0
  const fail = (seq: number, reason: string): Verification => ({
    ok: false,
    entries: count,
    firstBadSeq: seq,
    reason,
    durationMs: performance.now() - started,
  })
  const head = await readHead(db)
  const end = Number(head?.seq ?? 0)
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .where('seq', '<=', end)
      .orderBy('seq')
      .limit(batch)
      .execute()
    for (const r of rows) {
      const seq = Number(r.seq)
      if (seq !== expectedSeq) return fail(expectedSeq, 'missing entry')
      if (r.prev_hash !== prev) return fail(seq, 'broken link')
      const { hash, prev_hash: _p, ...rest } = r
      if (entryHash(prev, { ...rest, seq }) !== hash) return fail(seq, 'altered entry')
      prev = hash
      expectedSeq++
      count++
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
  return { ok: true, entries: count, firstBadSeq: null, reason: null, durationMs: performance.now() - started }
}
