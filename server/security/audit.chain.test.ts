import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Db, openDatabase } from '../db/database'
import { migrate } from '../db/migrate'
import { type AuditEntry, appendAudit, appendAuditMany, entryHash, verifyAudit } from './audit.chain'

let dir: string
let db: Db

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-chain-'))
  db = openDatabase({ kind: 'sqlite', file: path.join(dir, 'chain.sqlite') }).db
  await migrate(db, 'sqlite')
})
afterEach(async () => {
  await db.destroy()
  fs.rmSync(dir, { recursive: true, force: true })
})

const entry = (i: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
  actorId: `actor-${i % 3}`,
  actorRole: 'worker',
  action: i % 2 ? 'person.viewed' : 'person.created',
  subjectType: 'person',
  subjectId: `p-${i}`,
  personId: `p-${i}`,
  persons: [],
  purpose: null,
  outcome: 'success',
  requestId: `r-${i}`,
  clientIp: '127.0.0.1',
  details: { i },
  ...over,
})

async function appendMany(n: number): Promise<void> {
  for (let i = 1; i <= n; i++) await db.transaction().execute((trx) => appendAudit(trx, entry(i)))
}

async function unlock(): Promise<void> {
  await sql`drop trigger audit_log_no_update`.execute(db)
  await sql`drop trigger audit_log_no_delete`.execute(db)
}

describe('audit hash chain', () => {
  it('numbers entries from 1, links each to the previous one, and verifies', async () => {
    expect(await verifyAudit(db)).toMatchObject({ ok: true, entries: 0, firstBadSeq: null })
    await appendMany(6)
    const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute()
    expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5, 6])
    expect(rows[0]?.prev_hash).toBe('0'.repeat(64))
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash)
    const head = await db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow()
    expect([Number(head.seq), head.hash]).toEqual([6, rows[5]?.hash])
    expect(await verifyAudit(db)).toMatchObject({ ok: true, entries: 6, firstBadSeq: null, reason: null })
    expect(await verifyAudit(db, 2)).toMatchObject({ ok: true, entries: 6 })
  })

  it('hashes every column: changing any one changes the hash', async () => {
    await appendMany(1)
    const { hash, prev_hash, ...row } = await db.selectFrom('audit_log').selectAll().executeTakeFirstOrThrow()
    const base = { ...row, seq: Number(row.seq) }
    expect(entryHash(prev_hash, base)).toBe(hash)
    const changes: Record<string, unknown> = {
      seq: 2,
      at: 'x',
      actor_id: 'x',
      actor_role: 'x',
      action: 'x',
      subject_type: 'x',
      subject_id: 'x',
      person_id: 'x',
      purpose: 'x',
      outcome: 'denied',
      request_id: 'x',
      client_ip: 'x',
      details: '{}',
      persons: 'x',
    }
    expect(Object.keys(changes).sort()).toEqual(Object.keys(base).sort())
    for (const [col, value] of Object.entries(changes)) expect(entryHash(prev_hash, { ...base, [col]: value }), col).not.toBe(hash)
    expect(entryHash('f'.repeat(64), base)).not.toBe(hash)
    // Null and empty string must not be confusable across adjacent columns.
    expect(entryHash(prev_hash, { ...base, actor_id: null, actor_role: `${base.actor_id}${base.actor_role}` })).not.toBe(hash)
    expect(entryHash(prev_hash, { ...base, purpose: null })).not.toBe(entryHash(prev_hash, { ...base, purpose: '' }))
  })

  it('appends a batch with one head update, chained in order and continuing the chain', async () => {
    await appendMany(2)
    const seqs = await db.transaction().execute((trx) => appendAuditMany(trx, [entry(3), entry(4), entry(5)]))
    expect(seqs).toEqual([3, 4, 5])
    await appendMany(1)
    expect(await verifyAudit(db)).toMatchObject({ ok: true, entries: 6 })
  })

  it('refuses a value holding a field separator, which could shift field boundaries', async () => {
    await expect(db.transaction().execute((trx) => appendAudit(trx, { ...entry(1), action: 'a\x1fb' }))).rejects.toThrow(/separator/)
    expect(await verifyAudit(db)).toMatchObject({ ok: true, entries: 0 })
  })

  it('a rolled-back transaction leaves neither entry nor head change', async () => {
    await appendMany(2)
    await expect(
      db.transaction().execute(async (trx) => {
        await appendAudit(trx, entry(3))
        throw new Error('the change failed')
      }),
    ).rejects.toThrow('the change failed')
    await db.transaction().execute((trx) => appendAudit(trx, entry(4)))
    expect(await verifyAudit(db)).toMatchObject({ ok: true, entries: 3 })
  })

  it('the database refuses updates and deletes while the triggers are in place', async () => {
    await appendMany(2)
    await expect(db.updateTable('audit_log').set({ outcome: 'denied' }).where('seq', '=', 1).execute()).rejects.toThrow(/append-only/)
    await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/)
    expect(await verifyAudit(db)).toMatchObject({ ok: true, entries: 2 })
  })

  it('detects an edited entry at its sequence number', async () => {
    await appendMany(5)
    await unlock()
    await db.updateTable('audit_log').set({ actor_id: 'someone-else' }).where('seq', '=', 3).execute()
    expect(await verifyAudit(db)).toMatchObject({ ok: false, firstBadSeq: 3, reason: 'altered entry', entries: 2 })
  })

  it('detects an edit whose hash was recomputed: the next link breaks', async () => {
    await appendMany(5)
    await unlock()
    const row = await db.selectFrom('audit_log').selectAll().where('seq', '=', 3).executeTakeFirstOrThrow()
    const { hash: _h, prev_hash, ...rest } = { ...row, outcome: 'denied' as const }
    await db
      .updateTable('audit_log')
      .set({ outcome: 'denied', hash: entryHash(prev_hash, { ...rest, seq: 3 }) })
      .where('seq', '=', 3)
      .execute()
    expect(await verifyAudit(db)).toMatchObject({ ok: false, firstBadSeq: 4, reason: 'broken link' })
  })

  it('detects a deleted entry, also across a batch boundary', async () => {
    await appendMany(6)
    await unlock()
    await db.deleteFrom('audit_log').where('seq', '=', 3).execute()
    expect(await verifyAudit(db)).toMatchObject({ ok: false, firstBadSeq: 3, reason: 'missing entry' })
    expect(await verifyAudit(db, 2)).toMatchObject({ ok: false, firstBadSeq: 3, reason: 'missing entry' })
  })

  it('detects a deleted first entry', async () => {
    await appendMany(3)
    await unlock()
    await db.deleteFrom('audit_log').where('seq', '=', 1).execute()
    expect(await verifyAudit(db)).toMatchObject({ ok: false, firstBadSeq: 1 })
  })

  it('detects two entries swapped', async () => {
    await appendMany(5)
    await unlock()
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', 'in', [2, 3]).orderBy('seq').execute()
    const [a, b] = rows as [(typeof rows)[number], (typeof rows)[number]]
    const { seq: _a, ...contentA } = a
    const { seq: _b, ...contentB } = b
    await db.updateTable('audit_log').set(contentB).where('seq', '=', 2).execute()
    await db.updateTable('audit_log').set(contentA).where('seq', '=', 3).execute()
    expect(await verifyAudit(db)).toMatchObject({ ok: false, firstBadSeq: 2 })
  })

  it('detects a truncated tail, and a wiped log', async () => {
    await appendMany(5)
    await unlock()
    await db.deleteFrom('audit_log').where('seq', '>=', 4).execute()
    expect(await verifyAudit(db)).toMatchObject({ ok: false, firstBadSeq: 4, reason: 'missing entries at the end', entries: 3 })
    await db.deleteFrom('audit_log').execute()
    expect(await verifyAudit(db)).toMatchObject({ ok: false, firstBadSeq: 1, reason: 'missing entries at the end' })
  })

  it('does not cry wolf when entries are appended while it verifies', async () => {
    await appendMany(5)
    // Verification starts first; the appends queue behind its first read and commit before its last.
    const checks = [verifyAudit(db), verifyAudit(db, 2)]
    const appends = Array.from({ length: 4 }, (_, i) => db.transaction().execute((trx) => appendAudit(trx, entry(6 + i))))
    const [whole, batched] = await Promise.all([...checks, ...appends])
    expect(whole).toMatchObject({ ok: true, firstBadSeq: null })
    expect(batched).toMatchObject({ ok: true, firstBadSeq: null })
    expect(await verifyAudit(db)).toMatchObject({ ok: true, entries: 9 })
  })

  it('detects a forged entry appended past the head', async () => {
    await appendMany(3)
    const head = await db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow()
    const forged = {
      seq: 4,
      at: new Date().toISOString(),
      actor_id: null,
      actor_role: null,
      action: 'forged',
      subject_type: null,
      subject_id: null,
      person_id: null,
      purpose: null,
      outcome: 'success' as const,
      request_id: null,
      client_ip: null,
      details: null,
    }
    await db
      .insertInto('audit_log')
      .values({ ...forged, prev_hash: head.hash, hash: entryHash(head.hash, forged) })
      .execute()
    expect(await verifyAudit(db)).toMatchObject({ ok: false, firstBadSeq: 4 })
  })

  it('hashes the persons of an entry when it has them, and leaves older entries, written without, as they were', async () => {
    await appendAuditMany(db, [entry(1), entry(2, { persons: ['p-2', 'q-2'] })])
    const [old, listed] = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute()
    expect(old?.persons).toBe('p-1')
    expect(listed?.persons).toBe('p-2,q-2')
    // An entry of before the persons column (persons null) hashes as it always did.
    const { hash: _h, prev_hash: prev, ...before } = { ...old!, persons: null }
    expect(entryHash(prev, { ...before, seq: 1 })).toBe(entryHash(prev, { ...before, seq: 1, persons: undefined }))
    expect(entryHash(prev, { ...before, seq: 1 })).not.toBe(old?.hash)
    await unlock()
    await db.updateTable('audit_log').set({ persons: 'p-2' }).where('seq', '=', 2).execute()
    expect(await verifyAudit(db)).toMatchObject({ ok: false, firstBadSeq: 2, reason: 'altered entry' })
    await db.updateTable('audit_log').set({ persons: null }).where('seq', '=', 2).execute()
    expect(await verifyAudit(db)).toMatchObject({ ok: false, firstBadSeq: 2 })
  })

  it('indexes every person of an entry, and detects an index that no longer says what the entries say', async () => {
    await appendAuditMany(db, [entry(1), entry(2, { persons: ['p-2', 'q-2', 'r-2'] }), entry(3, { personId: null, subjectId: null })])
    const index = await db.selectFrom('audit_persons').selectAll().orderBy('seq').orderBy('person_id').execute()
    expect(index.map((r) => [Number(r.seq), r.person_id])).toEqual([
      [1, 'p-1'],
      [2, 'p-2'],
      [2, 'q-2'],
      [2, 'r-2'],
    ])
    expect(await verifyAudit(db)).toMatchObject({ ok: true, entries: 3 })
    await sql`drop trigger audit_persons_no_delete`.execute(db)
    await db.deleteFrom('audit_persons').where('person_id', '=', 'q-2').execute()
    expect(await verifyAudit(db)).toMatchObject({ ok: false, firstBadSeq: 2, reason: 'person index differs from the entry' })
    await db.insertInto('audit_persons').values({ person_id: 'q-2', seq: 2 }).execute()
    await db.insertInto('audit_persons').values({ person_id: 'x-3', seq: 3 }).execute()
    expect(await verifyAudit(db)).toMatchObject({ ok: false, firstBadSeq: 3, reason: 'person index differs from the entry' })
  })
})
